"""A change made on desk A (another process) reaches desk B's table model within a second.

Desk B is this test process: a supervisor board whose models follow the change feed, woken by PostgreSQL
LISTEN/NOTIFY (the same wiring the console uses: NotifyListener -> FeedFollower -> CoreBridge -> on_changes).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.callers import CallerService
from callcenter.services.feed import FeedFollower
from callcenter.services.incidents import IncidentService
from callcenter.services.notify import NotifyListener
from callcenter.services.presence import PresenceService
from callcenter.services.supervisor import SupervisorService
from tests.callcenter.services.conftest import make_actor
from tests.multidesk.conftest import start_desk
from ui.bridge import CoreBridge
from ui.supervisor import SupervisorBoard
from ui.worker import DbWorker

LIMIT_S = 1.0


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.stop()


def _follow(db: Database, bridge: CoreBridge) -> NotifyListener:
    follower = FeedFollower(db)

    def wake() -> None:  # on the listener thread: read the feed, hand the changes to the GUI thread
        changes = follower.poll()
        if changes:
            bridge.feed_changes.emit(changes)

    listener = NotifyListener(db.url, wake)
    listener.start()
    assert listener.connected.wait(10)
    return listener


def _finish(qtbot: QtBot, desk: object) -> dict[str, object]:
    import subprocess

    assert isinstance(desk, subprocess.Popen)
    qtbot.waitUntil(lambda: desk.poll() is not None, timeout=20000)  # the GUI keeps running meanwhile
    out, err = desk.communicate()
    assert desk.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_ring_and_claim_on_desk_a_reach_desk_b_within_a_second(qtbot: QtBot, pg_db: Database,
                                                               clock: ManualClock, worker: DbWorker) -> None:
    boss = make_actor(pg_db, clock, "hendra", Role.SUPERVISOR)
    operator = make_actor(pg_db, clock, "asep", Role.OPERATOR)
    PresenceService(pg_db).heartbeat(operator, "PC-A")  # desk A is online (else its claim would show as stale)
    board = SupervisorBoard(worker, SupervisorService(pg_db), PresenceService(pg_db), IncidentService(pg_db),
                            CallerService(pg_db), boss)
    qtbot.addWidget(board)
    board.timer.stop()  # only the feed may bring the change
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    bridge = CoreBridge()
    bridge.feed_changes.connect(board.on_changes)
    listener = _follow(pg_db, bridge)
    model = board.waiting_model
    inserted: list[float] = []
    removed: list[float] = []
    model.rowsInserted.connect(lambda *_: inserted.append(time.time()))
    model.rowsRemoved.connect(lambda *_: removed.append(time.time()))
    try:
        rung = _finish(qtbot, start_desk("ring", pg_db.url, "081234500001"))
        qtbot.waitUntil(lambda: bool(inserted), timeout=5000)
        call_id = rung["call_id"]
        assert model.shown_keys() == [call_id]
        ring_latency = inserted[0] - float(rung["committed_at"])  # type: ignore[arg-type]

        claimed = _finish(qtbot, start_desk("claim", pg_db.url, operator.id, operator.username, call_id))
        qtbot.waitUntil(lambda: bool(removed), timeout=5000)
        assert model.rowCount() == 0 and claimed["claimed_by"] == "asep"
        claim_latency = removed[0] - float(claimed["committed_at"])  # type: ignore[arg-type]
    finally:
        listener.stop()
        board.stop()
    print(f"propagation: ring {ring_latency * 1000:.0f} ms, claim {claim_latency * 1000:.0f} ms")
    assert ring_latency < LIMIT_S
    assert claim_latency < LIMIT_S
    # The desk's load moved too: desk B's board counts the call as asep's open call.
    assert any(row.username == "asep" and row.open_calls == 1 for row in board.snapshot.operators)  # type: ignore[union-attr]
