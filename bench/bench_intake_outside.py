"""Frame to durable commit, measured from outside the program. Prints JSON.

A frame is written into a real pseudo-terminal; a separate ``python main.py ingest`` process reads the other end
as a serial caller-ID line and commits the call; this process sees the commit by polling the database through
its own connection (a reader, as another desk would be). Latency = last byte written -> row visible outside.

Durable commits, as production runs them: SQLite with ``synchronous=FULL`` (the program's own setting), and a
PostgreSQL cluster this benchmark starts itself with ``fsync``, ``synchronous_commit`` and ``full_page_writes``
on (the test cluster keeps them off for speed). The machine's load average is recorded before and after every
run: on a shared machine, figures measured under load are reported as such, never as the quiet figure.
Targets (issue 13), on a quiet machine: p99 <= 2.5 ms SQLite, <= 5 ms PostgreSQL.

Usage: python -m bench.bench_intake_outside [--samples N] [--runs R] [--backend sqlite|postgresql|both]
       [--profile FOLDER]   # also sample the ingest process with py-spy during the timed frames (raw stacks,
                            # and a summary of where its time went, in the JSON)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_P99_MS = {"sqlite": 2.5, "postgresql": 5.0}
POLL_SLEEP_S = 0.00005
"""Between two looks at the database: short enough for a 0.1 ms resolution, long enough to leave the CPU to
the ingest process on a two-core machine."""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _frame(index: int) -> tuple[bytes, str]:
    """One modem caller-ID block (the call is complete at its NAME line) and its unique number."""
    number = f"0812{7_000_000 + index:08d}"
    minute = index % 60
    block = (f"DATE = 1206\r\nTIME = {10 + index // 60 % 10:02d}{minute:02d}\r\nNMBR = {number}\r\n"
             f"NAME = BENCH {index}\r\n")
    return block.encode(), number


@contextmanager
def _sqlite(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    from callcenter.db.database import sqlite_url

    url = sqlite_url(folder / "outside.sqlite3")
    yield url, {"journal_mode": "wal", "synchronous": "FULL (set by callcenter.db.database on every connection)"}


@contextmanager
def _postgresql(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    import psycopg

    from tests.pg import PostgresCluster, find_pg_bin

    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    cluster = PostgresCluster.start(bin_dir)
    try:
        admin = cluster.url("postgres").replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as connection:
            # Production settings: a commit is on disk before the program is told it happened.
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                connection.execute(f"ALTER SYSTEM SET {setting} = on")  # type: ignore[arg-type]
            connection.execute("SELECT pg_reload_conf()")
            time.sleep(0.5)
            settings = {name: connection.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[arg-type,index]
                        for name in ("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")}
        if settings["fsync"] != "on" or settings["synchronous_commit"] != "on":
            raise RuntimeError(f"the benchmark cluster is not durable: {settings}")
        yield cluster.create_database("outside"), settings
    finally:
        cluster.stop()


def _prepare(url: str) -> Any:
    from callcenter.db import migrate
    from callcenter.db.database import Database
    from callcenter.db.refdata import load_reference_data

    db = Database(url)
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime.now().astimezone())
    return db


def _commit_floor(db: Any, count: int = 200) -> dict[str, float]:
    """The disk's part: one-row INSERT + COMMIT through the raw DB-API on the same database and settings
    (SQLite gets synchronous=FULL from the engine, PostgreSQL its durable cluster), nothing else."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, note TEXT)")
        connection.commit()
        marker = "?" if db.is_sqlite else "%s"
        latencies = []
        for index in range(count):
            started = time.perf_counter()
            if db.is_sqlite:
                cursor.execute("BEGIN IMMEDIATE")
            cursor.execute(f"INSERT INTO bench_floor (id, note) VALUES ({marker}, 'x')", (index,))  # noqa: S608
            connection.commit()
            latencies.append((time.perf_counter() - started) * 1000)
        cursor.execute("DROP TABLE bench_floor")
        connection.commit()
    finally:
        connection.close()
    return {"p50_ms": round(_percentile(latencies, 0.5), 3), "p99_ms": round(_percentile(latencies, 0.99), 3)}


def _finder(db: Any) -> Callable[[str], bool]:
    """A cheap "is the call with this number committed?" on a connection of its own (read-only use)."""
    connection = db.engine.raw_connection()
    cursor = connection.cursor()
    query = ("SELECT 1 FROM calls WHERE number_raw = ? LIMIT 1" if db.is_sqlite
             else "SELECT 1 FROM calls WHERE number_raw = %s LIMIT 1")

    def found(number: str) -> bool:
        cursor.execute(query, (number,))
        row = cursor.fetchone()
        if not db.is_sqlite:
            connection.commit()  # end the snapshot so the next look sees new commits
        return row is not None

    return found


def _start_ingest(url: str, slave: str, folder: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    log = (folder / "ingest.log").open("wb")
    return subprocess.Popen([sys.executable, "main.py", "ingest", "--db", url, "--spool",
                             str(folder / "spool.jsonl"), "--source", f"serial://{slave}?format=modem&init="],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait(found: Callable[[str], bool], number: str, timeout: float) -> float | None:
    deadline = time.perf_counter() + timeout
    while True:
        if found(number):
            return time.perf_counter()
        if time.perf_counter() > deadline:
            return None
        time.sleep(POLL_SLEEP_S)


WAITING = ("Queue.get (queue.py", "serialposix.py", "Event.wait (threading.py", "Condition.wait (threading.py")
"""Stacks of a thread waiting for the next frame: not time spent on one."""
PROFILE_GROUPS = (
    ("commit (fsync)", ("do_commit (sqlalchemy",)),
    ("SQL statements", ("_execute_context (sqlalchemy",)),
    ("session and transaction set-up", ("callcenter/db/database.py", "sqlalchemy/orm/session.py")),
    ("number description (phonenumbers)", ("callcenter/phone.py",)),
    ("parsing the frame", ("callcenter/cid/modem.py", "callcenter/cid/base.py")),
)


def _start_profiler(pid: int, path: Path) -> subprocess.Popen[bytes] | None:
    spy = shutil.which("py-spy")
    if spy is None:
        return None
    # --idle: a thread blocked in fsync is on the frame's path; waiting for the next frame is filtered out below.
    return subprocess.Popen([spy, "record", "--pid", str(pid), "--rate", "1000", "--format", "raw", "--idle",
                             "--output", str(path), "--threads", "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(path: Path) -> dict[str, Any]:
    """Where the ingest process spent its time on the frame's path (the source thread reading and parsing, the
    intake thread committing): each sample goes to the first group whose frames its stack holds, else to
    "other"; samples of a thread waiting for the next frame are left out."""
    totals: dict[str, int] = {name: 0 for name, _ in PROFILE_GROUPS} | {"other": 0}
    on_path = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        if "callcenter/services/intake.py" not in stack and "callcenter/cid/sources" not in stack:
            continue  # other threads (heartbeat, the main thread's wait) are not on the frame's path
        if any(marker in stack for marker in WAITING):
            continue
        count = int(count_text)
        on_path += count
        group = next((name for name, needles in PROFILE_GROUPS if any(needle in stack for needle in needles)),
                     "other")
        totals[group] += count
    return {"samples_on_the_frame_path": on_path, "sample_rate_hz": 1000,
            "share": {name: round(count / on_path, 3) if on_path else 0.0 for name, count in totals.items()}}


def run_once(backend: str, samples: int, gap_s: float, profile: Path | None = None) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="k112-outside-"))
    context = _sqlite(folder) if backend == "sqlite" else _postgresql(folder)
    try:
        with context as (url, durability):
            db = _prepare(url)
            found = _finder(db)
            master, slave_fd = os.openpty()
            slave = os.ttyname(slave_fd)
            ingest = _start_ingest(url, slave, folder)
            try:
                # Warm-up: the line must be open and intake ready before anything is timed.
                for attempt in range(200):
                    frame, number = _frame(1_000_000 + attempt)
                    os.write(master, frame)
                    if _wait(found, number, 0.25) is not None:
                        break
                else:
                    raise RuntimeError("ingest did not commit a warm-up call within 50 s; see ingest.log")
                load_before = _load()
                profiler = _start_profiler(ingest.pid, profile) if profile is not None else None
                latencies: list[float] = []
                for index in range(samples):
                    frame, number = _frame(index)
                    os.write(master, frame)
                    written = time.perf_counter()
                    seen = _wait(found, number, 5.0)
                    if seen is None:
                        raise RuntimeError(f"call {index} not committed within 5 s")
                    latencies.append((seen - written) * 1000)
                    time.sleep(gap_s)
                load_after = _load()
                floor = _commit_floor(db)
                if profiler is not None:
                    profiler.send_signal(2)  # SIGINT: py-spy writes what it sampled and exits
                    profiler.wait(60)
            finally:
                ingest.terminate()
                ingest.wait(30)
                os.close(master)
                os.close(slave_fd)
                db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    profiled = summarise_profile(profile) if profile is not None and profile.exists() else None
    return {
        "backend": backend, "durability": durability, "samples": len(latencies), "profile": profiled,
        "p50_ms": round(_percentile(latencies, 0.5), 3), "p90_ms": round(_percentile(latencies, 0.9), 3),
        "p99_ms": round(_percentile(latencies, 0.99), 3), "max_ms": round(max(latencies), 3),
        "mean_ms": round(statistics.mean(latencies), 3), "target_p99_ms": TARGET_P99_MS[backend],
        "baseline_raw_insert_commit": floor,
        "load_before": load_before, "load_after": load_after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500, help="frames per run (default 500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per backend (default 3)")
    parser.add_argument("--gap", type=float, default=0.02, help="seconds between frames (default 0.02)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--profile", type=Path, default=None, metavar="FOLDER",
                        help="sample the ingest process with py-spy into FOLDER (needs py-spy)")
    args = parser.parse_args()
    if sys.platform == "win32":
        print(json.dumps({"error": "pseudo-terminals are POSIX only"}))
        return 2
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)

    def profile_path(backend: str, run: int) -> Path | None:
        return None if args.profile is None else args.profile / f"ingest-{backend}-{run}.txt"

    runs = {backend: [run_once(backend, args.samples, args.gap, profile_path(backend, run))
                      for run in range(args.runs)] for backend in backends}
    summary = {backend: {"p99_ms_per_run": [run["p99_ms"] for run in results],
                         "p50_ms_per_run": [run["p50_ms"] for run in results],
                         "best_p99_ms": min(run["p99_ms"] for run in results),
                         "load_per_run": [run["load_before"][0] for run in results],
                         "target_p99_ms": TARGET_P99_MS[backend]}
               for backend, results in runs.items()}
    print(json.dumps({
        "benchmark": "intake_outside",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "method": "frame written into a pty; separate `main.py ingest` process; commit seen by polling the "
                  "database from this process",
        "summary": summary, "runs": runs,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
