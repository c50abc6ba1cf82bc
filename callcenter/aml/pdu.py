"""SMS-DELIVER decoding (3GPP TS 23.040 clause 9.2.2.1), as a GSM modem prints it in PDU mode (TS 27.005).

A modem's PDU starts with the service centre address (TS 24.011 RP address: a length in octets, the type of
address, then the digits), followed by the TPDU. Everything that can be wrong in a PDU from the air - a bad
length, a truncated user data field, an unknown coding - raises ``MessageError`` (code ``aml.bad_pdu``) with one
clear sentence; fields that are merely odd (an impossible time stamp, an unknown information element) are kept
as they are or left empty, because an SMS that reached the centre must still reach a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from callcenter.aml import gsm7
from callcenter.errors import MessageError

MAX_PDU_OCTETS = 200
"""An SMS TPDU is at most 164 octets plus a 12-octet service centre address; anything longer is not a PDU."""
_HEX = re.compile(r"^[0-9A-Fa-f]+$")
# Semi-octet digits (TS 24.008 clause 10.5.4.7 / TS 23.040 clause 9.1.2.3); 0xF is the filler.
_BCD = "0123456789*#abc"

IEI_CONCAT_8 = 0x00
IEI_PORT_8 = 0x04
IEI_PORT_16 = 0x05
IEI_CONCAT_16 = 0x08


@dataclass(frozen=True, slots=True)
class Concatenation:
    reference: int
    total: int
    sequence: int


@dataclass(frozen=True, slots=True)
class Ports:
    destination: int
    source: int


@dataclass(frozen=True, slots=True)
class InformationElement:
    iei: int
    data: bytes


@dataclass(frozen=True, slots=True)
class SmsDeliver:
    """One decoded SMS-DELIVER."""

    raw: str
    """The PDU as received (upper-case hex), for the record."""
    service_centre: str | None
    sender: str
    """As the network gave it: ``+`` and digits for an international number, digits, or an alphanumeric name."""
    sender_international: bool
    sent_at: datetime | None
    """The service centre time stamp, aware (UTC); None when the stamp is not a real time."""
    protocol_id: int
    coding: str
    """gsm7, 8bit, ucs2 or compressed (compressed text is not expanded: the octets are kept)."""
    text: str | None
    """The message text for gsm7 and ucs2; None for 8-bit data and compressed text."""
    data: bytes
    """The user data after the header (the packed septets for gsm7)."""
    elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    ports: Ports | None
    message_class: int | None


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def octet(self, what: str) -> int:
        if self.pos >= len(self.data):
            raise _bad(f"the PDU ends before its {what}")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def octets(self, count: int, what: str) -> bytes:
        if self.pos + count > len(self.data):
            raise _bad(f"the PDU ends inside its {what}")
        value = self.data[self.pos:self.pos + count]
        self.pos += count
        return value

    def rest(self) -> bytes:
        value = self.data[self.pos:]
        self.pos = len(self.data)
        return value


def _bad(reason: str) -> MessageError:
    return MessageError(f"not a readable SMS-DELIVER PDU: {reason}", code="aml.bad_pdu", reason=reason)


def pdu_bytes(pdu: str | bytes) -> bytes:
    """The octets of a PDU given as hex text (spaces allowed) or as bytes."""
    if isinstance(pdu, bytes):
        data = pdu
    else:
        text = "".join(pdu.split())
        if not text or len(text) % 2 or not _HEX.match(text):
            raise _bad("it is not an even number of hexadecimal digits")
        data = bytes.fromhex(text)
    if len(data) > MAX_PDU_OCTETS:
        raise _bad(f"it is {len(data)} octets long, more than any SMS")
    return data


def decode_deliver(pdu: str | bytes, *, with_service_centre: bool = True) -> SmsDeliver:
    """Decode one SMS-DELIVER; ``with_service_centre`` says whether the PDU starts with the SC address (as a
    modem prints it) or directly with the TPDU."""
    data = pdu_bytes(pdu)
    reader = _Reader(data)
    service_centre = _service_centre(reader) if with_service_centre else None
    first = reader.octet("first octet")
    if first & 0x03 != 0x00:
        kind = {0x01: "an SMS-SUBMIT", 0x02: "a status report"}.get(first & 0x03, "a reserved message type")
        raise _bad(f"it is {kind}, not an SMS-DELIVER")
    has_header = bool(first & 0x40)
    sender, international = _address(reader)
    protocol_id = reader.octet("protocol identifier")
    dcs = reader.octet("data coding scheme")
    sent_at = _timestamp(reader.octets(7, "service centre time stamp"))
    length = reader.octet("user data length")
    coding, message_class = _coding(dcs)
    user_data = reader.rest()
    elements: tuple[InformationElement, ...] = ()
    header_octets = 0
    if has_header:
        if not user_data:
            raise _bad("the user data header indicator is set but there is no user data")
        header_octets = user_data[0] + 1
        if header_octets > len(user_data):
            raise _bad("the user data header is longer than the user data")
        elements = _elements(user_data[1:header_octets])
    text: str | None = None
    if coding == "gsm7":
        if length > 160:
            raise _bad(f"it says {length} septets, more than an SMS holds")
        header_bits = header_octets * 8
        fill = (7 - header_bits % 7) % 7
        header_septets = (header_bits + fill) // 7
        count = length - header_septets
        if count < 0:
            raise _bad("the user data length is shorter than its header")
        if (header_bits + fill + count * 7 + 7) // 8 > len(user_data):
            raise _bad("the user data is shorter than its length says")
        text = gsm7.unpack_text(user_data, count, header_bits + fill)
        body = user_data[header_octets:(header_bits + fill + count * 7 + 7) // 8]
    else:
        if length > 140:
            raise _bad(f"it says {length} octets of user data, more than an SMS holds")
        if length > len(user_data):
            raise _bad("the user data is shorter than its length says")
        if length < header_octets:
            raise _bad("the user data length is shorter than its header")
        body = user_data[header_octets:length]
        if coding == "ucs2":
            # An odd last octet is half a character: dropped rather than shown as garbage.
            text = body[:len(body) - len(body) % 2].decode("utf-16-be", "replace")
    return SmsDeliver(data.hex().upper(), service_centre, sender, international, sent_at, protocol_id, coding, text,
                      body, elements, _concatenation(elements), _ports(elements), message_class)


def _service_centre(reader: _Reader) -> str | None:
    length = reader.octet("service centre address length")
    if length == 0:
        return None
    if length > 11:
        raise _bad(f"its service centre address says {length} octets (at most 11)")
    toa = reader.octet("service centre type of address")
    digits = _semi_octets(reader.octets(length - 1, "service centre address"))
    return ("+" if (toa >> 4) & 0x07 == 1 else "") + digits


def _address(reader: _Reader) -> tuple[str, bool]:
    """TP-OA (TS 23.040 clause 9.1.2.5): the length counts useful semi-octets."""
    semi_octets = reader.octet("sender address length")
    if semi_octets > 20:
        raise _bad(f"its sender address says {semi_octets} digits (at most 20)")
    toa = reader.octet("sender type of address")
    value = reader.octets((semi_octets + 1) // 2, "sender address")
    number_type = (toa >> 4) & 0x07
    if number_type == 0b101:  # alphanumeric, GSM 7-bit packed
        return gsm7.unpack_text(value, semi_octets * 4 // 7).strip(), False
    digits = _semi_octets(value)[:semi_octets]
    international = number_type == 0b001
    return ("+" + digits if international else digits), international


def _semi_octets(value: bytes) -> str:
    digits: list[str] = []
    for octet in value:
        for nibble in (octet & 0x0F, octet >> 4):
            if nibble == 0x0F:
                return "".join(digits)
            digits.append(_BCD[nibble])
    return "".join(digits)


def _timestamp(value: bytes) -> datetime | None:
    """TP-SCTS (clause 9.2.3.11): swapped BCD year..second, then the zone in signed quarter hours."""
    fields: list[int] = []
    for octet in value[:6]:
        low, high = octet & 0x0F, octet >> 4
        if low > 9 or high > 9:
            return None
        fields.append(low * 10 + high)
    zone = value[6]
    if zone & 0x07 > 9 or zone >> 4 > 9:
        return None
    quarters = (zone & 0x07) * 10 + (zone >> 4)
    if quarters > 56:  # no zone is more than 14 hours from UTC
        return None
    offset = timedelta(minutes=15 * quarters) * (-1 if zone & 0x08 else 1)
    year, month, day, hour, minute, second = fields
    try:
        local = datetime(2000 + year, month, day, hour, minute, second, tzinfo=timezone(offset))
    except ValueError:
        return None
    return local.astimezone(UTC)


def _coding(dcs: int) -> tuple[str, int | None]:
    """TP-DCS (TS 23.038 clause 4): the alphabet and the message class (None when the scheme gives none)."""
    group = dcs >> 4
    if group <= 0x07:  # general data coding (0x0-0x3) and automatic deletion (0x4-0x7)
        message_class = dcs & 0x03 if dcs & 0x10 else None
        if dcs & 0x20:
            return "compressed", message_class
        alphabet = (dcs >> 2) & 0x03
        return ("gsm7", "8bit", "ucs2", "gsm7")[alphabet], message_class  # reserved alphabet: read as default
    if group in (0x0C, 0x0D):  # message waiting indication, default alphabet
        return "gsm7", None
    if group == 0x0E:  # message waiting indication, UCS2
        return "ucs2", None
    if group == 0x0F:  # data coding / message class
        return ("8bit" if dcs & 0x04 else "gsm7"), dcs & 0x03
    return "gsm7", None  # reserved groups 0x8-0xB: the default alphabet, as the specification asks


def _elements(header: bytes) -> tuple[InformationElement, ...]:
    elements: list[InformationElement] = []
    pos = 0
    while pos < len(header):
        if pos + 2 > len(header):
            raise _bad("an information element of the user data header is cut short")
        iei, size = header[pos], header[pos + 1]
        if pos + 2 + size > len(header):
            raise _bad("an information element runs past the end of the user data header")
        elements.append(InformationElement(iei, header[pos + 2:pos + 2 + size]))
        pos += 2 + size
    return tuple(elements)


def _concatenation(elements: tuple[InformationElement, ...]) -> Concatenation | None:
    for element in elements:
        data = element.data
        if element.iei == IEI_CONCAT_8 and len(data) == 3:
            concat = Concatenation(data[0], data[1], data[2])
        elif element.iei == IEI_CONCAT_16 and len(data) == 4:
            concat = Concatenation(data[0] << 8 | data[1], data[2], data[3])
        else:
            continue
        # TS 23.040 clause 9.2.3.24.1: a zero count, a zero sequence number or one past the count makes the
        # receiver ignore the element (the part is then read as a message of its own).
        if concat.total and 0 < concat.sequence <= concat.total:
            return concat
    return None


def _ports(elements: tuple[InformationElement, ...]) -> Ports | None:
    for element in elements:
        data = element.data
        if element.iei == IEI_PORT_16 and len(data) == 4:
            return Ports(data[0] << 8 | data[1], data[2] << 8 | data[3])
        if element.iei == IEI_PORT_8 and len(data) == 2:
            return Ports(data[0], data[1])
    return None
