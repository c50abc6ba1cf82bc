"""``python main.py user add NAME --role R``: an operator account; the password never on the command line.

The password is asked for twice at a terminal; otherwise it is the first line of ``--password-file FILE`` or of
standard input (a script: ``konsol112 user add ... --password-file /root/admin.password``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from callcenter.cli.common import EXIT_OK, UsageError, add_db_option, open_database, read_password_from_stdin


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    user = subparsers.add_parser("user", help="manage operator accounts")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser(
        "add", help="add an account; the password is asked for (or read from --password-file or stdin)")
    add.add_argument("name", help="username (letters, digits, '.', '_' or '-')")
    add.add_argument("--role", choices=("operator", "supervisor", "admin"), required=True)
    add.add_argument("--full-name", default=None, help="the person's name as shown in reports")
    add.add_argument("--password-file", metavar="FILE", default=None,
                     help="read the password from the first line of FILE instead of asking")
    add_db_option(add)
    add.set_defaults(handler=cmd_add)


def read_password_file(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            line = handle.readline()
    except OSError as exc:
        raise UsageError(f"cannot read the password file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"the password file {path} is not UTF-8 text") from exc
    password = line.rstrip("\r\n")
    if not password:
        raise UsageError(f"the password file {path} is empty")
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        print(f"warning: {path} can be read by other users of this computer; make it mode 0600 or delete it",
              file=sys.stderr)
    return password


def cmd_add(args: argparse.Namespace) -> int:
    from callcenter.db.enums import Role
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM

    password = read_password_file(Path(args.password_file)) if args.password_file else read_password_from_stdin()
    db = open_database(args)
    info = AuthService(db).create_operator(SYSTEM, args.name, args.full_name or args.name, Role(args.role), password)
    print(f"added {info.role} {info.username!r} (id {info.id})")
    return EXIT_OK
