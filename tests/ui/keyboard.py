"""Keys pressed as an operator presses them, counted (the console's speed targets are counts of keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


class Keyboard:
    """Keys as an operator presses them: each goes where a real keyboard sends it (an open completer popup, else
    the focused widget, else the window), and every key is counted except the free text of the description."""

    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window
        self.count = 0

    def target(self) -> QWidget:
        return QApplication.activePopupWidget() or QApplication.focusWidget() or self.window

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.target(), key, modifier)
        self.count += 1

    def type(self, letters: str) -> None:
        """Letters that pick something (a category, a kecamatan): each one counts."""
        for letter in letters:
            self.qtbot.keyClicks(self.target(), letter)
            self.count += 1

    def free_text(self, text: str) -> None:
        """What the caller said: typed, not counted (the target counts keys beyond the free text)."""
        self.qtbot.keyClicks(self.target(), text)

    def tab_until(self, widget: QWidget, limit: int = 30) -> None:
        while not widget.hasFocus():
            assert self.count < limit, f"{widget!r} never got the focus"
            self.press(Qt.Key.Key_Tab)
