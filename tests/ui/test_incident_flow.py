from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.db.enums import CallState, CallType, Channel
from callcenter.services.incidents import IncidentDraft
from tests.ui.conftest import Console
from tests.ui.keyboard import Keyboard

PURWAKARTA = "32.14.01"


def desa_code(console: Console, name: str) -> str:
    form = console.window.incident_form
    return next(a.code for a in form.reference.desa if a.name == name)


def answer_normal(qtbot: QtBot, console: Console, number: str = "081234567890") -> int:
    call_id = console.ring(number)
    qtbot.waitUntil(lambda: console.window.banner.call_ids() == [call_id], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F5)
    assert console.window.mode == "incident"
    return call_id


def type_into(qtbot: QtBot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_a_normal_call_saves_an_incident_with_kecamatan_and_desa(qtbot: QtBot, console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    form = console.window.incident_form
    assert form.category.lineEdit().hasFocus()  # after Normal, the operator's eyes go to the category
    assert form.callback_number.text() == "0812-3456-7890"  # pre-filled from caller ID
    type_into(qtbot, form.category.lineEdit(), "kebakaran")
    assert form.priority.currentData() == "P1"  # the category's default priority
    type_into(qtbot, form.kecamatan.lineEdit(), "Purwakarta")
    type_into(qtbot, form.desa.lineEdit(), "Nagri Kaler")
    form.landmark.setText("seberang Pasar Rebo")
    form.description.setPlainText("Api di dapur <b>rumah makan</b> & asap tebal 🔥 — dua orang di dalam")
    qtbot.keyClick(console.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    call = console.calls.get(call_id)
    assert call.incident_id is not None and call.call_type is CallType.NORMAL and call.state is CallState.ENDED
    incident = console.incidents.get(call.incident_id)
    assert incident.kecamatan_code == PURWAKARTA
    assert incident.desa_code == desa_code(console, "Nagri Kaler")
    assert incident.category_name_id == "Kebakaran"
    assert incident.description.startswith("Api di dapur <b>rumah makan</b> & asap tebal 🔥")
    assert incident.number in console.window.status_label.text()
    # F4 forwards the incident just saved to its agencies.
    from PySide6.QtWidgets import QApplication

    from ui.dispatch.dialog import DispatchDialog

    qtbot.keyClick(console.window, Qt.Key.Key_F4)
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DispatchDialog) and w.isVisible()]
    console.idle(qtbot)
    dialog.close()


def test_typing_a_desa_alone_fills_its_kecamatan(qtbot: QtBot, console: Console) -> None:
    answer_normal(qtbot, console)
    form = console.window.incident_form
    type_into(qtbot, form.desa.lineEdit(), "Nagri Kaler")
    assert form.kecamatan.currentData() == PURWAKARTA
    assert form.desa.currentData() == desa_code(console, "Nagri Kaler")
    assert all(a.parent_code == PURWAKARTA for a in form.reference.desa
               if a.code in {form.desa.itemData(i) for i in range(form.desa.count())})


def test_linking_a_call_to_an_open_incident(qtbot: QtBot, console: Console) -> None:
    desa = desa_code(console, "Nagri Kaler")
    category = next(c.id for c in console.window.incident_form.reference.categories if c.code == "kebakaran")
    existing = console.incidents.create(console.actor, IncidentDraft(
        category_id=category, kecamatan_code=PURWAKARTA, desa_code=desa, description="Kebakaran gudang"))
    call_id = answer_normal(qtbot, console, "085722334455")
    form = console.window.incident_form
    type_into(qtbot, form.desa.lineEdit(), "Nagri Kaler")
    qtbot.waitUntil(lambda: form.suggestion_ids() == [existing.id], timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    assert console.calls.get(call_id).incident_id == existing.id
    assert any(entry.kind == "call_linked" for entry in console.incidents.timeline(existing.id))
    assert existing.number in console.window.status_label.text()


def test_an_incomplete_incident_says_what_is_missing_next_to_each_field(qtbot: QtBot, console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    form = console.window.incident_form
    form.latitude.setText("-6,55x")
    qtbot.keyClick(console.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.problem_text("latitude") == "lintang bukan angka (contoh: -6.5569)"
    form.latitude.clear()
    form.description.setPlainText("x" * 20_001)
    qtbot.keyClick(console.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(form.problem_text("category_id")), timeout=3000)
    assert form.problem_text("category_id") == "pilih kategori"
    assert form.problem_text("kecamatan_code") == "isi kecamatan (atau setidaknya alamat)"
    assert form.problem_text("description") == \
        "terlalu panjang: paling banyak 20,000 karakter (sekarang 20,001)"
    assert len(form.description.toPlainText()) == 20_001  # nothing typed is lost
    assert form.category.lineEdit().hasFocus()  # focus on the first field that needs attention
    assert console.window.mode == "incident"
    assert console.calls.get(call_id).incident_id is None


def test_a_report_that_came_by_whatsapp_is_entered_without_a_call(qtbot: QtBot, console: Console) -> None:
    qtbot.keyClick(console.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert console.window.mode == "report"
    form = console.window.incident_form
    assert form.channel.isVisible() and form.channel.hasFocus()
    form.channel.setCurrentIndex(form.channel.findData(Channel.SP4N_LAPOR.value))
    type_into(qtbot, form.category.lineEdit(), "Kebakaran")
    type_into(qtbot, form.kecamatan.lineEdit(), "Purwakarta")
    form.description.setPlainText("Laporan warga lewat SP4N LAPOR")
    qtbot.keyClick(console.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    [incident] = console.incidents.open_incidents()
    assert incident.channel is Channel.SP4N_LAPOR and incident.kecamatan_code == PURWAKARTA


def test_escape_goes_back_from_the_incident_form_to_the_call_types(qtbot: QtBot, console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    qtbot.keyClick(console.window, Qt.Key.Key_Escape)
    assert console.window.mode == "call"
    qtbot.keyClick(console.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    assert console.calls.get(call_id).call_type is CallType.GHOST


def test_enter_takes_the_highlighted_name_and_goes_on_to_the_next_field(qtbot: QtBot, console: Console) -> None:
    answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("pur")
    assert form.category.currentIndex() == -1  # no category has "pur" in its name
    form.kecamatan.lineEdit().setFocus()
    keys.type("pur")
    keys.press(Qt.Key.Key_Return)
    assert form.kecamatan.currentData() == PURWAKARTA and form.kecamatan.currentText() == "Purwakarta"
    assert form.desa.lineEdit().hasFocus()
    keys.type("nagri")  # three desa start with it: the first is highlighted, Down moves to the next
    popup = form.desa.completer().popup()
    assert popup.isVisible() and popup.currentIndex().data() == "Nagri Kaler"
    assert form.desa.lineEdit().text() == "nagri"  # the highlight does not type for the operator
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Enter)
    assert form.desa.currentData() == desa_code(console, "Nagri Kidul")
    assert form.description.hasFocus()


def test_letters_found_only_inside_several_names_choose_nothing(qtbot: QtBot, console: Console) -> None:
    answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    keys.type("an")  # inside Babakancikao, Darangdan, Maniis, ...: no kecamatan starts with it
    keys.press(Qt.Key.Key_Tab)
    assert form.kecamatan.currentIndex() == -1
    form.description.setPlainText("Asap di gudang")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.problem_text("kecamatan_code") == "kecamatan tidak dikenal: pilih dari daftar"
    assert console.window.mode == "incident"


def test_ctrl_s_saves_while_a_list_is_open(qtbot: QtBot, console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    form.description.setPlainText("Kebakaran lahan")
    form.kecamatan.lineEdit().setFocus()
    keys.type("jatil")
    assert form.kecamatan.completer().popup().isVisible()
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    incident = console.incidents.get(console.calls.get(call_id).incident_id or 0)
    assert incident.kecamatan_name == "Jatiluhur"
