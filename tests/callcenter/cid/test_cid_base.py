"""Shared parser helpers: line splitting, text decoding, year inference, repeats, number cleaning."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from callcenter.cid.base import (
    MAX_LINE_BYTES,
    LineOverflow,
    LineSplitter,
    RepeatFilter,
    clean_name,
    clean_number,
    decode_text,
    resolve_month_day,
)
from callcenter.cid.events import CallerIdEvent, ParseWarning, Presentation
from callcenter.cid.modem import ModemParser
from callcenter.cid.ncid import NcidParser

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args: int) -> datetime:
    """An aware UTC moment given as Jakarta wall-clock time."""
    return datetime(*args, tzinfo=WIB).astimezone(UTC)


# -- line splitting ------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"a\nb\n", b"a\r\nb\r\n", b"a\rb\r", b"a\r\nb\n"])
def test_splitter_accepts_cr_lf_and_crlf(data: bytes) -> None:
    assert LineSplitter().feed(data) == [b"a", b"b"]


def test_splitter_crlf_split_across_reads_is_one_line_end() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"RING\r") == [b"RING"]
    assert splitter.feed(b"\nNMBR") == []
    assert splitter.feed(b" = 1\r\n\r\n") == [b"NMBR = 1", b""]


def test_splitter_keeps_blank_lines_as_separators() -> None:
    assert LineSplitter().feed(b"a\r\n\r\nb\n\nc\n") == [b"a", b"", b"b", b"", b"c"]


def test_splitter_flush_returns_the_partial_last_line_once() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"one\ntwo") == [b"one"]
    assert splitter.flush() == b"two"
    assert splitter.flush() is None


def test_runaway_line_is_reported_once_and_discarded() -> None:
    splitter = LineSplitter()
    results = splitter.feed(b"x" * (MAX_LINE_BYTES + 10))
    results += splitter.feed(b"y" * 5000 + b"\nRING\n")
    assert len([r for r in results if isinstance(r, LineOverflow)]) == 1
    assert results[-1] == b"RING"
    assert b"y" * 10 not in b"".join(r for r in results if isinstance(r, bytes))


def test_runaway_line_gives_a_parser_warning_not_an_exception() -> None:
    parser = NcidParser()
    now = datetime(2026, 11, 27, tzinfo=UTC)
    results = parser.feed(b"CID: " + b"*" * 10_000 + b"\n", now)
    assert [type(r) for r in results] == [ParseWarning]


# -- names ---------------------------------------------------------------------------------------------

def test_names_decode_as_utf8_then_latin1() -> None:
    assert decode_text("Vähälä".encode()) == "Vähälä"
    assert decode_text("Rosé".encode("latin-1")) == "Rosé"
    assert decode_text(b"\xff\xfe\x80") == "ÿþ\x80"


def test_names_lose_control_characters_and_placeholders() -> None:
    assert clean_name(" BUDI\x00\x07 SANTOSO\r ") == "BUDI SANTOSO"
    assert clean_name("-") is None
    assert clean_name("O") is None
    assert clean_name("<b>Siti</b>") == "<b>Siti</b>"


def test_modem_names_in_utf8_and_latin1() -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    parser = ModemParser()
    utf8 = parser.feed("NMBR = 0811\r\nNAME = Vähälä\r\n".encode(), now)
    latin1 = parser.feed(b"RING\r\nNMBR = 0812\r\nNAME = Ros\xe9 Ayu\r\n", now)
    names = [r.name for r in utf8 + latin1 if isinstance(r, CallerIdEvent) and r.kind == "incoming"]
    assert names == ["Vähälä", "Rosé Ayu"]


# -- numbers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number", "presentation"), [
    ("081234567890", "081234567890", Presentation.ALLOWED),
    ("0812-3456-7890", "081234567890", Presentation.ALLOWED),
    ("+62 264 200112", "+62264200112", Presentation.ALLOWED),
    ("P", None, Presentation.PRIVATE),
    ("PRIVATE", None, Presentation.PRIVATE),
    ("O", None, Presentation.UNAVAILABLE),
    ("OUT-OF-AREA", None, Presentation.UNAVAILABLE),
    ("", None, Presentation.UNAVAILABLE),
    ("NO TIME", None, Presentation.UNAVAILABLE),
])
def test_numbers_keep_digits_and_plus_only(text: str, number: str | None, presentation: Presentation) -> None:
    assert clean_number(text) == (number, presentation)


# -- dates without a year ------------------------------------------------------------------------------

def test_december_frame_received_on_new_year_belongs_to_last_year() -> None:
    received = wib(2027, 1, 1, 0, 0, 30)
    assert resolve_month_day(12, 31, 23, 59, received_at=received, tz=WIB) == datetime(2026, 12, 31, 23, 59)


def test_new_year_frame_from_a_fast_device_clock_belongs_to_next_year() -> None:
    received = wib(2026, 12, 31, 23, 59, 30)
    assert resolve_month_day(1, 1, 0, 1, received_at=received, tz=WIB) == datetime(2027, 1, 1, 0, 1)


def test_year_uses_the_device_zone_not_utc() -> None:
    # 31 Dec 18:00 UTC is already 1 January 01:00 in Jakarta.
    received = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)
    assert resolve_month_day(1, 1, 0, 59, received_at=received, tz=WIB) == datetime(2027, 1, 1, 0, 59)


def test_29_february_in_a_leap_year() -> None:
    received = wib(2028, 2, 29, 10, 0)
    assert resolve_month_day(2, 29, 9, 59, received_at=received, tz=WIB) == datetime(2028, 2, 29, 9, 59)


def test_29_february_outside_a_leap_year_resolves_to_the_nearest_past_leap_year() -> None:
    received = wib(2027, 3, 1, 10, 0)
    assert resolve_month_day(2, 29, 9, 59, received_at=received, tz=WIB) == datetime(2024, 2, 29, 9, 59)


def test_impossible_dates_raise_value_error_for_the_parser_to_report() -> None:
    received = wib(2026, 11, 27, 10, 0)
    with pytest.raises(ValueError, match="02/30"):
        resolve_month_day(2, 30, 9, 59, received_at=received, tz=WIB)
    with pytest.raises(ValueError, match="out of range"):
        resolve_month_day(12, 1, 24, 23, received_at=received, tz=WIB)
    with pytest.raises(ValueError, match="2027"):
        resolve_month_day(2, 29, 0, 0, received_at=received, tz=WIB, year=2027)


def test_modem_new_year_and_leap_day_end_to_end() -> None:
    parser = ModemParser()
    late = parser.feed(b"DATE = 1231\r\nTIME = 2359\r\nNMBR = 0811\r\nNAME = A\r\n", wib(2027, 1, 1, 0, 0, 5))
    leap = parser.feed(b"RING\r\nDATE = 0229\r\nTIME = 0800\r\nNMBR = 0812\r\nNAME = B\r\n",
                       wib(2028, 2, 29, 8, 0, 5))
    bad = parser.feed(b"RING\r\nDATE = 0230\r\nTIME = 0800\r\nNMBR = 0813\r\nNAME = C\r\n",
                      wib(2028, 3, 1, 8, 0, 5))
    stamps = [r.timestamp for r in late + leap + bad if isinstance(r, CallerIdEvent) and r.kind == "incoming"]
    assert stamps == [datetime(2026, 12, 31, 23, 59), datetime(2028, 2, 29, 8, 0), None]
    assert any(isinstance(r, ParseWarning) and "02/30" in r.message for r in bad)


# -- repeats -------------------------------------------------------------------------------------------

def test_repeat_filter_window() -> None:
    repeats = RepeatFilter(window_s=1.0)
    start = datetime(2026, 11, 27, tzinfo=UTC)
    assert not repeats.is_repeat("record", start)
    assert repeats.is_repeat("record", start.replace(microsecond=800_000))
    assert not repeats.is_repeat("other", start.replace(microsecond=900_000))
    assert not repeats.is_repeat("record", start.replace(second=2))


def test_repeat_filter_stays_small_and_fast_in_a_burst() -> None:
    repeats = RepeatFilter()
    start = datetime(2026, 11, 27, tzinfo=UTC)
    assert not any(repeats.is_repeat(f"record {i}", start) for i in range(20_000))
    assert len(repeats._accepted) <= RepeatFilter.MAX_REMEMBERED
    assert repeats.is_repeat("record 19999", start)


def test_identical_ncid_line_within_a_second_is_ignored_but_not_later() -> None:
    parser = NcidParser()
    line = b"CID: *DATE*11272026*TIME*2341*LINE*1*NMBR*0811*MESG*NONE*NAME*A*\n"
    start = datetime(2026, 11, 27, 16, 41, tzinfo=UTC)
    first = parser.feed(line, start)
    again = parser.feed(line, start.replace(microsecond=500_000))
    later = parser.feed(line, start.replace(second=5))
    assert (len(first), len(again), len(later)) == (1, 0, 1)


# -- flush ---------------------------------------------------------------------------------------------

def test_last_line_without_newline_is_delivered_by_flush() -> None:
    parser = NcidParser()
    now = datetime(2026, 11, 27, tzinfo=UTC)
    assert parser.feed(b"CID: *DATE*11272026*TIME*2341*LINE*1*NMBR*0811*MESG*NONE*NAME*A*", now) == []
    [event] = parser.flush(now)
    assert isinstance(event, CallerIdEvent) and event.number == "0811"
    assert parser.flush(now) == []
