"""Konsol 112 composition root: parse the command line, then either run a headless command or build the console.

The console is assembled here in a visible, logged order - Qt application and language, database, worker and
bridge, services, login, intake and caller-ID sources, the window - and every part receives what it needs
through its constructor.
"""

from __future__ import annotations

import argparse
import logging
import random
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger("konsol112.console")

DEMO_SOURCE = "sim://?rate=0.15&seed={seed}"
DEMO_USER = "operator1"
T = TypeVar("T")


def run(argv: Sequence[str] | None = None) -> int:
    from callcenter import cli

    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    args = parser.parse_args(args_list)
    if args.command is not None:
        return cli.run(args_list)
    cli.configure_logging(args.verbose)
    return run_console(args)


def main() -> None:
    sys.exit(run())


# -- the console ---------------------------------------------------------------------------------------------
def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("", text)


def _step(started: float, text: str) -> None:
    log.info("[%5.2f s] %s", time.perf_counter() - started, text)


def _in_background(app: Any, work: Callable[[], T]) -> T:
    """Run slow start-up work off the GUI thread while the splash keeps painting."""
    from PySide6.QtCore import QEventLoop

    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised on the GUI thread below
            result["error"] = exc

    thread = threading.Thread(target=target, name="startup", daemon=True)
    thread.start()
    while thread.is_alive():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.02)
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]


def demo_database_path() -> Path:
    from callcenter.db.database import data_dir

    return data_dir() / "demo" / "konsol112-demo.sqlite3"


def prepare_demo_database(path: Path, *, seed: int, progress: Callable[[str], None]) -> str:
    """Create (or re-create) the demo database: schema, reference data and three days of history."""
    from callcenter.clock import utcnow
    from callcenter.db import migrate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.refdata import load_reference_data
    from callcenter.services.demo import seed_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.unlink()
    url = sqlite_url(path)
    db = Database(url)
    try:
        progress(_t("Creating the demo database ..."))
        migrate.upgrade(db)
        with db.write() as session:
            load_reference_data(session, utcnow())
        progress(_t("Adding three days of demo history ..."))
        seed_demo(db, days=3, calls_per_day=150, seed=seed, progress=progress)
    finally:
        db.dispose()
    return url


def check_database(db: Any, parent: Any = None) -> bool:
    """True when the schema is right; otherwise explain in plain words (and offer to set up an empty database)."""
    from PySide6.QtWidgets import QMessageBox

    from callcenter.db import migrate
    from callcenter.errors import DatabaseNotInitialised, DatabaseTooNew, DatabaseUnavailable

    try:
        migrate.check_schema(db)
        return True
    except DatabaseTooNew as exc:
        QMessageBox.critical(parent, _t("Konsol 112 is too old for this database"), _t(
            "The database {db} was written by a newer Konsol 112 (schema {database}; this program knows "
            "{code}). Install the newer Konsol 112 on this PC; nothing was changed.").format(
            db=db.display_url(), database=exc.database_revision, code=exc.code_revision))
    except DatabaseNotInitialised as exc:
        empty = "no Konsol 112 tables" in str(exc)
        if empty and QMessageBox.question(parent, _t("The database is empty"), _t(
                "The database {db} has no Konsol 112 tables yet. Set it up now?").format(
                db=db.display_url())) == QMessageBox.StandardButton.Yes:
            from callcenter.clock import utcnow
            from callcenter.db.refdata import load_reference_data

            migrate.upgrade(db)
            with db.write() as session:
                load_reference_data(session, utcnow())
            return True
        if not empty:
            QMessageBox.critical(parent, _t("The database is not ready"), _t(
                "The database {db} cannot be used as it is: {detail}.").format(db=db.display_url(), detail=exc))
    except DatabaseUnavailable as exc:
        QMessageBox.critical(parent, _t("The database cannot be reached"), _t(
            "Konsol 112 cannot open the database {db}: {detail}. Check the network cable or the server, "
            "then start Konsol 112 again.").format(db=db.display_url(), detail=exc))
    return False


def run_console(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSplashScreen

    from ui.app import create_application, icon

    # 1. Qt application, look and language
    app = create_application(sys.argv[:1])
    from ui.i18n import Translations
    from ui.views.settings import saved_language

    language = args.lang or saved_language()

    translations = Translations()
    translations.install(language)
    _step(started, f"Qt application and language '{language}' ready")

    splash = QSplashScreen(icon("app").pixmap(256, 256))
    splash.show()

    def say(text: str) -> None:
        splash.showMessage(text, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)

    # 2. database
    from callcenter.db.database import Database, resolve_url

    if args.demo:
        demo_seed = random.randrange(1, 1_000_000)
        say(_t("Preparing the demo ..."))
        url = _in_background(app, lambda: prepare_demo_database(demo_database_path(), seed=demo_seed,
                                                                progress=lambda m: log.info("demo: %s", m)))
        _step(started, f"demo database ready at {demo_database_path()}")
    else:
        url = resolve_url(args.db)
    try:
        db = Database(url)
    except Exception as exc:  # a malformed --db URL or a missing driver: say so instead of a traceback
        from PySide6.QtWidgets import QMessageBox

        splash.close()
        QMessageBox.critical(None, _t("The database cannot be reached"), _t(
            "Konsol 112 cannot use the database address {db}: {detail}").format(db=url, detail=exc))
        return 1
    say(_t("Opening the database ..."))
    if not _in_background(app, lambda: _schema_ok_or_error(db)):
        splash.close()
        if not check_database(db):
            return 1
    _step(started, f"database {db.display_url()} checked")

    # 3. the one database worker and the core-to-Qt bridge
    from ui.bridge import CoreBridge
    from ui.worker import DbWorker

    worker = DbWorker()
    bridge = CoreBridge()

    # 4. services (each takes the database and the clock)
    from callcenter.clock import utcnow
    from callcenter.services.auth import AuthService
    from callcenter.services.callers import CallerService
    from callcenter.services.calls import CallService
    from callcenter.services.incidents import IncidentService
    from callcenter.services.reference import ReferenceService

    clock = utcnow
    auth = AuthService(db, clock)
    calls = CallService(db, clock)
    callers = CallerService(db, clock)
    incidents = IncidentService(db, clock)
    references = ReferenceService(db, clock)
    reference = _in_background(app, references.load)
    _step(started, f"services ready ({len(reference.categories)} categories, {len(reference.desa)} desa)")

    # 5. intake (commit first, then show) with a spool for when the database is unreachable
    from callcenter.db.database import data_dir
    from callcenter.services.intake import IntakeService, IntakeWorker
    from callcenter.services.spool import Spool

    spool_path = data_dir() / ("demo" if args.demo else "") / "intake-spool.jsonl"
    intake = IntakeService(db, spool=Spool(spool_path), clock=clock)
    intake.subscribe(bridge.on_calls)
    intake_worker = IntakeWorker(intake)
    intake_worker.start()
    _step(started, f"intake running (spool {spool_path})")

    from callcenter.reports.export import ExportService
    from callcenter.services.dispatch import DispatchService
    from callcenter.services.queues import QueueService
    from callcenter.services.report_data import ReportService
    from callcenter.services.settings import SettingsService
    from callcenter.services.shifts import ShiftService
    from callcenter.services.source_config import SourceConfigService

    dispatch = DispatchService(db, clock)
    reports = ReportService(db, clock)
    exports = ExportService(db, clock)
    queues = QueueService(db, clock)
    shifts = ShiftService(db, clock)
    source_configs = SourceConfigService(db, clock)
    settings_service = SettingsService(db, clock)

    idle_minutes = _in_background(app, lambda: _idle_lock_minutes(settings_service))

    # 6. caller-ID sources: the demo's simulated line, or the sources configured for this desk
    lines = Lines(intake_worker, bridge)
    if args.demo:
        lines.start([("Demo", DEMO_SOURCE.format(seed=random.randrange(1, 1_000_000)))])
    else:
        lines.start([(s.name, s.url) for s in _in_background(
            app, lambda: source_configs.enabled_for_host(socket.gethostname()))])
    _step(started, f"{len(lines.sources)} caller-ID source(s) started")

    from ui.drafts import DraftStore, default_folder
    from ui.feed_poller import FeedPoller
    from ui.login import FirstRunDialog, LoginDialog
    from ui.main_window import MainWindow
    from ui.ring_banner import RingSound

    sound = RingSound()
    poller = FeedPoller(worker, db, bridge)
    poller.start()
    # On PostgreSQL another desk's change wakes the poller at once; polling stays the fallback (and all of it
    # on SQLite, which has nothing to listen to).
    listener: Any = None
    if not db.is_sqlite:
        from callcenter.services.notify import NotifyListener

        listener = NotifyListener(url, poller.wake)
        listener.start()
        _step(started, "listening for other desks' changes (LISTEN/NOTIFY)")

    # 6b. e-mail and webhook deliveries to agencies, through the durable outbox
    from callcenter.forwarding.channels import default_senders
    from callcenter.forwarding.outbox import OutboxWorker

    outbox = OutboxWorker(db, default_senders(db))
    outbox.start()
    _step(started, "outbox worker running")

    from callcenter.services.presence import Heartbeat, PresenceService, desk_name
    from callcenter.services.supervisor import SupervisorService

    presence = PresenceService(db, clock)
    supervisor = SupervisorService(db, clock)
    heartbeat: Any = None
    status = 0
    desk: dict[str, Any] = {}  # this login's window; replaced when the language changes
    try:
        while True:
            # 7. who is at the desk
            if args.demo:
                operator = _in_background(app, lambda: auth.authenticate(DEMO_USER, _demo_password()))
                splash.close()
            else:
                splash.close()
                if not _in_background(app, auth.has_operators):
                    first = FirstRunDialog(worker, auth)
                    if first.exec() != FirstRunDialog.DialogCode.Accepted:
                        return 0
                login = LoginDialog(worker, auth, clock=clock, database_name=db.display_url())
                if login.exec() != LoginDialog.DialogCode.Accepted or login.operator is None:
                    return status
                operator = login.operator
            actor = operator.as_actor()
            worker.run(worker, partial(shifts.start_session, actor, socket.gethostname()))
            # Presence on a thread of its own, so a busy worker never makes this desk look dead to the supervisor.
            heartbeat = Heartbeat(presence, actor, desk_name())
            heartbeat.start()
            _step(started, f"logged in as {actor.username} ({actor.role})")

            # 8. the window (rebuilt when the language changes; everything else stays)
            desk.clear()
            desk["logout"] = False

            def build(language: str, actor: Any = actor) -> Any:
                window = MainWindow(worker, bridge, calls, callers, incidents, references, reference, actor,
                                    language=language, clock=clock, sound=sound)
                window.attach_views(queues, shifts, source_configs, settings_service)
                window.attach_dispatch(dispatch, reports, exports, outbox_wake=outbox.wake)
                window.attach_supervisor(supervisor, presence)
                window.watch_intake(intake, intake_worker)  # outage banner and the spool alarm
                window.attach_lock(auth, idle_minutes)
                window.attach_drafts(DraftStore(default_folder(args.demo)))
                for key, name in lines.names.items():
                    window.line_strip.set_name(key, name)
                for state in lines.states():
                    window.line_strip.on_line_state(state)
                window.language_change_requested.connect(change_language)
                window.sources_changed.connect(restart_sources)
                window.logout_requested.connect(logout)
                return window

            def change_language(new: str) -> None:
                window = desk["window"]
                if window.mode != "idle":
                    window.show_status(_t("Finish the call in hand first; then change the language."), error=True)
                    return
                from ui.views.settings import LANGUAGE_KEY, local_settings

                local_settings().setValue(LANGUAGE_KEY, new)
                translations.install(new)
                log.info("language changed to %s: rebuilding the window", new)
                replacement = build(new)
                desk["window"] = replacement
                window.confirm_close = False
                window.close()
                window.deleteLater()
                replacement.showMaximized()

            def restart_sources() -> None:
                if args.demo:
                    return
                lines.restart([(s.name, s.url) for s in source_configs.enabled_for_host(socket.gethostname())])
                for key, name in lines.names.items():
                    desk["window"].line_strip.set_name(key, name)
                for state in lines.states():
                    desk["window"].line_strip.on_line_state(state)

            def logout() -> None:
                desk["logout"] = True
                desk["window"].close()

            desk["window"] = build(translations.language)
            desk["window"].showMaximized()
            from ui.app import freeze_startup_heap

            freeze_startup_heap()
            _step(started, "main window visible")
            print(f"konsol112: window visible after {time.perf_counter() - started:.2f} s", file=sys.stderr)
            status = app.exec()
            heartbeat.stop()  # signs the desk off: the supervisor sees it leave at once
            heartbeat = None
            if args.demo or not desk["logout"]:
                return status
            log.info("%s logged out", actor.username)
    finally:
        if heartbeat is not None:
            heartbeat.stop()
        if listener is not None:
            listener.stop()
        outbox.stop()
        poller.stop()
        lines.stop()
        intake_worker.stop()
        worker.stop()
        db.dispose()
        translations.remove()
        log.info("console closed")


class Lines:
    """The caller-ID sources this desk opens; a bad URL becomes a down line with the reason, never a crash."""

    def __init__(self, intake_worker: Any, bridge: Any) -> None:
        self.intake_worker = intake_worker
        self.bridge = bridge
        self.sources: list[Any] = []
        self.refused: list[Any] = []
        self.names: dict[str, str] = {}

    def start(self, urls: list[tuple[str, str]]) -> None:
        from callcenter.cid.sources import LineState, LineStatus, Subscriber, make_source
        from callcenter.clock import utcnow

        for name, url in urls:
            try:
                source = make_source(url)
            except ValueError as exc:
                log.error("caller-ID source %s not started: %s", name, exc)
                self.refused.append(LineState(f"bad:{name}", url[:80], LineStatus.DOWN, str(exc), utcnow()))
                self.names[f"bad:{name}"] = name
                continue
            source.subscribe(Subscriber(on_event=self.intake_worker.submit, on_warning=self.bridge.on_warning,
                                        on_state=self.bridge.on_line_state))
            source.start()
            self.names[source.key] = name
            log.info("caller-ID source %s: %s", name, source.display)
            self.sources.append(source)

    def states(self) -> list[Any]:
        return [*self.refused, *(source.state for source in self.sources)]

    def stop(self) -> None:
        for source in self.sources:
            source.stop()
        self.sources = []
        self.refused = []
        self.names = {}

    def restart(self, urls: list[tuple[str, str]]) -> None:
        self.stop()
        self.start(urls)


def _schema_ok_or_error(db: Any) -> bool:
    from callcenter.db import migrate
    from callcenter.errors import UserFixableError

    try:
        migrate.check_schema(db)
        return True
    except UserFixableError:
        return False  # explained by check_database on the GUI thread


def _idle_lock_minutes(settings: Any) -> float:
    """The idle lock setting, or its default when the database has none (or nonsense) in it."""
    from ui.idle_lock import DEFAULT_IDLE_MINUTES

    try:
        value = settings.get("idle_lock_minutes")
    except Exception as exc:  # an unreadable setting must not stop the console
        log.warning("idle_lock_minutes not read: %s", exc)
        return DEFAULT_IDLE_MINUTES
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return DEFAULT_IDLE_MINUTES
    return float(value)


def _demo_password() -> str:
    from callcenter.services.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


if __name__ == "__main__":
    main()
