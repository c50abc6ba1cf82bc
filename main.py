"""Konsol 112: parse the command line, then run a headless command (``callcenter.cli``) or the console
(``ui.console``). Assembly of the core lives in ``callcenter.assembly``, of the console in ``ui.console``."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(argv: Sequence[str] | None = None) -> int:
    from callcenter import cli
    from callcenter.cli.common import configure_logging

    args_list = list(sys.argv[1:] if argv is None else argv)
    args = cli.build_parser().parse_args(args_list)
    if args.command is not None:
        return cli.run(args_list)
    configure_logging(args.verbose)
    refused = cli.preflight_console(args)  # a --db it cannot use is one sentence, before any window
    if refused is not None:
        return refused
    from ui.console import run as run_console  # Qt loads only for the console, never for a command

    return run_console(args)


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
