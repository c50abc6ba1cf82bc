"""Raw Bellcore/ETSI caller-ID messages as an FSK demodulator delivers them: SDMF (0x04) and MDMF (0x80).

A message is ``[type][length][payload][checksum]`` where the sum of all bytes is 0 mod 256.
SDMF payload: ``MMDDhhmm`` then the number (or ``O`` out of area / ``P`` private).
MDMF payload: parameters ``[id][length][value]`` (ETSI EN 300 659-3, Bellcore GR-30): 0x01 date/time,
0x02 the calling line (the caller), 0x03 the called line (the number that was dialled: the centre's own
number, never the caller), 0x04 the reason the caller's number is absent (``O`` unavailable, ``P`` private),
0x07 the caller's name, 0x08 the reason the name is absent.

Line noise is not a call. A message whose checksum is wrong is delivered only when it parses cleanly
(every parameter known and well formed, a date of 8 digits, a number of digits): marked ``verified=False``
with a warning, because a wrong digit is possible and the dispatcher should know. A checksum failure that
does not parse cleanly is dropped and counted (``dropped``). Bytes that do not form a message at all are
skipped (resynchronising on the next 0x04/0x80). Where a ring already announced the call (modem hex mode),
the modem parser keeps the call without the unverified number instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import RAW_WARNING_BYTES, decode_text, make_event, resolve_month_day, warning
from callcenter.cid.events import CallerIdEvent, EventKind, ParseResult, ParseWarning
from callcenter.clock import WIB

SDMF = 0x04
MDMF = 0x80
MESSAGE_TYPES = (SDMF, MDMF)

PARAM_DATE_TIME = 0x01
PARAM_NUMBER = 0x02
PARAM_DIALABLE_NUMBER = 0x03
PARAM_NUMBER_ABSENT = 0x04
PARAM_NAME = 0x07
PARAM_NAME_ABSENT = 0x08
_KNOWN_PARAMS = frozenset({PARAM_DATE_TIME, PARAM_NUMBER, PARAM_DIALABLE_NUMBER, PARAM_NUMBER_ABSENT,
                           PARAM_NAME, PARAM_NAME_ABSENT})


@dataclass(frozen=True, slots=True)
class DecodedMessage:
    """The fields of one SDMF/MDMF message, before cleaning."""

    message_type: int
    checksum_ok: bool
    date_time: str | None = None
    number: str | None = None
    number_absent: str | None = None
    name: str | None = None
    name_absent: str | None = None
    called: str | None = None
    """0x03: the called line (the centre's own number); kept for the record, never the caller."""
    clean: bool = True
    """Every parameter known and well formed: what tells a message with a bad checksum from line noise."""


def message_length(data: bytes) -> int | None:
    """Total length of the message starting at ``data[0]`` (type, length, payload, checksum), if known."""
    return data[1] + 3 if len(data) >= 2 else None


def parse_message(data: bytes) -> DecodedMessage:
    """Split one complete message into its fields. Raises ``ValueError`` when the bytes are not a message."""
    if len(data) < 3 or data[0] not in MESSAGE_TYPES:
        raise ValueError("not an SDMF (0x04) or MDMF (0x80) message")
    if len(data) != data[1] + 3:
        raise ValueError(f"length byte says {data[1] + 3} bytes, message has {len(data)}")
    checksum_ok = sum(data) % 256 == 0
    payload = data[2:-1]
    if data[0] == SDMF:
        stamp, number = payload[:8], payload[8:]
        if len(stamp) != 8 or not stamp.isdigit() or not number:
            raise ValueError("SDMF payload is not MMDDhhmm followed by a number")
        clean = set(number) <= _NUMBER_BYTES or number in _ABSENCE_CODES
        return DecodedMessage(SDMF, checksum_ok, date_time=stamp.decode("ascii"), number=decode_text(number),
                              clean=clean)
    params: dict[int, bytes] = {}
    pos = 0
    while pos < len(payload):
        if pos + 2 > len(payload) or pos + 2 + payload[pos + 1] > len(payload):
            raise ValueError("MDMF parameter runs past the end of the message")
        param, size = payload[pos], payload[pos + 1]
        params.setdefault(param, payload[pos + 2:pos + 2 + size])
        pos += 2 + size
    if not params.keys() & _KNOWN_PARAMS:
        raise ValueError("MDMF message without any caller-ID parameter")
    stamp_bytes = params.get(PARAM_DATE_TIME)

    def text(param: int) -> str | None:
        value = params.get(param)
        return None if value is None else decode_text(value)

    return DecodedMessage(
        MDMF, checksum_ok,
        date_time=None if stamp_bytes is None else decode_text(stamp_bytes),
        number=text(PARAM_NUMBER),
        number_absent=text(PARAM_NUMBER_ABSENT),
        name=text(PARAM_NAME),
        name_absent=text(PARAM_NAME_ABSENT),
        called=text(PARAM_DIALABLE_NUMBER),
        clean=_parses_cleanly(params),
    )


_ABSENCE_CODES = frozenset({b"O", b"P"})
_NUMBER_BYTES = frozenset(b"0123456789+*#")


def _parses_cleanly(params: dict[int, bytes]) -> bool:
    """Each known parameter well formed, and something that makes a call (a date, a number, a reason why
    the number is absent): what a real message still is, and random bytes almost never are. Parameters this
    parser does not use (ETSI's 0x11 call type, ...) are allowed."""
    stamp = params.get(PARAM_DATE_TIME)
    if stamp is not None and (len(stamp) != 8 or not stamp.isdigit()):
        return False
    for param in (PARAM_NUMBER, PARAM_DIALABLE_NUMBER):
        value = params.get(param)
        if value is not None and (len(value) < 3 or not set(value) <= _NUMBER_BYTES):
            return False
    for param in (PARAM_NUMBER_ABSENT, PARAM_NAME_ABSENT):
        if param in params and params[param] not in _ABSENCE_CODES:
            return False
    name = params.get(PARAM_NAME)
    if name is not None and not all(byte >= 0x20 for byte in name):
        return False
    return bool(params.keys() & {PARAM_DATE_TIME, PARAM_NUMBER, PARAM_NUMBER_ABSENT})


def decode_message(
    data: bytes,
    now: datetime,
    *,
    tz: ZoneInfo = WIB,
    year: int | None = None,
    fmt: str = "mdmf",
    raw: str | None = None,
) -> tuple[CallerIdEvent | None, list[ParseWarning]]:
    """One complete SDMF/MDMF message -> an INCOMING event (or None) and any warnings. Never raises.

    ``raw`` is the frame text to record (modem hex mode passes its hex line); default: the bytes in hex.
    """
    raw_text = raw if raw is not None else data.hex(" ")
    try:
        message = parse_message(data)
    except ValueError as problem:
        return None, [warning(fmt, str(problem), data, now)]
    warnings: list[ParseWarning] = []
    if not message.clean:
        what = "checksum mismatch and malformed" if not message.checksum_ok else "malformed"
        return None, [warning(fmt, f"{what} caller-ID message: line noise, dropped", data, now)]
    if not message.checksum_ok:
        warnings.append(warning(fmt, "checksum mismatch: caller ID delivered but unverified", data, now))
    timestamp: datetime | None = None
    stamp = message.date_time
    if stamp is not None:
        try:
            if len(stamp) != 8 or not stamp.isdigit():
                raise ValueError(f"date/time {stamp!r} is not MMDDhhmm")
            timestamp = resolve_month_day(int(stamp[:2]), int(stamp[2:4]), int(stamp[4:6]), int(stamp[6:8]),
                                          received_at=now, tz=tz, year=year)
        except ValueError as problem:
            warnings.append(warning(fmt, f"{problem}; timestamp left empty", data, now))
    number_text = message.number
    if number_text is None:
        # No number parameter: the reason parameter says why ('P' private, 'O' unavailable).
        number_text = message.number_absent or "O"
    # With no name parameter (or only the 0x08 reason) the name stays empty.
    event = make_event(
        fmt, EventKind.INCOMING, now, raw_text,
        number_text=number_text,
        name_text=message.name or "",
        timestamp=timestamp,
        verified=message.checksum_ok,
    )
    return event, warnings


class MdmfParser:
    """Streaming SDMF/MDMF parser: messages may be split anywhere and surrounded by line noise."""

    format = "mdmf"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._buffer = bytearray()
        self._garbage = bytearray()
        self.dropped = 0
        """Messages that looked like caller ID but were line noise (see the module docstring)."""
        self._dropped_since_report = 0

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        self._buffer += data
        out: list[ParseResult] = []
        self._scan(now, out, final=False)
        return out

    def flush(self, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        self._scan(now, out, final=True)
        self._report_garbage(now, out)
        return out

    def _scan(self, now: datetime, out: list[ParseResult], *, final: bool) -> None:
        data = bytes(self._buffer)
        pos = 0
        while pos < len(data):
            if data[pos] not in MESSAGE_TYPES:
                pos = self._skip(data, pos, now, out)
                continue
            if pos + 2 > len(data) or pos + data[pos + 1] + 3 > len(data):
                if not final:
                    break  # wait for the rest of the message
                pos = self._skip(data, pos, now, out)  # the line went idle: this was no message after all
                continue
            candidate = data[pos:pos + data[pos + 1] + 3]
            try:
                message = parse_message(candidate)
            except ValueError:
                pos = self._skip(data, pos, now, out)
                continue
            if not message.clean:
                # Noise that happened to start like a message (a bad checksum, or a good one by chance, and
                # parameters no device sends): counted, and its bytes skipped one by one as line noise.
                self.dropped += 1
                self._dropped_since_report += 1
                pos = self._skip(data, pos, now, out)
                continue
            self._report_garbage(now, out)
            pos += len(candidate)
            event, warnings = decode_message(candidate, now, tz=self.tz, year=self.year, fmt=self.format)
            out.extend(warnings)
            if event is not None:
                out.append(event)
        del self._buffer[:pos]

    def _skip(self, data: bytes, pos: int, now: datetime, out: list[ParseResult]) -> int:
        """Count the byte at ``pos`` as line noise; returns the next position to look at."""
        self._garbage.append(data[pos])
        if len(self._garbage) >= RAW_WARNING_BYTES:
            self._report_garbage(now, out)
        return pos + 1

    def _report_garbage(self, now: datetime, out: list[ParseResult]) -> None:
        if self._garbage:
            dropped = (f" ({self._dropped_since_report} that began like a message dropped)"
                       if self._dropped_since_report else "")
            out.append(warning(self.format, f"{len(self._garbage)} bytes of line noise skipped{dropped}",
                               bytes(self._garbage), now))
            self._garbage.clear()
            self._dropped_since_report = 0
