"""CallerID.com Whozz Calling units: serial records and Ethernet Link UDP packets.

Call record (62 characters)::

    01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM
    LL D S DDDD C RR MM/DD HH:MM AM NUMBER(14)     NAME(15)

``D`` inbound/outbound, ``S`` start/end, ``DDDD`` duration in seconds (end records), ``C`` the unit's checksum
verdict on the line signal (G good, B bad), ``RR`` ring type and count.
Detail record (31 characters): ``LL R|F|N|H`` + 13 spaces + ``MM/DD HH:MM:SS`` (ring, off-hook, on-hook,
hook flash).
Ethernet Link units send each record as a UDP payload ``^^<U>`` + 6 binary bytes + ``<S>`` + 6 bytes +
optional ``$`` + the record, so a whole datagram can be fed here as well as a serial byte stream.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import (
    MAX_LINE_BYTES,
    RepeatFilter,
    clean_text,
    decode_text,
    make_event,
    resolve_month_day,
    warning,
)
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

PACKET_HEADER = b"^^<U>"
_SERIAL_TAG = b"<S>"
_HEADER_LENGTH = len(PACKET_HEADER) + 6 + len(_SERIAL_TAG) + 6  # 20 bytes before the optional '$'
CALL_RECORD_LENGTH = 62
DETAIL_RECORD_LENGTH = 31
_LINE_END = re.compile(rb"[\r\n]")

_CALL_RECORD = re.compile(
    r"^(\d{2}) ([IO]) ([SE]) (\d{4}) ([GB]) (\S{2}) (\d{2})/(\d{2}) (\d{2}):(\d{2}) ([AP]M) ?(.*)$"
)
_DETAIL_RECORD = re.compile(r"^(\d{2}) ([RFNH]) +(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})$")
_DETAILS = {"F": "off_hook", "N": "on_hook", "H": "hook_flash"}


class CallerIdComParser:
    format = "callerid-com"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._buffer = bytearray()
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
        pos = 0
        header_at = data.find(PACKET_HEADER)  # the next packet header at or after pos (-1: none)
        while pos < len(data):
            if header_at != -1 and header_at < pos:
                header_at = data.find(PACKET_HEADER, pos)
            if header_at == pos:
                consumed = self._packet(data, pos, now, out, final=final)
                if consumed == 0:
                    break
                pos += consumed
                continue
            line_end = _LINE_END.search(data, pos)
            if line_end is not None and (header_at == -1 or line_end.start() < header_at):
                self._record(data[pos:line_end.start()], now, out)
                pos = line_end.end()
                continue
            if header_at != -1:
                # Text before a packet header (a serial record without its newline, or noise).
                self._record(data[pos:header_at], now, out)
                pos = header_at
                continue
            if final:
                self._record(data[pos:], now, out)
                pos = len(data)
            elif len(data) - pos > MAX_LINE_BYTES:
                out.append(warning(self.format, f"no record end within {MAX_LINE_BYTES} bytes; discarded",
                                   data[pos:], now))
                pos = len(data)
            break
        del self._buffer[:pos]

    def _packet(self, data: bytes, pos: int, now: datetime, out: list[ParseResult], *, final: bool) -> int:
        """Consume the UDP packet at ``pos``; returns the bytes used, 0 when more bytes are needed."""
        available = len(data) - pos
        if available < _HEADER_LENGTH + 1 and not final:
            return 0
        if data[pos + 11:pos + 14] != _SERIAL_TAG:
            out.append(warning(self.format, "packet header without its <S> serial tag",
                               data[pos:pos + _HEADER_LENGTH], now))
            return len(PACKET_HEADER)
        start = pos + _HEADER_LENGTH
        if data[start:start + 1] == b"$":
            start += 1
        if len(data) < start + 4 and not final:
            return 0
        record_type = data[start + 3:start + 4]
        end = start + (CALL_RECORD_LENGTH if record_type in (b"I", b"O") else DETAIL_RECORD_LENGTH)
        # A record shorter than its nominal length ends at a newline or at the next packet.
        line_end = _LINE_END.search(data, start, end)
        next_packet = data.find(PACKET_HEADER, start, end)
        stops = [stop for stop in (line_end.start() if line_end else -1, next_packet) if stop != -1]
        if stops:
            end = min(stops)
        elif len(data) < end and not final:
            return 0
        end = min(end, len(data))
        if end <= start:  # the next packet (or the end of the data, when flushing) follows the header
            header_end = min(start, len(data))
            out.append(warning(self.format, "packet without a record", data[pos:header_end], now))
            return header_end - pos
        self._record(data[start:end], now, out)
        return end - pos

    def _record(self, data: bytes, now: datetime, out: list[ParseResult]) -> None:
        text = decode_text(data).rstrip()
        if not text.strip():
            return
        stripped = text.strip()
        call = _CALL_RECORD.match(stripped)
        if call is not None:
            self._call_record(call, stripped, data, now, out)
            return
        detail = _DETAIL_RECORD.match(stripped)
        if detail is not None:
            self._detail_record(detail, stripped, data, now, out)
            return
        out.append(warning(self.format, "not a CallerID.com record", data, now))

    def _timestamp(self, groups: tuple[int, ...], data: bytes, now: datetime,
                   out: list[ParseResult]) -> datetime | None:
        month, day, hour, minute, second = groups
        try:
            return resolve_month_day(month, day, hour, minute, second, received_at=now, tz=self.tz,
                                     year=self.year)
        except ValueError as problem:
            out.append(warning(self.format, f"{problem}; timestamp left empty", data, now))
            return None

    def _call_record(self, match: re.Match[str], text: str, data: bytes, now: datetime,
                     out: list[ParseResult]) -> None:
        line, direction, phase, duration, checksum, rings, month, day, hour, minute, meridiem, rest = (
            match.groups()
        )
        if self._repeats.is_repeat(text, now):
            return
        hour_24 = int(hour) % 12 + (12 if meridiem == "PM" else 0)
        timestamp = self._timestamp((int(month), int(day), hour_24, int(minute), 0), data, now, out)
        # NUMBER is 14 columns, then a space, then NAME (15 columns); trailing blanks may be trimmed.
        if rest[14:15] in ("", " "):
            number_text, name_text = rest[:14], rest[15:]
        else:  # a unit (or emulator) with other column widths: the number is the first word
            number_text, _, name_text = rest.partition(" ")
        verified = checksum == "G"
        if not verified:
            out.append(warning(self.format, "unit reports a bad caller-ID checksum (B)", data, now))
        kind = EventKind.END if phase == "E" else EventKind.OUTGOING if direction == "O" else EventKind.INCOMING
        out.append(make_event(
            self.format, kind, now, text,
            number_text=number_text,
            name_text=name_text,
            line=line,
            timestamp=timestamp,
            duration_s=int(duration) if phase == "E" else None,
            verified=verified,
            direction="outgoing" if direction == "O" else "incoming",
            detail=clean_text(rings),
        ))

    def _detail_record(self, match: re.Match[str], text: str, data: bytes, now: datetime,
                       out: list[ParseResult]) -> None:
        line, code = match.group(1), match.group(2)
        if self._repeats.is_repeat(text, now):
            return
        numbers = tuple(int(value) for value in match.groups()[2:])
        timestamp = self._timestamp(numbers, data, now, out)
        out.append(make_event(
            self.format,
            EventKind.RING if code == "R" else EventKind.INFO,
            now, text,
            line=line,
            timestamp=timestamp,
            detail=_DETAILS.get(code, "ring"),
        ))
