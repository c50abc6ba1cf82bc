"""A real console on a real SQLite database: worker thread, bridge, intake and change feed, offscreen."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

import ui
from callcenter.assembly import Services, build_services
from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM, Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.desk_actions import DeskActions
from callcenter.services.incidents import IncidentService
from callcenter.services.intake import IntakeService
from callcenter.services.spool import Spool
from ui.app import style_application
from ui.bridge import CoreBridge
from ui.console.window import Desk, DeskParts, build_desk
from ui.drafts import DraftStore
from ui.feed_poller import FeedPoller
from ui.gui_gc import collect_on_gui_thread
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.preferences import local_settings
from ui.ring_banner import RingSound
from ui.worker import DbWorker

# The offscreen platform cannot raise windows or grab the keyboard for completer popups: noise, not defects.
OFFSCREEN_LIMITS = r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"


UI_PACKAGE = Path(ui.__file__).resolve().parent


@pytest.fixture(autouse=True)
def the_gui_thread_never_queries() -> Iterator[None]:
    """Every UI test fails if code in ui/ runs a database statement on the GUI thread (instead of through a
    worker queue). Test code itself may query there: only statements with ui/ code on the stack count."""
    offences: list[str] = []

    def guard(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = sys._getframe(1)
        while frame is not None:
            path = Path(frame.f_code.co_filename)
            if path.is_relative_to(UI_PACKAGE):
                offences.append(f"{path.relative_to(UI_PACKAGE.parent)}:{frame.f_lineno}: {statement[:60]}")
                return
            frame = frame.f_back  # type: ignore[assignment]

    event.listen(Engine, "before_cursor_execute", guard)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", guard)
    assert offences == [], "database work on the GUI thread"


@pytest.fixture(scope="package", autouse=True)
def collector_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the console (ui/gui_gc.py): a cycle holding a Qt object is freed on this thread, never on a worker's."""
    collector = collect_on_gui_thread(qapp)
    yield
    collector.stop()
    gc.collect()


@pytest.fixture(autouse=True)
def collect_after_each_test() -> Iterator[None]:
    """What a test left in cycles (a failed test's traceback holding its dialogs) is freed here, on the GUI thread."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def fresh_preferences() -> Iterator[None]:
    """Each test starts with this PC's preferences empty (language, slip folders), as on a new desk."""
    local_settings().clear()
    yield
    local_settings().clear()


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
    desk: Desk
    parts: DeskParts
    intake: IntakeService
    actor: Actor
    poller: FeedPoller

    @property
    def window(self) -> MainWindow:
        return self.desk.window

    @property
    def worker(self) -> DbWorker:
        return self.parts.worker

    @property
    def bridge(self) -> CoreBridge:
        return self.parts.bridge

    @property
    def services(self) -> Services:
        return self.parts.services

    @property
    def calls(self) -> CallService:
        return self.services.calls

    @property
    def callers(self) -> CallerService:
        return self.services.callers

    @property
    def incidents(self) -> IncidentService:
        return self.services.incidents

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


def desk_parts(db: Database, clock: ManualClock, *, intake: IntakeService | None = None,
               drafts: DraftStore | None = None, idle_minutes: float = 0.0,
               actions: DeskActions | None = None) -> DeskParts:
    """What the console keeps across logins, as ui.console.session builds it (without lines and outbox)."""
    services = build_services(db, clock)
    bridge = CoreBridge()
    return DeskParts(services, services.references.load(), DbWorker(), DbWorker("render"), bridge,
                     RingSound(enabled=False), intake, drafts=drafts, idle_minutes=idle_minutes, actions=actions)


def build_console(qtbot: QtBot, db: Database, clock: ManualClock, translations: Translations,
                  language: str = "id", *, role: Role = Role.OPERATOR, username: str = "asep",
                  spool: Spool | None = None, drafts: DraftStore | None = None,
                  idle_minutes: float = 0.0, actions: DeskActions | None = None) -> Iterator[Console]:
    translations.install(language)
    actor = make_actor(db, clock, username, role)
    intake = IntakeService(db, spool=spool, clock=clock)
    parts = desk_parts(db, clock, intake=intake, drafts=drafts, idle_minutes=idle_minutes, actions=actions)
    intake.subscribe(parts.bridge.on_calls)
    desk = build_desk(parts, actor, language)
    window = desk.window
    window.confirm_close = False
    qtbot.addWidget(window)
    poller = FeedPoller(parts.worker, db, parts.bridge, interval_ms=50)
    poller.start()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    console = Console(db, clock, desk, parts, intake, actor, poller)
    console.idle(qtbot)
    try:
        yield console
    finally:
        poller.stop()
        window.close()
        console.idle(qtbot)
        parts.worker.stop()
        parts.render.stop()


@pytest.fixture
def console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations)



@pytest.fixture
def supervisor_console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                       translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations, role=Role.SUPERVISOR, username="hendra")


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The console's font, style and stylesheet (ui.app), as on a desk; the other tests' plain look after."""
    font, style, sheet = qapp.font(), qapp.style().name(), qapp.styleSheet()
    style_application(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setFont(font)
