"""The AML text: the published examples (Google's ELS SMS specification, ETSI TS 103 625 as others quote it),
their no-fix form, version 2, and text that is not AML at all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.aml import gsm7
from callcenter.aml.message import parse_aml
from callcenter.errors import MessageError
from tests.callcenter.aml import pdus

# Both published in Google's ELS SMS specification ("Computed location" and "No location").
PUBLISHED_FIX = ('A"ML=1;lt=+51.53321;lg=-0.12601;rd=14;top=20220131171748;lc=68;pm=W;si=234159000000000;'
                 'ei=123456789012345;mcc=234;mnc=15;ml=126')
PUBLISHED_NO_FIX = ('A"ML=1;lt=+00.00000;lg=+000.00000;rd=N;top=20220131173734;lc=0;pm=N;si=234159000000000;'
                    'ei=123456789012345;mcc=234;mnc=15;ml=127')
# The version 2 example of the aml-lib crate's tests (Google's "ELS Beta" fields).
PUBLISHED_V2 = ('A"ML=2;en=+15555555555;et=1593187189;lo=-37.42175,-122.08461,2000.1;lt=-9999;lc=68;lz=-100.1,100.1;'
                'ls=G;ei=358239059042542;nc=310260;hc=310260;lg=en-US')


def test_the_published_fix_is_read_and_its_length_mismatch_only_noted() -> None:
    message = parse_aml(PUBLISHED_FIX)
    assert (message.version, message.latitude, message.longitude, message.radius_m) == (1, 51.53321, -0.12601, 14.0)
    assert message.positioned_at == datetime(2022, 1, 31, 17, 17, 48, tzinfo=UTC)
    assert (message.confidence, message.method) == (68, "wifi")
    assert (message.imsi, message.imei, message.mcc, message.mnc) == ("234159000000000", "123456789012345",
                                                                      "234", "15")
    # The example says ml=126 but is 127 characters long: noted, never a reason to refuse a caller's position.
    assert (message.declared_length, len(PUBLISHED_FIX), message.length_ok) == (126, 127, False)
    assert message.has_fix and message.problems == ()


def test_the_published_no_fix_form_puts_no_point_at_zero_zero() -> None:
    message = parse_aml(PUBLISHED_NO_FIX)
    assert not message.has_fix
    assert (message.latitude, message.longitude, message.radius_m, message.method) == (None, None, None, "none")
    assert message.positioned_at == datetime(2022, 1, 31, 17, 37, 34, tzinfo=UTC)
    assert message.length_ok is True  # this one's ml is right


def test_the_published_android_data_payload_reads_as_a_fix() -> None:
    text = gsm7.unpack_payload(pdus.ANDROID_DATA_PAYLOAD)
    assert text == pdus.ANDROID_DATA_TEXT
    message = parse_aml(text)
    assert (message.latitude, message.longitude, message.radius_m, message.method) == (37.42175, -122.08461, 20.0,
                                                                                       "gnss")
    assert message.length_ok is True and message.imei == "358239059042542"
    assert message.imsi == "987654231"  # networks shorten the IMSI; kept as sent


def test_the_sign_may_be_absent_and_purwakarta_is_south_and_east() -> None:
    message = parse_aml('A"ML=1;lt=-6.55612;lg=107.44321;rd=8;top=20260302030001;lc=68;pm=G;ml=72')
    assert (message.latitude, message.longitude, message.radius_m) == (-6.55612, 107.44321, 8.0)
    assert message.length_ok is True and message.imei is None


def test_version_2_reads_lo_and_does_not_take_lt_or_lg_for_coordinates() -> None:
    message = parse_aml(PUBLISHED_V2)
    assert (message.version, message.latitude, message.longitude, message.radius_m) == (2, -37.42175, -122.08461,
                                                                                       2000.1)
    assert message.positioned_at is None  # lt=-9999: the handset does not know when the fix was taken
    assert message.call_started_at == datetime.fromtimestamp(1593187189, UTC)
    assert (message.emergency_number, message.languages) == ("+15555555555", "en-US")
    assert (message.mcc, message.mnc, message.home_mcc, message.home_mnc) == ("310", "260", "310", "260")
    assert (message.altitude_m, message.vertical_accuracy_m, message.method) == (-100.1, 100.1, "gnss")
    assert message.length_ok is None  # version 2 has no ml

    timed = parse_aml('A"ML=2;en=112;et=1593187189;lo=-6.55612,107.44321,0;lt=5;ls=W;nc=51010')
    assert timed.positioned_at == datetime.fromtimestamp(1593187194, UTC)
    assert timed.radius_m is None  # accuracy 0 means unknown
    assert (timed.mcc, timed.mnc) == ("510", "10")


@pytest.mark.parametrize("text", ["", "hello", "AML=1;lt=1", 'A"ML=9;lt=1;lg=2', "A\"ML=1" + ";x=y" * 1000])
def test_what_is_not_aml_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(MessageError) as refused:
        parse_aml(text)
    assert refused.value.code == "aml.bad_message"


def test_broken_fields_are_named_and_left_empty() -> None:
    message = parse_aml('A"ML=1;lt=91.0;lg=nan;rd=-3;top=20221331000000;lc=140;pm=X;ei=12345;mcc=51;ml=abc')
    assert not message.has_fix and message.positioned_at is None and message.confidence is None
    assert message.imei is None and message.mcc is None and message.method is None
    assert len(message.problems) == 9, message.problems


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_any_text_is_read_or_refused_never_crashes(text: str) -> None:
    try:
        message = parse_aml(text)
    except MessageError:
        return
    if message.latitude is not None:
        assert -90 <= message.latitude <= 90 and message.longitude is not None
        assert -180 <= message.longitude <= 180


coordinate = st.decimals(min_value=-90, max_value=90, places=5)


@given(lat=coordinate, lon=st.decimals(min_value=-180, max_value=180, places=5), radius=st.integers(1, 100_000),
       signed=st.booleans(), method=st.sampled_from("GWC"), when=st.datetimes(datetime(2016, 1, 1),
                                                                              datetime(2099, 12, 31)))
def test_every_well_formed_fix_reads_back(lat: object, lon: object, radius: int, signed: bool, method: str,
                                          when: datetime) -> None:
    def deg(value: object) -> str:
        text = f"{value:.5f}"
        return text if not signed or text.startswith("-") else "+" + text

    body = (f'A"ML=1;lt={deg(lat)};lg={deg(lon)};rd={radius};top={when:%Y%m%d%H%M%S};lc=68;pm={method};'
            f"ei=358239059042542;mcc=510;mnc=10;ml=")
    text = body + str(len(body) + 3)
    message = parse_aml(text)
    assert message.latitude == float(f"{lat:.5f}") and message.longitude == float(f"{lon:.5f}")
    assert message.radius_m == radius and message.positioned_at == when.replace(microsecond=0, tzinfo=UTC)
    assert message.length_ok is (len(text) == len(body) + 3)
