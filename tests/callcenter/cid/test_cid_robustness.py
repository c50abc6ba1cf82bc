"""Streaming robustness: any split gives the same events; arbitrary and mutated bytes never raise or hang."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter.cid.events import CallerIdEvent, ParseResult, ParseWarning
from callcenter.cid.registry import FORMATS, make_parser
from tests.fuzz import examples

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "cid-corpus"
NOW = datetime(2026, 11, 27, 16, 45, tzinfo=UTC)

# (format, path, the file writes line ends as literal \n / \r)
SAMPLES: list[tuple[str, Path, bool]] = [
    ("modem", FIXTURES / "modem-us.txt", False),
    ("modem", FIXTURES / "modem-etsi.txt", False),
    ("mdmf", FIXTURES / "mdmf-stream.bin", False),
    ("callerid-com", FIXTURES / "callerid-com-serial.txt", False),
    ("callerid-com", FIXTURES / "callerid-com-udp.bin", False),
    ("tci", FIXTURES / "tci.txt", False),
    ("ncid", FIXTURES / "ncid-session.txt", False),
    ("ami", FIXTURES / "ami-call.txt", False),
    ("modem", CORPUS / "ncid/test-modem-calls.data", True),
    ("tci", CORPUS / "ncid/test-device-calls.data", True),
    ("ncid", CORPUS / "ncid/test-client.data", False),
    ("ncid", CORPUS / "ncid/testlog", False),
    ("ncid", CORPUS / "ncid/largecall.log.head50", False),
    ("mdmf", CORPUS / "minimodem/minimodem-testdata-callerid-sdmf.bytes", False),
    ("mdmf", CORPUS / "minimodem/minimodem-testdata-callerid-mdmf.bytes", False),
    *[("callerid-com", CORPUS / "callerid-com" / name, False)
      for name in ("in_start.bin", "in_end.bin", "ring_detail.bin", "offhook.bin", "onhook.bin")],
]


def load(path: Path, escapes: bool) -> bytes:
    data = path.read_bytes()
    return data.replace(b"\\r", b"\r").replace(b"\\n", b"\n") if escapes else data


def available_samples() -> list[tuple[str, bytes]]:
    return [(fmt, load(path, escapes)) for fmt, path, escapes in SAMPLES if path.is_file()]


def sample_id(sample: tuple[str, Path, bool]) -> str:
    return f"{sample[0]}:{sample[1].name}"


def parse_in_chunks(fmt: str, data: bytes, sizes: list[int], now: datetime = NOW) -> list[ParseResult]:
    parser = make_parser(fmt)
    results: list[ParseResult] = []
    pos = 0
    for size in sizes:
        results += parser.feed(data[pos:pos + size], now)
        pos += size
    results += parser.feed(data[pos:], now)
    results += parser.flush(now)
    return results


def check_results(results: list[ParseResult]) -> None:
    for result in results:
        assert isinstance(result, CallerIdEvent | ParseWarning)
        if isinstance(result, CallerIdEvent):
            # Digits and '+', or a number kept as received with its letters or symbols (issue 13): never
            # blanks or control characters, never longer than the database column.
            number = result.number
            assert number is None or (number[:1].isdigit() or number[:2].lstrip("+")[:1].isdigit())
            assert number is None or (number.isprintable() and " " not in number and len(number) <= 40)
            assert isinstance(result.raw, str)


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_id)
@pytest.mark.parametrize("auto", [False, True], ids=["own-format", "auto"])
def test_one_byte_at_a_time_gives_the_same_events_as_whole(
    sample: tuple[str, Path, bool], auto: bool,
) -> None:
    fmt, path, escapes = sample
    if not path.is_file():
        pytest.skip(f"corpus file {path} not present")
    data = load(path, escapes)
    fmt = "auto" if auto else fmt
    whole = parse_in_chunks(fmt, data, [])
    byte_by_byte = parse_in_chunks(fmt, data, [1] * len(data))
    assert byte_by_byte == whole
    assert any(isinstance(r, CallerIdEvent) for r in whole)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_split_of_real_data_gives_the_same_events(data: st.DataObject) -> None:
    samples = available_samples()
    fmt, raw = data.draw(st.sampled_from(samples))
    sizes = data.draw(st.lists(st.integers(min_value=0, max_value=64), max_size=40))
    assert parse_in_chunks(fmt, raw, sizes) == parse_in_chunks(fmt, raw, [])


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=examples(300), deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(
    chunks=st.lists(st.binary(max_size=300), max_size=8),
    now=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
)
def test_arbitrary_bytes_never_raise_or_hang(fmt: str, chunks: list[bytes], now: datetime) -> None:
    parser = make_parser(fmt)
    results: list[ParseResult] = []
    for chunk in chunks:
        results += parser.feed(chunk, now)
    results += parser.flush(now)
    check_results(results)


@st.composite
def mutated_samples(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real frame file with bytes flipped, inserted, deleted or cut off."""
    fmt, data = draw(st.sampled_from(available_samples()))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        at = draw(st.integers(min_value=0, max_value=len(buffer)))
        if action == "flip" and at < len(buffer):
            buffer[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif action == "delete":
            del buffer[at:at + draw(st.integers(min_value=1, max_value=20))]
        elif action == "truncate":
            del buffer[at:]
        elif action == "duplicate":
            buffer[at:at] = buffer[max(0, at - 40):at]
    return fmt, bytes(buffer)


@settings(max_examples=examples(300), deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(sample=mutated_samples(), use_auto=st.booleans(), split=st.integers(min_value=1, max_value=97))
def test_mutated_real_frames_never_raise(sample: tuple[str, bytes], use_auto: bool, split: int) -> None:
    fmt, data = sample
    fmt = "auto" if use_auto else fmt
    results = parse_in_chunks(fmt, data, [split] * (len(data) // split))
    check_results(results)
    assert results == parse_in_chunks(fmt, data, [])


def test_megabyte_of_noise_is_bounded_and_reported() -> None:
    noise = bytes(range(256)) * 4096
    for fmt in FORMATS:
        parser = make_parser(fmt)
        results = parser.feed(noise, NOW) + parser.flush(NOW)
        check_results(results)
        assert all(len(r.raw) <= 4096 for r in results if isinstance(r, ParseWarning))
