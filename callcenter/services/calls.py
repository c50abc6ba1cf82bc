"""Calls after intake: claim (atomic), classify, link to an incident, missed calls and callbacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.db.enums import ANSWERED_ON_LINE, ONE_STEP_CALL_TYPES, CallState, CallType, Role
from callcenter.db.models import Call, Caller, Incident, Operator
from callcenter.errors import AlreadyClaimed, ConflictError, NotFound, ValidationError
from callcenter.services.base import Actor, Service, add_timeline, audit, record_change
from callcenter.services.callers import apply_prank_rule

MAX_NOTE = 5000
CLAIM_RETRIES = 20


@dataclass(frozen=True, slots=True)
class CallInfo:
    id: int
    line_id: int | None
    received_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    number_raw: str | None
    e164: str | None
    presentation: str
    cid_name: str | None
    state: CallState
    call_type: CallType | None
    claimed_by_id: int | None
    claimed_by: str | None
    incident_id: int | None
    callback_at: datetime | None
    answered_extension: str | None = None
    """The desk phone that answered it (a PBX line): the call waits for a desk to log it."""

    @property
    def display_number(self) -> str | None:
        return phone.national(self.e164) if self.e164 else self.number_raw


def _call_info(session: Session, call: Call) -> CallInfo:
    claimed_by = None
    if call.claimed_by_id is not None:
        claimed_by = session.scalar(select(Operator.username).where(Operator.id == call.claimed_by_id))
    return CallInfo(call.id, call.line_id, call.received_at, call.answered_at, call.ended_at, call.number_raw,
                    call.e164, str(call.presentation), call.cid_name, call.state, call.call_type,
                    call.claimed_by_id, claimed_by, call.incident_id, call.callback_at,
                    call.answered_extension if call.answered_via == ANSWERED_ON_LINE else None)


def waiting_for_a_desk() -> ColumnElement[bool]:
    """Calls a desk should take: ringing, or answered at a desk phone (a PBX line) and not logged by any desk yet."""
    return or_(Call.state == CallState.RINGING,
               and_(Call.state == CallState.ANSWERED, Call.answered_via == ANSWERED_ON_LINE,
                    Call.claimed_by_id.is_(None), Call.classified_at.is_(None)))


class CallService(Service):
    def get(self, call_id: int) -> CallInfo:
        with self.db.read() as session:
            call = session.get(Call, call_id)
            if call is None:
                raise NotFound("call", call_id)
            return _call_info(session, call)

    def ringing(self, limit: int = 50) -> list[CallInfo]:
        """Calls waiting to be answered, oldest first (the order operators take them)."""
        with self.db.read() as session:
            calls = session.scalars(
                select(Call).where(waiting_for_a_desk()).order_by(Call.received_at, Call.id).limit(limit)
            ).all()
            return [_call_info(session, call) for call in calls]

    def claim(self, actor: Actor, call_id: int) -> CallInfo:
        """Answer a ringing call. A conditional UPDATE: of any number of desks, exactly one wins."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "answer calls")
        with self.db.write() as session:
            won = session.execute(
                update(Call)
                .where(Call.id == call_id, waiting_for_a_desk(), Call.claimed_by_id.is_(None))
                .values(state=CallState.ANSWERED, claimed_by_id=actor.id,
                        answered_at=func.coalesce(Call.answered_at, now))  # a desk phone's answer time stays
            ).rowcount  # type: ignore[attr-defined]
            if not won:
                call = session.get(Call, call_id)
                if call is None:
                    raise NotFound("call", call_id)
                holder = _call_info(session, call).claimed_by
                raise AlreadyClaimed(call_id, holder) if holder else ConflictError(
                    f"call {call_id} is no longer ringing ({call.state})", entity="call", entity_id=call_id,
                    code="call.not_ringing")
            audit(session, actor, "call.claim", "call", call_id, now)
            record_change(session, "call", call_id, "claim", now)
            call = session.get(Call, call_id)
            assert call is not None
            return _call_info(session, call)

    def claim_oldest(self, actor: Actor) -> CallInfo | None:
        """The one-key answer: the oldest ringing call this desk can still win, or None when none rings."""
        for _ in range(CLAIM_RETRIES):
            with self.db.read() as session:
                call_id = session.scalar(
                    select(Call.id).where(waiting_for_a_desk())
                    .order_by(Call.received_at, Call.id).limit(1)
                )
            if call_id is None:
                return None
            try:
                return self.claim(actor, call_id)
            except ConflictError:
                continue  # another desk was faster; try the next oldest
        return None

    def classify(self, actor: Actor, call_id: int, call_type: CallType, *, note: str | None = None) -> CallInfo:
        """Set the call type. Prank, ghost, salah sambung, test and informasi close the call in this step."""
        if note is not None and len(note) > MAX_NOTE:
            raise ValidationError({"note": f"at most {MAX_NOTE} characters"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "classify calls")
        with self.db.write() as session:
            call = session.get(Call, call_id)
            if call is None:
                raise NotFound("call", call_id)
            self._check_owner(actor, call)
            before = {"call_type": call.call_type, "state": call.state}
            previous_type = call.call_type
            call.call_type = call_type
            call.classified_at = now
            if note:
                call.note = note
            if call.state is CallState.RINGING:
                # Classifying a ringing call means this operator took it.
                call.state = CallState.ANSWERED
                call.claimed_by_id = actor.id
                call.answered_at = now
            if call_type in ONE_STEP_CALL_TYPES and call.state is CallState.ANSWERED:
                call.state = CallState.ENDED
                call.ended_at = call.ended_at or now
            if call.e164:
                self._count_type(session, call.e164, previous_type, call_type, now)
            audit(session, actor, "call.classify", "call", call_id, now, before=before,
                  after={"call_type": call_type, "state": call.state})
            record_change(session, "call", call_id, "classify", now)
            session.flush()
            return _call_info(session, call)

    def link_incident(self, actor: Actor, call_id: int, incident_id: int) -> None:
        """Many callers report the same fire: attach this call to an open incident."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "link calls to incidents")
        with self.db.write() as session:
            link_call(session, actor, call_id, incident_id, now)

    def end(self, actor: Actor, call_id: int) -> CallInfo:
        """The operator hung up (or the line said so): close the call without changing its type."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "end calls")
        with self.db.write() as session:
            call = session.get(Call, call_id)
            if call is None:
                raise NotFound("call", call_id)
            if call.state is CallState.RINGING:
                call.state = CallState.MISSED
            elif call.state is CallState.ANSWERED:
                call.state = CallState.ENDED
            call.ended_at = call.ended_at or now
            audit(session, actor, "call.end", "call", call_id, now, after={"state": call.state})
            record_change(session, "call", call_id, "end", now)
            return _call_info(session, call)

    def missed(self, *, include_called_back: bool = False, limit: int = 200) -> list[CallInfo]:
        with self.db.read() as session:
            query = select(Call).where(Call.state == CallState.MISSED)
            if not include_called_back:
                query = query.where(Call.callback_at.is_(None))
            calls = session.scalars(query.order_by(Call.received_at.desc()).limit(limit)).all()
            return [_call_info(session, call) for call in calls]

    def record_callback(self, actor: Actor, call_id: int, note: str = "") -> CallInfo:
        if len(note) > 500:
            raise ValidationError({"note": "at most 500 characters"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "record callbacks")
        with self.db.write() as session:
            call = session.get(Call, call_id)
            if call is None:
                raise NotFound("call", call_id)
            if call.state is not CallState.MISSED:
                raise ConflictError("only a missed call can be called back", entity="call", entity_id=call_id,
                                    code="call.not_missed")
            call.callback_at = now
            call.callback_by_id = actor.id
            call.callback_note = note.strip() or None
            audit(session, actor, "call.callback", "call", call_id, now, detail=note or None)
            record_change(session, "call", call_id, "callback", now)
            return _call_info(session, call)

    def _check_owner(self, actor: Actor, call: Call) -> None:
        if call.claimed_by_id not in (None, actor.id) and not actor.at_least(Role.SUPERVISOR):
            raise ConflictError("another operator is handling this call", entity="call", entity_id=call.id,
                                code="call.held_elsewhere")

    @staticmethod
    def _count_type(session: Session, e164: str, previous: CallType | None, new: CallType, now: datetime) -> None:
        """Keep the caller's prank/ghost counters right even when a call is re-classified."""
        deltas = {CallType.PRANK: 0, CallType.GHOST: 0}
        if previous in deltas:
            deltas[previous] -= 1
        if new in deltas:
            deltas[new] += 1
        if deltas[CallType.PRANK] or deltas[CallType.GHOST]:
            session.execute(update(Caller).where(Caller.e164 == e164).values(
                prank_count=Caller.prank_count + deltas[CallType.PRANK],
                ghost_count=Caller.ghost_count + deltas[CallType.GHOST],
            ))
            session.flush()
            if new in (CallType.PRANK, CallType.GHOST):
                apply_prank_rule(session, e164, now)


def link_call(session: Session, actor: Actor, call_id: int, incident_id: int, now: datetime) -> None:
    """Attach a call to an incident inside the caller's transaction (also used when creating one)."""
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound("call", call_id)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound("incident", incident_id)
    if call.claimed_by_id not in (None, actor.id) and not actor.at_least(Role.SUPERVISOR):
        raise ConflictError("another operator is handling this call", entity="call", entity_id=call_id,
                            code="call.held_elsewhere")
    call.incident_id = incident_id
    call.call_type = call.call_type or CallType.NORMAL
    call.classified_at = call.classified_at or now
    if call.state is CallState.RINGING:
        call.state = CallState.ANSWERED
        call.claimed_by_id = actor.id
        call.answered_at = now
    add_timeline(session, incident_id, actor, now, "call_linked",
                 f"Panggilan dari {phone.national(call.e164) if call.e164 else (call.number_raw or 'tanpa caller ID')}",
                 {"call_id": call_id})
    audit(session, actor, "call.link_incident", "call", call_id, now, after={"incident_id": incident_id})
    record_change(session, "call", call_id, "link", now)
    record_change(session, "incident", incident_id, "update", now)
