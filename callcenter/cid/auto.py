"""``auto``: recognise the format from the first bytes of the stream, then hand everything to that parser.

The decision is made on the first line that identifies a format (or the first byte of a raw FSK
message), so it is the same however the bytes are split; bytes seen before the decision are replayed
to the chosen parser, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.ami import AmiParser
from callcenter.cid.base import decode_text, warning
from callcenter.cid.callerid_com import PACKET_HEADER, CallerIdComParser
from callcenter.cid.events import FrameParser, ParseResult
from callcenter.cid.mdmf import MESSAGE_TYPES, MdmfParser, parse_message
from callcenter.cid.modem import ModemParser
from callcenter.cid.ncid import NcidParser
from callcenter.cid.tci import TciParser
from callcenter.clock import WIB

SNIFF_LIMIT = 16 * 1024
"""Bytes that may go by without a recognisable line before they are reported and dropped."""

_LINE_END = re.compile(rb"\r\n|\r|\n")
_SIGNATURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Asterisk Call Manager|^(Event|Response|Action): "), "ami"),
    (re.compile(r"^\d{3} |^[A-Z]+LOG: |^(CID|CIDINFO|HUP|OUT|PID|WID|BLK|MSG|NOT): "), "ncid"),
    (re.compile(r"^(CID\s+)?RING(\s+\w{1,4})?$|^(DATE|TIME|NMBR|NAME|MESG|DDN_NMBR|DDN|NBR|DATE TIME)\s*="),
     "modem"),
    (re.compile(r"^(04|80)([0-9A-Fa-f]{2})+$"), "modem"),
    (re.compile(r"^\$?\d{2,5} [IO] [SE] \d{4} [GB] |^\$?\d{2,5} [RFNH] +\d{2}/\d{2} \d{2}:\d{2}:\d{2}$"),
     "callerid-com"),
    (re.compile(r"^\s*\d{1,2}\s+\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}\s*[AP]M|###DATE"), "tci"),
)
_PARSERS: dict[str, Callable[..., FrameParser]] = {
    "ami": AmiParser,
    "ncid": NcidParser,
    "modem": ModemParser,
    "callerid-com": CallerIdComParser,
    "tci": TciParser,
    "mdmf": MdmfParser,
}


def _first_message_end(data: bytes) -> int | None:
    """Where the first checksum-valid SDMF/MDMF message in ``data`` ends, if there is one."""
    for pos, byte in enumerate(data):
        if byte not in MESSAGE_TYPES or pos + 2 > len(data):
            continue
        end = pos + data[pos + 1] + 3
        if end > len(data) or sum(data[pos:end]) % 256:
            continue
        try:
            parse_message(data[pos:end])
        except ValueError:
            continue
        return end
    return None


def sniff(data: bytes, *, final: bool = False) -> str | None:
    """The format these first bytes are in, or None when they do not tell yet.

    Each kind of evidence (an identifying line, a packet header, a raw message) completes at some offset;
    the evidence that completes first decides. That makes the answer the same however the stream was
    split: a longer prefix never changes a decision a shorter one already made.
    """
    candidates: list[tuple[int, str]] = []
    start = len(data) - len(data.lstrip(b"\r\n"))
    if start < len(data) and data[start] in MESSAGE_TYPES:
        candidates.append((start + 1, "mdmf"))
    message_end = _first_message_end(data)
    if message_end is not None:
        candidates.append((message_end, "mdmf"))
    header_at = data.find(PACKET_HEADER)
    if header_at != -1:
        candidates.append((header_at + len(PACKET_HEADER), "callerid-com"))
    pos = 0
    for terminator in [*_LINE_END.finditer(data), None]:
        end = terminator.end() if terminator is not None else len(data)
        if terminator is None and not final:
            break
        text = decode_text(data[pos:terminator.start() if terminator is not None else len(data)]).strip()
        pos = end
        fmt = next((fmt for pattern, fmt in _SIGNATURES if pattern.search(text)), None)
        if fmt is not None:
            candidates.append((end, fmt))
            break
    return min(candidates)[1] if candidates else None


class AutoParser:
    format = "auto"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._buffer = bytearray()
        self._delegate: FrameParser | None = None

    @property
    def detected(self) -> str | None:
        """The format recognised so far (None until a line identified it)."""
        return self._delegate.format if self._delegate is not None else None

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        if self._delegate is not None:
            return self._delegate.feed(data, now)
        self._buffer += data
        return self._decide(now, final=False)

    def flush(self, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        if self._delegate is None and self._buffer:
            out.extend(self._decide(now, final=True))
            if self._delegate is None and self._buffer:
                out.append(warning(self.format, "caller-ID format not recognised; bytes dropped",
                                   bytes(self._buffer), now))
                self._buffer.clear()
        if self._delegate is not None:
            out.extend(self._delegate.flush(now))
        return out

    def _decide(self, now: datetime, *, final: bool) -> list[ParseResult]:
        out: list[ParseResult] = []
        while self._buffer:
            head = bytes(self._buffer[:SNIFF_LIMIT])
            fmt = sniff(head, final=final and len(self._buffer) <= SNIFF_LIMIT)
            if fmt is not None:
                self._delegate = _PARSERS[fmt](tz=self.tz, year=self.year)
                pending = bytes(self._buffer)
                self._buffer.clear()
                out.extend(self._delegate.feed(pending, now))
                break
            if len(self._buffer) < SNIFF_LIMIT:
                break
            out.append(warning(self.format, f"no recognisable caller-ID data in {SNIFF_LIMIT} bytes",
                               head, now))
            del self._buffer[:SNIFF_LIMIT]
        return out
