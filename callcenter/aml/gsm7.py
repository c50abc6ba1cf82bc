"""The GSM 7-bit default alphabet (3GPP TS 23.038 clause 6.2.1) and septet unpacking (clause 6.1.2.1.1).

Only decoding is here: the centre receives messages, it never sends them. National language shift tables are
not used by the handsets' location messages (plain ASCII digits and letters) and are not supported.
"""

from __future__ import annotations

ESCAPE = 0x1B

# Clause 6.2.1, in code order 0x00..0x7F; 0x1B (escape to the extension table) is never shown itself.
DEFAULT_ALPHABET = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
assert len(DEFAULT_ALPHABET) == 128

# Clause 6.2.1.1, the default alphabet extension table (reached by 0x1B).
EXTENSION = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]",
             0x40: "|", 0x65: "€"}


def unpack_septets(data: bytes, count: int, skip_bits: int = 0) -> list[int]:
    """``count`` septets packed little-endian into ``data``, starting ``skip_bits`` bits in.

    Septets that would run past the end of ``data`` are not returned (the caller compares the length).
    """
    whole = int.from_bytes(data, "little")
    available = (len(data) * 8 - skip_bits) // 7
    return [(whole >> (skip_bits + 7 * index)) & 0x7F for index in range(max(0, min(count, available)))]


def decode_septets(septets: list[int]) -> str:
    """Septet codes to text, following escapes into the extension table.

    A code the extension table lacks shows as the default alphabet's character (clause 6.2.1.1); a second
    escape (a further extension table this receiver lacks) or a trailing escape shows as a space.
    """
    out: list[str] = []
    escaped = False
    for code in septets:
        if escaped:
            escaped = False
            if code == ESCAPE:
                out.append(" ")
            else:
                out.append(EXTENSION.get(code, DEFAULT_ALPHABET[code]))
        elif code == ESCAPE:
            escaped = True
        else:
            out.append(DEFAULT_ALPHABET[code])
    if escaped:
        out.append(" ")
    return "".join(out)


def unpack_text(data: bytes, count: int, skip_bits: int = 0) -> str:
    return decode_septets(unpack_septets(data, count, skip_bits))


def unpack_payload(data: bytes) -> str:
    """A whole octet payload read as packed septets, as Android sends its location in a data SMS.

    The number of septets is what the octets hold; when they hold exactly one more than were sent, the spare
    septet is zero padding (it would read as '@') or a carriage return (clause 6.1.2.3.1) and is dropped.
    """
    count = len(data) * 8 // 7
    septets = unpack_septets(data, count)
    if len(data) % 7 == 0 and septets and septets[-1] in (0x00, 0x0D):
        septets.pop()
    return decode_septets(septets)
