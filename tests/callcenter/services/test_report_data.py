"""Report data: exactly the database's figures, the night shift's edges, roles enforced with audit rows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.enums import CallType, IncidentStatus, Role
from callcenter.db.models import AuditEntry
from callcenter.errors import NotFound, PermissionDenied, ValidationError
from callcenter.services.report_data import ReportService, mask_number, median, percentile
from tests.callcenter.reports.dataset import EXPECTED, SHIFT_DATE, build


def test_night_shift_counts_exactly_the_calls_inside_it(db: Database) -> None:
    known = build(db)
    data = ReportService(db, known.clock).shift_report_data(known.supervisor, SHIFT_DATE, "malam")
    s = data.summary
    assert (s.funnel.incoming, s.funnel.answered, s.funnel.missed, s.funnel.called_back, s.funnel.ringing) == (
        EXPECTED["incoming"], EXPECTED["answered"], EXPECTED["missed"], EXPECTED["called_back"], 0)
    assert dict(s.call_types.counts) == EXPECTED["types"]
    assert s.call_types.unclassified == 0
    assert s.call_types.prank_ghost == EXPECTED["prank_ghost"]
    assert s.call_types.prank_ghost_share == EXPECTED["prank_ghost_share"]
    assert dict(s.figures.within) == EXPECTED["within"]
    assert s.figures.median_s == EXPECTED["median"]
    assert s.figures.p90_s == EXPECTED["p90"]
    # shares are of the 10 counted calls (8 answered + 2 missed), not of the answered ones alone
    assert (s.figures.within_pct(10), s.figures.within_pct(15), s.figures.unanswered_pct) == (40.0, 60.0, 20.0)
    assert s.figures.meets((15, 90.0)) is False
    # the shift's exact bounds: 23:00 WIB = 16:00 UTC the same day, 07:00 WIB = 00:00 UTC the next day
    assert (data.start_utc.isoformat(), data.end_utc.isoformat()) == ("2026-03-01T16:00:00+00:00",
                                                                      "2026-03-02T00:00:00+00:00")


def test_incidents_agencies_intervals_and_carry_over(db: Database) -> None:
    known = build(db)
    s = ReportService(db, known.clock).shift_report_data(known.admin, SHIFT_DATE, "Malam").summary
    assert s.incidents_total == EXPECTED["incidents"]
    assert sorted((row.key, row.count) for row in s.incidents_by_category) == [("kebakaran", 1), ("kesehatan", 1)]
    assert sum(row.count for row in s.incidents_by_kecamatan) == 2
    assert len(s.incidents_by_kecamatan) == 2
    assert sorted((row.key, row.count) for row in s.dispatches_by_agency) == [("damkar", 1), ("polres", 1)]
    intervals = {item.agency: item for item in s.dispatch_intervals}
    damkar = intervals["Damkar"]
    assert (damkar.notified_to_acknowledged.median_s, damkar.acknowledged_to_on_scene.median_s,
            damkar.total.median_s) == (120.0, 600.0, 720.0)
    polres = next(item for name, item in intervals.items() if name != "Damkar")
    assert polres.notified_to_acknowledged.median_s == 60.0
    assert polres.acknowledged_to_on_scene.count == 0 and polres.total.median_s is None
    # incident 3 (from the siang shift) and 2 (this shift) are still open; 1 closed at 05:00; 4 is tomorrow's
    assert s.carried_over_total == EXPECTED["carried"]
    assert {item.number: item.status for item in s.carried_over} == {
        "112/2026/000002": IncidentStatus.OPEN, "112/2026/000003": IncidentStatus.OPEN}


def test_people_notes_numbers_and_blocks(db: Database) -> None:
    known = build(db)
    data = ReportService(db, known.clock).shift_report_data(known.supervisor, SHIFT_DATE, "malam")
    assert [p.full_name for p in data.operators] == ["Asep Saputra"]
    assert [p.full_name for p in data.supervisors] == ["Hendra Permana"]
    assert len(data.handover_notes) == 2
    frequent = {item.masked: (item.prank, item.ghost) for item in data.summary.frequent_numbers}
    assert frequent == {"0812-****-7890": (2, 0), "0857-****-2222": (0, 2)}
    blocked = data.summary.blocked_numbers
    assert [(b.masked, b.automatic) for b in blocked] == [("0812-****-7890", True)]  # the 07:00 block is pagi's
    assert data.header.government == "Pemerintah Kabupaten Purwakarta"


def test_range_report_days_and_totals(db: Database) -> None:
    known = build(db)
    data = ReportService(db, known.clock).range_report_data(known.admin, date(2026, 3, 1), date(2026, 3, 2))
    assert [(d.day.isoformat(), d.incoming, d.incidents) for d in data.days] == [
        ("2026-03-01", 2, 1), ("2026-03-02", 10, 3)]
    assert data.summary.funnel.incoming == 12
    assert data.summary.call_types.count(CallType.PRANK) == 4
    assert sum(d.prank_ghost for d in data.days) == 6


def test_roles_are_enforced_and_refusals_audited(db: Database) -> None:
    known = build(db)
    service = ReportService(db, known.clock)
    with pytest.raises(PermissionDenied):
        service.shift_report_data(known.operator, SHIFT_DATE, "malam")
    with pytest.raises(PermissionDenied):
        service.range_report_data(known.supervisor, date(2026, 3, 1), date(2026, 3, 2))
    with db.read() as session:
        refusals = session.execute(select(AuditEntry.username, AuditEntry.detail)
                                   .where(AuditEntry.action == "permission_denied")
                                   .order_by(AuditEntry.id)).all()
    assert [name for name, _ in refusals] == ["asep", "hendra"]
    assert "shift report" in (refusals[0][1] or "") and "date range" in (refusals[1][1] or "")


def test_bad_input_is_refused_clearly(db: Database) -> None:
    known = build(db)
    service = ReportService(db, known.clock)
    with pytest.raises(NotFound):
        service.shift_report_data(known.admin, SHIFT_DATE, "sore")
    with pytest.raises(ValidationError):
        service.range_report_data(known.admin, date(2026, 3, 2), date(2026, 3, 1))


def test_empty_shift(db: Database) -> None:
    known = build(db)
    data = ReportService(db, known.clock).shift_report_data(known.admin, date(2026, 2, 1), "pagi")
    assert data.summary.empty
    assert data.summary.figures.median_s is None and data.summary.call_types.prank_ghost_share is None


def test_helpers() -> None:
    assert mask_number("+6281234567890") == "0812-****-7890"
    assert mask_number("0264123") == "*****23"
    assert mask_number(None) == "-"
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.0
    assert percentile([], 0.9) is None
    assert median([3, 1, 2]) == 2.0 and median([1, 2, 3, 4]) == 2.5
    assert Role.SYSTEM  # the command line acts as the system actor, which passes every role check


def test_ringing_counts_apart_and_outgoing_calls_are_not_incoming(db: Database) -> None:
    from sqlalchemy import insert

    from callcenter.db.enums import CallState, Direction
    from callcenter.db.models import Call
    from tests.callcenter.reports.dataset import wib

    known = build(db)
    with db.write() as session:
        session.execute(insert(Call).values(id=100, event_key="ringing", received_at=wib(2026, 3, 2, 6, 50),
                                            e164="+6281900000009", state=CallState.RINGING))
        session.execute(insert(Call).values(id=101, event_key="outgoing", received_at=wib(2026, 3, 2, 6, 51),
                                            e164="+6281900000001", direction=Direction.OUTGOING,
                                            state=CallState.ENDED, answered_at=wib(2026, 3, 2, 6, 51, 5)))
    funnel = ReportService(db, known.clock).shift_report_data(known.supervisor, SHIFT_DATE, "malam").summary.funnel
    assert (funnel.incoming, funnel.answered, funnel.missed, funnel.ringing) == (
        EXPECTED["incoming"] + 1, EXPECTED["answered"], EXPECTED["missed"], 1)


def test_a_shift_not_started_is_refused_and_a_running_one_is_provisional(db: Database) -> None:
    known = build(db)  # the clock stands at 09:00 WIB on 2 March: pagi runs 07:00-15:00
    service = ReportService(db, known.clock)
    running = service.shift_report_data(known.supervisor, date(2026, 3, 2), "pagi")
    assert running.provisional and running.generated_at == known.clock()
    assert not service.shift_report_data(known.supervisor, SHIFT_DATE, "malam").provisional
    for day, shift in ((date(2026, 3, 2), "siang"), (date(2026, 3, 3), "pagi"), (date(9999, 12, 31), "malam")):
        with pytest.raises(ValidationError) as refused:
            service.shift_report_data(known.supervisor, day, shift)
        assert "has not started yet" in refused.value.problems["date"]
    with pytest.raises(ValidationError):  # the calendar's edge is refused, not an overflow
        service.range_report_data(known.admin, date(9999, 12, 30), date(9999, 12, 31))
