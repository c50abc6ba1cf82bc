"""A headless operator desk as its own process, built on the same core pieces as the console.

    python -m tests.ha.desk URL OPERATOR_ID USERNAME JOURNAL_FILE

It follows the change feed (woken by LISTEN/NOTIFY, as the console is), answers ringing calls from the top of
the queue through ``DeskActions`` (live, or into the desk journal while the database is switching), classifies
them (every fourth one becomes an incident, which is then saved again with an edit), and keeps answering
from the queue it last saw while the database is away, as an operator picking up the phone would. Every state
change and every action's result goes to stdout as a JSON line; "stop" on stdin makes it apply the rest of
its journal, catch up on the feed and print a summary line.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.enums import CallType, Role
from callcenter.db.models import Category
from callcenter.errors import ConflictError, DatabaseUnavailable
from callcenter.services.base import Actor
from callcenter.services.desk_actions import DeskActions, open_desk_journal
from callcenter.services.feed import FeedFollower
from callcenter.services.incidents import IncidentDraft
from callcenter.services.journal import DeskState, ReplayResult, desk_state
from callcenter.services.notify import NotifyListener

TOP = 3
INCIDENT_EVERY = 4


class Desk:
    def __init__(self, url: str, actor: Actor, journal_path: Path) -> None:
        self.db = Database(url, pool_size=2)
        self.actor = actor
        self.journal = open_desk_journal(journal_path, self.db)
        self.actions = DeskActions(self.db, self.journal)
        self.rng = random.Random(actor.id)
        self.stop = threading.Event()
        self.wake = threading.Event()
        self.seen: set[int] = set()
        self.known_ringing: list[int] = []
        self.claimed_live: list[int] = []
        self.journal_results: list[dict[str, Any]] = []
        self.incidents: dict[str, dict[str, Any]] = {}
        self.handled = 0
        self.state = DeskState.LIVE
        self.follower: FeedFollower | None = None
        self.journal.subscribe(self._replayed)
        self.listener = NotifyListener(url, self.wake.set)
        with self.db.read() as session:
            self.category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))

    # -- output --------------------------------------------------------------------------------------------
    def emit(self, event: str, **data: Any) -> None:
        print(json.dumps({"t": time.time(), "event": event, **data}), flush=True)

    def _replayed(self, results: list[ReplayResult]) -> None:
        for result in results:
            record = {"action": str(result.entry.action), "outcome": str(result.outcome),
                      "id": result.result_id, "code": result.code, "key": result.entry.key,
                      "params": result.entry.params}
            self.journal_results.append(record)
            self.emit("replayed", **record)

    def _observe(self) -> None:
        state = desk_state(self.db.health.current, self.journal)
        if state is not self.state:
            self.state = state
            self.emit("state", state=str(state))

    # -- work ------------------------------------------------------------------------------------------------
    def follow(self) -> None:
        if self.follower is None:
            self.follower = FeedFollower(self.db, start_at_end=False)
        for change in self.follower.poll():
            if change.entity == "call":
                self.seen.add(int(change.entity_id))

    def answer_one(self) -> None:
        self.known_ringing = [c.id for c in self.actions.calls.ringing(limit=50)]
        self.seen.update(self.known_ringing)
        if self.known_ringing:
            self.take(self.rng.choice(self.known_ringing[:TOP]))

    def take(self, call_id: int) -> None:
        try:
            claimed = self.actions.claim(self.actor, call_id)
        except ConflictError:
            return  # another desk was faster
        if claimed.done:
            self.claimed_live.append(call_id)
            self.emit("live_write", call_id=call_id)
        else:
            self.emit("journalled", action="claim", call_id=call_id)
        self.handled += 1
        if self.handled % INCIDENT_EVERY:
            self.actions.classify(self.actor, call_id, CallType.PRANK)
            return
        self.actions.classify(self.actor, call_id, CallType.NORMAL)
        description = f"{self.actor.username} call {call_id}"
        draft = IncidentDraft(category_id=self.category_id, kecamatan_code="32.14.01", description=description)
        created = self.actions.create_incident(self.actor, draft, call_id)
        self.incidents[description] = {"call_id": call_id, "created_live": created.done, "saved": False}
        if created.value is not None:
            saved = self.actions.update_incident(self.actor, created.value.id, created.value.version,
                                                 {"address": f"Jl. {call_id}"})
            self.incidents[description]["saved"] = True
            self.incidents[description]["saved_live"] = saved.done

    def answer_from_memory(self) -> None:
        """The database is away: the operator still picks up a call the screen showed ringing."""
        candidates = [call for call in self.known_ringing if call not in self.claimed_live]
        if candidates:
            call_id = candidates[0]
            self.known_ringing.remove(call_id)
            self.take(call_id)

    def run(self) -> None:
        self.listener.start()
        last_offline_answer = 0.0
        while not self.stop.is_set():
            try:
                self.follow()
                self.answer_one()
            except DatabaseUnavailable:
                if time.monotonic() - last_offline_answer > 1.0:
                    last_offline_answer = time.monotonic()
                    try:
                        self.answer_from_memory()
                    except DatabaseUnavailable:
                        pass
            self._observe()
            self.wake.wait(0.1 if self.state is DeskState.LIVE else 0.25)
            self.wake.clear()

    def finish(self, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.journal.replay()
                if not len(self.journal):
                    self.follow()
                    break
            except DatabaseUnavailable:
                pass
            time.sleep(0.3)
        self.listener.stop()
        self._observe()
        summary = {"seen": sorted(self.seen), "claimed_live": self.claimed_live,
                   "journal": self.journal_results, "journal_left": len(self.journal),
                   "conflicts": len(self.journal.conflicts()), "incidents": self.incidents,
                   "listener_reconnects": self.listener.reconnects, "state": str(self.state)}
        self.db.dispose()
        return summary


def main(argv: list[str]) -> int:
    url, operator_id, username, journal = argv
    desk = Desk(url, Actor(int(operator_id), username, Role.OPERATOR), Path(journal))

    def wait_for_stop() -> None:
        for line in sys.stdin:
            if line.strip() == "stop":
                break
        desk.stop.set()
        desk.wake.set()

    threading.Thread(target=wait_for_stop, daemon=True).start()
    desk.emit("ready")
    desk.run()
    desk.emit("summary", **desk.finish())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
