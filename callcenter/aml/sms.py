"""From decoded SMS-DELIVER parts to one received message: reassembly of concatenated parts, and whether the
message is a handset's location (AML) or an ordinary SMS for an operator.

Android sends its location as a data SMS: 8-bit user data with an application port header whose octets are the
message's 7-bit packed septets. iPhones and newer Android send a normal 7-bit text SMS. Both are recognised.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from callcenter.aml import gsm7
from callcenter.aml.message import AmlMessage, looks_like_aml, parse_aml
from callcenter.aml.pdu import SmsDeliver
from callcenter.errors import MessageError

REASSEMBLY_TIMEOUT = timedelta(minutes=10)
"""A concatenated message whose parts have not all come after this long is handed on as it is."""
MISSING_PART = "[…]"

Token = TypeVar("Token", bound=Hashable)


@dataclass(frozen=True, slots=True)
class ReceivedSms:
    """One message as received (all its parts), ready to be stored."""

    received_at: datetime
    source_key: str
    sender: str | None
    """As the network gave it (``+62...`` for an international number)."""
    sent_at: datetime | None
    text: str | None
    """The text for a person; None when the message could not be decoded at all."""
    pdus: tuple[str, ...]
    """Every part's PDU as received, in order (hex)."""
    parts_expected: int
    parts_received: int
    aml: AmlMessage | None
    problem: str | None = None
    """Why the message is not fully readable (missing parts, an undecodable PDU, a broken AML message)."""

    @property
    def complete(self) -> bool:
        return self.parts_received >= self.parts_expected


def payload_text(part: SmsDeliver) -> str | None:
    """The text of one part: the decoded text, or an 8-bit payload read as packed septets when it holds an AML
    message (Android's data SMS) and else as plain ASCII."""
    if part.text is not None:
        return part.text
    if part.coding != "8bit":
        return None
    packed = gsm7.unpack_payload(part.data)
    if looks_like_aml(packed):
        return packed
    try:
        plain = part.data.decode("ascii")
    except UnicodeDecodeError:
        return None
    return plain if looks_like_aml(plain) or plain.isprintable() else None


def interpret(parts: list[SmsDeliver], *, received_at: datetime, source_key: str,
              expected: int | None = None) -> ReceivedSms:
    """Join the parts (sorted by sequence; missing ones marked) and read an AML message if it is one."""
    ordered = sorted(parts, key=lambda p: p.concatenation.sequence if p.concatenation else 0)
    total = expected or (ordered[0].concatenation.total if ordered and ordered[0].concatenation else len(ordered))
    texts: list[str] = []
    unreadable = False
    have = {p.concatenation.sequence if p.concatenation else 1 for p in ordered}
    by_sequence = {p.concatenation.sequence if p.concatenation else 1: p for p in ordered}
    for sequence in range(1, max(total, len(ordered)) + 1):
        part = by_sequence.get(sequence)
        if part is None:
            texts.append(MISSING_PART)
            continue
        piece = payload_text(part)
        if piece is None:
            unreadable = True
            piece = f"[{part.coding}: {part.data.hex().upper()}]"
        texts.append(piece)
    text = "".join(texts)
    problems: list[str] = []
    if len(have) < total:
        problems.append(f"{total - len(have)} of {total} parts never arrived")
    if unreadable:
        problems.append("binary data, not text")
    aml: AmlMessage | None = None
    if looks_like_aml(text) and len(have) >= total:
        try:
            aml = parse_aml(text)
        except MessageError as exc:
            problems.append(str(exc))
    first = ordered[0] if ordered else None
    return ReceivedSms(
        received_at=received_at, source_key=source_key, sender=first.sender if first else None,
        sent_at=first.sent_at if first else None, text=text, pdus=tuple(p.raw for p in ordered),
        parts_expected=total, parts_received=len(have), aml=aml, problem="; ".join(problems) or None)


def undecodable(pdu: str, reason: str, *, received_at: datetime, source_key: str) -> ReceivedSms:
    """A PDU that could not be decoded is still kept (raw) for a person to see."""
    return ReceivedSms(received_at=received_at, source_key=source_key, sender=None, sent_at=None, text=None,
                       pdus=(pdu[:400],), parts_expected=1, parts_received=1, aml=None, problem=reason)


@dataclass(slots=True)
class _Group(Generic[Token]):
    first_seen: datetime
    parts: dict[int, tuple[SmsDeliver, Token]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Assembled(Generic[Token]):
    parts: list[SmsDeliver]
    tokens: list[Token]
    expected: int


class Reassembler(Generic[Token]):
    """Collects the parts of concatenated messages. Each part carries a token (a SIM index) so the caller can
    delete exactly the stored parts once the whole message has been handed on."""

    def __init__(self, timeout: timedelta = REASSEMBLY_TIMEOUT) -> None:
        self.timeout = timeout
        self._groups: dict[tuple[str, int, int], _Group[Token]] = {}

    def add(self, part: SmsDeliver, token: Token, now: datetime) -> Assembled[Token] | None:
        """Add a part; returns the whole message when this was its last missing part (or it stands alone)."""
        concat = part.concatenation
        if concat is None or concat.total == 1:
            return Assembled([part], [token], 1)
        key = (part.sender, concat.reference, concat.total)
        group = self._groups.setdefault(key, _Group(now))
        if concat.sequence in group.parts:
            old_part, old_token = group.parts[concat.sequence]
            if old_token == token:
                return None  # the same stored part read again
            group.parts[concat.sequence] = (part, token)
            if old_part.raw == part.raw:
                return Assembled([], [old_token], 0)  # a second copy: nothing to hand on, the copy can go
            # Another message reusing the reference (it wraps at 256): the older part goes on by itself.
            return Assembled([old_part], [old_token], concat.total)
        group.parts[concat.sequence] = (part, token)
        if len(group.parts) < concat.total:
            return None
        del self._groups[key]
        return Assembled([p for p, _ in group.parts.values()], [t for _, t in group.parts.values()], concat.total)

    def expired(self, now: datetime) -> list[Assembled[Token]]:
        """Groups whose missing parts did not come in time, to be handed on incomplete."""
        done: list[Assembled[Token]] = []
        for key, group in list(self._groups.items()):
            if now - group.first_seen >= self.timeout:
                del self._groups[key]
                done.append(Assembled([p for p, _ in group.parts.values()], [t for _, t in group.parts.values()],
                                      key[2]))
        return done

    def holds(self, token: Token) -> bool:
        return any(token == t for group in self._groups.values() for _, t in group.parts.values())

    def __len__(self) -> int:
        return len(self._groups)
