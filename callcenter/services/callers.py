"""Caller history, blocking, and the repeat-prank rule.

A block only flags a number (the console shows it, reports count it): a call to 112 is never hidden or
dropped because of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.db.enums import CallType, IncidentStatus, Priority, Role
from callcenter.db.models import Call, Caller, Category, Incident, Operator
from callcenter.errors import NotFound, ValidationError
from callcenter.services.base import SYSTEM, Actor, Service, audit, record_change
from callcenter.services.settings import read_setting

HISTORY_DAYS = 30
MAX_REASON = 500


@dataclass(frozen=True, slots=True)
class CallSummary:
    id: int
    received_at: datetime
    state: str
    call_type: str | None
    incident_number: str | None
    operator: str | None


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    id: int
    number: str
    created_at: datetime
    status: str
    category_id: str
    category_en: str
    priority: str


@dataclass(frozen=True, slots=True)
class CallerHistory:
    e164: str | None
    info: phone.PhoneInfo
    first_seen: datetime | None
    last_seen: datetime | None
    call_count: int
    prank_count: int
    ghost_count: int
    calls_last_30_days: int
    blocked_until: datetime | None
    block_reason: str | None
    recent_calls: list[CallSummary]
    incidents: list[IncidentSummary]

    def is_blocked(self, now: datetime) -> bool:
        return self.blocked_until is not None and self.blocked_until > now

    @property
    def last_incident(self) -> IncidentSummary | None:
        return self.incidents[0] if self.incidents else None


def apply_prank_rule(session: Session, e164: str, now: datetime) -> datetime | None:
    """Flag the number when it made ``count`` prank/ghost calls in the window; returns the new block end."""
    rule = read_setting(session, "prank_rule")
    window_start = now - timedelta(hours=float(rule["window_hours"]))
    recent = session.scalar(
        select(func.count()).select_from(Call).where(
            Call.e164 == e164,
            Call.received_at >= window_start,
            Call.call_type.in_([CallType.PRANK, CallType.GHOST]),
        )
    ) or 0
    if recent < int(rule["count"]):
        return None
    until = now + timedelta(hours=float(rule["block_hours"]))
    changed = session.execute(
        update(Caller)
        .where(Caller.e164 == e164, or_(Caller.blocked_until.is_(None), Caller.blocked_until < until))
        .values(blocked_until=until,
                block_reason=f"otomatis: {recent} panggilan prank/ghost dalam {rule['window_hours']} jam")
    ).rowcount  # type: ignore[attr-defined]
    if changed:
        audit(session, SYSTEM, "caller.auto_block", "caller", e164, now, after={"blocked_until": until},
              detail=f"{recent} prank/ghost calls within {rule['window_hours']} h")
        record_change(session, "caller", e164, "block", now)
        return until
    return None


class CallerService(Service):
    def history(self, number: str, *, limit: int = 50) -> CallerHistory:
        info = phone.describe(number)
        e164 = info.e164
        now = self.clock()
        with self.db.read() as session:
            if e164 is None:
                return CallerHistory(None, info, None, None, 0, 0, 0, 0, None, None, [], [])
            # Three statements, plain columns, no ORM objects: each round trip counts on PostgreSQL.
            recent = (select(func.count()).select_from(Call)
                      .where(Call.e164 == e164, Call.received_at >= now - timedelta(days=HISTORY_DAYS))
                      .scalar_subquery())
            caller = session.execute(
                select(Caller.first_seen, Caller.last_seen, Caller.call_count, Caller.prank_count,
                       Caller.ghost_count, Caller.blocked_until, Caller.block_reason, recent)
                .where(Caller.e164 == e164)
            ).one_or_none()
            recent_count = caller[7] if caller else session.scalar(select(recent)) or 0
            calls = session.execute(
                select(Call.id, Call.received_at, Call.state, Call.call_type, Incident.number, Operator.username)
                .outerjoin(Incident, Incident.id == Call.incident_id)
                .outerjoin(Operator, Operator.id == Call.claimed_by_id)
                .where(Call.e164 == e164)
                .order_by(Call.received_at.desc()).limit(limit)
            ).all()
            incidents = session.execute(incidents_of_number_query(e164, limit)).all()
        return CallerHistory(
            e164=e164,
            info=info,
            first_seen=caller[0] if caller else None,
            last_seen=caller[1] if caller else None,
            call_count=caller[2] if caller else 0,
            prank_count=caller[3] if caller else 0,
            ghost_count=caller[4] if caller else 0,
            calls_last_30_days=recent_count,
            blocked_until=caller[5] if caller else None,
            block_reason=caller[6] if caller else None,
            recent_calls=[CallSummary(r[0], r[1], str(r[2]), r[3] and str(r[3]), r[4], r[5]) for r in calls],
            incidents=[IncidentSummary(r[0], r[1], r[2], str(r[3]), r[4], r[5], str(r[6])) for r in incidents],
        )

    def block(self, actor: Actor, number: str, reason: str, *, hours: float = 24) -> datetime:
        """Any operator may flag a number (1x24 h by default); the reason is required."""
        e164 = phone.to_e164(number)
        reason = reason.strip()
        problems = {}
        if e164 is None:
            problems["number"] = "not a valid telephone number"
        if not reason:
            problems["reason"] = "a reason is required"
        elif len(reason) > MAX_REASON:
            problems["reason"] = f"at most {MAX_REASON} characters"
        if not 0 < hours <= 24 * 30:
            problems["hours"] = "between 0 and 720 hours"
        if problems:
            raise ValidationError(problems)
        assert e164 is not None
        now = self.clock()
        until = now + timedelta(hours=hours)
        self.require(actor, Role.OPERATOR, "block numbers")
        with self.db.write() as session:
            caller = ensure_caller(session, e164, now)
            before = caller.blocked_until
            caller.blocked_until = until
            caller.block_reason = reason
            audit(session, actor, "caller.block", "caller", e164, now,
                  before={"blocked_until": before}, after={"blocked_until": until}, detail=reason)
            record_change(session, "caller", e164, "block", now)
        return until

    def unblock(self, actor: Actor, number: str) -> None:
        e164 = phone.to_e164(number)
        now = self.clock()
        self.require(actor, Role.SUPERVISOR, "unblock numbers")
        with self.db.write() as session:
            caller = session.scalar(select(Caller).where(Caller.e164 == e164)) if e164 else None
            if caller is None:
                raise NotFound("caller", number)
            before = caller.blocked_until
            caller.blocked_until = None
            caller.block_reason = None
            audit(session, actor, "caller.unblock", "caller", e164, now, before={"blocked_until": before})
            record_change(session, "caller", e164, "unblock", now)


def incidents_of_number_query(e164: str, limit: int) -> Select[int, str, datetime, IncidentStatus, str, str, Priority]:
    """The latest ``limit`` incidents a number reported or was linked to, newest first.

    Incident ids grow with creation, so the newest incidents are the highest ids: the partial index
    ix_calls_e164_incident hands them over directly, read backwards, instead of every incident of a
    number that called thousands of times being fetched and sorted.
    """
    latest = (
        select(Call.incident_id.label("incident_id"))
        .where(Call.e164 == e164, Call.incident_id.is_not(None))
        .distinct().order_by(Call.incident_id.desc()).limit(limit)
        .subquery()
    )
    return (
        select(Incident.id, Incident.number, Incident.created_at, Incident.status, Category.name_id,
               Category.name_en, Incident.priority)
        .join(latest, latest.c.incident_id == Incident.id)
        .join(Category, Category.id == Incident.category_id)
        .order_by(Incident.created_at.desc(), Incident.id.desc())
    )


def ensure_caller(session: Session, e164: str, now: datetime) -> Caller:
    caller = session.scalar(select(Caller).where(Caller.e164 == e164))
    if caller is None:
        caller = Caller(e164=e164, first_seen=now, last_seen=now, call_count=0, prank_count=0, ghost_count=0)
        session.add(caller)
        session.flush()
    return caller
