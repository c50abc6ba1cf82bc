"""The unit status board: every unit with a status colour, time in status (ticking live) and its incident."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import utcnow
from callcenter.db.enums import UnitStatus
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import UnitBoardRow
from ui.columns import fit_columns
from ui.dispatch.common import UNIT_COLOURS, tr
from ui.errors import error_text
from ui.table_model import KeyedTableModel
from ui.words import duration_text, unit_status_text, unit_type_text, wib_text
from ui.worker import DbWorker

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class UnitBoardModel(KeyedTableModel):
    """Every unit; the time-in-status column is recomputed from ``status_since`` on every tick."""

    UNIT, TYPE, AGENCY, STATUS, TIME, INCIDENT, HOME = range(7)
    PUSH_BATCH = 100

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self._clock = clock

    def headers(self) -> list[str]:
        return [tr("Unit"), tr("Type"), tr("Agency"), tr("Status"), tr("Time in status"), tr("Incident"),
                tr("Home base")]

    def key(self, row: UnitBoardRow) -> int:
        return row.unit_id

    def tick(self, roles: Sequence[int] = (Qt.ItemDataRole.DisplayRole,)) -> None:
        """Time moves on: repaint the time-in-status column."""
        super().tick(roles)

    def cell(self, row: UnitBoardRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row: type, agency and home base give way in a narrow panel.
            kind = unit_type_text(row.unit_type)
            lines = ["  ·  ".join(part for part in (row.call_sign, kind, row.agency_short) if part),
                     f"{unit_status_text(row.status)}: " + tr("Since %1").replace("%1", wib_text(row.status_since))]
            lines += [text for text in (row.incident_number, row.home) if text]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATUS:
            return QBrush(UNIT_COLOURS[row.status])
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(QColor("white"))
        if role == SORT_ROLE:
            if column == self.TIME:
                return row.status_since.timestamp()
            return self._display(row, column)
        return None

    def _display(self, row: UnitBoardRow, column: int) -> str:
        if column == self.UNIT:
            return row.call_sign
        if column == self.TYPE:
            return unit_type_text(row.unit_type)
        if column == self.AGENCY:
            return row.agency_short
        if column == self.STATUS:
            return unit_status_text(row.status)
        if column == self.TIME:
            return duration_text(self._clock() - row.status_since)
        if column == self.INCIDENT:
            return row.incident_number or ""
        if column == self.HOME:
            return row.home or ""
        return ""


class UnitBoardPanel(QWidget):
    """The board with a filter, refresh (F5) and out-of-service / back-in-service actions."""

    unit_selected = Signal(int)
    incident_activated = Signal(int)
    """Double-click or Enter on a unit that is on an incident: the main window may open that incident."""

    REFRESH_MS = 5000

    def __init__(self, worker: DbWorker, dispatch: DispatchService, actor: Actor,
                 parent: QWidget | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self.worker = worker
        self.dispatch = dispatch
        self.actor = actor
        self.model = UnitBoardModel(self, clock)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(tr("Filter units (call sign, agency, status, incident)… Ctrl+F"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(UnitBoardModel.AGENCY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        # Call sign, status, time and incident show whole; type, agency and home base give way (tooltip).
        fit_columns(self.table, whole={
            UnitBoardModel.UNIT: None,
            UnitBoardModel.STATUS: [unit_status_text(status) for status in UnitStatus],
            UnitBoardModel.TIME: [duration_text(timedelta(hours=23, minutes=59, seconds=59)),
                                  duration_text(timedelta(days=99, hours=23))],
            UnitBoardModel.INCIDENT: ["112/2026/000000"]},
            elide=[UnitBoardModel.TYPE, UnitBoardModel.AGENCY, UnitBoardModel.HOME])
        self.table.doubleClicked.connect(self._activate)

        self.out_button = QPushButton(tr("Out of service"), self)
        self.out_button.setToolTip(tr("Take the selected unit out of service (Ctrl+O)"))
        self.in_button = QPushButton(tr("Back in service"), self)
        self.in_button.setToolTip(tr("Put the selected unit back in service (Ctrl+I)"))
        self.refresh_button = QPushButton(tr("Refresh"), self)
        self.refresh_button.setToolTip(tr("Reload the board (F5)"))
        self.out_button.clicked.connect(lambda: self._set_status(UnitStatus.OUT_OF_SERVICE))
        self.in_button.clicked.connect(lambda: self._set_status(UnitStatus.AVAILABLE))
        self.refresh_button.clicked.connect(self.refresh)
        for button, keys in ((self.out_button, "Ctrl+O"), (self.in_button, "Ctrl+I"), (self.refresh_button, "F5")):
            button.setShortcut(QKeySequence(keys))
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.filter.setFocus)
        self.addAction(find)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.out_button)
        buttons.addWidget(self.in_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start(1000)
        self._poller = QTimer(self)
        self._poller.timeout.connect(self.refresh)
        self._poller.start(self.REFRESH_MS)
        self._loading = False
        self.refresh()

    def refresh(self) -> None:
        """Reload from the database (also the slot for change-feed notices about units)."""
        if self._loading:
            return
        self._loading = True
        self.worker.run(self, self.dispatch.unit_board, self._loaded, self._failed)

    def _loaded(self, rows: list[UnitBoardRow]) -> None:
        self._loading = False
        self.model.set_rows(rows)  # diffed: the selected unit stays selected
        while self.model.canFetchMore():  # sorting and filtering need every unit in the proxy
            self.model.fetchMore()
        free = sum(1 for row in rows if row.status is UnitStatus.AVAILABLE)
        self.summary.setText(tr("%1 of %2 units available").replace("%1", str(free)).replace("%2", str(len(rows))))

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(error_text(exc))

    def selected_unit(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.proxy.data(rows[0], Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def select_unit(self, unit_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), Qt.ItemDataRole.UserRole) == unit_id:
                self.table.selectRow(row)
                return

    def _activate(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        row = self.model.row_at(source.row())
        if row is not None and row.incident_id is not None:
            self.incident_activated.emit(row.incident_id)

    def _set_status(self, status: UnitStatus) -> None:
        unit_id = self.selected_unit()
        if unit_id is None:
            return
        self.worker.run(self, lambda: self.dispatch.set_unit_status(self.actor, unit_id, status),
                           lambda _result: self.refresh(),
                           lambda exc: QMessageBox.warning(self, tr("Unit status"), error_text(exc)))
