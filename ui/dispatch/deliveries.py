"""Every delivery that has not gone out yet (or all of them), with its state, attempts and reason, and Retry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import OutboxState
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import DeliveryRow
from ui.columns import fit_columns
from ui.dispatch.common import OUTBOX_COLOURS, RETRYABLE, tr
from ui.dispatch.manual import ManualDeliveries
from ui.errors import error_text
from ui.table_model import KeyedTableModel
from ui.words import channel_text, delivery_reason_text, outbox_state_text, time_text
from ui.worker import DbWorker


class DeliveriesModel(KeyedTableModel):
    INCIDENT, TO, CHANNEL, ADDRESS, STATE, ATTEMPTS, NEXT, REASON = range(8)
    PUSH_BATCH = 200

    def headers(self) -> list[str]:
        return [tr("Incident"), tr("To"), tr("Channel"), tr("Address"), tr("State"), tr("Attempts"), tr("Next try"),
                tr("Reason")]

    def key(self, row: DeliveryRow) -> int:
        return row.delivery.id

    def cell(self, row: DeliveryRow, column: int, role: int) -> Any:
        delivery = row.delivery
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.INCIDENT:
                return row.incident_number or ""
            if column == self.TO:
                return (row.agency_short or "") + (f" — {row.unit_call_sign}" if row.unit_call_sign else "")
            if column == self.CHANNEL:
                return channel_text(delivery.channel)
            if column == self.ADDRESS:
                return delivery.target
            if column == self.STATE:
                return outbox_state_text(delivery.state)
            if column == self.ATTEMPTS:
                return str(delivery.attempts)
            if column == self.NEXT:
                due = delivery.state in (OutboxState.FAILED, OutboxState.RETRYING, OutboxState.PENDING) \
                    and delivery.channel in RETRYABLE
                return time_text(delivery.next_attempt_at) if due else ""
            if column == self.REASON:
                return delivery_reason_text(delivery.last_error) if delivery.last_error else ""
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(OUTBOX_COLOURS[delivery.state])
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row: recipient, address and reason give way in a narrow panel.
            lines = [" · ".join(str(self.cell(row, part, Qt.ItemDataRole.DisplayRole)) for part in
                                (self.INCIDENT, self.TO, self.CHANNEL)),
                     delivery.target, str(self.cell(row, self.STATE, Qt.ItemDataRole.DisplayRole))]
            if delivery.last_error:  # the reason in the desk's words (the raw text is in the log and the audit)
                lines.append(str(self.cell(row, self.REASON, Qt.ItemDataRole.DisplayRole)))
            return "\n".join(line for line in lines if line)
        return None


class DeliveriesPanel(QWidget):
    """Retry (R, or Ctrl+R anywhere in the panel) delivers the selected message again now: the outbox resends an
    e-mail or webhook, the desk prints the slip or opens WhatsApp again."""

    REFRESH_MS = 3000

    def __init__(self, worker: DbWorker, dispatch: DispatchService, actor: Actor,
                 parent: QWidget | None = None, *, manual: ManualDeliveries | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.dispatch = dispatch
        self.actor = actor
        self.manual = manual or ManualDeliveries(worker, worker, dispatch, actor, self)
        self.manual.changed.connect(self.refresh)
        self.model = DeliveriesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Incident, channel, state, attempts and the next try show whole; recipient, address and reason give way
        # (the row's tooltip has them whole).
        fit_columns(self.table, whole={
            DeliveriesModel.INCIDENT: ["112/2026/000000"],
            DeliveriesModel.CHANNEL: None,
            DeliveriesModel.STATE: None,
            DeliveriesModel.ATTEMPTS: ["99"],
            DeliveriesModel.NEXT: [time_text(datetime(2026, 12, 28, 23, 59, 59, tzinfo=UTC))]},
            elide=[DeliveriesModel.TO, DeliveriesModel.REASON], optional=[DeliveriesModel.ADDRESS])
        self.table.setAlternatingRowColors(True)
        self.unsent_only = QCheckBox(tr("Only messages not yet sent"), self)
        self.unsent_only.setChecked(True)
        self.unsent_only.toggled.connect(self.refresh)
        self.summary = QLabel(self)
        self.retry_button = QPushButton(tr("Retry (R)"), self)
        self.retry_button.setToolTip(tr("Deliver the selected message again now: print the slip, open WhatsApp, or "
                                        "resend the e-mail or webhook (R)"))
        self.retry_button.clicked.connect(self.retry_selected)
        for keys in ("R", "Ctrl+R"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.retry_selected)
        top = QHBoxLayout()
        top.addWidget(self.unsent_only)
        top.addStretch(1)
        top.addWidget(self.summary)
        bottom = QHBoxLayout()
        bottom.addWidget(self.retry_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._loading = False
        self._poller = QTimer(self)
        self._poller.timeout.connect(self.refresh)
        self._poller.start(self.REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        unsent = self.unsent_only.isChecked()
        self.worker.run(self, lambda: self.dispatch.delivery_board(unsent_only=unsent), self._loaded, self._failed)

    def _loaded(self, rows: list[DeliveryRow]) -> None:
        self._loading = False
        self.model.set_rows(rows)  # diffed: the selected message stays selected
        failing = sum(1 for row in rows if row.delivery.state in (OutboxState.FAILED, OutboxState.GAVE_UP))
        self.summary.setText(tr("%1 failed").replace("%1", str(failing)) if failing else "")
        self.summary.setStyleSheet("color: #b91c1c; font-weight: bold;" if failing else "")

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(error_text(exc))

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(self.model.data(rows[0], Qt.ItemDataRole.UserRole)) if rows else None

    def retry_selected(self) -> None:
        message_id = self.selected()
        if message_id is None:
            self.summary.setText(tr("Choose the message to deliver again (arrow keys), then R."))
            return
        row = self.model.row_at(self.model.row_of(message_id) or 0)
        if row is not None and row.delivery.channel not in RETRYABLE:
            self.manual.deliver_one(message_id, row.delivery.channel)
            return
        self.worker.run(self, lambda: self.dispatch.retry(self.actor, message_id), lambda _d: self.refresh(),
                           lambda exc: QMessageBox.warning(self, tr("Retry"), error_text(exc)))
