"""The desk journal: operator actions taken while the database was away, written to a local file and applied
when it is back, each exactly once.

The intake spool keeps the line's calls through an outage; this keeps the operators' work. A desk whose
database is switching (Patroni promoting a standby) or away keeps answering: the console still shows what it
last knew (read-only, marked) and every claim, classification, incident save, note or forward goes to an
append-only JSON-lines file (fsync'd), in order. An action that failed half way, whose commit may or may not
have happened, goes there too. ``replay()`` applies the entries in order; each entry first re-reads the
database to see whether it is already there (the claim made by this operator, the incident this operator
created after the attempt began, the version that already carries the change), so a replay after a crash, or
of an action whose answer was lost, never writes anything twice. What another desk changed meanwhile is a
*conflict*, kept for the operator to look at, never overwritten.

States the console shows (``desk_state``): live; switching (banner "database switching", data read-only);
away (banner "database unreachable", answering goes to the journal); catching up (database back, the journal
is being applied); attention (something in the journal needs the operator: a conflict, or a call answered on
the phone that the database does not have yet).
"""

from __future__ import annotations

import enum
import json
import logging
import os
import stat
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.health import Health, LinkState
from callcenter.errors import DatabaseUnavailable, KonsolError, UserFixableError
from callcenter.services.base import Actor, jsonable

log = logging.getLogger(__name__)


class JournalError(UserFixableError):
    """The journal file cannot be written (disk full, read-only folder): the operator's work is at risk."""

    default_code = "journal.unwritable"


class JournalAction(enum.StrEnum):
    CLAIM = "claim"
    CLASSIFY = "classify"
    END = "end"
    INCIDENT_CREATE = "incident_create"
    INCIDENT_UPDATE = "incident_update"
    NOTE = "note"
    FORWARD = "forward"


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    """Written now."""
    ALREADY = "already"
    """Was already in the database (committed before, its answer lost): nothing written twice."""
    CONFLICT = "conflict"
    """Another desk changed it meanwhile (took the call, edited the incident): kept for the operator."""
    WAITING = "waiting"
    """The call is not in the database yet (the line service's spool is still replaying): tried again later."""


class DeskState(enum.StrEnum):
    LIVE = "live"
    SWITCHING = "switching"
    AWAY = "away"
    CATCHING_UP = "catching_up"
    ATTENTION = "attention"


@dataclass(frozen=True, slots=True)
class CallRef:
    """Which call an action is about: its id when the console showed it, else the number and the moment the
    operator answered (a call that rang during the gap, matched when the line service's spool has replayed)."""

    call_id: int | None = None
    number: str | None = None
    at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {"call_id": self.call_id, "number": self.number, "at": self.at.isoformat() if self.at else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CallRef:
        return cls(data.get("call_id"), data.get("number"),
                   datetime.fromisoformat(data["at"]) if data.get("at") else None)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    key: str
    action: JournalAction
    actor: Actor
    attempted_at: datetime
    """When the operator acted (UTC, this desk's clock): anything this desk committed for it is not older."""
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "action": str(self.action), "attempted_at": self.attempted_at.isoformat(),
                "actor": {"id": self.actor.id, "username": self.actor.username, "role": str(self.actor.role),
                          "full_name": self.actor.full_name},
                "params": jsonable(self.params)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        actor = data["actor"]
        return cls(data["key"], JournalAction(data["action"]),
                   Actor(actor["id"], actor["username"], Role(actor["role"]), actor.get("full_name", "")),
                   datetime.fromisoformat(data["attempted_at"]), dict(data.get("params") or {}))


@dataclass(frozen=True, slots=True)
class ReplayResult:
    entry: JournalEntry
    outcome: Outcome
    result_id: int | None = None
    """What the action made or touched (the call, the incident), once known."""
    code: str = ""
    """For a conflict: the error's code (``call.already_claimed``, ``conflict``...) for the console's mapper."""
    params: dict[str, Any] = field(default_factory=dict)
    detail: str = ""


class _JsonLines:
    """An fsync'd JSON-lines file readable by its owner only; a torn last line (crash mid-write) is skipped."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, records: list[dict[str, Any]]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if sys.platform != "win32" and not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR))
            with self.path.open("a", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise JournalError(f"cannot write the desk journal {self.path}: {exc.strerror or exc}",
                               path=str(self.path)) from exc

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        records = []
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return records

    def rewrite(self, records: list[dict[str, Any]]) -> None:
        if not records:
            self.path.unlink(missing_ok=True)
            return
        temporary = self.path.with_suffix(self.path.suffix + ".tmp")
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            raise JournalError(f"cannot write the desk journal {self.path}: {exc.strerror or exc}",
                               path=str(self.path)) from exc


Applier = Callable[[JournalEntry], ReplayResult]
Listener = Callable[[list[ReplayResult]], None]


class DeskJournal:
    """One desk's journal file (``<desk>.jsonl``) and the conflicts left for its operator
    (``<desk>.conflicts.jsonl``). Thread-safe; one desk process owns the file."""

    def __init__(self, path: Path, db: Database, applier: Applier, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock
        self._file = _JsonLines(path)
        self._conflicts = _JsonLines(path.with_name(path.stem + ".conflicts.jsonl"))
        self._apply = applier
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self.waiting: dict[str, ReplayResult] = {}
        """Entries whose call the database does not have yet, by key (shown as 'attention')."""

    @property
    def path(self) -> Path:
        return self._file.path

    def subscribe(self, listener: Listener) -> None:
        """Called (on the replaying thread) with the results of every replay pass that did something."""
        self._listeners.append(listener)

    # -- writing -------------------------------------------------------------------------------------------
    def record(self, action: JournalAction, actor: Actor, *, attempted_at: datetime | None = None,
               **params: Any) -> JournalEntry:
        """Append one action (fsync'd before returning): from here on it cannot be lost."""
        entry = JournalEntry(uuid.uuid4().hex, action, actor, attempted_at or self.clock(), params)
        with self._lock:
            self._file.append([entry.to_json()])
        log.info("desk journal: %s by %s kept until the database is back", action, actor.username)
        return entry

    def pending(self) -> list[JournalEntry]:
        with self._lock:
            return [JournalEntry.from_json(record) for record in self._file.read()]

    def __len__(self) -> int:
        return len(self.pending())

    def conflicts(self) -> list[dict[str, Any]]:
        """Actions another desk overtook while this one was away: entry, code, params, detail."""
        with self._lock:
            return self._conflicts.read()

    def acknowledge(self, key: str) -> None:
        """The operator has seen this conflict (and dealt with it on screen)."""
        with self._lock:
            self._conflicts.rewrite([r for r in self._conflicts.read() if r["entry"]["key"] != key])

    # -- replaying -----------------------------------------------------------------------------------------
    def replay(self) -> list[ReplayResult]:
        """Apply pending entries in order. Stops at the first sign the database is still away (the rest keep
        their order); a waiting entry holds back later entries about the same call only."""
        with self._lock:
            entries = self.pending()
            results: list[ReplayResult] = []
            done: set[str] = set()
            held_calls: set[str] = set()
            try:
                for entry in entries:
                    call = _call_key(entry)
                    if call is not None and call in held_calls:
                        continue
                    result = self._apply(entry)
                    results.append(result)
                    if result.outcome is Outcome.WAITING:
                        self.waiting[entry.key] = result
                        if call is not None:
                            held_calls.add(call)
                        continue
                    self.waiting.pop(entry.key, None)
                    done.add(entry.key)
                    if result.outcome is Outcome.CONFLICT:
                        self._conflicts.append([{"entry": entry.to_json(), "code": result.code,
                                                 "params": jsonable(result.params), "detail": result.detail}])
                    # One entry at a time: a crash after this line replays only what is still in the file.
                    self._file.rewrite([e.to_json() for e in entries if e.key not in done])
            except DatabaseUnavailable as exc:
                log.info("desk journal: database still away (%s); %d entr(ies) wait", exc.code,
                         len(entries) - len(done))
        if results:
            for listener in list(self._listeners):
                try:
                    listener(results)
                except Exception:
                    log.exception("desk journal listener failed")
        return results


def _call_key(entry: JournalEntry) -> str | None:
    ref = entry.params.get("call")
    return json.dumps(ref, sort_keys=True) if isinstance(ref, dict) else None


def desk_state(health: Health, journal: DeskJournal | None) -> DeskState:
    """What the console's banner shows, from the database link and this desk's journal."""
    if health.state is LinkState.SWITCHING:
        return DeskState.SWITCHING
    if health.state is LinkState.AWAY:
        return DeskState.AWAY
    if journal is None:
        return DeskState.LIVE
    if journal.conflicts() or journal.waiting:
        return DeskState.ATTENTION
    if len(journal):
        return DeskState.CATCHING_UP
    return DeskState.LIVE


class JournalWorker(threading.Thread):
    """Replays the journal in the background: soon after the database is back (the health monitor says so)
    and every few seconds while entries wait. Never touches the GUI; results go to the journal's listeners."""

    def __init__(self, journal: DeskJournal, *, interval: float = 2.0) -> None:
        super().__init__(name="desk-journal", daemon=True)
        self.journal = journal
        self.interval = interval
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        self._unsubscribe = journal.db.health.subscribe(self._on_health)

    def _on_health(self, health: Health) -> None:
        if health.live:
            self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._unsubscribe()
        self._stop_event.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                if len(self.journal):
                    self.journal.replay()
            except KonsolError as exc:  # a journal that cannot be rewritten: logged loudly, retried
                log.error("desk journal replay failed: %s", exc)
            except Exception:
                log.exception("desk journal replay failed")
            self._wake.wait(self.interval)
            self._wake.clear()
