"""What the dispatch screens share: their translation context and the colours of the statuses. The words of
the statuses, channels and delivery failures come from the one vocabulary, ui.words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState, UnitStatus

CONTEXT = "Dispatch"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


RETRYABLE = (DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK)
"""The channels the outbox worker sends (and retries) by itself; a printed slip and WhatsApp are the desk's part."""


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
