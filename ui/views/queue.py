"""The incident queues: my open incidents and all open incidents, with live ages and a debounced search."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import IncidentStatus, Priority
from callcenter.services.base import Actor
from callcenter.services.feed import Change
from callcenter.services.incidents import OPEN_STATUSES, IncidentService
from callcenter.services.queues import QueueService
from ui.columns import fit_columns
from ui.errors import error_text
from ui.table_model import KeyedTableModel
from ui.views.common import MessageBar
from ui.views.models import IncidentQueueModel
from ui.words import duration_text, incident_status_text, priority_text
from ui.worker import DbWorker

SEARCH_DELAY_MS = 250
TICK_MS = 1000
COALESCE_MS = 150
RELOAD_ACTIONS = frozenset({"create", "close", "reopen", "delete"})


class TableView(QTableView):
    """A table that says so when it is empty (instead of a blank white box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.empty_text and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#52606d"))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.end()


def make_table(model: KeyedTableModel, parent: QWidget | None = None) -> TableView:
    view = TableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setTabKeyNavigation(False)
    return view


def keep_selection(view: QTableView, model: KeyedTableModel) -> None:
    """Reloads keep the current row (the model diffs); when the list had none and the table has the focus, the
    cursor goes to the first row so the keyboard keeps working."""

    def first_row_if_lost() -> None:
        if not view.currentIndex().isValid() and model.rowCount() and view.hasFocus():
            view.setCurrentIndex(model.index(0, 0))

    model.reloaded.connect(first_row_if_lost)


class QueuePanel(QWidget):
    """Tabs 'Kejadian saya' / 'Semua kejadian terbuka'. Enter or double-click opens an incident."""

    incident_activated = Signal(int)

    def __init__(self, worker: DbWorker, incidents: IncidentService, queues: QueueService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.incidents = incidents
        self.queues = queues
        self.actor = actor
        self.search_text = ""
        self._filters: tuple[Priority | None, IncidentStatus | None] = (None, None)

        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        self.search.setPlaceholderText(self.tr("Search: caller number, reporter name or incident number"))
        self.search.setToolTip(self.tr("Search the open incidents (%1)").replace(
            "%1", QKeySequence("Ctrl+F").toString(QKeySequence.SequenceFormat.NativeText)))
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        self.priority_filter = QComboBox(self)
        self.priority_filter.setObjectName("priorityFilter")
        self.priority_filter.addItem(self.tr("All priorities"), None)
        for priority in Priority:
            self.priority_filter.addItem(priority_text(priority), priority)
        self.priority_filter.setToolTip(self.tr("Show one priority only"))
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in OPEN_STATUSES:
            self.status_filter.addItem(incident_status_text(status), status)
        self.status_filter.setToolTip(self.tr("Show one status only"))
        for box in (self.priority_filter, self.status_filter):
            box.currentIndexChanged.connect(self._filters_changed)
        self.status = QLabel(self)
        self.status.setObjectName("queueStatus")
        self.message = MessageBar(self)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.reload)
        # A burst of feed changes (a busy minute on five desks) becomes one reload, not one per batch.
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.reload)

        clock = queues.clock
        self.mine_model = IncidentQueueModel(worker, self._mine_ids, queues.incident_rows, clock,
                                             mine_for=actor.id, parent=self)
        self.all_model = IncidentQueueModel(worker, self._all_ids, queues.incident_rows, clock, parent=self)
        self.mine_view = make_table(self.mine_model, self)
        self.mine_view.setObjectName("mineTable")
        self.all_view = make_table(self.all_model, self)
        self.all_view.setObjectName("allTable")
        self.tabs = QTabWidget(self)
        self.mine_view.empty_text = self.tr("No open incidents assigned to you.")
        self.all_view.empty_text = self.tr("No open incidents.")
        self.tabs.addTab(self.mine_view, "")
        self.tabs.addTab(self.all_view, "")
        for view, model in ((self.mine_view, self.mine_model), (self.all_view, self.all_model)):
            view.activated.connect(lambda index, model=model: self._activate(model, index.row()))
            keep_selection(view, model)
            model.reloaded.connect(self._update_titles)
            model.rowsInserted.connect(self._update_titles)
            model.failed.connect(self._show_error)
            model.reloaded.connect(view.viewport().update)
            # What an operator reads at a glance shows whole; category and kecamatan give way (the row's tooltip
            # names both), so no column hides off to the right of a 1366-pixel screen.
            fit_columns(view, whole={
                IncidentQueueModel.NUMBER: ["112/2026/000000"],
                IncidentQueueModel.AGE: [duration_text(timedelta(days=9, hours=23, minutes=59)),
                                         duration_text(timedelta(hours=23, minutes=59, seconds=59))],
                IncidentQueueModel.STATUS: [incident_status_text(status) for status in OPEN_STATUSES],
                IncidentQueueModel.PRIORITY: [str(priority) for priority in Priority]},
                elide=[IncidentQueueModel.CATEGORY, IncidentQueueModel.KECAMATAN])

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.priority_filter)
        top.addWidget(self.status_filter)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self._update_titles()
        self.reload()

    # -- loading ----------------------------------------------------------------------------------------

    def _mine_ids(self) -> list[int]:
        priority, status = self._filters
        return self.queues.open_incident_ids(mine_for=self.actor.id, search=self.search_text or None,
                                             priority=priority, status=status)

    def _all_ids(self) -> list[int]:
        priority, status = self._filters
        return self.queues.open_incident_ids(search=self.search_text or None, priority=priority, status=status)

    def _filters_changed(self) -> None:
        # Read on the GUI thread; the worker only sees the plain values.
        priority, status = self.priority_filter.currentData(), self.status_filter.currentData()
        self._filters = (Priority(priority) if priority else None, IncidentStatus(status) if status else None)
        self._update_titles()
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.message.clear_message()
        self.mine_model.reload()
        self.all_model.reload()

    @Slot()
    def tick(self) -> None:
        """Once a second: ages and colours move on; no query."""
        self.mine_model.tick()
        self.all_model.tick()

    @Slot(list)
    def on_changes(self, changes: Sequence[Change]) -> None:
        """Feed changes from every desk: refresh only the rows that changed, reload when the set changed."""
        touched: list[int] = []
        reload = False
        for change in changes:
            if change.entity != "incident":
                continue
            if change.action in RELOAD_ACTIONS:
                reload = True
            else:
                try:
                    touched.append(int(change.entity_id))
                except ValueError:
                    continue
        if reload:
            self._coalesce.start()
        elif touched:
            self.mine_model.refresh(touched)
            self.all_model.refresh(touched)

    # -- interaction ------------------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.search_text = text.strip()
        self._debounce.start()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_view(self) -> QTableView:
        view = self.tabs.currentWidget()
        assert isinstance(view, QTableView)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow or Enter in the search box moves into the results: keyboard first.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                view = self.current_view()
                model = view.model()
                if model.rowCount():
                    view.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not view.currentIndex().isValid():
                        view.setCurrentIndex(model.index(0, 0))
                    return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _activate(self, model: IncidentQueueModel, row: int) -> None:
        incident_id = model.key_at(row)
        if incident_id is not None:
            self.incident_activated.emit(incident_id)

    def _update_titles(self, *_args: Any) -> None:
        self.tabs.setTabText(0, self.tr("My incidents (%1)").replace("%1", str(self.mine_model.total())))
        self.tabs.setTabText(1, self.tr("All open incidents (%1)").replace("%1", str(self.all_model.total())))
        if self.search_text or any(value is not None for value in self._filters):
            for view in (self.mine_view, self.all_view):
                view.empty_text = (self.tr("Nothing matches “%1”.").replace("%1", self.search_text)
                                   if self.search_text else self.tr("Nothing matches the filter."))
        else:
            self.mine_view.empty_text = self.tr("No open incidents assigned to you.")
            self.all_view.empty_text = self.tr("No open incidents.")
        if self.search_text:
            self.status.setText(self.tr("Filter: “%1”").replace("%1", self.search_text))
        else:
            self.status.setText("")

    def _show_error(self, error: BaseException) -> None:
        self.message.show_message(error_text(error))
