"""For supervisors: phone locations still waiting for their call (an AML message that came with no call from the
same number near it), and the other SMS the line's GSM modem received, never lost, marked read by a person."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from callcenter.clock import Clock, to_wib
from callcenter.services.base import Actor
from callcenter.services.feed import Change
from callcenter.services.location_views import LocationView, LocationViews, SmsView, banner_text
from ui.errors import error_text
from ui.table_model import SimpleTableModel
from ui.views.common import current_language
from ui.views.models import static_table
from ui.worker import DbWorker

REFRESH_MS = 30_000


def tr(text: str) -> str:
    return QCoreApplication.translate("PhoneMessages", text)


def _when(moment: object) -> str:
    return to_wib(moment).strftime("%d-%m-%Y %H:%M:%S") if moment is not None else ""  # type: ignore[arg-type]


class PhoneMessagesPanel(QWidget):
    def __init__(self, worker: DbWorker, locations: LocationViews, actor: Actor, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.locations = locations
        self.actor = actor
        self.clock = clock
        self.waiting_model = SimpleTableModel(
            (tr("Received (WIB)"), tr("Number"), tr("Where")), self._waiting_cell, self)
        self.sms_model = SimpleTableModel(
            (tr("Received (WIB)"), tr("From"), tr("Message"), tr("Read by")), self._sms_cell, self)
        self.waiting_view = static_table(self.waiting_model, self)
        self.sms_view: QTableView = static_table(self.sms_model, self)
        self.read_button = QPushButton(tr("Mark as read (Ctrl+R)"), self)
        self.read_button.clicked.connect(self.mark_read)
        QShortcut(QKeySequence("Ctrl+R"), self, self.mark_read, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.status = QLabel(self)
        waiting_box = QGroupBox(tr("Phone locations waiting for their call"), self)
        QVBoxLayout(waiting_box).addWidget(self.waiting_view)
        sms_box = QGroupBox(tr("Other SMS received by the line's modem"), self)
        sms_layout = QVBoxLayout(sms_box)
        sms_layout.addWidget(self.sms_view)
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addStretch(1)
        sms_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(waiting_box, 1)
        layout.addWidget(sms_box, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)  # the ages move on; the change feed brings the news
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        locations, actor = self.locations, self.actor

        def job() -> tuple[list[LocationView], list[SmsView]]:
            return locations.waiting(actor), locations.sms_inbox(actor)

        self.worker.run(self, job, self._loaded, lambda exc: self.status.setText(error_text(exc)))

    def _loaded(self, result: tuple[list[LocationView], list[SmsView]]) -> None:
        waiting, inbox = result
        self.waiting_model.set_rows(waiting)
        self.sms_model.set_rows(inbox)
        unread = sum(1 for sms in inbox if sms.read_at is None)
        self.status.setText(tr("%1 waiting, %2 unread SMS").replace("%1", str(len(waiting)))
                            .replace("%2", str(unread)))

    def _waiting_cell(self, view: LocationView, column: int) -> str:
        if column == 0:
            return _when(view.received_at)
        if column == 1:
            return view.e164 or view.sender or tr("(no number)")
        return banner_text(view, self.clock(), current_language())

    def _sms_cell(self, sms: SmsView, column: int) -> str:
        if column == 0:
            return _when(sms.received_at)
        if column == 1:
            return sms.e164 or sms.sender or tr("(no number)")
        if column == 2:
            return sms.text or sms.problem or ""
        return sms.read_by or ""

    def mark_read(self) -> None:
        index = self.sms_view.currentIndex()
        sms = self.sms_model.row_at(index.row()) if index.isValid() else None
        if sms is None:
            self.status.setText(tr("Choose the SMS first (arrow keys), then Ctrl+R."))
            return
        locations, actor = self.locations, self.actor
        self.worker.run(self, lambda: locations.mark_sms_read(actor, sms.id), lambda _none: self.refresh(),
                        lambda exc: self.status.setText(error_text(exc)))

    def on_changes(self, changes: list[Change]) -> None:
        if any(change.entity in ("caller_location", "sms", "database") for change in changes):
            self.refresh()
