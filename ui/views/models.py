"""Table models of the views, on the console's one keyed table model (ui.table_model).

The incident queues and missed calls know the complete ordered id list (one cheap indexed query) and fetch rows
in pages on the database worker as the view scrolls; small dialogs push complete snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
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
from ui.table_model import KeyedTableModel
from ui.views.common import category_text
from ui.words import duration_text, incident_status_text, priority_text, when_text, wib_text
from ui.words.lines import line_text
from ui.worker import DbWorker

LATE_BACKGROUND = {1: QColor("#ffe9a8"), 2: QColor("#f7c3bf")}
PRIORITY_BACKGROUND = {Priority.P1: QColor("#fdeeed")}
PRIORITY_FOREGROUND = {Priority.P1: QColor("#a1160f"), Priority.P2: QColor("#8a4b00"),
                       Priority.P3: QColor("#1f2933"), Priority.P4: QColor("#52606d")}


class IncidentQueueModel(KeyedTableModel):
    """Open incidents: number, live age, status, category, priority, kecamatan; coloured by priority and age."""

    NUMBER, AGE, STATUS, CATEGORY, PRIORITY, KECAMATAN = range(6)

    def __init__(self, worker: DbWorker, load_ids: Callable[[], list[int]],
                 load_rows: Callable[[list[int]], Sequence[IncidentRow]], clock: Clock,
                 mine_for: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.load_by_key(worker, load_ids, load_rows)
        self.clock = clock
        self.mine_for = mine_for
        self._now = clock()

    def headers(self) -> Sequence[str]:
        return (self.tr("Number"), self.tr("Age"), self.tr("Status"), self.tr("Category"), self.tr("Priority"),
                self.tr("Kecamatan"))

    def tick(self, roles: Sequence[int] = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole)) -> None:
        """A second passed: repaint the age column and the colours (no database work)."""
        self._now = self.clock()
        super().tick(roles)

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
                return duration_text(age)
            if column == self.STATUS:
                return incident_status_text(row.status)
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
                     priority_text(row.priority),
                     self.tr("Opened: %1").replace("%1", wib_text(row.created_at))]
            if row.desa or row.kecamatan:
                lines.append(", ".join(part for part in (row.desa, row.kecamatan) if part))
            if row.reporter_name:
                lines.append(self.tr("Reporter: %1").replace("%1", row.reporter_name))
            if row.assigned_to:
                lines.append(self.tr("Handled by: %1").replace("%1", row.assigned_to))
            return "\n".join(lines)
        return None


class MissedCallModel(KeyedTableModel):
    """Missed and abandoned calls: time, waiting, number, caller-ID name, line, repeats, status."""

    TIME, WAITING, NUMBER, NAME, LINE, REPEATS, STATE = range(7)

    def __init__(self, worker: DbWorker, load_ids: Callable[[], list[int]],
                 load_rows: Callable[[list[int]], Sequence[MissedCallRow]], clock: Clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.load_by_key(worker, load_ids, load_rows)
        self.clock = clock
        self._now = clock()

    def headers(self) -> Sequence[str]:
        return (self.tr("Time"), self.tr("Waiting"), self.tr("Number"), self.tr("Caller ID name"), self.tr("Line"),
                self.tr("Calls"), self.tr("Status"))

    def tick(self, roles: Sequence[int] = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole)) -> None:
        self._now = self.clock()
        super().tick(roles)

    def state_text(self, *, blocked: bool) -> str:
        return self.tr("Blocked (flagged)") if blocked else self.tr("Waiting for callback")

    def _state(self, row: MissedCallRow, blocked: bool) -> str:
        if row.callback_at:
            return self.tr("Called back %1 by %2").replace("%1", when_text(row.callback_at, self._now)) \
                .replace("%2", row.callback_by or "?")
        return self.state_text(blocked=blocked)

    def cell(self, row: MissedCallRow, column: int, role: int) -> Any:
        waiting = self._now - row.received_at
        blocked = row.blocked_until is not None and row.blocked_until > self._now
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return when_text(row.received_at, self._now)
            if column == self.WAITING:
                return "" if row.callback_at else duration_text(waiting)
            if column == self.NUMBER:
                return row.display_number or self.tr("(no caller ID)")
            if column == self.NAME:
                return row.cid_name or ""
            if column == self.LINE:
                return line_text(row.line)
            if column == self.REPEATS:
                return f"{row.repeats}×"
            if column == self.STATE:
                return self._state(row, blocked)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and not row.callback_at:
            color = LATE_BACKGROUND.get(age_level(waiting, MISSED_CALL_LIMITS))
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and blocked:
            return QBrush(QColor("#a1160f"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WAITING, self.REPEATS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Whole, what the narrow columns may elide: who called on which line, and the state.
            line = line_text(row.line) if row.line else ""
            caller = "  ·  ".join(part for part in (row.display_number, row.cid_name, line) if part)
            lines = [caller, self.tr("Rang at %1").replace("%1", wib_text(row.received_at)), self._state(row, blocked)]
            if row.callback_note:
                lines.append(self.tr("Callback note: %1").replace("%1", row.callback_note))
            return "\n".join(lines)
        return None


def static_table(model: KeyedTableModel, parent: QWidget) -> QTableView:
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
