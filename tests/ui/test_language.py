"""Every visible string of the main window is in the chosen language: compared against every *_id.ts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from tests.ui.conftest import Console, build_console
from ui.i18n import TRANSLATIONS, Translations


def pairs() -> list[tuple[str, str]]:
    """(English source, Indonesian translation) of every .ts the console loads, where the two differ."""
    result = []
    messages = [m for ts in sorted(TRANSLATIONS.glob("*_id.ts")) for m in ET.parse(ts).iter("message")]
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation and translation != source:
            result.append((source, translation))
    return result


def pattern(text: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", text.strip())
    return re.compile(".+".join(re.escape(part) for part in parts), re.DOTALL)


def fragments(widget: QWidget) -> Iterator[str]:
    texts: list[str] = []
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.placeholderText()]
    if isinstance(widget, QPlainTextEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QComboBox) and not widget.isEditable():
        texts.append(widget.currentText())
    texts.append(widget.toolTip())
    for text in texts:
        for piece in re.split(r"  ·  |\n|  \[|; ", text):
            piece = piece.strip()
            if piece:
                yield piece


def visible_texts(console: Console) -> set[str]:
    window = console.window
    found = {window.windowTitle()}
    for widget in window.findChildren(QWidget):
        if widget.isVisible():
            found.update(fragments(widget))
    return found


def show_everything(qtbot: QtBot, console: Console) -> None:
    """Ring two calls, answer one, open the incident form and let it complain: most strings are on screen."""
    console.ring("081234567890")
    console.ring(None)
    qtbot.waitUntil(lambda: len(console.window.banner.call_ids()) == 2, timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F5)
    qtbot.keyClick(console.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(console.window.incident_form.problem_text("description")), timeout=3000)


@pytest.fixture(params=["id", "en"])
def any_console(request: pytest.FixtureRequest, qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations, request.param)


def test_the_main_window_speaks_one_language(qtbot: QtBot, any_console: Console) -> None:
    show_everything(qtbot, any_console)
    texts = visible_texts(any_console)
    language = any_console.window.language
    other = [(pattern(translation if language == "en" else source), translation if language == "en" else source)
             for source, translation in pairs()]
    wrong = sorted({text for text in texts for regex, original in other if regex.fullmatch(text)})
    assert wrong == [], f"{language} UI shows strings of the other language: {wrong}"
    own = [source if language == "en" else translation for source, translation in pairs()]
    shown_own = [text for text in own if any(pattern(text).fullmatch(t) for t in texts)]
    assert len(shown_own) > 40  # the check looked at a full window, not an empty one


def test_a_replaced_window_lets_go_of_the_bridge(qtbot: QtBot, any_console: Console) -> None:
    """The console rebuilds the window when the language changes; the old one must not react to calls any more."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.console.window import build_desk

    old = build_desk(any_console.parts, any_console.actor, any_console.window.language).window
    old.confirm_close = False
    old.show()
    old.close()
    old.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # Either would raise in the old window's slots if they were still connected.
    call_id = any_console.ring("081234567890")
    any_console.worker.error.emit(RuntimeError("late failure"))
    qtbot.waitUntil(lambda: any_console.window.banner.call_ids() == [call_id], timeout=3000)
