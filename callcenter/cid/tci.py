"""Fixed-column TCI caller-ID records (TCI serial boxes, Whozz Calling units set to TCI format)::

    01      9/04      1:29 PM       212-555-4000           JOHN DOE

line, month/day, 12-hour time, the number (or PRIVATE / OUT-OF-AREA, centred in its column) and the name
from column 55. The same boxes' NetCallerID cousin, ``###DATEmmddhhmm...NMBRnumber...NAMEname+++``, is
accepted too, so either record shape on a TCI port is understood.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import LineParser, RepeatFilter, clean_text, decode_text, make_event, warning
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

_TCI_RECORD = re.compile(r"^\s*(\d{1,2})\s+(\d{1,2})/(\d{1,2})\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])(.*)$")
_NETCALLERID = re.compile(r"###DATE(\d*)\.\.\.NMBR(.*?)\.\.\.NAME(.*?)\+\+\+")
_NUMBER_COLUMN, _NAME_COLUMN = 25, 55
_MESSAGE_WAITING = re.compile(r"^-MSG (ON|OFF)-$")
_MARKER_NAME = re.compile(r"^-[A-Z][A-Z ]*-$")


class TciParser(LineParser):
    format = "tci"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        super().__init__(tz, year=year)
        self._repeats = RepeatFilter()

    def _handle_line(self, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        text = decode_text(line).rstrip()
        stripped = clean_text(text)
        if not stripped or (stripped.startswith("#") and not stripped.startswith("###")):
            return  # blank lines and comments
        record = _TCI_RECORD.match(text)
        if record is not None:
            if not self._repeats.is_repeat(stripped, now):
                self._tci(record, text, stripped, line, now, out)
            return
        netcallerid = _NETCALLERID.search(text)
        if netcallerid is not None:
            if not self._repeats.is_repeat(stripped, now):
                self._netcallerid(netcallerid, stripped, line, now, out)
            return
        out.append(warning(self.format, "not a TCI or NetCallerID record", line, now))

    def _tci(self, record: re.Match[str], text: str, stripped: str, line: bytes, now: datetime,
             out: list[ParseResult]) -> None:
        line_id, month, day, hour, minute, meridiem, rest = record.groups()
        if record.start(7) == _NUMBER_COLUMN and len(text) > _NAME_COLUMN:
            number_text, name_text = text[_NUMBER_COLUMN:_NAME_COLUMN], text[_NAME_COLUMN:]
        else:
            # Not in the standard columns (a box with other spacing): number, two blanks, name.
            parts = re.split(r"\s{2,}", rest.strip(), maxsplit=1)
            number_text, name_text = parts[0], parts[1] if len(parts) > 1 else ""
        hour_24 = int(hour) % 12 + (12 if meridiem.upper() == "PM" else 0)
        timestamp: datetime | None
        try:
            timestamp = self._resolve(int(month), int(day), hour_24, int(minute), 0, now)
        except ValueError as problem:
            timestamp = None
            out.append(warning(self.format, f"{problem}; timestamp left empty", line, now))
        out.append(make_event(self.format, EventKind.INCOMING, now, stripped, number_text=number_text,
                              name_text=name_text, line=line_id, timestamp=timestamp))

    def _netcallerid(self, record: re.Match[str], stripped: str, line: bytes, now: datetime,
                     out: list[ParseResult]) -> None:
        stamp, number_text, name_text = record.groups()
        waiting = _MESSAGE_WAITING.match(clean_text(name_text))
        if waiting is not None:
            out.append(make_event(self.format, EventKind.INFO, now, stripped,
                                  detail=f"message_waiting_{waiting.group(1).lower()}"))
            return
        timestamp: datetime | None = None
        if stamp:
            try:
                if len(stamp) != 8:
                    raise ValueError(f"DATE {stamp!r} is not MMDDhhmm")
                timestamp = self._resolve(int(stamp[:2]), int(stamp[2:4]), int(stamp[4:6]), int(stamp[6:]),
                                          0, now)
            except ValueError as problem:
                out.append(warning(self.format, f"{problem}; timestamp left empty", line, now))
        if _MARKER_NAME.match(clean_text(name_text)):
            name_text = ""  # "-UNKNOWN CALLER-": the device's way of saying there is no name
        out.append(make_event(self.format, EventKind.INCOMING, now, stripped, number_text=number_text,
                              name_text=name_text, timestamp=timestamp))
