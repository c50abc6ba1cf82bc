"""What every command shares: exit statuses, the usage error, the parser, the --db option, opening the database,
logging, and ``execute``, which turns every error into one sentence on stderr.

Errors go to stderr as one sentence; exit status 2 for bad arguments or input, 1 for failures. A reader that
closes the pipe early (``| head``) ends the command quietly with status 1: what it read is all it gets.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from callcenter.errors import DatabaseUrlError, KonsolError, UserFixableError, ValidationError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad arguments or input: exit status 2."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse with the house rule: a mistake in the arguments is one line on stderr and exit status 2 (argparse
    itself prints the whole usage first). Sub-command parsers are of the same class."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS so that a --db given before the command is not overwritten by the subparser's default.
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy URL of the database (default: $CALLCENTER_DB, then the SQLite file "
                             "in the user data folder)")


def execute(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command's handler; whatever goes wrong ends as one sentence on stderr and exit status 2 or 1."""
    try:
        status = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return status
    except BrokenPipeError:
        return _quiet_after_closed_pipe()
    except (UsageError, ValidationError, DatabaseUrlError) as exc:
        return fail(exc, EXIT_USAGE)
    except KonsolError as exc:  # UserFixableError (an outage, a missing database) and broken rules
        return fail(exc, EXIT_FAILURE)
    except OSError as exc:  # the machine said no: a full disk, a folder without write permission
        return fail(describe_os_error(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a defect: still one sentence; -v shows where it came from
        logging.getLogger("konsol112").debug("unexpected failure", exc_info=True)
        return fail(f"unexpected failure ({type(exc).__name__}: {first_line(exc)}); run again with -v "
                    "for details and report it", EXIT_FAILURE)


def fail(error: object, status: int) -> int:
    """Print one sentence to stderr and return ``status``."""
    print(f"error: {first_line(error)}", file=sys.stderr)
    return status


def first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__


def describe_os_error(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot use{where}: {exc.strerror or exc}"


def _quiet_after_closed_pipe() -> int:
    # Python would complain once more when it flushes stdout at exit: point stdout at nothing first.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILURE


def configure_logging(verbose: bool) -> None:
    """Our own messages at INFO; libraries (Alembic, SQLAlchemy) only when something is wrong, or with -v."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("konsol112", "callcenter"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)


def open_database(args: argparse.Namespace, *, check: bool = True, create: bool = False) -> Any:
    """The database ``--db`` names. Only ``db upgrade`` passes ``create``: no other command makes a database (nor
    its folder) where there was none."""
    from callcenter.db import migrate
    from callcenter.db.database import Database, resolve_url

    db = Database(resolve_url(getattr(args, "db", None)), create=create)
    if check:
        try:
            migrate.check_schema(db)
        except BaseException:
            db.dispose()
            raise
    return db


def preflight_console(args: argparse.Namespace) -> int | None:
    """Before the console builds any window: a ``--db`` it cannot use is said in one sentence (exit status 2), as
    the commands say it. None when the console may go on (the database itself is checked once it runs)."""
    from callcenter.db.database import check_sqlite_file, parse_database_url, resolve_url, sqlite_file

    if getattr(args, "demo", False):
        return None
    try:
        path = sqlite_file(parse_database_url(resolve_url(getattr(args, "db", None))))
        if path is not None:
            check_sqlite_file(path)
    except DatabaseUrlError as exc:
        return fail(exc, EXIT_USAGE)
    except UserFixableError as exc:
        return fail(exc, EXIT_FAILURE)
    return None


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
