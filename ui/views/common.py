"""What the views share: words for core errors, time in WIB, the current UI language, small widgets."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from callcenter.clock import to_wib
from callcenter.db.enums import CallState, CallType, IncidentStatus, Role
from callcenter.errors import (
    AlreadyClaimed,
    ConflictError,
    DatabaseUnavailable,
    KonsolError,
    NotFound,
    PermissionDenied,
    UserFixableError,
    ValidationError,
)


def _t(text: str, context: str = "Views") -> str:
    return QCoreApplication.translate(context, text)


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
    return local.strftime("%d/%m/%Y %H:%M")


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
        return _t("%1d %2:%3").replace("%1", str(days)).replace("%2", f"{hours:02d}").replace("%3", f"{minutes:02d}")
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


# -- enums in words ----------------------------------------------------------------------------------------

def status_text(status: IncidentStatus | str) -> str:
    words = {
        IncidentStatus.OPEN: _t("Open"),
        IncidentStatus.DISPATCHED: _t("Forwarded"),
        IncidentStatus.IN_PROGRESS: _t("In progress"),
        IncidentStatus.RESOLVED: _t("Resolved"),
        IncidentStatus.CLOSED: _t("Closed"),
    }
    return words.get(IncidentStatus(status), str(status))


def call_type_text(call_type: CallType | str | None) -> str:
    if call_type is None:
        return _t("Unclassified")
    words = {
        CallType.NORMAL: _t("Normal"),
        CallType.INFORMASI: _t("Information"),
        CallType.PRANK: _t("Prank"),
        CallType.GHOST: _t("Ghost"),
        CallType.SALAH_SAMBUNG: _t("Wrong number"),
        CallType.TEST: _t("Test"),
    }
    return words.get(CallType(call_type), str(call_type))


def call_state_text(state: CallState | str) -> str:
    words = {
        CallState.RINGING: _t("Ringing"),
        CallState.ANSWERED: _t("Answered"),
        CallState.MISSED: _t("Missed"),
        CallState.ENDED: _t("Ended"),
    }
    return words.get(CallState(state), str(state))


def role_text(role: Role | str) -> str:
    words = {Role.OPERATOR: _t("operator"), Role.SUPERVISOR: _t("supervisor"), Role.ADMIN: _t("admin"),
             Role.SYSTEM: _t("system")}
    return words.get(Role(role), str(role))


def category_text(name_id: str, name_en: str) -> str:
    return name_id if current_language() == "id" else name_en


# -- errors ------------------------------------------------------------------------------------------------

FIELD_LABELS = {
    "category_id": "Category", "priority": "Priority", "kecamatan_code": "Kecamatan", "desa_code": "Desa/kelurahan",
    "address": "Address", "landmark": "Landmark", "latitude": "Latitude", "longitude": "Longitude",
    "reporter_name": "Reporter", "callback_number": "Callback number", "description": "Description",
    "disposition": "Disposition", "note": "Note", "reason": "Reason", "number": "Number", "hours": "Hours",
    "handover_note": "Handover note", "name": "Name", "url": "URL", "host": "Desk", "operator": "Operator",
}

# Core problem texts (English) and their patterns; each is translated in the "CoreMessages" context.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^at most ([\d,.]+) characters \(now ([\d,.]+)\)$"), "at most %1 characters (now %2)"),
    (re.compile(r"^at most ([\d,.]+) characters$"), "at most %1 characters"),
)


def core_text(text: str) -> str:
    """A core message in the UI language: known sentences and patterns are translated, others shown as is."""
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match:
            result = QCoreApplication.translate("CoreMessages", template)
            for number, value in enumerate(match.groups(), start=1):
                result = result.replace(f"%{number}", value)
            return result
    return QCoreApplication.translate("CoreMessages", text)


def field_label(name: str) -> str:
    return _t(FIELD_LABELS.get(name, name))


def problems_text(error: ValidationError) -> str:
    return "\n".join(f"{field_label(name)}: {core_text(text)}" for name, text in error.problems.items())


def error_text(error: BaseException) -> str:
    """One or two sentences an operator understands, in the UI language."""
    if isinstance(error, ValidationError):
        return problems_text(error)
    if isinstance(error, PermissionDenied):
        return _t("Your role (%1) is not allowed to do this.").replace("%1", role_text(error.role))
    if isinstance(error, AlreadyClaimed):
        return _t("Another desk (%1) took this call first.").replace("%1", error.claimed_by or "?")
    if isinstance(error, ConflictError):
        return _t("This was changed by someone else in the meantime.") + "\n" + core_text(str(error))
    if isinstance(error, NotFound):
        return _t("It no longer exists; someone may have removed it.")
    if isinstance(error, DatabaseUnavailable):
        return _t("The database cannot be reached. Check the network or the server, then try again.") \
            + "\n" + str(error)
    if isinstance(error, UserFixableError | KonsolError):
        return core_text(str(error))
    return _t("Something went wrong: %1").replace("%1", f"{type(error).__name__}: {error}")


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
