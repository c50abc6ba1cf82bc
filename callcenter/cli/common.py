"""What every command shares: exit statuses, the usage error, the --db option, opening the database, logging.

Errors go to stderr as one sentence; exit status 2 for bad arguments or input, 1 for failures.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from typing import Any

from callcenter.errors import KonsolError, UserFixableError, ValidationError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad arguments or input: exit status 2."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS so that a --db given before the command is not overwritten by the subparser's default.
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy URL of the database (default: $CALLCENTER_DB, then the SQLite file "
                             "in the user data folder)")


def execute(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UserFixableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KonsolError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


def configure_logging(verbose: bool) -> None:
    """Our own messages at INFO; libraries (Alembic, SQLAlchemy) only when something is wrong, or with -v."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("konsol112", "callcenter"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)


def open_database(args: argparse.Namespace, *, check: bool = True) -> Any:
    from callcenter.db import migrate
    from callcenter.db.database import Database, resolve_url

    db = Database(resolve_url(getattr(args, "db", None)))
    if check:
        migrate.check_schema(db)
    return db


def read_password_from_stdin() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise UsageError("the two passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise UsageError("no password on standard input")
    return line.rstrip("\r\n")
