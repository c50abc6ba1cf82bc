"""Reports count the calls that came with the caller's phone location and the median accuracy."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from callcenter.aml.message import parse_aml
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.reports.range import render_range_report
from callcenter.reports.shift import render_shift_report
from callcenter.services.locations import LocationService
from callcenter.services.report_data import ReportService
from tests.callcenter.reports.test_pdf import pdf_text
from tests.callcenter.services.conftest import make_actor, ring


def located(radius: int | None) -> str:
    rd = "N" if radius is None else str(radius)
    pm = "N" if radius is None else "G"
    lat = "+00.00000" if radius is None else "-6.55612"
    lon = "+000.00000" if radius is None else "107.44321"
    return f'A"ML=1;lt={lat};lg={lon};rd={rd};top=20260302030001;lc=68;pm={pm}'


def test_calls_with_a_phone_location_and_the_median_accuracy(db: Database, clock: ManualClock,
                                                              tmp_path: Path) -> None:
    admin = make_actor(db, clock, "admin", Role.ADMIN)
    service = LocationService(db, clock)
    # Four calls: one with two fixes (best 8 m), one with 30 m, one with only a no-fix message, one with none.
    for number, radii in (("081111111111", (50, 8)), ("081222222222", (30,)), ("081333333333", (None,)),
                          ("081444444444", ())):
        ring(db, clock, number)
        for radius in radii:
            clock.advance(5)
            message = dataclasses.replace(parse_aml(located(radius)), device_number=number)
            stored = service.receive_https(message, source_key="test")
            assert stored.call_id is not None
        clock.advance(60)
    data = ReportService(db, clock).range_report_data(admin, date(2026, 3, 2), date(2026, 3, 2))
    assert (data.summary.phone_locations.calls, data.summary.phone_locations.median_accuracy_m) == (2, 19.0)
    out = tmp_path / "range.pdf"
    render_range_report(data, out)
    _, text = pdf_text(out)
    assert "Panggilan dengan lokasi HP (AML): 2 (50,0%); median akurasi ±19 m." in text

    supervisor = make_actor(db, clock, "hendra", Role.SUPERVISOR)
    shift = ReportService(db, clock).shift_report_data(supervisor, date(2026, 3, 2), "pagi")
    english = tmp_path / "shift.pdf"
    render_shift_report(shift, english, lang="en")
    _, text = pdf_text(english)
    assert "Calls with a phone location (AML): 2 (50.0%); median accuracy ±19 m." in text


def test_a_period_without_locations_says_so(db: Database, clock: ManualClock) -> None:
    admin = make_actor(db, clock, "admin", Role.ADMIN)
    ring(db, clock, "081111111111")
    data = ReportService(db, clock).range_report_data(admin, date(2026, 3, 2), date(2026, 3, 2))
    assert (data.summary.phone_locations.calls, data.summary.phone_locations.median_accuracy_m) == (0, None)
