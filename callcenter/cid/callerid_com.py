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
        buffer = self._buffer
        while buffer:
            if buffer.startswith(PACKET_HEADER):
                if not self._packet(now, out, final=final):
                    return
                continue
            header_at = buffer.find(PACKET_HEADER)
            line_end = _LINE_END.search(buffer)
            if line_end is not None and (header_at == -1 or line_end.start() < header_at):
                end = line_end.start()
                self._record(bytes(buffer[:end]), now, out)
                del buffer[:end + 1]
                continue
            if header_at > 0:
                # Text before a packet header (a serial record without its newline, or noise).
                self._record(bytes(buffer[:header_at]), now, out)
                del buffer[:header_at]
                continue
            if final:
                self._record(bytes(buffer), now, out)
                buffer.clear()
            elif len(buffer) > MAX_LINE_BYTES:
                out.append(warning(self.format, f"no record end within {MAX_LINE_BYTES} bytes; discarded",
                                   bytes(buffer), now))
                buffer.clear()
            return

    def _packet(self, now: datetime, out: list[ParseResult], *, final: bool) -> bool:
        """Consume the UDP packet at the start of the buffer; False when more bytes are needed."""
        buffer = self._buffer
        if len(buffer) < _HEADER_LENGTH + 1 and not final:
            return False
        if buffer[11:14] != _SERIAL_TAG:
            out.append(warning(self.format, "packet header without its <S> serial tag",
                               bytes(buffer[:_HEADER_LENGTH]), now))
            del buffer[:len(PACKET_HEADER)]
            return True
        start = _HEADER_LENGTH + (1 if buffer[_HEADER_LENGTH:_HEADER_LENGTH + 1] == b"$" else 0)
        if len(buffer) < start + 4 and not final:
            return False
        record_type = bytes(buffer[start + 3:start + 4])
        length = CALL_RECORD_LENGTH if record_type in (b"I", b"O") else DETAIL_RECORD_LENGTH
        end = start + length
        # A record shorter than its nominal length ends at a newline or at the next packet.
        line_end = _LINE_END.search(buffer, start, end)
        next_packet = buffer.find(PACKET_HEADER, start, end)
        stops = [pos for pos in (line_end.start() if line_end else -1, next_packet) if pos != -1]
        if stops:
            end = min(stops)
        elif len(buffer) < end and not final:
            return False
        self._record(bytes(buffer[start:end]), now, out)
        del buffer[:min(end, len(buffer))]
        return True

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
        if phase == "E":
            kind = EventKind.END
        else:
            kind = EventKind.OUTGOING if direction == "O" else EventKind.INCOMING
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
