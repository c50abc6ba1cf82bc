from __future__ import annotations

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, IncidentStatus, OutboxState, UnitStatus
from callcenter.db.models import AuditEntry, ChangeFeedEntry, Incident, OutboxMessage
from callcenter.errors import ConflictError, PermissionDenied, ValidationError
from callcenter.services.agency_admin import AgencyAdminService, AgencyInput, UnitInput
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import UnitBusy
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.dispatch_helpers import NAGRI_KIDUL, Fleet, make_fire, make_fleet


@pytest.fixture
def service(db: Database, clock: ManualClock) -> DispatchService:
    return DispatchService(db, clock)


@pytest.fixture
def agency_admin(db: Database, clock: ManualClock) -> AgencyAdminService:
    return AgencyAdminService(db, clock)


@pytest.fixture
def fleet(db: Database, clock: ManualClock, admin: Actor) -> Fleet:
    return make_fleet(db, clock, admin)


def _incident(db: Database, incident_id: int) -> Incident:
    with db.read() as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        session.expunge(incident)
        return incident


def test_suggestions_preselect_damkar_and_the_nearest_free_unit(db: Database, clock: ManualClock, operator: Actor,
                                                                service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)  # in Wanayasa: the hills unit is nearer than the town's
    hints = service.suggestions(fire)
    assert hints.default_agency_ids == [fleet.damkar]
    assert hints.suggested_unit_ids == [fleet.damkar_hills]
    first = hints.units[0]
    assert first.call_sign == "DAMKAR-03" and first.unit_type == "mobil damkar"  # admin input normalised
    assert first.distance_km is not None and first.distance_km < 15
    town = next(u for u in hints.units if u.id == fleet.damkar_town)
    assert town.distance_km is not None and town.distance_km > first.distance_km
    assert hints.units[-1].agency_short == "Polres"  # other agencies' units are offered, after the defaults

    town_fire = make_fire(db, clock, operator, desa=NAGRI_KIDUL)
    assert service.suggestions(town_fire).suggested_unit_ids == [fleet.damkar_town]


def test_forward_acknowledge_on_scene_cleared_timeline(db: Database, clock: ManualClock, operator: Actor,
                                                       service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    clock.advance(60)
    [dispatch] = service.forward(operator, fire, [fleet.damkar], [fleet.damkar_hills],
                                 [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP])
    assert dispatch.status is DispatchStatus.NOTIFIED and dispatch.unit_call_sign == "DAMKAR-03"
    assert [d.channel for d in dispatch.deliveries] == [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP]
    assert all(d.state is OutboxState.PENDING for d in dispatch.deliveries)
    incident = _incident(db, fire)
    assert incident.status is IncidentStatus.DISPATCHED and incident.first_dispatched_at == clock()
    board = {row.unit_id: row for row in service.unit_board()}
    assert board[fleet.damkar_hills].status is UnitStatus.DISPATCHED
    assert board[fleet.damkar_hills].incident_number == incident.number

    clock.advance(90)
    service.update_status(operator, dispatch.id, DispatchStatus.ACKNOWLEDGED)
    assert _incident(db, fire).status is IncidentStatus.IN_PROGRESS
    clock.advance(600)
    view = service.update_status(operator, dispatch.id, "on_scene", note="api sudah besar")
    assert service.unit_board()[1].status is UnitStatus.ON_SCENE or \
        {r.unit_id: r for r in service.unit_board()}[fleet.damkar_hills].status is UnitStatus.ON_SCENE
    clock.advance(1800)
    view = service.update_status(operator, dispatch.id, DispatchStatus.CLEARED)
    assert [e.status for e in view.events] == [DispatchStatus.NOTIFIED, DispatchStatus.ACKNOWLEDGED,
                                               DispatchStatus.ON_SCENE, DispatchStatus.CLEARED]
    assert all(e.operator == "asep" for e in view.events)
    assert view.next_statuses == []
    assert _incident(db, fire).status is IncidentStatus.RESOLVED
    hills = {r.unit_id: r for r in service.unit_board()}[fleet.damkar_hills]
    assert hills.status is UnitStatus.AVAILABLE and hills.incident_number is None and hills.status_since == clock()

    timeline = IncidentService(db, clock).timeline(fire)
    texts = [entry.text for entry in timeline]
    assert "Diteruskan ke Damkar (DAMKAR-03) via slip cetak, WhatsApp" in texts
    assert "Damkar (DAMKAR-03): diterima" in texts
    assert "Damkar (DAMKAR-03): tiba di lokasi — api sudah besar" in texts
    assert "Damkar (DAMKAR-03): selesai" in texts
    assert "Status kejadian: sedang ditangani" in texts
    assert texts[-1] == "Status kejadian: selesai ditangani (menunggu ditutup)"
    times = [entry.at for entry in timeline]
    assert times == sorted(times) and len(set(times)) >= 5  # every step carries its own time

    with db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
        entities = set(session.scalars(select(ChangeFeedEntry.entity)))
    assert {"dispatch.create", "dispatch.status", "unit.assign", "unit.status", "incident.status"} <= actions
    assert {"dispatch", "unit", "incident", "outbox"} <= entities


def test_illegal_transitions_are_refused_with_the_reason(db: Database, clock: ManualClock, operator: Actor,
                                                          service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    [dispatch] = service.forward(operator, fire, [fleet.damkar], [], [])
    assert dispatch.unit_id is None
    with pytest.raises(ConflictError, match="diterima"):
        service.update_status(operator, dispatch.id, DispatchStatus.CLEARED)
    service.update_status(operator, dispatch.id, DispatchStatus.ON_SCENE)
    with pytest.raises(ConflictError, match="cannot go back"):
        service.update_status(operator, dispatch.id, DispatchStatus.EN_ROUTE)
    with pytest.raises(ConflictError, match="already tiba di lokasi"):
        service.update_status(operator, dispatch.id, DispatchStatus.ON_SCENE)
    service.update_status(operator, dispatch.id, DispatchStatus.CLEARED)
    with pytest.raises(ConflictError, match="cannot change any more"):
        service.update_status(operator, dispatch.id, DispatchStatus.CANCELLED)
    with pytest.raises(ValidationError):
        service.update_status(operator, dispatch.id, "gone")


def test_busy_unit_warns_and_is_never_silently_taken(db: Database, clock: ManualClock, operator: Actor,
                                                     service: DispatchService, fleet: Fleet) -> None:
    first = make_fire(db, clock, operator)
    second = make_fire(db, clock, operator, desa=NAGRI_KIDUL)
    [on_first] = service.forward(operator, first, [], [fleet.damkar_hills], [])
    service.update_status(operator, on_first.id, DispatchStatus.ON_SCENE)
    before = {r.unit_id: r for r in service.unit_board()}[fleet.damkar_hills]
    with pytest.raises(UnitBusy) as warned:
        service.forward(operator, second, [], [fleet.damkar_hills, fleet.damkar_town], [])
    assert [u.call_sign for u in warned.value.units] == ["DAMKAR-03"]
    assert warned.value.units[0].incident_number == _incident(db, first).number
    after = {r.unit_id: r for r in service.unit_board()}
    assert after[fleet.damkar_hills] == before  # nothing changed: no dispatch, same status and time
    assert after[fleet.damkar_town].status is UnitStatus.AVAILABLE
    assert service.dispatches(second) == []

    clock.advance(30)
    service.forward(operator, second, [], [fleet.damkar_hills], [], confirm_busy=True)
    moved = {r.unit_id: r for r in service.unit_board()}[fleet.damkar_hills]
    assert moved.status is UnitStatus.DISPATCHED and moved.incident_number == _incident(db, second).number
    with db.read() as session:
        details = list(session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "unit.assign")))
    assert "confirmed although busy" in details
    # Clearing the old job does not free a unit that is now on the new one.
    service.update_status(operator, on_first.id, DispatchStatus.CLEARED)
    still = {r.unit_id: r for r in service.unit_board()}[fleet.damkar_hills]
    assert still.status is UnitStatus.DISPATCHED and still.incident_number == _incident(db, second).number


def test_cancellation_frees_the_unit_and_the_incident_follows(db: Database, clock: ManualClock, operator: Actor,
                                                              service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    hills, town = service.forward(operator, fire, [fleet.damkar], [fleet.damkar_hills, fleet.damkar_town], [])
    service.update_status(operator, hills.id, DispatchStatus.EN_ROUTE)
    assert _incident(db, fire).status is IncidentStatus.IN_PROGRESS
    service.update_status(operator, town.id, DispatchStatus.CANCELLED, note="cukup satu unit")
    board = {r.unit_id: r for r in service.unit_board()}
    assert board[fleet.damkar_town].status is UnitStatus.AVAILABLE
    assert board[fleet.damkar_hills].status is UnitStatus.EN_ROUTE
    assert _incident(db, fire).status is IncidentStatus.IN_PROGRESS
    service.update_status(operator, hills.id, DispatchStatus.CANCELLED)
    # Every forward cancelled: the incident is open again, to be forwarded anew, not "resolved".
    assert _incident(db, fire).status is IncidentStatus.OPEN
    assert all(r.status is UnitStatus.AVAILABLE for r in service.unit_board())


def test_forward_refuses_missing_addresses_and_closed_incidents(db: Database, clock: ManualClock,
                                                                operator: Actor, admin: Actor,
                                                                service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    with pytest.raises(ValidationError) as missing:
        service.forward(operator, fire, [fleet.damkar], [], [DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK])
    assert "Damkar has no e-mail address" in missing.value.problems["channels"]
    assert "no webhook address" in missing.value.problems["channels"]
    with pytest.raises(ValidationError, match="at least one"):
        service.forward(operator, fire, [], [], [])
    with db.read() as session:
        assert session.scalar(select(OutboxMessage.id)) is None
    IncidentService(db, clock).close(operator, fire, "Salah lapor")
    with pytest.raises(ConflictError, match="reopen"):
        service.forward(operator, fire, [fleet.damkar], [], [])


def test_forward_queues_email_and_webhook_with_the_eido(db: Database, clock: ManualClock, operator: Actor,
                                                        admin: Actor, service: DispatchService,
                                                        agency_admin: AgencyAdminService, fleet: Fleet) -> None:
    record = next(a for a in agency_admin.agencies() if a.code == "damkar")
    agency_admin.save_agency(admin, record.id, AgencyInput(
        code="damkar", name=record.name, short_name="Damkar", kind=record.kind, whatsapp="0812 2000 113",
        email="Posko@Damkar.Purwakartakab.go.id", webhook_url="https://damkar.example/eido",
        category_ids=record.category_ids))
    fire = make_fire(db, clock, operator)
    [dispatch] = service.forward(operator, fire, [], [fleet.damkar_hills], list(DeliveryChannel))
    by_channel = {d.channel: d for d in dispatch.deliveries}
    assert by_channel[DeliveryChannel.EMAIL].target == "Posko@damkar.purwakartakab.go.id"
    assert by_channel[DeliveryChannel.WEBHOOK].target == "https://damkar.example/eido"
    assert by_channel[DeliveryChannel.WHATSAPP].target == "628122000113"
    content = service.delivery_content(by_channel[DeliveryChannel.WHATSAPP].id)
    assert content["link"].startswith("https://wa.me/628122000113?text=")
    webhook = service.delivery_content(by_channel[DeliveryChannel.WEBHOOK].id)
    assert webhook["eido"]["$id"].startswith("urn:emergency:uid:incidentid:112-")
    assert webhook["eido"]["emergencyResourceComponent"][0]["emergencyResourceName"] == "DAMKAR-03"

    delivered = service.mark_delivered(operator, by_channel[DeliveryChannel.PRINT].id, "printed")
    assert delivered.state is OutboxState.SENT and delivered.sent_at == clock()
    with pytest.raises(ConflictError):
        service.retry(operator, delivered.id)


def test_unit_admin_and_manual_status(db: Database, clock: ManualClock, admin: Actor, operator: Actor,
                                      service: DispatchService, agency_admin: AgencyAdminService,
                                      fleet: Fleet) -> None:
    with pytest.raises(ValidationError) as refused:
        agency_admin.save_unit(admin, None, UnitInput("DAMKAR-01", "", None, "99.99"))
    assert set(refused.value.problems) == {"call_sign", "unit_type", "agency_id", "home_desa_code"}
    service.set_unit_status(operator, fleet.patrol, UnitStatus.OUT_OF_SERVICE)
    row = {r.unit_id: r for r in service.unit_board()}[fleet.patrol]
    assert row.status is UnitStatus.OUT_OF_SERVICE
    fire = make_fire(db, clock, operator)
    with pytest.raises(UnitBusy):  # out of service counts as busy: warned first
        service.forward(operator, fire, [], [fleet.patrol], [])
    [dispatch] = service.forward(operator, fire, [], [fleet.rescue_town], [])
    with pytest.raises(ConflictError, match="open dispatch"):
        service.set_unit_status(operator, fleet.rescue_town, UnitStatus.OUT_OF_SERVICE)
    with pytest.raises(ConflictError, match="on an incident"):
        agency_admin.save_unit(admin, fleet.rescue_town, UnitInput("RESCUE-01", "rescue", fleet.damkar, None, False))
    renamed = agency_admin.save_unit(admin, fleet.patrol, UnitInput("PATROLI-1A", "patroli", fleet.polres, None))
    assert renamed.call_sign == "PATROLI-1A" and renamed.home is None
    assert dispatch.status is DispatchStatus.NOTIFIED


def test_finish_open_before_closing_frees_every_unit(db: Database, clock: ManualClock, operator: Actor,
                                                     service: DispatchService, fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    working, waiting = service.forward(operator, fire, [], [fleet.damkar_hills, fleet.damkar_town], [])
    service.update_status(operator, working.id, DispatchStatus.ON_SCENE)
    clock.advance(600)
    finished = service.finish_open(operator, fire, "api padam")
    assert {view.id: view.status for view in finished} == {working.id: DispatchStatus.CLEARED,
                                                           waiting.id: DispatchStatus.CANCELLED}
    assert all(row.status is UnitStatus.AVAILABLE for row in service.unit_board())
    assert _incident(db, fire).status is IncidentStatus.RESOLVED
    assert service.finish_open(operator, fire) == []
    IncidentService(db, clock).close(operator, fire, "Api padam")


def test_delete_only_what_has_no_history(db: Database, clock: ManualClock, operator: Actor, admin: Actor,
                                         service: DispatchService, agency_admin: AgencyAdminService,
                                      fleet: Fleet) -> None:
    fire = make_fire(db, clock, operator)
    service.forward(operator, fire, [], [fleet.damkar_hills], [])
    with pytest.raises(ConflictError, match="inactive instead"):
        agency_admin.delete_unit(admin, fleet.damkar_hills)
    with pytest.raises(ConflictError, match="inactive instead"):
        agency_admin.delete_agency(admin, fleet.damkar)
    with pytest.raises(PermissionDenied):
        agency_admin.delete_unit(operator, fleet.patrol)
    agency_admin.delete_unit(admin, fleet.patrol)
    assert fleet.patrol not in {row.unit_id for row in service.unit_board(include_inactive=True)}
    mistake = agency_admin.save_agency(admin, None, AgencyInput(code="salah_input", name="Salah input",
                                                                short_name="X", category_ids=[1]))
    agency_admin.delete_agency(admin, mistake.id)
    assert "salah_input" not in {a.code for a in agency_admin.agencies()}
    with db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"unit.delete", "agency.delete"} <= actions
