"""Table models for the supervisor board, on the console's one keyed table model (ui.table_model).

Each board snapshot is pushed and applied as a diff, so the supervisor's selection survives a refresh. Timers are
computed from the model's clock at paint time, so ``tick()`` recolours without the database.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from callcenter.clock import Clock, utcnow
from callcenter.services.supervisor import (
    IncidentRow,
    MissedCallRow,
    OperatorRow,
    Sla,
    SlaThresholds,
    WaitingCallRow,
    incident_sla,
    level,
)
from ui.table_model import KEY_ROLE, KeyedTableModel
from ui.words import (
    duration_text,
    incident_status_text,
    priority_text,
    time_text,
    unit_status_text,
    wib_text,
)
from ui.words.lines import line_text

Index = QModelIndex | QPersistentModelIndex
SLA_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's SLA state (``Sla``) for views and tests."""
ID_ROLE = KEY_ROLE
"""The row's key (call id, incident id, desk name)."""

SLA_COLOURS = {Sla.GREEN: QColor("#d9f2dc"), Sla.AMBER: QColor("#ffe2a8"), Sla.RED: QColor("#f7b9b5")}
SLA_TEXT = {Sla.GREEN: QColor("#1e5e2a"), Sla.AMBER: QColor("#7a4b00"), Sla.RED: QColor("#8a1010")}


class RowModel(KeyedTableModel):
    """A board table: pushed snapshots (diffed, so the supervisor's selection survives), timers computed from
    the clock at paint time, SLA colours."""

    def __init__(self, clock: Clock = utcnow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.thresholds = SlaThresholds.from_setting(None)

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(rows)
        self.tick()  # the timers of unchanged rows moved on too

    def _sla_cell(self, state: Sla, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return SLA_COLOURS[state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return SLA_TEXT[state]
        if role == SLA_ROLE:
            return state
        return None


class WaitingCallsModel(RowModel):
    NUMBER, NAME, LINE, WAIT, NOTE = range(5)

    def headers(self) -> Sequence[str]:
        return [self.tr("Number"), self.tr("CID name"), self.tr("Line"), self.tr("Waiting"), self.tr("Note")]

    def sla(self, row: WaitingCallRow) -> Sla:
        if row.stale_operator is not None:
            return Sla.RED
        return level(row.wait_s(self.clock()), self.thresholds.ringing)

    def cell(self, row: WaitingCallRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return row.number or self.tr("(no caller ID)")
            if column == self.NAME:
                return row.cid_name or ""
            if column == self.LINE:
                return line_text(row.line)
            if column == self.WAIT:
                return duration_text(row.wait_s(self.clock()))
            if column == self.NOTE:
                if row.stale_operator is not None:
                    return self.tr("Stale: held by %1, desk %2 offline").replace("%1", row.stale_operator).replace(
                        "%2", row.stale_desk or "?")
                return self.tr("Blocked number") if row.blocked else self.tr("Ringing")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.WAIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row first: the name, the line and the note give way on a narrow board.
            shown = [str(self.cell(row, part, Qt.ItemDataRole.DisplayRole) or "") for part in
                     (self.NUMBER, self.NAME, self.LINE, self.NOTE)]
            lines = ["  ·  ".join(part for part in shown if part)]
            if row.stale_operator is not None:
                lines.append(self.tr("The operator's desk stopped reporting. Release the call (Ctrl+L) so another "
                                     "desk can take it, or call the operator."))
            return "\n".join(lines)
        return self._sla_cell(self.sla(row), role)


class MissedCallsModel(RowModel):
    TIME, NUMBER, TRIES, AGE, BLOCKED = range(5)

    def headers(self) -> Sequence[str]:
        return [self.tr("Time"), self.tr("Number"), self.tr("Calls"), self.tr("Age"), self.tr("Blocked")]

    def header_tips(self) -> Sequence[str]:
        return ["", "", self.tr("Calls from this number in the last 24 hours"),
                self.tr("Time since the call was missed"), ""]

    def cell(self, row: MissedCallRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:  # the list spans 24 h: the age beside it says which day; the tip has the date
                return time_text(row.received_at)
            if column == self.NUMBER:
                return row.number or self.tr("(no caller ID)")
            if column == self.TRIES:
                return str(row.calls_from_number) if row.e164 else "–"
            if column == self.AGE:
                return duration_text(row.age_s(self.clock()))
            if column == self.BLOCKED:
                return self.tr("yes") if row.blocked else ""
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.TRIES, self.AGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # the 'blocked' column steps aside on a narrow board
            return "  ·  ".join(part for part in (wib_text(row.received_at), row.number,
                                                  self.tr("Blocked") if row.blocked else "") if part)
        return self._sla_cell(level(row.age_s(self.clock()), self.thresholds.missed_callback), role)


class IncidentsModel(RowModel):
    NUMBER, PRIORITY, SLA, AGE, STEP, CATEGORY, PLACE, STATUS, ASSIGNED = range(9)

    def __init__(self, clock: Clock = utcnow, parent: QObject | None = None, *, english: bool = False) -> None:
        super().__init__(clock, parent)
        self.english = english

    def headers(self) -> Sequence[str]:
        return [self.tr("Incident"), self.tr("Priority"), self.tr("SLA"), self.tr("Age"), self.tr("No news for"),
                self.tr("Category"), self.tr("Place"), self.tr("Status"), self.tr("Operator")]

    def header_tips(self) -> Sequence[str]:
        tips = [""] * 9
        tips[self.STEP] = self.tr("Time since the last step of its dispatches (forwarded, acknowledged, en route, "
                                  "on scene), or since it was opened")
        return tips

    def sla(self, row: IncidentRow) -> tuple[Sla, str]:
        return incident_sla(row, self.clock(), self.thresholds)

    def cell(self, row: IncidentRow, column: int, role: int) -> Any:
        now = self.clock()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return row.number
            if column == self.PRIORITY:
                return row.priority
            if column == self.CATEGORY:
                return row.category_en if self.english else row.category_id
            if column == self.PLACE:
                return row.place or ""
            if column == self.STATUS:
                return incident_status_text(row.status)
            if column == self.ASSIGNED:
                return row.assigned_to or ""
            if column == self.AGE:
                return duration_text(row.age_s(now))
            if column == self.STEP:
                return duration_text(row.since_step_s(now))
            if column == self.SLA:
                return self.sla_text(*self.sla(row))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AGE, self.STEP, self.PRIORITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column != self.PRIORITY \
                else int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row first: category, place, status and operator give way on a narrow board.
            shown = [str(self.cell(row, part, Qt.ItemDataRole.DisplayRole) or "") for part in
                     (self.NUMBER, self.CATEGORY, self.PLACE, self.STATUS, self.ASSIGNED)]
            return "  ·  ".join(part for part in shown if part) + "\n" + priority_text(row.priority) + "\n" + self.tr(
                "Forwarded %1 time(s); callback number %2").replace("%1", str(row.dispatches)).replace(
                "%2", row.callback_number or "-")
        return self._sla_cell(self.sla(row)[0], role)

    def sla_text(self, state: Sla, reason: str) -> str:
        if reason == "not_forwarded":
            return self.tr("not forwarded") if state is not Sla.GREEN else self.tr("on time")
        if reason == "not_acknowledged":
            return self.tr("not acknowledged") if state is not Sla.GREEN else self.tr("waiting for agency")
        return self.tr("on time")

    def sla_texts(self) -> list[str]:
        return [self.sla_text(state, reason) for state in Sla for reason in ("not_forwarded", "not_acknowledged")]


class OperatorsModel(RowModel):
    DESK, OPERATOR, STATE, CALLS, INCIDENTS, HANDLED, BEAT = range(7)

    def headers(self) -> Sequence[str]:
        return [self.tr("Desk"), self.tr("Operator"), self.tr("State"), self.tr("Calls"), self.tr("Incidents"),
                self.tr("Shift calls"), self.tr("Heartbeat")]

    def header_tips(self) -> Sequence[str]:
        return ["", "", "", self.tr("Calls answered and not yet finished"), self.tr("Open incidents assigned"),
                self.tr("Calls answered this shift"), self.tr("Last heartbeat (WIB)")]

    def key(self, row: OperatorRow) -> Hashable:
        return row.key

    def cell(self, row: OperatorRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DESK:
                return row.desk or self.tr("(no desk)")
            if column == self.OPERATOR:
                return row.full_name or row.username or (self.tr("line service") if row.line_host else "")
            if column == self.STATE:
                state = self.tr("online") if row.online else self.tr("offline")
                return state + (self.tr(" · line host") if row.line_host else "")
            if column == self.CALLS:
                return str(row.open_calls)
            if column == self.INCIDENTS:
                return str(row.open_incidents)
            if column == self.HANDLED:
                return str(row.handled_this_shift)
            if column == self.BEAT:
                return time_text(row.last_heartbeat)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.CALLS, self.INCIDENTS, self.HANDLED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # desk and name give way on a narrow board
            return "  ·  ".join(str(self.cell(row, part, Qt.ItemDataRole.DisplayRole) or "") for part in
                                (self.DESK, self.OPERATOR, self.STATE))
        if column == self.STATE and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#1e6b2a") if row.online else QColor("#9a1c1c")
        if role == Qt.ItemDataRole.BackgroundRole and not row.online and row.open_calls:
            return SLA_COLOURS[Sla.RED]  # offline with a call in hand: the stale-claim case
        return None


class UnitsModel(RowModel):
    """Units by status: a fixed short list."""

    STATUS, COUNT = range(2)

    def headers(self) -> Sequence[str]:
        return [self.tr("Unit status"), self.tr("Units")]

    def key(self, row: tuple[str, int]) -> Hashable:
        return row[0]

    def cell(self, row: tuple[str, int], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return unit_status_text(row[0]) if column == self.STATUS else str(row[1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
