"""Intake: caller-ID events in, committed calls out - persisted before anything is shown.

Per event: normalise the number, de-duplicate (unique event key), write the call and the caller's counters in
one transaction, and only after the commit publish a notice to subscribers (the console, the log). When the
database cannot be written, events go to the local spool in order and are replayed when it is back; replay is
idempotent because each spooled event keeps its key.

A desk answering on the line (the source's INFO ``answered``: Asterisk's desk channel, NCID's ring count 0)
makes the call ``answered`` with its answer time and the desk's channel and extension; its end then records the
talk time and leaves the call ``ended``, not missed. An INFO ``caller_id`` corrects the identity of a call
already stored (a later NewCallerid, a modem's second NMBR). Call times come from the source's own clock
(``occurred_at``, AMI's Timestamp) when it gives one, else from the receive time.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import ANSWERED_ON_LINE, CallState, Direction
from callcenter.db.models import Call, Caller, Line
from callcenter.errors import DatabaseUnavailable
from callcenter.services.base import record_change, record_changes
from callcenter.services.intake_sql import count_caller, dialable_e164, dialect_insert, event_time, statements_for
from callcenter.services.locations import attach_waiting_locations
from callcenter.services.spool import Spool, SpoolError, event_to_record, record_to_event

log = logging.getLogger(__name__)

RING_CYCLE = timedelta(seconds=8)       # rings further apart than this start a new call
NO_CID_AFTER_RINGS = 2                  # a ring with no caller ID by the second ring is still a call
SHARED_DUPLICATE_WINDOW = timedelta(seconds=1)  # desks hear one broadcast within milliseconds
ADVISORY_SPACE = 112  # PostgreSQL advisory lock keys: (112, n) belong to Konsol 112
BROADCAST_LOCK = 1
OPEN_CALL_LOOKBACK = timedelta(hours=4)
MAX_BATCH = 1000
NO_CALLER_ID_NAME = "tanpa caller ID"
# What boxes put in the name field when there is no name: not a name to show an operator.
PLACEHOLDER_NAMES = frozenset({"NO NAME", "NONAME", "PRIVATE", "OUT-OF-AREA", "OUT OF AREA", "UNAVAILABLE",
                               "UNKNOWN", "ANONYMOUS", "WIRELESS CALLER", "O", "P", "-", ""})


def caller_name(name: str | None) -> str | None:
    if name is None or name.strip().upper() in PLACEHOLDER_NAMES:
        return None
    return name.strip()[:80]


@dataclass(frozen=True, slots=True)
class CallNotice:
    """Published after commit: what changed, for the console's models and the line service's log."""

    action: str  # ringing | answered | caller_id | missed | ended | outgoing
    call_id: int
    line_id: int | None
    number: str | None
    e164: str | None
    received_at: datetime
    committed_monotonic: float = field(default=0.0, compare=False)
    """time.perf_counter() at commit, for latency measurements."""


@dataclass(slots=True)
class _LineState:
    last_activity: datetime
    call_id: int | None = None
    rings_without_cid: int = 0


Subscriber = Callable[[list[CallNotice]], None]


_key_sequence = itertools.count(1)


def make_event_key(source_key: str, event: CallerIdEvent) -> str:
    """A key unique to this one event, fixed before the first commit attempt so a spooled replay is idempotent.

    Events parsed from one read share their receive time (and withheld callers share "no number"), so the key
    also carries a hash of the frame and a process-wide sequence number: two real calls never collide.
    """
    frame = hashlib.sha256(event.raw.encode("utf-8", "replace")).hexdigest()[:16]
    text = "|".join((source_key[:80], event.line or "", event.kind.value, event.received_at.isoformat(),
                     event.number or "", event.call_ref or "", frame, str(next(_key_sequence))))
    if len(text) <= 200:
        return text
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class IntakeService:
    """Turns events into committed calls. Not thread-safe: one IntakeWorker thread owns it."""

    def __init__(self, db: Database, *, spool: Spool | None = None, clock: Clock = utcnow) -> None:
        self.db = db
        self.spool = spool
        self.clock = clock
        self._subscribers: list[Subscriber] = []
        self._lines: dict[tuple[str, str], int] = {}
        self._line_state: dict[tuple[str, str], _LineState] = {}
        self._refs: dict[str, int] = {}
        self.persisted = 0
        self.answered = 0
        self.spooled = 0
        self.duplicates = 0
        self.rejected = 0
        self.database_down_since: datetime | None = None
        self.spool_error: str | None = None
        """Why the spool cannot be written (disk full, read-only): a loud alarm while it is set."""
        self._held: list[tuple[str, str, CallerIdEvent]] = []
        """Events neither the database nor the spool could take: kept in memory and retried, in order."""

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    # -- entry points ------------------------------------------------------------------------------------
    def process(self, batch: list[tuple[str, CallerIdEvent]]) -> list[CallNotice]:
        """Commit a batch (or spool it); returns and publishes the notices of what was committed."""
        keyed = [(source_key, make_event_key(source_key, event), event) for source_key, event in batch
                 if not event.history]
        if not keyed:
            return []
        if self._held:
            self._held.extend(keyed)  # keep order behind what is already waiting in memory
            self.replay_spool()
            return []
        if self.spool is not None and self._spool_has_records():
            self._to_spool(keyed)  # keep order: nothing overtakes what is already waiting
            self.replay_spool()
            return []
        try:
            notices = self._commit(keyed)
        except DatabaseUnavailable as exc:
            if self.spool is None:
                raise
            log.error("database unavailable, spooling %d event(s): %s", len(keyed), exc)
            self._mark_down()
            self._to_spool(keyed)
            return []
        except Exception:
            # A defect or one poisonous event must not cost the whole batch: retry the events one by one.
            log.exception("intake batch of %d failed; retrying one event at a time", len(keyed))
            notices = self._one_by_one(keyed)
        self._mark_up()
        self._publish(notices)
        return notices

    def _one_by_one(self, keyed: list[tuple[str, str, CallerIdEvent]]) -> list[CallNotice]:
        notices: list[CallNotice] = []
        for index, item in enumerate(keyed):
            try:
                notices += self._commit([item], replay=True)
            except DatabaseUnavailable:
                if self.spool is None:
                    raise
                self._mark_down()
                self._to_spool(keyed[index:])
                break
            except Exception as exc:
                self._reject(item, exc)
        return notices

    def _reject(self, item: tuple[str, str, CallerIdEvent], exc: BaseException) -> None:
        """Keep an event the database refuses (a defect) beside the spool, for a person to look at."""
        source_key, event_key, event = item
        log.critical("event could not be stored (%s): %s", exc, event.raw[:200])
        if self.spool is not None:
            record = event_to_record(source_key, event_key, event) | {"error": str(exc)[:500]}
            Spool(self.spool.path.with_name(self.spool.path.stem + ".rejected.jsonl")).append([record])
        self.rejected += 1

    @property
    def held(self) -> int:
        return len(self._held)

    def replay_spool(self) -> int:
        """Replay spooled events in order; returns how many were replayed (0 while the database is down)."""
        if self.spool is None:
            return 0
        if self._held and not self._release_held():
            return 0
        records = self.spool.pending()
        if not records:
            return 0
        replayed = 0
        for start in range(0, len(records), MAX_BATCH):
            chunk = [record_to_event(record) for record in records[start:start + MAX_BATCH]]
            try:
                notices = self._commit(chunk, replay=True)
            except DatabaseUnavailable:
                self._mark_down()
                break
            self.spool.drop_first(len(chunk))
            replayed += len(chunk)
            self._publish(notices)
        if replayed:
            self._mark_up()
            log.info("replayed %d spooled event(s)", replayed)
        return replayed

    # -- internals ---------------------------------------------------------------------------------------
    def _spool_has_records(self) -> bool:
        return self.spool is not None and self.spool.path.exists() and self.spool.path.stat().st_size > 0

    def _to_spool(self, keyed: list[tuple[str, str, CallerIdEvent]]) -> None:
        assert self.spool is not None
        try:
            self.spool.append([event_to_record(source_key, key, event) for source_key, key, event in keyed])
        except SpoolError as exc:
            self._held.extend(keyed)
            self.spool_error = str(exc)
            log.critical("SPOOL FAILED (%s): %d event(s) held in memory until the database or the spool is back",
                         exc, len(self._held))
            raise
        self.spool_error = None
        self.spooled += len(keyed)

    def _release_held(self) -> bool:
        """Move held events to the database, or else to the spool; True when none are left in memory."""
        held, self._held = self._held, []
        try:
            notices = self._commit(held, replay=True)
        except DatabaseUnavailable:
            self._mark_down()
            try:
                self._to_spool(held)
            except SpoolError:
                return False  # _to_spool put them back in memory
            return True
        self._mark_up()
        self._publish(notices)
        return True

    def _mark_down(self) -> None:
        if self.database_down_since is None:
            self.database_down_since = self.clock()

    def _mark_up(self) -> None:
        self.database_down_since = None

    def _publish(self, notices: list[CallNotice]) -> None:
        if not notices:
            return
        for subscriber in list(self._subscribers):
            try:
                subscriber(notices)
            except Exception:  # a broken subscriber must never stop intake
                log.exception("intake subscriber failed")

    def _commit(self, keyed: list[tuple[str, str, CallerIdEvent]], *, replay: bool = False) -> list[CallNotice]:
        line_state_backup = {key: _LineState(s.last_activity, s.call_id, s.rings_without_cid)
                             for key, s in self._line_state.items()}
        refs_backup = dict(self._refs)
        notices: list[CallNotice] = []
        try:
            with self.db.write() as session:
                # Runs of plain incoming calls go in with one multi-row INSERT (a burst of 10,000 frames must
                # not cost 10,000 statements); rings, hang-ups, broadcasts and replays go one by one, in order.
                run: list[tuple[str, str, CallerIdEvent]] = []
                for item in keyed:
                    source_key, event_key, event = item
                    if not replay and event.kind is EventKind.INCOMING and not source_key.startswith("udp:"):
                        run.append(item)
                        continue
                    notices += self._insert_incoming(session, run)
                    run = []
                    notice = self._apply(session, source_key, event_key, event)
                    if notice is not None:
                        notices.append(notice)
                notices += self._insert_incoming(session, run)
                # A phone location (AML) that came before its call attaches now, in the same transaction.
                attach_waiting_locations(session, [(n.call_id, n.e164, n.received_at) for n in notices
                                                   if n.action == "ringing"], self.clock())
        except Exception:
            # Nothing was committed: forget what this batch taught the in-memory ring tracking.
            self._line_state, self._refs = line_state_backup, refs_backup
            self._lines.clear()
            raise
        committed = time.perf_counter()
        self.persisted += sum(1 for notice in notices if notice.action in ("ringing", "outgoing"))
        self.answered += sum(1 for notice in notices if notice.action == "answered")
        return [CallNotice(n.action, n.call_id, n.line_id, n.number, n.e164, n.received_at, committed)
                for n in notices]

    def _insert_incoming(self, session: Session, run: list[tuple[str, str, CallerIdEvent]]) -> list[CallNotice]:
        if not run:
            return []
        rows: list[dict[str, Any]] = []
        for source_key, event_key, event in run:
            number = event.number
            rows.append({
                "event_key": event_key, "line_id": self._line_id(session, source_key, event.line or "1"),
                "direction": Direction.INCOMING, "received_at": event_time(event),
                "number_raw": number[:40] if number else None, "e164": dialable_e164(number),
                "presentation": event.presentation, "cid_name": caller_name(event.name),
                "cid_verified": event.verified, "state": CallState.RINGING,
            })
        # Core statements built once per dialect, on the session's connection: a ringing call is three small
        # statements, and the ORM's bulk machinery around them cost more than the statements themselves.
        statements = statements_for(session)
        connection = session.connection()
        if len(rows) == 1:
            ids = [connection.execute(statements.insert_call, rows[0]).scalar_one()]
        else:
            ids = list(connection.execute(statements.insert_calls, rows).scalars())
        now = self.clock()
        per_caller: dict[str, list[datetime]] = {}
        notices = []
        for (source_key, _key, event), row, call_id in zip(run, rows, ids, strict=True):
            self._line_state[(source_key, event.line or "1")] = _LineState(event.received_at, call_id)
            if event.call_ref:
                self._refs[event.call_ref] = call_id
            if row["e164"]:
                per_caller.setdefault(row["e164"], []).append(row["received_at"])
            notices.append(CallNotice("ringing", call_id, row["line_id"], row["number_raw"], row["e164"],
                                      event.received_at))
        if per_caller:
            callers = [{"e164": e164, "first_seen": min(times), "last_seen": max(times), "call_count": len(times),
                        "prank_count": 0, "ghost_count": 0} for e164, times in per_caller.items()]
            connection.execute(statements.count_callers, callers[0] if len(callers) == 1 else callers)
        record_changes(session, [("call", call_id, "ring") for call_id in ids], now)
        return notices

    def _apply(self, session: Session, source_key: str, event_key: str, event: CallerIdEvent) -> CallNotice | None:
        line_code = event.line or "1"
        state_key = (source_key, line_code)
        now = event.received_at
        state = self._line_state.get(state_key)
        if state is not None and now - state.last_activity > RING_CYCLE and event.kind in (EventKind.RING,
                                                                                             EventKind.INCOMING):
            state = None  # a new ring cycle
        if event.kind is EventKind.INCOMING:
            # Every caller-ID announcement is a call: a prank caller redialling at once is two calls. Devices
            # that repeat a record are handled by the parsers' repeat suppression, never by dropping calls here.
            notice = self._insert_call(session, source_key, event_key, event, line_code)
            self._line_state[state_key] = _LineState(now, notice.call_id if notice else None)
            if notice and event.call_ref:
                self._refs[event.call_ref] = notice.call_id
            return notice
        if event.kind is EventKind.RING:
            if state is None:
                state = self._line_state[state_key] = _LineState(now)
            state.last_activity = now
            if state.call_id is not None:
                return None
            state.rings_without_cid += 1
            if state.rings_without_cid < NO_CID_AFTER_RINGS:
                return None
            notice = self._insert_call(session, source_key, event_key, event, line_code, no_caller_id=True)
            state.call_id = notice.call_id if notice else None
            return notice
        if event.kind is EventKind.OUTGOING:
            return self._insert_call(session, source_key, event_key, event, line_code, outgoing=True)
        if event.kind is EventKind.INFO and event.detail in ("answered", "caller_id"):
            if event.direction == Direction.OUTGOING.value:
                return None
            call_id = self._open_call_for(session, source_key, line_code, event, state, keep_ref=True)
            if call_id is None:
                return None
            if event.detail == "answered":
                return self._answer_call(session, call_id, event)
            return self._correct_identity(session, call_id, event)
        if event.kind is EventKind.END or (event.kind is EventKind.INFO and event.detail in ("not_answered",
                                                                                               "hung_up")):
            if event.direction == Direction.OUTGOING.value:
                return None
            call_id = self._open_call_for(session, source_key, line_code, event, state)
            self._line_state.pop(state_key, None)
            if call_id is None:
                return None
            return self._end_call(session, call_id, event)
        return None

    def _line_id(self, session: Session, source_key: str, code: str) -> int:
        cached = self._lines.get((source_key, code))
        if cached is not None:
            return cached
        line_id = session.scalar(select(Line.id).where(Line.source_key == source_key, Line.code == code))
        if line_id is None:
            statement = dialect_insert(session, Line).values(
                source_key=source_key, code=code, name=f"Line {code}", active=True, created_at=self.clock())
            session.execute(statement.on_conflict_do_nothing())
            line_id = session.scalar(select(Line.id).where(Line.source_key == source_key, Line.code == code))
        assert line_id is not None
        self._lines[(source_key, code)] = line_id
        return line_id

    def _insert_call(self, session: Session, source_key: str, event_key: str, event: CallerIdEvent, line_code: str,
                     *, no_caller_id: bool = False, outgoing: bool = False) -> CallNotice | None:
        line_id = self._line_id(session, source_key, line_code)
        number = None if no_caller_id else event.number
        e164 = dialable_e164(number)
        presentation = Presentation.UNAVAILABLE if no_caller_id else event.presentation
        if source_key.startswith("udp:") and self._seen_recently_locked(session, line_id, number, event.received_at):
            self.duplicates += 1
            return None  # the same broadcast heard by another desk: the database already has it
        values: dict[str, Any] = {
            "event_key": event_key, "line_id": line_id, "direction": Direction.OUTGOING if outgoing
            else Direction.INCOMING, "received_at": event_time(event), "device_time": None,
            "number_raw": number[:40] if number else None, "e164": e164, "presentation": presentation,
            "cid_name": NO_CALLER_ID_NAME if no_caller_id else caller_name(event.name),
            "cid_verified": event.verified, "state": CallState.ENDED if outgoing else CallState.RINGING,
        }
        statement = dialect_insert(session, Call).values(**values).on_conflict_do_nothing(
            index_elements=["event_key"]).returning(Call.id)
        call_id = session.scalar(statement)
        if call_id is None:
            self.duplicates += 1
            return None  # replayed or repeated: already committed once
        if e164 and not outgoing:
            count_caller(session, e164, event_time(event))
        record_change(session, "call", call_id, "outgoing" if outgoing else "ring", self.clock())
        return CallNotice("outgoing" if outgoing else "ringing", call_id, line_id, number, e164, event.received_at)

    def _seen_recently_locked(self, session: Session, line_id: int, number: str | None, at: datetime) -> bool:
        """The duplicate check for broadcasts, serialised across desks until this transaction commits.

        Every desk hears a broadcast at the same moment; without the lock, concurrent READ COMMITTED
        transactions on PostgreSQL all find nothing and all insert. One lock for all broadcast checks, so a
        transaction never holds two of them (no deadlock). SQLite's BEGIN IMMEDIATE already serialises writers.
        """
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                            {"space": ADVISORY_SPACE, "key": BROADCAST_LOCK})
        return self._seen_recently(session, line_id, number, at)

    def _seen_recently(self, session: Session, line_id: int, number: str | None, at: datetime) -> bool:
        window = (at - SHARED_DUPLICATE_WINDOW, at + SHARED_DUPLICATE_WINDOW)
        query = select(Call.id).where(Call.line_id == line_id, Call.received_at.between(*window))
        query = query.where(Call.number_raw == number) if number else query.where(Call.number_raw.is_(None))
        return session.scalar(query.limit(1)) is not None

    def _open_call_for(self, session: Session, source_key: str, line_code: str, event: CallerIdEvent,
                       state: _LineState | None, *, keep_ref: bool = False) -> int | None:
        if event.call_ref and event.call_ref in self._refs:
            return self._refs[event.call_ref] if keep_ref else self._refs.pop(event.call_ref)
        if state is not None and state.call_id is not None:
            return state.call_id
        line_id = self._line_id(session, source_key, line_code)
        return session.scalar(
            select(Call.id).where(Call.line_id == line_id, Call.ended_at.is_(None),
                                  Call.state.in_([CallState.RINGING, CallState.ANSWERED]),
                                  Call.received_at >= event.received_at - OPEN_CALL_LOOKBACK)
            .order_by(Call.received_at.desc()).limit(1)
        )

    def _end_call(self, session: Session, call_id: int, event: CallerIdEvent) -> CallNotice | None:
        call = session.execute(
            select(Call.state, Call.received_at, Call.answered_at, Call.answered_via, Call.line_id, Call.number_raw,
                   Call.e164, Call.ended_at)
            .where(Call.id == call_id)
        ).one_or_none()
        if call is None or call.ended_at is not None:
            return None
        ended_at = event_time(event)
        duration = event.duration_s
        if duration is None:
            duration = max(0, int((ended_at - call.received_at).total_seconds()))
        talk = None if call.answered_at is None else max(0, round((ended_at - call.answered_at).total_seconds()))
        missed = call.state is CallState.RINGING
        values: dict[str, Any] = {"ended_at": ended_at, "duration_s": duration, "talk_s": talk}
        if missed:
            values["state"] = CallState.MISSED
        elif call.state is CallState.ANSWERED and call.answered_via == ANSWERED_ON_LINE:
            values["state"] = CallState.ENDED  # answered at a desk phone, now over; a console claim stays open
        session.execute(update(Call).where(Call.id == call_id, Call.ended_at.is_(None)).values(**values))
        record_change(session, "call", call_id, "missed" if missed else "end", self.clock())
        return CallNotice("missed" if missed else "ended", call_id, call.line_id, call.number_raw, call.e164,
                          call.received_at)

    def _answer_call(self, session: Session, call_id: int, event: CallerIdEvent) -> CallNotice | None:
        """A desk answered: the call is answered at that moment, by that desk (first answer wins)."""
        at = event_time(event)
        desk = {"answered_channel": (event.desk_channel or None) and event.desk_channel[:80],
                "answered_extension": (event.desk_extension or None) and event.desk_extension[:40]}
        result = session.execute(
            update(Call).where(Call.id == call_id, Call.state == CallState.RINGING, Call.ended_at.is_(None))
            .values(state=CallState.ANSWERED, answered_at=at, answered_via=ANSWERED_ON_LINE, **desk)
            .returning(Call.line_id, Call.number_raw, Call.e164, Call.received_at)
        ).one_or_none()
        if result is None:
            # Claimed on a console first (or already over): the claim stands; still note which desk picked up.
            session.execute(update(Call).where(Call.id == call_id, Call.answered_channel.is_(None))
                            .values(**desk))
            return None
        record_change(session, "call", call_id, "answer", self.clock())
        return CallNotice("answered", call_id, result.line_id, result.number_raw, result.e164, result.received_at)

    def _correct_identity(self, session: Session, call_id: int, event: CallerIdEvent) -> CallNotice | None:
        """The source corrected the caller (a later NewCallerid): the stored call carries the final identity."""
        call = session.execute(select(Call.line_id, Call.number_raw, Call.e164, Call.presentation, Call.cid_name,
                                      Call.received_at).where(Call.id == call_id)).one_or_none()
        if call is None:
            return None
        number = event.number[:40] if event.number else None
        e164 = dialable_e164(number)
        name = caller_name(event.name) or (call.cid_name if number == call.number_raw else None)
        if (number, e164, event.presentation, name) == (call.number_raw, call.e164, call.presentation,
                                                        call.cid_name):
            return None
        session.execute(update(Call).where(Call.id == call_id).values(
            number_raw=number, e164=e164, presentation=event.presentation, cid_name=name))
        if e164 != call.e164:
            if call.e164:
                session.execute(update(Caller).where(Caller.e164 == call.e164, Caller.call_count > 0)
                                .values(call_count=Caller.call_count - 1))
            if e164:
                count_caller(session, e164, call.received_at)
        record_change(session, "call", call_id, "caller_id", self.clock())
        return CallNotice("caller_id", call_id, call.line_id, number, e164, call.received_at)


class IntakeWorker:
    """The one thread that owns intake: sources submit events from their threads; batches commit here."""

    def __init__(self, intake: IntakeService, *, replay_interval: float = 1.0) -> None:
        self.intake = intake
        self.replay_interval = replay_interval
        self._queue: queue.Queue[tuple[str, CallerIdEvent] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="intake", daemon=True)
        self._stopping = threading.Event()
        self.last_error: BaseException | None = None

    def submit(self, source_key: str, event: CallerIdEvent) -> None:
        """Thread-safe; called by sources. Returns at once."""
        self._queue.put((source_key, event))

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._queue.put(None)
        self._thread.join(timeout)

    def backlog(self) -> int:
        return self._queue.qsize()

    def _run(self) -> None:
        last_replay = 0.0
        while True:
            try:
                item = self._queue.get(timeout=self.replay_interval)
            except queue.Empty:
                item = None
                if self._stopping.is_set():
                    break
            batch: list[tuple[str, CallerIdEvent]] = []
            if item is not None:
                batch.append(item)
            while len(batch) < MAX_BATCH:
                try:
                    extra = self._queue.get_nowait()
                except queue.Empty:
                    break
                if extra is not None:
                    batch.append(extra)
            if batch:
                self._process(batch)
            if time.monotonic() - last_replay >= self.replay_interval:
                last_replay = time.monotonic()
                self._guard(self.intake.replay_spool)
            if self._stopping.is_set() and self._queue.empty():
                break

    def _process(self, batch: list[tuple[str, CallerIdEvent]]) -> None:
        self._guard(lambda: self.intake.process(batch))

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
            self.last_error = None
        except SpoolError as exc:
            self.last_error = exc  # already logged as critical; the console shows it as an alarm
        except Exception as exc:  # the intake thread must survive anything to keep taking calls
            self.last_error = exc
            log.exception("intake failed")
