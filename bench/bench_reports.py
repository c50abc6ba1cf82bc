"""Report benchmark on seeded SQLite databases. Prints JSON.

- shift: the busiest shift of a day seeded so that it holds about 1,500 calls (target <= 1 s in total)
- month: 30 whole days of ``seed_demo(..., calls_per_day=1500)``, about 45,000 calls (target <= 5 s in total)
Each is timed as data query (ReportService) and PDF rendering (reportlab) separately; best and median of
``--repeat`` runs. CSV export of the month's calls is timed too (streamed; not part of a target).

Usage: python -m bench.bench_reports [--repeat N] [--shift-db URL --month-db URL]
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from callcenter.clock import to_wib

NOW = datetime(2026, 3, 31, 17, 0, tzinfo=UTC)  # 1 April 00:00 WIB: March is complete
MONTH = (date(2026, 3, 1), date(2026, 3, 30))   # 30 whole days


def _database(path: Path, days: int, calls_per_day: int, url: str | None = None) -> Any:
    from callcenter.db import migrate
    from callcenter.db.database import Database, sqlite_url
    from callcenter.db.refdata import load_reference_data
    from callcenter.services.demo import seed_demo

    db = Database(url or sqlite_url(path))
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, NOW)
    seed_demo(db, days=days, calls_per_day=calls_per_day, seed=3, now=NOW)
    return db


def _time(function: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return {"best_s": round(min(times), 4), "median_s": round(statistics.median(times), 4)}, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shift-db", help="an empty database URL for the shift (default: a SQLite file)")
    parser.add_argument("--month-db", help="an empty database URL for the month (default: a SQLite file)")
    args = parser.parse_args(argv)

    from callcenter.reports.export import ExportService
    from callcenter.reports.range import render_range_report
    from callcenter.reports.shift import render_shift_report
    from callcenter.services.base import SYSTEM
    from callcenter.services.report_data import ReportService

    result: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                              "database": "postgresql" if args.shift_db and args.shift_db.startswith("postgresql")
                              else "sqlite (WAL, file)", "repeat": args.repeat}
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        # A day of 3,200 calls puts about 1,500 of them in the siang shift (15:00-23:00, the busiest hours).
        started = time.perf_counter()
        shift_db = _database(base / "shift.sqlite3", days=3, calls_per_day=3200, url=args.shift_db)
        month_db = _database(base / "month.sqlite3", days=31, calls_per_day=1500, url=args.month_db)
        result["seed_s"] = round(time.perf_counter() - started, 1)

        service = ReportService(shift_db)
        shift_date = to_wib(NOW).date() - timedelta(days=2)
        query, data = _time(lambda: service.shift_report_data(SYSTEM, shift_date, "siang"), args.repeat)
        render, pdf = _time(lambda: _render(render_shift_report, data), args.repeat)
        result["shift"] = {
            "shift": f"siang {shift_date.isoformat()}", "calls": data.summary.funnel.incoming,
            "incidents": data.summary.incidents_total, "pages": pdf.count(b"/Type /Page\n"),
            "query": query, "render": render, "total_best_s": round(query["best_s"] + render["best_s"], 4),
            "target_s": 1.0,
        }
        result["shift"]["meets_target"] = result["shift"]["total_best_s"] <= 1.0

        service = ReportService(month_db)
        query, data = _time(lambda: service.range_report_data(SYSTEM, *MONTH), args.repeat)
        render, pdf = _time(lambda: _render(render_range_report, data), args.repeat)
        result["month"] = {
            "range": f"{MONTH[0].isoformat()} to {MONTH[1].isoformat()}", "calls": data.summary.funnel.incoming,
            "incidents": data.summary.incidents_total, "pages": pdf.count(b"/Type /Page\n"),
            "query": query, "render": render, "total_best_s": round(query["best_s"] + render["best_s"], 4),
            "target_s": 5.0,
        }
        result["month"]["meets_target"] = result["month"]["total_best_s"] <= 5.0

        exports = ExportService(month_db)
        export_time, rows = _time(lambda: exports.write_calls_csv(SYSTEM, *MONTH, io.StringIO()), 1)
        result["month_calls_csv"] = {"rows": rows, **export_time}
        shift_db.dispose()
        month_db.dispose()
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


def _render(render: Callable[..., None], data: Any) -> bytes:
    buffer = io.BytesIO()
    render(data, buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main())
