from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.audit_trail import AuditTrailService
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.incidents import IncidentService
from callcenter.services.presence import PresenceService
from callcenter.services.supervisor import SupervisorService
from tests.callcenter.services.conftest import make_actor
from ui.supervisor import SupervisorBoard
from ui.worker import DbWorker


@dataclass
class Stack:
    db: Database
    clock: ManualClock
    worker: DbWorker
    supervisor: SupervisorService
    trail: AuditTrailService
    presence: PresenceService
    incidents: IncidentService
    callers: CallerService
    boss: Actor
    operator: Actor

    def board(self, qtbot: QtBot) -> SupervisorBoard:
        board = SupervisorBoard(self.worker, self.supervisor, self.presence, self.incidents, self.callers, self.boss,
                                clock=self.clock)
        qtbot.addWidget(board)
        board.timer.stop()  # the tests drive time themselves
        return board


@pytest.fixture
def stack(sqlite_db: Database, clock: ManualClock) -> Iterator[Stack]:
    worker = DbWorker()
    yield Stack(sqlite_db, clock, worker, SupervisorService(sqlite_db, clock), AuditTrailService(sqlite_db, clock),
                PresenceService(sqlite_db, clock),
                IncidentService(sqlite_db, clock), CallerService(sqlite_db, clock),
                make_actor(sqlite_db, clock, "hendra", Role.SUPERVISOR),
                make_actor(sqlite_db, clock, "asep", Role.OPERATOR))
    worker.stop()


@pytest.fixture(autouse=True)
def _collect_after() -> Iterator[None]:
    yield
    import gc
    gc.collect()
