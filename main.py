"""Konsol 112 composition root: parse the command line, then either run a headless command or build the console.

The console is assembled here in a visible order - database, services, caller-ID sources, windows - and
every part receives what it needs through its constructor.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(argv: Sequence[str] | None = None) -> int:
    from callcenter import cli

    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    args = parser.parse_args(args_list)
    if args.command is not None:
        return cli.run(args_list)
    parser.print_help()
    return cli.EXIT_USAGE


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
