"""One desk as its own process: its own engine, its own services, talking to the shared PostgreSQL.

    python -m tests.multidesk.desk race URL OPERATOR_ID USERNAME      (waits for "go" on stdin)
    python -m tests.multidesk.desk claim URL OPERATOR_ID USERNAME CALL_ID
    python -m tests.multidesk.desk ring URL NUMBER
    python -m tests.multidesk.desk update URL OPERATOR_ID USERNAME INCIDENT_ID VERSION TEXT

Each prints one JSON object on stdout. ``committed_at`` is the wall-clock time right after the commit, so the
test process can measure how long the change took to reach its own views.
"""

from __future__ import annotations

import json
import random
import sys
import time

from sqlalchemy import select

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import utcnow
from callcenter.db.database import Database
from callcenter.db.enums import CallState, Role
from callcenter.db.models import Call
from callcenter.errors import ConflictError
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentService
from callcenter.services.intake import IntakeService

TOP = 4


def _actor(operator_id: str, username: str) -> Actor:
    return Actor(int(operator_id), username, Role.OPERATOR)


def race(db: Database, actor: Actor) -> dict[str, object]:
    """Answer calls from the top of the queue until none rings, as an operator on a busy shift does.

    Each desk picks one of the few oldest ringing calls it sees, so desks regularly go for the same call at
    the same moment; the loser is told (ConflictError) and takes the next.
    """
    calls = CallService(db)
    rng = random.Random(actor.id)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return {"error": "no go"}
    won: list[int] = []
    lost = 0
    started = time.perf_counter()
    while True:
        with db.read() as session:
            top = list(session.scalars(select(Call.id).where(Call.state == CallState.RINGING)
                                       .order_by(Call.received_at, Call.id).limit(TOP)))
        if not top:
            break
        call_id = rng.choice(top)
        try:
            calls.claim(actor, call_id)
        except ConflictError:
            lost += 1
        else:
            won.append(call_id)
    return {"won": won, "lost": lost, "seconds": round(time.perf_counter() - started, 3)}


def main(argv: list[str]) -> int:
    command, url = argv[0], argv[1]
    db = Database(url, pool_size=2)
    try:
        if command == "race":
            result = race(db, _actor(argv[2], argv[3]))
        elif command == "claim":
            info = CallService(db).claim(_actor(argv[2], argv[3]), int(argv[4]))
            result = {"committed_at": time.time(), "claimed_by": info.claimed_by}
        elif command == "ring":
            event = CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=utcnow(), raw=f"CID {argv[2]}",
                                  line="2", number=argv[2], name=None, presentation=Presentation.ALLOWED)
            notices = IntakeService(db).process([("desk-b", event)])
            result = {"committed_at": time.time(), "call_id": notices[0].call_id}
        elif command == "update":
            try:
                view = IncidentService(db).update(_actor(argv[2], argv[3]), int(argv[4]), int(argv[5]),
                                                  {"description": argv[6]})
                result = {"committed_at": time.time(), "version": view.version}
            except ConflictError as exc:
                result = {"conflict": str(exc)}
        else:
            result = {"error": f"unknown command {command}"}
    finally:
        db.dispose()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
