"""Voice/data modems with caller ID: formatted (AT+VCID=1, AT#CID=1) and unformatted hex (AT+VCID=2).

Formatted output is a block of ``KEY = value`` lines between rings::

    RING
    DATE = 0421
    TIME = 0934
    NMBR = 4075551212
    NAME = JOHN DOE
    RING

Spaces around ``=`` are optional; ``DDN_NMBR``, ``DDN`` and ``NBR`` replace ``NMBR`` on some modems; some
print ``DATE TIME=MM/DD HH:MM`` on one line; UK/ETSI lines deliver the block before the first RING.
A block becomes one INCOMING event as soon as it has both a number and a name (lowest latency); a block
without a name completes at the next RING, a blank line, or when the line goes idle (``flush``).
Unformatted output is one line of hex digits: the raw SDMF/MDMF message, decoded by ``mdmf``. A hex message
that is line noise (see ``mdmf``) is dropped, unless a RING already announced the call: then the call stands,
without the unverified number.

A second, different NMBR in one ring cycle (a withheld marker, then the number, as some exchanges send) keeps
the number and warns: before the call was delivered the number replaces the marker; after, an INFO
``caller_id`` event corrects the call. A second different number never replaces a first one.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from callcenter.cid.base import (
    LineParser,
    RepeatFilter,
    clean_number,
    clean_text,
    decode_text,
    make_event,
    warning,
)
from callcenter.cid.events import EventKind, ParseResult, Presentation
from callcenter.cid.mdmf import MESSAGE_TYPES, decode_message
from callcenter.clock import WIB

RING_CYCLE = timedelta(seconds=8)
"""Rings and caller-ID blocks closer together than this belong to one call (as intake counts rings)."""

_RING = re.compile(r"^(?:CID\s+)?RING(?:\s+([A-Z0-9]{1,4}))?$", re.IGNORECASE)
_FIELD = re.compile(r"^([A-Za-z][A-Za-z_ ]*?)\s*=\s*(.*)$")
_ANOTHER_FIELD = re.compile(r"(?:^|[^A-Z_])(?:DATE|TIME|NMBR|DDN_NMBR|DDN|NBR|NAME|MESG)\s*=")
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")
_MODEM_RESPONSES = re.compile(
    r"^(?:OK|ERROR|NO CARRIER|NO DIAL ?TONE|NO ANSWER|BUSY|CONNECT.*|VCON|AT.*|\+VCID.*|#CID.*)$",
    re.IGNORECASE,
)
_NUMBER_KEYS = frozenset({"NMBR", "DDN_NMBR", "DDN", "NBR"})
_KNOWN_KEYS = _NUMBER_KEYS | {"DATE", "TIME", "DATE TIME", "NAME", "MESG"}
_DATE_KEYS = frozenset({"DATE", "TIME", "DATE TIME"})
_NEW_BLOCK_KEYS = _DATE_KEYS | {"MESG"}


class ModemParser(LineParser):
    format = "modem"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        super().__init__(tz, year=year)
        self._fields: dict[str, str] = {}
        self._raw_lines: list[str] = []
        self._emitted = False
        """The current block was already delivered (number and name seen); absorb its late duplicates."""
        self._delivered: tuple[str | None, Presentation, str | None, datetime] | None = None
        """Number, presentation and name of the call last delivered in this ring cycle, and when."""
        self._rang_at: datetime | None = None
        """When the last RING came (a ring announces a call even if its caller ID is unreadable)."""
        self._repeats = RepeatFilter()

    def _handle_line(self, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        text = clean_text(decode_text(line))
        if not text:
            # A blank line ends a block, unless the block has nothing worth delivering yet.
            if "NMBR" in self._fields or "NAME" in self._fields:
                self._complete(now, out)
            if not self._fields:
                self._emitted = False
            return
        ring = _RING.match(text)
        if ring is not None:
            self._complete(now, out)
            self._emitted = False
            if self._rang_at is None or now - self._rang_at > RING_CYCLE:
                self._delivered = None  # a new ring cycle
            self._rang_at = now
            suffix = ring.group(1)
            out.append(make_event(self.format, EventKind.RING, now, text,
                                  line=suffix.upper() if suffix else None))
            return
        field = _FIELD.match(text)
        if field is not None and _ANOTHER_FIELD.search(field.group(2)):
            out.append(warning(self.format, "several caller-ID fields run together on one line", line, now))
            return
        if field is not None:
            key = " ".join(field.group(1).upper().split())
            self._field(key, field.group(2).strip(), text, line, now, out)
            return
        if _MODEM_RESPONSES.match(text):
            return  # command echo and result codes say nothing about calls
        if _HEX.match(text) and int(text[:2], 16) in MESSAGE_TYPES:
            self._complete(now, out)
            event, warnings = decode_message(bytes.fromhex(text), now, tz=self.tz, year=self.year,
                                             fmt=self.format, raw=text)
            out.extend(warnings)
            if event is None and self._ringing(now) and self._delivered is None:
                # A ring already announced this call: it stands, without the unreadable number.
                event = make_event(self.format, EventKind.INCOMING, now, text, number_text="O", verified=False)
            if event is not None and not self._repeats.is_repeat(text, now):
                self._delivered = (event.number, event.presentation, event.name, now)
                out.append(event)
            return
        out.append(warning(self.format, "unrecognised modem line", line, now))

    def _field(self, key: str, value: str, text: str, line: bytes, now: datetime,
               out: list[ParseResult]) -> None:
        if key not in _KNOWN_KEYS:
            out.append(warning(self.format, f"unknown caller-ID field {key}", line, now))
            return
        if key in _NUMBER_KEYS:
            key = "NMBR"
        if key == "NMBR" and self._second_number(value, text, line, now, out):
            return
        if self._emitted:
            if key not in _DATE_KEYS:
                return  # a NAME or MESG for a call already delivered: the first one stands
            self._emitted = False
        elif key in self._fields:
            if key not in _NEW_BLOCK_KEYS:
                return  # a second NAME line keeps the first
            self._complete(now, out)  # a new DATE/TIME with no separator: the next call's block
            self._emitted = False
        self._fields[key] = value
        self._raw_lines.append(text)
        if "NMBR" in self._fields and "NAME" in self._fields:
            self._complete(now, out)
            self._emitted = True

    def _ringing(self, now: datetime) -> bool:
        return self._rang_at is not None and now - self._rang_at <= RING_CYCLE

    def _second_number(self, value: str, text: str, line: bytes, now: datetime, out: list[ParseResult]) -> bool:
        """Handle an NMBR that is not the first of its ring cycle; False when it is the first."""
        number, presentation = clean_number(value)
        if "NMBR" in self._fields and not self._emitted:
            first, _ = clean_number(self._fields["NMBR"])
            if number == first:
                return True
            if first is None and number is not None:
                out.append(warning(self.format, f"second NMBR {value!r} in one ring cycle replaces the "
                                                f"withheld marker {self._fields['NMBR']!r}", line, now))
                self._fields["NMBR"] = value
                self._raw_lines.append(text)
                return True
            out.append(warning(self.format, f"second, different NMBR {value!r} in one ring cycle ignored",
                               line, now))
            return True
        delivered = self._delivered
        if delivered is None or (not self._emitted and any(key in self._fields for key in _DATE_KEYS)):
            return False  # a block of its own (a new call)
        if delivered[3] < now - RING_CYCLE or number == delivered[0]:
            return not self._emitted and delivered[3] >= now - RING_CYCLE
        if delivered[0] is None and number is not None:
            out.append(warning(self.format, f"second NMBR {value!r} in one ring cycle replaces the withheld "
                                            "marker of the call already delivered", line, now))
            self._delivered = (number, presentation, delivered[2], now)
            out.append(make_event(self.format, EventKind.INFO, now, text, number=number,
                                  presentation=presentation, name_text=delivered[2] or "", detail="caller_id"))
            return True
        out.append(warning(self.format, f"second, different NMBR {value!r} in one ring cycle ignored", line, now))
        return True

    def _handle_idle(self, now: datetime, out: list[ParseResult]) -> None:
        self._complete(now, out)
        self._emitted = False

    def _complete(self, now: datetime, out: list[ParseResult]) -> None:
        if not self._fields:
            return
        fields, raw = self._fields, "\n".join(self._raw_lines)
        self._fields, self._raw_lines = {}, []
        raw_bytes = raw.encode("utf-8")
        if "NMBR" not in fields and "NAME" not in fields:
            out.append(warning(self.format, "caller-ID block without a number or a name", raw_bytes, now))
            return
        if self._repeats.is_repeat(raw, now):
            return
        timestamp = self._timestamp(fields, raw_bytes, now, out)
        number_text = fields.get("NMBR")
        number, presentation = clean_number(number_text)
        if number_text and number is None and presentation is Presentation.UNAVAILABLE \
                and number_text.upper() not in ("O", "OUT-OF-AREA", "UNAVAILABLE"):
            out.append(warning(self.format, f"NMBR {number_text!r} holds no digits", raw_bytes, now))
        mesg = fields.get("MESG")
        event = make_event(
            self.format, EventKind.INCOMING, now, raw,
            number=number, presentation=presentation,
            name_text=fields.get("NAME", ""),
            timestamp=timestamp,
            detail=mesg or None,
        )
        self._delivered = (event.number, event.presentation, event.name, now)
        out.append(event)

    def _timestamp(self, fields: dict[str, str], raw: bytes, now: datetime,
                   out: list[ParseResult]) -> datetime | None:
        """DATE MMDD + TIME hhmm (or DATE TIME=MM/DD hh:mm) with the year inferred; None with a warning."""
        if "DATE TIME" in fields:
            match = re.fullmatch(r"(\d{2})/(\d{2})\s+(\d{2}):(\d{2})", fields["DATE TIME"])
            if match is None:
                out.append(warning(self.format, "DATE TIME is not MM/DD hh:mm", raw, now))
                return None
            date, time = match.group(1) + match.group(2), match.group(3) + match.group(4)
        else:
            date, time = fields.get("DATE"), fields.get("TIME")
        if date is None and time is None:
            return None
        problems = [f"{label} {value!r} is not {shape}"
                    for label, value, shape in (("DATE", date, "MMDD"), ("TIME", time, "hhmm"))
                    if value is None or len(value) != 4 or not value.isdigit()]
        if problems:
            out.append(warning(self.format, "; ".join(problems) + "; timestamp left empty", raw, now))
            return None
        assert date is not None and time is not None
        try:
            return self._resolve(int(date[:2]), int(date[2:]), int(time[:2]), int(time[2:]), 0, now)
        except ValueError as problem:
            out.append(warning(self.format, f"{problem}; timestamp left empty", raw, now))
            return None
