"""``aml decode [FILE|-]``: Advanced Mobile Location messages to JSON lines.

Each input line is an AML message as text (``A"ML=1;lt=...``) or an SMS-DELIVER PDU in hex as a modem prints it
in PDU mode (the service centre address first; a bare TPDU is accepted too). The header lines a modem prints
before a PDU (``+CMGL:``, ``+CMGR:``, ``+CMT:``) and ``OK`` are skipped; parts of a concatenated message are
joined and give one object when the last part has come. One JSON object per location::

    {"version", "lat", "lon", "radius_m", "positioned_at", "confidence", "method", "imsi", "imei", "mcc", "mnc",
     "sender", "length_ok"}

A line that is not an AML message gives one ``warning: line N: ...`` on stderr and the run goes on. Exit status
0 (even with warnings), 2 for a file that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from callcenter import phone
from callcenter.aml.message import AmlMessage, looks_like_aml, parse_aml
from callcenter.aml.pdu import SmsDeliver, decode_deliver
from callcenter.aml.sms import Reassembler, interpret
from callcenter.errors import MessageError

MODEM_HEADERS = ("+CMGL:", "+CMGR:", "+CMT:", "OK")


def add_parser(subparsers: Any) -> None:
    aml = subparsers.add_parser("aml", help="Advanced Mobile Location tools (caller locations from phones)")
    actions = aml.add_subparsers(dest="aml_command", metavar="ACTION", required=True)
    decode = actions.add_parser(
        "decode", help="AML messages or SMS-DELIVER PDUs (hex) to JSON lines",
        description="Read AML messages as text, or SMS-DELIVER PDUs in hex as a GSM modem prints them, one per "
                    "line, and print one JSON object per location. Bad lines give a warning on stderr.")
    decode.add_argument("file", nargs="?", default="-", metavar="FILE", help="input file (default: - for stdin)")
    decode.set_defaults(handler=run_decode)


def location_record(message: AmlMessage, sender: str | None) -> dict[str, object]:
    e164 = phone.to_e164(sender) if sender and any(ch.isdigit() for ch in sender) else None
    return {
        "version": message.version, "lat": message.latitude, "lon": message.longitude,
        "radius_m": message.radius_m,
        "positioned_at": message.positioned_at.isoformat() if message.positioned_at else None,
        "confidence": message.confidence, "method": message.method, "imsi": message.imsi, "imei": message.imei,
        "mcc": message.mcc, "mnc": message.mnc, "sender": e164 or sender, "length_ok": message.length_ok,
    }


def _decode_pdu(text: str) -> SmsDeliver:
    try:
        return decode_deliver(text)
    except MessageError as with_centre:
        try:
            return decode_deliver(text, with_service_centre=False)
        except MessageError:
            raise with_centre from None


def decode_lines(lines: list[str], out: TextIO, err: TextIO) -> None:
    joiner: Reassembler[int] = Reassembler()
    now = datetime.now(UTC)

    def warn(number: int, message: str) -> None:
        err.write(f"warning: line {number}: {message}\n")

    def emit(parts: list[SmsDeliver], number: int, expected: int | None = None) -> None:
        received = interpret(parts, received_at=now, source_key="aml decode", expected=expected)
        if received.aml is not None:
            out.write(json.dumps(location_record(received.aml, received.sender), ensure_ascii=False) + "\n")
        elif received.problem and received.complete:
            warn(number, f"not a readable AML message ({received.problem[:200]})")
        elif received.complete:
            warn(number, f"an ordinary SMS from {received.sender or 'an unknown sender'}, not an AML message")
        else:
            warn(number, f"a concatenated message from {received.sender} is missing parts ({received.problem})")

    for number, line in enumerate(lines, start=1):
        text = line.strip().lstrip("\ufeff")
        if not text or text.upper().startswith(MODEM_HEADERS):
            continue
        if looks_like_aml(text):
            try:
                message = parse_aml(text)
            except MessageError as exc:
                warn(number, str(exc))
                continue
            out.write(json.dumps(location_record(message, None), ensure_ascii=False) + "\n")
            continue
        try:
            part = _decode_pdu(text)
        except MessageError as exc:
            warn(number, f"neither an AML message nor an SMS-DELIVER PDU ({exc})")
            continue
        assembled = joiner.add(part, number, now)
        if assembled is not None and assembled.parts:
            emit(assembled.parts, number, assembled.expected)
    for leftover in joiner.expired(datetime.max.replace(tzinfo=UTC)):
        emit(leftover.parts, max(leftover.tokens), leftover.expected)


def run_decode(args: argparse.Namespace) -> int:
    path: str = args.file
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as problem:
        sys.stderr.write(f"error: cannot read {path}: {problem.strerror or problem}.\n")
        return 2
    try:
        decode_lines(data.decode("utf-8", "replace").splitlines(), sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
