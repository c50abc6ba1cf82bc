"""The console itself, offscreen, measured end to end. Prints one JSON object.

Modes (each runs in its own process, so its RSS is its own):

- ``usable``: log in as a demo operator (the real AuthService), then build and show the real MainWindow
  with every view attached as main.py does, and wait until its first data is loaded (the database worker idle
  and every lazy table model filled). Reports the seconds from login accepted to that moment (target <= 2 s)
  and the process RSS then (target <= 400 MB).
- ``visible``: a real pseudo-terminal carries modem frames to the serial source -> IntakeWorker (commit)
  -> CoreBridge -> MainWindow -> the ring banner's model. Latency from the frame's last byte to the call
  appearing in ``window.banner.call_ids()`` (target p99 <= 20 ms; baseline: the frame's wire time at 1200 baud).
  Then a burst of ``--burst`` frames written as fast as the pty takes them while a 5 ms heartbeat on the GUI
  thread records the longest stall (target: never blocked > 100 ms; >= 2,000 calls/s; 0 lost).

Usage: python -m bench.bench_console usable|visible --db URL [--samples N] [--burst N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    """Resident set size now (Linux /proc; elsewhere the peak from getrusage)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Console:
    """The composition main.py does after login, without the dialogs."""

    def __init__(self, db: Any, actor: Any, app: Any) -> None:
        from callcenter.clock import utcnow
        from callcenter.reports.export import ExportService
        from callcenter.services.callers import CallerService
        from callcenter.services.calls import CallService
        from callcenter.services.dispatch import DispatchService
        from callcenter.services.incidents import IncidentService
        from callcenter.services.intake import IntakeService, IntakeWorker
        from callcenter.services.queues import QueueService
        from callcenter.services.reference import ReferenceService
        from callcenter.services.report_data import ReportService
        from callcenter.services.settings import SettingsService
        from callcenter.services.shifts import ShiftService
        from callcenter.services.source_config import SourceConfigService
        from ui.bridge import CoreBridge
        from ui.main_window import MainWindow
        from ui.worker import DbWorker

        self.app = app
        clock = utcnow
        self.worker, self.bridge = DbWorker(), CoreBridge()
        self.intake = IntakeService(db, clock=clock)
        self.intake.subscribe(self.bridge.on_calls)
        self.intake_worker = IntakeWorker(self.intake)
        self.intake_worker.start()
        references = ReferenceService(db, clock)
        window = MainWindow(self.worker, self.bridge, CallService(db, clock), CallerService(db, clock),
                            IncidentService(db, clock), references, references.load(), actor, clock=clock)
        window.attach_views(QueueService(db, clock), ShiftService(db, clock), SourceConfigService(db, clock),
                            SettingsService(db, clock))
        window.attach_dispatch(DispatchService(db, clock), ReportService(db, clock), ExportService(db, clock))
        window.confirm_close = False
        self.window = window

    def settle(self, timeout: float = 30.0) -> None:
        """Process events until the database worker has nothing left to do (first data loaded)."""
        from PySide6.QtCore import QEventLoop

        from ui.table_model import KeyedTableModel

        deadline = time.perf_counter() + timeout
        quiet_since = None
        while time.perf_counter() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            busy = self.worker.pending() > 0 or any(
                getattr(model, "_fetching", False) for model in self.window.findChildren(KeyedTableModel))
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.perf_counter()
            elif time.perf_counter() - quiet_since > 0.02:
                return
        raise RuntimeError("the console did not finish loading")

    def close(self) -> None:
        from PySide6.QtCore import QEventLoop

        self.window.close()
        while self.worker.pending():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        self.worker.stop()
        self.intake_worker.stop()


def _login(db: Any) -> Any:
    from callcenter.db.enums import Role
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM
    from callcenter.services.demo import DEMO_PASSWORD

    auth = AuthService(db)
    try:
        return auth.authenticate("operator1", DEMO_PASSWORD).as_actor()
    except Exception:  # an empty database: the demo operator does not exist yet
        auth.create_operator(SYSTEM, "operator1", "Operator Satu", Role.OPERATOR, DEMO_PASSWORD)
        return auth.authenticate("operator1", DEMO_PASSWORD).as_actor()


def usable(db: Any) -> dict[str, Any]:
    from ui.app import create_application, freeze_startup_heap
    from ui.table_model import KeyedTableModel

    app = create_application(sys.argv[:1])
    before = rss_mb()
    actor = _login(db)
    accepted = time.perf_counter()
    console = Console(db, actor, app)
    console.window.resize(1366, 768)
    console.window.show()
    freeze_startup_heap()
    shown = time.perf_counter()
    console.settle()
    loaded = time.perf_counter()
    models = console.window.findChildren(KeyedTableModel)
    rows = {type(model).__name__: model.rowCount() for model in models}
    result = {"login_to_window_shown_s": round(shown - accepted, 3),
              "login_to_first_data_s": round(loaded - accepted, 3), "target_s": 2.0,
              "models_rows": rows, "rss_mb": rss_mb(), "rss_before_login_mb": before, "target_rss_mb": 400}
    console.close()
    return result


def visible(db: Any, samples: int, burst: int) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from sqlalchemy import func, select, update

    from bench.bench_intake import _frames, _percentile
    from callcenter.cid.sources import Subscriber, make_source
    from callcenter.db.enums import CallState
    from callcenter.db.models import Call
    from ui.app import create_application, freeze_startup_heap

    app = create_application(sys.argv[:1])
    actor = _login(db)
    console = Console(db, actor, app)
    window = console.window
    window.resize(1366, 768)
    window.show()
    freeze_startup_heap()
    console.settle()
    # When each call first appears in the banner's model (set_calls is the banner's only way in).
    seen: dict[int, float] = {}
    original = window.banner.set_calls

    rebuilds: list[float] = []

    def spy(calls: list[Any]) -> None:
        begun = time.perf_counter()
        original(calls)
        moment = time.perf_counter()
        rebuilds.append((moment - begun) * 1000)
        for ringing in calls:
            seen.setdefault(ringing.call.id, moment)
        if waiting and waiting[1]():
            waiting[0].quit()

    window.banner.set_calls = spy  # type: ignore[method-assign]
    committed: dict[int, float] = {}

    def on_commit(notices: list[Any]) -> None:
        for notice in notices:
            committed.setdefault(notice.call_id, notice.committed_monotonic)

    console.intake.subscribe(on_commit)

    master, slave = os.openpty()
    source = make_source(f"serial://{os.ttyname(slave)}?format=modem&init=")
    up = threading.Event()
    source.subscribe(Subscriber(on_event=console.intake_worker.submit,
                                on_state=lambda state: state.status == "up" and up.set()))
    source.start()
    if not up.wait(10):
        raise RuntimeError("the serial source did not come up")
    wait_until = time.perf_counter() + 0.3
    while time.perf_counter() < wait_until:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    waiting: list[Any] = []

    def pump_until(condition: Any, timeout: float) -> bool:
        """Run the event loop (blocked in Qt, as app.exec() is) until ``condition`` holds or ``timeout``."""
        if condition():
            return True
        loop = QEventLoop()
        waiting[:] = [loop, condition]
        check = QTimer()
        check.setInterval(20)
        check.timeout.connect(lambda: condition() and loop.quit())
        check.start()
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        check.stop()
        waiting.clear()
        return bool(condition())

    latencies: list[float] = []
    commits: list[float] = []
    try:
        frames = _frames(samples, seed=21)
        for frame in frames:
            known = len(seen)
            os.write(master, frame)
            written = time.perf_counter()
            if not pump_until(lambda known=known: len(seen) > known, 5):
                raise RuntimeError("a frame did not reach the banner within 5 s")
            newest = max(seen.values())
            latencies.append((newest - written) * 1000)
            newest_id = max(seen, key=seen.__getitem__)
            commits.append((committed.get(newest_id, newest) - written) * 1000)
            if os.environ.get("BENCH_DEBUG"):
                print(f"{latencies[-1]:.1f}", file=sys.stderr, end=" ")
            # Answered at another desk: keeps the ringing list short, as in a staffed centre; the banner learns it
            # with the next refresh, as it would from the change feed.
            with db.write() as session:
                session.execute(update(Call).where(Call.state == CallState.RINGING).values(state=CallState.MISSED))
            pump_until(lambda: False, 0.02)
        wire_ms = sum(len(frame) for frame in frames) / len(frames) * 10 / 1200 * 1000

        # The burst: GUI heartbeat while frames pour in (the frames are made before the heartbeat starts).
        payload = memoryview(b"".join(_frames(burst, seed=22)))
        with db.read() as session:
            before = session.scalar(select(func.count()).select_from(Call)) or 0
        gaps: list[float] = []
        timer = QElapsedTimer()
        timer.start()
        last = [timer.nsecsElapsed()]

        stalls: list[tuple[float, float]] = []

        def beat() -> None:
            now = timer.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            if gaps[-1] > 50:
                stalls.append((round(now / 1e6), round(gaps[-1], 1)))
            last[0] = now

        import gc

        gc_pauses: list[tuple[float, int, float]] = []
        gc_started = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            elif (took := (time.perf_counter() - gc_started[0]) * 1000) > 20:
                gc_pauses.append((round(timer.nsecsElapsed() / 1e6), info["generation"], round(took, 1)))

        gc.callbacks.append(on_gc)

        slow_slots: list[tuple[str, int, float]] = []
        if os.environ.get("BENCH_DEBUG"):
            for name in ("_ringing_loaded", "_calls_committed", "refresh_ringing"):
                def wrap(original: Any, name: str = name) -> Any:
                    def timed(*args: Any) -> Any:
                        begun = time.perf_counter()
                        try:
                            return original(*args)
                        finally:
                            took = (time.perf_counter() - begun) * 1000
                            if took > 10:
                                slow_slots.append((name, round(timer.nsecsElapsed() / 1e6), round(took, 1)))
                    return timed
                setattr(window, name, wrap(getattr(window, name)))
        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        persisted_before = console.intake.persisted
        done = threading.Event()

        def writer() -> None:
            view = payload
            while view:
                written = os.write(master, view[:4096])
                view = view[written:]
            done.set()

        started = time.perf_counter()
        threading.Thread(target=writer, daemon=True).start()
        pump_until(lambda: done.is_set() and console.intake.persisted - persisted_before >= burst, 180)
        committed_at = time.perf_counter()
        pump_until(lambda: console.worker.pending() == 0, 30)
        heartbeat.stop()
        gc.callbacks.remove(on_gc)
        if slow_slots:
            print("slow GUI slots:", slow_slots[:20], file=sys.stderr)
        with db.read() as session:
            after = session.scalar(select(func.count()).select_from(Call)) or 0
        elapsed = committed_at - started
    finally:
        source.stop()
        os.close(master)
        os.close(slave)
    console.close()
    stored = after - before
    return {
        "latency": {"samples": len(latencies), "p50_ms": round(_percentile(latencies, 0.5), 2),
                    "p99_ms": round(_percentile(latencies, 0.99), 2), "max_ms": round(max(latencies), 2),
                    "commit_p50_ms": round(_percentile(commits, 0.5), 2),
                    "commit_p99_ms": round(_percentile(commits, 0.99), 2),
                    "banner_update_p50_ms": round(_percentile(rebuilds, 0.5), 2),
                    "banner_update_p99_ms": round(_percentile(rebuilds, 0.99), 2), "target_p99_ms": 20,
                    "baseline_wire_time_1200_baud_ms": round(wire_ms, 1),
                    "p99_vs_wire_time": round(_percentile(latencies, 0.99) / wire_ms, 3)},
        "burst": {"frames": burst, "persisted": stored, "lost": burst - stored, "seconds": round(elapsed, 3),
                  "calls_per_s": round(stored / elapsed), "target_calls_per_s": 2000,
                  "max_gui_stall_ms": round(max(gaps), 1) if gaps else None, "target_max_gui_stall_ms": 100,
                  "stalls_over_50ms_at_ms": stalls[:10], "gc_pauses_over_20ms": gc_pauses[:10]},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("usable", "visible"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--burst", type=int, default=10_000)
    args = parser.parse_args()
    import ui  # noqa: F401  (applies the binding work-around before Qt is used)
    from callcenter.db import migrate
    from callcenter.db.database import Database
    from callcenter.db.refdata import load_reference_data

    db = Database(args.db)
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime.now(UTC))
    if args.mode == "usable":
        result = usable(db)
    else:
        if sys.platform == "win32":
            print(json.dumps({"error": "pseudo-terminals are POSIX only"}))
            return 2
        result = visible(db, args.samples, args.burst)
    db.dispose()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
