"""Admins edit the categories' questions in the console (Ctrl+Shift+K), keys only; operators cannot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Console
from ui.admin import CategoryQuestionsDialog

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def open_dialog(qtbot: QtBot, console: Console) -> CategoryQuestionsDialog:
    qtbot.keyClick(console.window, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, CategoryQuestionsDialog) and w.isVisible()]
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=3000)
    dialog.activateWindow()  # the dialog's own keys (Ctrl+S, Alt+Up) work in the active window, as on a desk
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def test_an_admin_rewords_reorders_and_removes_questions_with_the_keys(qtbot: QtBot, admin_console: Console) -> None:
    dialog = open_dialog(qtbot, admin_console)
    assert dialog.windowTitle() == "Kategori dan pertanyaan"
    assert dialog.list.currentItem().text() == "Kebakaran (4)"
    assert dialog.prompts_id[0].text() == "Ada orang yang terjebak di dalam?"
    assert dialog.prompts_en[0].text() == "Is anyone trapped inside?"
    dialog.prompts_id[1].setFocus()
    qtbot.keyClick(dialog.prompts_id[1], Qt.Key.Key_Up, ALT)  # "what is burning" first
    assert dialog.prompts_id[0].text().startswith("Apa yang terbakar") and dialog.prompts_id[0].hasFocus()
    dialog.prompts_id[3].clear()  # the gas question goes
    dialog.prompts_en[3].clear()
    dialog.prompts_id[4].setFocus()
    qtbot.keyClicks(dialog.prompts_id[4], "Berapa lantai bangunannya?")
    qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: dialog.message.kind == "ok", timeout=3000)
    admin_console.idle(qtbot)
    assert dialog.list.currentItem().text() == "Kebakaran (4)" and dialog.message.kind == "ok"
    assert dialog.message.text().startswith("Tersimpan: Kebakaran.")
    fire = dialog.current.category_id  # type: ignore[union-attr]
    saved = admin_console.services.questions.all_active()[fire]
    assert [q.prompt_id for q in saved] == ["Apa yang terbakar (rumah, toko, kendaraan, lahan)?",
                                           "Ada orang yang terjebak di dalam?", "Ada korban luka atau luka bakar?",
                                           "Berapa lantai bangunannya?"]
    assert saved[0].prompt_en == "What is burning (house, shop, vehicle, land)?"  # moved with its question
    # The admin's own desk asks the new questions at once (through the change feed).
    form = admin_console.window.incident_form
    qtbot.waitUntil(lambda: [q.prompt_id for q in form._questions[fire]] == [q.prompt_id for q in saved],
                    timeout=5000)
    dialog.close()


def test_a_problem_is_shown_on_its_line_and_nothing_is_saved(qtbot: QtBot, admin_console: Console) -> None:
    dialog = open_dialog(qtbot, admin_console)
    dialog.prompts_id[2].clear()
    dialog.prompts_en[2].setText("Only English")
    dialog.prompts_id[5].setText("ada orang yang TERJEBAK di dalam?")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.row_errors[2].isHidden(), timeout=3000)
    assert dialog.row_errors[2].text() == "pertanyaan dalam bahasa Indonesia wajib diisi"
    dialog.prompts_en[2].clear()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text() == "pertanyaan yang sama tercantum dua kali", timeout=3000)
    fire = dialog.current.category_id  # type: ignore[union-attr]
    assert len(admin_console.services.questions.all_active()[fire]) == 4
    dialog.close()


def test_operators_have_no_admin_menu(qtbot: QtBot, console: Console) -> None:
    assert not [b for b in console.window.findChildren(object) if getattr(b, "objectName", lambda: "")()
                == "adminButton"]
    qtbot.keyClick(console.window, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, CategoryQuestionsDialog)]
