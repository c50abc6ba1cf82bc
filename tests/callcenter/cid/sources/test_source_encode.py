"""Encoders against the parsers: encode a call, parse the bytes, get the same number, name and line back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from callcenter.cid import encode
from callcenter.cid.encode import CallFrame
from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.cid.registry import make_parser
from callcenter.cid.traffic import TrafficGenerator

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "cid-corpus"
NOW = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)  # 15:30 WIB
WHEN = datetime(2026, 11, 27, 15, 30)

CALLS = [
    CallFrame(WHEN, "081234567890", None, line="1"),
    CallFrame(WHEN, "0264200123", "ASEP SAPUTRA", line="2"),
    CallFrame(WHEN, None, None, Presentation.PRIVATE, line="1"),
    CallFrame(WHEN, None, None, Presentation.UNAVAILABLE, line="3"),
]


def parse(fmt: str, data: bytes, *, one_byte: bool = False) -> list[CallerIdEvent]:
    parser = make_parser(fmt)
    results = []
    chunks = [data[i:i + 1] for i in range(len(data))] if one_byte else [data]
    for chunk in chunks:
        results += parser.feed(chunk, NOW)
    results += parser.flush(NOW)
    events = [r for r in results if isinstance(r, CallerIdEvent)]
    assert len(events) == len(results), f"warnings: {results!r}"
    return events


def incoming(events: list[CallerIdEvent]) -> list[CallerIdEvent]:
    return [e for e in events if e.kind is EventKind.INCOMING]


def assert_same(event: CallerIdEvent, call: CallFrame, *, line: bool = True) -> None:
    assert event.number == (None if call.withheld else call.number)
    assert event.presentation is call.presentation
    assert event.name == call.name or (call.name is None and event.name in (None, "NO NAME", "PRIVATE",
                                                                             "OUT-OF-AREA"))
    if line:
        assert event.line == call.line
    assert event.timestamp == WHEN


@pytest.mark.parametrize("one_byte", [False, True])
@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
def test_modem_round_trip(call: CallFrame, one_byte: bool) -> None:
    events = parse("modem", encode.modem_incoming(call), one_byte=one_byte)
    assert [e.kind for e in events] == [EventKind.RING, EventKind.INCOMING]
    assert_same(events[1], call, line=False)  # a modem is one line; it does not say which


@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
def test_mdmf_and_sdmf_round_trip(call: CallFrame) -> None:
    for data in (encode.mdmf_incoming(call), encode.sdmf_incoming(call)):
        assert sum(data) % 256 == 0
        [event] = parse("mdmf", data, one_byte=True)
        assert event.verified is True
        assert event.number == (None if call.withheld else call.number)
        assert event.presentation is call.presentation
        assert event.timestamp == WHEN
    [event] = parse("mdmf", encode.mdmf_incoming(call))
    assert event.name == call.name


@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
def test_ncid_round_trip(call: CallFrame) -> None:
    [event] = parse("ncid", encode.ncid_banner() + encode.ncid_end_of_startup() + encode.ncid_cid(call))
    assert event.kind is EventKind.INCOMING and not event.history
    assert_same(event, call)
    [logged] = parse("ncid", encode.ncid_cid(call, log=True))
    assert logged.history and logged.number == event.number
    [hup] = parse("ncid", encode.ncid_hup(call))
    assert hup.kind is EventKind.END and hup.number == event.number
    [info] = parse("ncid", encode.ncid_cidinfo(call, -1))
    assert info.line == call.line and info.detail == "not_answered"


@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
@pytest.mark.parametrize("wire", ["callerid-com", "callerid-com-udp"])
def test_callerid_com_round_trip(call: CallFrame, wire: str) -> None:
    ended = CallFrame(call.when, call.number, call.name, call.presentation, call.line, duration_s=42)
    data = encode.incoming_frames(wire, ended) + encode.end_frames(wire, ended)
    parser = make_parser("callerid-com")
    events = []
    for datagram in data:  # one record per datagram / per serial line
        events += parser.feed(datagram, NOW) + parser.flush(NOW)
    assert [e.kind for e in events] == [EventKind.INCOMING, EventKind.END]  # type: ignore[union-attr]
    start, end = events
    assert isinstance(start, CallerIdEvent) and isinstance(end, CallerIdEvent)
    assert_same(start, call, line=False)
    assert int(start.line or "0") == int(call.line)  # the unit prints two digits: "01"
    assert end.duration_s == 42 and end.number == start.number


@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
def test_tci_round_trip(call: CallFrame) -> None:
    [event] = parse("tci", encode.tci_record(call), one_byte=True)
    assert_same(event, call, line=False)
    assert int(event.line or "0") == int(call.line)


@pytest.mark.parametrize("call", CALLS, ids=["mobile", "landline-name", "private", "unavailable"])
def test_ami_round_trip(call: CallFrame) -> None:
    framed = CallFrame(call.when, call.number, call.name, call.presentation, call.line,
                       call_ref="1764228600.12")
    data = encode.ami_banner() + b"".join(encode.incoming_frames("ami", framed) +
                                          encode.end_frames("ami", framed))
    events = parse("ami", data, one_byte=True)
    assert [e.kind for e in events] == [EventKind.INCOMING, EventKind.END]
    assert events[0].number == (None if call.withheld else call.number)
    assert events[0].presentation is call.presentation
    assert events[0].name == call.name
    assert events[0].line == f"DAHDI/{call.line}"  # the channel without its per-call suffix


def test_simulated_traffic_round_trips_in_every_format() -> None:
    generator = TrafficGenerator(seed=11, lines=3)
    for _ in range(300):
        call = next(generator)
        frame = CallFrame.from_call(call, WHEN)
        for fmt in encode.ENCODABLE_FORMATS:
            [event] = incoming(parse(fmt, b"".join(encode.incoming_frames(fmt, frame))))
            assert event.number == call.number, fmt
            assert event.presentation is call.presentation, fmt


def test_mdmf_matches_minimodem_bytes() -> None:
    folder = CORPUS / "minimodem"
    if not folder.is_dir():
        pytest.skip("shared caller-ID corpus not present")
    sdmf = encode.sdmf_incoming(CallFrame(datetime(2026, 9, 30, 12, 24), "6095551212"))
    assert sdmf == (folder / "minimodem-testdata-callerid-sdmf.bytes").read_bytes()
    mdmf = encode.mdmf_incoming(CallFrame(datetime(2026, 3, 24, 9, 2), "8005551212", "JOHN DOE"))
    original = (folder / "minimodem-testdata-callerid-mdmf.bytes").read_bytes()
    # Same parameters (minimodem's file orders name before number and has a wrong checksum, 0x7D).
    assert sorted(mdmf[2:-1]) == sorted(original[2:-1]) and mdmf[-1] == 0x84


def test_callerid_com_packets_match_the_vendor_layout() -> None:
    call = CallFrame(datetime(2026, 12, 17, 16, 54), "770-263-7111", "CALLERID.COM", duration_s=63)
    record = encode.callerid_com_record(call, end=True)
    assert len(record) == 62
    assert record == b"01 I E 0063 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM   "
    assert len(encode.callerid_com_udp(record)) == 83
    detail = encode.callerid_com_detail("1", datetime(2026, 12, 17, 16, 54, 1), "R")
    assert len(encode.callerid_com_udp(detail)) == 52
    folder = CORPUS / "callerid-com"
    if folder.is_dir():
        assert encode.callerid_com_udp(record) == (folder / "in_end.bin").read_bytes()
        assert encode.callerid_com_udp(detail) == (folder / "ring_detail.bin").read_bytes()


def test_tci_columns_match_ncid_test_data() -> None:
    record = encode.tci_record(CallFrame(datetime(2026, 9, 5, 11, 17), "702-555-1145", "CARD SERVICES"))
    assert record == b"01      9/05     11:17 AM       702-555-1145           CARD SERVICES  \r\n"
    private = encode.tci_record(CallFrame(datetime(2026, 9, 3, 12, 36), None, None, Presentation.PRIVATE))
    assert private == b"01      9/03     12:36 PM            PRIVATE" + b" " * 26 + b"\r\n"


def test_ami_blocks_are_well_formed() -> None:
    call = CallFrame(WHEN, "081234567890", "BUDI", line="2", call_ref="1764228600.7")
    for block in (encode.ami_newchannel(call), encode.ami_newcallerid(call), encode.ami_dialbegin(call)):
        assert block.endswith(b"\r\n\r\n") and block.count(b"\r\n\r\n") == 1
        fields = dict(line.split(": ", 1) for line in block.decode().split("\r\n") if ": " in line)
        assert fields["CallerIDNum"] == "081234567890" and fields["Uniqueid"] == "1764228600.7"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        encode.incoming_frames("morse", CALLS[0])
    with pytest.raises(ValueError):
        encode.callerid_com_detail("1", WHEN, "X")
