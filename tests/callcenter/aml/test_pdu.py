"""SMS-DELIVER decoding against PDUs others published or built with their encoder (pdusms): 7-bit text, the
Android data SMS with a port header, concatenated parts, UCS2; and garbage that must be refused cleanly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.aml.pdu import Concatenation, Ports, decode_deliver
from callcenter.aml.sms import Reassembler, interpret
from callcenter.errors import MessageError
from tests.callcenter.aml import pdus

AT = datetime(2026, 3, 2, 3, 0, 5)
CALLER = "+6281234567890"
FIX = ('A"ML=1;lt=-6.55612;lg=107.44321;rd=14;top=20260302030001;lc=68;pm=G;si=510100000000000;'
       'ei=358239059042542;mcc=510;mnc=10;ml=121')


@pytest.mark.parametrize(("pdu", "sender", "sent_at", "text"), pdus.PUBLISHED)
def test_published_pdus_decode_as_their_authors_say(pdu: str, sender: str, sent_at: datetime | None,
                                                    text: str) -> None:
    sms = decode_deliver(pdu)
    assert sms.sender == sender and sms.text == text
    if sent_at is not None:
        assert sms.sent_at == sent_at.replace(tzinfo=UTC)


def test_a_published_single_part_concatenation_header_is_read() -> None:
    sms = decode_deliver(pdus.PUBLISHED[4][0])
    assert sms.concatenation == Concatenation(reference=0xC3, total=1, sequence=1)
    assert not sms.sender_international  # a short code, not an international number


def test_a_7bit_text_location_from_another_encoder() -> None:
    sms = decode_deliver(pdus.deliver(CALLER, FIX, at=AT))
    assert (sms.sender, sms.sender_international, sms.coding, sms.text) == (CALLER, True, "gsm7", FIX)
    assert sms.sent_at == AT.replace(tzinfo=UTC)
    assert sms.service_centre == pdus.SMSC
    received = interpret([sms], received_at=AT.replace(tzinfo=UTC), source_key="serial:COM5")
    assert received.aml is not None and received.aml.latitude == -6.55612 and received.problem is None


def test_the_android_data_sms_with_a_port_header_and_a_packed_payload() -> None:
    sms = decode_deliver(pdus.data_sms(CALLER, pdus.ANDROID_DATA_PAYLOAD, at=AT, port=0))
    assert sms.coding == "8bit" and sms.text is None and sms.ports == Ports(0, 0)
    received = interpret([sms], received_at=AT.replace(tzinfo=UTC), source_key="serial:COM5")
    assert received.text == pdus.ANDROID_DATA_TEXT
    assert received.aml is not None and received.aml.radius_m == 20.0


def test_a_data_sms_packed_by_the_other_library_on_another_port() -> None:
    payload = pdus.packed_septets(FIX)
    sms = decode_deliver(pdus.data_sms(CALLER, payload, at=AT, port=0x1F90))
    received = interpret([sms], received_at=AT.replace(tzinfo=UTC), source_key="k")
    assert sms.ports == Ports(0x1F90, 0x1F90) and received.aml is not None and received.aml.raw == FIX


def test_a_concatenated_location_is_joined_in_any_order() -> None:
    long_fix = FIX.rsplit(";ml=", 1)[0] + ";x=" + "y" * 170 + ";ml=0"
    parts = [decode_deliver(p) for p in pdus.concatenated(CALLER, long_fix, at=AT, reference=42)]
    assert [p.concatenation for p in parts] == [Concatenation(42, 2, 1), Concatenation(42, 2, 2)]
    joiner: Reassembler[int] = Reassembler()
    now = AT.replace(tzinfo=UTC)
    assert joiner.add(parts[1], 7, now) is None  # the second part first: wait for the rest
    whole = joiner.add(parts[0], 3, now)
    assert whole is not None and sorted(whole.tokens) == [3, 7]
    received = interpret(whole.parts, received_at=now, source_key="k", expected=whole.expected)
    assert received.text == long_fix and received.complete
    assert received.aml is not None and received.aml.latitude == -6.55612 and received.aml.length_ok is False


def test_a_part_that_never_comes_hands_the_rest_on_marked() -> None:
    parts = [decode_deliver(p) for p in pdus.concatenated(CALLER, "a" * 400, at=AT, reference=9)]
    joiner: Reassembler[int] = Reassembler(timeout=timedelta(minutes=10))
    now = AT.replace(tzinfo=UTC)
    joiner.add(parts[0], 1, now)
    joiner.add(parts[2], 3, now)
    assert joiner.expired(now + timedelta(minutes=9)) == []
    [late] = joiner.expired(now + timedelta(minutes=10))
    received = interpret(late.parts, received_at=now, source_key="k", expected=late.expected)
    assert received.text == "a" * 153 + "[…]" + "a" * 94
    assert not received.complete and received.problem == "1 of 3 parts never arrived"


def test_ucs2_and_extension_characters() -> None:
    text = "Tolong! Kebakaran di Jl. Veteran {RT 03} 🚒"
    assert decode_deliver(pdus.deliver(CALLER, text, at=AT)).text == text
    assert decode_deliver(pdus.deliver(CALLER, "harga [10€] ~ ok^", at=AT)).text == "harga [10€] ~ ok^"


def test_an_alphanumeric_sender() -> None:
    sms = decode_deliver(pdus.deliver("TELKOMSEL", "Paket data Anda aktif", at=AT))
    assert sms.sender == "TELKOMSEL" and not sms.sender_international


@pytest.mark.parametrize(("pdu", "reason"), [
    ("", "hexadecimal"), ("0G", "hexadecimal"), ("000", "hexadecimal"), ("00", "first octet"),
    ("0001000B915121551532F40000", "SMS-SUBMIT"),  # an outgoing message, not a received one
    ("0006D60B911326880736F4111011719551401110117195714000", "status report"),
    ("00040B917228214365F7000031308051206180", "user data length"),
    ("00040B917228214365F70000313080512061800AD4", "shorter"),
    ("00440B917228214365F70000313080512061800A0B0500", "header"),
    ("00" * 300, "octets long"),
])
def test_broken_pdus_are_refused_with_a_reason(pdu: str, reason: str) -> None:
    with pytest.raises(MessageError) as refused:
        decode_deliver(pdu)
    assert refused.value.code == "aml.bad_pdu" and reason in str(refused.value)


@given(st.binary(max_size=200))
@settings(max_examples=500)
def test_any_octets_decode_or_are_refused_never_crash(data: bytes) -> None:
    try:
        sms = decode_deliver(data)
    except MessageError:
        return
    assert sms.raw == data.hex().upper()


gsm_text = st.text(alphabet=st.sampled_from(
    list("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
         "abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")), min_size=1, max_size=150)


@given(text=gsm_text, number=st.from_regex(r"\+628[1-9][0-9]{7,10}", fullmatch=True),
       when=st.datetimes(datetime(2001, 1, 1), datetime(2099, 12, 31)), concat=st.booleans())
@settings(max_examples=200, deadline=None)
def test_whatever_the_other_encoder_writes_reads_back(text: str, number: str, when: datetime,
                                                      concat: bool) -> None:
    headers = [(0x00, bytes([5, 1, 1]))] if concat else None
    if concat:
        text = text[:140]
    pdu = pdus.deliver(number, text, at=when.replace(microsecond=0), headers=headers)
    sms = decode_deliver(pdu)
    assert sms.text == text and sms.sender == number
    assert sms.sent_at == when.replace(microsecond=0, tzinfo=UTC)
    assert sms.concatenation == (Concatenation(5, 1, 1) if concat else None)
