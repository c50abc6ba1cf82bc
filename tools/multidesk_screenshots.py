"""One call centre on one PostgreSQL, photographed: two operator desks, the supervisor board, a real line service.

``python tools/multidesk_screenshots.py [OUT_DIR] [--lang=id|en]`` (also run by ``tools/screenshots.py``) starts a
throwaway PostgreSQL cluster (as the tests do), seeds a demo history, runs ``main.py ingest`` on a simulated line as
its own process, and opens three windows, each with its own engine, database worker, change-feed poller and heartbeat:
desk PC-OPS-1 (operator1), desk PC-OPS-2 (operator2) and the supervisor's board. Desk 1 answers the oldest
ringing call and classifies it as a prank; desk 2 and the board show it within a second. Writes
``multidesk-desk1-<lang>.png``, ``multidesk-desk2-<lang>.png`` and ``multidesk-supervisor-<lang>.png``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from callcenter.assembly import build_services  # noqa: E402
from callcenter.db import migrate  # noqa: E402
from callcenter.db.database import Database  # noqa: E402
from callcenter.db.refdata import load_reference_data  # noqa: E402
from callcenter.db.roles import grant_application_role  # noqa: E402
from callcenter.services.auth import AuthService  # noqa: E402
from callcenter.services.base import Actor  # noqa: E402
from callcenter.services.callers import CallerService  # noqa: E402
from callcenter.services.calls import CallService  # noqa: E402
from callcenter.services.demo import DEMO_PASSWORD, seed_demo  # noqa: E402
from callcenter.services.incidents import IncidentService  # noqa: E402
from callcenter.services.presence import Heartbeat, PresenceService  # noqa: E402
from callcenter.services.supervisor import SupervisorService  # noqa: E402
from tests.pg import PostgresCluster, find_pg_bin  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.bridge import CoreBridge  # noqa: E402
from ui.console.window import DeskParts, build_desk  # noqa: E402
from ui.feed_poller import FeedPoller  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ring_banner import RingSound  # noqa: E402
from ui.supervisor import SupervisorBoard  # noqa: E402
from ui.worker import DbWorker  # noqa: E402


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


class Desk:
    """One desk's own stack: engine, worker, feed poller, heartbeat."""

    def __init__(self, url: str, name: str, username: str) -> None:
        self.db = Database(url, pool_size=3)
        self.worker = DbWorker()
        self.bridge = CoreBridge()
        self.actor: Actor = AuthService(self.db).authenticate(username, DEMO_PASSWORD).as_actor()
        self.heartbeat = Heartbeat(PresenceService(self.db), self.actor, name, interval_s=2.0)
        self.heartbeat.start()
        self.poller = FeedPoller(self.worker, self.db, self.bridge)
        self.poller.start()

    def console(self, language: str) -> MainWindow:
        services = build_services(self.db)
        parts = DeskParts(services, services.references.load(), self.worker, DbWorker("render"), self.bridge,
                          RingSound(enabled=False))
        window = build_desk(parts, self.actor, language).window
        window.confirm_close = False
        window.resize(1366, 768)
        return window

    def close(self) -> None:
        self.poller.stop()
        self.heartbeat.stop()
        self.worker.stop()
        self.db.dispose()


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print("wrote", path)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--lang")]
    language = "en" if "--lang=en" in sys.argv[1:] else "id"
    out = Path(args[0]) if args else REPO / "docs" / "screenshots"
    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL server binaries (initdb, pg_ctl) not found", file=sys.stderr)
        return 1
    cluster = PostgresCluster.start(bin_dir)
    ingest: subprocess.Popen[str] | None = None
    desks: list[Desk] = []
    try:
        # As deployment.md sets a centre up: an empty database, 'db upgrade' as the postgres user (it acts as the
        # owner and grants the application role), the demo history as the owner; desks and the line service
        # connect as the application role.
        admin = Database(cluster.create_empty_database("centre"))
        migrate.upgrade(admin)
        grant_application_role(admin)
        admin.dispose()
        url = cluster.url("centre")
        db = Database(cluster.owner_url("centre"))
        now = datetime.now(UTC)
        with db.write() as session:
            load_reference_data(session, now)
        seed_demo(db, days=3, calls_per_day=200, now=now)
        for call in CallService(db).ringing(limit=100):  # start from a quiet queue: only live rings
            CallService(db).end(AuthService(db).authenticate("supervisor", DEMO_PASSWORD).as_actor(), call.id)
        db.dispose()
        ingest = subprocess.Popen([sys.executable, str(REPO / "main.py"), "ingest", "--source",
                                   "sim://?rate=0.6&seed=11&lines=2"], cwd=REPO, text=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=dict(os.environ, CALLCENTER_DB=url, PYTHONPATH=str(REPO)))

        app = create_application(sys.argv[:1])
        QCoreApplication.processEvents()
        Translations().install(language)
        desk1, desk2, boss = Desk(url, "PC-OPS-1", "operator1"), Desk(url, "PC-OPS-2", "operator2"), \
            Desk(url, "PC-SUPERVISOR", "supervisor")
        desks = [desk1, desk2, boss]
        window1, window2 = desk1.console(language), desk2.console(language)
        board = SupervisorBoard(boss.worker, SupervisorService(boss.db), PresenceService(boss.db),
                                IncidentService(boss.db), CallerService(boss.db), boss.actor)
        boss.bridge.feed_changes.connect(board.on_changes)
        board.resize(1366, 736)  # the board window on the centre's 1366x768 screens, below a title bar
        for widget in (window1, window2, board):
            widget.show()
        calls = CallService(desk1.db)
        wait(app, lambda: len(calls.ringing()) >= 3, 40)  # the line service brings the calls
        settle(app, 1.5)
        window1.activateWindow()
        wait(app, window1.isActiveWindow, 3)
        QTest.keyClick(window1, Qt.Key.Key_F2)  # desk 1 answers the oldest call
        wait(app, lambda: window1.mode == "call", 5)
        settle(app, 1.5)
        QTest.keyClick(window1, Qt.Key.Key_F7)  # ... a prank: one key closes it
        settle(app, 1.0)
        QTest.keyClick(window1, Qt.Key.Key_F2)  # and takes the next one
        wait(app, lambda: window1.mode == "call", 5)
        settle(app, 2.5)  # feed polls, board refresh, heartbeats
        grab(window1, out / f"multidesk-desk1-{language}.png")
        grab(window2, out / f"multidesk-desk2-{language}.png")
        grab(board, out / f"multidesk-supervisor-{language}.png")
        board.stop()
        for window in (window1, window2):
            window.close()
        settle(app, 0.5)
    finally:
        for desk in desks:
            desk.close()
        if ingest is not None:
            ingest.send_signal(signal.SIGTERM)
            ingest.wait(30)
        cluster.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown order at exit; everything that matters is written
