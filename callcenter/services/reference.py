"""Read-only reference lists the console's forms need: categories, kecamatan and desa/kelurahan, lines, sources.

Loaded once per console (they change rarely) on the database worker, so the forms can complete as the
operator types without touching the database again.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from sqlalchemy import select

from callcenter.db.enums import AreaLevel, Priority
from callcenter.db.models import Area, Category, CidSource, Line
from callcenter.services.base import Service


@dataclass(frozen=True, slots=True)
class CategoryOption:
    id: int
    code: str
    name_id: str
    name_en: str
    default_priority: Priority


@dataclass(frozen=True, slots=True)
class AreaOption:
    code: str
    name: str
    parent_code: str | None
    kind: str | None
    """desa or kelurahan for the lowest level; None for a kecamatan."""


@dataclass(frozen=True, slots=True)
class LineOption:
    id: int
    source_key: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class SourceOption:
    id: int
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class ReferenceData:
    categories: list[CategoryOption]
    kecamatan: list[AreaOption]
    desa: list[AreaOption]


def this_host() -> str:
    return socket.gethostname()


class ReferenceService(Service):
    def load(self) -> ReferenceData:
        with self.db.read() as session:
            categories = [
                CategoryOption(c.id, c.code, c.name_id, c.name_en, c.default_priority)
                for c in session.scalars(select(Category).where(Category.active)
                                         .order_by(Category.sort_order, Category.name_id))
            ]
            areas = session.scalars(select(Area).where(Area.level.in_([AreaLevel.KECAMATAN,
                                                                       AreaLevel.DESA_KELURAHAN]))
                                    .order_by(Area.name)).all()
            kecamatan = [AreaOption(a.code, a.name, a.parent_code, None) for a in areas
                         if a.level is AreaLevel.KECAMATAN]
            desa = [AreaOption(a.code, a.name, a.parent_code, a.kind) for a in areas
                    if a.level is AreaLevel.DESA_KELURAHAN]
        return ReferenceData(categories, kecamatan, desa)

    def lines(self) -> list[LineOption]:
        with self.db.read() as session:
            return [LineOption(line.id, line.source_key, line.code, line.name)
                    for line in session.scalars(select(Line).order_by(Line.id))]

    def sources_for_host(self, host: str | None = None) -> list[SourceOption]:
        """Enabled caller-ID sources this desk opens: rows for no particular host, or for this PC's name."""
        name = host if host is not None else this_host()
        with self.db.read() as session:
            rows = session.scalars(select(CidSource).where(CidSource.enabled).order_by(CidSource.id)).all()
            # Host names are case-insensitive (Windows reports them in capitals).
            return [SourceOption(row.id, row.name, row.url) for row in rows
                    if (row.host or "").strip().lower() in ("", name.lower())]
