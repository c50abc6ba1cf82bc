from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Console


def test_f1_lists_every_shortcut_and_any_key_closes_the_list(qtbot: QtBot, console: Console) -> None:
    window = console.window
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.overlay.isVisible()
    shown = {label.text() for label in window.overlay.findChildren(QLabel)}
    listed = {entry.key for entry in window.shortcuts.entries}
    for key in window.shortcuts.shortcuts:
        if key in listed:
            assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in shown, key
    # An operator's only unlisted keys are the supervisors' and admins' ones, which say whose keys they are.
    assert set(window.shortcuts.shortcuts) - listed == {"F12", "Ctrl+Shift+A", "Ctrl+P", "Ctrl+Shift+O", "Ctrl+Shift+K"}
    assert "Angkat panggilan tertua yang berdering" in shown
    assert "Golongkan panggilan: Prank" in shown
    qtbot.keyClick(window.overlay, Qt.Key.Key_A)
    assert not window.overlay.isVisible()


def test_every_action_button_names_its_key_in_the_tooltip(qtbot: QtBot, console: Console) -> None:
    console.ring("081234567890")
    qtbot.waitUntil(lambda: bool(console.window.banner.call_ids()), timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F5)
    keys = ("F2", "F3", "F5", "F6", "F7", "F8", "F9", "F10", "Ctrl+S", "Ctrl+G", "Ctrl+N", "F1", "Ctrl+Q", "Esc",
            "Ctrl+Shift+L", "Ctrl+,", "Ctrl+1", "Ctrl+2")
    buttons = [b for b in console.window.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    missing = [b.text() for b in buttons if b is not console.window.language_button
               and not any(f"({key})" in b.toolTip() for key in keys)]
    assert missing == []
