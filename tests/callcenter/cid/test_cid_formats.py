"""Each format against the project's own fixtures and against the real corpus in ../shared/cid-corpus."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from callcenter.cid.ami import AmiParser
from callcenter.cid.auto import AutoParser, sniff
from callcenter.cid.callerid_com import CallerIdComParser
from callcenter.cid.events import (
    CallerIdEvent,
    EventKind,
    FrameParser,
    ParseResult,
    ParseWarning,
    Presentation,
)
from callcenter.cid.mdmf import MdmfParser, decode_message
from callcenter.cid.modem import ModemParser
from callcenter.cid.ncid import NcidParser
from callcenter.cid.registry import FORMATS, make_parser
from callcenter.cid.tci import TciParser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "cid-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"caller-ID corpus not found at {CORPUS}")

NOW = datetime(2026, 11, 27, 16, 45, tzinfo=UTC)  # 23:45 in Jakarta


def run(parser: FrameParser, data: bytes, now: datetime = NOW) -> list[ParseResult]:
    return parser.feed(data, now) + parser.flush(now)


def events(results: list[ParseResult], kind: EventKind | None = None) -> list[CallerIdEvent]:
    return [r for r in results if isinstance(r, CallerIdEvent) and (kind is None or r.kind == kind)]


def warnings(results: list[ParseResult]) -> list[ParseWarning]:
    return [r for r in results if isinstance(r, ParseWarning)]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def corpus(name: str, *, escapes: bool = False) -> bytes:
    data = (CORPUS / name).read_bytes()
    return data.replace(b"\\r", b"\r").replace(b"\\n", b"\n") if escapes else data


def test_registry_builds_every_format() -> None:
    for fmt in FORMATS:
        assert make_parser(fmt).format == fmt


# -- modem ---------------------------------------------------------------------------------------------

def test_modem_us_blocks_between_rings() -> None:
    results = run(ModemParser(), fixture("modem-us.txt"))
    # Two different numbers in one block: the first stands, and the operator's log says so (issue 13).
    assert [w.message for w in warnings(results)] == [
        "second, different NMBR '0822222222' in one ring cycle ignored"]
    summary = [(e.kind.value, e.line, e.number, e.presentation.value, e.name) for e in events(results)]
    assert summary == [
        ("ring", None, None, "allowed", None),
        ("incoming", None, "081234567890", "allowed", "BUDI SANTOSO"),
        ("ring", None, None, "allowed", None),
        ("ring", "1", None, "allowed", None),
        ("incoming", None, "0264201234", "allowed", None),  # no NAME: completed by the blank line
        ("ring", "1", None, "allowed", None),
        ("ring", "A", None, "allowed", None),
        ("incoming", None, None, "private", None),
        ("ring", "A", None, "allowed", None),
        ("ring", None, None, "allowed", None),  # CID RING
        ("incoming", None, "0811111111", "allowed", None),  # the second NMBR line does not replace the first
        ("ring", None, None, "allowed", None),
        ("ring", None, None, "allowed", None),
        ("incoming", None, None, "unavailable", None),
        ("ring", None, None, "allowed", None),
    ]
    incoming = events(results, EventKind.INCOMING)
    assert [e.timestamp for e in incoming] == [
        datetime(2026, 11, 27, 23, 41), datetime(2026, 11, 27, 23, 45), datetime(2026, 11, 27, 23, 50),
        datetime(2026, 11, 27, 23, 55), datetime(2026, 11, 28, 0, 1),
    ]
    assert incoming[-1].detail == "060101"


def test_modem_caller_id_before_first_ring_hex_mode_and_flush() -> None:
    parser = ModemParser()
    data = fixture("modem-etsi.txt")
    fed = parser.feed(data, NOW)
    # ETSI/UK: the block arrives before the first RING and is delivered as soon as number and name are in.
    assert events(fed)[0].kind == EventKind.INCOMING
    assert events(fed)[0].number == "02648200123" and events(fed)[0].name == "Puskesmas Purwakarta"
    hex_event = events(fed, EventKind.INCOMING)[1]
    assert (hex_event.number, hex_event.verified, hex_event.timestamp) == (
        "0811223344", True, datetime(2026, 11, 27, 8, 2))
    assert len(events(fed, EventKind.INCOMING)) == 2
    [last] = parser.flush(NOW)
    assert isinstance(last, CallerIdEvent)
    assert (last.number, last.name) == ("0857", "Siti Nurhaliza")


def test_modem_ignores_echo_and_result_codes_but_warns_on_noise() -> None:
    results = run(ModemParser(), b"ATE0\r\nOK\r\nAT+VCID=1\r\nOK\r\nERROR\r\n\x15\x7f~~~\r\n")
    assert events(results) == []
    assert len(warnings(results)) == 1


def test_modem_hex_line_with_a_bad_checksum_is_unverified() -> None:
    line = b"04123039333031323234363039353535313231325A\r\n"  # checksum 0x5A, correct is 0x51
    results = run(ModemParser(), line)
    [event] = events(results)
    assert event.verified is False and event.number == "6095551212"
    assert any("checksum" in w.message for w in warnings(results))


@needs_corpus
def test_modem_corpus_frames_give_number_and_name_and_malformed_ones_warn() -> None:
    results = run(ModemParser(), corpus("ncid/test-modem-calls.data", escapes=True))
    incoming = events(results, EventKind.INCOMING)
    by_name = {e.name: e for e in incoming}
    assert by_name["WITHHELD"].presentation == Presentation.PRIVATE and by_name["WITHHELD"].number is None
    assert by_name["SARASOTA,FL"].number == "9415557218"  # DDN_NMBR
    assert by_name["Tucson,AZ"].number == "9415557218"  # DDN
    assert by_name["Vähälä"].number == "9085555002"
    assert by_name["TIME WARNER COM"].number == "4075552120"
    assert by_name["ELMHURST, IL"].number == "6305551500"
    assert by_name["EULESS, TX"].number == "8175558399"
    assert by_name["Unavailable"].presentation == Presentation.PRIVATE  # NMBR = Restricted
    assert [by_name[n].number for n in ("eleven digits", "ten digits", "nine digits", "eight digits",
                                        "seven digits", "four digits")] == [
        "14075552120", "4075552120", "075552120", "95552120", "5552120", "2120"]
    assert by_name["PrivDirOff"].timestamp is not None
    combined = [e for e in incoming if "COMBINED" in e.raw]
    assert combined[0].timestamp is not None and (combined[0].timestamp.month, combined[0].timestamp.day,
                                                  combined[0].timestamp.hour) == (1, 6, 14)
    # Malformed on purpose: TIME = 12541 / 17471, TIME 2423, empty DATE/TIME: warnings and no timestamp.
    assert by_name["ELMHURST, IL"].timestamp is None and by_name["EULESS, TX"].timestamp is None
    assert by_name["NO DATE"].timestamp is None
    messages = " | ".join(w.message for w in warnings(results))
    assert "12541" in messages and "17471" in messages and "24:23" in messages and "DATE ''" in messages
    assert len(incoming) == 20


@needs_corpus
def test_modem_corpus_without_escapes_is_noise_not_a_crash() -> None:
    results = run(ModemParser(), corpus("ncid/test-modem-calls.data"))
    assert events(results, EventKind.INCOMING) == []
    assert warnings(results)


# -- mdmf ----------------------------------------------------------------------------------------------

def test_mdmf_stream_resynchronises_on_garbage() -> None:
    results = run(MdmfParser(), fixture("mdmf-stream.bin"))
    incoming = events(results)
    summary = [(e.number, e.presentation.value, e.name, e.verified) for e in incoming]
    assert summary == [
        ("081234567890", "allowed", "Rosé Ayu", True),
        (None, "private", None, True),
        (None, "unavailable", None, True),
        ("0264200112", "allowed", "Dinas Pemadam", False),
    ]
    assert incoming[0].timestamp == datetime(2026, 11, 27, 23, 59)
    assert incoming[2].timestamp == datetime(2026, 11, 28, 0, 10)
    assert any("checksum" in w.message for w in warnings(results))
    assert any("noise" in w.message for w in warnings(results))


@needs_corpus
def test_minimodem_sdmf_matches_its_text() -> None:
    text = (CORPUS / "minimodem/minimodem-testdata-callerid-sdmf.txt").read_text()
    assert "09/30 12:24" in text and "609-555-1212" in text
    results = run(MdmfParser(), corpus("minimodem/minimodem-testdata-callerid-sdmf.bytes"))
    [event] = events(results)
    assert warnings(results) == []
    assert event.number == "6095551212" and event.verified is True
    assert event.timestamp == datetime(2026, 9, 30, 12, 24)


@needs_corpus
def test_minimodem_mdmf_bad_checksum_is_reported_not_trusted() -> None:
    text = (CORPUS / "minimodem/minimodem-testdata-callerid-mdmf.txt").read_text()
    assert "JOHN DOE" in text and "800-555-1212" in text and "03/24 09:02" in text
    data = corpus("minimodem/minimodem-testdata-callerid-mdmf.bytes")
    assert data[-1] == 0x7D
    results = run(MdmfParser(), data)
    [event] = events(results)
    assert (event.number, event.name, event.verified) == ("8005551212", "JOHN DOE", False)
    assert event.timestamp == datetime(2026, 3, 24, 9, 2)
    [warning] = warnings(results)
    assert "checksum" in warning.message
    fixed = data[:-1] + bytes([0x84])
    event_ok, problems = decode_message(fixed, NOW)
    assert event_ok is not None and event_ok.verified is True and problems == []


# -- CallerID.com --------------------------------------------------------------------------------------

def test_callerid_com_serial_records() -> None:
    results = run(CallerIdComParser(), fixture("callerid-com-serial.txt"))
    summary = [(e.kind.value, e.line, e.number, e.name, e.duration_s, e.detail, e.verified)
               for e in events(results)]
    assert summary == [
        ("incoming", "01", "081234567890", "BUDI SANTOSO", None, "A1", True),  # its repeat is ignored
        ("ring", "01", None, None, None, "ring", None),
        ("info", "01", None, None, None, "off_hook", None),
        ("info", "01", None, None, None, "on_hook", None),
        ("end", "01", "081234567890", "BUDI SANTOSO", 63, "A1", True),
        ("outgoing", "02", "0264200112", None, None, "01", True),
        ("incoming", "03", "0857123", "BAD SIGNAL", None, "A1", False),
        ("info", "03", None, None, None, "hook_flash", None),
    ]
    assert events(results)[0].timestamp == datetime(2026, 11, 27, 23, 41)
    assert events(results)[1].timestamp == datetime(2026, 11, 27, 23, 41, 5)
    assert [w.message for w in warnings(results)] == [
        "unit reports a bad caller-ID checksum (B)", "not a CallerID.com record"]


def test_callerid_com_udp_datagrams_one_by_one_and_concatenated() -> None:
    data = fixture("callerid-com-udp.bin")
    parser = CallerIdComParser()
    datagrams = [data[:83], data[83:83 + 51], data[83 + 51:]]
    one_by_one = [r for datagram in datagrams for r in parser.feed(datagram, NOW)]
    summary = [(e.kind.value, e.line, e.number, e.name, e.duration_s) for e in events(one_by_one)]
    assert summary == [
        ("incoming", "02", "081398765432", "ANDI WIJAYA", None),
        ("ring", "02", None, None, None),
        ("end", "02", "081398765432", "ANDI WIJAYA", 10),
    ]
    assert warnings(one_by_one) == []
    assert run(CallerIdComParser(), data) == one_by_one


@needs_corpus
@pytest.mark.parametrize(("name", "kind", "detail"), [
    ("in_start.bin", EventKind.INCOMING, "A1"),
    ("in_end.bin", EventKind.END, "A1"),
    ("ring_detail.bin", EventKind.RING, "ring"),
    ("offhook.bin", EventKind.INFO, "off_hook"),
    ("onhook.bin", EventKind.INFO, "on_hook"),
])
def test_callerid_com_corpus_packets(name: str, kind: EventKind, detail: str) -> None:
    results = run(CallerIdComParser(), corpus(f"callerid-com/{name}"))
    assert warnings(results) == []
    [event] = events(results)
    assert (event.kind, event.line, event.detail) == (kind, "01", detail)
    if kind in (EventKind.INCOMING, EventKind.END):
        assert (event.number, event.name) == ("7702637111", "CALLERID.COM")
        assert event.timestamp == datetime(2026, 12, 17, 16, 54) or event.timestamp == datetime(2025, 12, 17,
                                                                                               16, 54)
        assert event.duration_s == (63 if kind == EventKind.END else None)
    else:
        assert event.timestamp is not None and (event.timestamp.month, event.timestamp.day) == (12, 17)


# -- TCI -----------------------------------------------------------------------------------------------

def test_tci_fixed_columns_and_netcallerid() -> None:
    results = run(TciParser(), fixture("tci.txt"))
    summary = [(e.line, e.number, e.presentation.value, e.name, e.timestamp) for e in events(results)]
    assert summary == [
        ("01", "081234567890", "allowed", "BUDI SANTOSO", datetime(2026, 11, 27, 23, 41)),
        ("02", None, "private", None, datetime(2026, 11, 27, 23, 45)),
        ("03", None, "unavailable", None, datetime(2026, 11, 28, 0, 2)),
        (None, "0264200112", "allowed", "Damkar Purwakarta", datetime(2026, 11, 27, 23, 50)),
    ]
    assert len(warnings(results)) == 1


@needs_corpus
def test_tci_corpus_records() -> None:
    results = run(TciParser(), corpus("ncid/test-device-calls.data", escapes=True))
    summary = [(e.line, e.number, e.presentation.value, e.name) for e in events(results, EventKind.INCOMING)]
    assert summary == [
        ("01", None, "private", None),
        ("01", "2125554000", "allowed", "Vähälä Joe"),
        ("01", "7025551145", "allowed", "CARD SERVICES"),
        ("02", None, "unavailable", None),
        ("03", "9415557218", "allowed", "SARASOTA, FL"),
        ("01", "4075557777", "allowed", "John on Cell"),
        (None, "4075551212", "allowed", "WIRELESS CALL"),
        (None, None, "unavailable", None),  # "-UNKNOWN CALLER-" is a marker, not a name
        (None, None, "unavailable", None),
    ]
    assert events(results, EventKind.INFO)[0].detail == "message_waiting_off"
    assert events(results)[1].timestamp == datetime(2026, 9, 4, 13, 29)
    assert warnings(results) == []


# -- NCID ----------------------------------------------------------------------------------------------

def test_ncid_session() -> None:
    results = run(NcidParser(), fixture("ncid-session.txt"))
    summary = [(e.kind.value, e.number, e.name, e.detail, e.history) for e in events(results)]
    assert summary == [
        ("incoming", "081398765432", "ANDI", None, True),
        ("ring", None, None, "ring_1", False),
        ("incoming", "081234567890", "BUDI SANTOSO", None, False),  # the identical repeat is ignored
        ("ring", None, None, "ring_2", False),
        ("info", None, None, "answered", False),
        ("incoming", None, "PRIVATE", None, False),  # NCID's placeholder name is shown as sent
        ("info", None, None, "not_answered", False),
        ("outgoing", "0264200112", "NO NAME", None, False),
        ("end", "0899999999", "PRANK", "hung_up", False),
    ]
    assert events(results)[2].timestamp == datetime(2026, 11, 27, 23, 41)
    assert events(results)[5].presentation == Presentation.PRIVATE
    assert events(results)[7].direction == "outgoing"
    assert len(warnings(results)) == 2  # the truncated CID: line and the garbage line


@needs_corpus
def test_ncid_client_corpus_numbers_and_names() -> None:
    results = run(NcidParser(), corpus("ncid/test-client.data"))
    calls = [e for e in events(results) if e.kind in (EventKind.INCOMING, EventKind.OUTGOING, EventKind.END)]
    by_name = {e.name: e for e in calls}
    assert by_name["SARASOTA, FL"].number == "9415557218"
    assert by_name["SARASOTA, FL"].timestamp == datetime(2003, 1, 3, 12, 54)
    assert by_name["Vähälä"].number == "9085555002" and by_name["Vähälä"].line == "B"
    assert by_name["TIME WARNER COM"].number == "4075552120" and by_name["TIME WARNER COM"].line == "1000"
    assert by_name["ELMHURST, IL"].number == "6305551500"
    assert by_name["EULESS, TX"].number == "8175558399"
    assert by_name["Jesse James"].number == "3215550890" and by_name["Jesse James"].history
    assert by_name["Bobby"].number == "9415551540" and by_name["Bobby"].line == "Nexus 4-5143"
    obihai = by_name["OBi 9 digits"]
    assert obihai.kind == EventKind.OUTGOING and obihai.number == "999888777"
    assert by_name["MARKETING"].kind == EventKind.END and by_name["MARKETING"].number == "14075551212"
    assert by_name["?a_name@home"].number == "17"  # NMBR**17*: the value is "*17"
    assert by_name["Unavailable"].presentation == Presentation.PRIVATE
    # Log lines replayed at connect are history and never rings.
    history = [e for e in events(results) if e.history]
    assert [e.kind for e in history] == [EventKind.INCOMING, EventKind.END, EventKind.OUTGOING,
                                         EventKind.INCOMING, EventKind.INCOMING]
    # Every CID/PID/OUT/HUP/*LOG line of the file is one event; CIDINFO lines are rings or status.
    lines = (CORPUS / "ncid/test-client.data").read_text(encoding="utf-8").splitlines()
    call_lines = [line for line in lines if line.split(":")[0] in
                  ("CID", "PID", "OUT", "HUP", "CIDLOG", "HUPLOG", "OUTLOG", "BLKLOG", "PIDLOG")]
    assert len(calls) == len(call_lines) == 28
    info_lines = [line for line in lines if line.startswith("CIDINFO:")]
    assert len(events(results, EventKind.RING)) + len(events(results, EventKind.INFO)) == len(info_lines)
    answered = [e.detail for e in events(results, EventKind.INFO)]
    assert answered == ["not_answered", "not_answered", "hung_up", "answered", "answered", "answered",
                        "answered", "not_answered"]
    # Malformed: the DATE MMDDYYYY placeholder and TIME 2423 give warnings, and no timestamp.
    assert len(warnings(results)) == 7


@needs_corpus
@pytest.mark.parametrize("name", ["ncid/testlog", "ncid/largecall.log.head50"])
def test_ncid_log_files_parse_without_exceptions(name: str) -> None:
    results = run(NcidParser(), corpus(name))
    numbers = [e.number for e in events(results)]
    assert numbers and all(n is not None and n.isdigit() for n in numbers)


# -- AMI -----------------------------------------------------------------------------------------------

def test_ami_call_is_one_incoming_one_answer_one_end() -> None:
    results = run(AmiParser(), fixture("ami-call.txt"))
    assert warnings(results) == []
    summary = [(e.kind.value, e.line, e.number, e.name, e.duration_s, e.call_ref, e.detail)
               for e in events(results)]
    assert summary == [
        ("incoming", "SIP/telkom", "081234567890", "BUDI SANTOSO", None, "1700000000.18", None),
        ("info", "SIP/telkom", None, None, None, "1700000000.18", "answered"),
        ("end", "SIP/telkom", "081234567890", "BUDI SANTOSO", 65, "1700000000.18", "Normal Clearing"),
        # Ringing with an unknown caller: INCOMING waits for NewCallerid.
        ("incoming", "DAHDI/1", "0264123456", None, None, "1700000100.20", None),
        ("end", "DAHDI/1", "0264123456", None, 0, "1700000100.20", "Normal Clearing"),
    ]
    assert events(results)[0].timestamp == datetime(2023, 11, 15, 5, 13, 20)


def test_ami_withheld_caller_and_missed_hangup_before_answer() -> None:
    block = (b"Event: Newchannel\r\nChannel: PJSIP/trunk-00000001\r\nChannelState: 4\r\n"
             b"CallerIDNum: anonymous\r\nCallerIDName: Anonymous\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n\r\n"
             b"Event: Hangup\r\nChannel: PJSIP/trunk-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n\r\n"
             b"Event: Hangup\r\nUniqueid: 9.9\r\n\r\nResponse: Pong\r\n\r\nNot a block\r\n\r\n")
    results = run(AmiParser(), block)
    assert [(e.kind.value, e.presentation.value) for e in events(results)] == [
        ("incoming", "private"), ("end", "private")]
    assert len(warnings(results)) == 1


# -- auto ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "fmt"), [
    ("modem-us.txt", "modem"), ("modem-etsi.txt", "modem"), ("ncid-session.txt", "ncid"),
    ("callerid-com-serial.txt", "callerid-com"), ("callerid-com-udp.bin", "callerid-com"),
    ("tci.txt", "tci"), ("ami-call.txt", "ami"), ("mdmf-stream.bin", "mdmf"),
])
def test_auto_gives_the_same_events_as_the_right_parser(name: str, fmt: str) -> None:
    data = fixture(name)
    assert sniff(data, final=True) == fmt
    auto = run(AutoParser(), data)
    assert auto == run(make_parser(fmt), data)


def test_auto_reports_unrecognisable_bytes() -> None:
    results = run(AutoParser(), b"hello there\r\nnothing here\r\n")
    assert [type(r) for r in results] == [ParseWarning]


def test_modem_block_fragments_never_become_phantom_calls() -> None:
    data = (b"DATE = 1127\r\nTIME = 2341\r\nNMBR = 0811\r\nNAME = A\r\nMESG = 060101\r\nRING\r\n"
            b"DATE = 1127\r\nTIME = 2342\r\nRING\r\n")
    results = run(ModemParser(), data)
    assert [(e.kind.value, e.number) for e in events(results)] == [
        ("incoming", "0811"), ("ring", None), ("ring", None)]
    assert [w.message for w in warnings(results)] == ["caller-ID block without a number or a name"]


def test_ami_queue_call_with_local_and_desk_legs_is_still_one_call() -> None:
    def block(event: str, uniqueid: str, channel: str, state: str = "", **extra: str) -> bytes:
        lines = [f"Event: {event}", f"Channel: {channel}", f"Uniqueid: {uniqueid}", "Linkedid: 5.1"]
        if state:
            lines.append(f"ChannelState: {state}")
        lines += [f"{key}: {value}" for key, value in extra.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    data = b"".join([
        block("Newchannel", "5.1", "SIP/telkom-0001", "4", CallerIDNum="081298765432", CallerIDName="SITI"),
        block("Newchannel", "5.2", "Local/112@queue-0001;1", "4", CallerIDNum="081298765432"),
        block("Newchannel", "5.3", "Local/112@queue-0001;2", "4", CallerIDNum="081298765432"),
        block("DialBegin", "5.3", "Local/112@queue-0001;2", DestUniqueid="5.4"),
        block("DialBegin", "5.3", "Local/112@queue-0001;2", DestUniqueid="5.5"),
        block("Newchannel", "5.4", "SIP/desk1-0002", "0", CallerIDNum="201"),
        block("Newchannel", "5.5", "SIP/desk2-0003", "0", CallerIDNum="202"),
        block("Newstate", "5.5", "SIP/desk2-0003", "6"),
        block("Hangup", "5.4", "SIP/desk1-0002"),
        block("Hangup", "5.3", "Local/112@queue-0001;2"),
        block("Hangup", "5.2", "Local/112@queue-0001;1"),
        block("Hangup", "5.1", "SIP/telkom-0001"),
    ])
    results = run(AmiParser(), data)
    # Desk 2 is still up: the call has not ended yet.
    assert [(e.kind.value, e.number, e.name, e.line) for e in events(results)] == [
        ("incoming", "081298765432", "SITI", "SIP/telkom"),
        ("info", None, None, "SIP/telkom"),
    ]
    parser = AmiParser()
    results = run(parser, data + block("Hangup", "5.5", "SIP/desk2-0003"))
    assert [e.kind.value for e in events(results)] == ["incoming", "info", "end"]
    assert {e.call_ref for e in events(results)} == {"5.1"}
