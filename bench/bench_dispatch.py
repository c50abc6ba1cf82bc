"""Dispatch benchmark on a seeded demo database (SQLite by default). Prints JSON.

- operator actions: suggestions (the Teruskan dialog's data), forward with print+WhatsApp+webhook (EIDO built),
  one status step, the unit board; p50/p99 in ms over many incidents.
- outbox: N webhook messages delivered to a local HTTP server by two workers at once: messages/s, duplicates
  (must be 0) and lost (must be 0).

Usage: python -m bench.bench_dispatch [--quick] [--db URL]
"""

from __future__ import annotations

import argparse
import http.server
import json
import statistics
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    from callcenter.clock import ManualClock
    from callcenter.db import migrate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.enums import DeliveryChannel, DispatchStatus
    from callcenter.db.models import Agency, Area, Category
    from callcenter.db.refdata import load_reference_data
    from callcenter.forwarding.channels import send_webhook
    from callcenter.forwarding.outbox import OutboxWorker
    from callcenter.services.auth import AuthService
    from callcenter.services.demo import seed_demo
    from callcenter.services.dispatch import DispatchService
    from callcenter.services.incidents import IncidentDraft, IncidentService

    incidents_n = 40 if args.quick else 200
    messages_n = 200 if args.quick else 1000
    seen: Counter[str] = Counter()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                seen[self.headers["X-Konsol112-Delivery"]] += 1
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/eido"

    with tempfile.TemporaryDirectory() as temp:
        now = datetime.now(UTC).replace(microsecond=0)
        db = Database(args.db or sqlite_url(Path(temp) / "bench.sqlite3"))
        migrate.upgrade(db)
        with db.write() as session:
            load_reference_data(session, now)
        seed_demo(db, days=3 if args.quick else 30, calls_per_day=150, seed=11, now=now - timedelta(hours=1))
        with db.write() as session:
            session.execute(update(Agency).values(webhook_url=url, whatsapp="6281220000113"))
            categories = list(session.scalars(select(Category.id).where(Category.kind == "emergency")))
            desa = list(session.scalars(select(Area.code).where(Area.level == "desa_kelurahan")))
        clock = ManualClock(now)
        actor = AuthService(db, clock).authenticate("operator1", "konsol112").as_actor()
        incidents = IncidentService(db, clock)
        dispatch = DispatchService(db, clock)
        timings: dict[str, list[float]] = {"suggestions": [], "forward": [], "status_step": [], "unit_board": []}
        for n in range(incidents_n):
            incident = incidents.create(actor, IncidentDraft(
                category_id=categories[n % len(categories)], desa_code=desa[(n * 7) % len(desa)],
                description="Bench", callback_number="0812-2345-6789"))
            started = time.perf_counter()
            hints = dispatch.suggestions(incident.id)
            timings["suggestions"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            views = dispatch.forward(actor, incident.id, hints.default_agency_ids, hints.suggested_unit_ids,
                                     [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP, DeliveryChannel.WEBHOOK],
                                     confirm_busy=True)
            timings["forward"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            dispatch.update_status(actor, views[0].id, DispatchStatus.ACKNOWLEDGED)
            timings["status_step"].append((time.perf_counter() - started) * 1000)
            if n % 2:
                dispatch.finish_open(actor, incident.id)
            started = time.perf_counter()
            dispatch.unit_board()
            timings["unit_board"].append((time.perf_counter() - started) * 1000)

        # Top up the outbox to messages_n webhook messages, then drain with two workers.
        queued = len([d for d in dispatch.deliveries(limit=100_000) if d.channel is DeliveryChannel.WEBHOOK])
        extra = max(0, messages_n - queued)
        if extra:
            from callcenter.db.enums import OutboxState
            from callcenter.db.models import OutboxMessage

            with db.write() as session:
                session.add_all([OutboxMessage(channel=DeliveryChannel.WEBHOOK, target=url, payload={"eido": {}},
                                               state=OutboxState.PENDING, attempts=0, next_attempt_at=now,
                                               created_at=now) for _ in range(extra)])
        workers = [OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, worker_id=f"desk-{i}")
                   for i in range(2)]
        started = time.perf_counter()
        threads = [threading.Thread(target=lambda w=w: [None for _ in iter(w.run_once, 0)]) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = queued + extra
        result = {
            "database": db.dialect,
            "incidents": incidents_n,
            "ms": {name: {"p50": _p(values, 0.5), "p99": _p(values, 0.99), "mean": round(statistics.mean(values), 2)}
                   for name, values in timings.items()},
            "outbox": {"messages": total, "workers": 2, "seconds": round(elapsed, 2),
                       "messages_per_s": round(total / elapsed, 1), "delivered": len(seen),
                       "duplicates": sum(count - 1 for count in seen.values() if count > 1),
                       "lost": total - len(seen)},
        }
        db.engine.dispose()
    server.shutdown()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
