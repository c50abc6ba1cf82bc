"""What the map shows and where posts are: real databases on both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import IncidentStatus, Priority, UnitStatus
from callcenter.db.models import Agency, AuditEntry, Category, ChangeFeedEntry
from callcenter.errors import NotFound, PermissionDenied, ValidationError
from callcenter.geo.regions import load_geography
from callcenter.services.agency_admin import AgencyAdminService, UnitInput
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.map_data import MapService

CIBODAS_SUKATANI = "32.14.05.2010"


def _category(db: Database, code: str = "kebakaran") -> int:
    with db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == code))
    assert category_id is not None
    return category_id


def _incident(db: Database, clock: ManualClock, actor: Actor, **fields: object) -> int:
    values: dict[str, object] = {"priority": Priority.P2, "description": "Kebakaran rumah"} | fields
    draft = IncidentDraft(category_id=_category(db), **values)  # type: ignore[arg-type]
    return IncidentService(db, clock).create(actor, draft).id


def test_open_incidents_carry_what_a_marker_needs(db: Database, clock: ManualClock, operator: Actor) -> None:
    desa = load_geography().desa[CIBODAS_SUKATANI]
    exact = _incident(db, clock, operator, desa_code=desa.code, latitude=desa.anchor[0], longitude=desa.anchor[1])
    clock.advance(60)
    centroid = _incident(db, clock, operator, desa_code=desa.code, priority=Priority.P1)
    clock.advance(60)
    nowhere = _incident(db, clock, operator, address="Jl. Veteran")
    closed = _incident(db, clock, operator, desa_code=desa.code)
    IncidentService(db, clock).close(operator, closed, "selesai")
    ordered = MapService(db, clock).open_incidents()
    assert ordered[0].id == centroid  # P1 first
    points = {point.id: point for point in ordered}
    assert set(points) == {exact, centroid, nowhere}
    assert points[exact].exact and not points[centroid].exact
    assert (points[centroid].desa_code, points[centroid].desa, points[centroid].kecamatan) == \
        (desa.code, "Cibodas", "Sukatani")
    assert points[centroid].kecamatan_code == "32.14.05"  # the service fills it from the desa
    assert points[centroid].priority == "P1" and points[centroid].status is IncidentStatus.OPEN
    assert points[nowhere].desa_code is None and points[nowhere].address == "Jl. Veteran"
    assert MapService(db, clock).incident_point(closed) is not None  # a closed one still answers by id
    assert MapService(db, clock).incident_point(999_999) is None


def test_counts_per_desa_and_kecamatan_for_a_period_and_category(db: Database, clock: ManualClock,
                                                                 operator: Actor, supervisor: Actor) -> None:
    start = clock()
    for _ in range(3):
        _incident(db, clock, operator, desa_code=CIBODAS_SUKATANI)
    _incident(db, clock, operator, desa_code="32.14.01.1001")
    _incident(db, clock, operator, address="somewhere")
    clock.advance(3600)
    _incident(db, clock, operator, desa_code="32.14.01.1001")  # after the period
    service = MapService(db, clock)
    end = start + timedelta(minutes=30)
    assert service.incident_counts(supervisor, start, end) == {CIBODAS_SUKATANI: 3, "32.14.01.1001": 1, "": 1}
    assert service.incident_counts(supervisor, start, end, level="kecamatan") == \
        {"32.14.05": 3, "32.14.01": 1, "": 1}
    assert service.incident_counts(supervisor, start, end, category_id=_category(db, "kecelakaan_lalu_lintas")) \
        == {}
    assert len(service.incidents_between(supervisor, start, end)) == 5
    with pytest.raises(ValidationError):
        service.incident_counts(supervisor, start, end, level="provinsi")
    with pytest.raises(PermissionDenied):
        service.incident_counts(operator, start, end)
    with pytest.raises(PermissionDenied):
        service.incidents_between(operator, start, end)


def test_an_admin_sets_a_post_on_the_map_audited_and_on_the_feed(db: Database, clock: ManualClock, admin: Actor,
                                                                  operator: Actor) -> None:
    service = MapService(db, clock)
    with db.read() as session:
        damkar = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
    assert damkar is not None
    assert service.posts() == []
    with pytest.raises(PermissionDenied):
        service.set_agency_position(operator, damkar, -6.55, 107.44)
    service.set_agency_position(admin, damkar, -6.5521, 107.4431)
    [post] = service.posts()
    assert (post.agency_id, post.short_name, post.latitude, post.longitude) == (damkar, "Damkar", -6.5521, 107.4431)
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "agency.position")).one()
        assert entry.after == {"latitude": -6.5521, "longitude": 107.4431}
        assert entry.before == {"latitude": None, "longitude": None}
        assert entry.username == "admin"
        feed = session.scalars(select(ChangeFeedEntry).where(ChangeFeedEntry.entity == "agency")).all()
        assert [(f.entity_id, f.action) for f in feed] == [(str(damkar), "update")]
    service.set_agency_position(admin, damkar, None, None)
    assert service.posts() == []
    for latitude, longitude in ((-6.5, None), (95.0, 107.0), (-6.5, float("nan"))):
        with pytest.raises(ValidationError):
            service.set_agency_position(admin, damkar, latitude, longitude)
    with pytest.raises(NotFound):
        service.set_agency_position(admin, 99_999, -6.5, 107.4)
    service.set_agency_position(admin, damkar, -6.9, 107.6)  # a post outside the regency is allowed (Bandung)


def test_units_at_their_own_position_or_approximately_at_their_home_desa(db: Database, clock: ManualClock,
                                                                        admin: Actor) -> None:
    agencies = AgencyAdminService(db, clock)
    damkar = next(a.id for a in agencies.agencies() if a.code == "damkar")
    agencies.save_unit(admin, None, UnitInput("DAMKAR-01", "mobil damkar", damkar, CIBODAS_SUKATANI))
    placed = agencies.save_unit(admin, None, UnitInput("DAMKAR-02", "mobil damkar", damkar, None))
    agencies.save_unit(admin, None, UnitInput("DAMKAR-03", "mobil damkar", damkar, None))  # nowhere to show
    service = MapService(db, clock)
    service.set_unit_position(admin, placed.unit_id, -6.5401, 107.4502)
    units = {unit.call_sign: unit for unit in service.units()}
    assert set(units) == {"DAMKAR-01", "DAMKAR-02"}
    assert units["DAMKAR-01"].approximate
    assert (units["DAMKAR-01"].latitude, units["DAMKAR-01"].longitude) == \
        pytest.approx(load_geography().desa[CIBODAS_SUKATANI].centroid)
    assert not units["DAMKAR-02"].approximate and units["DAMKAR-02"].latitude == -6.5401
    assert units["DAMKAR-02"].status is UnitStatus.AVAILABLE and units["DAMKAR-02"].agency_short == "Damkar"
    with db.read() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == str(placed.unit_id),
                                                               AuditEntry.action == "unit.position"))
