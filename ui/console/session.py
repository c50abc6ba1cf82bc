"""The console's life after its database is ready: the background parts that live across logins (intake and
its spool, the caller-ID lines, the change-feed poller, LISTEN/NOTIFY, the outbox), then login after login, a
window per login (rebuilt when the language changes), until the console closes.
"""

from __future__ import annotations

import logging
import random
import socket
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QSplashScreen, QVBoxLayout

from callcenter.assembly import Lines, build_services, receive_phone_messages
from callcenter.cid.sources import Subscriber
from callcenter.clock import utcnow
from callcenter.db.database import Database, data_dir
from callcenter.errors import DeskInUse
from callcenter.forwarding.channels import default_senders
from callcenter.forwarding.outbox import OutboxWorker
from callcenter.services.auth import OperatorInfo
from callcenter.services.base import Actor
from callcenter.services.demo import DEMO_PASSWORD
from callcenter.services.desk_actions import DeskActions, open_desk_journal
from callcenter.services.desk_identity import desk_identity
from callcenter.services.intake import IntakeService, IntakeWorker
from callcenter.services.journal import JournalWorker, desk_state
from callcenter.services.notify import NotifyListener
from callcenter.services.presence import Heartbeat
from callcenter.services.settings import SettingsService
from callcenter.services.spool import Spool
from ui.app import freeze_startup_heap
from ui.bridge import CoreBridge
from ui.console.startup import in_background
from ui.console.window import Desk, DeskParts, build_desk
from ui.drafts import DraftStore, default_folder
from ui.errors import error_text
from ui.feed_poller import FeedPoller
from ui.i18n import Translations
from ui.idle_lock import DEFAULT_IDLE_MINUTES
from ui.login import FirstRunDialog, LoginDialog
from ui.preferences import save_language
from ui.ring_banner import RingSound
from ui.worker import DbWorker

log = logging.getLogger("konsol112.console")

DEMO_SOURCE = "sim://?gap=30-60&seed={seed}"
"""The demo's line rings every 30 to 60 seconds: time to answer, classify and look around between calls."""
DEMO_USER = "operator1"
DEMO_SUPERVISOR = "supervisor"
DEMO_ADMIN = "admin"


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class ConsoleSession(QObject):
    """Owns the background parts and the login loop of one running console."""

    _lines_restarted = Signal()
    _heartbeat_failed = Signal(object)

    def __init__(self, app: QApplication, db: Database, url: str, translations: Translations,
                 splash: QSplashScreen, *, demo: bool, started: float, log_path: Path | None) -> None:
        super().__init__()
        self.app = app
        self.db = db
        self.url = url
        self.translations = translations
        self.splash = splash
        self.demo = demo
        self.started = started
        self.services = build_services(db, utcnow)
        self.worker = DbWorker("database")
        self.render = DbWorker("render")
        self.bridge = CoreBridge()
        spool_path = data_dir() / ("demo" if demo else "") / "intake-spool.jsonl"
        self.intake = IntakeService(db, spool=Spool(spool_path), clock=utcnow)
        self.intake.subscribe(self.bridge.on_calls)
        self.intake_worker = IntakeWorker(self.intake)
        self.lines = Lines(Subscriber(on_event=self.intake_worker.submit, on_warning=self.bridge.on_warning,
                                      on_state=self.bridge.on_line_state),
                           prepare=partial(receive_phone_messages, db=db))
        self.poller = FeedPoller(self.worker, db, self.bridge)
        self.listener: NotifyListener | None = None
        self.outbox = OutboxWorker(db, default_senders(db))
        self.heartbeat: Heartbeat | None = None
        self.desk: Desk | None = None
        self.parts: DeskParts | None = None
        self.log_path = log_path
        self.identity = desk_identity()
        """This console's desk (stable across restarts; a second console on this PC is another desk)."""
        journal_folder = data_dir() / ("demo" if demo else "") / "journal"
        self.journal = open_desk_journal(journal_folder / f"desk-{self.identity.key[:16]}.jsonl", db)
        """What the operator did while the database was away, applied (once) when it is back."""
        self.actions = DeskActions(db, self.journal)
        self.journal_worker = JournalWorker(self.journal)
        self._unsubscribe_health = db.health.subscribe(lambda _health: self._say_desk_state())
        self.journal.subscribe(lambda *_args: self._say_desk_state())
        self._desk_state_timer = QTimer(self)  # also counts what the operator keeps on the desk meanwhile
        self._desk_state_timer.setInterval(1000)
        self._desk_state_timer.timeout.connect(self._say_desk_state)
        self._logout = False
        self._demo_started = False
        """The demo logs its first operator in by itself; after Ctrl+Q it asks, like a real database."""
        self._lines_restarted.connect(self._show_line_names)
        self._heartbeat_failed.connect(self._desk_problem)

    def step(self, text: str) -> None:
        log.info("[%5.2f s] %s", time.perf_counter() - self.started, text)

    # -- the parts that live across logins -----------------------------------------------------------------
    def start(self) -> None:
        reference = in_background(self.app, self.services.references.load)
        self.step(f"services ready ({len(reference.categories)} categories, {len(reference.desa)} desa)")
        self.intake_worker.start()
        self.step(f"intake running (spool {self.intake.spool.path if self.intake.spool is not None else '-'})")
        urls = in_background(self.app, self._source_urls)
        self.lines.start(urls)
        self.step(f"{len(self.lines.sources)} caller-ID source(s) started")
        self.poller.start()
        if not self.db.is_sqlite:
            # Another desk's change wakes the poller at once; polling stays the fallback (and all of it on
            # SQLite, which has nothing to listen to).
            self.listener = NotifyListener(self.url, self.poller.wake)
            self.listener.start()
            self.step("listening for other desks' changes (LISTEN/NOTIFY)")
        self.outbox.start()
        self.step("outbox worker running")
        idle = in_background(self.app, lambda: idle_lock_minutes(self.services.settings))
        self.parts = DeskParts(self.services, reference, self.worker, self.render, self.bridge, RingSound(),
                               self.intake, self.intake_worker, self.outbox.wake,
                               DraftStore(default_folder(self.demo)), idle, self.log_path, self.identity,
                               self.actions)
        self.journal_worker.start()
        self._desk_state_timer.start()
        self._say_desk_state()

    def _source_urls(self) -> list[tuple[str, str]]:
        if self.demo:
            return [("Demo", DEMO_SOURCE.format(seed=random.randrange(1, 1_000_000)))]
        return [(s.name, s.url) for s in self.services.sources.enabled_for_host(socket.gethostname())]

    def _stop_heartbeat(self) -> None:
        """Sign the desk off (a database write, off the GUI thread): the supervisor sees it leave at once."""
        heartbeat, self.heartbeat = self.heartbeat, None
        if heartbeat is not None:
            in_background(self.app, heartbeat.stop)

    def _say_desk_state(self) -> None:
        """From any thread: the database link and this desk's journal, for the notice slot."""
        state = desk_state(self.db.health.current, self.journal)
        self.bridge.desk_state.emit(str(state), len(self.journal))

    def stop(self) -> None:
        self._unsubscribe_health()
        self.journal_worker.stop()
        self._stop_heartbeat()
        if self.listener is not None:
            self.listener.stop()
        self.outbox.stop()
        self.poller.stop()
        self.lines.stop()
        self.intake_worker.stop()
        self.worker.stop()
        self.render.stop()
        self.db.dispose()
        self.translations.remove()
        log.info("console closed")

    # -- logins ----------------------------------------------------------------------------------------------
    def run(self) -> int:
        """Login after login until the console closes; returns the exit status."""
        status = 0
        while True:
            operator = self._who_is_at_the_desk()
            if operator is None:
                return status
            actor = operator.as_actor()
            self.worker.run(self, partial(self.services.shifts.start_session, actor, self.identity.name))
            self._start_heartbeat(actor)
            self.step(f"logged in as {actor.username} ({actor.role})")
            self._logout = False
            self._show(self._build(actor, self.translations.language))
            freeze_startup_heap()
            self.step("main window visible")
            print(f"konsol112: window visible after {time.perf_counter() - self.started:.2f} s", file=sys.stderr)
            status = self.app.exec()
            self._stop_heartbeat()
            if not self._logout:
                return status
            log.info("%s logged out", actor.username)

    def _who_is_at_the_desk(self) -> OperatorInfo | None:
        auth = self.services.auth
        if self.demo and not self._demo_started:
            self._demo_started = True
            operator = in_background(self.app, lambda: auth.authenticate(DEMO_USER, DEMO_PASSWORD))
            self.splash.close()
            return operator
        self.splash.close()
        if not in_background(self.app, auth.has_operators):
            first = FirstRunDialog(self.worker, auth)
            if first.exec() != FirstRunDialog.DialogCode.Accepted:
                return None
        login = LoginDialog(self.worker, auth, clock=utcnow, database_name=self.db.display_url())
        if self.demo:
            hint_demo_accounts(login)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.operator is None:
            return None
        return login.operator

    def _build(self, actor: Actor, language: str) -> Desk:
        assert self.parts is not None
        desk = build_desk(self.parts, actor, language)
        self.desk = desk
        self._show_line_names()  # the lines opened before this window existed
        desk.window.language_change_requested.connect(self.change_language)
        desk.window.sources_changed.connect(self.restart_sources)
        desk.window.logout_requested.connect(self.logout)
        desk.window.desk_renamed.connect(partial(self._renamed, actor))
        return desk

    def _renamed(self, actor: Actor, _name: str) -> None:
        """The desk has another name: the presence moves to it (the old name is signed off)."""
        self._stop_heartbeat()
        self._start_heartbeat(actor)
        if self.desk is not None:
            self.desk.window.notices.set_notice("desk", None)

    def _start_heartbeat(self, actor: Actor) -> None:
        # Presence on a thread of its own: a busy worker never makes this desk look dead to the supervisor.
        self.heartbeat = Heartbeat(self.services.presence, actor, self.identity.name,
                                   desk_key=self.identity.key, on_error=self._heartbeat_failed.emit)
        self.heartbeat.start()

    def _desk_problem(self, exc: BaseException) -> None:
        """A heartbeat failed: a clash of desk names is said once, loudly; an outage is the notice slot's."""
        if isinstance(exc, DeskInUse) and self.desk is not None:
            self.desk.window.notices.set_notice("desk", "down", error_text(exc))

    def _show(self, desk: Desk) -> None:
        desk.window.showMaximized()

    def _show_line_names(self) -> None:
        if self.desk is None:
            return
        strip = self.desk.window.line_strip
        for key, name in self.lines.names.items():
            strip.set_name(key, name)
        for state in self.lines.states():
            strip.on_line_state(state)

    def change_language(self, new: str) -> None:
        old = self.desk
        if old is None:
            return
        if old.mode != "idle":
            old.window.show_status(_t("Finish the call in hand first; then change the language."), True)
            return
        save_language(new)
        in_background(self.app, lambda: self.translations.prepare(new))
        self.translations.install(new)
        log.info("language changed to %s: rebuilding the window", new)
        replacement = self._build(old.window.actor, new)
        old.window.confirm_close = False
        old.window.close()
        old.window.deleteLater()
        self._show(replacement)

    def restart_sources(self) -> None:
        """An admin changed the caller-ID sources: reopen them on a thread (closing a port can take seconds)."""
        if self.demo:
            return
        lines, sources, host = self.lines, self.services.sources, socket.gethostname()

        def restart() -> None:
            lines.restart([(s.name, s.url) for s in sources.enabled_for_host(host)])
            self._lines_restarted.emit()

        self.render.run(self, restart, None, lambda exc: log.error("caller-ID sources not restarted: %s", exc))

    def logout(self) -> None:
        self._logout = True
        if self.desk is not None:
            self.desk.window.close()


def hint_demo_accounts(login: LoginDialog) -> None:
    """The demo's accounts under the dialog's title, the first operator filled in: a newcomer logs in again, or
    tries the supervisor's and the admin's screens."""
    hint = QLabel(_t("Demo accounts: {operator} (operator), {supervisor} (supervisor) and {admin} (admin); the "
                     "password of each is {password}.").format(operator=DEMO_USER, supervisor=DEMO_SUPERVISOR,
                                                               admin=DEMO_ADMIN, password=DEMO_PASSWORD))
    hint.setObjectName("demoHint")
    hint.setWordWrap(True)
    hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout = login.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(1, hint)
    login.username.setText(DEMO_USER)
    login.password.setFocus()


def idle_lock_minutes(settings: SettingsService) -> float:
    """The idle lock setting, or its default when the database has none (or nonsense) in it."""
    try:
        value: Any = settings.get("idle_lock_minutes")
    except Exception as exc:
        log.warning("idle_lock_minutes not read: %s", exc)
        return DEFAULT_IDLE_MINUTES
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return DEFAULT_IDLE_MINUTES
    return float(value)
