"""Words, colours and error texts shared by the dispatch screens (Indonesian through tr())."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from callcenter.clock import to_wib
from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState, UnitStatus
from callcenter.errors import (
    ConflictError,
    DatabaseUnavailable,
    KonsolError,
    NotFound,
    PermissionDenied,
    UserFixableError,
    ValidationError,
)

CONTEXT = "Dispatch"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def dispatch_status_text(status: DispatchStatus) -> str:
    return {
        DispatchStatus.NOTIFIED: tr("notified"),
        DispatchStatus.ACKNOWLEDGED: tr("acknowledged"),
        DispatchStatus.EN_ROUTE: tr("en route"),
        DispatchStatus.ON_SCENE: tr("on scene"),
        DispatchStatus.CLEARED: tr("cleared"),
        DispatchStatus.CANCELLED: tr("cancelled"),
    }[status]


def unit_status_text(status: UnitStatus) -> str:
    return {
        UnitStatus.AVAILABLE: tr("available"),
        UnitStatus.DISPATCHED: tr("dispatched"),
        UnitStatus.EN_ROUTE: tr("en route"),
        UnitStatus.ON_SCENE: tr("on scene"),
        UnitStatus.OUT_OF_SERVICE: tr("out of service"),
    }[status]


def channel_text(channel: DeliveryChannel) -> str:
    return {
        DeliveryChannel.PRINT: tr("Printed slip"),
        DeliveryChannel.WHATSAPP: tr("WhatsApp"),
        DeliveryChannel.EMAIL: tr("E-mail"),
        DeliveryChannel.WEBHOOK: tr("Webhook (EIDO)"),
    }[channel]


def outbox_state_text(state: OutboxState) -> str:
    return {
        OutboxState.PENDING: tr("pending"),
        OutboxState.SENT: tr("sent"),
        OutboxState.FAILED: tr("failed"),
        OutboxState.RETRYING: tr("retrying"),
        OutboxState.GAVE_UP: tr("failed, stopped retrying"),
    }[state]


# Status colours: green free, blue assigned, amber moving, red on scene, grey out of service.
UNIT_COLOURS = {
    UnitStatus.AVAILABLE: QColor("#2e7d32"),
    UnitStatus.DISPATCHED: QColor("#1565c0"),
    UnitStatus.EN_ROUTE: QColor("#ef6c00"),
    UnitStatus.ON_SCENE: QColor("#c62828"),
    UnitStatus.OUT_OF_SERVICE: QColor("#616161"),
}
DISPATCH_COLOURS = {
    DispatchStatus.NOTIFIED: QColor("#1565c0"),
    DispatchStatus.ACKNOWLEDGED: QColor("#6a1b9a"),
    DispatchStatus.EN_ROUTE: QColor("#ef6c00"),
    DispatchStatus.ON_SCENE: QColor("#c62828"),
    DispatchStatus.CLEARED: QColor("#2e7d32"),
    DispatchStatus.CANCELLED: QColor("#616161"),
}
OUTBOX_COLOURS = {
    OutboxState.PENDING: QColor("#1565c0"),
    OutboxState.SENT: QColor("#2e7d32"),
    OutboxState.FAILED: QColor("#c62828"),
    OutboxState.RETRYING: QColor("#ef6c00"),
    OutboxState.GAVE_UP: QColor("#c62828"),
}


def wib(moment: datetime | None, with_date: bool = False) -> str:
    if moment is None:
        return "-"
    local = to_wib(moment)
    return local.strftime("%d/%m %H:%M:%S" if with_date else "%H:%M:%S")


def duration_text(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours >= 24:
        return tr("%1 d %2 h").replace("%1", str(hours // 24)).replace("%2", str(hours % 24))
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


FIELD_NAMES = {
    "code": "Code", "name": "Name", "short_name": "Short name", "kind": "Kind", "phone": "Phone",
    "whatsapp": "WhatsApp", "email": "E-mail", "webhook_url": "Webhook URL", "category_ids": "Categories",
    "call_sign": "Call sign", "unit_type": "Type", "agency_id": "Agency", "home_desa_code": "Home base",
    "channels": "Channels", "agencies": "Agencies", "note": "Note", "status": "Status",
    "host": "Server", "port": "Port", "security": "Encryption", "sender": "Sender address",
}

# The core words its rules in English; the desk reads Indonesian. Known messages by their distinctive start.
PROBLEM_PATTERNS = (
    ("is not an e-mail address", "This is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id)."),
    ("an e-mail address has at most", "An e-mail address has at most 200 characters."),
    ("the web address must start with", "The web address must start with http:// or https://."),
    ("a web address cannot contain spaces", "A web address cannot contain spaces."),
    ("the web address has no server name", "The web address has no server name (e.g. https://server/112)."),
    ("the port in the web address", "The port in the web address must be a number from 1 to 65535."),
    ("a web address has at most", "A web address has at most 500 characters."),
    ("WhatsApp numbers must be Indonesian", "WhatsApp numbers must be Indonesian (+62)."),
    ("is not a valid telephone number", "This is not a valid telephone number (e.g. 0812-3456-7890)."),
    ("2-40 lower-case letters", "2-40 lower-case letters, digits or _ (e.g. damkar)."),
    ("the agency's full name", "Enter the agency's full name (at most 200 characters)."),
    ("a short name for lists", "Enter a short name for lists (at most 40 characters)."),
    ("is already used", "Already used by another entry."),
    ("a call sign of letters", "A call sign of letters, digits, -, / or . (e.g. DAMKAR-04)."),
    ("choose the unit type", "Choose the unit type."),
    ("choose the agency the unit belongs to", "Choose the agency the unit belongs to."),
    ("unknown desa/kelurahan", "Unknown desa/kelurahan."),
    ("choose at least one agency or unit", "Choose at least one agency or unit."),
    ("the mail server's name", "Enter the mail server's name (e.g. smtp.purwakartakab.go.id)."),
    ("a port between 1 and 65535", "A port from 1 to 65535 (587 for STARTTLS, 465 for SSL)."),
    ("STARTTLS, SSL or none", "Choose STARTTLS, SSL or none."),
    ("the sender address", "Enter the sender address (e.g. cc112@purwakartakab.go.id)."),
    ("has no e-mail address", "An agency you chose has no e-mail address or webhook; an admin enters it "
                              "under Agencies. Untick that channel or choose another agency."),
    ("has no webhook address", "An agency you chose has no e-mail address or webhook; an admin enters it "
                               "under Agencies. Untick that channel or choose another agency."),
)


# Delivery failure reasons (written by the outbox worker in English) for the desk.
REASON_PATTERNS = (
    ("connection refused: the agency's server is not listening",
     "connection refused: the agency's server is not listening"),
    ("no answer from the agency's server", "no answer from the agency's server in time"),
    ("cannot reach the agency's server", "cannot reach the agency's server"),
    ("the agency's server answered HTTP", "the agency's server answered with an error (HTTP %1)"),
    ("the mail server refused the SMTP user name or password",
     "the mail server refused the SMTP user name or password"),
    ("e-mail is not set up", "e-mail is not set up: an admin enters the mail server under Settings"),
    ("no SMTP password is stored", "no SMTP password is stored; an admin enters it under Settings"),
    ("connection refused by", "the mail server refused the connection"),
    ("cannot reach", "cannot reach the server"),
)


def reason_text(reason: str) -> str:
    for needle, text in REASON_PATTERNS:
        if needle in reason:
            translated = tr(text)
            if "%1" in translated:
                translated = translated.replace("%1", reason.rsplit("HTTP", 1)[-1].strip())
            return translated
    return reason


def problem_text(message: str) -> str:
    for needle, text in PROBLEM_PATTERNS:
        if needle in message:
            return tr(text)
    return message


def error_text(exc: BaseException) -> str:
    """One sentence for the operator."""
    if isinstance(exc, ValidationError):
        return "\n".join(f"{tr(FIELD_NAMES.get(field, field))}: {problem_text(text)}"
                         for field, text in exc.problems.items())
    if isinstance(exc, PermissionDenied):
        return tr("Your role may not do this.")
    if isinstance(exc, NotFound):
        return tr("It no longer exists; another desk may have removed it. Refresh and try again.")
    if isinstance(exc, ConflictError):
        message = str(exc)
        if "cannot go back" in message:
            return tr("A dispatch cannot go back to an earlier status.")
        if "before 'selesai'" in message:
            return tr("Record \"acknowledged\" before \"cleared\".")
        if "cannot change any more" in message or "is already" in message:
            return tr("This dispatch was already updated (perhaps by another desk). Refresh and look again.")
        if "reopen it" in message:
            return tr("The incident is closed; a supervisor reopens it before it can be forwarded.")
        if "inactive instead" in message:
            return tr("It has history (units or dispatches), so it cannot be deleted; untick \"Active\" instead.")
        if "open dispatch" in message or "on an incident" in message:
            return tr("The unit is on an open dispatch; record the status on that dispatch instead.")
        return message
    if isinstance(exc, DatabaseUnavailable):
        return tr("The database cannot be reached. Nothing was saved; try again in a moment.")
    if isinstance(exc, UserFixableError | KonsolError):
        return str(exc)
    return tr("Unexpected error: %1").replace("%1", f"{type(exc).__name__}: {exc}")
