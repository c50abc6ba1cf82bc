"""Asterisk Manager Interface (TCP 5038): ``Key: Value`` blocks ending with a blank line.

A call in Asterisk is several channels (the caller's leg, one leg per phone dialled, Local channels) that
share a Linkedid. Channel events are correlated by Uniqueid/Linkedid (and, for Asterisk 1.8/11, by Dial and
LocalBridge events) into one call. What the console needs from that:

- **Incoming or not is decided by where the call entered**: the call's first channel. A call came in from
  outside when that channel was created ringing *into* the PBX (ChannelState 4 ``Ring``) and is not a Local
  channel. A call the PBX places itself (an Originate, click-to-call: its Local/ legs and the phones it
  dials, all created ``Down``) is not an incoming call and produces no events at all. Local channels inside a
  genuine inbound call (FreePBX-style queue members) belong to that call and change nothing.
- **One INCOMING** as soon as the entry channel rings with a known caller, with its number, name and
  presentation (``CallingPres`` / ``CID-CallingPres``, or a channel variable carrying ``CALLERID(pres)``, see
  docs/caller-id-sources.md). A masked number (``+31260xxxxxx``) is kept as it is, never cut to its digits.
- **A later identity wins**: when NewCallerid changes the number, name or presentation after the INCOMING,
  an INFO ``caller_id`` carries the final identity, and the END repeats it.
- **Answered means a desk answered**: DialEnd with DialStatus ANSWER, AgentConnect, a dialled desk channel
  going Up, or a desk channel entering the caller's bridge. One INFO ``answered`` carries the desk's channel
  and extension. The entry channel going Up is not an answer: PBX menus answer with a greeting (``Answer()``)
  long before any desk does, and abandoned calls would all look answered at 0 s.
- **One END** when the last channel of the call hangs up (duration from the first to the last event).

Times come from the events' ``Timestamp`` field (``timestampevents = yes`` in manager.conf) when present.
The banner and ``Response:`` blocks (login, pings, command output) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from callcenter.cid.base import LineOverflow as _LineOverflow
from callcenter.cid.base import (
    LineSplitter,
    clean_name,
    clean_number,
    clean_text,
    decode_text,
    make_event,
    number_warning,
    warning,
)
from callcenter.cid.events import EventKind, ParseResult, Presentation
from callcenter.clock import WIB

STATE_RING = "4"
STATE_UP = "6"
MAX_KEYS_PER_BLOCK = 256
MAX_TRACKED_CALLS = 10_000
"""Calls whose hangup never arrives (connection lost mid-call) must not grow memory forever."""
_UNKNOWN_VALUES = frozenset({"", "<unknown>", "unknown"})
_PRESENTATION_BITS = {0x00: Presentation.ALLOWED, 0x20: Presentation.PRIVATE, 0x40: Presentation.UNAVAILABLE}


@dataclass(slots=True)
class _Channel:
    uniqueid: str
    name: str = ""
    dialled: bool = False
    """A destination the PBX dialled (a desk phone, a queue member) rather than the caller's leg."""
    last_dialled: str | None = None
    """The channel this one dialled most recently (for Asterisk 11's DialEnd without a destination)."""

    @property
    def local(self) -> bool:
        return self.name.lower().startswith("local/")


@dataclass(slots=True)
class _Call:
    key: str
    first_seen: datetime
    number_text: str = ""
    name_text: str = ""
    presentation: Presentation | None = None
    """What CallingPres (or the dialplan's channel variable) said, overriding the number's own look."""
    line: str | None = None
    inbound: bool = False
    """The entry channel rang into the PBX: a call from outside (see the module docstring)."""
    announced: bool = False
    announced_identity: tuple[str | None, Presentation, str | None] | None = None
    answered: bool = False
    channels: set[str] = field(default_factory=set)


def _channel_line(channel: str) -> str | None:
    """``SIP/trunk-00000012`` -> ``SIP/trunk``: the line the call came in on, without the per-call suffix."""
    channel = channel.strip()
    if not channel:
        return None
    base, _, suffix = channel.rpartition("-")
    return base if base and suffix.isalnum() else channel


def _extension(channel_or_interface: str) -> str | None:
    """``PJSIP/201-0000002a`` or ``PJSIP/201`` -> ``201``; ``Local/201@from-queue/n`` -> ``201``."""
    line = _channel_line(channel_or_interface.split(";")[0]) or ""
    _, _, device = line.partition("/")
    device = device.split("@")[0].split("/")[0]
    return device or None


def presentation_of(block: dict[str, str]) -> Presentation | None:
    """The presentation an event states: CallingPres / CID-CallingPres, or a channel variable set from
    ``CALLERID(pres)`` in the dialplan (``ChanVariable: KONSOL_PRES=prohib_passed_screen``). None: not said."""
    for key in ("cid-callingpres", "callingpres"):
        value = block.get(key, "").strip()
        if value:
            head = value.split()[0]
            if head.isdigit():
                return _PRESENTATION_BITS.get(int(head) & 0x60, Presentation.UNAVAILABLE)
            return _presentation_word(value)
    for key, value in block.items():
        if key.startswith("chanvariable:") and "pres" in key and value.strip():
            head = value.strip().split()[0]
            if head.isdigit():
                return _PRESENTATION_BITS.get(int(head) & 0x60, Presentation.UNAVAILABLE)
            return _presentation_word(value)
    return None


def _presentation_word(value: str) -> Presentation | None:
    word = value.strip().lower()
    if "prohib" in word or "restrict" in word:
        return Presentation.PRIVATE
    if "unavailable" in word or "not available" in word:
        return Presentation.UNAVAILABLE
    if "allowed" in word:
        return Presentation.ALLOWED
    return None


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
        self._channels: dict[str, _Channel] = {}

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
        key = key.strip().lower()
        value = value.strip()
        if key.startswith("chanvariable"):
            # ``ChanVariable: NAME=value`` (Asterisk 12+) or ``ChanVariable(SIP/x-1): NAME=value``: one per name.
            name, _, variable = value.partition("=")
            key, value = f"chanvariable:{name.strip().lower()}", variable.strip()
        self._block.setdefault(key, value)

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
        if "response" in block or "action" in block:
            return  # answers to our actions, and actions echoed in a capture: nothing about calls
        event = block.get("event")
        if event is None:
            out.append(warning(self.format, "AMI block without Event or Response", raw.encode("utf-8"), now))
            return
        handler = self._HANDLERS.get(event.lower())
        if handler is not None:
            handler(self, block, raw, now, out)

    # -- times ------------------------------------------------------------------------------------------

    @staticmethod
    def _source_time(block: dict[str, str]) -> datetime | None:
        """Asterisk's own ``Timestamp:`` (timestampevents=yes), aware UTC, or None."""
        try:
            return datetime.fromtimestamp(float(block["timestamp"]), UTC)
        except (KeyError, ValueError, OverflowError, OSError):
            return None

    def _local_time(self, moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        return moment.astimezone(self.tz).replace(tzinfo=None, microsecond=0)

    # -- correlation ------------------------------------------------------------------------------------

    def _channel(self, uniqueid: str, name: str = "") -> _Channel:
        channel = self._channels.get(uniqueid)
        if channel is None:
            channel = self._channels[uniqueid] = _Channel(uniqueid)
        if name and not channel.name:
            channel.name = name
        return channel

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
                self._forget(self._calls[next(iter(self._calls))])
            call = _Call(key=key, first_seen=self._source_time(block) or now)
            self._calls[key] = call
        self._attach(call, uniqueid)
        self._channel(uniqueid, block.get("channel", ""))
        return call

    def _attach(self, call: _Call, uniqueid: str) -> _Call:
        """Put a channel in ``call``; a channel already in another call brings that call along (merge)."""
        other_key = self._channel_call.get(uniqueid)
        if other_key is not None and other_key != call.key:
            other = self._calls.get(other_key)
            if other is not None:
                return self._merge(call, other)
        call.channels.add(uniqueid)
        self._channel_call[uniqueid] = call.key
        return call

    def _merge(self, first: _Call, second: _Call) -> _Call:
        """Two halves of one call met (Asterisk 11 without Linkedid: a Dial or a LocalBridge joins them)."""
        if first.announced and second.announced:
            return first  # two real calls bridged together (a transfer): they stay two calls
        keep, drop = (second, first) if (second.inbound and not first.inbound) or second.announced else (first, second)
        for uniqueid in drop.channels:
            self._channel_call[uniqueid] = keep.key
        keep.channels |= drop.channels
        keep.first_seen = min(keep.first_seen, drop.first_seen)
        del self._calls[drop.key]
        return keep

    def _forget(self, call: _Call) -> None:
        self._calls.pop(call.key, None)
        for uniqueid in call.channels:
            self._channel_call.pop(uniqueid, None)
            self._channels.pop(uniqueid, None)

    def _is_entry(self, call: _Call, block: dict[str, str]) -> bool:
        return block.get("uniqueid", "") == call.key

    # -- identity ---------------------------------------------------------------------------------------

    def _take_caller_id(self, call: _Call, block: dict[str, str]) -> None:
        number = block.get("calleridnum", "")
        if number.lower() not in _UNKNOWN_VALUES or not call.number_text:
            call.number_text = number
        name = block.get("calleridname", "")
        if name.lower() not in _UNKNOWN_VALUES:
            call.name_text = name
        presentation = presentation_of(block)
        if presentation is not None:
            call.presentation = presentation
        if call.line is None:
            call.line = _channel_line(block.get("channel", ""))

    def _identity(self, call: _Call) -> tuple[str | None, Presentation, str | None]:
        number_text = "" if call.number_text.lower() in _UNKNOWN_VALUES else call.number_text
        number, presentation = clean_number(number_text or "O")
        if call.presentation is not None and call.presentation is not Presentation.ALLOWED:
            presentation = call.presentation  # withheld by the caller: a delivered number stays evidence
        return number, presentation, clean_name(call.name_text)

    def _identity_event(self, kind: EventKind, call: _Call, raw: str, now: datetime, moment: datetime | None,
                        out: list[ParseResult], *, detail: str | None = None,
                        duration_s: int | None = None) -> None:
        number, presentation, name = self._identity(call)
        flagged = number_warning(self.format, number, raw, now)
        if flagged is not None and kind is EventKind.INCOMING:
            out.append(flagged)
        out.append(make_event(
            self.format, kind, now, raw, number=number, presentation=presentation, name_text=name or "",
            line=call.line, timestamp=self._local_time(moment), call_ref=call.key, occurred_at=moment,
            detail=detail, duration_s=duration_s,
        ))

    def _announce(self, call: _Call, raw: str, now: datetime, moment: datetime | None,
                  out: list[ParseResult]) -> None:
        if call.announced or not call.inbound:
            return
        call.announced = True
        call.announced_identity = self._identity(call)
        self._identity_event(EventKind.INCOMING, call, raw, now, moment, out)

    def _maybe_announce(self, call: _Call, raw: str, now: datetime, moment: datetime | None,
                        out: list[ParseResult]) -> None:
        """Announce once the caller is known; report a changed identity once announced."""
        if call.announced:
            identity = self._identity(call)
            if identity != call.announced_identity:
                call.announced_identity = identity
                self._identity_event(EventKind.INFO, call, raw, now, moment, out, detail="caller_id")
        elif call.inbound and call.number_text.lower() not in _UNKNOWN_VALUES:
            self._announce(call, raw, now, moment, out)

    # -- events -----------------------------------------------------------------------------------------

    def _on_newchannel(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=True)
        if call is None or not self._is_entry(call, block):
            return
        self._take_caller_id(call, block)
        self._entry_state(call, block, raw, now, out)

    def _entry_state(self, call: _Call, block: dict[str, str], raw: str, now: datetime,
                     out: list[ParseResult]) -> None:
        ringing = block.get("channelstate") == STATE_RING or block.get("channelstatedesc", "").lower() == "ring"
        channel = self._channel(block.get("uniqueid", ""), block.get("channel", ""))
        if ringing and not channel.local and not call.announced:
            call.inbound = True  # it rang into the PBX: a call from outside
        self._maybe_announce(call, raw, now, self._source_time(block), out)

    def _on_newcallerid(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None or not self._is_entry(call, block):
            return
        self._take_caller_id(call, block)
        self._maybe_announce(call, raw, now, self._source_time(block), out)

    def _on_newstate(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None:
            return
        if self._is_entry(call, block):
            self._take_caller_id(call, block)
            self._entry_state(call, block, raw, now, out)
            return
        up = block.get("channelstate") == STATE_UP or block.get("channelstatedesc", "").lower() == "up"
        channel = self._channel(block.get("uniqueid", ""), block.get("channel", ""))
        if up and channel.dialled and not channel.local:
            self._answered(call, channel.name, None, block, raw, now, out)

    def _on_dialbegin(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=True)
        if call is None:
            return
        if self._is_entry(call, block) and not call.number_text:
            self._take_caller_id(call, block)
        destination = block.get("destuniqueid", "")
        if destination:
            call = self._attach(call, destination)
            dialled = self._channel(destination, block.get("destchannel") or block.get("destination", ""))
            dialled.dialled = True
            self._channel(block.get("uniqueid", "")).last_dialled = destination
        # The desks are ringing: a caller ID that has not come by now will not come.
        self._maybe_announce(call, raw, now, self._source_time(block), out)
        self._announce(call, raw, now, self._source_time(block), out)

    def _on_dialend(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        if block.get("dialstatus", "").upper() != "ANSWER":
            return
        call = self._call_for(block, now, create=False)
        if call is None:
            return
        destination = block.get("destuniqueid") or self._channel(block.get("uniqueid", "")).last_dialled or ""
        name = block.get("destchannel") or (self._channels[destination].name if destination in self._channels
                                             else "")
        if name and not name.lower().startswith("local/"):
            self._answered(call, name, None, block, raw, now, out)

    def _on_dial(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        """Asterisk 1.8 and 11: ``Event: Dial`` with ``SubEvent: Begin`` / ``End`` is the later DialBegin/End."""
        subevent = block.get("subevent", "").lower()
        if subevent == "begin":
            self._on_dialbegin(block, raw, now, out)
        elif subevent == "end":
            self._on_dialend(block, raw, now, out)

    def _on_agentconnect(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None:
            return
        desk = block.get("destchannel") or block.get("interface") or block.get("membername", "")
        extension = _extension(block.get("interface", "")) or clean_text(block.get("membername", "")) or None
        self._answered(call, desk, extension, block, raw, now, out)

    def _on_bridgeenter(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        call = self._call_for(block, now, create=False)
        if call is None or self._is_entry(call, block):
            return
        channel = self._channel(block.get("uniqueid", ""), block.get("channel", ""))
        if not channel.local:
            self._answered(call, channel.name, None, block, raw, now, out)

    def _on_bridge(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        """Asterisk 1.8/11 ``Bridge`` (Bridgestate: Link) and ``Link``, and ``LocalBridge``: two channels meet."""
        first, second = block.get("uniqueid1", ""), block.get("uniqueid2", "")
        key = self._channel_call.get(first) or self._channel_call.get(second)
        call = self._calls.get(key) if key is not None else None
        if call is None or not first or not second or block.get("bridgestate", "link").lower() != "link":
            return
        call = self._attach(self._attach(call, first), second)
        channels = (self._channel(first, block.get("channel1", "")), self._channel(second, block.get("channel2", "")))
        desks = [channel for channel in channels if channel.uniqueid != call.key and not channel.local]
        if block.get("event", "").lower() != "localbridge" and desks:
            self._answered(call, desks[0].name, None, block, raw, now, out)

    def _answered(self, call: _Call, desk: str, extension: str | None, block: dict[str, str], raw: str,
                  now: datetime, out: list[ParseResult]) -> None:
        if call.answered or not call.announced:
            return
        call.answered = True
        moment = self._source_time(block)
        out.append(make_event(
            self.format, EventKind.INFO, now, raw, line=call.line, timestamp=self._local_time(moment),
            call_ref=call.key, detail="answered", occurred_at=moment,
            desk_channel=clean_text(desk)[:80] or None, desk_extension=(extension or _extension(desk) or None),
        ))

    def _on_hangup(self, block: dict[str, str], raw: str, now: datetime, out: list[ParseResult]) -> None:
        uniqueid = block.get("uniqueid", "")
        key = self._channel_call.pop(uniqueid, None)
        self._channels.pop(uniqueid, None)
        call = self._calls.get(key) if key is not None else None
        if call is None:
            return  # a channel from before we connected
        call.channels.discard(uniqueid)
        if call.channels:
            return
        del self._calls[call.key]
        moment = self._source_time(block)
        self._announce(call, raw, now, moment, out)  # a call that rang with no caller ID at all is still a call
        if not call.announced:
            return  # placed by the PBX itself (an Originate): not a call to the centre
        duration = ((moment or now) - call.first_seen).total_seconds()
        self._identity_event(EventKind.END, call, raw, now, moment, out, duration_s=max(0, round(duration)),
                             detail=clean_text(block.get("cause-txt", "")) or None)

    _HANDLERS: ClassVar[dict[str, _Handler]] = {
        "newchannel": _on_newchannel,
        "newcallerid": _on_newcallerid,
        "newstate": _on_newstate,
        "dialbegin": _on_dialbegin,
        "dialend": _on_dialend,
        "dial": _on_dial,
        "agentconnect": _on_agentconnect,
        "bridgeenter": _on_bridgeenter,
        "bridge": _on_bridge,
        "link": _on_bridge,
        "localbridge": _on_bridge,
        "hangup": _on_hangup,
    }


_Handler = Callable[[AmiParser, dict[str, str], str, datetime, list[ParseResult]], None]
