"""The keyboard map: every operator action's key, its tooltip, and the F1 overlay that lists them all.

Keys are chosen so that a call never needs the mouse: F2 answers the oldest ringing call, F5-F10 classify
it (F5 Normal opens the incident form), Ctrl+S saves, Ctrl+N enters a report that came another way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

ANSWER = "F2"
CALLER_HISTORY = "F3"
CALL_TYPE_KEYS = {
    "normal": "F5",
    "informasi": "F6",
    "prank": "F7",
    "ghost": "F8",
    "salah_sambung": "F9",
    "test": "F10",
}
SAVE = "Ctrl+S"
LINK = "Ctrl+G"
NEW_REPORT = "Ctrl+N"
END_CALL = "Ctrl+E"
FOCUS_QUEUE = "Ctrl+1"
FOCUS_MISSED = "Ctrl+2"
FOCUS_UNITS = "Ctrl+3"
FOCUS_DELIVERIES = "Ctrl+4"
FORWARD = "F4"
REPORTS = "Ctrl+P"
SETTINGS = "Ctrl+,"
LOGOUT = "Ctrl+Q"
SUPERVISOR_BOARD = "F12"
AUDIT_LOG = "Ctrl+Shift+A"
LOCK = "Ctrl+Shift+L"
ADMIN_OPERATORS = "Ctrl+Shift+O"
ADMIN_QUESTIONS = "Ctrl+Shift+K"
HELP = "F1"
CANCEL = "Esc"


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass(frozen=True, slots=True)
class ShortcutEntry:
    key: str
    description: str


def with_key(text: str, key: str) -> str:
    """Tooltip text that always names the key, e.g. 'Answer the oldest ringing call (F2)'."""
    native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key
    return f"{text} ({native})"


class ShortcutMap:
    """Collects every shortcut the window registers, so the overlay can never be out of date."""

    def __init__(self) -> None:
        self.entries: list[ShortcutEntry] = []
        self.shortcuts: dict[str, QShortcut] = {}

    def add(self, parent: QWidget, key: str, description: str, slot: Callable[[], object], *,
            button: QAbstractButton | None = None, context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
            listed: bool = True) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), parent)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        self.shortcuts[key] = shortcut
        if listed:
            self.entries.append(ShortcutEntry(key, description))
        if button is not None:
            button.setToolTip(with_key(description, key))
        return shortcut

    def note(self, key: str, description: str) -> None:
        """List a key handled elsewhere (a widget's own key handling) in the overlay."""
        self.entries.append(ShortcutEntry(key, description))

    def set_enabled(self, enabled: bool) -> None:
        """All keys on or off at once (off while the console is locked)."""
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(enabled)


class ShortcutOverlay(QFrame):
    """F1: an opaque panel listing every key, over the window below ``below`` (the ringing banner: calls stay in
    sight while the operator reads); any key or click closes it."""

    def __init__(self, shortcuts: ShortcutMap, parent: QWidget, below: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutOverlay")
        self.setAutoFillBackground(True)  # solid: what lies under it never shows through the list
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._shortcuts = shortcuts
        self._below = below
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        title = QLabel(_t("Keyboard shortcuts"))
        title.setObjectName("overlayTitle")
        layout.addWidget(title)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(24)
        self._grid.setVerticalSpacing(4)
        for column in (1, 3):  # the descriptions take the width; each key sits right beside its own
            self._grid.setColumnStretch(column, 1)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.footer = QLabel()
        self.footer.setObjectName("overlayFooter")
        self.footer.setWordWrap(True)
        self.footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.footer)
        hint = QLabel(_t("Press any key to close this list."))
        layout.addWidget(hint)
        self.hide()
        parent.installEventFilter(self)

    def open(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        entries = self._shortcuts.entries
        half = (len(entries) + 1) // 2
        for index, entry in enumerate(entries):
            column = 0 if index < half else 2
            row = index if index < half else index - half
            key = QLabel(QKeySequence(entry.key).toString(QKeySequence.SequenceFormat.NativeText) or entry.key)
            key.setObjectName("overlayKey")
            self._grid.addWidget(key, row, column)
            self._grid.addWidget(QLabel(entry.description), row, column + 1)
        self.place()
        self.show()
        self.raise_()
        self.setFocus()

    def keyPressEvent(self, event: object) -> None:
        self.hide()

    def mousePressEvent(self, event: object) -> None:
        self.hide()

    def place(self) -> None:
        """Everything of the parent below ``below`` (all of it without one)."""
        parent = self.parentWidget()
        if parent is None:
            return
        top = self._below.geometry().bottom() + 1 if self._below is not None else 0
        self.setGeometry(0, top, parent.width(), max(0, parent.height() - top))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible() and isinstance(watched, QWidget):
            self.place()
        return super().eventFilter(watched, event)
