"""A headless desk: what a console does at a desk, without the window. For tools/deploy-check.sh and the tests.

    python tools/desk_probe.py --user NAME --password-file FILE [--db URL] [--profile DIR] [--calls N]
                               [--answer] [--interval S] [--timeout S]

It claims a desk identity (``--profile``: the desk folder; two probes sharing one are two consoles on one PC),
logs in as the operator, sends heartbeats, follows the change feed (woken by LISTEN/NOTIFY on PostgreSQL) and
prints one JSON line per event on stdout:

    {"event": "online", "desk": "PC-OPS-1#2", "key": "...", "operator": "desk2"}
    {"event": "call", "desk": "...", "call_id": 17, "number": "0812...", "state": "ringing", "latency_s": 0.04}
    {"event": "claimed", "desk": "...", "call_id": 17, "by": "desk1"}      (with --answer, the call it won)
    {"event": "taken", "desk": "...", "call_id": 17, "by": "desk1"}        (another desk answered it first)

It stops after ``--calls`` new calls (then waits up to 10 s for who answered them), at ``--timeout``, on
SIGTERM/SIGINT, and signs its desk off. Exit status 0, or 1 when it saw fewer calls.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

try:  # the installed Konsol 112 (deploy-check's desks), else the checkout this file is in (the tests)
    import callcenter  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from callcenter import phone
from callcenter.cli.users import read_password_file
from callcenter.db import migrate
from callcenter.db.database import Database, resolve_url
from callcenter.errors import AlreadyClaimed, KonsolError
from callcenter.services.auth import AuthService
from callcenter.services.calls import CallService
from callcenter.services.desk_identity import claim_desk_identity
from callcenter.services.feed import FeedFollower
from callcenter.services.presence import Heartbeat, PresenceService


def say(**fields: Any) -> None:
    print(json.dumps(fields, ensure_ascii=False, default=str), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=None, help="database URL (default: $CALLCENTER_DB)")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True, type=Path)
    parser.add_argument("--profile", type=Path, default=None, help="desk folder (default: this user's)")
    parser.add_argument("--calls", type=int, default=1, help="stop after this many new calls (default 1)")
    parser.add_argument("--answer", action="store_true", help="answer (claim) each new call")
    parser.add_argument("--interval", type=float, default=1.0, help="heartbeat interval in seconds")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)

    db = Database(resolve_url(args.db))
    try:
        migrate.check_schema(db)
        operator = AuthService(db).authenticate(args.user, read_password_file(args.password_file)).as_actor()
    except KonsolError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    identity = claim_desk_identity(args.profile)
    heartbeat = Heartbeat(PresenceService(db), operator, identity.name, desk_key=identity.key,
                          interval_s=args.interval)
    wake, stop = threading.Event(), threading.Event()
    listener: Any = None
    if not db.is_sqlite:
        from callcenter.services.notify import NotifyListener

        listener = NotifyListener(db.url, wake.set)
        listener.start()
    follower = FeedFollower(db)
    heartbeat.start()
    say(event="online", desk=identity.name, key=identity.key, operator=operator.username)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())

    calls = CallService(db)
    seen: dict[int, str | None] = {}  # call id -> who answered it (None: not yet)
    deadline = time.monotonic() + args.timeout
    settle_until: float | None = None
    while not stop.is_set() and time.monotonic() < deadline:
        if settle_until is not None and (time.monotonic() > settle_until or all(seen.values())):
            break
        wake.wait(0.2)
        wake.clear()
        for change in follower.poll():
            if change.entity != "call":
                continue
            call_id = int(change.entity_id)
            if change.action == "ring" and call_id not in seen and len(seen) < args.calls:
                info = calls.get(call_id)
                latency = (datetime.now(UTC) - change.at).total_seconds()
                say(event="call", desk=identity.name, call_id=call_id, state=str(info.state),
                    number=phone.national(info.e164) if info.e164 else info.number_raw, latency_s=round(latency, 3))
                seen[call_id] = None
                if args.answer:
                    try:
                        seen[call_id] = calls.claim(operator, call_id).claimed_by
                        say(event="claimed", desk=identity.name, call_id=call_id, by=seen[call_id])
                    except AlreadyClaimed as exc:
                        seen[call_id] = exc.claimed_by
                        say(event="taken", desk=identity.name, call_id=call_id, by=exc.claimed_by)
            elif call_id in seen and seen[call_id] is None and change.action == "claim":
                seen[call_id] = calls.get(call_id).claimed_by
                say(event="taken", desk=identity.name, call_id=call_id, by=seen[call_id])
        if len(seen) >= args.calls and settle_until is None:
            settle_until = time.monotonic() + 10
    heartbeat.stop()
    identity.release()
    if listener is not None:
        listener.stop()
    db.dispose()
    return 0 if len(seen) >= args.calls else 1


if __name__ == "__main__":
    sys.exit(main())
