"""NCID client protocol (what an NCID server sends to a client on TCP 3333).

``CID: *DATE*mmddyyyy*TIME*hhmm*LINE*x*NMBR*x*MESG*x*NAME*x*`` and its relatives:
``CIDINFO:`` (ring count, or 0 answered / -1 not answered / -2 hung up), ``HUP:`` (the server hung up a
blacklisted call), ``OUT:`` (outgoing call), ``PID:``/``WID:``/``BLK:``, ``END:`` (a gateway's end of call:
``HTYPE`` BYE or CANCEL, ``SCALL``/``ECALL`` start and end as mm/dd/yyyy hh:mm:ss, ``CTYPE`` IN or OUT), and
the ``*LOG:`` variants the server replays from its call log when a client connects; those are history, never a
new ring.

The NCID API: DATE is "mmddyyyy or ddmmyyyy" as the telco or device delivered it (servers outside the US
send day first), so the order is a source option (``datefmt=dmy|mdy``, default mdy); a date valid in only one
order is read in that order, with a warning. SCALL/ECALL are always month first. Lines whose type begins with
``+`` (``+CID:``, from a forwarding gateway) are for the server only: clients must ignore them, quietly. Field
pairs may come in any order and new labels may appear anywhere (``FNMBR``, ``NTYPE``, ``CTRY``, ``LOCA``,
``CARI`` in newer servers): each known label ends the field before it, so none leaks into ``MESG`` or ``NAME``.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from callcenter.cid.base import (
    LineParser,
    RepeatFilter,
    clean_number,
    clean_text,
    decode_text,
    make_event,
    number_warning,
    warning,
)
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

_KEYS = ("DATE", "TIME", "LINE", "NMBR", "MESG", "NAME", "RING", "ID", "MTYPE", "TYPE", "HTYPE", "SCALL",
         "ECALL", "CTYPE", "FNMBR", "NTYPE", "CTRY", "LOCA", "CARI")
# The separator star belongs to the key, so a value may itself hold stars (``*NMBR**17*`` is "*17").
_KEY_PATTERN = re.compile(r"\*(" + "|".join(_KEYS) + r")\*")
_PREFIX_PATTERN = re.compile(r"^(\+?[A-Z]+):\s?(.*)$", re.DOTALL)
_STATUS_PATTERN = re.compile(r"^\d{3}(\s|$)")

# prefix -> (kind, detail); the same prefix + "LOG" is the history variant.
_CALL_PREFIXES: dict[str, tuple[EventKind, str | None]] = {
    "CID": (EventKind.INCOMING, None),
    "PID": (EventKind.INCOMING, None),
    "WID": (EventKind.INCOMING, "call_waiting"),
    "BLK": (EventKind.INCOMING, "blocked"),
    "HUP": (EventKind.END, "hung_up"),
    "OUT": (EventKind.OUTGOING, None),
    "END": (EventKind.END, None),
}
DATE_ORDERS = ("mdy", "dmy")
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


def _ncid_timestamp(fields: dict[str, str], datefmt: str) -> tuple[datetime, str | None]:
    """DATE (mmddyyyy or ddmmyyyy, per ``datefmt``) + TIME hhmm; the NCID server supplies the year.

    Returns the time and a warning when the date was only valid in the other order. Raises ValueError.
    """
    date, time = fields.get("DATE", ""), fields.get("TIME", "")
    if not (len(date) == 8 and date.isdigit()):
        raise ValueError(f"DATE {date!r} is not {'ddmmyyyy' if datefmt == 'dmy' else 'mmddyyyy'}")
    if not (len(time) == 4 and time.isdigit()):
        raise ValueError(f"TIME {time!r} is not hhmm")
    first, second, year = int(date[:2]), int(date[2:4]), int(date[4:])
    orders = [(first, second), (second, first)] if datefmt == "mdy" else [(second, first), (first, second)]
    for index, (month, day) in enumerate(orders):
        try:
            moment = datetime(year, month, day, int(time[:2]), int(time[2:]))
        except ValueError:
            continue
        if index == 0:
            return moment, None
        taken = "ddmmyyyy" if datefmt == "mdy" else "mmddyyyy"
        return moment, f"DATE {date} is not a valid {datefmt} date; read as {taken}"
    raise ValueError(f"DATE {date} TIME {time} is not a valid date and time")


def _call_time(text: str) -> datetime:
    """SCALL/ECALL ``mm/dd/yyyy hh:mm:ss`` (always month first). Raises ValueError."""
    return datetime.strptime(text.strip(), "%m/%d/%Y %H:%M:%S")


class NcidParser(LineParser):
    format = "ncid"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None, datefmt: str = "mdy") -> None:
        super().__init__(tz, year=year)
        if datefmt not in DATE_ORDERS:
            raise ValueError(f"datefmt must be one of {', '.join(DATE_ORDERS)}, not {datefmt!r}")
        self.datefmt = datefmt
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
        if prefix in _IGNORED_PREFIXES or prefix.startswith("+"):
            return  # "+CID:" and friends come from a forwarding gateway: for the server only (NCID API 1.4)
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
            timestamp, order_warning = _ncid_timestamp(fields, self.datefmt)
        except ValueError as problem:
            timestamp, order_warning = None, f"{problem}; timestamp left empty"
        if order_warning is not None:
            out.append(warning(self.format, f"{prefix}: {order_warning}", line, now))
        mesg = clean_text(fields.get("MESG", ""))
        line_name = clean_text(fields.get("LINE", ""))
        duration: int | None = None
        direction = "outgoing" if kind is EventKind.OUTGOING else "incoming"
        if base_prefix == "END":
            duration, detail = self._end_fields(fields, prefix, line, now, out)
            direction = "outgoing" if fields.get("CTYPE", "").strip().upper() == "OUT" else "incoming"
        number, _ = clean_number(fields["NMBR"])
        flagged = number_warning(self.format, number, line, now)
        if flagged is not None:
            out.append(flagged)
        out.append(make_event(
            self.format, kind, now, text,
            number_text=fields["NMBR"],
            name_text=fields.get("NAME", ""),
            line=line_name if line_name and line_name != "-" else None,
            timestamp=timestamp,
            duration_s=duration,
            history=history,
            detail=detail or (mesg if mesg and mesg not in ("NONE", "-") else None),
            direction=direction,
            call_ref=fields.get("ID") or None,
        ))

    def _end_fields(self, fields: dict[str, str], prefix: str, line: bytes, now: datetime,
                    out: list[ParseResult]) -> tuple[int | None, str]:
        """Duration (ECALL - SCALL) and detail (``hung_up`` after an answer, ``not_answered``) of an END: line."""
        detail = "not_answered" if fields.get("HTYPE", "").strip().upper() == "CANCEL" else "hung_up"
        try:
            seconds = (_call_time(fields.get("ECALL", "")) - _call_time(fields.get("SCALL", ""))).total_seconds()
        except ValueError:
            out.append(warning(self.format, f"{prefix}: SCALL/ECALL are not mm/dd/yyyy hh:mm:ss; no duration",
                               line, now))
            return None, detail
        return max(0, round(seconds)), detail

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
