"""What the views share: a category's name in the UI language, timeline texts, small widgets. Times, durations and
the words of the core's values come from the one vocabulary, ui.words."""

from __future__ import annotations

import re
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui.errors import field_label
from ui.words import current_language


def _t(text: str) -> str:
    """For texts marked elsewhere (QT_TRANSLATE_NOOP); literal texts call translate() directly so that
    pyside6-lupdate finds them."""
    return QCoreApplication.translate("Views", text)


def category_text(name_id: str, name_en: str) -> str:
    return name_id if current_language() == "id" else name_en


# -- small widgets -----------------------------------------------------------------------------------------

def shortcut_tip(button: QAbstractButton, tip: str, key: QKeySequence | str) -> None:
    """Set the shortcut and show it in the tooltip (keyboard-first: every action says its key)."""
    sequence = QKeySequence(key)
    button.setShortcut(sequence)
    button.setToolTip(f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")


class MessageBar(QLabel):
    """An inline message above a form: error (red), warning (amber) or info (blue); hidden when empty."""

    STYLES: ClassVar[dict[str, str]] = {
        "error": "background:#fdecea; color:#8c1d18; border:1px solid #f2b8b5;",
        "warning": "background:#fff4d6; color:#6b4a00; border:1px solid #f0d48a;",
        "info": "background:#e8f1fb; color:#0b3d6e; border:1px solid #b6d2f0;",
        "ok": "background:#e7f5ea; color:#1b5e20; border:1px solid #a9d8b0;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel {{ {self.STYLES[kind]} border-radius:4px; padding:6px 8px; }}")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


# -- timeline texts ----------------------------------------------------------------------------------------

_TIMELINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Kejadian (\S+) dibuat$"), str(QT_TRANSLATE_NOOP("Views", "Incident %1 created"))),
    (re.compile(r"^Ditutup: (.*)$", re.DOTALL), str(QT_TRANSLATE_NOOP("Views", "Closed: %1"))),
    (re.compile(r"^Dibuka kembali: (.*)$", re.DOTALL), str(QT_TRANSLATE_NOOP("Views", "Reopened: %1"))),
    (re.compile(r"^Panggilan dari tanpa caller ID$"), str(QT_TRANSLATE_NOOP("Views", "Call without caller ID"))),
    (re.compile(r"^Panggilan dari (.*)$"), str(QT_TRANSLATE_NOOP("Views", "Call from %1"))),
    (re.compile(r"^Disimpan tanpa perubahan$"), str(QT_TRANSLATE_NOOP("Views", "Saved without changes"))),
    (re.compile(r"^Dialihkan ke operator lain$"), str(QT_TRANSLATE_NOOP("Views", "Handed to another operator"))),
)
_CHANGED = re.compile(r"^Diubah: ([a-z_, ]+)$")


def timeline_text(text: str) -> str:
    """The core writes timeline entries in Indonesian; show them in the UI language, with field labels."""
    changed = _CHANGED.match(text)
    if changed:
        names = ", ".join(field_label(name.strip()) for name in changed.group(1).split(","))
        return QCoreApplication.translate("Views", "Changed: %1").replace("%1", names)
    for pattern, template in _TIMELINE:
        match = pattern.match(text)
        if match:
            result = _t(template)
            return result.replace("%1", match.group(1)) if match.groups() else result
    return text
