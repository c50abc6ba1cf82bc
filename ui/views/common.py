"""What the views share: words for core errors, time in WIB, the current UI language, small widgets."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from callcenter.clock import to_wib
from callcenter.db.enums import CallState, CallType, IncidentStatus, Role
from ui.errors import field_label


def _t(text: str) -> str:
    """For texts marked elsewhere (QT_TRANSLATE_NOOP); literal texts call translate() directly so that
    pyside6-lupdate finds them."""
    return QCoreApplication.translate("Views", text)


def current_language() -> str:
    """'id' when the Indonesian translation is installed, else 'en' (the source language)."""
    # The Indonesian .ts translates this marker to "id"; with no translator Qt returns the source text.
    return "id" if QCoreApplication.translate("Language", "en") == "id" else "en"


# -- time --------------------------------------------------------------------------------------------------

def wib_time(moment: datetime | None, now: datetime | None = None) -> str:
    """'14:05' today, '02/03 14:05' on another day (WIB). Empty for None."""
    if moment is None:
        return ""
    local = to_wib(moment)
    if now is not None and to_wib(now).date() == local.date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%d/%m %H:%M")


def wib_table(moment: datetime | None) -> str:
    """Date and time for a table column whose header already says WIB."""
    return to_wib(moment).strftime("%d/%m/%Y %H:%M:%S") if moment is not None else ""


def wib_short(moment: datetime | None) -> str:
    return to_wib(moment).strftime("%d/%m/%Y %H:%M") if moment is not None else ""


def wib_full(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return to_wib(moment).strftime("%d/%m/%Y %H:%M:%S") + " WIB"


def age_text(age: timedelta) -> str:
    """A ticking age: 04:07, 2:04:07, and whole days as '3d 02:04' (translated)."""
    seconds = max(0, int(age.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        text = QCoreApplication.translate("Views", "%1d %2:%3")
        return text.replace("%1", str(days)).replace("%2", f"{hours:02d}").replace("%3", f"{minutes:02d}")
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


# -- enums in words ----------------------------------------------------------------------------------------

def status_text(status: IncidentStatus | str) -> str:
    words = {
        IncidentStatus.OPEN: QCoreApplication.translate("Views", "Open"),
        IncidentStatus.DISPATCHED: QCoreApplication.translate("Views", "Forwarded"),
        IncidentStatus.IN_PROGRESS: QCoreApplication.translate("Views", "In progress"),
        IncidentStatus.RESOLVED: QCoreApplication.translate("Views", "Resolved"),
        IncidentStatus.CLOSED: QCoreApplication.translate("Views", "Closed"),
    }
    return words.get(IncidentStatus(status), str(status))


def call_type_text(call_type: CallType | str | None) -> str:
    if call_type is None:
        return QCoreApplication.translate("Views", "Unclassified")
    words = {
        CallType.NORMAL: QCoreApplication.translate("Views", "Normal"),
        CallType.INFORMASI: QCoreApplication.translate("Views", "Information"),
        CallType.PRANK: QCoreApplication.translate("Views", "Prank"),
        CallType.GHOST: QCoreApplication.translate("Views", "Ghost"),
        CallType.SALAH_SAMBUNG: QCoreApplication.translate("Views", "Wrong number"),
        CallType.TEST: QCoreApplication.translate("Views", "Test"),
    }
    return words.get(CallType(call_type), str(call_type))


def call_state_text(state: CallState | str) -> str:
    words = {
        CallState.RINGING: QCoreApplication.translate("Views", "Ringing"),
        CallState.ANSWERED: QCoreApplication.translate("Views", "Answered"),
        CallState.MISSED: QCoreApplication.translate("Views", "Missed"),
        CallState.ENDED: QCoreApplication.translate("Views", "Ended"),
    }
    return words.get(CallState(state), str(state))


def role_text(role: Role | str) -> str:
    words = {
        Role.OPERATOR: QCoreApplication.translate("Views", "operator"),
        Role.SUPERVISOR: QCoreApplication.translate("Views", "supervisor"),
        Role.ADMIN: QCoreApplication.translate("Views", "admin"),
        Role.SYSTEM: QCoreApplication.translate("Views", "system"),
    }
    return words.get(Role(role), str(role))


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
