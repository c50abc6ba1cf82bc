from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType, DispatchStatus, IncidentStatus, Priority, Role, UnitStatus
from callcenter.db.models import Agency, AuditEntry, Category, Dispatch, Incident, Unit
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.base import SYSTEM, Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.presence import PresenceService
from callcenter.services.settings import SettingsService
from callcenter.services.supervisor import (
    AuditFilter,
    IncidentRow,
    Sla,
    SlaThresholds,
    SupervisorService,
    incident_sla,
    neutralise_cell,
)
from tests.callcenter.services.conftest import make_actor, ring


def _answer(db: Database, clock: ManualClock, actor: Actor, number: str, after_s: float,
            call_type: CallType = CallType.PRANK) -> int:
    call_id = ring(db, clock, number)
    clock.advance(after_s)
    CallService(db, clock).claim(actor, call_id)
    CallService(db, clock).classify(actor, call_id, call_type)
    return call_id


def _incident(db: Database, clock: ManualClock, actor: Actor, priority: Priority = Priority.P1) -> int:
    with db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    return IncidentService(db, clock).create(actor, IncidentDraft(
        category_id=category_id, priority=priority, description="Rumah terbakar", address="Jl. Veteran 1")).id


def test_board_kpis_and_lists(db: Database, clock: ManualClock, operator: Actor, supervisor: Actor) -> None:
    presence = PresenceService(db, clock)
    presence.heartbeat(operator, "PC-1")
    for number, wait in (("081234567801", 4), ("081234567802", 8), ("081234567803", 12), ("081234567804", 18),
                         ("081234567805", 45)):
        _answer(db, clock, operator, number, wait)
    missed = ring(db, clock, "081234567806")
    clock.advance(30)
    CallService(db, clock).end(SYSTEM, missed)
    CallerService(db, clock).block(operator, "081234567806", "iseng berulang")
    waiting = ring(db, clock, "081234567807")
    clock.advance(12)
    incident_id = _incident(db, clock, operator)
    presence.heartbeat(operator, "PC-1")

    board = SupervisorService(db, clock).board(supervisor)
    kpis = board.kpis
    figures = kpis.figures
    assert (kpis.shift_code, kpis.received, figures.answered, figures.unanswered, figures.ringing) == (
        "pagi", 7, 5, 1, 1)
    # 6 counted calls (5 answered, 1 missed): 2 within 10 s, 3 within 15 s, 4 within 20 s; the ringing one waits.
    assert [figures.within_pct(mark) for mark in (10, 15, 20)] == [33.3, 50.0, 66.7]
    assert figures.median_s == 12.0 and figures.p90_s == 45.0
    assert figures.unanswered_pct == 16.7
    assert kpis.by_type["prank"] == 5 and kpis.open_incidents == 1
    assert board.answer_histogram.counts == [1, 1, 1, 1, 0, 1, 0]
    assert sum(sum(v) for v in board.hourly.series.values()) == 7
    assert board.hourly.hours[-1] == 10 and board.hourly.series["prank"][10] == 5  # 10:xx WIB

    assert [w.id for w in board.waiting] == [waiting] and board.waiting[0].wait_s(clock()) == pytest.approx(12)
    assert [(m.id, m.blocked) for m in board.missed] == [(missed, True)]
    [row] = board.incidents
    assert row.id == incident_id and row.priority == "P1" and row.assigned_to == "asep"
    assert incident_sla(row, clock(), board.thresholds) == (Sla.GREEN, "not_forwarded")
    [desk] = board.operators
    assert (desk.desk, desk.username, desk.online, desk.open_incidents, desk.handled_this_shift) == (
        "PC-1", "asep", True, 1, 5)
    assert board.units == {status.value: 0 for status in UnitStatus}


def test_sla_colours_follow_the_clock_and_the_setting(db: Database, clock: ManualClock, operator: Actor,
                                                      supervisor: Actor, admin: Actor) -> None:
    incident_id = _incident(db, clock, operator, Priority.P1)
    service = SupervisorService(db, clock)
    board = service.board(supervisor)
    [row] = board.incidents
    t = board.thresholds
    assert incident_sla(row, clock() + timedelta(seconds=59), t)[0] is Sla.GREEN
    assert incident_sla(row, clock() + timedelta(seconds=60), t)[0] is Sla.AMBER
    assert incident_sla(row, clock() + timedelta(seconds=120), t)[0] is Sla.RED

    # Forwarded: the not-forwarded timer stops; an unacknowledged dispatch turns red after 5 minutes.
    clock.advance(30)
    with db.write() as session:
        agency_id = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
        session.add(Dispatch(incident_id=incident_id, agency_id=agency_id, status=DispatchStatus.NOTIFIED,
                             created_at=clock(), updated_at=clock()))
        incident = session.get(Incident, incident_id)
        assert incident is not None
        incident.first_dispatched_at = clock()
        incident.status = IncidentStatus.DISPATCHED
    [row] = service.board(supervisor).incidents
    assert row.dispatches == 1
    assert incident_sla(row, clock() + timedelta(seconds=200), t) == (Sla.AMBER, "not_acknowledged")
    assert incident_sla(row, clock() + timedelta(seconds=300), t) == (Sla.RED, "not_acknowledged")

    SettingsService(db, clock).set(admin, "sla", {"not_forwarded": {"P1": [10, 20]}, "not_acknowledged": "x"})
    custom = service.thresholds(supervisor)
    assert custom.not_forwarded["P1"] == (10, 20) and custom.not_forwarded["P2"] == (180, 300)
    assert custom.not_acknowledged == (180, 300)  # malformed: the default, never a crash


def test_incident_sla_without_database() -> None:
    from datetime import UTC, datetime

    t = SlaThresholds.from_setting(None)
    created = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    row = IncidentRow(1, "112/2026/000001", "P3", IncidentStatus.OPEN, "Kebakaran", "Fire", None, None, None,
                      created, None, None, None, 0, None, 1)
    assert incident_sla(row, created + timedelta(seconds=599), t)[0] is Sla.GREEN
    assert incident_sla(row, created + timedelta(seconds=600), t)[0] is Sla.AMBER


def test_operators_cannot_see_the_board_and_the_refusal_is_audited(db: Database, clock: ManualClock,
                                                                  operator: Actor) -> None:
    service = SupervisorService(db, clock)
    for attempt in (lambda: service.board(operator), lambda: service.audit_log(operator, AuditFilter()),
                    lambda: service.operators(operator)):
        with pytest.raises(PermissionDenied):
            attempt()
    with db.read() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "permission_denied",
                                                         AuditEntry.username == "asep")) == 3


def test_audit_log_filters_pages_and_csv_export(db: Database, clock: ManualClock, operator: Actor,
                                                supervisor: Actor, tmp_path: Path) -> None:
    for index in range(5):
        _answer(db, clock, operator, f"08123456780{index}", 3)
        clock.advance(60)
    incident_id = _incident(db, clock, operator)
    IncidentService(db, clock).reassign(supervisor, incident_id, supervisor.id or 0)
    IncidentService(db, clock).add_note(operator, incident_id, '=HYPERLINK("http://x") <b>&</b> 🚒 Ñ')
    service = SupervisorService(db, clock)

    claims = service.audit_log(supervisor, AuditFilter(action="call.claim"))
    assert len(claims) == 5 and claims[0].at >= claims[-1].at  # newest first
    assert service.audit_count(supervisor, AuditFilter(action="call.")) == 10
    assert service.audit_count(supervisor, AuditFilter(username="hendra")) == 1
    assert service.audit_count(supervisor, AuditFilter(entity="incident", entity_id=str(incident_id))) == 3
    start = clock() - timedelta(seconds=30)
    assert service.audit_count(supervisor, AuditFilter(since=start)) == 3
    page1 = service.audit_log(supervisor, AuditFilter(), limit=4)
    page2 = service.audit_log(supervisor, AuditFilter(), offset=4, limit=4)
    assert not {r.id for r in page1} & {r.id for r in page2}
    facets = service.audit_facets(supervisor)
    assert "incident.reassign" in facets.actions and "hendra" in facets.usernames
    with pytest.raises(ValidationError):
        service.audit_log(supervisor, AuditFilter(since=clock(), until=clock() - timedelta(hours=1)))

    out = tmp_path / "audit.csv"
    written = service.export_audit_csv(supervisor, AuditFilter(entity="incident"), out)
    assert written == 3
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["id", "at_wib", "username", "action"]
    note = next(r for r in rows if r[3] == "incident.note")
    assert note[8].startswith("'=HYPERLINK") and "🚒 Ñ" in note[8]
    assert service.audit_count(supervisor, AuditFilter(action="audit.export")) == 1
    assert not list(tmp_path.glob("*.part"))


def test_neutralise_cell() -> None:
    assert [neutralise_cell(v) for v in ("=1+1", "+62", "-5", "@SUM", "plain", None, 7)] == [
        "'=1+1", "'+62", "'-5", "'@SUM", "plain", "", "7"]


def test_stale_claims_appear_on_the_board(db: Database, clock: ManualClock, operator: Actor,
                                          supervisor: Actor) -> None:
    presence = PresenceService(db, clock)
    presence.heartbeat(operator, "PC-1")
    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    clock.advance(120)
    board = SupervisorService(db, clock).board(supervisor, desk_timeout_s=20)
    [stale] = board.waiting
    assert (stale.id, stale.stale_operator, stale.stale_desk) == (call_id, "asep", "PC-1")
    [desk] = board.operators
    assert desk.online is False and desk.open_calls == 1
    units_db = make_actor(db, clock, "budi", Role.OPERATOR)
    assert units_db.role is Role.OPERATOR
    with db.write() as session:
        agency_id = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
        session.add(Unit(agency_id=agency_id, call_sign="DAMKAR-1", unit_type="pemadam",
                         status=UnitStatus.ON_SCENE, status_since=clock()))
    assert SupervisorService(db, clock).board(supervisor).units["on_scene"] == 1
