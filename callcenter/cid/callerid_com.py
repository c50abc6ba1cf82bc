"""CallerID.com Whozz Calling units: serial records and Ethernet Link UDP packets.

Call record (62 characters)::

    01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM
    LL D S DDDD C RR MM/DD HH:MM AM NUMBER(14)     NAME(15)

``D`` inbound/outbound, ``S`` start/end, ``DDDD`` duration in seconds (end records), ``C`` the unit's checksum
verdict on the line signal (G good, B bad), ``RR`` ring type and count.
Detail record: ``LL R|F|N|H`` + spaces + ``MM/DD HH:MM:SS`` (ring, off-hook, on-hook, hook flash; some units
also send other codes such as ``r``, ``V61`` or ``L``, reported as they are).

What the units really send, and the vendor's own parsers accept (they search each packet for the record
pattern rather than reading fixed offsets):

- serial output prefixes each record with ``$`` (``$01 I S 0276 G A3 09/26 11:28 AM 708-980-7710 ...``);
- Ethernet Link units send ``^^<U>`` + unit number + ``<S>`` + serial number + optional ``$`` + the record,
  with binary unit/serial bytes (which may themselves be CR, LF or ``^``) and units whose number is 5 digits;
- several short datagrams may arrive in one buffer, one after another, unpadded: each record starts anew at
  the next ``^^<U>`` or record pattern, so the next record never leaks into the previous caller's name;
- records may come without any ``^^`` header, and the line field may be longer than 2 digits;
- the number field of a wide record may hold letters or symbols (``No-CallerID``, ``0#*10459``): the record
  is accepted and the characters kept; a number that is not dialable is flagged, never rewritten.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import (
    MAX_LINE_BYTES,
    RepeatFilter,
    clean_number,
    clean_text,
    decode_text,
    make_event,
    number_warning,
    resolve_month_day,
    warning,
)
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

PACKET_HEADER = b"^^<U>"
CALL_RECORD_LENGTH = 62
DETAIL_RECORD_LENGTH = 31
TAIL_LENGTH = 31
"""After ``AM``/``PM``: a blank, the number (14 columns), a blank, the name (15 columns)."""
LOOKAHEAD = 48
"""Longer than any record pattern: a record starting inside a tail is seen whole within this many bytes."""

# The record begins right after the 6 serial bytes of a header, or anywhere not preceded by a digit.
_START = rb"(?:(?<=<S>[\s\S]{6})|(?<![0-9]))"
_RECORD = re.compile(
    _START + rb"(?:"
    rb"(?P<line>\d{2,5}) (?P<dir>[IO]) (?P<phase>[SE]) (?P<duration>\d{4}) (?P<check>[GB]) (?P<rings>\S\S) "
    rb"(?P<month>\d{2})/(?P<day>\d{2}) (?P<hour>\d{2}):(?P<minute>\d{2}) (?P<meridiem>[AP]M)"
    rb"|"
    rb"(?P<dline>\d{2,5}) (?P<code>[A-Za-z][A-Za-z0-9]{0,2}) {1,20}"
    rb"(?P<dmonth>\d{2})/(?P<dday>\d{2}) (?P<dhour>\d{2}):(?P<dminute>\d{2}):(?P<dsecond>\d{2})"
    rb")"
)
_CONTEXT = 9  # "<S>" and the 6 serial bytes
_MAYBE_RECORD = re.compile(
    rb"(?<![0-9])\d{2,5} (?:[IO] [SE] |[A-Za-z][A-Za-z0-9]{0,2}  )"  # the start of a record, whole
    rb"|(?<![0-9])\d{1,5}(?: (?:[IO](?: [SE]?)?|[A-Za-z][A-Za-z0-9]{0,2} ?)?)?$"  # or cut off at the end
)
_TAIL_END = re.compile(rb"[\r\n]|\^\^<U>")
_HEADER = re.compile(rb"\^\^<U>(?:[\s\S]{0,8}?<S>[\s\S]{0,6})?")
_FILLER = b" \t\r\n\x00$^"
_DETAILS = {"R": "ring", "F": "off_hook", "N": "on_hook", "H": "hook_flash"}


class CallerIdComParser:
    format = "callerid-com"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._buffer = bytearray()
        self._consumed = 0
        """Bytes at the start of the buffer already parsed, kept only as context for the record-start rule."""
        self._repeats = RepeatFilter()

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        self._buffer += data
        out: list[ParseResult] = []
        self._scan(now, out, final=False)
        return out

    def flush(self, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        self._scan(now, out, final=True)
        return out

    def _scan(self, now: datetime, out: list[ParseResult], *, final: bool) -> None:
        data = bytes(self._buffer)
        pos = self._consumed
        while True:
            match = _RECORD.search(data, pos)
            if match is None:
                break
            if match.group("line") is None:
                self._gap(data[pos:match.start()], now, out)
                self._detail_record(match, data[match.start():match.end()], now, out)
                pos = match.end()
                continue
            tail_start = match.end()
            limit = tail_start + TAIL_LENGTH
            stops = [limit]
            terminator = _TAIL_END.search(data, tail_start, limit + len(PACKET_HEADER) - 1)
            if terminator is not None and terminator.start() >= limit:
                terminator = None
            if terminator is not None:
                stops.append(terminator.start())
            following = _RECORD.search(data, tail_start, limit + LOOKAHEAD)
            if following is not None:
                stops.append(following.start())
            end = min(stops)
            # A full tail is final unless a record might be starting inside it (and not yet be whole).
            undecided = terminator is None and following is None and len(data) < limit + LOOKAHEAD and (
                len(data) < limit or _MAYBE_RECORD.search(data, tail_start, limit) is not None
                or _cut_header(data, limit))
            if undecided and not final:
                break  # the number and name, or a record starting inside them, may still be on their way
            self._gap(data[pos:match.start()], now, out)
            end = min(end, len(data))
            self._call_record(match, data[match.start():end], data[tail_start:end], now, out)
            pos = end
        rest = data[pos:]
        if final:
            self._gap(rest, now, out)
            pos = len(data)
        elif len(rest) > MAX_LINE_BYTES:
            # No record in this much: report it, keep the last bytes (a record may be starting there).
            keep = CALL_RECORD_LENGTH + 40
            self._gap(rest[:-keep], now, out)
            pos = len(data) - keep
        # Whether a record starts here depends on the bytes just before it: keep those as context, so the
        # result is the same however the stream was split.
        cut = max(0, pos - _CONTEXT)
        del self._buffer[:cut]
        self._consumed = pos - cut

    def _gap(self, data: bytes, now: datetime, out: list[ParseResult]) -> None:
        """Bytes between records: packet headers, ``$``, blanks and padding are expected; anything else is noise."""
        leftover = _HEADER.sub(b"", data).strip(_FILLER)
        if leftover:
            out.append(warning(self.format, "not a CallerID.com record", leftover, now))

    def _timestamp(self, groups: tuple[int, ...], data: bytes, now: datetime,
                   out: list[ParseResult]) -> datetime | None:
        month, day, hour, minute, second = groups
        if month == 0 and day == 0:
            return None  # counter records (V, L) carry an elapsed time, not a date
        try:
            return resolve_month_day(month, day, hour, minute, second, received_at=now, tz=self.tz,
                                     year=self.year)
        except ValueError as problem:
            out.append(warning(self.format, f"{problem}; timestamp left empty", data, now))
            return None

    def _call_record(self, match: re.Match[bytes], record: bytes, tail: bytes, now: datetime,
                     out: list[ParseResult]) -> None:
        text = decode_text(record).rstrip(" \x00")
        if self._repeats.is_repeat(text, now):
            return
        hour = int(match["hour"])
        hour_24 = hour % 12 + (12 if match["meridiem"] == b"PM" else 0)
        timestamp = self._timestamp((int(match["month"]), int(match["day"]), hour_24, int(match["minute"]), 0),
                                    record, now, out)
        number_text, name_text = _split_number_name(decode_text(tail).removeprefix(" ").rstrip(" \x00"))
        verified = match["check"] == b"G"
        if not verified:
            out.append(warning(self.format, "unit reports a bad caller-ID checksum (B)", record, now))
        flagged = number_warning(self.format, clean_number(number_text)[0], record, now)
        if flagged is not None:
            out.append(flagged)
        direction, phase = match["dir"], match["phase"]
        kind = EventKind.END if phase == b"E" else EventKind.OUTGOING if direction == b"O" else EventKind.INCOMING
        out.append(make_event(
            self.format, kind, now, text,
            number_text=number_text,
            name_text=name_text,
            line=decode_text(match["line"]),
            timestamp=timestamp,
            duration_s=int(match["duration"]) if phase == b"E" else None,
            verified=verified,
            direction="outgoing" if direction == b"O" else "incoming",
            detail=decode_text(match["rings"]),
        ))

    def _detail_record(self, match: re.Match[bytes], record: bytes, now: datetime,
                       out: list[ParseResult]) -> None:
        text = decode_text(record)
        if self._repeats.is_repeat(text, now):
            return
        code = decode_text(match["code"])
        numbers = tuple(int(match[name]) for name in ("dmonth", "dday", "dhour", "dminute", "dsecond"))
        timestamp = self._timestamp(numbers, record, now, out)
        out.append(make_event(
            self.format,
            EventKind.RING if code == "R" else EventKind.INFO,
            now, clean_text(text),
            line=decode_text(match["dline"]),
            timestamp=timestamp,
            detail=_DETAILS.get(code, f"detail_{code}"),
        ))


def _cut_header(data: bytes, limit: int) -> bool:
    """The data ends in the first bytes of a packet header that may reach back into the tail."""
    if len(data) >= limit + len(PACKET_HEADER) - 1:
        return False
    return any(data.endswith(PACKET_HEADER[:size]) for size in range(1, len(PACKET_HEADER)))


def _split_number_name(tail: str) -> tuple[str, str]:
    """NUMBER is 14 columns, then a blank, then NAME; trailing blanks may be trimmed, a short field ends early."""
    if len(tail) <= 15:
        number, _, name = tail.strip().partition(" ")
        return number, name
    if tail[14] == " ":
        return tail[:14], tail[15:]
    # A unit (or emulator) with other column widths: the number is the first word.
    number, _, name = tail.partition(" ")
    return number, name
