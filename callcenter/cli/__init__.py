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

from callcenter import __version__, phone
from callcenter.cid import decode, simulate
from callcenter.cli import aml, ingest, locate, outbox, reports
from callcenter.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Handler,
    UsageError,
    add_db_option,
    configure_logging,
    execute,
    open_database,
    read_password_from_stdin,
)
from callcenter.errors import UserFixableError

log = logging.getLogger("konsol112")

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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

    db = commands.add_parser("db", help="create or upgrade the database; load demo history")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="create or upgrade the schema and load the reference data")
    add_db_option(upgrade)
    upgrade.set_defaults(handler=cmd_db_upgrade)
    seed = db_commands.add_parser("seed-demo", help="add a realistic, deterministic demo history")
    add_db_option(seed)
    seed.add_argument("--days", type=int, default=30, help="days of history (default 30)")
    seed.add_argument("--calls-per-day", type=int, default=150, help="average calls per day (default 150)")
    seed.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same history")
    seed.set_defaults(handler=cmd_db_seed_demo)

    user = commands.add_parser("user", help="manage operator accounts")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", help="add an account; the password is read from stdin")
    add.add_argument("name", help="username (letters, digits, '.', '_' or '-')")
    add.add_argument("--role", choices=("operator", "supervisor", "admin"), required=True)
    add.add_argument("--full-name", default=None, help="the person's name as shown in reports")
    add_db_option(add)
    add.set_defaults(handler=cmd_user_add)

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

def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from callcenter.clock import utcnow
    from callcenter.db import migrate
    from callcenter.db.refdata import load_reference_data

    db = open_database(args, check=False)
    before, after = migrate.upgrade(db)
    with db.write() as session:
        counts = load_reference_data(session, utcnow())
    print(f"database {db.display_url()}: schema {before or 'empty'} -> {after}; reference data added: "
          f"{counts.areas} areas, {counts.agencies} agencies, {counts.categories} categories, "
          f"{counts.shifts} shifts, {counts.settings} settings")
    return EXIT_OK


def cmd_db_seed_demo(args: argparse.Namespace) -> int:
    from callcenter.services.demo import DEMO_PASSWORD, seed_demo

    if args.days < 1 or args.calls_per_day < 1:
        raise UsageError("--days and --calls-per-day must be at least 1")
    db = open_database(args)
    counts = seed_demo(db, days=args.days, calls_per_day=args.calls_per_day, seed=args.seed,
                       progress=lambda message: log.info(message))
    print(f"demo history: {counts.calls:,} calls, {counts.incidents:,} incidents, {counts.dispatches:,} dispatches, "
          f"{counts.callers:,} callers in {counts.seconds:.1f} s")
    if counts.operators_created:
        print(f"demo accounts created (operator1..6, supervisor, admin) with the password {DEMO_PASSWORD!r}: "
              "for demonstrations only")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from callcenter.db.enums import Role
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM

    password = read_password_from_stdin()
    db = open_database(args)
    info = AuthService(db).create_operator(SYSTEM, args.name, args.full_name or args.name, Role(args.role), password)
    print(f"added {info.role} {info.username!r} (id {info.id})")
    return EXIT_OK


def cmd_lookup(args: argparse.Namespace) -> int:
    import os

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


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


