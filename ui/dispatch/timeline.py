"""An incident's dispatches: each with its status timeline (time and operator per step) and its deliveries;
one key records the next status as the agency reports back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import DeliveryView, DispatchView
from ui.dispatch.common import DISPATCH_COLOURS, OUTBOX_COLOURS, RETRYABLE, tr
from ui.dispatch.manual import ManualDeliveries
from ui.errors import error_text
from ui.words import (
    channel_text,
    datetime_text,
    delivery_reason_text,
    dispatch_status_text,
    outbox_state_text,
    time_text,
)
from ui.worker import DbWorker

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STEP_KEYS = {  # one key per status, shown on its button
    DispatchStatus.ACKNOWLEDGED: "A",
    DispatchStatus.EN_ROUTE: "M",
    DispatchStatus.ON_SCENE: "T",
    DispatchStatus.CLEARED: "S",
    DispatchStatus.CANCELLED: "B",
}
STEP_LABELS = {
    DispatchStatus.ACKNOWLEDGED: QT_TRANSLATE_NOOP("Dispatch", "Acknowledged"),
    DispatchStatus.EN_ROUTE: QT_TRANSLATE_NOOP("Dispatch", "En route"),
    DispatchStatus.ON_SCENE: QT_TRANSLATE_NOOP("Dispatch", "On scene"),
    DispatchStatus.CLEARED: QT_TRANSLATE_NOOP("Dispatch", "Cleared"),
    DispatchStatus.CANCELLED: QT_TRANSLATE_NOOP("Dispatch", "Cancel…"),
}


def delivery_text(delivery: DeliveryView) -> str:
    text = outbox_state_text(delivery.state)
    if delivery.state is OutboxState.SENT:
        return text + " " + time_text(delivery.sent_at)
    if delivery.state in (OutboxState.FAILED, OutboxState.GAVE_UP) and delivery.last_error:
        text += ": " + delivery_reason_text(delivery.last_error)
    if delivery.attempts:
        text += " " + tr("(%1 attempts)").replace("%1", str(delivery.attempts))
    if delivery.state is OutboxState.FAILED and delivery.channel in RETRYABLE:
        text += " — " + tr("next try %1").replace("%1", time_text(delivery.next_attempt_at))
    return text


class DispatchTimelineWidget(QWidget):
    """Call ``refresh()`` after a forward or when the change feed reports the incident's dispatches."""

    changed = Signal()
    REFRESH_MS = 3000

    def __init__(self, worker: DbWorker, dispatch: DispatchService, actor: Actor, incident_id: int,
                 parent: QWidget | None = None, *, manual: ManualDeliveries | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.dispatch = dispatch
        self.actor = actor
        self.incident_id = incident_id
        self.views: list[DispatchView] = []
        self.manual = manual or ManualDeliveries(worker, worker, dispatch, actor, self)
        """The desk's deliveries (slip, WhatsApp); the console passes its own, which outlives this widget."""
        self.manual.changed.connect(self.refresh)
        self.manual.reported.connect(self._reported)
        self.ask_note: Callable[[str], str | None] = self._ask_note

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Dispatch / step"), tr("Status"), tr("Time (WIB)"), tr("Operator / detail")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.currentItemChanged.connect(self._update_buttons)

        self.step_buttons: dict[DispatchStatus, QPushButton] = {}
        steps = QHBoxLayout()
        for status, key in STEP_KEYS.items():
            button = QPushButton(f"{tr(str(STEP_LABELS[status]))} ({key})", self)
            self._key(key, button.click)
            button.setToolTip(tr("Record \"%1\" for the selected dispatch (%2)")
                              .replace("%1", dispatch_status_text(status)).replace("%2", key))
            button.clicked.connect(lambda _checked=False, s=status: self.record(s))
            steps.addWidget(button)
            self.step_buttons[status] = button
        steps.addStretch(1)
        self.print_button = QPushButton(tr("Print slip (P)"), self)
        self._key("P", self.print_button.click)
        self.print_button.setToolTip(tr("Print or save the selected dispatch's slip (P)"))
        self.print_button.clicked.connect(self.print_selected)
        self.whatsapp_button = QPushButton(tr("WhatsApp (W)"), self)
        self._key("W", self.whatsapp_button.click)
        self.whatsapp_button.setToolTip(tr("Copy the WhatsApp text and open the chat (W)"))
        self.whatsapp_button.clicked.connect(self.whatsapp_selected)
        self.retry_button = QPushButton(tr("Retry (R)"), self)
        self._key("R", self.retry_button.click)
        self.retry_button.setToolTip(tr("Deliver the selected message again now: print the slip, open WhatsApp, or "
                                        "resend the e-mail or webhook (R)"))
        self.retry_button.clicked.connect(self.retry_selected)
        deliveries = QHBoxLayout()
        deliveries.addWidget(self.print_button)
        deliveries.addWidget(self.whatsapp_button)
        deliveries.addWidget(self.retry_button)
        deliveries.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(steps)
        layout.addLayout(deliveries)
        layout.addWidget(self.message)
        self._poller = QTimer(self)
        self._poller.timeout.connect(self.refresh)
        self._poller.start(self.REFRESH_MS)  # delivery states change in the background (outbox worker)
        self._loading = False
        self._update_buttons()
        self.refresh()

    def _key(self, key: str, action: Callable[[], None]) -> None:
        """Single-letter keys act only while the timeline has focus (never while typing elsewhere)."""
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(action)

    # -- loading -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.worker.run(self, lambda: self.dispatch.dispatches(self.incident_id), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.message.setText(error_text(exc))

    def _show(self, views: list[DispatchView]) -> None:
        self._loading = False
        if views == self.views:
            return
        selected = self._selected()
        self.views = views
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for view in views:
            title = view.agency_short + (f" — {view.unit_call_sign}" if view.unit_call_sign else "")
            top = QTreeWidgetItem(self.tree, [title, dispatch_status_text(view.status), time_text(view.updated_at),
                                              ", ".join(channel_text(DeliveryChannel(c)) for c in view.channels)])
            top.setToolTip(3, top.text(3))  # the last column gives way in a narrow window: whole in its tooltip
            top.setData(0, KIND_ROLE, "dispatch")
            top.setData(0, ID_ROLE, view.id)
            top.setFont(0, bold)
            top.setFont(1, bold)
            top.setForeground(1, QBrush(DISPATCH_COLOURS[view.status]))
            for event in view.events:
                step = QTreeWidgetItem(top, ["", dispatch_status_text(event.status), datetime_text(event.at),
                                             (event.operator or "") + (f" — {event.note}" if event.note else "")])
                step.setToolTip(3, step.text(3))
                step.setData(0, KIND_ROLE, "event")
                step.setData(0, ID_ROLE, view.id)
            for delivery in view.deliveries:
                item = QTreeWidgetItem(top, [channel_text(delivery.channel), outbox_state_text(delivery.state),
                                             datetime_text(delivery.sent_at or delivery.created_at),
                                             delivery_text(delivery)])
                item.setData(0, KIND_ROLE, "delivery")
                item.setData(0, ID_ROLE, delivery.id)
                item.setForeground(1, QBrush(OUTBOX_COLOURS[delivery.state]))
                reason = delivery_reason_text(delivery.last_error) if delivery.last_error else ""
                item.setToolTip(3, "\n".join(text for text in (item.text(3), reason) if text))
            top.setExpanded(True)
        self._select(selected)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()
        self.changed.emit()

    def _selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return str(item.data(0, KIND_ROLE)), int(item.data(0, ID_ROLE))

    def _select(self, key: tuple[str, int] | None) -> None:
        if key is None:
            return
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            if top is None:
                continue
            for item in [top] + [top.child(i) for i in range(top.childCount())]:
                if item is not None and (item.data(0, KIND_ROLE), item.data(0, ID_ROLE)) == key:
                    self.tree.setCurrentItem(item)
                    return

    def selected_dispatch(self) -> DispatchView | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        dispatch_id = int(top.data(0, ID_ROLE))
        return next((view for view in self.views if view.id == dispatch_id), None)

    def selected_delivery(self, channel: DeliveryChannel | None = None) -> DeliveryView | None:
        """The delivery row under the cursor, or (with ``channel``) the selected dispatch's delivery on it."""
        item = self.tree.currentItem()
        view = self.selected_dispatch()
        if view is None:
            return None
        if item is not None and item.data(0, KIND_ROLE) == "delivery":
            found = next((d for d in view.deliveries if d.id == int(item.data(0, ID_ROLE))), None)
            if found is not None and (channel is None or found.channel is channel):
                return found
        if channel is not None:
            return next((d for d in view.deliveries if d.channel is channel), None)
        return None

    def _update_buttons(self, *_args: object) -> None:
        view = self.selected_dispatch()
        allowed = set(view.next_statuses) if view else set()
        for status, button in self.step_buttons.items():
            button.setEnabled(status in allowed)
        self.print_button.setEnabled(view is not None)
        self.whatsapp_button.setEnabled(self.selected_delivery(DeliveryChannel.WHATSAPP) is not None)
        delivery = self.selected_delivery()
        self.retry_button.setEnabled(delivery is not None and delivery.state is not OutboxState.SENT)

    # -- actions ---------------------------------------------------------------------------------------------
    def record(self, status: DispatchStatus) -> None:
        view = self.selected_dispatch()
        if view is None or status not in view.next_statuses:
            return
        note = None
        if status is DispatchStatus.CANCELLED:
            note = self.ask_note(view.agency_short + (f" {view.unit_call_sign}" if view.unit_call_sign else ""))
            if note is None:
                return
        for button in self.step_buttons.values():
            button.setEnabled(False)
        self.worker.run(self, lambda: self.dispatch.update_status(self.actor, view.id, status, note),
                           lambda _view: self._recorded(), self._action_failed)

    def _recorded(self) -> None:
        self.message.clear()
        self.refresh()

    def _action_failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
        self.refresh()

    def _ask_note(self, target: str) -> str | None:
        text, ok = QInputDialog.getText(self, tr("Cancel dispatch"),
                                        tr("Why is the dispatch to %1 cancelled?").replace("%1", target))
        return text.strip() if ok and text.strip() else None

    def print_selected(self) -> None:
        view = self.selected_dispatch()
        if view is None:
            return
        delivery = self.selected_delivery(DeliveryChannel.PRINT)
        if delivery is None:
            # No slip was queued for this forward: print one from any of its messages' facts, or say so.
            delivery = view.deliveries[0] if view.deliveries else None
        if delivery is None:
            self.message.setText(tr("This dispatch has no delivery to print from; forward with \"Printed slip\"."))
            return
        self.manual.print_slip_of(delivery.id)

    def whatsapp_selected(self) -> None:
        delivery = self.selected_delivery(DeliveryChannel.WHATSAPP)
        if delivery is not None:
            self.manual.send_whatsapp(delivery.id)

    def _reported(self, text: str, _error: bool) -> None:
        self.message.setText(text)

    def retry_selected(self) -> None:
        delivery = self.selected_delivery()
        if delivery is None:
            return
        if delivery.channel not in RETRYABLE:  # the desk's own part: do it again, visibly
            self.manual.deliver_one(delivery.id, delivery.channel)
            return
        self.worker.run(self, lambda: self.dispatch.retry(self.actor, delivery.id), lambda _d: self._recorded(),
                           lambda exc: QMessageBox.warning(self, tr("Retry"), error_text(exc)))
