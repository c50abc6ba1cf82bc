"""The console's hot queries on a large database (bench.make_big_db), each next to its raw baseline. Prints JSON.

- caller history: CallerService.history for the heaviest repeat caller (thousands of calls) and for an
  ordinary number (target <= 5 ms). Baseline: the very SELECTs the history sends (captured once), replayed in
  raw SQL through the DB-API cursor.
- queue filter: the missed-call queue and the open-incident queue filtered by a caller's number
  (target <= 50 ms). Baseline: the very same SELECT, compiled once, run through the DB-API cursor.
- incident search: the open-incident queue searched by incident number, reporter name and partial number
  (target <= 100 ms). Baseline as for the queue filter.
Timings are the p50 and p99 of ``--runs`` runs after one warm-up (a console that has been running a while).
The query plans (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN) of the history queries are included.

Usage: python -m bench.bench_scale --db URL [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, text


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(function: Callable[[], Any], runs: int) -> dict[str, float]:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 3), "p95_ms": round(_percentile(samples, 0.95), 3),
            "p99_ms": round(_percentile(samples, 0.99), 3)}


def _raw(db: Any, sql: str, params: tuple[Any, ...] = ()) -> Callable[[], Any]:
    """A SELECT run through the DB-API cursor of one pooled connection: no ORM, no SQLAlchemy Core."""
    connection = db.engine.raw_connection()
    if db.is_sqlite:
        sql = sql.replace("%s", "?")

    def run() -> Any:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    return run


def _replay(db: Any, function: Callable[[], Any]) -> Callable[[], Any]:
    """The statements ``function`` sends, captured once, then replayed through the raw DB-API cursor: the
    same indexed SELECTs without the ORM, Core or session around them."""
    from sqlalchemy import event

    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        function()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statements = [(sql, params) for sql, params in captured if sql.lstrip().upper().startswith("SELECT")
                  and sql.strip() != "SELECT 1"]
    connection = db.engine.raw_connection()

    def run() -> None:
        cursor = connection.cursor()
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
        cursor.close()
        if not db.is_sqlite:
            connection.rollback()

    return run


def _jitter(runs: int) -> dict[str, float]:
    """A control: 0.5 ms of pure Python timed like the queries. Its p99 shows the machine's own jitter
    (scheduling on a shared 2-core virtual machine), which no query can beat."""
    def work() -> int:
        total = 0
        for value in range(20_000):
            total += value * value
        return total

    return _time(work, runs)


def _compiled(db: Any, query: Any) -> str:
    return str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))


def _entry(target_ms: float, measured: dict[str, float], baseline: dict[str, float]) -> dict[str, Any]:
    return {**measured, "target_ms": target_ms, "baseline": baseline,
            "ratio_p50_to_baseline": round(measured["p50_ms"] / max(baseline["p50_ms"], 1e-3), 2),
            "meets_target": measured["p99_ms"] <= target_ms}


def run(db: Any, runs: int) -> dict[str, Any]:
    from callcenter import phone
    from callcenter.db.models import Call, Caller, Incident
    from callcenter.services.callers import CallerService
    from callcenter.services.queues import QueueService, explain, missed_call_query, open_incident_query

    callers, queues = CallerService(db), QueueService(db)
    with db.read() as session:
        heavy, heavy_count = session.execute(
            select(Caller.e164, Caller.call_count).order_by(Caller.call_count.desc()).limit(1)).one()
        ordinary = session.scalar(select(Caller.e164).where(Caller.call_count == 1).limit(1))
        linked = session.scalar(select(Call.e164).join(Incident, Incident.id == Call.incident_id)
                                .where(Incident.status == "open", Call.e164.is_not(None)).limit(1))
        newest = session.execute(select(Incident.number, Incident.reporter_name)
                                 .where(Incident.status == "open").order_by(Incident.id.desc()).limit(1)).one()
        totals = {"calls": session.scalar(text("SELECT count(*) FROM calls")),
                  "incidents": session.scalar(text("SELECT count(*) FROM incidents"))}
    heavy_incidents = len(callers.history(heavy).incidents)
    result: dict[str, Any] = {"database": db.dialect, **totals, "runs": runs,
                              "machine_jitter_control_0_5ms_python": _jitter(runs)}
    result["caller_history"] = {
        "heavy_caller": {"calls_from_number": heavy_count, "incidents_found": heavy_incidents,
                         **_entry(5, _time(lambda: callers.history(heavy), runs),
                                  _time(_replay(db, lambda: callers.history(heavy)), runs))},
        "ordinary_caller": _entry(5, _time(lambda: callers.history(ordinary), runs),
                                  _time(_replay(db, lambda: callers.history(ordinary)), runs)),
    }
    national = phone.national(linked) or linked
    missed = missed_call_query(national, queues.clock() - timedelta_missed())
    result["queue_filter"] = {
        "missed_by_number": _entry(50, _time(lambda: queues.missed_call_ids(search=national), runs),
                                   _time(_raw(db, _compiled(db, missed)), runs)),
        "open_incidents_by_number": _entry(
            50, _time(lambda: queues.open_incident_ids(search=national), runs),
            _time(_raw(db, _compiled(db, open_incident_query(None, national))), runs)),
    }
    result["incident_search"] = {}
    for name, needle in (("by_incident_number", newest[0]), ("by_reporter_name", newest[1]),
                         ("by_partial_number", national[-6:])):
        result["incident_search"][name] = _entry(
            100, _time(lambda needle=needle: queues.open_incident_ids(search=needle), runs),
            _time(_raw(db, _compiled(db, open_incident_query(None, needle))), runs))
    from callcenter.services.callers import incidents_of_number_query

    result["plans"] = {
        "history_calls": explain(db, select(Call.id).where(Call.e164 == heavy)
                                 .order_by(Call.received_at.desc()).limit(50)),
        "history_incidents": explain(db, incidents_of_number_query(heavy, 50)),
    }
    return result


def timedelta_missed() -> Any:
    from callcenter.services.queues import MISSED_WINDOW

    return MISSED_WINDOW


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from callcenter.db.database import Database

    db = Database(args.db)
    result = run(db, args.runs)
    db.dispose()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
