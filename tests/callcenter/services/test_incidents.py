from __future__ import annotations

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType, IncidentStatus, Priority
from callcenter.db.models import AuditEntry, Category
from callcenter.errors import ConflictError, PermissionDenied, ValidationError
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentDraft, IncidentService
from tests.callcenter.services.conftest import ring

KECAMATAN_PURWAKARTA = "32.14.01"
DESA_NAGRI_KIDUL = "32.14.01.1001"
DESA_CAMPAKA = "32.14.02.2001"


def category_id(db: Database, code: str) -> int:
    with db.read() as session:
        value = session.scalar(select(Category.id).where(Category.code == code))
    assert value is not None
    return value


def fire(db: Database, **overrides: object) -> IncidentDraft:
    draft = IncidentDraft(category_id=category_id(db, "kebakaran"), kecamatan_code=KECAMATAN_PURWAKARTA,
                          desa_code=DESA_NAGRI_KIDUL, address="Jl. Veteran No. 5", landmark="dekat masjid",
                          reporter_name="Ujang", callback_number="081234567890",
                          description="Rumah terbakar, asap tebal")
    for name, value in overrides.items():
        setattr(draft, name, value)
    return draft


def test_create_numbers_incidents_per_year_with_category_defaults(db: Database, clock: ManualClock,
                                                                  operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    first = incidents.create(operator, fire(db))
    second = incidents.create(operator, fire(db, priority=Priority.P2))
    assert first.number == "112/2026/000001" and second.number == "112/2026/000002"
    assert first.priority is Priority.P1  # Kebakaran defaults to P1
    assert second.priority is Priority.P2
    assert first.kecamatan_name == "Purwakarta" and first.desa_name == "Nagri Kidul"
    assert first.status is IncidentStatus.OPEN and first.version == 1
    timeline = incidents.timeline(first.id)
    assert timeline[0].kind == "created" and timeline[0].operator == "asep"


def test_validation_says_exactly_what_is_missing(db: Database, clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    with pytest.raises(ValidationError) as empty:
        incidents.create(operator, IncidentDraft())
    assert set(empty.value.problems) == {"category_id", "description", "kecamatan_code"}
    with pytest.raises(ValidationError) as wrong_desa:
        incidents.create(operator, fire(db, desa_code=DESA_CAMPAKA))
    assert wrong_desa.value.problems == {"desa_code": "this desa/kelurahan is not in the chosen kecamatan"}
    with pytest.raises(ValidationError) as huge:
        incidents.create(operator, fire(db, description="x" * 1_000_000, latitude=95.0))
    assert "description" in huge.value.problems and "latitude" in huge.value.problems
    assert "1,000,000" in huge.value.problems["description"]


def test_stale_update_is_a_conflict_never_an_overwrite(db: Database, clock: ManualClock, operator: Actor,
                                                       supervisor: Actor) -> None:
    incidents = IncidentService(db, clock)
    created = incidents.create(operator, fire(db))
    # Two desks opened version 1; the supervisor saves first.
    saved = incidents.update(supervisor, created.id, created.version, {"priority": Priority.P2})
    assert saved.version == 2
    with pytest.raises(ConflictError):
        incidents.update(operator, created.id, created.version, {"description": "Sudah padam"})
    current = incidents.get(created.id)
    assert current.priority is Priority.P2 and current.description == "Rumah terbakar, asap tebal"
    updated = incidents.update(operator, created.id, current.version, {"description": "Sudah padam"})
    assert updated.description == "Sudah padam" and updated.version == 3


def test_close_and_reopen(db: Database, clock: ManualClock, operator: Actor, supervisor: Actor) -> None:
    incidents = IncidentService(db, clock)
    created = incidents.create(operator, fire(db))
    with pytest.raises(ValidationError):
        incidents.close(operator, created.id, "  ")
    closed = incidents.close(operator, created.id, "Api dipadamkan Damkar")
    assert closed.status is IncidentStatus.CLOSED and closed.closed_at == clock()
    with pytest.raises(PermissionDenied):
        incidents.reopen(operator, created.id, "masih berasap")
    reopened = incidents.reopen(supervisor, created.id, "masih berasap")
    assert reopened.status is IncidentStatus.OPEN
    kinds = [entry.kind for entry in incidents.timeline(created.id)]
    assert kinds == ["created", "closed", "reopened"]
    with db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "incident")))
    assert {"incident.create", "incident.close", "incident.reopen"} <= actions


def test_calls_link_to_one_incident_and_suggestions_find_it(db: Database, clock: ManualClock,
                                                            operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    calls = CallService(db, clock)
    first_call = ring(db, clock, "081234567890")
    calls.claim(operator, first_call)
    created = incidents.create(operator, fire(db, call_id=first_call))
    assert calls.get(first_call).incident_id == created.id
    assert calls.get(first_call).call_type is CallType.NORMAL
    clock.advance(300)
    second_call = ring(db, clock, "081311112222")
    calls.claim(operator, second_call)
    suggestions = incidents.link_suggestions(desa_code=None, category_id=category_id(db, "kebakaran"))
    assert [s.id for s in suggestions] == [created.id]
    assert [s.id for s in incidents.link_suggestions(desa_code=DESA_NAGRI_KIDUL, category_id=None)] == [created.id]
    calls.link_incident(operator, second_call, created.id)
    assert calls.get(second_call).incident_id == created.id
    assert [entry.kind for entry in incidents.timeline(created.id)].count("call_linked") == 2
    clock.advance(3 * 3600)  # two hours on, same category alone no longer suggests it
    assert incidents.link_suggestions(desa_code=None, category_id=category_id(db, "kebakaran")) == []


def test_report_without_a_call_keeps_its_channel(db: Database, clock: ManualClock, operator: Actor) -> None:
    from callcenter.db.enums import Channel

    created = IncidentService(db, clock).create(operator, fire(db, channel=Channel.WHATSAPP, callback_number=None))
    assert created.channel is Channel.WHATSAPP


def test_markup_and_emoji_are_kept_verbatim(db: Database, clock: ManualClock, operator: Actor) -> None:
    text = "<b>Kebakaran</b> & asap 🔥 di Desa Ciséureuh; DROP TABLE calls;--"
    created = IncidentService(db, clock).create(operator, fire(db, description=text))
    assert IncidentService(db, clock).get(created.id).description == text
