"""What real devices send that the parsers once got wrong (issue 13), one behaviour per test."""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime

import pytest

from callcenter.cid.base import WarningLimiter, clean_name, clean_number, is_dialable
from callcenter.cid.callerid_com import CallerIdComParser
from callcenter.cid.events import CallerIdEvent, EventKind, FrameParser, ParseResult, ParseWarning, Presentation
from callcenter.cid.mdmf import MdmfParser, decode_message
from callcenter.cid.modem import ModemParser
from callcenter.cid.ncid import NcidParser
from callcenter.cid.registry import make_parser
from callcenter.cid.sources.url import parse_source_url

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def run(parser: FrameParser, data: bytes) -> list[ParseResult]:
    return parser.feed(data, NOW) + parser.flush(NOW)


def events(results: list[ParseResult]) -> list[CallerIdEvent]:
    return [r for r in results if isinstance(r, CallerIdEvent)]


def messages(results: list[ParseResult]) -> list[str]:
    return [r.message for r in results if isinstance(r, ParseWarning)]


def with_checksum(body: bytes) -> bytes:
    return body + bytes([(-sum(body)) % 256])


# -- CallerID.com ---------------------------------------------------------------------------------------

def test_serial_records_with_the_dollar_prefix_are_calls() -> None:
    results = run(CallerIdComParser(), b"$01 I S 0276 G A3 09/26 11:28 AM 708-980-7710   Mike Sandman En \r\n")
    [call] = events(results)
    assert (call.kind, call.line, call.number, call.name) == (EventKind.INCOMING, "01", "7089807710",
                                                             "Mike Sandman En")
    assert messages(results) == []


def test_short_datagrams_in_one_buffer_do_not_run_together() -> None:
    header = b"^^<U>\x00\x00\x00\x00\x00\x01<S>345678$"
    data = (header + b"01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM"
            + header + b"02 I S 0000 G A1 12/17 04:55 PM 0264200112     RSUD BAYU ASIH"
            + header + b"01 R             12/17 16:55:01")
    results = run(CallerIdComParser(), data)
    assert [(e.kind.value, e.line, e.number, e.name) for e in events(results)] == [
        ("incoming", "01", "7702637111", "CALLERID.COM"),
        ("incoming", "02", "0264200112", "RSUD BAYU ASIH"),
        ("ring", "01", None, None),
    ]
    assert messages(results) == []


@pytest.mark.parametrize("data", [
    b"01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM",  # no header at all
    b"<U>12345<S>123456$01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM",  # no ^^
    b"^^<U>12345<S>123456$01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM",  # 5-digit unit
])
def test_records_are_found_however_they_are_wrapped(data: bytes) -> None:
    [call] = events(run(CallerIdComParser(), data))
    assert (call.line, call.number, call.name) == ("01", "7702637111", "CALLERID.COM")


def test_letters_in_the_number_field_are_kept_and_flagged_never_rewritten() -> None:
    results = run(CallerIdComParser(), b"$02 I S 0000 G A1 12/17 04:54 PM 1-800-FLOWERS   FLORIST\r\n")
    [call] = events(results)
    assert (call.number, call.name) == ("1800FLOWERS", "FLORIST")
    assert not is_dialable(call.number)
    assert messages(results) == ["number field '1800FLOWERS' is not a dialable number; kept as received"]


def test_no_caller_id_marker_is_an_unavailable_number() -> None:
    [call] = events(run(CallerIdComParser(), b"$10 I S 0000 G A0 01/08 02:39 PM No-CallerID \r\n"))
    assert (call.number, call.presentation) == (None, Presentation.UNAVAILABLE)


# -- numbers and names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("+31260xxxxxx", "+31260xxxxxx"),  # masked: never cut to "+31260"
    ("0#*10459", "0#*10459"),
    ("ob999888777", "999888777"),  # a device's letter prefix before the number (OBi) is not the number
    ("0812-3456-7890", "081234567890"),
])
def test_numbers_with_letters_or_symbols_are_kept(text: str, number: str) -> None:
    assert clean_number(text) == (number, Presentation.ALLOWED)


def test_bidi_controls_are_removed_from_names() -> None:
    assert clean_name("\u202eNAMRUB\u202c SITI\u2066 X\u2069\u200f") == "NAMRUB SITI X"
    [call] = events(run(NcidParser(), "CID: *DATE*12062026*TIME*1200*LINE*1*NMBR*0812*MESG*NONE*"
                                     "NAME*\u202eSITI*\n".encode()))
    assert call.name == "SITI"


# -- NCID -----------------------------------------------------------------------------------------------

def test_ncid_day_first_dates_with_the_source_option() -> None:
    line = b"CID: *DATE*05122026*TIME*0930*LINE*1*NMBR*0264200112*MESG*NONE*NAME*RSUD*\n"
    assert events(run(NcidParser(datefmt="dmy"), line))[0].timestamp == datetime(2026, 12, 5, 9, 30)
    assert events(run(NcidParser(), line))[0].timestamp == datetime(2026, 5, 12, 9, 30)
    spec = parse_source_url("tcp://10.1.1.5:3333?format=ncid&datefmt=dmy")
    assert getattr(spec, "datefmt", None) == "dmy" and "datefmt=dmy" in spec.display
    parser = make_parser("ncid", datefmt="dmy")
    assert events(run(parser, line))[0].timestamp == datetime(2026, 12, 5, 9, 30)
    with pytest.raises(ValueError, match="datefmt"):
        parse_source_url("tcp://10.1.1.5:3333?format=ncid&datefmt=ymd")


def test_ncid_date_valid_in_one_order_only_is_taken_with_a_warning() -> None:
    results = run(NcidParser(), b"CID: *DATE*25122026*TIME*0930*LINE*1*NMBR*0812*MESG*NONE*NAME*X*\n")
    assert events(results)[0].timestamp == datetime(2026, 12, 25, 9, 30)
    assert messages(results) == ["CID: DATE 25122026 is not a valid mdy date; read as ddmmyyyy"]


def test_ncid_end_line_ends_the_call_with_its_duration() -> None:
    [end] = events(run(NcidParser(), b"END: *HTYPE*BYE*DATE*01152017*TIME*0011*SCALL*01/15/2017 00:10:47*"
                                     b"ECALL*01/15/2017 00:11:01*CTYPE*IN*LINE*4901*NMBR*0123456*NAME*NONAME*\n"))
    assert (end.kind, end.duration_s, end.line, end.number, end.detail) == (EventKind.END, 14, "4901", "0123456",
                                                                           "hung_up")
    [cancel] = events(run(NcidParser(), b"END: *HTYPE*CANCEL*DATE*01152017*TIME*0011*SCALL*01/15/2017 00:10:47*"
                                        b"ECALL*01/15/2017 00:10:55*CTYPE*OUT*LINE*4901*NMBR*0123456*NAME*-*\n"))
    assert (cancel.detail, cancel.direction, cancel.duration_s) == ("not_answered", "outgoing", 8)


def test_forwarded_plus_lines_are_ignored_quietly() -> None:
    results = run(NcidParser(), b"+CID: *DATE*12062026*TIME*1200*LINE*1*NMBR*0812*MESG*NONE*NAME*X*\n"
                                b"+CIDINFO: *LINE*1*RING*1*TIME*12:00:01*\n+END: *HTYPE*BYE*NMBR*0812*\n")
    assert results == []


def test_extra_fields_do_not_leak_into_the_message_or_the_name() -> None:
    [call] = events(run(NcidParser(), b"CID: *DATE*03032022*TIME*0935*LINE*WC09*NMBR*4185558765*MESG*NONE*"
                                      b"FNMBR*418-555-8765*NTYPE*FIX/CELL*CTRY*US*LOCA*California*"
                                      b"CARI*NEW CINGULAR WIRELESS PCS LLC*NAME*WIRELESS CALLER*\n"))
    assert (call.number, call.name, call.detail) == ("4185558765", "WIRELESS CALLER", None)


# -- modem and ETSI -------------------------------------------------------------------------------------

def test_modem_second_nmbr_replaces_the_withheld_marker_in_one_block() -> None:
    results = run(ModemParser(), b"RING\r\nDATE = 1206\r\nTIME = 1200\r\nNMBR = P\r\nNMBR = 081234567890\r\n"
                                 b"NAME = SITI\r\nRING\r\n")
    [call] = [e for e in events(results) if e.kind is EventKind.INCOMING]
    assert (call.number, call.presentation, call.name) == ("081234567890", Presentation.ALLOWED, "SITI")
    assert messages(results) == ["second NMBR '081234567890' in one ring cycle replaces the withheld marker 'P'"]


def test_modem_second_nmbr_after_delivery_corrects_the_call() -> None:
    results = run(ModemParser(), b"RING\r\nDATE = 1206\r\nTIME = 1200\r\nNMBR = P\r\nNAME = WITHHELD\r\n"
                                 b"RING\r\nNMBR = 081234567890\r\nRING\r\n")
    assert [(e.kind.value, e.number, e.detail) for e in events(results) if e.kind is not EventKind.RING] == [
        ("incoming", None, None), ("info", "081234567890", "caller_id")]


def test_etsi_called_line_is_never_the_caller() -> None:
    # Withheld caller: 0x04 'P' says why, 0x03 is the centre's own number (the line that was called).
    payload = b"\x01\x0812061200" + b"\x03\x03112" + b"\x04\x01P"
    event, problems = decode_message(with_checksum(bytes([0x80, len(payload)]) + payload), NOW)
    assert problems == [] and event is not None
    assert (event.number, event.presentation) == (None, Presentation.PRIVATE)


def test_etsi_calling_line_and_name_absence() -> None:
    payload = b"\x01\x0812061200" + b"\x02\x0a0264200112" + b"\x03\x03112" + b"\x08\x01O"
    event, problems = decode_message(with_checksum(bytes([0x80, len(payload)]) + payload), NOW)
    assert problems == [] and event is not None
    assert (event.number, event.name, event.verified) == ("0264200112", None, True)


def test_random_bytes_on_an_mdmf_line_are_no_call_and_are_counted() -> None:
    noise = random.Random(13).randbytes(2_000_000)
    parser = MdmfParser()
    results: list[ParseResult] = []
    for start in range(0, len(noise), 4096):
        results += parser.feed(noise[start:start + 4096], NOW)
    results += parser.flush(NOW)
    assert events(results) == []
    assert parser.dropped > 0
    assert any("began like a message dropped" in text for text in messages(results))


def test_noise_after_a_ring_keeps_the_call_without_the_number() -> None:
    garbled = bytes([0x80, 0x0C, 0x01, 0x08]) + b"12\x0061200" + b"\x02\x01\xff" + b"\x00"
    results = run(ModemParser(), b"RING\r\n" + garbled.hex().upper().encode() + b"\r\n")
    [call] = [e for e in events(results) if e.kind is EventKind.INCOMING]
    assert (call.number, call.verified) == (None, False)
    # Without a ring before it the same bytes are line noise: no call.
    assert [e for e in events(run(ModemParser(), garbled.hex().encode() + b"\r\n"))
            if e.kind is EventKind.INCOMING] == []


# -- noisy lines ----------------------------------------------------------------------------------------

def test_warnings_from_a_noisy_line_become_a_periodic_summary() -> None:
    clock = [0.0]
    limiter = WarningLimiter("mdmf", burst=5, interval_s=60.0, clock=lambda: clock[0])
    garbage = [ParseWarning("mdmf", f"{n} bytes of line noise skipped", b"x", NOW) for n in range(200)]
    assert [w.message for w in limiter.filter(garbage) if isinstance(w, ParseWarning)] == [
        f"{n} bytes of line noise skipped" for n in range(5)]
    clock[0] = 61.0
    # The next warning after the interval brings the summary of the held-back ones, with counts.
    passed = [w.message for w in limiter.filter(garbage[:1]) if isinstance(w, ParseWarning)]
    assert passed == ["195 more warnings in 61 s not shown one by one (N bytes of line noise skipped x195)",
                      "0 bytes of line noise skipped"]
    assert limiter.total_suppressed == 195


def test_two_megabytes_of_garbage_on_a_source_write_few_warning_lines(tmp_path: object) -> None:
    parser = make_parser("modem")
    limiter = WarningLimiter("modem")
    garbage = os.urandom(2_000_000).replace(b"\r", b"\n")
    shown = 0
    for start in range(0, len(garbage), 8192):
        shown += sum(1 for r in limiter.filter(parser.feed(garbage[start:start + 8192], NOW))
                     if isinstance(r, ParseWarning))
    summary = limiter.summary(NOW)
    assert shown <= 5 and summary is not None and limiter.total_suppressed > 1000


def test_auto_recognises_serial_records_with_the_dollar_prefix() -> None:
    from callcenter.cid.auto import AutoParser

    parser = AutoParser()
    [call] = events(run(parser, b"$01 I S 0276 G A3 09/26 11:28 AM 708-980-7710   Mike Sandman En \r\n"))
    assert parser.detected == "callerid-com" and call.number == "7089807710"
