"""Multi-desk propagation benchmark on PostgreSQL: a change committed on desk A -> visible on desk B. Prints JSON.

Desk A is a separate process with its own engine: it rings a call (intake) and, a moment later, answers it
(claim), N times, printing the wall-clock time right after each commit. Desk B is this process, wired as the
console is: NotifyListener (LISTEN/NOTIFY wake-up) -> FeedFollower (the change feed) -> CoreBridge -> the
supervisor board, which fetches a snapshot on the database worker and updates its waiting-calls table model.

- feed_ms: commit on desk A -> the change read from the feed on desk B
- model_ms: commit on desk A -> the row inserted (ring) or removed (claim) in desk B's table model
Target: every change visible within 1 s (issue 6).

Usage: python -m bench.bench_propagation [--count N] [--db postgresql+psycopg://...]
Without --db a throwaway PostgreSQL cluster is started (needs initdb/pg_ctl, as the tests do).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"n": len(values), "p50": round(_percentile(values, 0.5), 1), "p99": round(_percentile(values, 0.99), 1),
            "max": round(max(values), 1)}


def desk_a(url: str, count: int, operator_id: int, username: str, seed: int) -> int:
    """The other desk: ring, then answer, ``count`` times; one JSON line per commit."""
    from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
    from callcenter.clock import utcnow
    from callcenter.db.database import Database
    from callcenter.db.enums import Role
    from callcenter.services.base import Actor
    from callcenter.services.calls import CallService
    from callcenter.services.intake import IntakeService
    from callcenter.services.presence import Heartbeat, PresenceService

    db = Database(url, pool_size=2)
    actor = Actor(operator_id, username, Role.OPERATOR)
    heartbeat = Heartbeat(PresenceService(db), actor, "BENCH-DESK-A", interval_s=2.0)
    heartbeat.start()
    intake, calls = IntakeService(db), CallService(db)
    rng = random.Random(seed)
    time.sleep(1.0)  # let desk B settle on the heartbeat's own change
    for index in range(count):
        event = CallerIdEvent(format="bench", kind=EventKind.INCOMING, received_at=utcnow(), raw=f"CID {index}",
                              line=str(index % 4), number=f"0813{index:08d}", name=None,
                              presentation=Presentation.ALLOWED)
        call_id = intake.process([("bench-line", event)])[0].call_id
        print(json.dumps({"call_id": call_id, "action": "ring", "at": time.time()}), flush=True)
        time.sleep(rng.uniform(0.15, 0.35))  # spaced like real traffic, so each change is measured alone
        calls.claim(actor, call_id)
        print(json.dumps({"call_id": call_id, "action": "claim", "at": time.time()}), flush=True)
        time.sleep(rng.uniform(0.15, 0.35))
    heartbeat.stop()
    db.dispose()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="ring+claim pairs (2 changes each); default 50")
    parser.add_argument("--seed-days", type=int, default=0,
                        help="first fill the database with this many days of demo history (150 calls/day)")
    parser.add_argument("--db", default=None, help="an empty PostgreSQL database URL (default: a throwaway cluster)")
    parser.add_argument("--desk-a", nargs=4, metavar=("URL", "COUNT", "OPERATOR_ID", "USERNAME"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.desk_a:
        url, count, operator_id, username = args.desk_a
        return desk_a(url, int(count), int(operator_id), username, seed=1)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from tests.pg import PostgresCluster, find_pg_bin

    cluster = None
    url = args.db
    if url is None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            print(json.dumps({"error": "no PostgreSQL server binaries (initdb, pg_ctl) and no --db given"}))
            return 1
        cluster = PostgresCluster.start(bin_dir)
        url = cluster.url(cluster.template_name)
    try:
        return _run(url, args.count, args.seed_days)
    finally:
        if cluster is not None:
            cluster.stop()


def _run(url: str, count: int, seed_days: int) -> int:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from callcenter.db import migrate
    from callcenter.db.database import Database
    from callcenter.db.enums import Role
    from callcenter.db.refdata import load_reference_data
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM
    from callcenter.services.callers import CallerService
    from callcenter.services.feed import FeedFollower
    from callcenter.services.incidents import IncidentService
    from callcenter.services.notify import NotifyListener
    from callcenter.services.presence import PresenceService
    from callcenter.services.supervisor import SupervisorService
    from ui.bridge import CoreBridge
    from ui.supervisor import SupervisorBoard
    from ui.worker import DbWorker

    db = Database(url)
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime.now(UTC))
    if seed_days:
        from callcenter.services.demo import seed_demo

        seed_demo(db, days=seed_days, calls_per_day=150, seed=int(time.time()) % 1000)
    board_started = time.perf_counter()
    SupervisorService(db).board(SYSTEM)
    board_ms = (time.perf_counter() - board_started) * 1000
    auth = AuthService(db)
    stamp = int(time.time())
    boss = auth.create_operator(SYSTEM, f"bench_spv_{stamp}", "Bench Supervisor", Role.SUPERVISOR,
                                "rahasia-bench-1").as_actor()
    operator = auth.create_operator(SYSTEM, f"bench_op_{stamp}", "Bench Operator", Role.OPERATOR,
                                    "rahasia-bench-1").as_actor()

    app = QApplication.instance() or QApplication([])
    worker = DbWorker()
    board = SupervisorBoard(worker, SupervisorService(db), PresenceService(db), IncidentService(db),
                            CallerService(db), boss)
    board.timer.stop()  # only the feed drives the board here
    model = board.waiting_model
    shown: dict[tuple[int, str], float] = {}
    fed: dict[tuple[int, str], float] = {}
    lock = threading.Lock()

    def inserted(_parent: QModelIndex, first: int, last: int) -> None:
        now = time.time()
        for row in range(first, last + 1):
            shown.setdefault((int(model.key_at(row)), "ring"), now)  # type: ignore[call-overload]

    def removing(_parent: QModelIndex, first: int, last: int) -> None:
        now = time.time()
        for row in range(first, last + 1):
            shown.setdefault((int(model.key_at(row)), "claim"), now)  # type: ignore[call-overload]

    model.rowsInserted.connect(inserted)
    model.rowsAboutToBeRemoved.connect(removing)
    bridge = CoreBridge()
    bridge.feed_changes.connect(board.on_changes)
    follower = FeedFollower(db)

    def wake() -> None:
        changes = follower.poll()
        now = time.time()
        with lock:
            for change in changes:
                if change.entity == "call":
                    fed.setdefault((int(change.entity_id), change.action), now)
        if changes:
            bridge.feed_changes.emit(changes)

    listener = NotifyListener(db.url, wake)
    listener.start()
    listener.connected.wait(10)

    desk = subprocess.Popen([sys.executable, "-m", "bench.bench_propagation", "--desk-a", db.url, str(count),
                             str(operator.id), operator.username], cwd=REPO, stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(REPO)))
    commits: list[dict[str, Any]] = []
    assert desk.stdout is not None

    def read_desk() -> None:
        assert desk.stdout is not None
        for line in desk.stdout:
            commits.append(json.loads(line))

    reader = threading.Thread(target=read_desk, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60 + count
    while (desk.poll() is None or reader.is_alive()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    settle = time.monotonic() + 2.0
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.002)
    listener.stop()
    board.stop()
    worker.stop()

    feed_ms = [(fed[(c["call_id"], c["action"])] - c["at"]) * 1000 for c in commits
               if (c["call_id"], c["action"]) in fed]
    model_ms = [(shown[(c["call_id"], c["action"])] - c["at"]) * 1000 for c in commits
                if (c["call_id"], c["action"]) in shown]
    ring_ms = [(shown[(c["call_id"], "ring")] - c["at"]) * 1000 for c in commits
               if c["action"] == "ring" and (c["call_id"], "ring") in shown]
    claim_ms = [(shown[(c["call_id"], "claim")] - c["at"]) * 1000 for c in commits
                if c["action"] == "claim" and (c["call_id"], "claim") in shown]
    result = {
        "benchmark": "propagation",
        "database": "postgresql",
        "history_days": seed_days,
        "board_snapshot_ms": round(board_ms, 1),
        "changes": len(commits),
        "seen_in_feed": len(feed_ms),
        "seen_in_model": len(model_ms),
        "feed_ms": _stats(feed_ms),
        "model_ms": _stats(model_ms),
        "ring_model_ms": _stats(ring_ms),
        "claim_model_ms": _stats(claim_ms),
        "target_ms": 1000,
        "within_target": bool(model_ms) and max(model_ms) < 1000 and len(model_ms) == len(commits),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
    }
    print(json.dumps(result, indent=2))
    db.dispose()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip the interpreter's teardown: PySide6 can crash collecting Qt objects at exit, after the JSON is out.
    os._exit(code)
