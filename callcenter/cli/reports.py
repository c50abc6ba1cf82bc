"""``report shift|range`` and ``export calls|incidents`` on the command line (acting as the system actor).

Wiring: ``callcenter.cli.build_parser`` calls ``add_parser(commands)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from callcenter.cli.common import EXIT_OK, EXIT_USAGE, UsageError, add_db_option, open_database
from callcenter.files import replace_atomically

EIDO_UNAVAILABLE = "EIDO export is not available in this build"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def add_parser(commands: Any) -> None:
    report = commands.add_parser("report", help="shift and date-range reports (PDF)")
    kinds = report.add_subparsers(dest="report_command", metavar="KIND", required=True)

    shift = kinds.add_parser("shift", help="the shift report to print and sign")
    shift.add_argument("--date", type=_date, required=True, help="the date the shift starts on (YYYY-MM-DD)")
    shift.add_argument("--shift", required=True, metavar="NAME", help="shift code or name: pagi, siang, malam")
    shift.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    shift.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                       help="language of the report (default: id)")
    add_db_option(shift)
    shift.set_defaults(handler=run)

    span = kinds.add_parser("range", help="a report for a date range (admin)")
    span.add_argument("--from", dest="date_from", type=_date, required=True, metavar="D", help="first day")
    span.add_argument("--to", dest="date_to", type=_date, required=True, metavar="D", help="last day (included)")
    span.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    span.add_argument("--csv", type=Path, default=None, metavar="FILE.csv", help="also write the figures per day")
    span.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                      help="language of the report (default: id)")
    add_db_option(span)
    span.set_defaults(handler=run)

    export = commands.add_parser("export", help="export calls or incidents (CSV or EIDO JSON)")
    export.add_argument("what", choices=("calls", "incidents"))
    export.add_argument("--from", dest="date_from", type=_date, required=True, metavar="D", help="first day")
    export.add_argument("--to", dest="date_to", type=_date, required=True, metavar="D", help="last day (included)")
    export.add_argument("--format", choices=("csv", "eido"), default="csv")
    export.add_argument("--out", type=Path, default=None, metavar="FILE", help="default: standard output")
    add_db_option(export)
    export.set_defaults(handler=run, export_command=True)


def run(args: argparse.Namespace) -> int:
    _check_target(args.out)
    _check_target(getattr(args, "csv", None))
    if getattr(args, "export_command", False):
        return _export(args)
    if args.report_command == "shift":
        return _shift(args)
    return _range(args)


def _lang(args: argparse.Namespace) -> str:
    return str(getattr(args, "lang", None) or "id")


def _check_target(path: Path | None) -> None:
    """Refuse an output path that cannot become a file before any work is done."""
    if path is None:
        return
    path = path.expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name a file inside it")
    if not path.parent.is_dir():
        raise UsageError(f"the folder {path.parent} does not exist")


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    _check_target(path)
    replace_atomically(path.expanduser(), write)


def _shift(args: argparse.Namespace) -> int:
    from callcenter.errors import NotFound
    from callcenter.reports.shift import render_shift_report
    from callcenter.services.base import SYSTEM
    from callcenter.services.report_data import ReportService

    db = open_database(args)
    service = ReportService(db)
    try:
        data = service.shift_report_data(SYSTEM, args.date, args.shift)
    except NotFound:
        names = ", ".join(spec.code for spec in service.shift_specs())
        raise UsageError(f"there is no shift {args.shift!r}; the shifts are {names}") from None
    _write_atomically(args.out, lambda path: render_shift_report(data, path, _lang(args)))
    provisional = " (provisional: the shift is still running)" if data.provisional else ""
    print(f"shift report {data.shift_name} {data.shift_date.isoformat()}{provisional}: "
          f"{data.summary.funnel.incoming} calls, {data.summary.incidents_total} incidents -> {args.out}")
    return EXIT_OK


def _range(args: argparse.Namespace) -> int:
    from callcenter.reports.export import open_csv
    from callcenter.reports.range import render_range_report, write_days_csv
    from callcenter.services.base import SYSTEM
    from callcenter.services.report_data import ReportService

    db = open_database(args)
    data = ReportService(db).range_report_data(SYSTEM, args.date_from, args.date_to)
    _write_atomically(args.out, lambda path: render_range_report(data, path, _lang(args)))
    if args.csv is not None:
        def days(path: Path) -> None:
            with open_csv(path) as handle:
                write_days_csv(data, handle, _lang(args))
        _write_atomically(args.csv, days)
    print(f"range report {args.date_from.isoformat()} to {args.date_to.isoformat()}: "
          f"{data.summary.funnel.incoming} calls, {data.summary.incidents_total} incidents -> {args.out}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from callcenter.services.base import SYSTEM
    from callcenter.services.report_data import check_range

    check_range(args.date_from, args.date_to)  # before anything is opened, for both formats
    if args.format == "eido":
        try:
            from callcenter import eido  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            print(f"error: {EIDO_UNAVAILABLE}", file=sys.stderr)
            return EXIT_USAGE
        db = open_database(args)
        objects: Iterable[dict[str, Any]] = eido.export_incidents(db, args.date_from, args.date_to)
        if args.out is None:
            _write_json_array(objects, sys.stdout)
        else:
            def write_json(path: Path) -> None:
                with path.open("w", encoding="utf-8") as handle:
                    _write_json_array(objects, handle)
            _write_atomically(args.out, write_json)
        return EXIT_OK

    from callcenter.reports.export import ExportService, open_csv

    db = open_database(args)
    service = ExportService(db)
    method = service.write_calls_csv if args.what == "calls" else service.write_incidents_csv
    if args.out is None:
        method(SYSTEM, args.date_from, args.date_to, sys.stdout)  # `| head` closing early: see cli.common.execute
        return EXIT_OK
    counted: list[int] = []

    def write_csv(path: Path) -> None:
        with open_csv(path) as handle:
            counted.append(method(SYSTEM, args.date_from, args.date_to, handle))
    _write_atomically(args.out, write_csv)
    print(f"{counted[0]} {args.what} -> {args.out}", file=sys.stderr)
    return EXIT_OK


def _write_json_array(objects: Iterable[dict[str, Any]], out: Any) -> None:
    """One object per line inside a JSON array: streamed, never all in memory."""
    out.write("[")
    for index, item in enumerate(objects):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(item, ensure_ascii=False, default=str))
    out.write("\n]\n")
