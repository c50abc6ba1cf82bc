"""Two consoles on one PC (one OS user, one profile) are two desks on PostgreSQL: real processes, real locks.

Each runs tools/desk_probe.py (a console without its window: desk identity, login, heartbeat, change feed). Both
see a ringing call; exactly one answers it and the other is told who; the supervisor's list has two desks with
the right operator at each, and the audit trail holds one "online" per desk however often they beat.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import AuditEntry
from callcenter.services.presence import PresenceService
from tests.callcenter.services.conftest import make_actor, ring
from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM stop")]


def _probe(pg_db: Database, user: str, secret: Path, profile: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "tools" / "desk_probe.py"), "--db", pg_db.url, "--user", user,
         "--password-file", str(secret), "--profile", str(profile), "--answer", "--interval", "0.2",
         "--timeout", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))


def _next_event(process: subprocess.Popen[str]) -> dict[str, object]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:  # say how the probe ended (its exit status and what it printed), not just "no output"
        status = process.wait(10)
        pytest.fail(f"desk probe ended with status {status} before its next event: "
                    f"{process.stderr.read() if process.stderr else ''}")
    event: dict[str, object] = json.loads(line)
    return event


def test_two_consoles_on_one_pc(pg_db: Database, clock: ManualClock, tmp_path: Path) -> None:
    for name in ("desk1", "desk2"):
        make_actor(pg_db, clock, name, Role.OPERATOR)
    secret = tmp_path / "password"
    secret.write_text("rahasia-123\n", encoding="utf-8")
    secret.chmod(0o600)
    profile = tmp_path / "desks"  # the one OS user's desk folder, shared by both consoles
    probes = [_probe(pg_db, "desk1", secret, profile)]
    try:
        online = [_next_event(probes[0])]  # the first console is up before the second starts
        probes.append(_probe(pg_db, "desk2", secret, profile))
        online.append(_next_event(probes[1]))
        names = [str(event["desk"]) for event in online]
        assert names[0] != names[1] and names[1] == f"{names[0]}#2"
        presence, deadline = PresenceService(pg_db), time.monotonic() + 20
        desks: dict[str, str | None] = {}
        while time.monotonic() < deadline and len(desks) < 2:  # both have beaten (a few times, then)
            time.sleep(0.2)
            desks = {d.name: d.username for d in presence.desks() if d.online}
        assert desks == {names[0]: "desk1", names[1]: "desk2"}
        time.sleep(1.0)
        call_id = ring(pg_db, clock, "081234567890")
        seen = [_next_event(probe) for probe in probes]
        assert [event["call_id"] for event in seen] == [call_id, call_id]
        outcome = [_next_event(probe) for probe in probes]
        assert sorted(str(event["event"]) for event in outcome) == ["claimed", "taken"]
        assert len({event["by"] for event in outcome}) == 1  # both agree who has it
    finally:
        for probe in probes:
            if probe.poll() is None:
                probe.send_signal(signal.SIGTERM)
        for probe in probes:
            probe.communicate(timeout=30)
    assert [probe.returncode for probe in probes] == [0, 0]
    with pg_db.read() as session:
        actions = dict(session.execute(select(AuditEntry.action, func.count()).where(AuditEntry.entity == "desk")
                                       .group_by(AuditEntry.action)).all())
    assert actions == {"desk.online": 2, "desk.offline": 2}  # signed off on the way out
