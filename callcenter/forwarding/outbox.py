"""The durable outbox: the ``outbox`` table is the queue, so a crash loses nothing, and any number of desks may
run a worker without sending one message twice.

A worker claims a due message with a conditional UPDATE (only one desk's UPDATE matches), under a lease: if
the desk dies mid-send the lease runs out and another desk tries again. States: ``pending`` (menunggu, never
tried), ``retrying`` (dicoba ulang: being tried again), ``failed`` (gagal, with the reason; tried again after
an exponential backoff), ``sent`` (terkirim), ``gave_up`` (failed ``max_attempts`` times; an operator may press
Retry). Only e-mail and webhook are sent here; the slip and WhatsApp are completed at the operator's desk.

Across a database failover: while the database is away the worker backs off (0.5 s doubling to 10 s) and finds
the new primary by itself. A message that was sent but could not be marked sent is remembered and marked
before anything else is claimed, so it is not sent again; a claim whose answer was lost (committed, but the
connection died) is this worker's own lease, which it may take again at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select, update

from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, OutboxState
from callcenter.db.models import OutboxMessage
from callcenter.errors import DatabaseUnavailable
from callcenter.redact import redact_text
from callcenter.services.base import SYSTEM, audit, record_change

log = logging.getLogger(__name__)

CLAIMABLE = (OutboxState.PENDING, OutboxState.FAILED, OutboxState.RETRYING)
MAX_REASON = 1000
OUTAGE_BACKOFF_FIRST_S = 0.5
OUTAGE_BACKOFF_MAX_S = 10.0


class DeliveryError(Exception):
    """A send failed; ``str()`` is the reason shown to the operator (never a secret)."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    channel: DeliveryChannel
    target: str
    payload: dict[str, Any]
    attempts: int
    """Attempts including this one."""


Sender = Callable[[OutboxItem], None]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base_delay: float = 10.0
    max_delay: float = 900.0
    max_attempts: int = 10

    def delay(self, attempts: int) -> timedelta:
        """After the n-th failed attempt: base * 2**(n-1), capped."""
        return timedelta(seconds=min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1)))


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class Outbox:
    """Queue operations on the table, used by the worker (one per desk or service)."""

    def __init__(self, db: Database, *, clock: Clock = utcnow, worker_id: str | None = None,
                 lease: timedelta = timedelta(minutes=2), policy: RetryPolicy | None = None) -> None:
        self.db = db
        self.clock = clock
        self.worker_id = worker_id or default_worker_id()
        self.lease = lease
        self.policy = policy or RetryPolicy()

    def claim(self, channels: Iterable[DeliveryChannel], limit: int = 10) -> list[OutboxItem]:
        """Due messages this worker now owns. Candidates are read first; each is then taken by an UPDATE that
        only matches while it is still unclaimed (or its lease ran out), so exactly one worker gets it."""
        now = self.clock()
        wanted = list(channels)
        claimed: list[OutboxItem] = []
        with self.db.read() as session:
            candidates = list(session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.state.in_(CLAIMABLE), OutboxMessage.channel.in_(wanted),
                    OutboxMessage.next_attempt_at <= now,
                    self._free_or_mine(now))
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)))
        for message_id in candidates:
            with self.db.write() as session:
                won = session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message_id, OutboxMessage.state.in_(CLAIMABLE),
                           OutboxMessage.next_attempt_at <= now,
                           self._free_or_mine(now))
                    .values(claimed_by=self.worker_id, claimed_until=now + self.lease,
                            attempts=OutboxMessage.attempts + 1)
                    .execution_options(synchronize_session=False)
                ).rowcount  # type: ignore[attr-defined]
                if not won:
                    continue  # another desk took it between our read and our update
                message = session.get(OutboxMessage, message_id)
                assert message is not None
                if message.attempts > 1:
                    message.state = OutboxState.RETRYING
                    record_change(session, "outbox", message.id, "update", now)
                claimed.append(OutboxItem(message.id, message.channel, message.target, dict(message.payload),
                                          message.attempts))
        return claimed

    def _free_or_mine(self, now: Any) -> Any:
        """Unclaimed, lease run out, or leased to this very worker (a claim whose answer was lost)."""
        return or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now,
                   OutboxMessage.claimed_by == self.worker_id)

    def succeeded(self, item: OutboxItem) -> bool:
        now = self.clock()
        with self.db.write() as session:
            done = session.execute(
                update(OutboxMessage).where(OutboxMessage.id == item.id, OutboxMessage.claimed_by == self.worker_id)
                .values(state=OutboxState.SENT, sent_at=now, last_error=None, claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
            if done:
                audit(session, SYSTEM, "outbox.sent", "outbox", item.id, now,
                      detail=f"{item.channel} to {item.target} (attempt {item.attempts})")
                record_change(session, "outbox", item.id, "update", now)
        return bool(done)

    def failed(self, item: OutboxItem, reason: str) -> OutboxState:
        now = self.clock()
        final = item.attempts >= self.policy.max_attempts
        state = OutboxState.GAVE_UP if final else OutboxState.FAILED
        with self.db.write() as session:
            session.execute(
                update(OutboxMessage).where(OutboxMessage.id == item.id, OutboxMessage.claimed_by == self.worker_id)
                .values(state=state, last_error=redact_text(reason)[:MAX_REASON], claimed_by=None, claimed_until=None,
                        next_attempt_at=now + self.policy.delay(item.attempts))
                .execution_options(synchronize_session=False))
            audit(session, SYSTEM, "outbox.failed", "outbox", item.id, now,
                  detail=f"{item.channel} to {item.target} attempt {item.attempts}: {reason}")
            record_change(session, "outbox", item.id, "update", now)
        return state


class OutboxWorker(threading.Thread):
    """Sends due e-mail and webhook messages in the background; never touches the GUI. ``wake()`` after a
    forward sends at once instead of at the next poll."""

    def __init__(self, db: Database, senders: dict[DeliveryChannel, Sender], *, clock: Clock = utcnow,
                 worker_id: str | None = None, policy: RetryPolicy | None = None, poll_interval: float = 2.0,
                 lease: timedelta = timedelta(minutes=2)) -> None:
        super().__init__(name="outbox-worker", daemon=True)
        self.outbox = Outbox(db, clock=clock, worker_id=worker_id, policy=policy, lease=lease)
        self.senders = dict(senders)
        self.poll_interval = poll_interval
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        self.sent = 0
        self.failures = 0
        self._unmarked: list[Callable[[], object]] = []
        """Outcomes of sends that the database could not record yet; recorded before anything new is claimed."""

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop_event.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        backoff = OUTAGE_BACKOFF_FIRST_S
        while not self._stop_event.is_set():
            wait = self.poll_interval
            try:
                self.run_once()
                backoff = OUTAGE_BACKOFF_FIRST_S
            except DatabaseUnavailable as exc:  # away or switching: the table keeps every message
                log.warning("outbox waits for the database (next try in %.1f s): %s", backoff, exc)
                wait = backoff
                backoff = min(OUTAGE_BACKOFF_MAX_S, backoff * 2)
            except Exception:
                log.exception("outbox pass failed; trying again")
            self._wake.wait(wait)
            self._wake.clear()

    def run_once(self) -> int:
        """One pass: claim what is due and send it. Returns how many messages were attempted."""
        while self._unmarked:  # DatabaseUnavailable propagates: nothing new is claimed before these are recorded
            self._unmarked[0]()
            self._unmarked.pop(0)
        items = self.outbox.claim(self.senders)
        for item in items:
            if self._stop_event.is_set():
                break
            self._send(item)
        return len(items)

    def _send(self, item: OutboxItem) -> None:
        sender = self.senders[item.channel]
        try:
            sender(item)
        except DeliveryError as exc:
            reason = str(exc) or type(exc).__name__
        except Exception as exc:  # a sender bug must not kill the worker; it is a visible failure instead
            log.exception("outbox sender for %s failed unexpectedly", item.channel)
            reason = f"{type(exc).__name__}: {exc}"
        else:
            self.sent += 1
            log.info("outbox %s sent via %s (attempt %s)", item.id, item.channel, item.attempts)
            self._record(lambda: self.outbox.succeeded(item))
            return
        self.failures += 1
        log.warning("outbox %s via %s failed (attempt %s): %s", item.id, item.channel, item.attempts,
                    redact_text(reason))
        self._record(lambda: self.outbox.failed(item, reason))

    def _record(self, outcome: Callable[[], object]) -> None:
        """Write a send's outcome; when the database is away, keep it for the next pass (a sent message must
        not be sent again because its lease ran out while the database was switching)."""
        try:
            outcome()
        except DatabaseUnavailable:
            self._unmarked.append(outcome)
            raise
