"""``kill -9`` of the line service at random moments during a burst: nothing it logged as stored is lost,
nothing is stored twice, and SQLite's integrity check passes. CALLCENTER_RELIABILITY_KILLS sets the count
(default 20); the long version runs with e.g. 200."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.models import Call
from tests.conftest import REPO

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and pseudo-terminals are POSIX"),
              pytest.mark.slow]

KILLS = int(os.environ.get("CALLCENTER_RELIABILITY_KILLS", "20"))
FRAMES = 30000  # at 100/s: five minutes, far longer than the kills take even on a loaded machine
LOGGED = re.compile(r"call (\d+) ringing line")


class _Reader(threading.Thread):
    """Collects a child's output as it comes, so what it logged before SIGKILL is known exactly."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.lines: list[str] = []

    def run(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)


def _start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], _Reader]:
    process = subprocess.Popen([sys.executable, str(REPO / "main.py"), *args], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
    reader = _Reader(process)
    reader.start()
    return process, reader


def test_kill_minus_nine_during_a_burst_loses_nothing_it_stored(sqlite_db: Database, tmp_path: Path) -> None:
    env = dict(os.environ, CALLCENTER_DB=sqlite_db.url)
    link = tmp_path / "cid0"
    rng = random.Random(20261127)
    # Slow enough that the kills always fall inside the burst, even on a loaded machine; the simulator is
    # stopped once they are done.
    simulator, simulator_out = _start(["simulate", "--to", f"pty://?link={link}", "--count", str(FRAMES),
                                       "--rate", "100", "--seed", "9"], env)
    deadline = time.monotonic() + 15
    while not link.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    logged: set[int] = set()
    kills = 0
    ingest_args = ["ingest", "--source", f"serial://{link}?format=modem", "--spool", str(tmp_path / "spool.jsonl")]
    try:
        while kills < KILLS:
            ingest, out = _start(ingest_args, env)
            # Start counting once the line is up (start-up is slow on a loaded machine), then kill at random.
            up_deadline = time.monotonic() + 30
            while not any(" up" in line for line in out.lines) and time.monotonic() < up_deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.05, 1.2))
            ingest.send_signal(signal.SIGKILL)
            ingest.wait(10)
            out.join(5)
            kills += 1
            logged |= {int(match.group(1)) for line in out.lines if (match := LOGGED.search(line))}
            if simulator.poll() is not None:
                break
        # A last, clean run takes whatever is still coming.
        ingest, out = _start(ingest_args, env)
        time.sleep(2)
        simulator.send_signal(signal.SIGTERM)
        simulator.wait(30)
        time.sleep(1)
        ingest.send_signal(signal.SIGTERM)
        ingest.wait(30)
        out.join(5)
        logged |= {int(match.group(1)) for line in out.lines if (match := LOGGED.search(line))}
    finally:
        for process in (simulator,):
            if process.poll() is None:
                process.kill()
    simulator_out.join(5)
    assert kills == KILLS, f"the burst ended after {kills} kills; slow the simulator down"
    sent = Counter(line.split()[5] if len(line.split()) > 5 else "-" for line in simulator_out.lines
                   if " incoming " in line)
    with sqlite_db.read() as session:
        rows = session.execute(select(Call.id, Call.number_raw)).all()
    stored_ids = {row.id for row in rows}
    # Everything the service said it stored is there.
    assert logged and logged <= stored_ids, sorted(logged - stored_ids)[:10]
    # Nothing twice: no number was stored more often than the simulator sent it.
    stored = Counter(row.number_raw or "-" for row in rows)
    doubled = {number: count for number, count in stored.items() if count > sent.get(number, 0)
               and number != "-"}
    assert doubled == {}
    assert len(rows) >= len(logged)
    connection = sqlite3.connect(sqlite_db.engine.url.database or "")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    print(f"\nkill -9 survived: {kills} kills, {len(rows)} calls stored, {len(logged)} logged, "
          f"{sum(sent.values())} sent")
