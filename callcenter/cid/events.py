"""What a caller-ID parser produces, and the interface every parser implements.

A parser is fed bytes as they arrive (split anywhere) and returns ``CallerIdEvent`` objects for complete
frames and ``ParseWarning`` objects for malformed ones. It never raises on input and never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class EventKind(StrEnum):
    INCOMING = "incoming"   # caller ID of a new inbound call
    RING = "ring"           # a ring signal (may come with no caller ID)
    END = "end"             # the call ended (hangup, on-hook, end record with duration)
    OUTGOING = "outgoing"   # an outbound call was placed on the line
    INFO = "info"           # status about a call: answered, not answered, off-hook, ...


class Presentation(StrEnum):
    ALLOWED = "allowed"
    PRIVATE = "private"          # withheld by the caller ("P")
    UNAVAILABLE = "unavailable"  # out of area / not delivered ("O")


@dataclass(frozen=True, slots=True)
class CallerIdEvent:
    format: str
    kind: EventKind
    received_at: datetime
    """When the frame's last byte arrived (aware, UTC)."""
    raw: str
    """The frame text as received (decoded with replacement), for the record and for debugging."""
    line: str | None = None
    number: str | None = None
    """As received: digits and '+' only, or None when absent/withheld."""
    presentation: Presentation = Presentation.ALLOWED
    name: str | None = None
    timestamp: datetime | None = None
    """Local (naive, the device's wall clock) time from the frame with the year inferred, or None."""
    duration_s: int | None = None
    verified: bool | None = None
    """Checksum result where the format has one: True ok, False bad (reported, not trusted), None n/a."""
    history: bool = False
    """True for records replayed from a log at connect (NCID ``*LOG:``): never a new ring."""
    call_ref: str | None = None
    """A correlation id from the source (AMI Uniqueid/Linkedid, NCID call id) when it has one."""
    detail: str | None = None
    """For INFO events: answered | not_answered | hung_up | off_hook | on_hook | caller_id | ... ; MESG text
    otherwise. ``caller_id`` carries a corrected identity (number, presentation, name) for a call already
    announced (AMI NewCallerid, a modem's second NMBR in one ring cycle)."""
    direction: str = "incoming"
    """incoming or outgoing (CallerID.com records and NCID OUT: say which)."""
    occurred_at: datetime | None = None
    """When the source's own clock says this happened (aware UTC; AMI ``Timestamp:``), or None."""
    desk_channel: str | None = None
    """For ``answered``: the channel of the desk that answered (``PJSIP/201-0000002a``), when the source knows."""
    desk_extension: str | None = None
    """For ``answered``: that desk's extension or device name (``201``)."""


@dataclass(frozen=True, slots=True)
class ParseWarning:
    format: str
    message: str
    raw: bytes
    received_at: datetime


ParseResult = CallerIdEvent | ParseWarning


class FrameParser(Protocol):
    """A streaming parser: feed bytes, get events. Never raises on input."""

    format: str

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        """Consume ``data`` (any split) received at ``now`` (aware UTC); return completed results."""
        ...

    def flush(self, now: datetime) -> list[ParseResult]:
        """Called when the line has been idle for a short while: complete a last frame with no newline."""
        ...
