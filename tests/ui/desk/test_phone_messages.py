"""The supervisor's tab of phone messages: a location still waiting for its call, and an ordinary SMS the line's
modem received, read and marked read with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.services.locations import LocationService
from tests.callcenter.services.test_locations import fix, sms
from tests.ui.conftest import Console


def test_waiting_locations_and_kept_sms_reach_the_supervisor(qtbot: QtBot, supervisor_console: Console) -> None:
    console = supervisor_console
    service = LocationService(console.db, console.clock)
    service.receive_sms(sms(console.clock, fix(), sender="+6281399887766"))  # type: ignore[arg-type]
    service.receive_sms(sms(console.clock, "Pak, kebakaran di Jl. Veteran", sender="+6281233334444"))  # type: ignore[arg-type]
    qtbot.keyClick(console.window, Qt.Key.Key_F12)
    supervision = console.desk.supervision
    assert supervision is not None and supervision.phone_messages is not None
    panel = supervision.phone_messages
    qtbot.waitUntil(lambda: panel.waiting_model.rowCount() == 1 and panel.sms_model.rowCount() == 1, timeout=5000)
    assert panel.waiting_model.index(0, 1).data() == "+6281399887766"
    assert panel.sms_model.index(0, 2).data() == "Pak, kebakaran di Jl. Veteran"
    board = supervision.board_window
    assert board is not None
    board.tabs.setCurrentWidget(panel)
    board.activateWindow()
    qtbot.waitUntil(board.isActiveWindow, timeout=3000)
    panel.sms_view.setFocus()
    panel.sms_view.setCurrentIndex(panel.sms_model.index(0, 0))
    qtbot.keyClick(panel.sms_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.sms_model.index(0, 3).data() == "hendra", timeout=5000)
    assert "0 SMS belum dibaca" in panel.status.text()
