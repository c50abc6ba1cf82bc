from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.db.enums import CallState, CallType
from tests.ui.conftest import Console


def test_a_ring_appears_in_the_banner_and_f2_answers_it(qtbot: QtBot, console: Console) -> None:
    call_id = console.ring("081234567890")
    banner = console.window.banner
    qtbot.waitUntil(lambda: banner.call_ids() == [call_id], timeout=3000)
    assert "0812-3456-7890" in banner._cards[0].number.text()
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.desk.flow.current is not None, timeout=3000)
    assert console.calls.get(call_id).state is CallState.ANSWERED
    qtbot.waitUntil(lambda: banner.call_ids() == [], timeout=3000)


def test_f7_closes_a_prank_and_the_prank_count_goes_up(qtbot: QtBot, console: Console) -> None:
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    info = console.calls.get(call_id)
    assert info.call_type is CallType.PRANK and info.state is CallState.ENDED
    assert console.callers.history("081234567890").prank_count == 1


def test_the_call_form_says_when_the_caller_hangs_up(qtbot: QtBot, console: Console) -> None:
    from callcenter.cid.events import CallerIdEvent, EventKind, Presentation

    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    assert not console.window.call_form.hung_up.isVisible()
    console.clock.advance(30)
    console.intake.process([("test", CallerIdEvent(
        format="test", kind=EventKind.END, received_at=console.clock(), raw="END", line="1",
        number="081234567890", presentation=Presentation.ALLOWED))])
    qtbot.waitUntil(console.window.call_form.hung_up.isVisible, timeout=3000)
    assert console.window.call_form.hung_up.text().startswith("Penelepon sudah menutup telepon")
    qtbot.keyClick(console.window, Qt.Key.Key_F8)  # still one key to close it
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    assert console.calls.get(call_id).call_type is CallType.GHOST
