"""The category's questions beside the description: shown when the category is chosen, answered with Tab from the
description, saved with the incident; an admin's change on any desk reaches the open form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.db.enums import Role
from callcenter.services.questions import QuestionInput
from tests.ui.conftest import Console, make_actor
from tests.ui.keyboard import Keyboard
from tests.ui.test_incident_flow import answer_normal


def test_the_category_questions_appear_beside_the_description_and_are_saved(qtbot: QtBot,
                                                                            console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    form = console.window.incident_form
    box = form.questions_box
    assert not box.isVisible()  # no category yet: nothing to ask
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    assert box.isVisible()
    assert box.title.text() == "Tanyakan kepada penelepon:"
    prompts = [label.text() for label in box.labels]
    assert prompts[:2] == ["Ada orang yang terjebak di dalam?", "Apa yang terbakar (rumah, toko, kendaraan, lahan)?"]
    # Beside the description, at the same height, and next in the Tab order after it.
    description_right = form.description.mapTo(form, form.description.rect().topRight())
    box_left = box.mapTo(form, box.rect().topLeft())
    assert box_left.x() > description_right.x() and abs(box_left.y() - description_right.y()) < 30
    keys.type("pur")
    keys.press(Qt.Key.Key_Tab)
    keys.type("kal")
    keys.press(Qt.Key.Key_Tab)
    keys.free_text("Rumah makan terbakar")
    keys.press(Qt.Key.Key_Tab)
    assert box.fields[0].hasFocus()
    keys.free_text("Ya, dua orang di lantai atas")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)  # what is burning: not asked yet
    keys.free_text("satu orang luka bakar")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: console.window.mode == "idle", timeout=3000)
    incident = console.incidents.get(console.calls.get(call_id).incident_id or 0)
    assert [(a.question, a.answer) for a in incident.answers] == [
        ("Ada orang yang terjebak di dalam?", "Ya, dua orang di lantai atas"),
        ("Ada korban luka atau luka bakar?", "satu orang luka bakar")]
    # The incident's window shows them too (a supervisor reviewing it, a dispatcher forwarding it later).
    from PySide6.QtWidgets import QApplication

    from ui.views.incident_detail import IncidentDetailDialog

    console.desk.panels.open_incident(incident.id)
    [detail] = [w for w in QApplication.topLevelWidgets() if isinstance(w, IncidentDetailDialog) and w.isVisible()]
    qtbot.waitUntil(lambda: detail.answers.isVisible(), timeout=3000)
    assert detail.answers.text() == ("Ada orang yang terjebak di dalam? Ya, dua orang di lantai atas\n"
                                     "Ada korban luka atau luka bakar? satu orang luka bakar")
    console.idle(qtbot)
    detail.close()


def test_answers_survive_trying_another_category(qtbot: QtBot, console: Console) -> None:
    answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    form.questions_box.fields[0].setText("ya, satu anak")
    form.category.lineEdit().setFocus()
    form.category.lineEdit().selectAll()
    keys.type("pohon")
    keys.press(Qt.Key.Key_Tab)
    assert form.questions_box.fields[0].text() == ""
    assert form.questions_box.labels[0].text() == \
        "Apakah pohon menutup jalan?"
    form.category.lineEdit().setFocus()
    form.category.lineEdit().selectAll()
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    assert form.questions_box.fields[0].text() == "ya, satu anak"


def test_an_admins_change_on_another_desk_reaches_the_open_form(qtbot: QtBot, console: Console) -> None:
    answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    assert len(form.questions_box.fields) == 4
    admin = make_actor(console.db, console.clock, "admin", Role.ADMIN)
    fire = form.category.currentData()
    console.services.questions.save(admin, fire, [QuestionInput("Berapa lantai bangunannya?", "How many floors?")])
    qtbot.waitUntil(lambda: len(form.questions_box.fields) == 1, timeout=5000)
    assert form.questions_box.labels[0].text() == "Berapa lantai bangunannya?"


def test_an_unfinished_form_keeps_its_answers_in_the_draft(qtbot: QtBot, console: Console) -> None:
    call_id = answer_normal(qtbot, console)
    form = console.window.incident_form
    keys = Keyboard(qtbot, console.window)
    keys.type("keb")
    keys.press(Qt.Key.Key_Tab)
    form.questions_box.fields[1].setText("gudang kayu")
    draft = form.snapshot()
    assert not form.is_blank()
    form.start_for_call(call_id, None, None)  # as after a crash: an empty form, then the draft
    assert form.is_blank() and not form.questions_box.isVisible()
    form.restore(draft)
    assert form.questions_box.fields[1].text() == "gudang kayu"
    assert [a.answer for a in form.draft().answers] == ["gudang kayu"]  # type: ignore[union-attr]
