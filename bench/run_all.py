"""Every benchmark in one command, on SQLite and PostgreSQL; ONE JSON document with each figure next to its
target and, where the issue names one, the raw baseline measured in the same run.

    python -m bench.run_all [--quick] [--pg | --no-pg] [--out FILE]

Each benchmark runs as its own process (its RSS, its garbage, its Qt application are its own) and prints JSON;
this script collects them. PostgreSQL runs when --pg is given or when initdb/pg_ctl are found (a throwaway
cluster, as the tests use: fsync off, so commits measure the program rather than this machine's disk).
``--quick``: 100,000 calls instead of 1,000,000, fewer samples: a minute or two in all.
Progress goes to stderr; the document to stdout (and to --out).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _say(text: str) -> None:
    print(f"[run_all {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _run(module: str, *args: str, timeout: float = 1800) -> Any:
    """``python -m module args``; its stdout parsed as JSON (the last JSON document it printed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               QT_LOGGING_RULES="qt.qpa.*=false;qt.multimedia.*=false")
    started = time.perf_counter()
    _say(f"{module} {' '.join(args)}")
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    took = time.perf_counter() - started
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-5:]
        _say(f"{module} failed ({done.returncode}): {' | '.join(tail)}")
        return {"error": f"exit status {done.returncode}", "stderr_tail": tail, "wall_s": round(took, 1)}
    text = done.stdout.strip()
    start = min((i for i in (text.find("{"),) if i >= 0), default=0)
    result = json.loads(text[start:])
    if isinstance(result, dict):
        result.setdefault("wall_s", round(took, 1))
    return result


def _get(document: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(document, dict) or key not in document:
            return None
        document = document[key]
    return document


def _row(value: Any, target: str, ok: bool | None, baseline: Any = None, ratio: Any = None,
         unit: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"value": value, "unit": unit, "target": target, "meets_target": ok}
    if baseline is not None:
        row["baseline"] = baseline
        row["ratio_to_baseline"] = ratio
    return row


def _le(value: Any, limit: float) -> bool | None:
    return None if value is None else bool(value <= limit)


def backend_suite(label: str, make_url: Callable[[str], str], quick: bool) -> dict[str, Any]:
    """Every benchmark on one backend; ``make_url(name)`` gives a fresh, empty database."""
    calls, incidents = (100_000, 20_000) if quick else (1_000_000, 200_000)
    raw: dict[str, Any] = {}
    raw["intake"] = _run("bench.bench_intake", *(["--quick"] if quick else []), "--db", make_url("intake"))
    raw["console_visible"] = _run("bench.bench_console", "visible", "--db", make_url("visible"),
                                  "--samples", "60" if quick else "300", "--burst", "1000" if quick else "10000")
    big = make_url("big")
    raw["make_big_db"] = _run("bench.make_big_db", "--db", big, "--calls", str(calls), "--incidents", str(incidents))
    raw["scale"] = _run("bench.bench_scale", "--db", big, "--runs", "50" if quick else "200")
    raw["console_usable_big"] = _run("bench.bench_console", "usable", "--db", big)
    raw["console_usable_empty"] = _run("bench.bench_console", "usable", "--db", make_url("empty"))
    raw["reports"] = _run("bench.bench_reports", "--repeat", "2" if quick else "3",
                          "--shift-db", make_url("shift"), "--month-db", make_url("month"))
    raw["queues"] = _run("bench.bench_queues", *(["--quick"] if quick else ["--calls", "300000"]),
                         "--db", make_url("queues"))
    raw["supervisor"] = _run("bench.bench_supervisor", "--calls", str(calls // 5 if quick else calls),
                             "--incidents", str(incidents // 5 if quick else incidents),
                             "--runs", "10" if quick else "30", "--db", make_url("supervisor"))
    raw["dispatch"] = _run("bench.bench_dispatch", *(["--quick"] if quick else []), "--db", make_url("dispatch"))
    # Measured from outside: frames into a pty, a separate `main.py ingest`, the durable commit seen by polling
    # (the PostgreSQL run starts its own cluster with fsync and synchronous_commit on).
    raw["intake_outside"] = _run("bench.bench_intake_outside", "--backend", label,
                                 "--runs", "1" if quick else "3", "--samples", "200" if quick else "500")
    if label == "sqlite":
        # These two take no database URL: a live window at 100 calls/s, and main.py --demo starting up.
        raw["gui_burst_100_per_s"] = _run("bench.bench_gui_burst", "--seconds", "3" if quick else "10")
        raw["startup_demo"] = _run("bench.bench_startup", "--runs", "1" if quick else "3")
    else:
        raw["propagation"] = _run("bench.bench_propagation", "--count", "20" if quick else "50",
                                  "--db", make_url("propagation"))

    latency = _get(raw, "console_visible", "latency") or {}
    burst_gui = _get(raw, "console_visible", "burst") or {}
    burst = _get(raw, "intake", "burst") or {}
    usable = raw["console_usable_big"] if "error" not in raw["console_usable_big"] else {}
    empty = raw["console_usable_empty"] if "error" not in raw["console_usable_empty"] else {}
    scale = raw["scale"] if "error" not in raw["scale"] else {}
    figures: dict[str, Any] = {}
    figures["frame_to_console_model_p99_ms"] = _row(
        latency.get("p99_ms"), "<= 20 ms", _le(latency.get("p99_ms"), 20),
        latency.get("baseline_wire_time_1200_baud_ms"), latency.get("p99_vs_wire_time"), "ms")
    figures["frame_to_committed_p99_ms"] = _row(_get(raw, "intake", "latency", "p99_ms"), "(part of the above)",
                                                None, unit="ms")
    outside = _get(raw, "intake_outside", "summary", label) or {}
    outside_target = 2.5 if label == "sqlite" else 5.0
    figures["frame_to_durable_commit_outside_p99_ms"] = _row(
        outside.get("best_p99_ms"), f"<= {outside_target:g} ms on a quiet machine",
        _le(outside.get("best_p99_ms"), outside_target), unit="ms")
    figures["frame_to_durable_commit_outside_p99_ms"]["load"] = outside.get("load_per_run")
    rate = burst.get("calls_per_s")
    figures["burst_calls_per_s"] = _row(rate, ">= 2000 calls/s", None if rate is None else rate >= 2000,
                                        burst.get("baseline_executemany_rows_per_s"),
                                        burst.get("ratio_to_baseline"), "calls/s")
    figures["burst_lost"] = _row(burst.get("lost"), "0", None if burst.get("lost") is None else burst["lost"] == 0)
    gui_rate = burst_gui.get("calls_per_s")
    figures["burst_into_console_calls_per_s"] = _row(
        gui_rate, ">= 2000 calls/s", None if gui_rate is None else gui_rate >= 2000,
        burst.get("baseline_executemany_rows_per_s"),
        None if not gui_rate or not burst.get("baseline_executemany_rows_per_s")
        else round(gui_rate / burst["baseline_executemany_rows_per_s"], 3), "calls/s")
    figures["burst_into_console_lost"] = _row(burst_gui.get("lost"), "0",
                                              None if burst_gui.get("lost") is None else burst_gui["lost"] == 0)
    figures["burst_gui_max_stall_ms"] = _row(burst_gui.get("max_gui_stall_ms"), "<= 100 ms",
                                             _le(burst_gui.get("max_gui_stall_ms"), 100), unit="ms")
    figures["console_usable_after_login_s"] = _row(usable.get("login_to_first_data_s"), "<= 2 s",
                                                   _le(usable.get("login_to_first_data_s"), 2.0), unit="s")
    rss, rss_empty = usable.get("rss_mb"), empty.get("rss_mb")
    figures["console_rss_mb"] = _row(rss, "<= 400 MB", _le(rss, 400), rss_empty,
                                     None if not rss or not rss_empty else round(rss / rss_empty, 3), "MB")
    for name, path, target in (
            ("caller_history_heavy_caller_ms", ("caller_history", "heavy_caller"), 5),
            ("caller_history_ordinary_ms", ("caller_history", "ordinary_caller"), 5),
            ("queue_filter_missed_by_number_ms", ("queue_filter", "missed_by_number"), 50),
            ("queue_filter_open_incidents_by_number_ms", ("queue_filter", "open_incidents_by_number"), 50),
            ("incident_search_by_number_ms", ("incident_search", "by_incident_number"), 100),
            ("incident_search_by_reporter_ms", ("incident_search", "by_reporter_name"), 100),
            ("incident_search_by_partial_number_ms", ("incident_search", "by_partial_number"), 100)):
        entry = _get(scale, *path) or {}
        figures[name] = _row(entry.get("p99_ms"), f"<= {target} ms (p99)", _le(entry.get("p99_ms"), target),
                             _get(entry, "baseline", "p99_ms"),
                             None if not entry else round(entry["p99_ms"] / max(entry["baseline"]["p99_ms"], 1e-3), 1),
                             "ms")
        figures[name]["p50_ms"] = entry.get("p50_ms")
    for name, key, target in (("shift_report_s", "shift", 1.0), ("month_report_s", "month", 5.0)):
        value = _get(raw, "reports", key, "total_best_s")
        figures[name] = _row(value, f"<= {target:g} s", _le(value, target), unit="s")
        figures[name]["calls"] = _get(raw, "reports", key, "calls")
    summary = {"database": label, "calls": calls, "incidents": incidents,
               "big_db_generation_s": _get(raw, "make_big_db", "total_s"),
               "all_targets_met": all(row["meets_target"] is not False for row in figures.values())}
    return {"summary": summary, "figures": figures, "raw": raw}


def machine() -> dict[str, Any]:
    memory = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = round(int(meminfo.read_text().split()[1]) / 1024 / 1024, 1)
    import sqlalchemy

    load = [round(value, 2) for value in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {"cpus": os.cpu_count(), "memory_gib": memory, "load_average_at_start": load,
            "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version, "sqlalchemy": sqlalchemy.__version__}


LABELS = {
    "frame_to_console_model_p99_ms": "frame in -> committed -> in the ring banner's model, p99",
    "frame_to_committed_p99_ms": "frame in -> call row committed, p99 (intake alone)",
    "burst_calls_per_s": "burst of frames through intake (pty -> committed)",
    "burst_lost": "burst: frames lost",
    "burst_into_console_calls_per_s": "burst into a live console window",
    "burst_into_console_lost": "burst into the console: frames lost",
    "burst_gui_max_stall_ms": "burst: longest GUI event-loop stall",
    "console_usable_after_login_s": "console usable after login (window shown, first data loaded)",
    "console_rss_mb": "console RSS with the large database",
    "caller_history_heavy_caller_ms": "caller history, heaviest repeat caller, p99",
    "caller_history_ordinary_ms": "caller history, ordinary number, p99",
    "queue_filter_missed_by_number_ms": "queue filter: missed calls by number, p99",
    "queue_filter_open_incidents_by_number_ms": "queue filter: open incidents by caller number, p99",
    "incident_search_by_number_ms": "incident search by incident number, p99",
    "incident_search_by_reporter_ms": "incident search by reporter name, p99",
    "incident_search_by_partial_number_ms": "incident search by part of a number, p99",
    "shift_report_s": "shift report (query + PDF)",
    "month_report_s": "month report (query + PDF)",
}


def markdown(document: dict[str, Any]) -> str:
    """The figures as a Markdown table: one row per figure, SQLite and PostgreSQL side by side."""
    backends = [name for name in ("sqlite", "postgresql") if "figures" in document.get(name, {})]
    header = "| figure | target | " + " | ".join(
        f"{name}: value | {name}: baseline (ratio)" for name in backends) + " |"
    lines = [header, "|" + "---|" * (2 + 2 * len(backends))]
    for key, label in LABELS.items():
        cells = [label, document[backends[0]]["figures"][key]["target"]]
        for name in backends:
            row = document[name]["figures"][key]
            mark = {True: " ✓", False: " ✗", None: ""}[row["meets_target"]]
            value = "—" if row["value"] is None else f"{row['value']:g} {row['unit']}".strip()
            if "p50_ms" in row and row["p50_ms"] is not None:
                value += f" (p50 {row['p50_ms']:g})"
            cells.append(value + mark)
            cells.append("—" if "baseline" not in row or row["baseline"] is None
                         else f"{row['baseline']:g} {row['unit']} (×{row['ratio_to_baseline']:g})".replace("  ", " "))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a minute or two per database")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--pg", action="store_true", help="PostgreSQL too (a throwaway cluster)")
    choice.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="one backend")
    parser.add_argument("--out", type=Path, help="also write the JSON document here")
    parser.add_argument("--table", type=Path, metavar="JSON", help="print a saved document as a Markdown table")
    args = parser.parse_args()
    if args.table:
        print(markdown(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    sys.path.insert(0, str(ROOT))
    from tests.pg import PostgresCluster, find_pg_bin

    started = time.perf_counter()
    document: dict[str, Any] = {"benchmark": "run_all", "quick": args.quick, "machine": machine(),
                                "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory(prefix="k112-bench-") as folder:
            document["sqlite"] = backend_suite(
                "sqlite", lambda name: f"sqlite:///{Path(folder) / (name + '.sqlite3')}", args.quick)
    pg_bin = find_pg_bin()
    if args.only == "postgresql" or (not args.no_pg and args.only != "sqlite" and (args.pg or pg_bin)):
        if pg_bin is None:
            document["postgresql"] = {"error": "PostgreSQL binaries (initdb, pg_ctl) not found"}
        else:
            cluster = PostgresCluster.start(pg_bin)
            try:
                version = subprocess.run([str(pg_bin / "postgres"), "--version"], capture_output=True,
                                         text=True).stdout.strip()
                document["machine"]["postgresql"] = version
                counter = iter(range(1000))

                def fresh(name: str) -> str:
                    return cluster.create_database(f"bench_{name}_{next(counter)}")

                document["postgresql"] = backend_suite("postgresql", fresh, args.quick)
            finally:
                cluster.stop()
    document["total_s"] = round(time.perf_counter() - started, 1)
    if hasattr(os, "getloadavg"):
        # Other work on the machine (a test suite) shows in the tails (p99) of the millisecond figures.
        document["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    text = json.dumps(document, indent=2, default=str)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
