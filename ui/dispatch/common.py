"""Words, colours and error texts shared by the dispatch screens (Indonesian through tr())."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from callcenter.clock import to_wib
from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState, UnitStatus

CONTEXT = "Dispatch"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


RETRYABLE = (DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK)
"""The channels the outbox worker sends (and retries) by itself; a printed slip and WhatsApp are the desk's part."""


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
