"""Missed and abandoned calls waiting for a callback, and the Callback action that records one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.feed import Change
from callcenter.services.queues import MissedCallRow, QueueService
from ui.columns import fit_columns
from ui.errors import error_text
from ui.views.common import MessageBar, shortcut_tip
from ui.views.models import MissedCallModel
from ui.views.queue import COALESCE_MS, TICK_MS, keep_selection, make_table
from ui.words import duration_text, when_text, wib_text
from ui.worker import DbWorker

CALLBACK_KEY = "Ctrl+K"
MAX_CALLBACK_NOTE = 500
RELOAD_ACTIONS = frozenset({"missed", "callback", "end", "claim", "block", "unblock"})


class CallbackDialog(QDialog):
    """Record that the operator called a missed number back, with an optional note."""

    def __init__(self, row: MissedCallRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call back"))
        self.call_id = row.id
        number = row.display_number or self.tr("(no caller ID)")
        intro = QLabel(self.tr("Record the callback to %1 (missed at %2).").replace("%1", number)
                       .replace("%2", wib_text(row.received_at, seconds=False)), self)
        intro.setWordWrap(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("callbackNote")
        self.note.setMaxLength(MAX_CALLBACK_NOTE)
        self.note.setPlaceholderText(self.tr("Note (optional), e.g. 'no answer', 'caller is safe'"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Record callback"))
        ok.setToolTip(self.tr("Record callback (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.note.setFocus()


class MissedCallsPanel(QWidget):
    """Missed calls not yet called back; Ctrl+K records a callback for the selected call."""

    def __init__(self, worker: DbWorker, calls: CallService, queues: QueueService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.calls = calls
        self.queues = queues
        self.actor = actor
        self.dialog: CallbackDialog | None = None

        self.model = MissedCallModel(worker, self._ids, queues.missed_call_rows, queues.clock, parent=self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("missedTable")
        self.view.empty_text = self.tr("No missed calls waiting for a callback.")
        self.model.reloaded.connect(self.view.viewport().update)
        # The state (first), the caller-ID name and the line give way to what a callback needs (the row's tooltip
        # names them all).
        some_day = datetime(2026, 12, 28, 16, 59, 59, tzinfo=UTC)
        fit_columns(self.view, whole={
            MissedCallModel.TIME: [when_text(some_day, some_day), when_text(some_day, None)],
            MissedCallModel.WAITING: [duration_text(timedelta(hours=99, minutes=59, seconds=59)),  # older: elided
                                      duration_text(timedelta(hours=23, minutes=59, seconds=59))],
            MissedCallModel.NUMBER: None,
            MissedCallModel.REPEATS: ["99×"]},
            elide=[MissedCallModel.STATE, MissedCallModel.NAME, MissedCallModel.LINE])
        keep_selection(self.view, self.model)
        self.view.activated.connect(lambda _index: self.call_back())
        self.model.failed.connect(self._show_error)
        self.model.reloaded.connect(self._update_title)
        self.model.rowsInserted.connect(self._update_title)

        self.title = QLabel(self)
        self.title.setObjectName("missedTitle")
        self.show_done = QCheckBox(self.tr("Show calls already called back"), self)
        self.include_called_back = False  # the checkbox's state, as the worker thread may read it
        self.show_done.toggled.connect(self._show_done_toggled)
        self.callback_button = QPushButton(self.tr("Call back…"), self)
        self.callback_button.setObjectName("callbackButton")
        shortcut_tip(self.callback_button, self.tr("Record a callback to the selected number"), CALLBACK_KEY)
        self.callback_button.setShortcut(QKeySequence())  # the shortcut below, scoped to this panel, does it
        self.callback_button.clicked.connect(self.call_back)
        QShortcut(QKeySequence(CALLBACK_KEY), self, self.call_back,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.message = MessageBar(self)

        # Two rows: the title (which may wrap) beside the button, the filter below: a narrow panel cuts neither.
        self.title.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.callback_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.show_done)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.reload)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.reloaded.connect(self._update_buttons)
        self._update_title()
        self._update_buttons()
        self.reload()

    def _ids(self) -> list[int]:
        return self.queues.missed_call_ids(include_called_back=self.include_called_back)

    def _show_done_toggled(self, checked: bool) -> None:
        self.include_called_back = checked
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.model.reload()

    @Slot(list)
    def on_changes(self, changes: Sequence[Change]) -> None:
        if any(change.entity in ("call", "caller") and change.action in RELOAD_ACTIONS for change in changes):
            self._coalesce.start()

    def selected(self) -> MissedCallRow | None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row if isinstance(row, MissedCallRow) else None

    @Slot()
    def call_back(self) -> None:
        row = self.selected()
        if row is None and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))  # the newest call when nothing is selected
            row = self.selected()
        if row is None or row.callback_at is not None:
            return
        self.dialog = CallbackDialog(row, self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self.record_callback(dialog.call_id,
                                                                                   dialog.note.text()))
        self.dialog.open()

    def record_callback(self, call_id: int, note: str) -> None:
        self.message.clear_message()
        self.worker.run(self, lambda: self.calls.record_callback(self.actor, call_id, note.strip()),
               lambda _info: self._recorded(), self._failed)

    def _recorded(self) -> None:
        self.message.show_message(self.tr("Callback recorded."), "ok")
        QTimer.singleShot(4000, self.message, self.message.clear_message)
        self.reload()
        self.view.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._show_error(error)
        self.reload()

    def _show_error(self, error: BaseException) -> None:
        self.message.show_message(error_text(error))

    def _update_title(self, *_args: object) -> None:
        if self.show_done.isChecked():
            text = self.tr("Missed calls (%1)")
        else:
            text = self.tr("Missed calls waiting for a callback (%1)")
        self.title.setText(text.replace("%1", str(self.model.total())))

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.callback_button.setEnabled(bool(self.model.rowCount()) and (row is None or row.callback_at is None))
