"""What the map shows: incidents (live and for a period), incidents counted per desa or kecamatan, agency posts and
units with their positions; and the admin's setting of a post's or a unit's position (audited, on the change feed).

Queries are single Core statements bounded by ``MAX_POINTS``; the console runs them on its worker thread and hands
the rows to ``ui.map``. A marker's place: the incident's own coordinates when known, else its desa's centroid
(``ui.map`` draws the two differently), else nowhere (an incident with only a kecamatan or an address is listed but
not plotted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from callcenter.db.enums import IncidentStatus, Role, UnitStatus
from callcenter.db.models import Agency, Area, Category, Incident, Unit
from callcenter.errors import NotFound, ValidationError
from callcenter.services.base import Actor, Service, audit, record_change
from callcenter.services.incidents import OPEN_STATUSES

MAX_POINTS = 5000
"""Far beyond a real day's incidents; keeps a runaway period cheap (the choropleth counts have no such limit)."""
LEVELS = ("desa", "kecamatan")


@dataclass(frozen=True, slots=True)
class IncidentPoint:
    id: int
    number: str
    priority: str
    status: IncidentStatus
    category: str
    """Indonesian category name."""
    category_en: str
    kecamatan_code: str | None
    desa_code: str | None
    latitude: float | None
    longitude: float | None
    desa: str | None
    kecamatan: str | None
    address: str | None
    created_at: datetime

    @property
    def exact(self) -> bool:
        """The incident has its own coordinates (else the map places it at its desa's centroid)."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class PostPoint:
    agency_id: int
    code: str
    short_name: str
    name: str
    kind: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class UnitPoint:
    unit_id: int
    call_sign: str
    unit_type: str
    agency_id: int
    agency_short: str
    status: UnitStatus
    incident_number: str | None
    latitude: float
    longitude: float
    approximate: bool
    """At its home desa's centroid: the unit has no position of its own."""


def check_position(latitude: float | None, longitude: float | None) -> dict[str, str]:
    """Problems with a position (both or neither, finite, on Earth); any point on Earth is allowed (a post of a
    neighbouring regency's agency, e.g. Basarnas Bandung, lies outside Purwakarta)."""
    if (latitude is None) != (longitude is None):
        return {"latitude": "give both latitude and longitude, or neither"}
    if latitude is None or longitude is None:
        return {}
    problems = {}
    if not math.isfinite(latitude) or not -90 <= latitude <= 90:
        problems["latitude"] = "between -90 and 90"
    if not math.isfinite(longitude) or not -180 <= longitude <= 180:
        problems["longitude"] = "between -180 and 180"
    return problems


class MapService(Service):
    # -- incidents --------------------------------------------------------------------------------------------

    def open_incidents(self) -> list[IncidentPoint]:
        """Every open incident (open, dispatched, in progress, resolved), most urgent first: the live map."""
        with self.db.read() as session:
            return self._points(session, Incident.status.in_(OPEN_STATUSES))

    def incident_point(self, incident_id: int) -> IncidentPoint | None:
        """One incident's marker, for a change-feed entry; None when it no longer exists."""
        with self.db.read() as session:
            points = self._points(session, Incident.id == incident_id)
        return points[0] if points else None

    def incidents_between(self, actor: Actor, start: datetime, end: datetime, *,
                          category_id: int | None = None) -> list[IncidentPoint]:
        """Incidents created in [start, end) in any status (a shift's incidents on the supervisor's map)."""
        self.require(actor, Role.SUPERVISOR, "see the incidents of a period on the map")
        where = [Incident.created_at >= start, Incident.created_at < end]
        if category_id is not None:
            where.append(Incident.category_id == category_id)
        with self.db.read() as session:
            return self._points(session, *where)

    def incident_counts(self, actor: Actor, start: datetime, end: datetime, *, level: str = "desa",
                        category_id: int | None = None) -> dict[str, int]:
        """Incidents created in [start, end) per desa or kecamatan code (areas without incidents are absent;
        incidents without that area are counted under ""), for the choropleth."""
        if level not in LEVELS:
            raise ValidationError({"level": f"one of {', '.join(LEVELS)}"})
        self.require(actor, Role.SUPERVISOR, "count incidents per area")
        column = Incident.desa_code if level == "desa" else Incident.kecamatan_code
        query = (select(column, func.count()).where(Incident.created_at >= start, Incident.created_at < end)
                 .group_by(column))
        if category_id is not None:
            query = query.where(Incident.category_id == category_id)
        with self.db.read() as session:
            return {code or "": int(count) for code, count in session.execute(query)}

    @staticmethod
    def _points(session: Session, *where: ColumnElement[bool]) -> list[IncidentPoint]:
        desa = aliased(Area)
        kecamatan = aliased(Area)
        query = (select(Incident.id, Incident.number, Incident.priority, Incident.status, Category.name_id,
                        Category.name_en, Incident.kecamatan_code, Incident.desa_code, Incident.latitude,
                        Incident.longitude, desa.name, kecamatan.name, Incident.address, Incident.created_at)
                 .join(Category, Category.id == Incident.category_id)
                 .outerjoin(desa, desa.code == Incident.desa_code)
                 .outerjoin(kecamatan, kecamatan.code == Incident.kecamatan_code)
                 .where(*where).order_by(Incident.priority, Incident.created_at, Incident.id).limit(MAX_POINTS))
        return [IncidentPoint(number_id, number, str(priority), IncidentStatus(status), category, category_en,
                              kecamatan_code, desa_code, latitude, longitude, desa_name, kecamatan_name, address,
                              created_at)
                for (number_id, number, priority, status, category, category_en, kecamatan_code, desa_code, latitude,
                     longitude, desa_name, kecamatan_name, address, created_at) in session.execute(query)]

    # -- posts and units --------------------------------------------------------------------------------------

    def posts(self) -> list[PostPoint]:
        """Active agencies whose post has a position."""
        with self.db.read() as session:
            rows = session.execute(
                select(Agency.id, Agency.code, Agency.short_name, Agency.name, Agency.kind, Agency.latitude,
                       Agency.longitude)
                .where(Agency.active.is_(True), Agency.latitude.is_not(None), Agency.longitude.is_not(None))
                .order_by(Agency.id)).all()
        return [PostPoint(agency_id, code, short, name, kind, float(lat or 0), float(lon or 0))
                for agency_id, code, short, name, kind, lat, lon in rows]

    def units(self) -> list[UnitPoint]:
        """Active units with a position of their own or, approximately, their home desa's centroid."""
        with self.db.read() as session:
            rows = session.execute(
                select(Unit.id, Unit.call_sign, Unit.unit_type, Unit.agency_id, Agency.short_name, Unit.status,
                       Incident.number, Unit.home_latitude, Unit.home_longitude, Area.latitude, Area.longitude)
                .join(Agency, Agency.id == Unit.agency_id)
                .outerjoin(Incident, Incident.id == Unit.current_incident_id)
                .outerjoin(Area, Area.code == Unit.home_desa_code)
                .where(Unit.active.is_(True)).order_by(Unit.agency_id, Unit.call_sign)).all()
        points = []
        for unit_id, call_sign, unit_type, agency_id, short, status, number, lat, lon, area_lat, area_lon in rows:
            own = lat is not None and lon is not None
            where = (lat, lon) if own else (area_lat, area_lon)
            if where[0] is None or where[1] is None:
                continue
            points.append(UnitPoint(unit_id, call_sign, unit_type, agency_id, short, UnitStatus(status),
                                    number if status is not UnitStatus.AVAILABLE else None,
                                    float(where[0]), float(where[1]), not own))
        return points

    def set_agency_position(self, actor: Actor, agency_id: int, latitude: float | None,
                            longitude: float | None) -> None:
        """Set (or, with None, None, clear) where an agency's post is. Admins only."""
        self._set_position(actor, Agency, "agency", agency_id, ("latitude", "longitude"), latitude, longitude)

    def set_unit_position(self, actor: Actor, unit_id: int, latitude: float | None, longitude: float | None) -> None:
        """Set (or clear) a unit's home position; without one the map and the nearest-unit ranking use its home
        desa's centroid. Admins only."""
        self._set_position(actor, Unit, "unit", unit_id, ("home_latitude", "home_longitude"), latitude, longitude)

    def _set_position(self, actor: Actor, model: type[Agency] | type[Unit], entity: str, entity_id: int,
                      columns: tuple[str, str], latitude: float | None, longitude: float | None) -> None:
        problems = check_position(latitude, longitude)
        if problems:
            raise ValidationError(problems)
        now = self.clock()
        self.require(actor, Role.ADMIN, f"set the position of an {entity}" if entity == "agency"
                     else f"set the position of a {entity}")
        with self.db.write() as session:
            row = session.get(model, entity_id)
            if row is None:
                raise NotFound(entity, entity_id)
            before = {"latitude": getattr(row, columns[0]), "longitude": getattr(row, columns[1])}
            after = {"latitude": latitude, "longitude": longitude}
            if before == after:
                return
            setattr(row, columns[0], latitude)
            setattr(row, columns[1], longitude)
            audit(session, actor, f"{entity}.position", entity, entity_id, now, before=before, after=after)
            record_change(session, entity, entity_id, "update", now)
