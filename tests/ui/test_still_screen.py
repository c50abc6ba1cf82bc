"""A screen that stays still: calls arriving and leaving, notes, a line going down and the database going away
never move what the operator is working on (issue: 22-pixel jumps put clicks on the wrong row)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from callcenter.cid.sources import LineState, LineStatus
from callcenter.services.base import Actor
from tests.ui.conftest import Console, make_actor


def where(widget: QWidget) -> tuple[int, int]:
    point = widget.mapTo(widget.window(), QPoint(0, 0))
    return point.x(), point.y()


def test_nothing_below_the_banner_moves_while_the_operator_types(qtbot: QtBot, console: Console) -> None:
    window = console.window
    window.resize(1366, 768)
    first = console.ring("081234567801")
    qtbot.waitUntil(lambda: window.banner.call_ids() == [first], timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.mode == "call", timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.mode == "incident", timeout=3000)
    qtbot.wait(200)  # the call form turns compact as the incident form opens: that settles first
    form = window.incident_form
    watched = [form.description, form.category, form.save_button, window.stack]
    before = [where(widget) for widget in watched]
    banner_height = window.banner.height()

    # One call, then a burst of five (more than the banner shows), one taken by another desk, a line down,
    # the database away: the banner and the notice slot keep their heights; the form stays where it was.
    console.ring("081234567802")
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=3000)
    assert [where(widget) for widget in watched] == before
    numbers = [f"08123456781{n}" for n in range(5)]
    for number in numbers:
        console.ring(number)
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 6, timeout=3000)
    assert any(label.text().startswith("+3") for label in window.banner.findChildren(QLabel))  # 3 cards + 3 more
    other: Actor = make_actor(console.db, console.clock, "dewi")
    console.calls.claim_oldest(other)
    qtbot.waitUntil(lambda: bool(window.banner.taken.text()), timeout=5000)
    window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.DOWN, "port closed",
                                              console.clock()))
    console.desk.outage.set_outage("feed", "server closed the connection")
    qtbot.wait(50)
    assert window.banner.height() == banner_height
    assert [where(widget) for widget in watched] == before



def test_a_line_down_notice_is_white_on_red(qtbot: QtBot, console: Console) -> None:
    """The notice slot's texts take the colour of its kind (they stayed dark green on red, hard to read)."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from ui.app import stylesheet

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(stylesheet())  # the console's own look, as ui.app gives it
    try:
        notices = console.window.notices
        notices.set_notice("lines", "line", "SALURAN TERPUTUS")
        assert notices.label.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
        notices.set_notice("lines", None)
        assert notices.label.palette().color(QPalette.ColorRole.WindowText).name() == "#2e5f34"
    finally:
        app.setStyleSheet("")
