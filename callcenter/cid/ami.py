"""Asterisk Manager Interface (TCP 5038): ``Key: Value`` blocks ending with a blank line.

A call in Asterisk is several channels (the caller's leg, one leg per phone dialled, Local channels) that
share a Linkedid. Channel events are correlated by Uniqueid/Linkedid into one call, which yields exactly
one INCOMING (when the caller's channel rings and its caller ID is known), one INFO ``answered`` (the first
channel to go Up) and one END when the last of its channels hangs up (duration from first sight).
The banner and ``Response:`` blocks (login, pings, command output) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from callcenter.cid.base import LineOverflow as _LineOverflow
from callcenter.cid.base import LineSplitter, clean_text, decode_text, make_event, warning
from callcenter.cid.events import EventKind, ParseResult
from callcenter.clock import WIB

STATE_RING = "4"
STATE_UP = "6"
MAX_KEYS_PER_BLOCK = 256
MAX_TRACKED_CALLS = 10_000
"""Calls whose hangup never arrives (connection lost mid-call) must not grow memory forever."""
_UNKNOWN_VALUES = frozenset({"", "<unknown>", "unknown"})


@dataclass(slots=True)
class _Call:
    key: str
    first_seen: datetime
    number_text: str = ""
    name_text: str = ""
    line: str | None = None
    ringing: bool = False
    announced: bool = False
    answered: bool = False
    channels: set[str] = field(default_factory=set)


def _channel_line(channel: str) -> str | None:
    """``SIP/trunk-00000012`` -> ``SIP/trunk``: the line the call came in on, without the per-call suffix."""
    channel = channel.strip()
    if not channel:
        return None
    base, _, suffix = channel.rpartition("-")
    return base if base and suffix.isalnum() else channel


class AmiParser:
    format = "ami"

    def __init__(self, tz: ZoneInfo = WIB, *, year: int | None = None) -> None:
        self.tz = tz
        self.year = year
        self._splitter = LineSplitter()
        self._block: dict[str, str] = {}
        self._block_lines: list[str] = []
        self._block_overflow = False
        self._calls: dict[str, _Call] = {}
        self._channel_call: dict[str, str] = {}

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        for item in self._splitter.feed(data):
            if isinstance(item, _LineOverflow):
                out.append(warning(self.format, "overlong AMI line discarded", item.head, now))
            else:
                self._line(item, now, out)
        return out

    def flush(self, now: datetime) -> list[ParseResult]:
        out: list[ParseResult] = []
        line = self._splitter.flush()
        if line is not None:
            self._line(line, now, out)
        self._end_block(now, out)
        return out

    def _line(self, line: bytes, now: datetime, out: list[ParseResult]) -> None:
        text = decode_text(line)
        if not text.strip():
            self._end_block(now, out)
            return
        if not self._block and text.startswith("Asterisk Call Manager"):
            return
        self._block_lines.append(text)
        key, sep, value = text.partition(":")
        if not sep:
            return  # command output inside a Response block; judged when the block ends
        if len(self._block) >= MAX_KEYS_PER_BLOCK:
            self._block_overflow = True
            return
        self._block.setdefault(key.strip().lower(), value.strip())

    def _end_block(self, now: datetime, out: list[ParseResult]) -> None:
        block, lines, overflow = self._block, self._block_lines, self._block_overflow
        self._block, self._block_lines, self._block_overflow = {}, [], False
        if not lines:
            return
        raw = "\n".join(lines)
        if overflow:
            out.append(warning(self.format, f"block with more than {MAX_KEYS_PER_BLOCK} keys ignored",
                               raw.encode("utf-8"), now))
            return
        if "response" in block:
            return
        event = block.get("event")
        if event is None:
            out.append(warning(self.format, "AMI block without Event or Response", raw.encode("utf-8"), now))
            return
        handler = self._HANDLERS.get(event.lower())
        if handler is not None:
            handler(self, block, raw, now, out)

    # -- correlation ------------------------------------------------------------------------------------

    def _event_time(self, block: dict[str, str], now: datetime) -> datetime:
        """Asterisk's own ``Timestamp:`` (timestampevents=yes) when present, otherwise the receive time."""
        try:
            return datetime.fromtimestamp(float(block["timestamp"]), UTC)
        except (KeyError, ValueError, OverflowError, OSError):
            return now

    def _local_time(self, block: dict[str, str]) -> datetime | None:
        if "timestamp" not in block:
            return None
        try:
            moment = datetime.fromtimestamp(float(block["timestamp"]), UTC)
        except (ValueError, OverflowError, OSError):
            return None
        return moment.astimezone(self.tz).replace(tzinfo=None, microsecond=0)

    def _call_for(self, block: dict[str, str], now: datetime, *, create: bool) -> _Call | None:
        uniqueid = block.get("uniqueid", "")
        if not uniqueid:
            return None
        key = self._channel_call.get(uniqueid) or block.get("linkedid") or uniqueid
        call = self._calls.get(key)
        if call is None:
            if not create:
                return None
            if len(self._calls) >= MAX_TRACKED_CALLS:
                oldest = next(iter(self._calls))
                for channel in self._calls.pop(oldest).channels:
                    self._channel_call.pop(channel, None)
            call = _Call(key=key, first_seen=self._event_time(block, now))
            self._calls[key] = call
        if uniqueid not in call.channels:
            call.channels.add(uniqueid)
            self._channel_call[uniqueid] = key
        return call

    def _is_caller_channel(self, call: _Call, block: dict[str, str]) -> bool:
        uniqueid = block.get("uniqueid", "")
        return uniqueid == call.key or len(call.channels) == 1

    def _take_caller_id(self, call: _Call, block: dict[str, str]) -> None:
        number = block.get("calleridnum", "")
        if number.lower() not in _UNKNOWN_VALUES or not call.number_text:
            call.number_text = number
        name = block.get("calleridname", "")
        if name.lower() not in _UNKNOWN_VALUES:
            call.name_text = name
        if call.line is None:
            call.line = _channel_line(block.get("channel", ""))

    def _announce(self, call: _Call, block: dict[str, str], raw: str, now: datetime,
                  out: list[ParseResult]) -> None:
        if call.announced:
            return
        call.announced = True
        number_text = "" if call.number_text.lower() in _UNKNOWN_VALUES else call.number_text
        out.append(make_event(
            self.format, EventKind.INCOMING, now, raw,
            number_text=number_text or "O",
            name_text=call.name_text,
            line=call.line,
            timestamp=self._local_time(block),
            call_ref=call.key,
        ))

    def _on_newchannel(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=True)
        if call is None or not self._is_caller_channel(call, block):
            return
        self._take_caller_id(call, block)
        if block.get("channelstate") == STATE_RING or block.get("channelstatedesc", "").lower() == "ring":
            self._ring(call, block, raw, now, out)

    def _ring(self, call: _Call, block: dict[str, str], raw: str, now: datetime,
              out: list[ParseResult]) -> None:
        call.ringing = True
        # Wait for a NewCallerid when the ringing channel does not know its caller yet.
        if call.number_text.lower() not in _UNKNOWN_VALUES:
            self._announce(call, block, raw, now, out)

    def _on_newcallerid(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None or not self._is_caller_channel(call, block):
            return
        self._take_caller_id(call, block)
        if call.ringing:
            self._ring(call, block, raw, now, out)

    def _on_newstate(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None:
            return
        state = block.get("channelstate", "")
        description = block.get("channelstatedesc", "").lower()
        if (state == STATE_RING or description == "ring") and self._is_caller_channel(call, block):
            self._take_caller_id(call, block)
            self._ring(call, block, raw, now, out)
        elif (state == STATE_UP or description == "up") and not call.answered:
            self._announce(call, block, raw, now, out)
            call.answered = True
            out.append(make_event(self.format, EventKind.INFO, now, raw, line=call.line,
                                  timestamp=self._local_time(block), call_ref=call.key, detail="answered"))

    def _on_dialbegin(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=True)
        if call is None:
            return
        if not call.number_text:
            self._take_caller_id(call, block)
        destination = block.get("destuniqueid", "")
        if destination and destination not in self._channel_call:
            call.channels.add(destination)
            self._channel_call[destination] = call.key
        self._announce(call, block, raw, now, out)

    def _on_dial(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        """Asterisk 1.8 and 11: ``Event: Dial`` with ``SubEvent: Begin`` is the later DialBegin."""
        if block.get("subevent", "").lower() == "begin":
            self._on_dialbegin(block, raw, now, out)

    def _on_hangup(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        uniqueid = block.get("uniqueid", "")
        key = self._channel_call.pop(uniqueid, None)
        call = self._calls.get(key) if key is not None else None
        if call is None:
            return  # a channel from before we connected
        call.channels.discard(uniqueid)
        if call.channels:
            return
        del self._calls[call.key]
        self._announce(call, block, raw, now, out)
        duration = (self._event_time(block, now) - call.first_seen).total_seconds()
        number_text = "" if call.number_text.lower() in _UNKNOWN_VALUES else call.number_text
        out.append(make_event(
            self.format, EventKind.END, now, raw,
            number_text=number_text or "O",
            name_text=call.name_text,
            line=call.line,
            timestamp=self._local_time(block),
            duration_s=max(0, round(duration)),
            call_ref=call.key,
            detail=clean_text(block.get("cause-txt", "")) or None,
        ))

    _HANDLERS: ClassVar[dict[str, _Handler]] = {
        "newchannel": _on_newchannel,
        "newcallerid": _on_newcallerid,
        "newstate": _on_newstate,
        "dialbegin": _on_dialbegin,
        "dial": _on_dial,
        "hangup": _on_hangup,
    }


_Handler = Callable[[AmiParser, dict[str, str], str, datetime, list[ParseResult]], None]
