"""The line service on PostgreSQL is a desk the supervisor sees: online while it runs, gone when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.presence import PresenceService
from callcenter.services.supervisor import SupervisorService
from tests.callcenter.services.conftest import make_actor
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM stop")


def test_ingest_shows_as_an_online_line_host_and_signs_off(pg_db: Database, clock: ManualClock) -> None:
    boss = make_actor(pg_db, clock, "hendra", Role.SUPERVISOR)
    env = dict(os.environ, CALLCENTER_DB=pg_db.url)
    ingest = subprocess.Popen([sys.executable, str(REPO / "main.py"), "ingest", "--source", "sim://?rate=20&seed=3"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    presence = PresenceService(pg_db)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(d.online and d.line_host for d in presence.desks()):
            time.sleep(0.1)
        [desk] = presence.desks()
        assert desk.online and desk.line_host and desk.name.endswith("#ingest") and desk.operator_id is None
        while time.monotonic() < deadline and SupervisorService(pg_db).board(boss).kpis.received == 0:
            time.sleep(0.1)
        board = SupervisorService(pg_db).board(boss)
        assert board.kpis.received > 0
        assert any(row.desk == desk.name and row.online and row.line_host for row in board.operators)
    finally:
        ingest.send_signal(signal.SIGTERM)
        output, _ = ingest.communicate(timeout=30)
    assert ingest.returncode == 0, output
    assert presence.desks()[0].online is False  # signed off on the way out, not left to time out
