"""Caller-ID intake benchmark: frame in a real pseudo-terminal -> parsed -> committed row. Prints JSON.

- latency: one modem frame at a time, from its last byte written into the pty master to the commit of its
  call row (p50/p99; target p99 <= 20 ms). Baseline: the frame's wire time at 1200 baud.
- burst: 10,000 frames written as fast as the pty takes them; calls/s until the last commit, and how many were
  lost (target >= 2,000 calls/s on SQLite, 0 lost). Baseline: one executemany of the same rows.

Usage: python -m bench.bench_intake [--quick] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _prepare_db(url: str | None, folder: Path) -> Any:
    from callcenter.db import migrate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.refdata import load_reference_data

    db = Database(url or sqlite_url(folder / "bench.sqlite3"))
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime.now().astimezone())
    return db


def _frames(count: int, seed: int) -> list[bytes]:
    from callcenter.cid.encode import CallFrame, modem_incoming
    from callcenter.cid.traffic import TrafficGenerator

    generator = TrafficGenerator(seed, rate=1000.0)
    frames = []
    for index in range(count):
        call = generator.next_call()
        # A distinct device time per frame: identical records within a second are (rightly) taken as a
        # unit repeating itself, and a burst would otherwise contain such repeats for the same offender.
        when = datetime(2026, 3, 2, 10, 0) + timedelta(minutes=index)
        frames.append(modem_incoming(CallFrame.from_call(call, when), ring_first=False))
    return frames


class _Rig:
    """A pseudo-terminal, a serial source reading its slave, intake committing to the database."""

    def __init__(self, db: Any) -> None:
        from callcenter.cid.sources import Subscriber, make_source
        from callcenter.services.intake import IntakeService, IntakeWorker

        self.master, slave = os.openpty()
        self.slave_name = os.ttyname(slave)
        self._slave = slave  # kept open so the pty survives between the source's reopen attempts
        self.committed: list[tuple[int, float]] = []
        self.cond = threading.Condition()
        self.intake = IntakeService(db)
        self.intake.subscribe(self._on_commit)
        self.worker = IntakeWorker(self.intake)
        self.worker.start()
        self.source = make_source(f"serial://{self.slave_name}?format=modem&init=")
        self.up = threading.Event()
        self.source.subscribe(Subscriber(on_event=self.worker.submit,
                                         on_state=lambda state: state.status == "up" and self.up.set()))
        self.source.start()
        if not self.up.wait(10):
            raise RuntimeError("the serial source did not come up")
        time.sleep(0.3)  # let pyserial finish opening (it flushes input at open)

    def _on_commit(self, notices: list[Any]) -> None:
        with self.cond:
            for notice in notices:
                if notice.action == "ringing":
                    self.committed.append((notice.call_id, notice.committed_monotonic))
            self.cond.notify_all()

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.committed) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True

    def close(self) -> None:
        self.source.stop()
        self.worker.stop()
        os.close(self.master)
        os.close(self._slave)


def bench_latency(db: Any, samples: int) -> dict[str, Any]:
    rig = _Rig(db)
    latencies = []
    try:
        for index, frame in enumerate(_frames(samples, seed=11)):
            os.write(rig.master, frame)
            written = time.perf_counter()
            if not rig.wait_for(index + 1, 5):
                raise RuntimeError(f"frame {index} was not committed within 5 s")
            latencies.append((rig.committed[index][1] - written) * 1000)
            time.sleep(0.005)
    finally:
        rig.close()
    frame_bytes = statistics.mean(len(frame) for frame in _frames(20, seed=11))
    wire_ms = frame_bytes * 10 / 1200 * 1000  # 8N1: ten bits per byte at 1200 baud
    return {"samples": len(latencies), "p50_ms": round(_percentile(latencies, 0.5), 2),
            "p99_ms": round(_percentile(latencies, 0.99), 2), "max_ms": round(max(latencies), 2),
            "target_p99_ms": 20, "baseline_wire_time_1200_baud_ms": round(wire_ms, 1),
            "p99_vs_wire_time": round(_percentile(latencies, 0.99) / wire_ms, 3)}


def bench_burst(db: Any, count: int) -> dict[str, Any]:
    from callcenter.db.models import Call

    frames = _frames(count, seed=12)
    with db.write() as session:
        session.execute(delete(Call))
    rig = _Rig(db)
    try:
        started = time.perf_counter()
        payload = b"".join(frames)
        view = memoryview(payload)
        while view:
            written = os.write(rig.master, view[:4096])
            view = view[written:]
        rig.wait_for(count, 120)
        elapsed = rig.committed[-1][1] - started if rig.committed else float("nan")
    finally:
        rig.close()
    with db.read() as session:
        stored = session.scalar(select(func.count()).select_from(Call)) or 0
    rate = stored / elapsed
    baseline = _executemany_baseline(db, count)
    return {"frames": count, "persisted": stored, "lost": count - stored, "seconds": round(elapsed, 3),
            "calls_per_s": round(rate), "target_calls_per_s": 2000,
            "baseline_executemany_rows_per_s": round(baseline), "ratio_to_baseline": round(rate / baseline, 3)}


def _executemany_baseline(db: Any, count: int) -> float:
    from callcenter.db.models import Call

    now = datetime.now().astimezone()
    rows = [{"event_key": f"baseline:{index}", "received_at": now, "number_raw": f"0812{index:08d}",
             "e164": f"+62812{index:08d}", "state": "ringing", "presentation": "allowed", "direction": "incoming",
             "channel": "telepon_112"} for index in range(count)]
    with db.write() as session:
        session.execute(delete(Call).where(Call.event_key.like("baseline:%")))
    started = time.perf_counter()
    with db.write() as session:
        session.execute(insert(Call), rows)
    elapsed = time.perf_counter() - started
    with db.write() as session:
        session.execute(delete(Call).where(Call.event_key.like("baseline:%")))
    return count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run (a few seconds)")
    parser.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    if sys.platform == "win32":
        print(json.dumps({"error": "pseudo-terminals are POSIX only"}))
        return 2
    with tempfile.TemporaryDirectory() as folder:
        db = _prepare_db(args.db, Path(folder))
        result = {
            "benchmark": "intake",
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
            "database": db.dialect,
            "latency": bench_latency(db, 60 if args.quick else 300),
            "burst": bench_burst(db, 1000 if args.quick else 10_000),
        }
        db.dispose()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
