"""The range report's map page: a choropleth of incidents per kecamatan, read back from the PDF and its pixels."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from callcenter.db.database import Database
from callcenter.geo.choropleth import RAMP, ZERO
from callcenter.geo.regions import load_geography
from callcenter.reports.range import render_range_report
from callcenter.services.report_data import ReportService
from tests.callcenter.reports.dataset import build


def _map_page(path: Path, title: str) -> tuple[int, str]:
    reader = PdfReader(str(path))
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        if title in text:
            return number, text
    raise AssertionError(f"no page titled {title!r}")


def _colours(path: Path, page: int, tmp_path: Path) -> set[tuple[int, int, int]]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the printed map", pytrace=False)
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(tmp_path / "page.png").convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def test_the_range_report_maps_incidents_per_kecamatan(sqlite_db: Database, tmp_path: Path) -> None:
    known = build(sqlite_db)  # 1-2 March: three incidents in kecamatan 32.14.01, one in 32.14.02
    data = ReportService(sqlite_db, known.clock).range_report_data(known.admin, date(2026, 3, 1), date(2026, 3, 2))
    out = tmp_path / "range.pdf"
    render_range_report(data, out)
    page, text = _map_page(out, "Peta Kejadian per Kecamatan")
    assert page > 1
    assert "Jumlah kejadian yang tercatat pada periode ini menurut kecamatan lokasinya (4 kejadian)" in text
    geography = load_geography()
    for region in geography.kecamatan.values():  # every kecamatan is named on the map
        assert region.name in text, region.name
    assert "Purwakarta 3" in text and f"{geography.kecamatan['32.14.02'].name} 1" in text
    assert "Jumlah kejadian" in text and "0 (tidak ada)" in text
    assert "cahyadsn/wilayah_boundaries (MIT)" in text  # the data's licence travels with the print
    colours = _colours(out, page, tmp_path)
    assert _rgb(RAMP[-1]) in colours  # the busiest kecamatan in the darkest class
    assert _rgb(ZERO) in colours  # the quiet ones in the zero colour


def test_the_map_page_in_english_and_not_for_a_period_without_incidents(sqlite_db: Database,
                                                                        tmp_path: Path) -> None:
    known = build(sqlite_db)
    service = ReportService(sqlite_db, known.clock)
    out = tmp_path / "en.pdf"
    render_range_report(service.range_report_data(known.admin, date(2026, 3, 1), date(2026, 3, 2)), out, "en")
    _, text = _map_page(out, "Map of Incidents by Kecamatan")
    assert "Incidents" in text and "0 (none)" in text
    empty = tmp_path / "empty.pdf"
    render_range_report(service.range_report_data(known.admin, date(2026, 1, 1), date(2026, 1, 2)), empty)
    assert "Peta Kejadian" not in " ".join(page.extract_text() for page in PdfReader(str(empty)).pages)
