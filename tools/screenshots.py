"""Regenerate docs/screenshots/ from a seeded demo database, offscreen: ``python -m tools.screenshots [OUT_DIR]``.

Everything is deterministic (fixed seed, fixed clock, fixed callers), so the pictures only change when the UI does.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from callcenter.assembly import build_services
from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.cid.sources import LineState, LineStatus
from callcenter.clock import ManualClock
from callcenter.db import migrate
from callcenter.db.database import Database, sqlite_url
from callcenter.db.refdata import load_reference_data
from callcenter.services.demo import DEMO_PASSWORD, seed_demo
from callcenter.services.intake import IntakeService
from ui.app import create_application
from ui.bridge import CoreBridge
from ui.console.window import DeskParts, build_desk
from ui.i18n import Translations
from ui.login import LoginDialog
from ui.ring_banner import RingSound
from ui.worker import DbWorker

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
NOW = datetime(2026, 3, 2, 3, 12, tzinfo=UTC)  # 10:12 WIB on a Monday morning
SIM_KEY = "sim:demo"
CALLERS = ("081234567890", "0264200112", "085722334455", "081399887766")


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            notes = [w.text() for w in QApplication.allWidgets()
                     if w.objectName() in ("statusNote", "ringWarn") and hasattr(w, "text") and w.text()]
            raise TimeoutError("the console did not settle: " + " | ".join(notes))
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path}")


def prepare(folder: Path) -> Database:
    db = Database(sqlite_url(folder / "screens.sqlite3"))
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, NOW)
    seed_demo(db, days=3, calls_per_day=150, seed=7, now=NOW)
    return db


def prankster(db: Database) -> str:
    """A seeded caller with prank history, so the banner shows its warning."""
    from sqlalchemy import select

    from callcenter.db.models import Caller

    with db.read() as session:
        number = session.scalar(select(Caller.e164).where(Caller.prank_count > 0)
                                .order_by(Caller.prank_count.desc(), Caller.e164).limit(1))
    return number or CALLERS[3]


def ring(intake: IntakeService, clock: ManualClock, number: str | None, line: str = "1") -> None:
    clock.advance(4)
    event = CallerIdEvent(format="sim", kind=EventKind.INCOMING, received_at=clock(), raw=f"SIM {number}",
                          line=line, number=number,
                          presentation=Presentation.ALLOWED if number else Presentation.PRIVATE)
    intake.process([(SIM_KEY, event)])


def parts_for(db: Database, clock: ManualClock) -> DeskParts:
    services = build_services(db, clock)
    return DeskParts(services, services.references.load(), DbWorker(), DbWorker("render"), CoreBridge(),
                     RingSound(enabled=False))


def shoot(app: QApplication, db: Database, language: str, out: Path, translations: Translations) -> None:
    translations.install(language)
    clock = ManualClock(NOW)
    parts = parts_for(db, clock)
    worker, services = parts.worker, parts.services
    actor = services.auth.authenticate("operator1", DEMO_PASSWORD).as_actor()
    intake = IntakeService(db, clock=clock)
    intake.subscribe(parts.bridge.on_calls)
    # Clear what the seed left ringing so every run shows the same banner.
    for call in services.calls.ringing(limit=500):
        services.calls.end(actor, call.id)
    desk = build_desk(parts, actor, language)
    window = desk.window
    window.confirm_close = False
    window.resize(1366, 768)
    window.show()
    window.line_strip.on_line_state(LineState(SIM_KEY, "Telkom 112 (sim)", LineStatus.UP, None, NOW))
    window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.UP, None, NOW))

    def idle() -> bool:
        return worker.pending() == 0

    wait(app, idle)
    grab(window, out / f"main-window-idle-{language}.png")

    for number in [prankster(db), *CALLERS[:2]]:
        ring(intake, clock, number)
    ring(intake, clock, None, line="2")
    wait(app, lambda: idle() and len(window.banner.call_ids()) == 4)
    clock.advance(9)
    window.banner._tick()
    grab(window, out / f"main-window-{language}.png")
    grab(window.banner, out / f"incoming-call-{language}.png")

    window.activateWindow()
    wait(app, window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F2)
    wait(app, lambda: idle() and window.mode == "call")
    grab(window, out / f"call-answered-{language}.png")
    QTest.keyClick(window, Qt.Key.Key_F3)
    wait(app, idle)
    history = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "CallerHistoryDialog"
                   and w.isVisible())
    history.resize(900, 600)
    wait(app, idle)
    grab(history, out / f"caller-history-{language}.png")
    history.close()
    wait(app, idle)
    window.activateWindow()
    wait(app, window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F5)
    wait(app, lambda: idle() and window.mode == "incident")
    form = window.incident_form
    form.category.setCurrentIndex(form.category.findText("Kebakaran" if language == "id" else "Fire"))
    form.kecamatan.setCurrentIndex(form.kecamatan.findText("Purwakarta"))
    form.desa.setCurrentIndex(form.desa.findText("Nagri Kaler"))
    form.address.setText("Jl. Veteran No. 21, RT 02/RW 05")
    form.landmark.setText("seberang Pasar Rebo" if language == "id" else "opposite Pasar Rebo")
    form.reporter_name.setText("Ibu Siti Aminah")
    form.description.setPlainText("Asap tebal dari dapur rumah makan, api mulai membesar. Dua orang masih di "
                                  "dalam." if language == "id" else "Thick smoke from a restaurant kitchen, "
                                  "the fire is growing. Two people still inside.")
    form._want_suggestions()
    wait(app, idle)
    grab(window, out / f"incident-form-{language}.png")

    form.description.clear()
    form.category.setCurrentIndex(-1)
    form.category.setEditText("")
    form.kecamatan.setCurrentIndex(-1)
    form.kecamatan.setEditText("")
    form.address.clear()
    form.save()
    wait(app, lambda: idle() and bool(form.problem_text("description")))
    grab(window, out / f"incident-validation-{language}.png")

    desk.flow.cancel()
    window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.DOWN,
                                              "COM3: the serial device went away (cable pulled or port closed)", NOW,
                                              "serial.gone", {"port": "COM3"}))  # as the serial source says it
    wait(app, idle)
    grab(window, out / f"line-down-{language}.png")

    window.toggle_help()
    wait(app, idle)
    grab(window, out / f"shortcuts-{language}.png")
    window.toggle_help()

    # The database is away: one loud banner above the calls.
    desk.outage.set_outage("intake", "database is locked")
    wait(app, idle)
    grab(window, out / f"database-outage-{language}.png")
    desk.outage.set_outage("intake", None)

    # Idle lock: the ringing calls stay visible above the cover.
    desk.lock.lock()
    wait(app, idle)
    grab(window, out / f"lock-screen-{language}.png")
    desk.lock.unlock()

    shoot_supervisor(app, parts, language, out)

    login = LoginDialog(worker, services.auth, clock=clock)
    login.username.setText("operator1")
    login.show()
    wait(app, idle)
    grab(login, out / f"login-{language}.png")
    login.close()

    window.close()
    wait(app, idle)
    worker.stop()
    parts.render.stop()


def shoot_supervisor(app: QApplication, parts: DeskParts, language: str, out: Path) -> None:
    """The supervisor's console (more header buttons) and the live board in its own window (F12)."""
    services, worker = parts.services, parts.worker
    actor = services.auth.authenticate("supervisor", DEMO_PASSWORD).as_actor()
    for number, desk_name in enumerate(("MEJA-1", "MEJA-2")):
        services.presence.heartbeat(services.auth.authenticate(f"operator{number + 1}", DEMO_PASSWORD).as_actor(),
                                    desk_name)
    desk = build_desk(parts, actor, language)
    window = desk.window
    window.confirm_close = False
    window.resize(1366, 768)
    window.show()
    wait(app, lambda: worker.pending() == 0)
    grab(window, out / f"main-window-supervisor-{language}.png")
    assert desk.supervision is not None
    desk.supervision.open_board()
    board, board_window = desk.supervision.board, desk.supervision.board_window
    assert board is not None and board_window is not None
    board.timer.stop()
    board_window.resize(1600, 900)
    wait(app, lambda: worker.pending() == 0 and board.snapshot is not None)
    grab(board_window, out / f"supervisor-window-{language}.png")
    window.close()
    wait(app, lambda: worker.pending() == 0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    QCoreApplication.processEvents()
    translations = Translations()
    with tempfile.TemporaryDirectory() as folder:
        for language in ("id", "en"):
            db = prepare(Path(folder) / language)
            try:
                shoot(app, db, language, out, translations)
            finally:
                db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
