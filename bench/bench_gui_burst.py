"""GUI-thread responsiveness while intake takes a burst: 100 calls/s for 10 s into a live console window.

A QTimer heartbeat (every 5 ms) on the GUI thread records the longest gap between beats: the worst time the
event loop was blocked. The window is the real MainWindow (banner, line strip, queues, change feed) on a real
SQLite database; calls arrive through the real IntakeWorker as a caller-ID source would deliver them.

    python bench/bench_gui_burst.py [--rate 100] [--seconds 10]      prints one JSON object
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

import ui  # noqa: F401  (applies the binding work-around before Qt is used)
from callcenter.assembly import build_services
from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.db import migrate
from callcenter.db.database import Database, sqlite_url
from callcenter.db.enums import Role
from callcenter.db.refdata import load_reference_data
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM
from callcenter.services.intake import IntakeService, IntakeWorker
from callcenter.synthetic import mobile_number
from ui.app import create_application, freeze_startup_heap
from ui.bridge import CoreBridge
from ui.console.window import DeskParts, build_desk
from ui.feed_poller import FeedPoller
from ui.ring_banner import RingSound
from ui.worker import DbWorker


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        db = Database(sqlite_url(Path(folder) / "burst.sqlite3"))
        migrate.upgrade(db)
        with db.write() as session:
            load_reference_data(session, datetime.now(UTC))
        actor = AuthService(db).create_operator(SYSTEM, "bench", "Bench", Role.OPERATOR, "rahasia-123").as_actor()
        worker, bridge = DbWorker(), CoreBridge()
        intake = IntakeService(db)
        intake.subscribe(bridge.on_calls)
        intake_worker = IntakeWorker(intake)
        intake_worker.start()
        services = build_services(db)
        parts = DeskParts(services, services.references.load(), worker, DbWorker("render"), bridge,
                          RingSound(enabled=False), intake, intake_worker)
        window = build_desk(parts, actor, "id").window
        window.confirm_close = False
        window.resize(1366, 768)
        window.show()
        poller = FeedPoller(worker, db, bridge)
        poller.start()
        freeze_startup_heap()  # as main.py does once the window is up

        gaps: list[float] = []
        worst: list[tuple[float, float]] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def beat() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            if (now - last[0]) / 1e6 > 50:
                worst.append((round(now / 1e9, 2), round((now - last[0]) / 1e6, 1)))
            last[0] = now

        import gc

        gc_pauses: list[tuple[float, int, float]] = []
        gc_started = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                took = (time.perf_counter() - gc_started[0]) * 1000
                if took > 20:
                    gc_pauses.append((round(clock.nsecsElapsed() / 1e9, 2), info["generation"], round(took, 1)))

        gc.callbacks.append(on_gc)
        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        heartbeat.start()

        total = int(args.rate * args.seconds)
        sent = [0]

        def feed() -> None:
            import random

            rng = random.Random(7)
            start = time.perf_counter()
            for index in range(total):
                due = start + index / args.rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                number = mobile_number(rng)
                event = CallerIdEvent(format="bench", kind=EventKind.INCOMING, received_at=datetime.now(UTC),
                                      raw=f"BENCH {index}", line=str(1 + index % 4), number=number,
                                      presentation=Presentation.ALLOWED, call_ref=f"bench-{index}")
                intake_worker.submit("bench", event)
                sent[0] += 1

        feeder = threading.Thread(target=feed, daemon=True)
        started = time.perf_counter()
        feeder.start()
        while feeder.is_alive() or intake_worker.backlog():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        settle_until = time.perf_counter() + 2.0
        while time.perf_counter() < settle_until:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        elapsed = time.perf_counter() - started
        heartbeat.stop()
        poller.stop()
        ringing_shown = len(window.banner.call_ids())
        window.close()
        while worker.pending():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        worker.stop()
        intake_worker.stop()
        ordered = sorted(gaps)
        result = {
            "calls_sent": sent[0],
            "calls_persisted": intake.persisted,
            "rate_per_s": args.rate,
            "seconds": round(elapsed, 2),
            "heartbeat_interval_ms": 5,
            "max_event_loop_stall_ms": round(ordered[-1], 1),
            "p99_heartbeat_gap_ms": round(ordered[int(len(ordered) * 0.99)], 1),
            "median_heartbeat_gap_ms": round(ordered[len(ordered) // 2], 1),
            "banner_ringing_calls_at_end": ringing_shown,
            "target_max_stall_ms": 100,
            "ok": ordered[-1] <= 100,
            "stalls_over_50ms": worst[:20],
            "gc_pauses_over_20ms": gc_pauses[:20],
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        }
        db.dispose()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
