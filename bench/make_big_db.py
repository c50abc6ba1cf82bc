"""Build a large database fast for the scale benchmarks: 1,000,000 calls and 200,000 incidents by default.

Bulk inserts through the DB-API (sqlite3 executemany, PostgreSQL COPY), not the ORM: well under a minute.
The schema and reference data come from the real migrations, so the indexes are the product's own.

Usage: python -m bench.make_big_db --db sqlite:///big.sqlite3 [--calls N] [--incidents N] [--seed S]
Prints JSON with the counts and the time taken.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from callcenter.db import migrate
from callcenter.db.database import Database
from callcenter.db.models import Area, Base, Category, Line, Operator
from callcenter.db.refdata import load_reference_data
from callcenter.services.demo import DemoLogins, _ensure_lines, _ensure_operators, _ensure_units
from callcenter.synthetic import ALL_MOBILE_PREFIXES

CALL_TYPES = ["prank"] * 40 + ["ghost"] * 33 + ["salah_sambung"] * 5 + ["informasi"] * 8 + ["test"] * 2 + \
    ["normal"] * 12
CALL_COLUMNS = ("id", "event_key", "line_id", "channel", "direction", "received_at", "answered_at", "ended_at",
                "duration_s", "number_raw", "e164", "presentation", "cid_name", "state", "claimed_by_id",
                "call_type", "classified_at", "incident_id")
INCIDENT_COLUMNS = ("id", "number", "year", "seq", "channel", "category_id", "priority", "status", "reporter_name",
                    "callback_number", "kecamatan_code", "desa_code", "address", "description", "created_at",
                    "created_by_id", "assigned_to_id", "updated_at", "closed_at", "version")


def generate(db: Database, *, calls: int, incidents: int, seed: int, end: datetime) -> dict[str, Any]:
    rng = random.Random(seed)
    # Rows are built with naive UTC datetimes (the column type stores UTC without a zone).
    if db.dialect == "sqlite":
        # SQLAlchemy's SQLite DATETIME text ("%Y-%m-%d %H:%M:%S.%f"), so rows read back exactly like the
        # program's own; isoformat gives the same text about three times faster than strftime.
        def _stamp(moment: datetime) -> Any:
            return moment.isoformat(" ", "microseconds")
    else:
        def _stamp(moment: datetime) -> Any:
            return moment

    started = time.perf_counter()
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, end)
        operators, _, _ = _ensure_operators(session, end, DemoLogins.DEMO)  # the benchmarks log in
        _ensure_lines(session, end)
        _ensure_units(session, end)
        categories = [(c.id, c.default_priority.value) for c in session.scalars(select(Category))]
        desa = [(a.code, a.parent_code) for a in session.scalars(select(Area).where(Area.level == "desa_kelurahan"))]
        lines = list(session.scalars(select(Line.id)))
        operator_ids = list(session.scalars(select(Operator.id)))
    offenders = [rng.choice(ALL_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}" for _ in range(3000)]
    span = timedelta(days=max(1, calls // 1370))
    start = end.replace(tzinfo=None) - span
    step = span / calls
    # Incidents hang off a share of the normal calls: pick which call ids carry one.
    incident_rows: list[tuple[Any, ...]] = []
    call_rows: list[tuple[Any, ...]] = []
    incident_every = max(1, calls // max(1, incidents))
    per_year: dict[int, int] = {}
    callers: dict[str, list[Any]] = {}
    # The hot loop draws from rng.random() only (choice/randint cost several calls each) and reuses the
    # timedelta objects: a million rows in a few seconds of Python.
    rand = rng.random
    prefixes, n_prefixes, n_offenders = ALL_MOBILE_PREFIXES, len(ALL_MOBILE_PREFIXES), len(offenders)
    call_types, n_types = CALL_TYPES, len(CALL_TYPES)
    line_ids, n_lines = lines, len(lines)
    operator_ids_calls = operators_list(operators)
    n_operators = len(operator_ids_calls)
    seconds = [timedelta(seconds=value) for value in range(0, 201)]
    for index in range(calls):
        call_id = index + 1
        received = start + step * index
        roll = rand()
        if roll < 0.04:
            number = None
        elif roll < 0.40:
            number = offenders[int(n_offenders * rand() ** 2)]  # a few call very often
        else:
            number = prefixes[int(rand() * n_prefixes)] + f"{int(rand() * 10**8):08d}"
        e164 = "+62" + number[1:] if number else None
        has_incident = len(incident_rows) < incidents and index % incident_every == 0
        call_type = "normal" if has_incident else call_types[int(rand() * n_types)]
        missed = not has_incident and rand() < 0.06
        answered = None if missed else received + seconds[2 + int(rand() * 24)]
        ended = (answered or received) + seconds[5 + int(rand() * 196)]
        incident_id = None
        ended_text = _stamp(ended)
        if has_incident:
            incident_id = len(incident_rows) + 1
            year = received.year
            per_year[year] = per_year.get(year, 0) + 1
            category_id, priority = rng.choice(categories)
            desa_code, kecamatan = rng.choice(desa)
            is_open = call_id > calls - 60  # the last few are still being handled
            operator = rng.choice(operator_ids)
            incident_rows.append((
                incident_id, f"112/{year}/{per_year[year]:06d}", year, per_year[year], "telepon_112", category_id,
                priority, "open" if is_open else "closed", f"Pelapor {incident_id}", number, kecamatan, desa_code,
                f"RT {rng.randint(1, 9):02d}/RW {rng.randint(1, 9):02d}", f"Laporan nomor {incident_id}",
                ended_text, operator, operator, ended_text,
                None if is_open else _stamp(ended + timedelta(hours=1)), 1))
        call_rows.append((
            call_id, f"big:{seed}:{call_id}", line_ids[int(rand() * n_lines)], "telepon_112", "incoming",
            _stamp(received), _stamp(answered) if answered else None, ended_text,
            int((ended - received).total_seconds()), number, e164, "allowed" if number else "private", None,
            "missed" if missed else "ended",
            None if missed else operator_ids_calls[int(rand() * n_operators)], None if missed else call_type,
            None if missed else ended_text, incident_id))
        if e164:
            entry = callers.get(e164)
            if entry is None:
                callers[e164] = [received, received, 1, call_type == "prank", call_type == "ghost"]
            else:
                entry[1] = received
                entry[2] += 1
                entry[3] += call_type == "prank"
                entry[4] += call_type == "ghost"
    built = time.perf_counter()
    caller_rows = [(e164, _stamp(v[0]), _stamp(v[1]), v[2], int(v[3]), int(v[4])) for e164, v in callers.items()]
    big_tables = [Base.metadata.tables[name] for name in ("calls", "incidents", "callers")]
    indexes = [index for table in big_tables for index in table.indexes]
    with db.connection(transaction=True) as connection:
        # Building the indexes once after the load is several times faster than maintaining them row by row.
        for index in indexes:
            index.drop(connection)
        raw = connection.connection.driver_connection
        _bulk(db, raw, "incidents", INCIDENT_COLUMNS, incident_rows)
        _bulk(db, raw, "calls", CALL_COLUMNS, call_rows)
        _bulk(db, raw, "callers", ("e164", "first_seen", "last_seen", "call_count", "prank_count", "ghost_count"),
              caller_rows)
        for index in indexes:
            index.create(connection)
        for year, last in per_year.items():
            connection.execute(text("INSERT INTO incident_counters (year, last_seq) VALUES (:y, :n)"),
                               {"y": year, "n": last})
        if db.dialect == "postgresql":
            for table in ("calls", "incidents", "callers"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"))
    with db.connection() as connection:
        if db.dialect == "postgresql":
            # VACUUM too: the visibility map lets index-only scans skip the heap, as after autovacuum.
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            autocommit.execute(text("VACUUM ANALYZE"))
            # Write the load's dirty pages out now, not during the first measurements (needs a superuser,
            # as the benchmarks' throwaway cluster has; elsewhere the server's own checkpoints do it).
            try:
                autocommit.execute(text("CHECKPOINT"))
            except DBAPIError:
                pass
        else:
            connection.exec_driver_sql("ANALYZE")
    return {"calls": len(call_rows), "incidents": len(incident_rows), "callers": len(caller_rows),
            "build_s": round(built - started, 1), "insert_s": round(time.perf_counter() - built, 1),
            "total_s": round(time.perf_counter() - started, 1)}


def operators_list(operators: dict[str, int]) -> list[int]:
    return list(operators.values())


def _bulk(db: Database, raw: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if db.dialect == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join("?" for _ in columns)
    cursor = raw.cursor()
    for chunk in _chunks(rows, 50_000):
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
                           chunk)
    cursor.close()


def _chunks(rows: list[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    for index in range(0, len(rows), size):
        yield rows[index:index + size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    db = Database(args.db)
    result = generate(db, calls=args.calls, incidents=args.incidents, seed=args.seed,
                      end=datetime.now(UTC).replace(microsecond=0))
    db.dispose()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
