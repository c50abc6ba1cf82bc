"""Helpers shared by the caller-ID parsers: line splitting, text decoding, dates without a year,
repeat suppression and number cleaning.

Nothing here raises on input bytes: every problem is reported to the caller as a value so the parser
can turn it into a ``ParseWarning``.
"""

from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from callcenter.cid.events import (
    CallerIdEvent,
    EventKind,
    ParseResult,
    ParseWarning,
    Presentation,
)
from callcenter.clock import WIB

MAX_LINE_BYTES = 4096
"""A line longer than this without a newline is line noise (or a stuck device): warn and discard it."""

RAW_WARNING_BYTES = 256
"""How much of a discarded run of bytes a warning keeps; enough to recognise it, bounded in memory."""

_LINE_END = re.compile(rb"[\r\n]")


@dataclass(frozen=True, slots=True)
class LineOverflow:
    """A runaway line was discarded; ``head`` is its first bytes."""

    head: bytes


class LineSplitter:
    """Turns a byte stream split anywhere into lines ending at CR, LF or CRLF (terminator removed).

    An empty line between two terminators is reported (modem blocks use blank lines as separators), but
    the LF of a CRLF pair is never a second, empty line, even when CR and LF arrive in different reads.
    """

    def __init__(self, max_line: int = MAX_LINE_BYTES) -> None:
        self._max_line = max_line
        self._pending = bytearray()
        self._after_cr = False
        self._discarding = False

    def feed(self, data: bytes) -> list[bytes | LineOverflow]:
        out: list[bytes | LineOverflow] = []
        pos = 0
        size = len(data)
        while pos < size:
            if self._after_cr:
                self._after_cr = False
                if data[pos] == 0x0A:  # LF completing a CRLF that was split across reads
                    pos += 1
                    continue
            match = _LINE_END.search(data, pos)
            end = match.start() if match else size
            self._append(data[pos:end], out)
            if match is None:
                break
            if self._discarding:
                self._discarding = False
            else:
                out.append(bytes(self._pending))
            self._pending.clear()
            self._after_cr = data[end] == 0x0D
            pos = end + 1
        return out

    def _append(self, chunk: bytes, out: list[bytes | LineOverflow]) -> None:
        if self._discarding or not chunk:
            return
        room = self._max_line - len(self._pending)
        if len(chunk) <= room:
            self._pending += chunk
            return
        # Warn once, the moment the line becomes too long, whatever the read sizes were.
        self._pending += chunk[:room]
        out.append(LineOverflow(bytes(self._pending[:RAW_WARNING_BYTES])))
        self._pending.clear()
        self._discarding = True

    def flush(self) -> bytes | None:
        """The partial last line (no terminator yet), or None; the splitter is then empty."""
        line = None if self._discarding or not self._pending else bytes(self._pending)
        self._pending.clear()
        self._discarding = False
        self._after_cr = False
        return line


def decode_text(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8, otherwise Latin-1 (which maps every byte); never raises."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1", errors="replace")


# Unicode category Cc, and the bidirectional controls (embeddings, overrides, isolates, marks): a caller name
# holding U+202E would show the rest of the row, and of a printed report line, reversed.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Drop control and bidi control characters (a name is shown and printed) and surrounding blanks."""
    return _CONTROL_CHARACTERS.sub("", text).strip()


def clean_name(text: str | None) -> str | None:
    if text is None:
        return None
    name = clean_text(text)
    # '-' and a lone 'O'/'P' (out of area / private, as modems print them) mean there is no name.
    return name if name and name not in ("-", "O", "P") else None


_PRIVATE_WORDS = frozenset({"P", "PRIVATE", "RESTRICTED", "ANONYMOUS", "WITHHELD", "BLOCKED"})
_UNAVAILABLE_WORDS = frozenset({"O", "OUT-OF-AREA", "OUT OF AREA", "UNAVAILABLE", "UNKNOWN", "<UNKNOWN>",
                                "NO-CALLERID", "NO CALLERID", "NO CALLER ID", "NO-NUMBER", "NO NUMBER"})
_NUMBER_CHARS = re.compile(r"[^0-9+]")
_KEPT_CHARS = re.compile(r"[^0-9A-Za-z*#]")
_NOT_DIALABLE = re.compile(r"[^0-9+\s\-.()/]")  # a letter, '*', '#': not something to dial
_FIRST_DIGIT = re.compile(r"[0-9]")


def is_dialable(number: str | None) -> bool:
    """True for a number of digits (a leading '+', blanks and separators allowed): only such a number gets an
    E.164 form.

    A number kept with its letters or symbols (a masked ``+31260xxxxxx``, ``0#*10459``) is evidence to show,
    never something to normalise: phonenumbers would read letters as a vanity number and invent digits.
    """
    return number is not None and _NOT_DIALABLE.search(number) is None and _FIRST_DIGIT.search(number) is not None


def clean_number(text: str | None) -> tuple[str | None, Presentation]:
    """Digits and '+'; 'P' means withheld, 'O' means not delivered (number None in both cases).

    A field with no digits at all (empty, '-', text) is treated as a number that was not delivered. A field
    with letters or symbols after its first digit (a masked number, a PBX feature code) is kept as received,
    less blanks and separators: cutting it to its digits would invent another number. ``is_dialable`` tells.
    """
    if text is None:
        return None, Presentation.UNAVAILABLE
    kept = clean_text(text)
    word = kept.upper()
    if word in _PRIVATE_WORDS:
        return None, Presentation.PRIVATE
    if word in _UNAVAILABLE_WORDS:
        return None, Presentation.UNAVAILABLE
    first_digit = _FIRST_DIGIT.search(kept)
    if first_digit is not None:
        # Letters before the first digit are a device's prefix (an OBi's "ob"); letters, '*' and '#' after it
        # belong to the number itself (masked "+31260xxxxxx", "0#*10459") and stay. Separators and invisible
        # characters go.
        rest = _KEPT_CHARS.sub("", kept[first_digit.start():])
        if not rest.isdigit():
            plus = "+" if kept[:first_digit.start()].endswith("+") else ""
            return (plus + rest)[:40], Presentation.ALLOWED
    digits = _NUMBER_CHARS.sub("", word)
    # '+' belongs only in front: "12+34" is noise, keep the digits.
    plus = "+" if digits.startswith("+") else ""
    digits = plus + digits.replace("+", "")
    if not digits.strip("+"):
        return None, Presentation.UNAVAILABLE
    return digits, Presentation.ALLOWED


FUTURE_TOLERANCE = timedelta(days=2)
"""How far ahead of the receive time a device clock may run before a date is taken to be last year's."""


def resolve_month_day(
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int = 0,
    *,
    received_at: datetime,
    tz: ZoneInfo,
    year: int | None = None,
) -> datetime:
    """The naive local datetime of an ``MM/DD hh:mm`` frame, its year inferred from the receive time.

    The frame describes a call happening now, so the year is the latest one that does not put the date
    more than ``FUTURE_TOLERANCE`` after the receive time (in the device's zone): a December frame
    received on 1 January is last year's, a 1 January frame received a minute before midnight on
    31 December (device clock slightly fast) is next year's. 02/29 resolves to the nearest leap year that
    satisfies the same rule. With ``year`` given, that year is used as is.
    Raises ``ValueError`` with a readable message when the fields cannot form a date.
    """
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise ValueError(f"time {hour:02d}:{minute:02d}:{second:02d} is out of range")
    if year is not None:
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise ValueError(f"date {month:02d}/{day:02d} does not exist in {year}") from None
    local_now = received_at.astimezone(tz).replace(tzinfo=None)
    try:
        latest_allowed = local_now + FUTURE_TOLERANCE
    except OverflowError:  # a receive clock at the end of year 9999
        latest_allowed = datetime.max
    # Four years back always contains a leap year, so 02/29 finds one.
    for candidate_year in range(min(local_now.year + 1, 9999), max(local_now.year - 5, 0), -1):
        try:
            candidate = datetime(candidate_year, month, day, hour, minute, second)
        except ValueError:
            continue
        if candidate <= latest_allowed:
            return candidate
    raise ValueError(f"date {month:02d}/{day:02d} does not exist")


class RepeatFilter:
    """Caller-ID units repeat a record (twice or three times, within a second): keep the first only."""

    MAX_REMEMBERED = 1024

    def __init__(self, window_s: float = 1.0) -> None:
        self._window = timedelta(seconds=window_s)
        self._accepted: dict[str, datetime] = {}

    def is_repeat(self, key: str, now: datetime) -> bool:
        last = self._accepted.get(key)
        if last is not None and abs(now - last) <= self._window:
            return True
        self._accepted.pop(key, None)
        self._accepted[key] = now  # re-inserted, so the dict stays ordered oldest first
        if len(self._accepted) > self.MAX_REMEMBERED:
            # Bounded memory and time on a busy line: forget the oldest half (a burst of distinct records
            # within one window is never a repeat of records that old anyway).
            for old_key in list(self._accepted)[: self.MAX_REMEMBERED // 2]:
                del self._accepted[old_key]
        return False


def make_event(
    fmt: str,
    kind: EventKind,
    now: datetime,
    raw: str,
    *,
    number_text: str | None = None,
    name_text: str | None = None,
    number: str | None = None,
    presentation: Presentation = Presentation.ALLOWED,
    line: str | None = None,
    timestamp: datetime | None = None,
    duration_s: int | None = None,
    verified: bool | None = None,
    history: bool = False,
    call_ref: str | None = None,
    detail: str | None = None,
    direction: str = "incoming",
    occurred_at: datetime | None = None,
    desk_channel: str | None = None,
    desk_extension: str | None = None,
) -> CallerIdEvent:
    """A ``CallerIdEvent`` whose number and name are cleaned the same way for every format.

    ``number_text`` (the field as received) is cleaned into ``number`` and ``presentation``; without it the
    explicit ``number``/``presentation`` are used. ``name_text`` is cleaned into the name.
    """
    if number_text is not None:
        number, presentation = clean_number(number_text)
    return CallerIdEvent(
        format=fmt, kind=kind, received_at=now, raw=raw, line=line, number=number,
        presentation=presentation, name=clean_name(name_text), timestamp=timestamp, duration_s=duration_s,
        verified=verified, history=history, call_ref=call_ref, detail=detail, direction=direction,
        occurred_at=occurred_at, desk_channel=desk_channel, desk_extension=desk_extension,
    )


def number_warning(fmt: str, number: str | None, raw: bytes | str, now: datetime) -> ParseWarning | None:
    """The flag for a number kept as received that is not a dialable number (see ``clean_number``)."""
    if number is None or is_dialable(number):
        return None
    return warning(fmt, f"number field {number!r} is not a dialable number; kept as received", raw, now)


def warning(fmt: str, message: str, raw: bytes | str, now: datetime) -> ParseWarning:
    data = raw.encode("utf-8", errors="replace") if isinstance(raw, str) else raw
    return ParseWarning(format=fmt, message=message, raw=data[:RAW_WARNING_BYTES], received_at=now)


class LineParser(ABC):
    """Base of the line-oriented parsers: subclasses implement ``_handle_line`` (maybe ``_handle_idle``)."""

    format = ""

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._splitter = LineSplitter()

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        for item in self._splitter.feed(data):
            if isinstance(item, LineOverflow):
                out.append(warning(self.format, f"line longer than {MAX_LINE_BYTES} bytes discarded",
                                   item.head, now))
            else:
                self._handle_line(item, now, out)
        return out

    def flush(self, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        line = self._splitter.flush()
        if line is not None:
            self._handle_line(line, now, out)
        self._handle_idle(now, out)
        return out

    @abstractmethod
    def _handle_line(self, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        """Turn one complete line into results appended to ``out`` (each format's own grammar)."""

    def _handle_idle(self, now: datetime, out: list[ParseResult]) -> None:  # noqa: B027 - optional hook
        """The line went quiet: complete anything waiting for a terminator (default: nothing)."""

    def _resolve(self, month: int, day: int, hour: int, minute: int, second: int, now: datetime) -> datetime:
        return resolve_month_day(month, day, hour, minute, second,
                                 received_at=now, tz=self.tz, year=self.year)


class WarningLimiter:
    """A noisy line must not flood the log: the first ``burst`` warnings of each interval pass one by one,
    the rest are counted and reported as one summary warning when the interval is over (or on ``summary``).

    Counts are kept per message kind (the message with its numbers and quoted values blanked), bounded.
    """

    MAX_KINDS = 16

    def __init__(self, fmt: str, *, burst: int = 5, interval_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.format = fmt
        self.burst = burst
        self.interval_s = interval_s
        self._clock = clock
        self.window_start = clock()
        self._passed = 0
        self._suppressed: dict[str, int] = {}
        self.total_suppressed = 0

    def filter(self, results: list[ParseResult]) -> list[ParseResult]:
        """``results`` with the excess warnings taken out and a due summary put in their place."""
        if not any(isinstance(result, ParseWarning) for result in results):
            return results
        out: list[ParseResult] = []
        for result in results:
            if not isinstance(result, ParseWarning):
                out.append(result)
                continue
            if self._clock() - self.window_start >= self.interval_s:
                due = self.summary(result.received_at)
                if due is not None:
                    out.append(due)
            if self._passed < self.burst:
                self._passed += 1
                out.append(result)
                continue
            kind = _WARNING_KIND.sub("N", result.message)[:60]
            if kind in self._suppressed or len(self._suppressed) < self.MAX_KINDS:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
            else:
                self._suppressed["other"] = self._suppressed.get("other", 0) + 1
            self.total_suppressed += 1
        return out

    def summary(self, now: datetime) -> ParseWarning | None:
        """The summary of what was held back since the interval began (None when nothing was); starts anew."""
        elapsed = self._clock() - self.window_start
        suppressed, self._suppressed = self._suppressed, {}
        self.window_start = self._clock()
        self._passed = 0
        if not suppressed:
            return None
        count = sum(suppressed.values())
        kinds = ", ".join(f"{kind} x{number}" for kind, number in
                          sorted(suppressed.items(), key=lambda item: -item[1]))
        return ParseWarning(format=self.format, received_at=now, raw=b"",
                            message=f"{count} more warnings in {elapsed:.0f} s not shown one by one ({kinds})")


_WARNING_KIND = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")
