from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.db.enums import CallState, CallType
from tests.ui.conftest import Console
from tests.ui.keyboard import Keyboard


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
    keys = Keyboard(qtbot, console.window)
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    keys.press(Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    keys.press(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    info = console.calls.get(call_id)
    assert info.call_type is CallType.PRANK and info.state is CallState.ENDED
    assert console.callers.history("081234567890").prank_count == 1
    assert keys.count == 2


def test_a_located_incident_takes_at_most_15_keys_beyond_the_description(qtbot: QtBot, console: Console) -> None:
    """F2, F5, a few letters of the category, kecamatan and desa each with Tab, the description, Ctrl+S."""
    keys = Keyboard(qtbot, console.window)
    form = console.window.incident_form
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    keys.press(Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    keys.press(Qt.Key.Key_F5)
    keys.type("keb")
    keys.tab_until(form.kecamatan.lineEdit())
    keys.type("pur")
    keys.tab_until(form.desa.lineEdit())
    keys.type("kal")
    keys.tab_until(form.description)
    keys.free_text("Api di dapur rumah makan, dua orang masih di dalam")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    incident = console.incidents.get(console.calls.get(call_id).incident_id or 0)
    assert (incident.category_name_id, incident.kecamatan_name, incident.desa_name) == \
        ("Kebakaran", "Purwakarta", "Nagri Kaler")
    assert incident.description == "Api di dapur rumah makan, dua orang masih di dalam"
    print(f"keys beyond the description: {keys.count}")
    assert keys.count <= 15


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


def test_the_talk_timer_runs_from_the_answer_and_stops_when_the_caller_hangs_up(qtbot: QtBot,
                                                                                console: Console) -> None:
    from callcenter.cid.events import CallerIdEvent, EventKind, Presentation

    form = console.window.call_form
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    console.clock.advance(12)  # it rang a while: the timer counts the talk, not the ringing
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    assert form.talk.text() == "bicara 0:00" and form.talk.isVisible()
    console.clock.advance(83)
    qtbot.waitUntil(lambda: form.talk.text() == "bicara 1:23", timeout=3000)  # ticks every second
    qtbot.keyClick(console.window, Qt.Key.Key_F5)  # still shown beside the incident form
    assert form.talk.isVisible()
    console.clock.advance(7)
    console.intake.process([("test", CallerIdEvent(
        format="test", kind=EventKind.END, received_at=console.clock(), raw="END", line="1",
        number="081234567890", presentation=Presentation.ALLOWED))])
    qtbot.waitUntil(lambda: form.talk.text() == "bicara 1:30" and not form.talk_running(), timeout=3000)
    console.clock.advance(40)
    qtbot.wait(1200)
    assert form.talk.text() == "bicara 1:30"  # stopped at the hang-up
    qtbot.keyClick(console.window, Qt.Key.Key_Escape)
    qtbot.keyClick(console.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    assert not form.talk_running() and form.talk.text() == ""


def test_the_talk_timer_stops_when_the_call_is_closed_and_restarts_for_the_next(qtbot: QtBot,
                                                                                console: Console) -> None:
    form = console.window.call_form
    first = console.ring("081234567890")
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [first], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    console.clock.advance(3725)
    qtbot.waitUntil(lambda: form.talk.text() == "bicara 1:02:05", timeout=3000)
    second = console.ring("085722334455")
    qtbot.keyClick(console.window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    assert not form.talk_running()
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [second], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    assert form.talk.text() == "bicara 0:00" and form.talk_running()
