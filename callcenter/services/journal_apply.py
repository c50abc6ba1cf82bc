"""Applying one desk-journal entry exactly once: re-read first, write only what is not there yet.

Each action has its own test of "already done", chosen so that an attempt whose commit happened but whose
answer was lost (a failover at the wrong moment), or a replay repeated after a crash, writes nothing twice:

- claim: the call is claimed by this operator;
- classify: the call already has that type (and no other operator holds it);
- end: the call has ended;
- incident create: this operator created an incident with the same category and description since the
  attempt began (incident numbers are only given out by the database, so nothing else identifies it);
- incident update: the incident is no longer at the version the operator edited, and already carries the
  change (otherwise someone else changed it: a conflict, never an overwrite);
- note: the incident has the same note by this operator since the attempt began;
- forward: this operator forwarded the incident since the attempt began.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType, Direction, NoteKind, Role
from callcenter.db.models import Call, Dispatch, Incident, IncidentNote, Operator
from callcenter.errors import ConflictError, DatabaseUnavailable, KonsolError
from callcenter.services.base import Service, audit, record_change
from callcenter.services.calls import CallService
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.journal import CallRef, JournalAction, JournalEntry, Outcome, ReplayResult

CLOCK_MARGIN = timedelta(seconds=2)
"""Slack for this desk's clock between the attempt and the commit it made."""
MATCH_BEFORE = timedelta(minutes=3)
MATCH_AFTER = timedelta(minutes=1)
"""A call answered on the phone during the gap is the one from that number that rang closest before the
operator's action (within these bounds; the line service's clock and the desk's may differ a little)."""


def draft_to_json(draft: IncidentDraft) -> dict[str, Any]:
    return {name: (str(value) if hasattr(value, "value") else value) for name, value in vars(draft).items()}


def draft_from_json(data: dict[str, Any]) -> IncidentDraft:
    from callcenter.db.enums import Channel, Priority

    values = dict(data)
    if values.get("priority"):
        values["priority"] = Priority(values["priority"])
    if values.get("channel"):
        values["channel"] = Channel(values["channel"])
    return IncidentDraft(**values)


class JournalApplier(Service):
    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        super().__init__(db, clock)
        self.calls = CallService(db, clock)
        self.incidents = IncidentService(db, clock)
        self.dispatch = DispatchService(db, clock)
        self._resolved: dict[str, int] = {}

    def apply(self, entry: JournalEntry) -> ReplayResult:
        handlers = {
            JournalAction.CLAIM: self._claim, JournalAction.CLASSIFY: self._classify, JournalAction.END: self._end,
            JournalAction.INCIDENT_CREATE: self._incident_create,
            JournalAction.INCIDENT_UPDATE: self._incident_update, JournalAction.NOTE: self._note,
            JournalAction.FORWARD: self._forward,
        }
        try:
            return handlers[entry.action](entry)
        except DatabaseUnavailable:
            raise
        except KonsolError as exc:  # refused now (taken, changed, no longer valid): the operator decides
            return ReplayResult(entry, Outcome.CONFLICT, code=exc.code, params=dict(exc.params), detail=str(exc))

    # -- calls -------------------------------------------------------------------------------------------
    def _call(self, session: Session, entry: JournalEntry) -> Call | None:
        ref = CallRef.from_json(entry.params["call"])
        if ref.call_id is not None:
            return session.get(Call, ref.call_id)
        memo = repr(sorted(ref.to_json().items()))
        if memo in self._resolved:
            return session.get(Call, self._resolved[memo])
        if not ref.number or ref.at is None:
            return None
        e164 = phone.to_e164(ref.number)
        candidates = list(session.scalars(
            select(Call).where(Call.e164 == e164 if e164 else Call.number_raw == ref.number,
                               Call.direction == Direction.INCOMING,
                               Call.received_at.between(ref.at - MATCH_BEFORE, ref.at + MATCH_AFTER),
                               Call.claimed_by_id.is_(None) | (Call.claimed_by_id == entry.actor.id))))
        if not candidates:
            return None
        at = ref.at

        def distance(call: Call) -> tuple[int, float]:
            rang_before = call.received_at <= at + CLOCK_MARGIN
            return (0 if rang_before else 1, abs((at - call.received_at).total_seconds()))

        call = min(candidates, key=distance)
        self._resolved[memo] = call.id
        return call

    def _claim(self, entry: JournalEntry) -> ReplayResult:
        actor = entry.actor
        self.require(actor, Role.OPERATOR, "answer calls")
        now = self.clock()
        with self.db.write() as session:
            call = self._call(session, entry)
            if call is None:
                return ReplayResult(entry, Outcome.WAITING, detail="the call is not in the database yet")
            if call.claimed_by_id == actor.id:
                return ReplayResult(entry, Outcome.ALREADY, call.id)
            if call.claimed_by_id is not None or call.state not in (CallState.RINGING, CallState.MISSED):
                holder = session.scalar(select(Operator.username).where(Operator.id == call.claimed_by_id)) \
                    if call.claimed_by_id is not None else None
                return ReplayResult(entry, Outcome.CONFLICT, call.id, code="call.already_claimed" if holder
                                    else "call.not_ringing", params={"call_id": call.id, "operator": holder},
                                    detail=f"call {call.id} was taken by {holder or 'nobody'} ({call.state})")
            # Answered while the database was away: the answer time is the operator's, and a call the line
            # meanwhile saw end (missed, as nobody had claimed it in the database) was answered after all.
            answered_at = max(entry.attempted_at, call.received_at)
            new_state = CallState.ANSWERED if call.state is CallState.RINGING else CallState.ENDED
            won = session.execute(
                update(Call).where(Call.id == call.id, Call.claimed_by_id.is_(None), Call.state == call.state)
                .values(state=new_state, claimed_by_id=actor.id, answered_at=answered_at)
                .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
            if not won:
                raise ConflictError(f"call {call.id} was taken meanwhile", entity="call", entity_id=call.id,
                                    code="call.already_claimed")
            audit(session, actor, "call.claim", "call", call.id, now,
                  detail="answered while the database was away (desk journal)")
            record_change(session, "call", call.id, "claim", now)
            return ReplayResult(entry, Outcome.APPLIED, call.id)

    def _classify(self, entry: JournalEntry) -> ReplayResult:
        call_type = CallType(entry.params["call_type"])
        with self.db.read() as session:
            call = self._call(session, entry)
            if call is None:
                return ReplayResult(entry, Outcome.WAITING, detail="the call is not in the database yet")
            call_id, current, holder = call.id, call.call_type, call.claimed_by_id
        if current is call_type and holder in (None, entry.actor.id):
            return ReplayResult(entry, Outcome.ALREADY, call_id)
        self.calls.classify(entry.actor, call_id, call_type, note=entry.params.get("note"))
        return ReplayResult(entry, Outcome.APPLIED, call_id)

    def _end(self, entry: JournalEntry) -> ReplayResult:
        with self.db.read() as session:
            call = self._call(session, entry)
            if call is None:
                return ReplayResult(entry, Outcome.WAITING, detail="the call is not in the database yet")
            call_id, ended = call.id, call.ended_at is not None
        if ended:
            return ReplayResult(entry, Outcome.ALREADY, call_id)
        self.calls.end(entry.actor, call_id)
        return ReplayResult(entry, Outcome.APPLIED, call_id)

    # -- incidents ---------------------------------------------------------------------------------------
    def _since(self, entry: JournalEntry) -> datetime:
        return entry.attempted_at - CLOCK_MARGIN

    def _incident_create(self, entry: JournalEntry) -> ReplayResult:
        draft = draft_from_json(entry.params["draft"])
        with self.db.read() as session:
            existing = session.scalar(
                select(Incident.id).where(Incident.created_by_id == entry.actor.id,
                                          Incident.created_at >= self._since(entry),
                                          Incident.category_id == draft.category_id,
                                          Incident.description == (draft.description or "").strip())
                .order_by(Incident.id).limit(1))
            if existing is not None:
                return ReplayResult(entry, Outcome.ALREADY, existing)
            if entry.params.get("call") is not None:
                call = self._call(session, entry)
                if call is None:
                    return ReplayResult(entry, Outcome.WAITING, detail="the call is not in the database yet")
                draft.call_id = call.id
        view = self.incidents.create(entry.actor, draft)
        return ReplayResult(entry, Outcome.APPLIED, view.id, params={"number": view.number})

    def _incident_update(self, entry: JournalEntry) -> ReplayResult:
        incident_id = int(entry.params["incident_id"])
        expected = int(entry.params["expected_version"])
        changes: dict[str, Any] = dict(entry.params["changes"])
        if changes.get("priority"):
            from callcenter.db.enums import Priority

            changes["priority"] = Priority(changes["priority"])
        current = self.incidents.get(incident_id)
        if current.version != expected:
            if all(_same(getattr(current, name), value) for name, value in changes.items()):
                return ReplayResult(entry, Outcome.ALREADY, incident_id)
            return ReplayResult(entry, Outcome.CONFLICT, incident_id, code="incident.changed_meanwhile",
                                params={"number": current.number, "version": current.version},
                                detail=f"incident {current.number} was changed by someone else meanwhile")
        view = self.incidents.update(entry.actor, incident_id, expected, changes)
        return ReplayResult(entry, Outcome.APPLIED, incident_id, params={"version": view.version})

    def _note(self, entry: JournalEntry) -> ReplayResult:
        incident_id = int(entry.params["incident_id"])
        text = str(entry.params["text"]).strip()
        with self.db.read() as session:
            there = session.scalar(select(IncidentNote.id).where(
                IncidentNote.incident_id == incident_id, IncidentNote.kind == NoteKind.NOTE,
                IncidentNote.operator_id == entry.actor.id, IncidentNote.text == text,
                IncidentNote.at >= self._since(entry)).limit(1))
        if there is not None:
            return ReplayResult(entry, Outcome.ALREADY, incident_id)
        self.incidents.add_note(entry.actor, incident_id, text)
        return ReplayResult(entry, Outcome.APPLIED, incident_id)

    def _forward(self, entry: JournalEntry) -> ReplayResult:
        incident_id = int(entry.params["incident_id"])
        with self.db.read() as session:
            there = session.scalar(select(Dispatch.id).where(
                Dispatch.incident_id == incident_id, Dispatch.created_by_id == entry.actor.id,
                Dispatch.created_at >= self._since(entry)).limit(1))
        if there is not None:
            return ReplayResult(entry, Outcome.ALREADY, incident_id)
        self.dispatch.forward(entry.actor, incident_id, entry.params.get("agency_ids", []),
                              entry.params.get("unit_ids", []), entry.params.get("channels", []),
                              confirm_busy=bool(entry.params.get("confirm_busy")), note=entry.params.get("note"))
        return ReplayResult(entry, Outcome.APPLIED, incident_id)


def _same(current: object, wanted: object) -> bool:
    """Equal as the incident form would save it (blank text is no text, enums by value)."""
    def norm(value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return getattr(value, "value", value)

    return norm(current) == norm(wanted)

