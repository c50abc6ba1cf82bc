"""Shifts: which shift is on, operators' sessions on a desk, and the handover note written at the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from callcenter import phone
from callcenter.db.enums import CallState, Role
from callcenter.db.models import Call, Operator, ShiftDefinition, ShiftSession
from callcenter.errors import ConflictError, NotFound, ValidationError
from callcenter.services.base import Actor, Service, audit, record_change
from callcenter.services.queues import MISSED_WINDOW
from callcenter.shift_windows import ShiftSpec, ShiftWindow, window_at

MAX_HANDOVER = 20_000
MAX_DESK = 120


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    operator_id: int
    username: str
    full_name: str
    desk: str | None
    shift_code: str
    started_at: datetime
    ended_at: datetime | None
    handover_note: str | None


@dataclass(frozen=True, slots=True)
class PendingCall:
    """A missed call nobody has called back yet (listed in the handover)."""

    id: int
    received_at: datetime
    e164: str | None
    number_raw: str | None

    @property
    def display_number(self) -> str | None:
        return phone.national(self.e164) if self.e164 else self.number_raw


_SessionSelect = Select[int, int, str, str, str | None, str, datetime, datetime | None, str | None]


class ShiftService(Service):
    def specs(self) -> list[ShiftSpec]:
        with self.db.read() as session:
            rows = session.execute(
                select(ShiftDefinition.code, ShiftDefinition.name, ShiftDefinition.start_time,
                       ShiftDefinition.end_time)
                .where(ShiftDefinition.active.is_(True)).order_by(ShiftDefinition.sort_order, ShiftDefinition.id)
            ).all()
        return [ShiftSpec(*row) for row in rows]

    def current_window(self) -> ShiftWindow:
        return window_at(self.specs(), self.clock())

    def start_session(self, actor: Actor, desk: str | None) -> int:
        """Record that ``actor`` started working on ``desk`` in the current shift; returns the session id."""
        desk = (desk or "").strip()[:MAX_DESK] or None
        self.require(actor, Role.OPERATOR, "start a shift session")
        if actor.id is None:
            raise ValidationError({"operator": "a shift session belongs to a logged-in operator"})
        shift = self.current_window()
        now = self.clock()
        with self.db.write() as session:
            row = ShiftSession(operator_id=actor.id, shift_code=shift.spec.code, shift_date=shift.shift_date,
                               desk=desk, started_at=now)
            session.add(row)
            session.flush()
            audit(session, actor, "shift.start", "shift_session", row.id, now,
                  after={"shift": shift.spec.code, "date": shift.shift_date, "desk": desk})
            record_change(session, "shift_session", row.id, "start", now)
            return row.id

    def end_session(self, actor: Actor, session_id: int, handover_note: str) -> None:
        """Close the session with the handover note for the next shift (required: 'nihil' says nothing is open)."""
        note = handover_note.strip()
        if not note:
            raise ValidationError({"handover_note": "write the handover note (write 'nihil' if nothing is open)"})
        if len(note) > MAX_HANDOVER:
            raise ValidationError({"handover_note": f"at most {MAX_HANDOVER:,} characters (now {len(note):,})"})
        self.require(actor, Role.OPERATOR, "end a shift session")
        now = self.clock()
        with self.db.write() as session:
            row = session.get(ShiftSession, session_id)
            if row is None:
                raise NotFound("shift session", session_id)
            if row.operator_id != actor.id and not actor.at_least(Role.SUPERVISOR):
                raise ConflictError("this shift session belongs to another operator",
                                    entity="shift_session", entity_id=session_id, code="shift.not_yours")
            if row.ended_at is not None:
                raise ConflictError("this shift session has already ended", entity="shift_session",
                                    entity_id=session_id, code="shift.ended")
            row.ended_at = now
            row.handover_note = note
            audit(session, actor, "shift.end", "shift_session", session_id, now,
                  after={"ended_at": now}, detail=note[:200])
            record_change(session, "shift_session", session_id, "end", now)

    def open_session_id(self, actor: Actor) -> int | None:
        """The actor's latest session that has not ended (the one a logout hands over)."""
        if actor.id is None:
            return None
        with self.db.read() as session:
            return session.scalar(
                select(ShiftSession.id).where(ShiftSession.operator_id == actor.id, ShiftSession.ended_at.is_(None))
                .order_by(ShiftSession.started_at.desc(), ShiftSession.id.desc()).limit(1))

    def hand_over(self, actor: Actor, handover_note: str, desk: str | None = None) -> int:
        """End the actor's open session with the note; with no open session (a console that never started
        one) the note is still kept, on a session that starts and ends now. Returns the session id."""
        session_id = self.open_session_id(actor)
        if session_id is None:
            if not handover_note.strip():
                raise ValidationError({"handover_note": "write the handover note (write 'nihil' if nothing is open)"})
            session_id = self.start_session(actor, desk)
        self.end_session(actor, session_id, handover_note)
        return session_id

    def handover_notes(self, window: ShiftWindow) -> list[SessionInfo]:
        """Sessions of that shift that ended with a handover note, in the order they ended."""
        query = self._sessions(window).where(ShiftSession.handover_note.is_not(None)) \
            .order_by(ShiftSession.ended_at, ShiftSession.id)
        with self.db.read() as session:
            return [SessionInfo(*row) for row in session.execute(query)]

    def on_duty(self, window: ShiftWindow) -> list[SessionInfo]:
        """Who is (still) logged in on a desk in that shift."""
        query = self._sessions(window).where(ShiftSession.ended_at.is_(None)) \
            .order_by(ShiftSession.started_at, ShiftSession.id)
        with self.db.read() as session:
            return [SessionInfo(*row) for row in session.execute(query)]

    def pending_missed_calls(self, limit: int = 100) -> list[PendingCall]:
        """Missed calls of the last week still waiting for a callback, newest first (they are handed over)."""
        with self.db.read() as session:
            rows = session.execute(
                select(Call.id, Call.received_at, Call.e164, Call.number_raw)
                .where(Call.state == CallState.MISSED, Call.received_at >= self.clock() - MISSED_WINDOW,
                       Call.callback_at.is_(None))
                .order_by(Call.received_at.desc()).limit(limit)
            ).all()
        return [PendingCall(*row) for row in rows]

    def count_pending_missed_calls(self) -> int:
        with self.db.read() as session:
            return int(session.scalar(select(func.count()).select_from(Call).where(
                Call.state == CallState.MISSED, Call.received_at >= self.clock() - MISSED_WINDOW,
                Call.callback_at.is_(None))) or 0)

    @staticmethod
    def _sessions(window: ShiftWindow) -> _SessionSelect:
        return (
            select(ShiftSession.id, ShiftSession.operator_id, Operator.username, Operator.full_name,
                   ShiftSession.desk, ShiftSession.shift_code, ShiftSession.started_at, ShiftSession.ended_at,
                   ShiftSession.handover_note)
            .join(Operator, Operator.id == ShiftSession.operator_id)
            .where(ShiftSession.shift_date == window.shift_date, ShiftSession.shift_code == window.spec.code)
        )
