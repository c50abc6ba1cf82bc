"""Reference lists the forms offer: active categories, kecamatan and their desa/kelurahan."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from callcenter.db.enums import AreaLevel, Priority
from callcenter.db.models import Area, Category
from callcenter.services.base import Service


@dataclass(frozen=True, slots=True)
class CategoryChoice:
    id: int
    code: str
    name_id: str
    name_en: str
    default_priority: Priority


@dataclass(frozen=True, slots=True)
class AreaChoice:
    code: str
    name: str
    parent_code: str | None
    kind: str | None


class LookupService(Service):
    def categories(self) -> list[CategoryChoice]:
        with self.db.read() as session:
            rows = session.execute(
                select(Category.id, Category.code, Category.name_id, Category.name_en, Category.default_priority)
                .where(Category.active.is_(True)).order_by(Category.sort_order, Category.name_id)
            ).all()
        return [CategoryChoice(*row) for row in rows]

    def areas(self) -> tuple[list[AreaChoice], list[AreaChoice]]:
        """Every kecamatan and every desa/kelurahan of the kabupaten (a few hundred rows: one query each)."""
        with self.db.read() as session:
            def level(which: AreaLevel) -> list[AreaChoice]:
                return [AreaChoice(*row) for row in session.execute(
                    select(Area.code, Area.name, Area.parent_code, Area.kind)
                    .where(Area.level == which).order_by(Area.name))]

            return level(AreaLevel.KECAMATAN), level(AreaLevel.DESA_KELURAHAN)
