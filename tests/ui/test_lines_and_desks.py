from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.cid.sources import LineStatus, Subscriber, make_source
from callcenter.db.enums import CallState
from tests.ui.conftest import Console, make_actor


def test_a_call_another_desk_takes_leaves_the_banner_saying_who(qtbot: QtBot, console: Console) -> None:
    first = console.ring("081234567890")
    second = console.ring("085722334455")
    banner = console.window.banner
    qtbot.waitUntil(lambda: banner.call_ids() == [first, second], timeout=3000)
    other_desk = make_actor(console.db, console.clock, "budi")
    console.calls.claim(other_desk, first)  # the other desk's console, through the same service
    qtbot.waitUntil(lambda: banner.call_ids() == [second], timeout=3000)
    qtbot.waitUntil(lambda: bool(banner.taken.text()), timeout=3000)
    assert banner.taken.text() == "0812-3456-7890 diangkat oleh budi"
    # One key still answers the oldest call this desk can get.
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.desk.flow.current is not None, timeout=3000)
    assert console.desk.flow.current.id == second
    assert console.calls.get(second).state is CallState.ANSWERED


def test_the_banner_answers_with_space_when_it_has_focus(qtbot: QtBot, console: Console) -> None:
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    console.window.banner.setFocus()
    qtbot.keyClick(console.window.banner, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    # After answering, focus is on the call-type buttons.
    assert console.window.call_form.buttons[next(iter(console.window.call_form.buttons))].hasFocus()


@pytest.fixture
def ncid_server() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server
    server.close()


def test_a_line_going_down_raises_an_alarm_that_clears_when_it_is_back(qtbot: QtBot, console: Console,
                                                                         ncid_server: socket.socket) -> None:
    port = ncid_server.getsockname()[1]
    source = make_source(f"tcp://127.0.0.1:{port}?format=ncid")
    source.subscribe(Subscriber(on_state=console.bridge.on_line_state))
    strip = console.window.line_strip
    source.start()
    try:
        connection, _ = ncid_server.accept()
        qtbot.waitUntil(lambda: strip.chip_text(source.key).endswith(": aktif"), timeout=5000)
        assert source.state.status is LineStatus.UP and not strip.alarm_visible()
        connection.close()
        ncid_server.close()  # the server is gone: the line is down until it is back
        qtbot.waitUntil(strip.alarm_visible, timeout=5000)
        assert strip.alarm_text.startswith("SALURAN TERPUTUS")
        assert strip.chip_text(source.key).endswith(": TERPUTUS")
        assert [state.source_key for state in strip.down_lines()] == [source.key]
        back = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        back.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        back.bind(("127.0.0.1", port))
        back.listen()
        try:
            back.settimeout(10)
            reconnected, _ = back.accept()
            qtbot.waitUntil(lambda: not strip.alarm_visible(), timeout=5000)
            assert strip.chip_text(source.key).endswith(": aktif")
            reconnected.close()
        finally:
            back.close()
    finally:
        source.stop()


def test_a_caller_who_hangs_up_before_anyone_answers_leaves_a_note(qtbot: QtBot, console: Console) -> None:
    from callcenter.cid.events import CallerIdEvent, EventKind, Presentation

    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    console.clock.advance(20)
    console.intake.process([("test", CallerIdEvent(
        format="test", kind=EventKind.END, received_at=console.clock(), raw="END", line="1",
        number="081234567890", presentation=Presentation.ALLOWED))])
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [], timeout=3000)
    qtbot.waitUntil(lambda: bool(console.window.banner.taken.text()), timeout=3000)
    assert console.window.banner.taken.text() == \
        "0812-3456-7890 menutup telepon sebelum diangkat: lihat panggilan tak terjawab (Ctrl+2)."
    assert console.calls.get(call_id).state is CallState.MISSED


def test_f3_opens_the_caller_history_and_ctrl_q_asks_for_the_handover(qtbot: QtBot, console: Console) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.views.caller_history import CallerHistoryDialog
    from ui.views.handover import HandoverDialog

    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F3)
    [history] = [w for w in QApplication.topLevelWidgets() if isinstance(w, CallerHistoryDialog) and w.isVisible()]
    history.close()
    qtbot.keyClick(console.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert "Selesaikan dulu panggilan ini." in console.window.status_label.text()  # not with a call in hand
    console.window.activateWindow()
    qtbot.waitUntil(console.window.isActiveWindow, timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    [handover] = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandoverDialog) and w.isVisible()]
    console.idle(qtbot)
    handover.note.setPlainText("nihil")
    with qtbot.waitSignal(console.window.logout_requested, timeout=5000):
        qtbot.mouseClick(handover.save_button, Qt.MouseButton.LeftButton)
