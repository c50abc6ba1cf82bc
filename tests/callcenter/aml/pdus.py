"""SMS-DELIVER PDUs made by someone else's encoder (the ``pdusms`` package), and PDU strings published by other
projects, for the AML tests: our decoder must read what others write, not only what we write ourselves.

A modem prints the service centre address before the TPDU; ``pdusms`` writes the TPDU only, so ``with_smsc``
puts an address in front the way TS 24.011 lays it out (length in octets, type of address, swapped digits).
"""

from __future__ import annotations

import calendar
from datetime import datetime

from smspdu import pdu as smspdu

SMSC = "+6281100000"  # a service centre number in Indonesia's format (the digits do not matter)

# A data SMS as Android sends it (application port header, payload = packed septets): the payload octets below
# are the example published with Google's ELS documentation and reused by the aml-lib crate's tests.
ANDROID_DATA_PAYLOAD = bytes.fromhex(
    "415193D98BEDD8F4DEECE6A2C962B7DA8E7DEEB56232990B86A3D9623B39B92783EDE86F784F068BD560B6D80C1683E568B81D7BDCB3E"
    "176F076EFB89BA77B39DCCD56A3C966B15D39DD9BD570B2590E56CBC168B21A4DB66B8FC7BD590CB66BBBC73D990DB66BB37B31D90C")
ANDROID_DATA_TEXT = ('A"ML=1;lt=37.42175;lg=-122.08461;rd=20;top=20150613010948;lc=68;pm=G;si=987654231;'
                     'ei=358239059042542;mcc=310;mnc=260;ml=123')

# Published SMS-DELIVER PDUs with the values their authors give (python-gsmmodem's test suite; the dreamfabric
# "How are you?" page). (pdu, sender, UTC time, text)
PUBLISHED = [
    ("07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07", "+31641600986",
     datetime(2002, 8, 26, 19, 37, 41), "How are you?"),
    ("06917228195339040B917228214365F700003130805120618005D4F29C2E03", "+27821234567",
     datetime(2013, 3, 8, 13, 2, 16), "Test2"),  # 15:02:16 at GMT+2
    ("07915892000000F0040B915892214365F700007040213252242331493A283D0795C3F33C88FE06C9CB6132885EC6D341EDF27C1E3E97"
     "E7207B3A0C0A5241E377BB1D7693E72E", "+85291234567", datetime(2007, 4, 12, 15, 25, 42),
     "It is easy to read text messages via AT commands."),  # 23:25:42 at GMT+8
    ("06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910", "+27821234567", None, "@{tést}!"),
    ("0591721891F1400781721881F800003160526104848059050003C30101916536FB1DCABEEB2074D85E064941B19CAB060319A5C52228"
     "9C96D3D3ED32286C0FA7D96131BBEC024941B19CAB0603DDD36C36A88C87A7E565D0DB0D82C55EB0DB4B068BCD5C20", "2781188",
     None, "Hello!You have R 19.50 FREE airtime available. R 19.50 will expire on 01/07/2013. "),
]


def with_smsc(tpdu: str, smsc: str = SMSC) -> str:
    digits = smsc.lstrip("+")
    padded = digits + ("F" if len(digits) % 2 else "")
    swapped = "".join(padded[i + 1] + padded[i] for i in range(0, len(padded), 2))
    return f"{len(padded) // 2 + 1:02X}{'91' if smsc.startswith('+') else '81'}{swapped}{tpdu}"


def scts(moment: datetime) -> str:
    """pdusms's time stamp text (YYMMDDhhmmss and a zero zone) for a naive UTC moment."""
    return moment.strftime("%y%m%d%H%M%S") + "00"


def deliver(sender: str, text: str, *, at: datetime, headers: list[tuple[int, bytes]] | None = None,
            dcs: int | None = None) -> str:
    """A text SMS-DELIVER (7-bit, or UCS2 when the text needs it) as a modem prints it."""
    message = smspdu.SMS_DELIVER.create(sender, "+62811", text, tp_scts=scts(at), tp_dcs=dcs,
                                        datestamp=calendar.timegm(at.timetuple()),
                                        user_data_headers=headers or [])
    return with_smsc(message.toPDU())


def data_sms(sender: str, payload: bytes, *, at: datetime, port: int = 0, concat: bytes | None = None) -> str:
    """An 8-bit data SMS with a 16-bit application port header (Android's form for its location SMS)."""
    headers: list[tuple[int, bytes]] = [(0x05, port.to_bytes(2, "big") + port.to_bytes(2, "big"))]
    if concat is not None:
        headers.append((0x00, concat))
    message = smspdu.SMS_DELIVER.create(sender, "+62811", payload, tp_scts=scts(at), tp_dcs=0x04,
                                        datestamp=calendar.timegm(at.timetuple()), user_data_headers=headers)
    return with_smsc(message.toPDU())


def packed_septets(text: str) -> bytes:
    """Text packed as GSM septets by pdusms's own codec and packer (what Android puts in its data SMS)."""
    encoded = smspdu.gsm0338.Codec().encode(text)
    _, packed = smspdu.pack7bit(encoded)
    return bytes(packed)


def concatenated(sender: str, text: str, *, at: datetime, reference: int, size: int = 153) -> list[str]:
    """A long 7-bit text split into parts with the 8-bit-reference concatenation header, one PDU per part."""
    chunks = [text[i:i + size] for i in range(0, len(text), size)]
    return [deliver(sender, chunk, at=at, headers=[(0x00, bytes([reference, len(chunks), number]))])
            for number, chunk in enumerate(chunks, start=1)]
