"""Report data: exactly what the database holds for a shift or a date range, as typed frozen values.

Counts are made in SQL (GROUP BY / COUNT / SUM over CASE); the call-answering figures (answer-time shares,
median, unanswered share) come from ``callcenter.services.call_figures``, the one definition the supervisor board
uses too. Bounds are half-open: start inclusive, end exclusive, so a call at 07:00:00 WIB belongs to the pagi shift
and one at 06:59:59 to the night before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Float, Interval, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from callcenter.clock import WIB, Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import CallType, IncidentStatus, Role
from callcenter.db.models import (
    Agency,
    Area,
    AuditEntry,
    Call,
    Category,
    Dispatch,
    Incident,
    Operator,
    ShiftDefinition,
    ShiftSession,
)
from callcenter.errors import NotFound, ValidationError
from callcenter.services.base import Actor, Service
from callcenter.services.call_figures import (
    ANSWER_MARKS_S,
    NENA_TARGET,
    NFPA_TARGET,
    CallFigures,
    CallTiming,
    call_timings,
    figures_of,
    incoming_between,
    median,
    percentile,
)
from callcenter.services.location_stats import NO_PHONE_LOCATIONS, PhoneLocationStats, phone_location_stats
from callcenter.services.settings import read_setting
from callcenter.shift_windows import ShiftSpec, ShiftWindow, shift_start_utc, window

CALL_TYPE_ORDER = (CallType.NORMAL, CallType.INFORMASI, CallType.PRANK, CallType.GHOST, CallType.SALAH_SAMBUNG,
                   CallType.TEST)
TOP_NUMBERS = 10
CARRIED_LIMIT = 100
MAX_RANGE_DAYS = 400
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)
"""Reports and exports cover days in this span (beyond it the calendar arithmetic runs out of years)."""
BLOCK_ACTIONS = ("caller.block", "caller.auto_block")
WIB_OFFSET_HOURS = 7  # Asia/Jakarta has no daylight saving: a fixed offset is exact for day grouping in SQL


# -- values ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReportHeader:
    government: str
    office: str
    unit: str
    logo_path: str | None


@dataclass(frozen=True, slots=True)
class CallFunnel:
    incoming: int
    answered: int
    missed: int
    """Never answered (missed or abandoned by the caller)."""
    ringing: int
    """Still ringing when the report was made (only for a shift in progress)."""
    called_back: int
    """Missed calls the centre called back."""

    @classmethod
    def of(cls, figures: CallFigures, called_back: int) -> CallFunnel:
        return cls(figures.arrived, figures.answered, figures.unanswered, figures.ringing, called_back)


@dataclass(frozen=True, slots=True)
class CallTypeCounts:
    counts: tuple[tuple[CallType, int], ...]
    unclassified: int
    """Answered calls no operator classified (yet)."""

    def count(self, call_type: CallType) -> int:
        return dict(self.counts).get(call_type, 0)

    @property
    def classified(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def prank_ghost(self) -> int:
        return self.count(CallType.PRANK) + self.count(CallType.GHOST)

    @property
    def prank_ghost_share(self) -> float | None:
        """Percentage of classified calls that were prank or ghost calls (None without classified calls)."""
        return 100.0 * self.prank_ghost / self.classified if self.classified else None


@dataclass(frozen=True, slots=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class IntervalStats:
    count: int
    median_s: float | None
    p90_s: float | None


@dataclass(frozen=True, slots=True)
class AgencyIntervals:
    agency: str
    dispatches: int
    notified_to_acknowledged: IntervalStats
    acknowledged_to_on_scene: IntervalStats
    total: IntervalStats
    """Notified to on scene."""


@dataclass(frozen=True, slots=True)
class CarriedIncident:
    number: str
    created_at: datetime
    category: str
    priority: str
    status: IncidentStatus
    """The status at the end of the period (derived from the timestamps the database holds)."""
    kecamatan: str | None
    address: str | None


@dataclass(frozen=True, slots=True)
class OnDuty:
    username: str
    full_name: str
    role: Role
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class HandoverNote:
    full_name: str
    at: datetime | None
    note: str


@dataclass(frozen=True, slots=True)
class FrequentNumber:
    masked: str
    prank: int
    ghost: int

    @property
    def total(self) -> int:
        return self.prank + self.ghost


@dataclass(frozen=True, slots=True)
class BlockedNumber:
    masked: str
    at: datetime
    by: str
    automatic: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class DayTrend:
    day: date
    figures: CallFigures
    prank_ghost: int
    incidents: int

    @property
    def incoming(self) -> int:
        return self.figures.arrived

    @property
    def answered(self) -> int:
        return self.figures.answered

    @property
    def missed(self) -> int:
        return self.figures.unanswered


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    """The KPIs shared by shift and range reports, for calls received in [start_utc, end_utc)."""

    start_utc: datetime
    end_utc: datetime
    funnel: CallFunnel
    call_types: CallTypeCounts
    figures: CallFigures
    """Answer-time shares, median, 90th percentile and the unanswered share (see call_figures)."""
    incidents_total: int
    incidents_by_category: tuple[CountRow, ...]
    incidents_by_kecamatan: tuple[CountRow, ...]
    dispatches_by_agency: tuple[CountRow, ...]
    dispatch_intervals: tuple[AgencyIntervals, ...]
    carried_over: tuple[CarriedIncident, ...]
    carried_over_total: int
    frequent_numbers: tuple[FrequentNumber, ...]
    blocked_numbers: tuple[BlockedNumber, ...]
    phone_locations: PhoneLocationStats = NO_PHONE_LOCATIONS

    @property
    def empty(self) -> bool:
        return self.funnel.incoming == 0 and self.incidents_total == 0


@dataclass(frozen=True, slots=True)
class ShiftReportData:
    header: ReportHeader
    shift_code: str
    shift_name: str
    shift_date: date
    start_utc: datetime
    end_utc: datetime
    generated_at: datetime
    summary: PeriodSummary
    on_duty: tuple[OnDuty, ...]
    handover_notes: tuple[HandoverNote, ...]

    @property
    def provisional(self) -> bool:
        """The shift was still running when the report was made: its figures will change."""
        return self.generated_at < self.end_utc

    @property
    def operators(self) -> tuple[OnDuty, ...]:
        return tuple(person for person in self.on_duty if person.role is Role.OPERATOR)

    @property
    def supervisors(self) -> tuple[OnDuty, ...]:
        return tuple(person for person in self.on_duty if person.role in (Role.SUPERVISOR, Role.ADMIN))


@dataclass(frozen=True, slots=True)
class RangeReportData:
    header: ReportHeader
    date_from: date
    date_to: date
    """Inclusive: the range covers whole WIB days date_from .. date_to."""
    start_utc: datetime
    end_utc: datetime
    generated_at: datetime
    summary: PeriodSummary
    days: tuple[DayTrend, ...]


# -- helpers -----------------------------------------------------------------------------------------------

def mask_number(number: str | None) -> str:
    """0812-****-7890 style: enough for a supervisor to recognise a repeat caller, not to dial them."""
    if not number:
        return "-"
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.startswith("+62"):
        digits = "0" + digits[2:]
    if len(digits) < 10:  # short numbers: showing four and four would show (nearly) all of it
        return "*" * max(len(digits) - 2, 0) + digits[-2:]
    return f"{digits[:4]}-{'*' * 4}-{digits[-4:]}"


def day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = datetime.combine(date_from, time(0), tzinfo=WIB).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=WIB).astimezone(UTC)
    return start, end


class ReportService(Service):
    """Read-only report queries. Shift reports: supervisor or admin. Ranges: admin only."""

    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        super().__init__(db, clock)

    # -- shifts --------------------------------------------------------------------------------------------
    def shift_specs(self) -> list[ShiftSpec]:
        with self.db.read() as session:
            rows = session.scalars(select(ShiftDefinition).where(ShiftDefinition.active.is_(True))
                                   .order_by(ShiftDefinition.sort_order, ShiftDefinition.code)).all()
            return [ShiftSpec(row.code, row.name, row.start_time, row.end_time) for row in rows]

    def shift_spec(self, code: str) -> ShiftSpec:
        wanted = code.strip().lower()
        for spec in self.shift_specs():
            if wanted in (spec.code.lower(), spec.name.lower()):
                return spec
        raise NotFound("shift", code)

    def shift_report_data(self, actor: Actor, shift_date: date, shift_code: str) -> ShiftReportData:
        """The shift's report; a shift still running gives a provisional one (``provisional``), a shift that has
        not started is refused."""
        self.require(actor, Role.SUPERVISOR, "make a shift report")
        spec = self.shift_spec(shift_code)
        now = self.clock()
        bounds = _started_window(spec, shift_date, now)
        with self.db.read() as session:
            summary = _summary(session, bounds.start_utc, bounds.end_utc, now)
            on_duty, notes = _staff(session, bounds)
            header = _header(session)
        return ShiftReportData(header, spec.code, spec.name, shift_date, bounds.start_utc, bounds.end_utc, now,
                               summary, on_duty, notes)

    # -- ranges --------------------------------------------------------------------------------------------
    def range_report_data(self, actor: Actor, date_from: date, date_to: date) -> RangeReportData:
        self.require(actor, Role.ADMIN, "make a report for a date range")
        check_range(date_from, date_to)
        start, end = day_bounds(date_from, date_to)
        now = self.clock()
        with self.db.read() as session:
            timings = call_timings(session, start, end)
            summary = _summary(session, start, end, now, timings)
            days = _days(session, date_from, date_to, start, end, timings)
            header = _header(session)
        return RangeReportData(header, date_from, date_to, start, end, now, summary, days)


def _started_window(spec: ShiftSpec, shift_date: date, now: datetime) -> ShiftWindow:
    try:
        starts = shift_start_utc(spec, shift_date)
        if starts > now:
            raise ValidationError({"date": f"the {spec.name} shift of {shift_date.isoformat()} has not started yet "
                                           f"(it starts {starts.astimezone(WIB):%d-%m-%Y %H:%M} WIB)"})
        return window(spec, shift_date)
    except OverflowError:
        raise ValidationError({"date": f"{shift_date.isoformat()} is out of range"}) from None


def check_range(date_from: date, date_to: date) -> None:
    if date_from < FIRST_DAY or date_to > LAST_DAY:
        raise ValidationError({"date_from" if date_from < FIRST_DAY else "date_to":
                               f"dates run from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"})
    if date_to < date_from:
        raise ValidationError({"date_to": "the end date is before the start date"})
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError({"date_to": f"a report covers at most {MAX_RANGE_DAYS} days"})


# -- queries -----------------------------------------------------------------------------------------------

def _seconds(session: Session, later: Any, earlier: Any) -> ColumnElement[Any]:
    """``later - earlier`` in seconds, in SQL (both columns are naive UTC in the database)."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def _wib_day(session: Session, column: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"+{WIB_OFFSET_HOURS} hours")
    return cast(column + literal(timedelta(hours=WIB_OFFSET_HOURS), Interval()), Date)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _header(session: Session) -> ReportHeader:
    value = read_setting(session, "report_header") or {}
    if not isinstance(value, dict):
        value = {}

    def text(key: str, default: str) -> str:
        item = value.get(key)
        return item.strip() if isinstance(item, str) and item.strip() else default

    logo = value.get("logo_path")
    return ReportHeader(text("government", "Pemerintah Kabupaten Purwakarta"),
                        text("office", "Dinas Komunikasi dan Informatika"), text("unit", "Call Center 112"),
                        logo if isinstance(logo, str) and logo.strip() else None)


def _summary(session: Session, start: datetime, end: datetime, now: datetime,
             timings: list[CallTiming] | None = None) -> PeriodSummary:
    in_period = incoming_between(start, end)
    answered = Call.answered_at.is_not(None)
    figures = figures_of(timings if timings is not None else call_timings(session, start, end))
    called_back = int(session.scalar(select(_count_if(and_(~answered, Call.callback_at.is_not(None))))
                                     .where(in_period)) or 0)
    funnel = CallFunnel.of(figures, called_back)

    by_type = dict(session.execute(select(Call.call_type, func.count()).where(in_period, answered)
                                   .group_by(Call.call_type)).all())
    unclassified = int(by_type.pop(None, 0))
    types = CallTypeCounts(tuple((t, int(by_type.get(t, 0))) for t in CALL_TYPE_ORDER), unclassified)

    inc_period = and_(Incident.created_at >= start, Incident.created_at < end)
    incidents_total = int(session.scalar(select(func.count()).select_from(Incident).where(inc_period)) or 0)
    by_category = tuple(CountRow(code, name, int(n)) for code, name, n in session.execute(
        select(Category.code, Category.name_id, func.count()).join(Incident, Incident.category_id == Category.id)
        .where(inc_period).group_by(Category.code, Category.name_id)
        .order_by(func.count().desc(), Category.name_id)))
    kecamatan = aliased(Area)
    by_kecamatan = tuple(CountRow(code or "", name or "", int(n)) for code, name, n in session.execute(
        select(Incident.kecamatan_code, kecamatan.name, func.count())
        .outerjoin(kecamatan, kecamatan.code == Incident.kecamatan_code)
        .where(inc_period).group_by(Incident.kecamatan_code, kecamatan.name)
        .order_by(func.count().desc(), kecamatan.name)))

    disp_period = and_(Dispatch.created_at >= start, Dispatch.created_at < end)
    by_agency = tuple(CountRow(code, name, int(n)) for code, name, n in session.execute(
        select(Agency.code, Agency.short_name, func.count()).join(Dispatch, Dispatch.agency_id == Agency.id)
        .where(disp_period).group_by(Agency.code, Agency.short_name)
        .order_by(func.count().desc(), Agency.short_name)))

    return PeriodSummary(
        start, end, funnel, types, figures, incidents_total, by_category, by_kecamatan, by_agency,
        _intervals(session, disp_period), *_carried(session, end, now), _frequent(session, in_period),
        _blocked(session, start, end), phone_location_stats(session, in_period),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _stats(values: list[float]) -> IntervalStats:
    return IntervalStats(len(values), _round(median(values)), _round(percentile(values, 0.9)))


def _intervals(session: Session, disp_period: ColumnElement[bool]) -> tuple[AgencyIntervals, ...]:
    ack = cast(_seconds(session, Dispatch.acknowledged_at, Dispatch.created_at), Float)
    scene = cast(_seconds(session, Dispatch.on_scene_at, Dispatch.acknowledged_at), Float)
    total = cast(_seconds(session, Dispatch.on_scene_at, Dispatch.created_at), Float)
    rows = session.execute(select(Agency.short_name, ack, scene, total)
                           .join(Agency, Agency.id == Dispatch.agency_id).where(disp_period)).all()
    grouped: dict[str, tuple[list[float], list[float], list[float], list[int]]] = {}
    for agency, a, s, t in rows:
        acks, scenes, totals, count = grouped.setdefault(agency, ([], [], [], [0]))
        count[0] += 1
        for values, value in ((acks, a), (scenes, s), (totals, t)):
            if value is not None:
                values.append(max(0.0, float(value)))
    result = [AgencyIntervals(agency, count[0], _stats(a), _stats(s), _stats(t))
              for agency, (a, s, t, count) in grouped.items()]
    return tuple(sorted(result, key=lambda item: (-item.dispatches, item.agency)))


def _carried(session: Session, end: datetime, now: datetime) -> tuple[tuple[CarriedIncident, ...], int]:
    """Incidents created before the end and not closed by then, with their status at that moment."""
    still_open = and_(Incident.created_at < end,
                      or_(Incident.closed_at.is_(None), Incident.closed_at >= end),
                      # an incident closed without a closed_at is closed; trust the status column then
                      or_(Incident.status != IncidentStatus.CLOSED, Incident.closed_at.is_not(None)))
    total = int(session.scalar(select(func.count()).select_from(Incident).where(still_open)) or 0)
    kecamatan = aliased(Area)
    acknowledged = (select(func.count()).select_from(Dispatch)
                    .where(Dispatch.incident_id == Incident.id, Dispatch.acknowledged_at.is_not(None),
                           Dispatch.acknowledged_at < end).scalar_subquery())
    rows = session.execute(
        select(Incident.number, Incident.created_at, Category.name_id, Incident.priority, Incident.status,
               Incident.first_dispatched_at, Incident.updated_at, kecamatan.name, Incident.address, acknowledged)
        .join(Category, Category.id == Incident.category_id)
        .outerjoin(kecamatan, kecamatan.code == Incident.kecamatan_code)
        .where(still_open).order_by(Incident.priority, Incident.created_at).limit(CARRIED_LIMIT)).all()
    carried = []
    for number, created, category, priority, status, dispatched_at, updated, kec, address, acked in rows:
        at_end = status
        if end < now:  # a past period: reconstruct the status it had when the period ended
            if status is IncidentStatus.RESOLVED and updated < end:
                at_end = IncidentStatus.RESOLVED
            elif acked:
                at_end = IncidentStatus.IN_PROGRESS
            elif dispatched_at is not None and dispatched_at < end:
                at_end = IncidentStatus.DISPATCHED
            else:
                at_end = IncidentStatus.OPEN
        carried.append(CarriedIncident(number, created, category, str(priority), at_end, kec, address))
    return tuple(carried), total


def _frequent(session: Session, in_period: ColumnElement[bool]) -> tuple[FrequentNumber, ...]:
    bad = Call.call_type.in_((CallType.PRANK, CallType.GHOST))
    rows = session.execute(
        select(Call.e164, _count_if(Call.call_type == CallType.PRANK), _count_if(Call.call_type == CallType.GHOST))
        .where(in_period, bad, Call.e164.is_not(None)).group_by(Call.e164)
        .having(func.count() >= 2)  # a single prank call is not a pattern worth a line
        .order_by(func.count().desc(), Call.e164).limit(TOP_NUMBERS)).all()
    return tuple(FrequentNumber(mask_number(e164), int(prank), int(ghost)) for e164, prank, ghost in rows)


def _blocked(session: Session, start: datetime, end: datetime) -> tuple[BlockedNumber, ...]:
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.detail)
        .where(AuditEntry.action.in_(BLOCK_ACTIONS), AuditEntry.at >= start, AuditEntry.at < end)
        .order_by(AuditEntry.at).limit(200)).all()
    return tuple(BlockedNumber(mask_number(entity_id), at, username, action == "caller.auto_block", detail)
                 for entity_id, at, username, action, detail in rows)


def _staff(session: Session, bounds: ShiftWindow) -> tuple[tuple[OnDuty, ...], tuple[HandoverNote, ...]]:
    rows = session.execute(
        select(Operator.username, Operator.full_name, Operator.role, ShiftSession.started_at,
               ShiftSession.ended_at, ShiftSession.handover_note)
        .join(Operator, Operator.id == ShiftSession.operator_id)
        .where(ShiftSession.shift_date == bounds.shift_date, ShiftSession.shift_code == bounds.spec.code)
        .order_by(ShiftSession.started_at, Operator.full_name)).all()
    people: dict[str, OnDuty] = {}
    notes = []
    for username, full_name, role, started, ended, note in rows:
        known = people.get(username)
        if known is None:
            people[username] = OnDuty(username, full_name, role, started, ended)
        else:  # several sessions (a re-login): one line from the first start to the last end
            last = None if known.ended_at is None or ended is None else max(known.ended_at, ended)
            people[username] = OnDuty(username, full_name, role, known.started_at, last)
        if note and note.strip():
            notes.append(HandoverNote(full_name, ended, note.strip()))
    return tuple(people.values()), tuple(notes)


def _days(session: Session, date_from: date, date_to: date, start: datetime, end: datetime,
          timings: list[CallTiming]) -> tuple[DayTrend, ...]:
    by_day: dict[date, list[CallTiming]] = defaultdict(list)
    wib = timedelta(hours=WIB_OFFSET_HOURS)
    for timing in timings:
        by_day[timing.day(wib)].append(timing)
    day = _wib_day(session, Call.received_at)
    prank_ghost = {str(row[0]): int(row[1]) for row in session.execute(
        select(day, func.count()).where(incoming_between(start, end),
                                        Call.call_type.in_((CallType.PRANK, CallType.GHOST)))
        .group_by(day))}
    inc_day = _wib_day(session, Incident.created_at)
    incidents = {str(row[0]): int(row[1]) for row in session.execute(
        select(inc_day, func.count()).where(Incident.created_at >= start, Incident.created_at < end)
        .group_by(inc_day))}
    result = []
    current = date_from
    while current <= date_to:
        key = current.isoformat()
        result.append(DayTrend(current, figures_of(by_day.get(current, ())), prank_ghost.get(key, 0),
                               incidents.get(key, 0)))
        current += timedelta(days=1)
    return tuple(result)


ProgressCallback = Callable[[int, int], None]
"""(done, total) from a long job; called on the thread that does the work."""

__all__ = [
    "ANSWER_MARKS_S", "CALL_TYPE_ORDER", "FIRST_DAY", "LAST_DAY", "NENA_TARGET", "NFPA_TARGET", "AgencyIntervals",
    "BlockedNumber", "CallFunnel", "CallTypeCounts", "CarriedIncident", "CountRow", "DayTrend", "FrequentNumber",
    "HandoverNote", "IntervalStats", "OnDuty", "PeriodSummary", "ProgressCallback", "RangeReportData",
    "ReportHeader", "ReportService", "ShiftReportData", "check_range", "day_bounds", "mask_number",
    "median", "percentile",
]
