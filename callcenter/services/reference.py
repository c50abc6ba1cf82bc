"""What the console loads once per login: the form's reference lists and the telephone lines.

The lists come from ``LookupService``; they change rarely, so the forms complete as the operator types without
asking the database again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from callcenter.db.models import Line
from callcenter.services.base import Service
from callcenter.services.lookups import AreaChoice, CategoryChoice, LookupService
from callcenter.services.questions import QuestionChoice, QuestionService


@dataclass(frozen=True, slots=True)
class LineOption:
    id: int
    source_key: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ReferenceData:
    categories: list[CategoryChoice]
    kecamatan: list[AreaChoice]
    desa: list[AreaChoice]
    questions: dict[int, list[QuestionChoice]] = field(default_factory=dict)
    """Each category's questions (by category id); reloaded when an admin changes them."""


class ReferenceService(Service):
    def load(self) -> ReferenceData:
        lookups = LookupService(self.db, self.clock)
        kecamatan, desa = lookups.areas()
        return ReferenceData(lookups.categories(), kecamatan, desa, QuestionService(self.db, self.clock).all_active())

    def lines(self) -> list[LineOption]:
        with self.db.read() as session:
            return [LineOption(line.id, line.source_key, line.code, line.name)
                    for line in session.scalars(select(Line).order_by(Line.id))]
