"""The PDFs: rendered from known data, read back with pypdf, every total compared; hostile text survives."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image as PILImage
from pypdf import PdfReader

from callcenter.db.database import Database
from callcenter.db.enums import IncidentStatus, Role
from callcenter.reports.common import LONG_RUN, REPLACEMENT, safe
from callcenter.reports.range import render_range_report, write_days_csv
from callcenter.reports.shift import render_shift_report
from callcenter.services.report_data import (
    CarriedIncident,
    CountRow,
    HandoverNote,
    OnDuty,
    ReportHeader,
    ReportService,
    ShiftReportData,
)
from tests.callcenter.reports.dataset import SHIFT_DATE, build


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_shift_report_prints_every_total(db: Database, tmp_path: Path) -> None:
    known = build(db)
    data = ReportService(db, known.clock).shift_report_data(known.supervisor, SHIFT_DATE, "malam")
    out = tmp_path / "malam.pdf"
    render_shift_report(data, out)
    pages, text = pdf_text(out)
    assert pages >= 2
    for expected in (
        "PEMERINTAH KABUPATEN PURWAKARTA", "DINAS KOMUNIKASI DAN INFORMATIKA", "Call Center 112",
        "LAPORAN SHIFT MALAM", "Minggu, 1 Maret 2026",
        "01-03-2026 23:00:00 s.d. 02-03-2026 06:59:59 WIB",
        "Panggilan masuk 10 Dijawab 8 80,0%", "Tidak terjawab / ditinggalkan 2 20,0%",
        "Ditelepon balik (dari yang tidak terjawab) 1 50,0%",
        "Darurat/normal 1 12,5%", "Informasi 1 12,5%", "Prank 2 25,0%", "Ghost (diam) 2 25,0%",
        "Salah sambung 1 12,5%", "Tes 1 12,5%", "Total 8 100,0%",
        "Porsi prank + ghost: 4 dari 8 panggilan terklasifikasi (50,0%)",
        "Panggilan dihitung 10", "Dijawab dalam 10 detik 4 (40,0%)", "Dijawab dalam 15 detik 6 (60,0%)",
        "Dijawab dalam 20 detik 7 (70,0%)", "Median waktu jawab 10,5 detik",
        "Persentil ke-90 waktu jawab 25,0 detik", "NENA (95% dalam 20 detik) 70,0% Belum tercapai",
        "Cara menghitung: waktu jawab dihitung sejak panggilan tiba di pusat panggilan",
        "dihitung tidak terjawab dalam batas waktu mana pun",
        "Jumlah kejadian tercatat: 2", "Kebakaran 1 50,0%", "Damkar 1 2:00 / 2:00 10:00 / 10:00 12:00 / 12:00",
        "112/2026/000002", "112/2026/000003", "Terbuka", "P1 (nyawa terancam)",
        "Asep Saputra (23:00–07:00)", "Hendra Permana", "Semua aman.",
        "0812-****-7890 2 0 2", "0857-****-2222 0 2 2", "otomatis",
        "Operator,", "Supervisor,", "Mengetahui,", "Kepala Bidang IKP", "Purwakarta, 2 Maret 2026",
        "Dicetak: 02-03-2026 09:00 WIB", f"Halaman 1 dari {pages}", f"Halaman {pages} dari {pages}",
    ):
        assert expected in text, expected
    # hostile handover note and address: literal markup, diacritics, the long word wrapped, emoji replaced
    assert "<b>Cisé</b> & \"kawan\"" in text
    assert "Jl. <i>Cisé</i> & Gg. <Mawar>" in text
    assert "A" * LONG_RUN in text and "A" * (LONG_RUN + 1) not in text
    assert "🚑" not in text


def test_range_report_and_day_csv(db: Database, tmp_path: Path) -> None:
    known = build(db)
    data = ReportService(db, known.clock).range_report_data(known.admin, date(2026, 3, 1), date(2026, 3, 2))
    out = tmp_path / "range.pdf"
    render_range_report(data, out)
    _, text = pdf_text(out)
    for expected in ("LAPORAN PERIODE", "1 Maret 2026 s.d. 2 Maret 2026", "Panggilan masuk 12 Dijawab 10 83,3%",
                     "Minggu, 1 Maret 2026 2 2 0 2 1", "Senin, 2 Maret 2026 10 8 2 4 3", "Total 12 10 2 6 4",
                     "Tren Harian", "Mengetahui,"):
        assert expected in text, expected
    csv_file = tmp_path / "days.csv"
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        write_days_csv(data, handle)
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    # the day and total figures are the report's own definition (call_figures), the total's of the whole range
    assert lines[1:] == ["2026-03-01,2,2,0,2,1,100.0,100.0,100.0,4.5,5.0,0.0",
                         "2026-03-02,10,8,2,4,3,40.0,60.0,70.0,10.5,25.0,20.0",
                         "Total,12,10,2,6,4,50.0,66.7,75.0,8.5,18.0,16.7"]


def test_english_on_request(sqlite_db: Database, tmp_path: Path) -> None:
    known = build(sqlite_db)
    data = ReportService(sqlite_db, known.clock).shift_report_data(known.admin, SHIFT_DATE, "malam")
    out = tmp_path / "en.pdf"
    render_shift_report(data, out, "en")
    pages, text = pdf_text(out)
    for expected in ("SHIFT REPORT MALAM", "Sunday, 1 March 2026", "Incoming calls 10 Answered 8 80.0%",
                     "Median answer time 10.5 s", "90th percentile answer time 25.0 s", "Damkar 1 2:00 / 2:00 10:00",
                     "Acknowledged by,", f"Page 1 of {pages}", "P1 (life at risk)"):
        assert expected in text, expected


def test_empty_shift_renders_a_sensible_page(sqlite_db: Database, tmp_path: Path) -> None:
    known = build(sqlite_db)
    data = ReportService(sqlite_db, known.clock).shift_report_data(known.admin, date(2026, 2, 1), "pagi")
    out = tmp_path / "empty.pdf"
    render_shift_report(data, out)
    pages, text = pdf_text(out)
    assert "Tidak ada panggilan pada shift ini." in text
    assert "Panggilan masuk 0" in text and "Tidak ada kejadian tercatat." in text
    assert "Tidak ada catatan serah terima." in text and "tidak ada nomor yang diblokir." in text
    assert "Tidak ada panggilan yang dijawab." in text and "Kepala Bidang IKP" in text
    assert pages == 1  # one page to sign, even with nothing to report


def _hostile_data(base: ShiftReportData, logo: str | None) -> ShiftReportData:
    evil = "<b>&amp; Cisé 🚒 " + "Z" * 5000
    when = datetime(2026, 3, 2, tzinfo=UTC)
    summary = dataclasses.replace(
        base.summary,
        incidents_by_category=(CountRow("x", evil, 3), CountRow("y", "Kebakaran & <Ledakan>", 1)),
        incidents_by_kecamatan=(CountRow("", "", 4),),
        carried_over=(CarriedIncident("112/2026/000009", when, evil, "P1", IncidentStatus.OPEN, evil, evil),),
        carried_over_total=5,
    )
    return dataclasses.replace(
        base,
        header=ReportHeader("Pemerintah <Kabupaten> & Kota", "Dinas 🚑", "Call Center 112", logo),
        shift_name="Malam <i>",
        summary=summary,
        on_duty=(OnDuty("x", evil, Role.OPERATOR, when, None), OnDuty("y", "Dédé & <Co>", Role.SUPERVISOR, when,
                                                                       when)),
        handover_notes=(HandoverNote("Ujang <script>", when, "x" * 1_000_000), HandoverNote("Ani", None, evil)),
    )


def test_hostile_text_neither_breaks_layout_nor_markup(sqlite_db: Database, tmp_path: Path) -> None:
    known = build(sqlite_db)
    base = ReportService(sqlite_db, known.clock).shift_report_data(known.admin, SHIFT_DATE, "malam")
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (120, 140), (30, 60, 100)).save(logo)
    out = tmp_path / "hostile.pdf"
    render_shift_report(_hostile_data(base, str(logo)), out)
    pages, text = pdf_text(out)
    assert pages <= 6  # a 1 MB note is shortened in print, not poured over hundreds of pages
    assert "Pemerintah <Kabupaten> & Kota".upper() in text
    assert "<b>&amp; Cisé" in text and "Kebakaran & <Ledakan>" in text and "Dédé & <Co>" in text
    assert "dipotong; 1.000.000 karakter seluruhnya" in text
    assert "(tidak diketahui)" in text and "… dan 4 kejadian lainnya." in text
    # a missing or broken logo file prints the report without it
    (tmp_path / "broken.png").write_bytes(b"not an image")
    for bad_logo in (str(tmp_path / "missing.png"), str(tmp_path / "broken.png")):
        render_shift_report(_hostile_data(base, bad_logo), tmp_path / "nologo.pdf")
        assert pdf_text(tmp_path / "nologo.pdf")[0] >= 1


def test_safe_text() -> None:
    assert safe("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert safe("a\nb") == "a<br/>b"
    assert safe("🛻 ok").startswith(REPLACEMENT)  # a character DejaVu Sans lacks
    assert safe("Cisé Ündangan ñ") == "Cisé Ündangan ñ"
    assert max(len(word) for word in safe("W" * 5000).split()) == LONG_RUN
    assert safe(None) == "" and safe("\x00\x07bell") == "  bell"
    assert len(safe("y" * 100_000)) < 3000
