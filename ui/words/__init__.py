"""The console's one vocabulary: how every screen writes a moment, a duration, a number and each of the core's
values (call types and states, incident statuses, priorities, dispatch and unit statuses, delivery channels and
states, roles, unit types). Every screen takes its words from here, so one thing has one word.

Formats: dates dd-mm-yyyy, times 24 h, always in WIB; durations m:ss under an hour and h:mm:ss above; decimals
and thousands through QLocale (Indonesian "4,9 km", "1.234"). Words are translated in the context "Words";
the priorities and unit types are worded in the core (the slip, WhatsApp and the reports use the same words).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from callcenter.clock import to_wib
from callcenter.db.enums import (
    CallState,
    CallType,
    Channel,
    DeliveryChannel,
    DispatchStatus,
    IncidentStatus,
    OutboxState,
    Priority,
    Role,
    UnitStatus,
    priority_words,
)
from callcenter.services.dispatch_messages import unit_type_name

CONTEXT = "Words"
DATE_FORMAT = "%d-%m-%Y"
"""dd-mm-yyyy: the one date format of the console (and of the reports)."""
QT_DATE_FORMAT = "dd-MM-yyyy"
"""The same for Qt's date editors."""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def current_language() -> str:
    """'id' when the Indonesian translation is installed, else 'en' (the source language)."""
    # The Indonesian .ts translates this marker to "id"; with no translator Qt returns the source text.
    return "id" if QCoreApplication.translate("Language", "en") == "id" else "en"


# -- moments (always WIB) ----------------------------------------------------------------------------------

def date_text(value: date | datetime | None) -> str:
    """'02-03-2026' (a moment's date in WIB)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_wib(value).date()
    return value.strftime(DATE_FORMAT)


def time_text(moment: datetime | None, *, seconds: bool = True) -> str:
    """'14:05:09' (or '14:05') in WIB."""
    if moment is None:
        return ""
    return to_wib(moment).strftime("%H:%M:%S" if seconds else "%H:%M")


def datetime_text(moment: datetime | None, *, seconds: bool = True) -> str:
    """'02-03-2026 14:05:09' in WIB, for a column or a label that already says WIB."""
    if moment is None:
        return ""
    return f"{date_text(moment)} {time_text(moment, seconds=seconds)}"


def wib_text(moment: datetime | None, *, seconds: bool = True) -> str:
    """'02-03-2026 14:05:09 WIB' where nothing around it says WIB."""
    return f"{datetime_text(moment, seconds=seconds)} WIB" if moment is not None else ""


def when_text(moment: datetime | None, now: datetime | None) -> str:
    """A moment in a busy list: the time alone today, with the date on another day."""
    if moment is None:
        return ""
    if now is not None and to_wib(now).date() == to_wib(moment).date():
        return time_text(moment)
    return datetime_text(moment, seconds=False)


# -- durations and numbers ---------------------------------------------------------------------------------

def duration_text(value: float | timedelta | None) -> str:
    """A timer as a dispatcher reads it: '0:07', '12:40' under an hour, '3:05:12' (and '74:05:12') above."""
    if value is None:
        return ""
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def decimal_text(value: float, places: int = 1) -> str:
    """'4,9' in Indonesian, '4.9' in English (the console's QLocale)."""
    return QLocale().toString(float(value), "f", places)


def integer_text(value: int) -> str:
    """'1.234' in Indonesian, '1,234' in English."""
    return QLocale().toString(int(value))


def percent_text(fraction: float | None, places: int = 0) -> str:
    """'87%' (or '87,5%' with places) of a fraction; '–' when there is none."""
    return "–" if fraction is None else f"{decimal_text(fraction * 100, places)}%"


def km_text(kilometres: float) -> str:
    """'4,9 km'."""
    return tr("%1 km").replace("%1", decimal_text(kilometres, 1))


def seconds_text(seconds: float) -> str:
    """'12 s' / '12 dtk': a short count of seconds (the answer times)."""
    return tr("%1 s").replace("%1", integer_text(round(seconds)))


# -- the core's values in words ----------------------------------------------------------------------------

_Enum = TypeVar("_Enum", bound=StrEnum)


def _worded(words: Mapping[_Enum, str], kind: type[_Enum], value: _Enum | str) -> str:
    """The words for a stored value; a value this version does not know is shown as stored."""
    try:
        return words[kind(value)]
    except ValueError:
        return str(value)


def call_type_text(call_type: CallType | str | None) -> str:
    if call_type is None:
        return tr("Unclassified")
    words = {
        CallType.NORMAL: tr("Normal"),
        CallType.INFORMASI: tr("Information"),
        CallType.PRANK: tr("Prank"),
        CallType.GHOST: tr("Ghost"),
        CallType.SALAH_SAMBUNG: tr("Wrong number"),
        CallType.TEST: tr("Test"),
    }
    return _worded(words, CallType, call_type)


def call_state_text(state: CallState | str) -> str:
    words = {
        CallState.RINGING: tr("Ringing"),
        CallState.ANSWERED: tr("Answered"),
        CallState.MISSED: tr("Missed"),
        CallState.ENDED: tr("Ended"),
    }
    return _worded(words, CallState, state)


def incident_status_text(status: IncidentStatus | str) -> str:
    words = {
        IncidentStatus.OPEN: tr("Open"),
        IncidentStatus.DISPATCHED: tr("Forwarded"),
        IncidentStatus.IN_PROGRESS: tr("In progress"),
        IncidentStatus.RESOLVED: tr("Resolved"),
        IncidentStatus.CLOSED: tr("Closed"),
    }
    return _worded(words, IncidentStatus, status)


def priority_text(priority: Priority | str | None) -> str:
    """'P1 (nyawa terancam)': the core's one wording, in the console's language."""
    return priority_words(priority, current_language())


def report_channel_text(channel: Channel | str) -> str:
    """How a report reached the centre (the incident's channel)."""
    words = {
        Channel.TELEPON_112: tr("Telephone 112"),
        Channel.WHATSAPP: tr("WhatsApp Center"),
        Channel.SP4N_LAPOR: "SP4N LAPOR",
        Channel.OGAN_LOPIAN: "Ogan Lopian",
        Channel.DATANG_LANGSUNG: tr("Walk-in"),
        Channel.LAINNYA: tr("Other"),
    }
    return _worded(words, Channel, channel)


def dispatch_status_text(status: DispatchStatus | str) -> str:
    words = {
        DispatchStatus.NOTIFIED: tr("notified"),
        DispatchStatus.ACKNOWLEDGED: tr("acknowledged"),
        DispatchStatus.EN_ROUTE: tr("en route"),
        DispatchStatus.ON_SCENE: tr("on scene"),
        DispatchStatus.CLEARED: tr("cleared"),
        DispatchStatus.CANCELLED: tr("cancelled"),
    }
    return _worded(words, DispatchStatus, status)


def unit_status_text(status: UnitStatus | str) -> str:
    words = {
        UnitStatus.AVAILABLE: tr("available"),
        UnitStatus.DISPATCHED: tr("dispatched"),
        UnitStatus.EN_ROUTE: tr("en route"),
        UnitStatus.ON_SCENE: tr("on scene"),
        UnitStatus.OUT_OF_SERVICE: tr("out of service"),
    }
    return _worded(words, UnitStatus, status)


def unit_type_text(value: str | None) -> str:
    """'penyelamatan' for the stored 'rescue' (the core's list); a type an admin typed is shown as typed."""
    return unit_type_name(value, current_language())


def channel_text(channel: DeliveryChannel | str) -> str:
    """How a forward is delivered."""
    words = {
        DeliveryChannel.PRINT: tr("Printed slip"),
        DeliveryChannel.WHATSAPP: "WhatsApp",
        DeliveryChannel.EMAIL: tr("E-mail"),
        DeliveryChannel.WEBHOOK: tr("Webhook (EIDO)"),
    }
    return _worded(words, DeliveryChannel, channel)


def outbox_state_text(state: OutboxState | str) -> str:
    words = {
        OutboxState.PENDING: tr("pending"),
        OutboxState.SENT: tr("sent"),
        OutboxState.FAILED: tr("failed"),
        OutboxState.RETRYING: tr("retrying"),
        OutboxState.GAVE_UP: tr("failed, stopped retrying"),
    }
    return _worded(words, OutboxState, state)


# Why a delivery failed, as the outbox worker records it (English, for the logs): recognised by its distinctive
# part and worded here.
DELIVERY_REASONS: tuple[tuple[str, object], ...] = (
    ("connection refused: the agency's server is not listening",
     QT_TRANSLATE_NOOP("Words", "connection refused: the agency's server is not listening")),
    ("no answer from the agency's server", QT_TRANSLATE_NOOP("Words", "no answer from the agency's server in time")),
    ("cannot reach the agency's server", QT_TRANSLATE_NOOP("Words", "cannot reach the agency's server")),
    ("the agency's server answered HTTP",
     QT_TRANSLATE_NOOP("Words", "the agency's server answered with an error (HTTP %1)")),
    ("the mail server refused the SMTP user name or password",
     QT_TRANSLATE_NOOP("Words", "the mail server refused the SMTP user name or password")),
    ("e-mail is not set up",
     QT_TRANSLATE_NOOP("Words", "e-mail is not set up: an admin enters the mail server under Settings")),
    ("no SMTP password is stored",
     QT_TRANSLATE_NOOP("Words", "no SMTP password is stored; an admin enters it under Settings")),
    ("no web browser could open the WhatsApp link",
     QT_TRANSLATE_NOOP("Words", "no web browser could open the WhatsApp link; the text was copied: paste it into "
                                "WhatsApp yourself")),
    ("connection refused by", QT_TRANSLATE_NOOP("Words", "the mail server refused the connection")),
    ("cannot reach", QT_TRANSLATE_NOOP("Words", "cannot reach the server")),
)


def delivery_reason_text(reason: str) -> str:
    for needle, words in DELIVERY_REASONS:
        if needle in reason:
            text = tr(str(words))
            if "%1" in text:
                text = text.replace("%1", reason.rsplit("HTTP", 1)[-1].strip())
            return text
    return reason


def role_text(role: Role | str) -> str:
    words = {
        Role.OPERATOR: tr("operator"),
        Role.SUPERVISOR: tr("supervisor"),
        Role.ADMIN: tr("admin"),
        Role.SYSTEM: tr("system"),
    }
    return _worded(words, Role, role)


AGENCY_KINDS: dict[str, object] = {
    # The stored kind (snake case, Indonesian) -> its words (translated in "Words").
    "pemadam_kebakaran": QT_TRANSLATE_NOOP("Words", "fire and rescue"),
    "penanggulangan_bencana": QT_TRANSLATE_NOOP("Words", "disaster management"),
    "kesehatan": QT_TRANSLATE_NOOP("Words", "health"),
    "rumah_sakit": QT_TRANSLATE_NOOP("Words", "hospital"),
    "kepolisian": QT_TRANSLATE_NOOP("Words", "police"),
    "tni": QT_TRANSLATE_NOOP("Words", "armed forces (TNI)"),
    "ketertiban": QT_TRANSLATE_NOOP("Words", "public order (Satpol PP)"),
    "perhubungan": QT_TRANSLATE_NOOP("Words", "transport"),
    "air_minum": QT_TRANSLATE_NOOP("Words", "water utility"),
    "listrik": QT_TRANSLATE_NOOP("Words", "electricity"),
    "sar": QT_TRANSLATE_NOOP("Words", "search and rescue (SAR)"),
    "lainnya": QT_TRANSLATE_NOOP("Words", "other"),
}


def agency_kind_text(kind: str) -> str:
    """'pemadam kebakaran' for the stored 'pemadam_kebakaran'; a kind an admin typed is shown as typed."""
    english = AGENCY_KINDS.get(kind)
    return tr(str(english)) if english is not None else kind
