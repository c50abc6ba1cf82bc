"""Shared set-up for the dispatch tests: a small fleet created through the admin service, and a fire."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import Agency, Category
from callcenter.services.agency_admin import AgencyAdminService, UnitInput
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentDraft, IncidentService

NAGRI_KIDUL = "32.14.01.1001"   # Kec. Purwakarta, the town
WANAYASA = "32.14.09.2001"      # Kec. Wanayasa, in the hills to the south-east
SUKADAMI = "32.14.09.2002"      # next door to Wanayasa


@dataclass
class Fleet:
    damkar: int
    polres: int
    damkar_town: int
    damkar_hills: int
    rescue_town: int
    patrol: int


def agency_id(db: Database, code: str) -> int:
    with db.read() as session:
        found = session.scalar(select(Agency.id).where(Agency.code == code))
    assert found is not None
    return found


def category_id(db: Database, code: str) -> int:
    with db.read() as session:
        found = session.scalar(select(Category.id).where(Category.code == code))
    assert found is not None
    return found


def make_fleet(db: Database, clock: ManualClock, admin: Actor) -> Fleet:
    service = AgencyAdminService(db, clock)
    damkar, polres = agency_id(db, "damkar"), agency_id(db, "polres")
    town = service.save_unit(admin, None, UnitInput("DAMKAR-01", "mobil damkar", damkar, NAGRI_KIDUL))
    hills = service.save_unit(admin, None, UnitInput("damkar-03", "Mobil  Damkar", damkar, WANAYASA))
    rescue = service.save_unit(admin, None, UnitInput("RESCUE-01", "rescue", damkar, NAGRI_KIDUL))
    patrol = service.save_unit(admin, None, UnitInput("PATROLI-01", "patroli", polres, NAGRI_KIDUL))
    return Fleet(damkar, polres, town.unit_id, hills.unit_id, rescue.unit_id, patrol.unit_id)


def make_fire(db: Database, clock: ManualClock, actor: Actor, desa: str = SUKADAMI,
              description: str = "Rumah warga terbakar, api membesar",
              address: str = "Kp. Cibening RT 02/RW 03") -> int:
    view = IncidentService(db, clock).create(actor, IncidentDraft(
        category_id=category_id(db, "kebakaran"), desa_code=desa, address=address, landmark="dekat masjid",
        reporter_name="Ujang", callback_number="0812-2345-6789", description=description))
    return view.id
