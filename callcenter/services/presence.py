"""Presence: which desks are running, who sits at them, and which claimed calls were left behind.

Each console (and the ``ingest`` line service) sends a heartbeat every few seconds. A beat is a plain UPDATE;
the change feed (and the audit trail) hear only of transitions: a desk coming online, going offline, or
changing operator. Nobody is online to announce a desk that vanished, so every heartbeat also sweeps the
desks whose beats stopped and announces them offline on their behalf.

Calls claimed by an operator whose desk went offline are *stale*: the supervisor sees them and decides.
They are never released silently; ``release_stale`` is a supervisor's audited act.

Each console has a desk identity of its own (callcenter.services.desk_identity): a name and a key. A beat with a
key refuses a name that a live desk with another key holds (``DeskInUse``), so two consoles that were given the
same name are told at once instead of taking turns at the desk on every beat.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, select, true, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Exists

from callcenter import __version__, phone
from callcenter.db.enums import CallState, Role
from callcenter.db.models import Call, Desk, Operator
from callcenter.errors import ConflictError, DeskInUse, NotFound, ValidationError
from callcenter.services.base import SYSTEM, Actor, Service, audit, record_change
from callcenter.services.desk_identity import MAX_DESK_NAME, default_desk_name

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_S = 5.0
DEFAULT_TIMEOUT_S = 20.0
"""A desk that missed about four beats is offline (a busy PC or a short network glitch is not)."""


def desk_name(suffix: str | None = None) -> str:
    """This computer's host name, plus ``#suffix``. A console's desk is its identity's name instead
    (callcenter.services.desk_identity), which tells two consoles on one PC apart."""
    return default_desk_name("console", 1) + (f"#{suffix}" if suffix else "")


@dataclass(frozen=True, slots=True)
class DeskInfo:
    name: str
    operator_id: int | None
    username: str | None
    full_name: str | None
    started_at: datetime
    last_heartbeat: datetime
    online: bool
    line_host: bool
    app_version: str | None


@dataclass(frozen=True, slots=True)
class StaleClaim:
    call_id: int
    received_at: datetime
    answered_at: datetime | None
    number: str | None
    operator_id: int
    username: str
    last_desk: str | None
    last_heartbeat: datetime | None


def _online_operator(cutoff: datetime) -> Exists:
    """SQL: the call's operator sits at a desk whose heartbeat is recent and that has not signed off."""
    return exists().where(Desk.operator_id == Call.claimed_by_id, Desk.online.is_(True),
                          Desk.last_heartbeat >= cutoff)


def _presence_in_use() -> Exists:
    """SQL: at least one console has ever sent a heartbeat. Until then (a centre whose consoles predate
    presence) nobody's desk can be said to have gone away, and no claim is called stale."""
    return exists().where(Desk.operator_id.is_not(None))


class PresenceService(Service):
    def heartbeat(self, actor: Actor, desk: str, *, desk_key: str | None = None, line_host: bool = False,
                  app_version: str = __version__, timeout_s: float = DEFAULT_TIMEOUT_S) -> list[str]:
        """Record that ``desk`` is alive with ``actor`` at it; returns the feed actions written (usually none).

        ``desk_key`` is the console's identity key: while another live console holds the name with another key,
        the beat writes nothing and raises ``DeskInUse``. An audit row and a feed entry are written only when
        something changed: the desk came online, or another operator sits at it."""
        desk = desk.strip()
        if not desk or len(desk) > MAX_DESK_NAME:
            raise ValidationError({"desk": f"a desk name of 1 to {MAX_DESK_NAME} characters"})
        now = self.clock()
        cutoff = now - timedelta(seconds=timeout_s)
        self.require(actor, Role.OPERATOR, "report desk presence")
        written: list[str] = []
        with self.db.write() as session:
            row = session.get(Desk, desk, with_for_update=True)
            if row is None:
                session.add(Desk(name=desk, operator_id=actor.id, started_at=now, last_heartbeat=now, online=True,
                                 line_host=line_host, app_version=app_version[:40], desk_key=desk_key))
                written.append("online")
            else:
                was_online = row.online and row.last_heartbeat >= cutoff
                if was_online and desk_key is not None and row.desk_key not in (None, desk_key):
                    raise DeskInUse(desk, row.started_at)
                if desk_key is not None:
                    row.desk_key = desk_key
                if not was_online:
                    row.started_at = now
                    written.append("online")
                elif row.operator_id != actor.id:
                    written.append("operator")
                row.operator_id = actor.id
                row.last_heartbeat = now
                row.online = True
                row.line_host = line_host
                row.app_version = app_version[:40]
            for action in written:
                audit(session, actor, f"desk.{action}", "desk", desk, now, after={"operator_id": actor.id})
                record_change(session, "desk", desk, action, now)
            session.flush()
            self._sweep(session, now, cutoff, exclude=desk)
        return written

    def sign_off(self, actor: Actor, desk: str, *, desk_key: str | None = None) -> None:
        """The console closes (logout or exit): the desk is offline at once, without waiting for the timeout.
        With ``desk_key``, only if this console still holds the desk (never signs another console off)."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "report desk presence")
        held = (Desk.desk_key.is_(None) | (Desk.desk_key == desk_key)) if desk_key is not None else true()
        with self.db.write() as session:
            done = session.execute(update(Desk).where(Desk.name == desk, Desk.online.is_(True), held)
                                   .values(online=False)).rowcount  # type: ignore[attr-defined]
            if done:
                audit(session, actor, "desk.offline", "desk", desk, now, detail="signed off")
                record_change(session, "desk", desk, "offline", now)

    def _sweep(self, session: Session, now: datetime, cutoff: datetime, *, exclude: str) -> None:
        # Recorded as the system's doing: the desk that noticed is not the one that went away.
        gone = session.scalars(
            update(Desk).where(Desk.online.is_(True), Desk.last_heartbeat < cutoff, Desk.name != exclude)
            .values(online=False).returning(Desk.name)
        ).all()
        for name in gone:
            audit(session, SYSTEM, "desk.offline", "desk", name, now, detail="heartbeat timed out")
            record_change(session, "desk", name, "offline", now)

    def desks(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> list[DeskInfo]:
        """Every known desk, online ones first, with who sits there."""
        now = self.clock()
        cutoff = now - timedelta(seconds=timeout_s)
        with self.db.read() as session:
            rows = session.execute(
                select(Desk, Operator.username, Operator.full_name)
                .outerjoin(Operator, Operator.id == Desk.operator_id)
                .order_by(Desk.name)
            ).all()
        desks = [DeskInfo(desk.name, desk.operator_id, username, full_name, desk.started_at, desk.last_heartbeat,
                          bool(desk.online and desk.last_heartbeat >= cutoff), desk.line_host, desk.app_version)
                 for desk, username, full_name in rows]
        return sorted(desks, key=lambda d: (not d.online, d.name))

    def stale_claims(self, timeout_s: float = DEFAULT_TIMEOUT_S, *, limit: int = 200) -> list[StaleClaim]:
        """Answered calls not yet finished whose operator is at no live desk: the supervisor must look."""
        cutoff = self.clock() - timedelta(seconds=timeout_s)
        with self.db.read() as session:
            return stale_claims(session, cutoff, limit=limit)

    def release_stale(self, actor: Actor, call_id: int, *, reason: str = "",
                      timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        """Put a stale call back in the queue (ringing, unclaimed) so another desk can take it."""
        now = self.clock()
        cutoff = now - timedelta(seconds=timeout_s)
        self.require(actor, Role.SUPERVISOR, "release calls claimed by another operator")
        with self.db.write() as session:
            call = session.get(Call, call_id, with_for_update=True)
            if call is None:
                raise NotFound("call", call_id)
            if call.state is not CallState.ANSWERED or call.claimed_by_id is None:
                raise ConflictError(f"call {call_id} is not held by anyone ({call.state})", entity="call",
                                    entity_id=call_id, code="call.not_held")
            if session.scalar(select(_online_operator(cutoff)).where(Call.id == call_id)):
                raise ConflictError("the operator's desk is online again; the call is not stale",
                                    entity="call", entity_id=call_id, code="call.desk_back")
            before = {"state": call.state, "claimed_by_id": call.claimed_by_id, "answered_at": call.answered_at}
            call.state = CallState.RINGING
            call.claimed_by_id = None
            call.answered_at = None
            audit(session, actor, "call.release_stale", "call", call_id, now, before=before,
                  after={"state": CallState.RINGING, "claimed_by_id": None}, detail=reason.strip()[:500] or None)
            record_change(session, "call", call_id, "release", now)


class Heartbeat:
    """Beats for one desk on a thread of its own, so a busy database worker never makes a desk look dead.

    A failed beat (database down, ``DeskInUse``) is logged once, kept in ``last_error`` and tried again at the
    next interval; ``stop()`` signs the desk off so the supervisor sees it leave at once.
    """

    def __init__(self, presence: PresenceService, actor: Actor, desk: str, *, desk_key: str | None = None,
                 line_host: bool = False, interval_s: float = HEARTBEAT_INTERVAL_S,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.presence = presence
        self.actor = actor
        self.desk = desk
        self.desk_key = desk_key
        self.line_host = line_host
        self.interval_s = interval_s
        self.on_error = on_error
        self.beats = 0
        self.last_error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{desk}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, *, sign_off: bool = True, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
        if sign_off:
            try:
                self.presence.sign_off(self.actor, self.desk, desk_key=self.desk_key)
            except Exception as exc:  # leaving while the database is away: the timeout will say it
                log.warning("desk %s could not sign off: %s", self.desk, exc)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.presence.heartbeat(self.actor, self.desk, desk_key=self.desk_key, line_host=self.line_host)
                self.beats += 1
                if self.last_error is not None:
                    log.info("heartbeat of desk %s works again", self.desk)
                self.last_error = None
            except Exception as exc:
                if str(exc) != str(self.last_error):  # once per kind of failure, not every 5 s
                    log.warning("heartbeat of desk %s failed: %s", self.desk, exc)
                self.last_error = exc
                if self.on_error is not None:
                    self.on_error(exc)
            self._stop.wait(self.interval_s)


def stale_claims(session: Session, cutoff: datetime, *, limit: int = 200) -> list[StaleClaim]:
    """The stale-claim query, shared with the supervisor board's snapshot."""
    last_desk = (select(Desk.name).where(Desk.operator_id == Call.claimed_by_id)
                 .order_by(Desk.last_heartbeat.desc()).limit(1).scalar_subquery())
    last_beat = (select(Desk.last_heartbeat).where(Desk.operator_id == Call.claimed_by_id)
                 .order_by(Desk.last_heartbeat.desc()).limit(1).scalar_subquery())
    rows = session.execute(
        select(Call.id, Call.received_at, Call.answered_at, Call.e164, Call.number_raw, Call.claimed_by_id,
               Operator.username, last_desk, last_beat)
        .join(Operator, Operator.id == Call.claimed_by_id)
        .where(and_(Call.state == CallState.ANSWERED, ~_online_operator(cutoff), _presence_in_use()))
        .order_by(Call.received_at, Call.id).limit(limit)
    ).all()
    return [StaleClaim(r[0], r[1], r[2], phone.national(r[3]) if r[3] else r[4], r[5], r[6], r[7], r[8])
            for r in rows]
