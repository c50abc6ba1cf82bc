"""NCID client protocol (what an NCID server sends to a client on TCP 3333).

``CID: *DATE*mmddyyyy*TIME*hhmm*LINE*x*NMBR*x*MESG*x*NAME*x*`` and its relatives:
``CIDINFO:`` (ring count, or 0 answered / -1 not answered / -2 hung up), ``HUP:`` (the server hung up a
blacklisted call), ``OUT:`` (outgoing call), ``PID:``/``WID:``/``BLK:``, and the ``*LOG:`` variants the
server replays from its call log when a client connects; those are history, never a new ring.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import LineParser, RepeatFilter, clean_text, decode_text, make_event, warning
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

_KEYS = ("DATE", "TIME", "LINE", "NMBR", "MESG", "NAME", "RING", "ID", "MTYPE", "TYPE")
# The separator star belongs to the key, so a value may itself hold stars (``*NMBR**17*`` is "*17").
_KEY_PATTERN = re.compile(r"\*(" + "|".join(_KEYS) + r")\*")
_PREFIX_PATTERN = re.compile(r"^([A-Z]+):\s?(.*)$", re.DOTALL)
_STATUS_PATTERN = re.compile(r"^\d{3}(\s|$)")

# prefix -> (kind, detail); the same prefix + "LOG" is the history variant.
_CALL_PREFIXES: dict[str, tuple[EventKind, str | None]] = {
    "CID": (EventKind.INCOMING, None),
    "PID": (EventKind.INCOMING, None),
    "WID": (EventKind.INCOMING, "call_waiting"),
    "BLK": (EventKind.INCOMING, "blocked"),
    "HUP": (EventKind.END, "hung_up"),
    "OUT": (EventKind.OUTGOING, None),
}
# Messages, notices, relays, options and gateway lines carry no call for the console.
_IGNORED_PREFIXES = frozenset({
    "MSG", "MSGLOG", "NOT", "NOTLOG", "RLY", "RLYLOG", "OPT", "INFO", "ACK", "REQ", "RESP", "WRK",
    "CALL", "CALLINFO", "LOG", "PUT",
})
_RING_DETAILS = {0: "answered", -1: "not_answered", -2: "hung_up"}


def split_fields(body: str) -> dict[str, str]:
    """``*DATE*0103*NMBR*123*`` -> {"DATE": "0103", "NMBR": "123"}; the first occurrence of a key wins."""
    matches = list(_KEY_PATTERN.finditer(body))
    fields: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        value = body[match.end():end]
        if index + 1 == len(matches):
            value = value.removesuffix("*")
        fields.setdefault(match.group(1), value)
    return fields


def _ncid_timestamp(fields: dict[str, str]) -> datetime:
    """DATE mmddyyyy + TIME hhmm (the NCID server already supplies the year). Raises ValueError."""
    date, time = fields.get("DATE", ""), fields.get("TIME", "")
    if not (len(date) == 8 and date.isdigit()):
        raise ValueError(f"DATE {date!r} is not mmddyyyy")
    if not (len(time) == 4 and time.isdigit()):
        raise ValueError(f"TIME {time!r} is not hhmm")
    try:
        return datetime(int(date[4:]), int(date[:2]), int(date[2:4]), int(time[:2]), int(time[2:]))
    except ValueError:
        raise ValueError(f"DATE {date} TIME {time} is not a valid date and time") from None


class NcidParser(LineParser):
    format = "ncid"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        super().__init__(tz, year=year)
        self._repeats = RepeatFilter()

    def _handle_line(self, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        text = clean_text(decode_text(line))
        if not text or text.startswith("#") or _STATUS_PATTERN.match(text):
            return  # blank lines, comments in NCID's log files, and 200/210/250/300 handshake lines
        match = _PREFIX_PATTERN.match(text)
        if match is None:
            out.append(warning(self.format, "not an NCID protocol line", line, now))
            return
        prefix, body = match.group(1), match.group(2)
        if prefix in _IGNORED_PREFIXES:
            return
        if prefix == "CIDINFO":
            self._cidinfo(body, text, line, now, out)
            return
        history = prefix.endswith("LOG") and prefix[:-3] in _CALL_PREFIXES
        base_prefix = prefix[:-3] if history else prefix
        if base_prefix not in _CALL_PREFIXES:
            out.append(warning(self.format, f"unknown NCID line type {prefix}:", line, now))
            return
        fields = split_fields(body)
        if "NMBR" not in fields:
            out.append(warning(self.format, f"{prefix}: line has no NMBR field (truncated?)", line, now))
            return
        if not history and self._repeats.is_repeat(text, now):
            return
        kind, detail = _CALL_PREFIXES[base_prefix]
        timestamp: datetime | None
        try:
            timestamp = _ncid_timestamp(fields)
        except ValueError as problem:
            timestamp = None
            out.append(warning(self.format, f"{prefix}: {problem}; timestamp left empty", line, now))
        mesg = clean_text(fields.get("MESG", ""))
        line_name = clean_text(fields.get("LINE", ""))
        out.append(make_event(
            self.format, kind, now, text,
            number_text=fields["NMBR"],
            name_text=fields.get("NAME", ""),
            line=line_name if line_name and line_name != "-" else None,
            timestamp=timestamp,
            history=history,
            detail=detail or (mesg if mesg and mesg != "NONE" else None),
            direction="outgoing" if kind is EventKind.OUTGOING else "incoming",
            call_ref=fields.get("ID") or None,
        ))

    def _cidinfo(self, body: str, text: str, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        fields = split_fields(body)
        try:
            ring = int(fields.get("RING", ""))
        except ValueError:
            out.append(warning(self.format, "CIDINFO: line without a RING count", line, now))
            return
        if ring < -2:
            out.append(warning(self.format, f"CIDINFO: unknown RING value {ring}", line, now))
            return
        if self._repeats.is_repeat(text, now):
            return
        line_name = clean_text(fields.get("LINE", ""))
        out.append(make_event(
            self.format,
            EventKind.RING if ring > 0 else EventKind.INFO,
            now, text,
            line=line_name if line_name and line_name != "-" else None,
            detail=_RING_DETAILS.get(ring, f"ring_{ring}"),
            number=None,
        ))
