"""Supervisor board at scale: the snapshot every supervisor desk fetches every 2 s, on a 1,000,000-call database.

Measures ``SupervisorService.board()`` (all board lists, KPIs and chart data in one read transaction), a first
audit-log page and its count, p50/p99 over repeated runs. Target: a snapshot well under the 2 s refresh
(the board should cost a small fraction of a desk's database time). Prints JSON.

Usage: python -m bench.bench_supervisor [--calls N] [--runs N] [--db URL]   (default: a temporary SQLite file)
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed(function: Any, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": round(statistics.median(samples), 1), "p99": round(_percentile(samples, 0.99), 1),
            "max": round(max(samples), 1)}


def main() -> int:
    from bench.make_big_db import generate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.enums import Role
    from callcenter.services.audit_trail import AuditFilter, AuditTrailService
    from callcenter.services.base import Actor
    from callcenter.services.supervisor import SupervisorService

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", default=None, help="an empty database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(args.db or sqlite_url(Path(folder) / "big.sqlite3"))
        built = generate(db, calls=args.calls, incidents=args.incidents, seed=1,
                         end=datetime.now(UTC).replace(microsecond=0))
        boss = Actor(None, "bench", Role.SUPERVISOR)
        service = SupervisorService(db)
        trail = AuditTrailService(db)
        snapshot = service.board(boss)  # warm the caches, as a running desk has them
        result = {
            "benchmark": "supervisor_board",
            "database": db.dialect,
            "calls": args.calls,
            "incidents": args.incidents,
            "build_s": built.get("seconds"),
            "board_ms": _timed(lambda: service.board(boss), args.runs),
            "audit_page_ms": _timed(lambda: trail.audit_log(boss, AuditFilter()), args.runs),
            "audit_count_ms": _timed(lambda: trail.audit_count(boss, AuditFilter()), args.runs),
            "snapshot": {"open_incidents": len(snapshot.incidents), "waiting": len(snapshot.waiting),
                         "missed": len(snapshot.missed), "calls_this_shift": snapshot.kpis.received},
            "refresh_interval_ms": 2000,
            "machine": {"python": platform.python_version(), "platform": platform.platform()},
        }
        db.dispose()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
