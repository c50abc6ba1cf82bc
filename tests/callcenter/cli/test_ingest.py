"""The line service end to end: ``simulate`` writes modem frames into a real pseudo-terminal, ``ingest`` reads it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.db.database import Database
from callcenter.db.models import Call
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def start(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(REPO / "main.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)


def count_calls(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Call)) or 0)


def test_simulate_into_a_pty_and_ingest_persists_every_call(sqlite_db: Database, tmp_path: Path) -> None:
    env = dict(os.environ, CALLCENTER_DB=sqlite_db.url)
    link = tmp_path / "cid0"
    simulator = start("simulate", "--to", f"pty://?link={link}", "--count", "40", "--rate", "50", "--seed", "5",
                      "--quiet", env=env)
    deadline = time.monotonic() + 10
    while not link.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    ingest = start("ingest", "--source", f"serial://{link}?format=modem", "--spool", str(tmp_path / "spool.jsonl"),
                   env=env)
    try:
        simulator_output, _ = simulator.communicate(timeout=30)
        assert simulator.returncode == 0, simulator_output
        deadline = time.monotonic() + 10
        while count_calls(sqlite_db) < 40 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        ingest.send_signal(signal.SIGTERM)
        output, _ = ingest.communicate(timeout=30)
    assert ingest.returncode == 0, output
    assert count_calls(sqlite_db) == 40
    logged = [line for line in output.splitlines() if " ringing line " in line]
    assert len(logged) == 40  # one log line per persisted call
    assert "40 call(s) persisted" in output


def test_ingest_without_sources_says_so(sqlite_db: Database) -> None:
    env = dict(os.environ, CALLCENTER_DB=sqlite_db.url)
    result = subprocess.run([sys.executable, str(REPO / "main.py"), "ingest"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 2 and "no caller-ID source" in result.stderr
    bad = subprocess.run([sys.executable, str(REPO / "main.py"), "ingest", "--source", "gopher://x"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
