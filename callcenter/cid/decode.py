"""``cid decode``: run a caller-ID parser over a file (or stdin) and print one JSON object per event.

Output keys, in this order: format, kind, line, number, presentation, name, timestamp, duration_s, e164, raw.
Malformed frames print one ``warning: <format>: <message>: <raw>`` line on stderr each and never stop the
run; past ``WARNING_BURST`` warnings a minute, the rest are counted and summarised (a noisy input must not
write a line per garbage byte). The input is read as a stream: each event is printed as soon as its frame is
complete, memory stays bounded however long the input is (``/dev/ttyUSB0``, an endless pipe), and a reader that
goes away (``| head``) ends the run quietly. Exit status: 0 (even with warnings), 2 for an unreadable file, an
unknown format or a bad year.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO

from callcenter.cid.base import WarningLimiter, is_dialable
from callcenter.cid.events import CallerIdEvent, FrameParser, ParseResult
from callcenter.cid.registry import FORMATS, PARSERS
from callcenter.clock import WIB
from callcenter.phone import to_e164

READ_SIZE = 65536
WARNING_BURST = 100
"""Warnings printed one by one per minute before the rest are only counted (and summarised)."""

DESCRIPTION = (
    "Decode caller-ID frames from FILE (or standard input) and print one JSON object per event: "
    "format, kind, line, number, presentation, name, timestamp, duration_s, e164, raw. "
    "Malformed frames give one warning line each on standard error."
)
ESCAPES_HELP = (
    "treat a literal backslash-n (\\n) as a newline and backslash-r (\\r) as a carriage return; "
    "use it for files that write line ends in that notation, such as NCID's test-modem-calls.data "
    "and test-device-calls.data"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", dest="cid_format", default="auto", metavar="F",
                        help=f"frame format: {', '.join(FORMATS)} (default: auto, recognised from the data)")
    parser.add_argument("--year", type=int, default=None, metavar="YYYY",
                        help="year given to dates that carry only month and day, such as modem and "
                             "CallerID.com frames (default: the current year)")
    parser.add_argument("--escapes", action="store_true", help=ESCAPES_HELP)
    parser.add_argument("--datefmt", choices=("mdy", "dmy"), default=None,
                        help="NCID only: order of month and day in DATE fields (dmy for servers outside the "
                             "US; default mdy)")
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="file to decode, or - for standard input (default)")


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``decode`` to the ``cid`` command group of the main command line."""
    parser = subparsers.add_parser("decode", help="decode caller-ID frames to JSON lines",
                                   description=DESCRIPTION)
    add_arguments(parser)
    parser.set_defaults(handler=run)  # the command line dispatches on args.handler


def make_parser(fmt: str, year: int | None, datefmt: str | None = None) -> FrameParser:
    """A parser for ``fmt`` whose month/day dates get ``year`` (None: inferred from the receive time)."""
    module_name, class_name = PARSERS[fmt].split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    options = {"datefmt": datefmt} if datefmt is not None and fmt == "ncid" else {}
    parser: FrameParser = cls(tz=WIB, year=year, **options)
    return parser


def event_record(event: CallerIdEvent) -> dict[str, object]:
    """The JSON object for one event, keys in the documented order."""
    return {
        "format": event.format,
        "kind": event.kind.value,
        "line": event.line,
        "number": event.number,
        "presentation": event.presentation.value,
        "name": event.name,
        "timestamp": event.timestamp.isoformat() if event.timestamp is not None else None,
        "duration_s": event.duration_s,
        "e164": to_e164(event.number) if is_dialable(event.number) else None,
        "raw": event.raw,
    }


def _emit(results: list[ParseResult], out: TextIO, err: TextIO) -> None:
    for result in results:
        if isinstance(result, CallerIdEvent):
            record = event_record(result)
            try:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            except UnicodeEncodeError:  # a console that cannot show the name: escape instead of failing
                out.write(json.dumps(record) + "\n")
        else:
            err.write(f"warning: {result.format}: {result.message}: {result.raw!r}\n")


def run(args: argparse.Namespace) -> int:
    fmt: str = args.cid_format
    if fmt not in PARSERS:
        sys.stderr.write(f"error: unknown caller-ID format {fmt!r}; choose one of {', '.join(FORMATS)}.\n")
        return 2
    now = datetime.now(UTC)
    year: int = args.year if args.year is not None else now.astimezone(WIB).year
    if not 1 <= year <= 9999:
        sys.stderr.write(f"error: --year {year} is not a year between 1 and 9999.\n")
        return 2
    path: str = args.file
    try:
        stream: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as problem:
        sys.stderr.write(f"error: cannot read {path}: {problem.strerror or problem}.\n")
        return 2
    parser = make_parser(fmt, year, getattr(args, "datefmt", None))
    try:
        return _stream(stream, parser, path, escapes=bool(args.escapes))
    except BrokenPipeError:
        # `| head` closed the pipe: stop quietly, and keep the interpreter's final flush from failing too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _stream(stream: BinaryIO, parser: FrameParser, path: str, *, escapes: bool) -> int:
    """Feed the input to the parser as it arrives and print each event at once; bounded memory."""
    out, err = sys.stdout, sys.stderr
    limiter = WarningLimiter(parser.format, burst=WARNING_BURST)
    read = getattr(stream, "read1", stream.read)
    held = b""
    while True:
        try:
            chunk = read(READ_SIZE)
        except OSError as problem:
            err.write(f"error: cannot read {path}: {problem.strerror or problem}.\n")
            return 2
        if not chunk:
            break
        if escapes:
            chunk, held = _unescape(held + chunk)
        _emit(limiter.filter(parser.feed(chunk, datetime.now(UTC))), out, err)
        out.flush()
    now = datetime.now(UTC)
    results = parser.feed(held, now) if held else []
    results += parser.flush(now)
    summary = limiter.summary(now)
    _emit(limiter.filter(results) + ([summary] if summary is not None else []), out, err)
    out.flush()
    return 0


def _unescape(data: bytes) -> tuple[bytes, bytes]:
    """Literal backslash-n/backslash-r to line ends; a backslash at the very end waits for the next read."""
    held = b""
    if data.endswith(b"\\"):
        data, held = data[:-1], b"\\"
    return data.replace(b"\\r", b"\r").replace(b"\\n", b"\n"), held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m callcenter.cid.decode", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
