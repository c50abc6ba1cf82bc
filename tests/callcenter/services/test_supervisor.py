from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DispatchStatus, IncidentStatus, Priority, Role, UnitStatus
from callcenter.db.models import Agency, AuditEntry, Dispatch, Incident, Unit
from callcenter.errors import PermissionDenied
from callcenter.services.base import SYSTEM, Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.presence import PresenceService
from callcenter.services.settings import SettingsService
from callcenter.services.supervisor import (
    IncidentRow,
    Sla,
    SlaThresholds,
    SupervisorService,
    incident_sla,
)
from tests.callcenter.services.conftest import make_actor, ring
from tests.callcenter.services.supervisor_helpers import answer, new_incident


def test_board_kpis_and_lists(db: Database, clock: ManualClock, operator: Actor, supervisor: Actor) -> None:
    presence = PresenceService(db, clock)
    presence.heartbeat(operator, "PC-1")
    for number, wait in (("081234567801", 4), ("081234567802", 8), ("081234567803", 12), ("081234567804", 18),
                         ("081234567805", 45)):
        answer(db, clock, operator, number, wait)
    missed = ring(db, clock, "081234567806")
    clock.advance(30)
    CallService(db, clock).end(SYSTEM, missed)
    CallerService(db, clock).block(operator, "081234567806", "iseng berulang")
    waiting = ring(db, clock, "081234567807")
    clock.advance(12)
    incident_id = new_incident(db, clock, operator)
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
    incident_id = new_incident(db, clock, operator, Priority.P1)
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
    for attempt in (lambda: service.board(operator), lambda: service.operators(operator)):
        with pytest.raises(PermissionDenied):
            attempt()
    with db.read() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "permission_denied",
                                                         AuditEntry.username == "asep")) == 2


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
