"""The supervisor's live board (roles supervisor and admin; the audit trail viewer is ``audit_trail``).

``board()`` is one read transaction of aggregate queries (counts, groups, small bounded lists), cheap enough
to run every two seconds on every supervisor desk. Timers and SLA colours are computed from the snapshot and
a clock (``incident_sla``), so the console recolours every second without asking the database again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, func, literal, select
from sqlalchemy.orm import Session, aliased

from callcenter import phone
from callcenter.clock import WIB
from callcenter.db.enums import CallState, CallType, Direction, DispatchStatus, IncidentStatus, Role, UnitStatus
from callcenter.db.models import (
    Area,
    Call,
    Caller,
    Category,
    Desk,
    Dispatch,
    DispatchEvent,
    Incident,
    Line,
    Operator,
    ShiftDefinition,
    Unit,
)
from callcenter.db.refdata import DEFAULT_SETTINGS
from callcenter.services.base import Actor, Service
from callcenter.services.call_figures import ANSWER_BUCKETS, CallFigures, period_figures
from callcenter.services.incidents import OPEN_STATUSES
from callcenter.services.presence import DEFAULT_TIMEOUT_S, StaleClaim, stale_claims
from callcenter.services.settings import read_setting
from callcenter.shift_windows import ShiftSpec, ShiftWindow, window_at

MISSED_WINDOW = timedelta(hours=24)
UNCLASSIFIED = "unclassified"
MISSED = "missed"
MAX_LIST = 300


class Sla(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


Pair = tuple[float, float]


def _pair(value: Any, default: Pair) -> Pair:
    try:
        amber, red = (float(value[0]), float(value[1]))
    except (TypeError, ValueError, IndexError, KeyError):
        return default
    return (amber, red) if 0 <= amber <= red else default


@dataclass(frozen=True, slots=True)
class SlaThresholds:
    """Seconds until amber and red. From the ``sla`` setting; anything malformed falls back to the default."""

    not_forwarded: dict[str, Pair]
    not_acknowledged: Pair
    ringing: Pair
    missed_callback: Pair

    @classmethod
    def from_setting(cls, value: Any) -> SlaThresholds:
        default = DEFAULT_SETTINGS["sla"]
        value = value if isinstance(value, dict) else {}
        forwarded = value.get("not_forwarded") if isinstance(value.get("not_forwarded"), dict) else {}
        return cls(
            not_forwarded={priority: _pair(forwarded.get(priority), tuple(pair))
                           for priority, pair in default["not_forwarded"].items()},
            not_acknowledged=_pair(value.get("not_acknowledged"), tuple(default["not_acknowledged"])),
            ringing=_pair(value.get("ringing"), tuple(default["ringing"])),
            missed_callback=_pair(value.get("missed_callback"), tuple(default["missed_callback"])),
        )


def level(elapsed_s: float, pair: Pair) -> Sla:
    amber, red = pair
    if elapsed_s >= red:
        return Sla.RED
    if elapsed_s >= amber:
        return Sla.AMBER
    return Sla.GREEN


_RANK = {Sla.GREEN: 0, Sla.AMBER: 1, Sla.RED: 2}


@dataclass(frozen=True, slots=True)
class WaitingCallRow:
    """A call ringing now, or a stale claim (answered by an operator whose desk went offline)."""

    id: int
    received_at: datetime
    number: str | None
    e164: str | None
    cid_name: str | None
    line: str | None
    blocked: bool
    stale_operator: str | None = None
    stale_desk: str | None = None

    def wait_s(self, now: datetime) -> float:
        return max(0.0, (now - self.received_at).total_seconds())


@dataclass(frozen=True, slots=True)
class MissedCallRow:
    id: int
    received_at: datetime
    number: str | None
    e164: str | None
    blocked: bool
    calls_from_number: int
    """Calls from the same number within the missed-call window (a caller who keeps trying)."""

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.received_at).total_seconds())


@dataclass(frozen=True, slots=True)
class IncidentRow:
    id: int
    number: str
    priority: str
    status: IncidentStatus
    category_id: str
    category_en: str
    place: str | None
    assigned_to_id: int | None
    assigned_to: str | None
    created_at: datetime
    first_dispatched_at: datetime | None
    last_step_at: datetime | None
    oldest_unacknowledged_at: datetime | None
    dispatches: int
    callback_number: str | None
    version: int

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.created_at).total_seconds())

    def since_step_s(self, now: datetime) -> float:
        return max(0.0, (now - (self.last_step_at or self.created_at)).total_seconds())


def incident_sla(row: IncidentRow, now: datetime, thresholds: SlaThresholds) -> tuple[Sla, str]:
    """The incident's colour and why: ``not_forwarded`` (per priority) or ``not_acknowledged``; worst wins."""
    state, reason = Sla.GREEN, ""
    if row.first_dispatched_at is None and row.status is IncidentStatus.OPEN:
        pair = thresholds.not_forwarded.get(row.priority, thresholds.not_forwarded["P4"])
        state, reason = level(row.age_s(now), pair), "not_forwarded"
    if row.oldest_unacknowledged_at is not None:
        waited = (now - row.oldest_unacknowledged_at).total_seconds()
        ack = level(waited, thresholds.not_acknowledged)
        if _RANK[ack] > _RANK[state] or not reason:
            state, reason = ack, "not_acknowledged"
    return state, reason


@dataclass(frozen=True, slots=True)
class OperatorRow:
    key: str
    """Stable row key: the desk name, or ``op:<id>`` for an operator with work but no desk."""
    desk: str | None
    operator_id: int | None
    username: str | None
    full_name: str | None
    online: bool
    line_host: bool
    last_heartbeat: datetime | None
    open_calls: int
    open_incidents: int
    handled_this_shift: int


@dataclass(frozen=True, slots=True)
class ShiftKpis:
    shift_code: str
    shift_name: str
    start: datetime
    end: datetime
    figures: CallFigures
    """Answer-time shares, median and unanswered share of this shift so far: the shift report's definition."""
    by_type: dict[str, int]
    open_incidents: int

    @property
    def received(self) -> int:
        return self.figures.arrived


@dataclass(frozen=True, slots=True)
class HourlyCalls:
    hours: list[int]
    """WIB hours of today up to the current one."""
    series: dict[str, list[int]]
    """Call type (or ``missed`` / ``unclassified``) -> count per hour, aligned with ``hours``."""


@dataclass(frozen=True, slots=True)
class AnswerHistogram:
    bounds: tuple[int, ...]
    counts: list[int]
    """len(bounds) + 1 counts: <= bounds[0], ..., > bounds[-1]."""


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    at: datetime
    thresholds: SlaThresholds
    waiting: list[WaitingCallRow]
    missed: list[MissedCallRow]
    incidents: list[IncidentRow]
    operators: list[OperatorRow]
    units: dict[str, int]
    kpis: ShiftKpis
    hourly: HourlyCalls
    answer_histogram: AnswerHistogram
    stale: list[StaleClaim] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OperatorChoice:
    id: int
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class ClosedIncident:
    id: int
    number: str
    category: str
    closed_at: datetime
    disposition: str | None


def utc_hour(session: Session, column: Any) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("hour", column), Integer)
    return cast(func.strftime("%H", column), Integer)


def _display(e164: str | None, raw: str | None) -> str | None:
    return phone.national(e164) if e164 else raw


class SupervisorService(Service):
    # -- the board ---------------------------------------------------------------------------------------
    def thresholds(self, actor: Actor) -> SlaThresholds:
        self.require(actor, Role.SUPERVISOR, "see the supervisor board")
        with self.db.read() as session:
            return SlaThresholds.from_setting(read_setting(session, "sla"))

    def board(self, actor: Actor, *, desk_timeout_s: float = DEFAULT_TIMEOUT_S) -> BoardSnapshot:
        self.require(actor, Role.SUPERVISOR, "see the supervisor board")
        now = self.clock()
        with self.db.read() as session:
            thresholds = SlaThresholds.from_setting(read_setting(session, "sla"))
            shift = self._shift(session, now)
            stale = stale_claims(session, now - timedelta(seconds=desk_timeout_s))
            kpis = self._kpis(session, shift)
            return BoardSnapshot(
                at=now,
                thresholds=thresholds,
                waiting=self._waiting(session, now, stale),
                missed=self._missed(session, now),
                incidents=self._incidents(session),
                operators=self._operators(session, now, shift, desk_timeout_s),
                units=self._units(session),
                kpis=kpis,
                hourly=self._hourly(session, now),
                answer_histogram=AnswerHistogram(ANSWER_BUCKETS, list(kpis.figures.buckets)),
                stale=stale,
            )

    def operators(self, actor: Actor) -> list[OperatorChoice]:
        """Who an incident can be reassigned to: active operators and supervisors."""
        self.require(actor, Role.SUPERVISOR, "reassign incidents")
        with self.db.read() as session:
            rows = session.execute(
                select(Operator.id, Operator.username, Operator.full_name, Operator.role)
                .where(Operator.active.is_(True), Operator.role.in_([Role.OPERATOR, Role.SUPERVISOR]))
                .order_by(Operator.username)
            ).all()
        return [OperatorChoice(*row) for row in rows]

    def recently_closed(self, actor: Actor, *, days: int = 7, limit: int = 200) -> list[ClosedIncident]:
        """Incidents closed lately, newest first: what a supervisor may reopen."""
        self.require(actor, Role.SUPERVISOR, "reopen incidents")
        since = self.clock() - timedelta(days=days)
        with self.db.read() as session:
            rows = session.execute(
                select(Incident.id, Incident.number, Category.name_id, Incident.closed_at, Incident.disposition)
                .join(Category, Category.id == Incident.category_id)
                .where(Incident.status == IncidentStatus.CLOSED, Incident.closed_at >= since)
                .order_by(Incident.closed_at.desc(), Incident.id.desc()).limit(limit)
            ).all()
        return [ClosedIncident(r[0], r[1], r[2], r[3] or since, r[4]) for r in rows]

    @staticmethod
    def _shift(session: Session, now: datetime) -> ShiftWindow:
        specs = [ShiftSpec(s.code, s.name, s.start_time, s.end_time) for s in session.scalars(
            select(ShiftDefinition).where(ShiftDefinition.active.is_(True)).order_by(ShiftDefinition.sort_order))]
        return window_at(specs, now)

    @staticmethod
    def _blocked(now: datetime) -> ColumnElement[bool]:
        return select(Caller.id).where(Caller.e164 == Call.e164, Caller.blocked_until > now).exists()

    def _waiting(self, session: Session, now: datetime, stale: list[StaleClaim]) -> list[WaitingCallRow]:
        rows = session.execute(
            select(Call.id, Call.received_at, Call.e164, Call.number_raw, Call.cid_name, Line.name,
                   self._blocked(now))
            .outerjoin(Line, Line.id == Call.line_id)
            .where(Call.state == CallState.RINGING)
            .order_by(Call.received_at, Call.id).limit(MAX_LIST)
        ).all()
        waiting = [WaitingCallRow(r[0], r[1], _display(r[2], r[3]), r[2], r[4], r[5], bool(r[6])) for r in rows]
        waiting += [WaitingCallRow(s.call_id, s.received_at, s.number, None, None, None, False,
                                   stale_operator=s.username, stale_desk=s.last_desk) for s in stale]
        return waiting

    def _missed(self, session: Session, now: datetime) -> list[MissedCallRow]:
        since = now - MISSED_WINDOW
        other = aliased(Call)
        same_number = (select(func.count()).where(other.e164 == Call.e164, other.received_at >= since)
                       .correlate(Call).scalar_subquery())
        rows = session.execute(
            select(Call.id, Call.received_at, Call.e164, Call.number_raw, self._blocked(now), same_number)
            .where(Call.state == CallState.MISSED, Call.callback_at.is_(None), Call.received_at >= since)
            .order_by(Call.received_at.desc(), Call.id.desc()).limit(MAX_LIST)
        ).all()
        return [MissedCallRow(r[0], r[1], _display(r[2], r[3]), r[2], bool(r[4]), int(r[5] or 0)) for r in rows]

    @staticmethod
    def _incidents(session: Session) -> list[IncidentRow]:
        last_step = (select(func.max(DispatchEvent.at)).join(Dispatch, Dispatch.id == DispatchEvent.dispatch_id)
                     .where(Dispatch.incident_id == Incident.id).scalar_subquery())
        unacked = (select(func.min(Dispatch.created_at))
                   .where(Dispatch.incident_id == Incident.id, Dispatch.status == DispatchStatus.NOTIFIED)
                   .scalar_subquery())
        count = select(func.count()).where(Dispatch.incident_id == Incident.id).scalar_subquery()
        priority_rank = case({"P1": 1, "P2": 2, "P3": 3}, value=Incident.priority, else_=4)
        rows = session.execute(
            select(Incident.id, Incident.number, Incident.priority, Incident.status, Category.name_id,
                   Category.name_en, Area.name, Incident.assigned_to_id, Operator.username, Incident.created_at,
                   Incident.first_dispatched_at, last_step, unacked, count, Incident.callback_number,
                   Incident.version)
            .join(Category, Category.id == Incident.category_id)
            .outerjoin(Area, Area.code == Incident.desa_code)
            .outerjoin(Operator, Operator.id == Incident.assigned_to_id)
            .where(Incident.status.in_(OPEN_STATUSES))
            .order_by(priority_rank, Incident.created_at, Incident.id).limit(MAX_LIST)
        ).all()
        return [IncidentRow(r[0], r[1], str(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                            int(r[13] or 0), r[14], r[15]) for r in rows]

    @staticmethod
    def _operators(session: Session, now: datetime, shift: ShiftWindow, timeout_s: float) -> list[OperatorRow]:
        cutoff = now - timedelta(seconds=timeout_s)
        open_calls = dict(session.execute(
            select(Call.claimed_by_id, func.count()).where(Call.state == CallState.ANSWERED,
                                                           Call.claimed_by_id.is_not(None))
            .group_by(Call.claimed_by_id)).all())
        open_incidents = dict(session.execute(
            select(Incident.assigned_to_id, func.count()).where(Incident.status.in_(OPEN_STATUSES),
                                                                Incident.assigned_to_id.is_not(None))
            .group_by(Incident.assigned_to_id)).all())
        # received_at bounds the scan through its index (a call is answered within the hour it rang). Grouping
        # by an expression keeps SQLite from walking the whole claimed_by index to save a sort (400 ms at 1M).
        operator_key = (Call.claimed_by_id + 0).label("operator_id")
        handled = dict(session.execute(
            select(operator_key, func.count()).where(Call.received_at >= shift.start_utc - timedelta(hours=1),
                                                     Call.answered_at >= shift.start_utc,
                                                     Call.answered_at < shift.end_utc,
                                                     Call.claimed_by_id.is_not(None))
            .group_by(operator_key)).all())
        desks = session.execute(
            select(Desk.name, Desk.operator_id, Desk.online, Desk.last_heartbeat, Desk.line_host)
        ).all()
        busy = set(open_calls) | set(open_incidents) | set(handled) | {d[1] for d in desks if d[1] is not None}
        people = {row[0]: (row[1], row[2]) for row in session.execute(
            select(Operator.id, Operator.username, Operator.full_name).where(Operator.id.in_(busy or {-1})))}
        rows: list[OperatorRow] = []
        seated: set[int] = set()
        for name, operator_id, online, beat, line_host in desks:
            live = bool(online and beat >= cutoff)
            if operator_id is not None and live:
                seated.add(operator_id)
            username, full_name = people.get(operator_id, (None, None)) if operator_id is not None else (None, None)
            rows.append(OperatorRow(name, name, operator_id, username, full_name, live, bool(line_host), beat,
                                    open_calls.get(operator_id, 0) if operator_id else 0,
                                    open_incidents.get(operator_id, 0) if operator_id else 0,
                                    handled.get(operator_id, 0) if operator_id else 0))
        # An operator seated at a live desk is shown there; their older, offline desks would only repeat them.
        rows = [r for r in rows if r.online or r.operator_id is None or r.operator_id not in seated]
        with_desk = {r.operator_id for r in rows if r.operator_id is not None}
        for operator_id in sorted(i for i in busy - with_desk if i is not None):
            username, full_name = people.get(operator_id, (None, None))
            rows.append(OperatorRow(f"op:{operator_id}", None, operator_id, username, full_name, False, False, None,
                                    open_calls.get(operator_id, 0), open_incidents.get(operator_id, 0),
                                    handled.get(operator_id, 0)))
        return sorted(rows, key=lambda r: (not r.online, r.desk is None, (r.desk or r.username or "").lower()))

    @staticmethod
    def _units(session: Session) -> dict[str, int]:
        counts = {status.value: 0 for status in UnitStatus}
        for status, count in session.execute(
                select(Unit.status, func.count()).where(Unit.active.is_(True)).group_by(Unit.status)).all():
            counts[str(status)] = int(count)
        return counts

    @staticmethod
    def _in_window(start: datetime, end: datetime) -> tuple[ColumnElement[bool], ...]:
        return (Call.received_at >= start, Call.received_at < end, Call.direction == Direction.INCOMING)

    def _kpis(self, session: Session, shift: ShiftWindow) -> ShiftKpis:
        window = self._in_window(shift.start_utc, shift.end_utc)
        by_type_rows = session.execute(
            select(Call.call_type, func.count()).where(*window, Call.call_type.is_not(None)).group_by(Call.call_type)
        ).all()
        by_type = {t.value: 0 for t in CallType}
        for call_type, count in by_type_rows:
            by_type[str(call_type)] = int(count)
        open_incidents = int(session.scalar(
            select(func.count()).select_from(Incident).where(Incident.status.in_(OPEN_STATUSES))) or 0)
        return ShiftKpis(shift_code=shift.spec.code, shift_name=shift.spec.name, start=shift.start_utc,
                         end=shift.end_utc, figures=period_figures(session, shift.start_utc, shift.end_utc),
                         by_type=by_type, open_incidents=open_incidents)

    def _hourly(self, session: Session, now: datetime) -> HourlyCalls:
        local = now.astimezone(WIB)
        day_start = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        hour = utc_hour(session, Call.received_at)
        kind = case((Call.call_type.is_not(None), Call.call_type), (Call.state == CallState.MISSED, literal(MISSED)),
                    else_=literal(UNCLASSIFIED))
        hours = list(range(local.hour + 1))
        series = {key: [0] * len(hours) for key in [t.value for t in CallType] + [MISSED, UNCLASSIFIED]}
        utc_offset = local.utcoffset()
        offset = round(utc_offset.total_seconds() / 3600) if utc_offset else 0
        today = self._in_window(day_start, day_start + timedelta(days=1))
        for utc_h, key, count in session.execute(
                select(hour, kind, func.count()).where(*today).group_by(hour, kind)).all():
            local_h = (int(utc_h) + offset) % 24
            if local_h < len(hours):
                series[str(key)][local_h] += int(count)
        return HourlyCalls(hours, series)
