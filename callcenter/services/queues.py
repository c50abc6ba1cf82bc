"""Queue lists for the console's tables: ordered id lists plus batched row fetches.

The table models hold ids and fetch rows lazily in pages, so every query here is one Core statement on an
index (no ORM object per row): the open-incident list is bounded by the status index, rows are fetched by
primary key, and a caller-number search goes from the (few) open incidents to their calls through
``ix_calls_incident_id``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import aliased

from callcenter import phone
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType, IncidentStatus, Priority
from callcenter.db.models import Area, Call, Caller, Category, Incident, Line, Operator
from callcenter.services.base import Service
from callcenter.services.incidents import OPEN_STATUSES

MAX_LIST = 5000
"""An upper bound on one id list: far beyond any real queue, small enough to keep a runaway cheap."""
MAX_SEARCH = 100
MIN_NUMBER_DIGITS = 4
"""Fewer digits than this in a search are not treated as a telephone number (they match too much)."""

# How long an incident may stay open before its row turns amber, then red (a P1 fire is late in minutes,
# a P4 complaint in hours). Plain data so reports and the console agree.
AGE_LIMITS: dict[Priority, tuple[timedelta, timedelta]] = {
    Priority.P1: (timedelta(minutes=5), timedelta(minutes=15)),
    Priority.P2: (timedelta(minutes=15), timedelta(hours=1)),
    Priority.P3: (timedelta(hours=1), timedelta(hours=4)),
    Priority.P4: (timedelta(hours=4), timedelta(hours=24)),
}
MISSED_WINDOW = timedelta(days=7)
"""Missed calls older than this are history, not a callback to make: the list (and its query, on the
(state, received_at) index) stays small on a database of millions of calls."""
MISSED_CALL_LIMITS = (timedelta(minutes=5), timedelta(minutes=15))
"""A missed call not called back: amber after 5 minutes, red after 15."""


def age_level(age: timedelta, limits: tuple[timedelta, timedelta]) -> int:
    """0 in time, 1 late (amber), 2 very late (red)."""
    amber, red = limits
    return 2 if age >= red else 1 if age >= amber else 0


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """What the incident queue table shows for one incident."""

    id: int
    number: str
    created_at: datetime
    status: IncidentStatus
    priority: Priority
    category_id: str
    category_en: str
    kecamatan: str | None
    desa: str | None
    reporter_name: str | None
    assigned_to_id: int | None
    assigned_to: str | None
    updated_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class MissedCallRow:
    """What the missed-call table shows for one call."""

    id: int
    received_at: datetime
    ended_at: datetime | None
    e164: str | None
    number_raw: str | None
    cid_name: str | None
    line: str | None
    callback_at: datetime | None
    callback_by: str | None
    callback_note: str | None
    blocked_until: datetime | None
    repeats: int
    """Missed calls from the same number still waiting for a callback (this one included)."""

    @property
    def display_number(self) -> str | None:
        return phone.national(self.e164) if self.e164 else self.number_raw


@dataclass(frozen=True, slots=True)
class LinkedCall:
    """A call that reported an incident (many callers may report the same fire)."""

    id: int
    received_at: datetime
    e164: str | None
    number_raw: str | None
    cid_name: str | None
    state: CallState
    call_type: CallType | None
    operator: str | None

    @property
    def display_number(self) -> str | None:
        return phone.national(self.e164) if self.e164 else self.number_raw


@dataclass(frozen=True, slots=True)
class _Needle:
    text: str
    digits: str
    significant: str
    """The digits after a leading 0, 62 or +62: what an E.164 or a raw number contains wherever it came from."""
    e164: str | None


def _needle(search: str | None) -> _Needle | None:
    text = (search or "").strip()[:MAX_SEARCH]
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    significant = digits
    for prefix in ("62", "0"):
        if significant.startswith(prefix):
            significant = significant[len(prefix):]
            break
    looks_like_number = len(digits) >= MIN_NUMBER_DIGITS and len(digits) * 2 >= len(re.sub(r"\s", "", text))
    e164 = phone.to_e164(text) if looks_like_number else None
    return _Needle(text, digits if looks_like_number else "", significant if looks_like_number else "", e164)


class QueueService(Service):
    # -- incidents --------------------------------------------------------------------------------------

    def open_incident_ids(self, mine_for: int | None = None, search: str | None = None, *,
                          priority: Priority | None = None, status: IncidentStatus | None = None) -> list[int]:
        """Open incidents (assigned to ``mine_for``, of one priority or status when given), most urgent first,
        then oldest first."""
        query = open_incident_query(mine_for, search, priority=priority, status=status)
        with self.db.read() as session:
            return list(session.scalars(query))

    def incident_rows(self, ids: list[int]) -> list[IncidentRow]:
        """Rows for ``ids`` in the same order; ids that no longer exist are left out."""
        if not ids:
            return []
        kecamatan = aliased(Area)
        desa = aliased(Area)
        query = (
            select(Incident.id, Incident.number, Incident.created_at, Incident.status, Incident.priority,
                   Category.name_id, Category.name_en, kecamatan.name, desa.name, Incident.reporter_name,
                   Incident.assigned_to_id, Operator.username, Incident.updated_at, Incident.version)
            .join(Category, Category.id == Incident.category_id)
            .outerjoin(kecamatan, kecamatan.code == Incident.kecamatan_code)
            .outerjoin(desa, desa.code == Incident.desa_code)
            .outerjoin(Operator, Operator.id == Incident.assigned_to_id)
            .where(Incident.id.in_(ids))
        )
        with self.db.read() as session:
            found = {row[0]: IncidentRow(*cast(tuple[Any, ...], row)) for row in session.execute(query)}
        return [found[i] for i in ids if i in found]

    def incident_calls(self, incident_id: int) -> list[LinkedCall]:
        """The calls linked to an incident, in the order they came in."""
        query = (
            select(Call.id, Call.received_at, Call.e164, Call.number_raw, Call.cid_name, Call.state, Call.call_type,
                   Operator.username)
            .outerjoin(Operator, Operator.id == Call.claimed_by_id)
            .where(Call.incident_id == incident_id).order_by(Call.received_at, Call.id)
        )
        with self.db.read() as session:
            return [LinkedCall(*cast(tuple[Any, ...], row)) for row in session.execute(query)]

    # -- missed calls -----------------------------------------------------------------------------------

    def missed_call_ids(self, search: str | None = None, *, include_called_back: bool = False,
                        window: timedelta = MISSED_WINDOW) -> list[int]:
        """Missed and abandoned calls (rang, nobody answered) of the last ``window``, newest first; by default
        only those not called back yet."""
        query = missed_call_query(search, self.clock() - window, include_called_back=include_called_back)
        with self.db.read() as session:
            return list(session.scalars(query))

    def missed_call_rows(self, ids: list[int], window: timedelta = MISSED_WINDOW) -> list[MissedCallRow]:
        if not ids:
            return []
        callback_by = aliased(Operator)
        query = (
            select(Call.id, Call.received_at, Call.ended_at, Call.e164, Call.number_raw, Call.cid_name, Line.name,
                   Call.callback_at, callback_by.username, Call.callback_note, Caller.blocked_until)
            .outerjoin(Line, Line.id == Call.line_id)
            .outerjoin(callback_by, callback_by.id == Call.callback_by_id)
            .outerjoin(Caller, Caller.e164 == Call.e164)
            .where(Call.id.in_(ids))
        )
        with self.db.read() as session:
            rows = session.execute(query).all()
            numbers = {row[3] for row in rows if row[3]}
            repeats: dict[str, int] = {}
            if numbers:
                # One grouped query for the page: how many calls from each number still wait for a callback.
                repeats = {str(e164): int(count) for e164, count in session.execute(
                    select(Call.e164, func.count()).where(
                        Call.e164.in_(numbers), Call.received_at >= self.clock() - window,
                        Call.state == CallState.MISSED, Call.callback_at.is_(None))
                    .group_by(Call.e164)
                )}
        found = {row[0]: MissedCallRow(*row, repeats=repeats.get(row[3] or "", 1)) for row in rows}
        return [found[i] for i in ids if i in found]


def open_incident_query(mine_for: int | None, search: str | None, *, priority: Priority | None = None,
                        status: IncidentStatus | None = None) -> Select[int]:
    # The queue holds open incidents only: asking for "closed" here finds nothing.
    wanted = list(OPEN_STATUSES) if status is None else [status] if status in OPEN_STATUSES else []
    conditions: list[ColumnElement[bool]] = [Incident.status.in_(wanted)]
    if priority is not None:
        conditions.append(Incident.priority == priority)
    if mine_for is not None:
        conditions.append(Incident.assigned_to_id == mine_for)
    needle = _needle(search)
    if needle is not None:
        conditions.append(_incident_matches(needle))
    return (select(Incident.id).where(*conditions)
            .order_by(Incident.priority, Incident.created_at, Incident.id).limit(MAX_LIST))


def missed_call_query(search: str | None, since: datetime, *, include_called_back: bool = False) -> Select[int]:
    conditions: list[ColumnElement[bool]] = [Call.state == CallState.MISSED, Call.received_at >= since]
    if not include_called_back:
        conditions.append(Call.callback_at.is_(None))
    needle = _needle(search)
    if needle is not None:
        conditions.append(_call_matches(needle))
    return select(Call.id).where(*conditions).order_by(Call.received_at.desc(), Call.id.desc()).limit(MAX_LIST)


def _incident_matches(needle: _Needle) -> ColumnElement[bool]:
    options: list[ColumnElement[bool]] = [
        Incident.number.icontains(needle.text, autoescape=True),
        Incident.reporter_name.icontains(needle.text, autoescape=True),
    ]
    if needle.digits:
        options.append(Incident.callback_number.contains(needle.significant, autoescape=True))
        options.append(exists().where(Call.incident_id == Incident.id, _number_matches(needle)))
    return or_(*options)


def _call_matches(needle: _Needle) -> ColumnElement[bool]:
    options: list[ColumnElement[bool]] = [Call.cid_name.icontains(needle.text, autoescape=True)]
    if needle.digits:
        options.append(_number_matches(needle))
    return or_(*options)


def _number_matches(needle: _Needle) -> ColumnElement[bool]:
    """A call's number matches a typed number in any format (0812..., +62 812..., 62812..., part of it)."""
    if not needle.digits:
        return false()
    options: list[ColumnElement[bool]] = [Call.number_raw.contains(needle.digits, autoescape=True)]
    if needle.e164:
        options.append(Call.e164 == needle.e164)
    options.append(and_(Call.e164.is_not(None), Call.e164.contains(needle.significant, autoescape=True)))
    return or_(*options)


def explain(db: Database, query: Select[Any]) -> list[str]:
    """The database's query plan for ``query`` (tests and benchmarks check that indexes are used)."""
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN" if db.is_sqlite else "EXPLAIN"
    with db.engine.connect() as connection:
        return [str(row[-1]) for row in connection.exec_driver_sql(f"{prefix} {compiled}")]
