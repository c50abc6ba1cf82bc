"""The database goes away during calls: events spool to disk and replay when it returns, zero lost, zero doubled.

PostgreSQL is stopped for real for CALLCENTER_OUTAGE_S seconds (default 20); SQLite is locked by another process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from callcenter.cid.events import CallerIdEvent, EventKind
from callcenter.db.database import Database
from callcenter.db.models import Call
from callcenter.services.intake import IntakeService, IntakeWorker
from callcenter.services.spool import Spool
from tests.pg import PostgresCluster

pytestmark = pytest.mark.slow
OUTAGE_S = float(os.environ.get("CALLCENTER_OUTAGE_S", "20"))


def _feed(worker: IntakeWorker, numbers: list[str], stop: threading.Event, rate: float) -> None:
    for number in numbers:
        if stop.is_set():
            return
        worker.submit("modem", CallerIdEvent(format="modem", kind=EventKind.INCOMING, received_at=datetime.now(UTC),
                                             raw=f"NMBR = {number}", line="1", number=number))
        time.sleep(1 / rate)


def _stored_numbers(db: Database) -> Counter[str]:
    with db.read() as session:
        return Counter(session.scalars(select(Call.number_raw)).all())


def _wait_for(db: Database, count: int, timeout: float) -> Counter[str]:
    deadline = time.monotonic() + timeout
    stored = _stored_numbers(db)
    while sum(stored.values()) < count and time.monotonic() < deadline:
        time.sleep(0.2)
        stored = _stored_numbers(db)
    return stored


def test_postgresql_stopped_during_calls(pg_cluster: PostgresCluster, tmp_path: Path) -> None:
    db = Database(pg_cluster.create_database(f"outage_{os.getpid()}"), pool_pre_ping=True)
    intake = IntakeService(db, spool=Spool(tmp_path / "spool.jsonl"))
    worker = IntakeWorker(intake, replay_interval=0.5)
    worker.start()
    numbers = [f"0812{index:08d}" for index in range(int(10 * (OUTAGE_S + 10)))]
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(worker, numbers, stop, 10.0))
    feeder.start()
    try:
        time.sleep(3)
        pg_cluster.stop_server()
        time.sleep(OUTAGE_S)
        assert intake.database_down_since is not None  # noticed, and spooling
        assert intake.spooled > 0
        pg_cluster.start_server()
        feeder.join(OUTAGE_S + 30)
        stored = _wait_for(db, len(numbers), 60)
    finally:
        stop.set()
        worker.stop()
        db.dispose()
    assert sum(stored.values()) == len(numbers)            # zero lost
    assert set(stored) == set(numbers) and max(stored.values()) == 1  # zero doubled
    assert intake.database_down_since is None and not Spool(tmp_path / "spool.jsonl").pending()
    print(f"\nPostgreSQL outage of {OUTAGE_S:.0f} s survived: {len(numbers)} calls, {intake.spooled} spooled, "
          f"0 lost, 0 doubled")


def test_sqlite_locked_by_another_process_during_calls(sqlite_db: Database, tmp_path: Path) -> None:
    path = sqlite_db.engine.url.database or ""
    impatient = Database(sqlite_db.url, sqlite_busy_timeout_ms=200)
    intake = IntakeService(impatient, spool=Spool(tmp_path / "spool.jsonl"))
    worker = IntakeWorker(intake, replay_interval=0.5)
    worker.start()
    numbers = [f"0857{index:08d}" for index in range(120)]
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(worker, numbers, stop, 20.0))
    feeder.start()
    locker = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({path!r}, timeout=5)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(3)\n"
        "c.rollback()\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        time.sleep(1.5)
        assert intake.database_down_since is not None
        locker.wait(30)
        feeder.join(60)
        stored = _wait_for(sqlite_db, len(numbers), 30)
    finally:
        stop.set()
        worker.stop()
        impatient.dispose()
    assert sum(stored.values()) == len(numbers) and max(stored.values()) == 1
    assert intake.spooled > 0
