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


# -- errors ------------------------------------------------------------------------------------------------

FIELD_LABELS = {
    "category_id": QT_TRANSLATE_NOOP("Views", "Category"),
    "priority": QT_TRANSLATE_NOOP("Views", "Priority"),
    "kecamatan_code": QT_TRANSLATE_NOOP("Views", "Kecamatan"),
    "desa_code": QT_TRANSLATE_NOOP("Views", "Desa/kelurahan"),
    "address": QT_TRANSLATE_NOOP("Views", "Address"),
    "landmark": QT_TRANSLATE_NOOP("Views", "Landmark"),
    "latitude": QT_TRANSLATE_NOOP("Views", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("Views", "Longitude"),
    "reporter_name": QT_TRANSLATE_NOOP("Views", "Reporter"),
    "callback_number": QT_TRANSLATE_NOOP("Views", "Callback number"),
    "description": QT_TRANSLATE_NOOP("Views", "Description"),
    "disposition": QT_TRANSLATE_NOOP("Views", "Disposition"),
    "note": QT_TRANSLATE_NOOP("Views", "Note"),
    "reason": QT_TRANSLATE_NOOP("Views", "Reason"),
    "number": QT_TRANSLATE_NOOP("Views", "Number"),
    "hours": QT_TRANSLATE_NOOP("Views", "Hours"),
    "handover_note": QT_TRANSLATE_NOOP("Views", "Handover note"),
    "name": QT_TRANSLATE_NOOP("Views", "Name"),
    "url": QT_TRANSLATE_NOOP("Views", "URL"),
    "host": QT_TRANSLATE_NOOP("Views", "Desk"),
    "operator": QT_TRANSLATE_NOOP("Views", "Operator"),
}

# Core problem texts (English) and their patterns; each is translated in the "CoreMessages" context.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^at most ([\d,.]+) characters \(now ([\d,.]+)\)$"), "at most %1 characters (now %2)"),
    (re.compile(r"^at most ([\d,.]+) characters$"), "at most %1 characters"),
    (re.compile(r"^incident (\S+) is already closed$"), "incident %1 is already closed"),
    (re.compile(r"^incident (\S+) is not closed$"), "incident %1 is not closed"),
    (re.compile(r"^this source is already configured \((.*)\)$"), "this source is already configured (%1)"),
    (re.compile(r"^unknown caller-ID source scheme '(.*?)' in '(.*)'; use serial, tcp, udp, ami, sim or a "
                r"pyserial URL such as rfc2217://$"),
     "unknown caller-ID source scheme '%1' in '%2'; use serial, tcp, udp, ami, sim or a pyserial URL such as "
     "rfc2217://"),
    (re.compile(r"^'(.*)' is not a caller-ID source URL \(expected .*\)$"),
     "'%1' is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, "
     "ami://user:secret@host, sim://)"),
    (re.compile(r"^no answer within (.*) s$"), "no answer within %1 s"),
)


# Core sentences (English, from callcenter/) that the UI translates; listed so pyside6-lupdate keeps them.
CORE_MESSAGES = (
    QT_TRANSLATE_NOOP("CoreMessages", "choose a category"),
    QT_TRANSLATE_NOOP("CoreMessages", "P1, P2, P3 or P4"),
    QT_TRANSLATE_NOOP("CoreMessages", "describe what happened"),
    QT_TRANSLATE_NOOP("CoreMessages", "give the kecamatan (or at least an address)"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown kecamatan"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown desa/kelurahan"),
    QT_TRANSLATE_NOOP("CoreMessages", "this desa/kelurahan is not in the chosen kecamatan"),
    QT_TRANSLATE_NOOP("CoreMessages", "give both latitude and longitude, or neither"),
    QT_TRANSLATE_NOOP("CoreMessages", "between -90 and 90"),
    QT_TRANSLATE_NOOP("CoreMessages", "between -180 and 180"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a valid telephone number"),
    QT_TRANSLATE_NOOP("CoreMessages", "the note is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "say how it ended"),
    QT_TRANSLATE_NOOP("CoreMessages", "a reason is required"),
    QT_TRANSLATE_NOOP("CoreMessages", "between 0 and 720 hours"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot be edited"),
    QT_TRANSLATE_NOOP("CoreMessages", "write the handover note (write 'nihil' if nothing is open)"),
    QT_TRANSLATE_NOOP("CoreMessages", "give the source a name (for example 'Line 112 modem')"),
    QT_TRANSLATE_NOOP("CoreMessages", "a closed incident cannot be edited; reopen it first"),
    QT_TRANSLATE_NOOP("CoreMessages", "only a missed call can be called back"),
    QT_TRANSLATE_NOOP("CoreMessages", "another operator is handling this call"),
    QT_TRANSLATE_NOOP("CoreMessages", "this shift session belongs to another operator"),
    QT_TRANSLATE_NOOP("CoreMessages", "this shift session has already ended"),
    QT_TRANSLATE_NOOP("CoreMessages", "a shift session belongs to a logged-in operator"),
    QT_TRANSLATE_NOOP("CoreMessages", "the caller-ID source URL is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "Connection refused"),
    QT_TRANSLATE_NOOP("CoreMessages", "connection closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "connection lost"),
    QT_TRANSLATE_NOOP("CoreMessages", "stopped"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 characters (now %2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "incident %1 is already closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "incident %1 is not closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "this source is already configured (%1)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "unknown caller-ID source scheme '%1' in '%2'; use serial, tcp, udp, ami, sim or a pyserial URL such "
        "as rfc2217://"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'%1' is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, "
        "ami://user:secret@host, sim://)"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "no answer within %1 s"),
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
    return _t(str(FIELD_LABELS.get(name, name)))


def problems_text(error: ValidationError) -> str:
    return "\n".join(f"{field_label(name)}: {core_text(text)}" for name, text in error.problems.items())


def error_text(error: BaseException) -> str:
    """One or two sentences an operator understands, in the UI language."""
    if isinstance(error, ValidationError):
        return problems_text(error)
    if isinstance(error, PermissionDenied):
        text = QCoreApplication.translate("Views", "Your role (%1) is not allowed to do this.")
        return text.replace("%1", role_text(error.role))
    if isinstance(error, AlreadyClaimed):
        text = QCoreApplication.translate("Views", "Another desk (%1) took this call first.")
        return text.replace("%1", error.claimed_by or "?")
    if isinstance(error, ConflictError):
        text = QCoreApplication.translate("Views", "This was changed by someone else in the meantime.")
        return text + "\n" + core_text(str(error))
    if isinstance(error, NotFound):
        return QCoreApplication.translate("Views", "It no longer exists; someone may have removed it.")
    if isinstance(error, DatabaseUnavailable):
        text = QCoreApplication.translate(
            "Views", "The database cannot be reached. Check the network or the server, then try again.")
        return text + "\n" + str(error)
    if isinstance(error, UserFixableError | KonsolError):
        return core_text(str(error))
    text = QCoreApplication.translate("Views", "Something went wrong: %1")
    return text.replace("%1", f"{type(error).__name__}: {error}")


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
