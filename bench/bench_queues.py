"""Queue benchmark: the console's lists on a large database. Prints JSON.

Builds a SQLite (or the given) database with ``--calls`` calls (default 1,000,000), 2 % of them linked to
incidents of which a few hundred are still open, 5 % missed, then times what the console's queue and
missed-call tables do: the id list (plain and filtered by caller number, reporter name, incident number)
and the first page of rows. Target: a queue filter within 50 ms. Baseline: the same id list without any
filter, and a primary-key fetch of 100 rows. A p99 far above the p50 is Python's garbage collector pausing
the process (measured: with gc disabled the 100-row fetch stays under 5 ms), not the query.

Usage: python -m bench.bench_queues [--quick] [--calls N] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

OPEN_INCIDENTS = 300
RUNS = 30


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(function: Callable[[], Any], runs: int = RUNS) -> dict[str, float]:
    function()  # warm the caches the way a console that has been running a while has them
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 3), "p99_ms": round(_percentile(samples, 0.99), 3)}


def _build(db: Any, calls: int, seed: int) -> dict[str, Any]:
    from callcenter.db.enums import CallState, CallType, Channel, IncidentStatus, Priority
    from callcenter.db.models import Area, Call, Category, Incident, Operator

    rng = random.Random(seed)
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    start = now - timedelta(days=365)
    with db.write() as session:
        operator_id = session.scalar(insert(Operator).values(
            username="bench", full_name="Bench", role="operator", password_hash="x", active=True,
            failed_logins=0, created_at=now).returning(Operator.id))
        categories = list(session.scalars(select(Category.id)))
        kecamatan = list(session.scalars(select(Area.code).where(Area.level == "kecamatan")))
    numbers = [f"+62812{rng.randrange(10**7, 10**8)}" for _ in range(max(1000, calls // 20))]
    incident_count = max(OPEN_INCIDENTS * 2, calls // 50)
    step = (now - start) / calls
    incidents = []
    for seq in range(1, incident_count + 1):
        is_open = seq > incident_count - OPEN_INCIDENTS
        created = start + step * (calls * seq // incident_count - 1)
        incidents.append({
            "number": f"112/2026/{seq:06d}", "year": 2026, "seq": seq, "channel": Channel.TELEPON_112,
            "category_id": rng.choice(categories), "priority": rng.choice(list(Priority)),
            "status": IncidentStatus.OPEN if is_open else IncidentStatus.CLOSED,
            "reporter_name": f"Pelapor {seq}", "kecamatan_code": rng.choice(kecamatan), "description": "bench",
            "created_at": created, "created_by_id": operator_id, "assigned_to_id": operator_id,
            "updated_at": created, "version": 1,
        })
    with db.write() as session:
        session.execute(insert(Incident), incidents)
    with db.read() as session:
        incident_ids = list(session.scalars(select(Incident.id).order_by(Incident.id)))
    batch: list[dict[str, Any]] = []
    for index in range(calls):
        received = start + step * index
        number = rng.choice(numbers)
        linked = index % 50 == 49
        missed = not linked and index % 20 == 0
        batch.append({
            "event_key": f"bench:{index}", "received_at": received, "number_raw": "0" + number[3:],
            "e164": number, "state": CallState.MISSED if missed else CallState.ENDED,
            "call_type": None if missed else (CallType.NORMAL if linked else CallType.PRANK),
            "incident_id": incident_ids[min(index // 50, len(incident_ids) - 1)] if linked else None,
            "callback_at": None if index > calls - 2000 else (received if missed else None),
        })
        if len(batch) == 20_000:
            with db.write() as session:
                session.execute(insert(Call), batch)
            batch = []
    if batch:
        with db.write() as session:
            session.execute(insert(Call), batch)
    with db.read() as session:
        linked_number = session.scalar(select(Call.e164).where(Call.incident_id == incident_ids[-1]).limit(1))
        total = session.scalar(select(func.count()).select_from(Call))
    return {"operator_id": operator_id, "linked_number": linked_number, "last_incident": incidents[-1],
            "calls": total, "incidents": incident_count, "now": now}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 calls")
    parser.add_argument("--db", help="an empty database URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    calls = 100_000 if args.quick else args.calls

    from callcenter import phone
    from callcenter.clock import ManualClock
    from callcenter.db import migrate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.refdata import load_reference_data
    from callcenter.services.queues import QueueService

    folder = Path(tempfile.mkdtemp(prefix="bench-queues-"))
    db = Database(args.db or sqlite_url(folder / "bench.sqlite3"))
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime.now(UTC))
    started = time.perf_counter()
    built = _build(db, calls, args.seed)
    build_s = time.perf_counter() - started
    queues = QueueService(db, ManualClock(built["now"]))
    national = phone.national(built["linked_number"]) or ""
    first_page = queues.open_incident_ids()[:100]
    missed_page = queues.missed_call_ids()[:100]
    results = {
        "baseline_open_ids": _time(lambda: queues.open_incident_ids()),
        "mine_ids": _time(lambda: queues.open_incident_ids(mine_for=built["operator_id"])),
        "filter_by_caller_number": _time(lambda: queues.open_incident_ids(search=national)),
        "filter_by_partial_number": _time(lambda: queues.open_incident_ids(search=national[-7:])),
        "filter_by_reporter_name": _time(lambda: queues.open_incident_ids(search="pelapor 12")),
        "filter_by_incident_number": _time(lambda: queues.open_incident_ids(
            search=built["last_incident"]["number"])),
        "baseline_rows_100": _time(lambda: queues.incident_rows(first_page)),
        "missed_ids": _time(lambda: queues.missed_call_ids()),
        "missed_filter_by_number": _time(lambda: queues.missed_call_ids(search=national)),
        "missed_rows_100": _time(lambda: queues.missed_call_rows(missed_page)),
    }
    found = queues.open_incident_ids(search=national)
    report = {
        "benchmark": "queues",
        "backend": db.dialect,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "calls": built["calls"],
        "incidents": built["incidents"],
        "open_incidents": len(queues.open_incident_ids()),
        "build_s": round(build_s, 1),
        "search_hits": len(found),
        "target_filter_ms": 50,
        "results": results,
        "filter_p99_within_target": all(
            value["p99_ms"] <= 50 for key, value in results.items() if key.startswith(("filter", "missed_filter"))),
    }
    print(json.dumps(report, indent=2))
    db.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
