"""Table models for the views: ids plus a row cache, rows fetched lazily in pages on the database worker.

``LazyTableModel`` knows the complete ordered id list (one cheap indexed query) but shows only the rows it
has fetched; the view asks for more with ``canFetchMore``/``fetchMore`` as it scrolls, and each page is one
batched query on the worker. Nothing here runs a query on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from callcenter.clock import Clock
from callcenter.db.enums import Priority
from callcenter.services.queues import (
    AGE_LIMITS,
    MISSED_CALL_LIMITS,
    IncidentRow,
    MissedCallRow,
    age_level,
)
from ui.views.common import age_text, category_text, status_text, wib_full, wib_time
from ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex
PAGE = 100

LATE_BACKGROUND = {1: QColor("#ffe9a8"), 2: QColor("#f7c3bf")}
PRIORITY_BACKGROUND = {Priority.P1: QColor("#fdeeed")}
PRIORITY_FOREGROUND = {Priority.P1: QColor("#a1160f"), Priority.P2: QColor("#8a4b00"),
                       Priority.P3: QColor("#1f2933"), Priority.P4: QColor("#52606d")}


class LazyTableModel(QAbstractTableModel):
    """Ordered ids, a row cache, lazily fetched pages. Subclasses say what each column shows."""

    reloaded = Signal()
    """A reload finished (ids and the first rows are in)."""
    failed = Signal(object)
    """A load failed (the exception); the model keeps what it showed."""

    columns: Sequence[str] = ()

    def __init__(self, worker: DbWorker, load_ids: Callable[[], list[int]],
                 load_rows: Callable[[list[int]], Sequence[Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._load_ids = load_ids
        self._load_rows = load_rows
        self._ids: list[int] = []
        self._shown = 0
        self._cache: dict[int, Any] = {}
        self._generation = 0
        self._fetching = False
        self.loading = False

    # -- queries of the model ---------------------------------------------------------------------------

    def total(self) -> int:
        """All ids in the list, fetched or not."""
        return len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, item_id: int) -> int | None:
        try:
            position = self._ids.index(item_id)
        except ValueError:
            return None
        return position if position < self._shown else None

    def item(self, row: int) -> Any:
        item_id = self.id_at(row)
        return None if item_id is None else self._cache.get(item_id)

    def shown_ids(self) -> list[int]:
        return self._ids[: self._shown]

    # -- loading ----------------------------------------------------------------------------------------

    def set_loaders(self, load_ids: Callable[[], list[int]]) -> None:
        self._load_ids = load_ids

    def reload(self) -> None:
        """Fetch the id list and the rows shown so far (at least one page) in one worker job."""
        self._generation += 1
        generation = self._generation
        keep = max(PAGE, self._shown)
        load_ids, load_rows = self._load_ids, self._load_rows
        self.loading = True

        def job() -> tuple[list[int], Sequence[Any]]:
            ids = load_ids()
            return ids, load_rows(ids[:keep])

        self._worker.run(self, job, lambda result: self._reloaded(generation, keep, result), self._failed)

    def _reloaded(self, generation: int, keep: int, result: tuple[list[int], Sequence[Any]]) -> None:
        if generation != self._generation:
            return  # a newer reload (another search) is on its way
        ids, rows = result
        found = {self._id_of(row): row for row in rows}
        head = [i for i in ids[:keep] if i in found]  # an id deleted between the two queries drops out
        self.beginResetModel()
        self._ids = head + ids[keep:]
        self._shown = len(head)
        self._cache = found
        self._fetching = False
        self.endResetModel()
        self.loading = False
        self.reloaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self._fetching = False
        self.failed.emit(error)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._shown < len(self._ids) and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        page = self._ids[self._shown: self._shown + PAGE]
        load_rows = self._load_rows
        self._worker.run(self, lambda: load_rows(page), lambda rows: self._fetched(generation, page, rows),
               self._failed)

    def _fetched(self, generation: int, page: list[int], rows: Sequence[Any]) -> None:
        start = self._shown
        if generation != self._generation or self._ids[start: start + len(page)] != page:
            return  # the list was rebuilt meanwhile; the view will ask again
        found = {self._id_of(row): row for row in rows}
        present = [i for i in page if i in found]
        # Ids that vanished meanwhile (deleted) drop out of the list instead of showing blank rows.
        self._ids = self._ids[:start] + present + self._ids[start + len(page):]
        if present:
            # Still "fetching" while rows go in: a view (or the model tester) asking for more from inside the
            # insert signals must not fetch this page twice.
            self.beginInsertRows(QModelIndex(), start, start + len(present) - 1)
            self._cache.update(found)
            self._shown += len(present)
            self.endInsertRows()
        self._fetching = False

    def refresh(self, ids: Sequence[int]) -> None:
        """Re-fetch the rows of ``ids`` that are shown; others are fetched when scrolled to. An id this list
        does not hold may now belong in it (reassigned to me, matches the search): the list is rebuilt."""
        known = set(self._ids)
        if any(i not in known for i in ids):
            self.reload()
            return
        wanted = [i for i in ids if i in self._cache and self.row_of(i) is not None]
        if not wanted:
            return
        generation = self._generation
        load_rows = self._load_rows
        self._worker.run(self, lambda: load_rows(wanted), lambda rows: self._refreshed(generation, wanted, rows),
               self._failed)

    def _refreshed(self, generation: int, wanted: list[int], rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return
        found = {self._id_of(row): row for row in rows}
        if any(i not in found for i in wanted) or any(not self.still_listed(row) for row in found.values()):
            self.reload()  # a row left the list (closed, reassigned, deleted): the order must be rebuilt
            return
        last = self.columnCount() - 1
        for item_id, row in found.items():
            position = self.row_of(item_id)
            if position is None:
                continue
            self._cache[item_id] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, last))

    def still_listed(self, row: Any) -> bool:
        """Whether a refreshed row still belongs in this list (subclasses narrow it)."""
        return True

    @staticmethod
    def _id_of(row: Any) -> int:
        return int(row.id)

    # -- Qt model API -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.header(section)
        return None

    def header(self, section: int) -> str:
        return self.columns[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown or not 0 <= index.column() < len(self.columns):
            return None
        row = self._cache.get(self._ids[index.row()])
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class IncidentQueueModel(LazyTableModel):
    """Open incidents: number, live age, status, category, priority, kecamatan; coloured by priority and age."""

    NUMBER, AGE, STATUS, CATEGORY, PRIORITY, KECAMATAN = range(6)
    columns = ("Number", "Age", "Status", "Category", "Priority", "Kecamatan")

    def __init__(self, worker: DbWorker, load_ids: Callable[[], list[int]],
                 load_rows: Callable[[list[int]], Sequence[IncidentRow]], clock: Clock,
                 mine_for: int | None = None, parent: Any = None) -> None:
        super().__init__(worker, load_ids, load_rows, parent)
        self.clock = clock
        self.mine_for = mine_for
        self._now = clock()

    def header(self, section: int) -> str:
        return (self.tr("Number"), self.tr("Age"), self.tr("Status"), self.tr("Category"), self.tr("Priority"),
                self.tr("Kecamatan"))[section]

    def tick(self) -> None:
        """A second passed: repaint the age column and the colours (no database work)."""
        self._now = self.clock()
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole])

    def now(self) -> datetime:
        return self._now

    def still_listed(self, row: Any) -> bool:
        assert isinstance(row, IncidentRow)
        from callcenter.services.incidents import OPEN_STATUSES

        return row.status in OPEN_STATUSES and (self.mine_for is None or row.assigned_to_id == self.mine_for)

    def cell(self, row: IncidentRow, column: int, role: int) -> Any:
        age = self._now - row.created_at
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return row.number
            if column == self.AGE:
                return age_text(age)
            if column == self.STATUS:
                return status_text(row.status)
            if column == self.CATEGORY:
                return category_text(row.category_id, row.category_en)
            if column == self.PRIORITY:
                return str(row.priority)
            if column == self.KECAMATAN:
                return row.kecamatan or ""
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            level = age_level(age, AGE_LIMITS[row.priority])
            color = LATE_BACKGROUND.get(level) or PRIORITY_BACKGROUND.get(row.priority)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.PRIORITY, self.NUMBER):
            return QBrush(PRIORITY_FOREGROUND[row.priority])
        if role == Qt.ItemDataRole.FontRole and ((column == self.PRIORITY and row.priority is Priority.P1)
                                                 or (column == self.AGE
                                                 and age_level(age, AGE_LIMITS[row.priority]) == 2)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AGE, self.PRIORITY):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{row.number} — {category_text(row.category_id, row.category_en)}",
                     self.tr("Opened: %1").replace("%1", wib_full(row.created_at))]
            if row.desa or row.kecamatan:
                lines.append(", ".join(part for part in (row.desa, row.kecamatan) if part))
            if row.reporter_name:
                lines.append(self.tr("Reporter: %1").replace("%1", row.reporter_name))
            if row.assigned_to:
                lines.append(self.tr("Handled by: %1").replace("%1", row.assigned_to))
            return "\n".join(lines)
        return None


class MissedCallModel(LazyTableModel):
    """Missed and abandoned calls: time, waiting, number, caller-ID name, line, repeats, status."""

    TIME, WAITING, NUMBER, NAME, LINE, REPEATS, STATE = range(7)
    columns = ("Time", "Waiting", "Number", "Name", "Line", "Calls", "Status")

    def __init__(self, worker: DbWorker, load_ids: Callable[[], list[int]],
                 load_rows: Callable[[list[int]], Sequence[MissedCallRow]], clock: Clock,
                 parent: Any = None) -> None:
        super().__init__(worker, load_ids, load_rows, parent)
        self.clock = clock
        self._now = clock()

    def header(self, section: int) -> str:
        return (self.tr("Time"), self.tr("Waiting"), self.tr("Number"), self.tr("Caller ID name"), self.tr("Line"),
                self.tr("Calls"), self.tr("Status"))[section]

    def tick(self) -> None:
        self._now = self.clock()
        if self._shown:
            self.dataChanged.emit(self.index(0, self.WAITING), self.index(self._shown - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole])

    def cell(self, row: MissedCallRow, column: int, role: int) -> Any:
        waiting = self._now - row.received_at
        blocked = row.blocked_until is not None and row.blocked_until > self._now
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return wib_time(row.received_at, self._now)
            if column == self.WAITING:
                return "" if row.callback_at else age_text(waiting)
            if column == self.NUMBER:
                return row.display_number or self.tr("(no caller ID)")
            if column == self.NAME:
                return row.cid_name or ""
            if column == self.LINE:
                return row.line or ""
            if column == self.REPEATS:
                return f"{row.repeats}×"
            if column == self.STATE:
                if row.callback_at:
                    return self.tr("Called back %1 by %2").replace("%1", wib_time(row.callback_at, self._now)) \
                        .replace("%2", row.callback_by or "?")
                return self.tr("Blocked (flagged)") if blocked else self.tr("Waiting for callback")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and not row.callback_at:
            color = LATE_BACKGROUND.get(age_level(waiting, MISSED_CALL_LIMITS))
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and blocked:
            return QBrush(QColor("#a1160f"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WAITING, self.REPEATS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.tr("Rang at %1").replace("%1", wib_full(row.received_at))]
            if row.callback_note:
                lines.append(self.tr("Callback note: %1").replace("%1", row.callback_note))
            return "\n".join(lines)
        return None


class StaticTableModel(QAbstractTableModel):
    """A small, fully loaded table (caller history, source list): rows given at once, already fetched on the
    worker by the dialog; ``cell(row, column)`` says what each column shows."""

    def __init__(self, headers: Sequence[str], cell: Callable[[Any, int], str],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._cell = cell
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(self._rows[index.row()], index.column())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def static_table(model: StaticTableModel, parent: QWidget) -> QTableView:
    """A read-only table for a small, fully loaded model (history lists, linked calls)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setTabKeyNavigation(False)
    return view
