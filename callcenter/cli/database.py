"""``python main.py db ...``: create or upgrade the schema, grant the application role, load demo history.

    db upgrade [--app-role NAME] [--db URL]     migrate, load missing reference data; on PostgreSQL grant the
                                                application role and print what it is and holds
    db seed-demo [--days N] [--calls-per-day N] [--seed S] [--with-logins] [--db URL]
                                                a demo history; its operators cannot log in unless
                                                --with-logins (then each must change the demo password)

On PostgreSQL ``db upgrade`` connects as the schema's owner role or as the postgres superuser (then it acts as
the owner); desks never use that connection (callcenter.db.roles, docs/deployment.md).
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from callcenter.cli.common import EXIT_OK, UsageError, add_db_option, open_database

log = logging.getLogger("konsol112")


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    from callcenter.db.roles import APP_ROLE

    db = subparsers.add_parser("db", help="create or upgrade the database; load demo history")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", help="create or upgrade the schema, load the reference data, grant the application role",
        description="Create or upgrade the schema and load missing reference data. On PostgreSQL, connect as the "
                    "schema's owner role or as the postgres superuser; the application role (what desks and the "
                    "line service log in as) is then granted exactly what it needs.")
    upgrade.add_argument("--app-role", default=APP_ROLE, metavar="NAME",
                         help=f"PostgreSQL role of the desks and the line service (default {APP_ROLE})")
    add_db_option(upgrade)
    upgrade.set_defaults(handler=cmd_upgrade)
    seed = db_commands.add_parser("seed-demo", help="add a realistic, deterministic demo history")
    add_db_option(seed)
    seed.add_argument("--days", type=int, default=30, help="days of history (default 30)")
    seed.add_argument("--calls-per-day", type=int, default=150, help="average calls per day (default 150)")
    seed.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same history")
    seed.add_argument("--with-logins", action="store_true",
                      help="also create the demo accounts operator1..6, supervisor and admin with the published demo "
                           "password; each must choose its own at its first login (without this option the demo "
                           "operators cannot log in)")
    seed.set_defaults(handler=cmd_seed_demo)


def cmd_upgrade(args: argparse.Namespace) -> int:
    from callcenter.clock import utcnow
    from callcenter.db import migrate, roles
    from callcenter.db.refdata import load_reference_data

    db = open_database(args, check=False, create=True)  # the one command that makes a database
    before, after = migrate.upgrade(db)
    with db.write() as session:
        counts = load_reference_data(session, utcnow())
    print(f"database {db.display_url()}: schema {before or 'empty'} -> {after}; reference data added: "
          f"{counts.areas} areas, {counts.agencies} agencies, {counts.categories} categories, "
          f"{counts.shifts} shifts, {counts.settings} settings, {counts.questions} category questions", flush=True)
    if db.is_sqlite:
        print("SQLite: one file and no database roles; the file's permissions are its protection "
              "(docs/security.md)")
        return EXIT_OK
    for line in roles.grant_application_role(db, args.app_role).describe():
        print(line)
    return EXIT_OK


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from callcenter.services.demo import DEMO_PASSWORD, DemoLogins, seed_demo

    if args.days < 1 or args.calls_per_day < 1:
        raise UsageError("--days and --calls-per-day must be at least 1")
    db = open_database(args)
    logins = DemoLogins.MUST_CHANGE if args.with_logins else DemoLogins.NONE
    counts = seed_demo(db, days=args.days, calls_per_day=args.calls_per_day, seed=args.seed,
                       progress=lambda message: log.info(message), logins=logins)
    print(f"demo history: {counts.calls:,} calls, {counts.incidents:,} incidents, {counts.dispatches:,} dispatches, "
          f"{counts.callers:,} callers in {counts.seconds:.1f} s")
    created = ", ".join(counts.accounts_created)
    if counts.accounts_created and logins is DemoLogins.MUST_CHANGE:
        print(f"accounts created: {created}, with the demo password {DEMO_PASSWORD!r}; each must choose its own "
              "password at its first login")
    elif counts.accounts_created:
        print(f"demo operators created without a password (they cannot log in; with --with-logins they could): "
              f"{created}")
    else:
        print("no accounts created")
    if counts.accounts_kept:
        print(f"existing accounts kept as they were (passwords unchanged): {', '.join(counts.accounts_kept)}")
    return EXIT_OK
