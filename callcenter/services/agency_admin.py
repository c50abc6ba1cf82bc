"""The admin's agencies and units: the agencies forwards go to (addresses, the categories each is the default
for) and their units (call sign, type, home base), created, corrected, deactivated or removed (role admin).
Only what was entered by mistake can be removed; anything with units or dispatch history is made inactive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from callcenter.db.enums import AreaLevel, Role, UnitStatus
from callcenter.db.models import Agency, Area, Category, Dispatch, Unit, category_agencies
from callcenter.errors import ConflictError, NotFound, ValidationError
from callcenter.services.base import Actor, Service, audit, record_change
from callcenter.services.dispatch import unit_board_rows
from callcenter.services.dispatch_types import UnitBoardRow, check_email, check_phone, check_url, check_whatsapp

_CALL_SIGN = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]{0,39}$")
_CODE = re.compile(r"^[a-z0-9_]{2,40}$")


@dataclass(frozen=True, slots=True)
class AgencyRecord:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    phone: str | None
    whatsapp: str | None
    email: str | None
    webhook_url: str | None
    active: bool
    category_ids: list[int]


@dataclass
class AgencyInput:
    code: str = ""
    name: str = ""
    short_name: str = ""
    kind: str = "lainnya"
    phone: str | None = None
    whatsapp: str | None = None
    email: str | None = None
    webhook_url: str | None = None
    active: bool = True
    category_ids: list[int] = field(default_factory=list)


@dataclass
class UnitInput:
    call_sign: str = ""
    unit_type: str = ""
    agency_id: int | None = None
    home_desa_code: str | None = None
    active: bool = True


class AgencyAdminService(Service):
    def agencies(self, *, include_inactive: bool = True) -> list[AgencyRecord]:
        with self.db.read() as session:
            query = select(Agency).order_by(Agency.id)
            if not include_inactive:
                query = query.where(Agency.active.is_(True))
            links: dict[int, list[int]] = {}
            for category_id, agency_id in session.execute(select(category_agencies.c.category_id,
                                                                 category_agencies.c.agency_id)):
                links.setdefault(agency_id, []).append(category_id)
            return [_agency_record(a, sorted(links.get(a.id, []))) for a in session.scalars(query)]

    def categories(self) -> list[tuple[int, str, str]]:
        """(id, code, Indonesian name) of the active categories, for the agency form."""
        with self.db.read() as session:
            return [(c.id, c.code, c.name_id) for c in session.scalars(
                select(Category).where(Category.active.is_(True)).order_by(Category.sort_order))]

    def save_agency(self, actor: Actor, agency_id: int | None, data: AgencyInput) -> AgencyRecord:
        """Create (``agency_id`` None) or update an agency; every problem is reported at once, per field."""
        values, problems = _agency_values(data)
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage agencies")
        with self.db.write() as session:
            known_categories = set(session.scalars(select(Category.id)))
            if set(data.category_ids) - known_categories:
                problems["category_ids"] = "unknown category"
            clash = session.scalar(select(Agency.id).where(Agency.code == values["code"]))
            if clash is not None and clash != agency_id:
                problems["code"] = f"the code {values['code']!r} is already used by another agency"
            if problems:
                raise ValidationError(problems)
            if agency_id is None:
                agency = Agency(**values)
                session.add(agency)
                session.flush()
                before = None
                action = "create"
            else:
                found = session.get(Agency, agency_id)
                if found is None:
                    raise NotFound("agency", agency_id)
                agency = found
                before = {name: getattr(agency, name) for name in values}
                for name, value in values.items():
                    setattr(agency, name, value)
                action = "update"
            session.execute(category_agencies.delete().where(category_agencies.c.agency_id == agency.id))
            for category_id in dict.fromkeys(data.category_ids):
                session.execute(category_agencies.insert().values(category_id=category_id, agency_id=agency.id))
            audit(session, actor, f"agency.{action}", "agency", agency.id, now, before=before,
                  after=values | {"category_ids": list(data.category_ids)})
            record_change(session, "agency", agency.id, action, now)
            session.flush()
            return _agency_record(agency, sorted(set(data.category_ids)))

    def units(self, *, include_inactive: bool = True) -> list[UnitBoardRow]:
        with self.db.read() as session:
            return unit_board_rows(session, include_inactive=include_inactive)

    def home_areas(self) -> list[tuple[str, str]]:
        """(code, "Desa, Kec. Kecamatan") for every desa/kelurahan, for the unit form's home base."""
        with self.db.read() as session:
            kecamatan = dict(session.execute(select(Area.code, Area.name)
                                             .where(Area.level == AreaLevel.KECAMATAN)).all())
            rows = session.execute(select(Area.code, Area.name, Area.parent_code)
                                   .where(Area.parent_code.in_(list(kecamatan))).order_by(Area.name)).all()
        return [(code, f"{name}, Kec. {kecamatan.get(parent or '', '')}") for code, name, parent in rows]

    def unit_home(self, unit_id: int) -> str | None:
        with self.db.read() as session:
            unit = session.get(Unit, unit_id)
            if unit is None:
                raise NotFound("unit", unit_id)
            return unit.home_desa_code

    def save_unit(self, actor: Actor, unit_id: int | None, data: UnitInput) -> UnitBoardRow:
        call_sign = " ".join(data.call_sign.split()).upper()
        unit_type = " ".join(data.unit_type.split()).lower()
        problems: dict[str, str] = {}
        if not _CALL_SIGN.match(call_sign):
            problems["call_sign"] = "a call sign of letters, digits, '-', '/' or '.' (at most 40), e.g. DAMKAR-04"
        if not unit_type or len(unit_type) > 40:
            problems["unit_type"] = "choose the unit type (ambulans, mobil damkar, rescue, patroli, ...)"
        if data.agency_id is None:
            problems["agency_id"] = "choose the agency the unit belongs to"
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage units")
        with self.db.write() as session:
            if data.agency_id is not None and session.get(Agency, data.agency_id) is None:
                problems["agency_id"] = "unknown agency"
            if data.home_desa_code:
                area = session.get(Area, data.home_desa_code)
                if area is None or area.parent_code is None:
                    problems["home_desa_code"] = "unknown desa/kelurahan or kecamatan"
            clash = session.scalar(select(Unit.id).where(Unit.call_sign == call_sign))
            if clash is not None and clash != unit_id:
                problems["call_sign"] = f"the call sign {call_sign} is already used"
            if problems:
                raise ValidationError(problems)
            values = {"call_sign": call_sign, "unit_type": unit_type, "agency_id": data.agency_id,
                      "home_desa_code": data.home_desa_code or None, "active": data.active}
            if unit_id is None:
                unit = Unit(**values, status=UnitStatus.AVAILABLE, status_since=now)
                session.add(unit)
                session.flush()
                before = None
                action = "create"
            else:
                found = session.get(Unit, unit_id)
                if found is None:
                    raise NotFound("unit", unit_id)
                unit = found
                if not data.active and unit.status not in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE):
                    raise ConflictError(f"{unit.call_sign} is on an incident; clear or cancel its dispatch first",
                                        entity="unit", entity_id=unit_id, code="unit.on_incident",
                                        unit=unit.call_sign)
                before = {name: getattr(unit, name) for name in values}
                for name, value in values.items():
                    setattr(unit, name, value)
                action = "update"
            audit(session, actor, f"unit.{action}", "unit", unit.id, now, before=before, after=values)
            record_change(session, "unit", unit.id, action, now)
            session.flush()
            unit_row_id = unit.id
        return next(row for row in self.units(include_inactive=True) if row.unit_id == unit_row_id)

    def delete_unit(self, actor: Actor, unit_id: int) -> None:
        """Remove a unit entered by mistake; a unit with dispatch history is deactivated instead."""
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage units")
        with self.db.write() as session:
            unit = session.get(Unit, unit_id)
            if unit is None:
                raise NotFound("unit", unit_id)
            if session.scalar(select(Dispatch.id).where(Dispatch.unit_id == unit_id).limit(1)) is not None:
                raise ConflictError(f"{unit.call_sign} has dispatch history; make it inactive instead",
                                    entity="unit", entity_id=unit_id, code="entry.has_history", name=unit.call_sign)
            before = {"call_sign": unit.call_sign, "unit_type": unit.unit_type, "agency_id": unit.agency_id}
            session.delete(unit)
            audit(session, actor, "unit.delete", "unit", unit_id, now, before=before)
            record_change(session, "unit", unit_id, "delete", now)

    def delete_agency(self, actor: Actor, agency_id: int) -> None:
        """Remove an agency entered by mistake; one with units or dispatches is deactivated instead."""
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage agencies")
        with self.db.write() as session:
            agency = session.get(Agency, agency_id)
            if agency is None:
                raise NotFound("agency", agency_id)
            used = session.scalar(select(Dispatch.id).where(Dispatch.agency_id == agency_id).limit(1)) is not None \
                or session.scalar(select(Unit.id).where(Unit.agency_id == agency_id).limit(1)) is not None
            if used:
                raise ConflictError(f"{agency.short_name} has units or dispatch history; make it inactive instead",
                                    entity="agency", entity_id=agency_id, code="entry.has_history",
                                    name=agency.short_name)
            before = {"code": agency.code, "name": agency.name}
            session.execute(category_agencies.delete().where(category_agencies.c.agency_id == agency_id))
            session.delete(agency)
            audit(session, actor, "agency.delete", "agency", agency_id, now, before=before)
            record_change(session, "agency", agency_id, "delete", now)


def _agency_record(agency: Agency, category_ids: list[int]) -> AgencyRecord:
    return AgencyRecord(agency.id, agency.code, agency.name, agency.short_name, agency.kind, agency.phone,
                        agency.whatsapp, agency.email, agency.webhook_url, agency.active, category_ids)


def _agency_values(data: AgencyInput) -> tuple[dict[str, Any], dict[str, str]]:
    problems: dict[str, str] = {}
    values: dict[str, Any] = {
        "code": data.code.strip().lower(),
        "name": " ".join(data.name.split()),
        "short_name": " ".join(data.short_name.split()),
        "kind": data.kind.strip() or "lainnya",
        "active": bool(data.active),
    }
    if not _CODE.match(values["code"]):
        problems["code"] = "2-40 lower-case letters, digits or '_' (e.g. damkar)"
    if not values["name"] or len(values["name"]) > 200:
        problems["name"] = "the agency's full name (at most 200 characters)"
    if not values["short_name"] or len(values["short_name"]) > 40:
        problems["short_name"] = "a short name for lists (at most 40 characters)"
    if len(values["kind"]) > 40:
        problems["kind"] = "at most 40 characters"
    for name, check in (("phone", check_phone), ("whatsapp", check_whatsapp), ("email", check_email),
                        ("webhook_url", check_url)):
        try:
            values[name] = check(getattr(data, name))
        except ValueError as exc:
            problems[name] = str(exc)
    return values, problems
