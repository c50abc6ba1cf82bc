"""The supervisor board and the shift report print the same call-answering figures for one shift, in both
languages: the shares of answered-within marks, the median answer time and the unanswered share (one definition,
callcenter.services.call_figures). The report is read back from the PDF with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from callcenter.reports.shift import render_shift_report
from callcenter.services.calls import CallService
from callcenter.services.report_data import ReportService
from tests.callcenter.services.conftest import ring
from tests.ui.supervisor.conftest import Stack
from ui.i18n import Translations

# Answer delays in seconds. 9.96 rounds to 10.0 (within 10 s) and 15.04 to 15.0 (within 15 s); 10.06 is 10.1.
ANSWERED = (3.0, 9.96, 10.06, 14.0, 15.04, 19.0, 25.0, 42.0)
UNANSWERED = 2  # the caller hung up before anyone answered
# 10 counted calls (8 answered + 2 unanswered; the one still ringing waits): 2 within 10 s, 5 within 15 s,
# 6 within 20 s; median of the 8 answer times (14.0 + 15.0) / 2; 2 of 10 unanswered.
EXPECTED = {
    "en": {"within10": "20.0%", "within15": "50.0%", "within20": "60.0%", "median": "14.5 s", "abandoned": "20.0%",
           "received": "11"},
    "id": {"within10": "20,0%", "within15": "50,0%", "within20": "60,0%", "median": "14,5 detik",
           "abandoned": "20,0%", "received": "11"},
}
REPORT_ROWS = {  # where each tile's figure stands in the report (the tile's text is filled in)
    "en": {"within10": "Answered within 10 s 2 ({})", "within15": "Answered within 15 s 5 ({})",
           "within20": "Answered within 20 s 6 ({})", "median": "Median answer time {}",
           "abandoned": "Missed / abandoned 2 {}", "received": "Incoming calls {}"},
    "id": {"within10": "Dijawab dalam 10 detik 2 ({})", "within15": "Dijawab dalam 15 detik 5 ({})",
           "within20": "Dijawab dalam 20 detik 6 ({})", "median": "Median waktu jawab {}",
           "abandoned": "Tidak terjawab / ditinggalkan 2 {}", "received": "Panggilan masuk {}"},
}


def _one_shift(stack: Stack) -> None:
    calls = CallService(stack.db, stack.clock)
    for index, delay in enumerate(ANSWERED):
        call_id = ring(stack.db, stack.clock, f"0812345678{index:02d}")
        stack.clock.advance(delay)
        calls.claim(stack.operator, call_id)
        stack.clock.advance(60)
    for index in range(UNANSWERED):
        call_id = ring(stack.db, stack.clock, f"0813345678{index:02d}")
        stack.clock.advance(5)
        calls.end(stack.operator, call_id)
    ring(stack.db, stack.clock, "081434567800")  # still ringing while the board and the report look
    stack.clock.advance(2)


@pytest.mark.parametrize("language", ["en", "id"])
def test_board_and_shift_report_print_the_same_figures(qtbot: QtBot, stack: Stack, tmp_path: Path,
                                                       translations: Translations, language: str) -> None:
    translations.install(language)
    _one_shift(stack)
    board = stack.board(qtbot)
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    shown = {key: board.tiles[key].value.text() for key in EXPECTED[language]}
    assert shown == EXPECTED[language]

    data = ReportService(stack.db, stack.clock).shift_report_data(stack.boss, date(2026, 3, 2), "pagi")
    out = tmp_path / "pagi.pdf"
    render_shift_report(data, out, language)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())
    for key, figure in shown.items():
        assert REPORT_ROWS[language][key].format(figure) in text, (key, figure)
    # the shift is still running at 10:00 WIB: the report says so, and that the ringing call is not counted yet
    assert ("SHIFT REPORT PAGI — PROVISIONAL" if language == "en" else "LAPORAN SHIFT PAGI — SEMENTARA") in text
    assert ("not counted yet" if language == "en" else "belum dihitung") in text
