"""The headless command line (``python main.py <command>``). The console itself is started by main.py.

Each command group lives in a module of this package and registers itself in ``build_parser``; what they share
is in ``callcenter.cli.common``. Errors go to stderr as one sentence; exit status 2 for bad arguments or input,
1 for failures.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from callcenter import __version__
from callcenter.cid import decode, simulate
from callcenter.cli import aml, database, ingest, locate, outbox, reports, users
from callcenter.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    ArgumentParser,
    Handler,
    add_db_option,
    configure_logging,
    execute,
    open_database,
    preflight_console,
)
from callcenter.errors import UserFixableError

log = logging.getLogger("konsol112")

def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="konsol112",
        description="Konsol 112 - dispatch console for Call Center 112 Kabupaten Purwakarta. "
                    "Without a command, starts the console.",
    )
    parser.add_argument("--version", action="version", version=f"Konsol 112 {__version__}")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="SQLAlchemy URL of the database (default: $CALLCENTER_DB, then the SQLite file "
                             "in the user data folder)")
    parser.add_argument("--lang", choices=("id", "en"), default=None,
                        help="language of the console and reports (default: id, Indonesian)")
    parser.add_argument("--demo", action="store_true",
                        help="start the console on a demo database with a simulated line, no set-up needed")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    database.add_parser(commands)
    users.add_parser(commands)

    lookup = commands.add_parser("lookup", help="describe a telephone number (JSON), with its history")
    lookup.add_argument("number")
    add_db_option(lookup)
    lookup.set_defaults(handler=cmd_lookup)

    cid = commands.add_parser("cid", help="caller-ID tools")
    decode.add_parser(cid.add_subparsers(dest="cid_command", metavar="ACTION", required=True))
    ingest.add_parser(commands)
    simulate.add_parser(commands).set_defaults(handler=simulate.run)
    reports.add_parser(commands)
    outbox.add_parser(commands)
    aml.add_parser(commands)
    locate.add_parser(commands)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for the headless commands; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    return execute(handler, args)


# -- handlers -----------------------------------------------------------------------------------------------

def cmd_lookup(args: argparse.Namespace) -> int:
    import os

    from callcenter import phone
    from callcenter.db.database import ENV_DB, default_sqlite_path

    info = phone.describe(args.number)
    result: dict[str, Any] = {
        "input": args.number, "e164": info.e164, "national": info.national, "type": info.type,
        "carrier": info.carrier, "area": info.area, "valid": info.valid, "emergency": info.emergency,
        "history": None,
    }
    explicit = getattr(args, "db", None) or os.environ.get(ENV_DB)
    if explicit or default_sqlite_path().exists():
        try:
            result["history"] = _history_json(open_database(args), args.number) if info.e164 else None
        except UserFixableError:
            if explicit:
                raise
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK


def _history_json(db: Any, number: str) -> dict[str, Any]:
    from callcenter.services.callers import CallerService

    history = CallerService(db).history(number, limit=20)

    def iso(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "call_count": history.call_count, "prank_count": history.prank_count, "ghost_count": history.ghost_count,
        "calls_last_30_days": history.calls_last_30_days, "first_seen": iso(history.first_seen),
        "last_seen": iso(history.last_seen), "blocked_until": iso(history.blocked_until),
        "block_reason": history.block_reason,
        "recent_calls": [{"id": c.id, "received_at": iso(c.received_at), "state": c.state, "call_type": c.call_type,
                          "incident": c.incident_number, "operator": c.operator} for c in history.recent_calls],
        "incidents": [{"number": i.number, "created_at": iso(i.created_at), "status": i.status,
                       "category": i.category_id, "priority": i.priority} for i in history.incidents],
    }


__all__ = ["build_parser", "configure_logging", "main", "preflight_console", "run"]


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


