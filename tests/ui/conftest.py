"""A real console on a real SQLite database: worker thread, bridge, intake and change feed, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM, Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentService
from callcenter.services.intake import IntakeService
from callcenter.services.presence import PresenceService
from callcenter.services.queues import QueueService
from callcenter.services.reference import ReferenceService
from callcenter.services.settings import SettingsService
from callcenter.services.shifts import ShiftService
from callcenter.services.source_config import SourceConfigService
from callcenter.services.spool import Spool
from callcenter.services.supervisor import SupervisorService
from ui.bridge import CoreBridge
from ui.feed_poller import FeedPoller
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.worker import DbWorker

# The offscreen platform cannot raise windows or grab the keyboard for completer popups: noise, not defects.
OFFSCREEN_LIMITS = r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


def make_actor(db: Database, clock: ManualClock, username: str, role: Role = Role.OPERATOR) -> Actor:
    return AuthService(db, clock).create_operator(SYSTEM, username, username.title(), role, "rahasia-123").as_actor()


@dataclass
class Console:
    db: Database
    clock: ManualClock
    window: MainWindow
    worker: DbWorker
    bridge: CoreBridge
    intake: IntakeService
    calls: CallService
    callers: CallerService
    incidents: IncidentService
    actor: Actor
    poller: FeedPoller

    def ring(self, number: str | None, *, line: str = "1") -> int:
        """A real incoming call through intake (published to the console through the bridge)."""
        self.clock.advance(1)
        event = CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=self.clock(),
                              raw=f"CID {number}", line=line, number=number,
                              presentation=Presentation.ALLOWED if number else Presentation.PRIVATE)
        notices = self.intake.process([("test", event)])
        assert len(notices) == 1, notices
        return notices[0].call_id

    def idle(self, qtbot: QtBot) -> None:
        qtbot.waitUntil(lambda: self.worker.pending() == 0, timeout=5000)


@pytest.fixture(scope="session")
def qm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("qm")


@pytest.fixture
def translations(qm_cache: Path) -> Iterator[Translations]:
    """Compiled once per session into a temporary cache (never the user's); removed after each test."""
    installed = Translations(out_dir=qm_cache)
    yield installed
    installed.remove()


def build_console(qtbot: QtBot, db: Database, clock: ManualClock, translations: Translations,
                  language: str = "id", *, role: Role = Role.OPERATOR, username: str = "asep",
                  spool: Spool | None = None) -> Iterator[Console]:
    translations.install(language)
    actor = make_actor(db, clock, username, role)
    worker = DbWorker()
    bridge = CoreBridge()
    intake = IntakeService(db, spool=spool, clock=clock)
    intake.subscribe(bridge.on_calls)
    calls, callers, incidents = CallService(db, clock), CallerService(db, clock), IncidentService(db, clock)
    references = ReferenceService(db, clock)
    window = MainWindow(worker, bridge, calls, callers, incidents, references, references.load(), actor,
                        language=language, clock=clock)
    window.attach_views(QueueService(db, clock), ShiftService(db, clock), SourceConfigService(db, clock),
                        SettingsService(db, clock))
    window.attach_dispatch(DispatchService(db, clock))
    window.attach_supervisor(SupervisorService(db, clock), PresenceService(db, clock))
    window.confirm_close = False
    qtbot.addWidget(window)
    poller = FeedPoller(worker, db, bridge, interval_ms=50)
    poller.start()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    console = Console(db, clock, window, worker, bridge, intake, calls, callers, incidents, actor, poller)
    console.idle(qtbot)
    try:
        yield console
    finally:
        poller.stop()
        window.close()
        console.idle(qtbot)
        worker.stop()


@pytest.fixture
def console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations)



@pytest.fixture
def supervisor_console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                       translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations, role=Role.SUPERVISOR, username="hendra")
