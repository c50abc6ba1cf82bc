"""Reference data loaded by ``db upgrade``: areas, agencies, categories and what to ask for each, shifts, default
settings.

Loading only adds what is missing, by natural key, so an admin's edits survive every upgrade.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.db.enums import AreaLevel, CategoryKind, Priority
from callcenter.db.models import Agency, Area, Category, CategoryQuestion, Setting, ShiftDefinition
from resources import DATA

DEFAULT_SHIFTS = (
    ("pagi", "Pagi", time(7, 0), time(15, 0)),
    ("siang", "Siang", time(15, 0), time(23, 0)),
    ("malam", "Malam", time(23, 0), time(7, 0)),
)

DEFAULT_SETTINGS: dict[str, Any] = {
    # Repeat-prank rule: this many prank/ghost calls within the window flags the number for block_hours.
    "prank_rule": {"count": 3, "window_hours": 24, "block_hours": 24},
    "report_header": {
        "government": "Pemerintah Kabupaten Purwakarta",
        "office": "Dinas Komunikasi dan Informatika",
        "unit": "Call Center 112",
        "logo_path": None,
    },
    # Supervisor board timers (seconds): amber, then red. Incidents per priority until first forwarded; a
    # dispatch not yet acknowledged by its agency; a call still ringing; a missed call not yet called back.
    "sla": {
        "not_forwarded": {"P1": [60, 120], "P2": [180, 300], "P3": [600, 1200], "P4": [1800, 3600]},
        "not_acknowledged": [180, 300],
        "ringing": [10, 20],
        "missed_callback": [300, 900],
    },
    # A console nobody touched for this many minutes locks itself (0: never); its operator's password unlocks.
    "idle_lock_minutes": 10,
    # A phone's location (AML) attaches to the call from its number that rang this long before it arrived, or
    # rings this long after it.
    "aml_attach_window": {"before_minutes": 10, "after_minutes": 2},
}


@dataclass(frozen=True)
class LoadCounts:
    areas: int
    agencies: int
    categories: int
    shifts: int
    settings: int
    questions: int = 0


def _rows(name: str, data_dir: Path = DATA) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(session: Session, now: datetime) -> LoadCounts:
    return LoadCounts(
        areas=_load_areas(session),
        agencies=_load_agencies(session),
        categories=_load_categories(session),
        shifts=_load_shifts(session),
        settings=_load_settings(session, now),
        questions=_load_questions(session, now),
    )


def _load_areas(session: Session) -> int:
    existing = set(session.scalars(select(Area.code)))
    points = {row["kode"]: row for row in _rows("purwakarta_desa_points.csv")}
    added = 0
    # Parents come first in the file (kabupaten, then each kecamatan before its desa).
    for row in _rows("purwakarta_wilayah.csv"):
        code = row["kode"]
        if code in existing:
            continue
        level = AreaLevel(row["tingkat"])
        if level is AreaLevel.KABUPATEN:
            parent = None
        elif level is AreaLevel.KECAMATAN:
            parent = code.rsplit(".", 1)[0]
        else:
            parent = row["kode_kecamatan"]
        point = points.get(code)
        session.add(Area(
            code=code,
            name=row["nama"],
            level=level,
            parent_code=parent,
            kind=row["jenis"] or None,
            postcode=row["kodepos"] or None,
            latitude=float(point["lat"]) if point else None,
            longitude=float(point["lng"]) if point else None,
        ))
        session.flush()
        added += 1
    return added


def _load_agencies(session: Session) -> int:
    existing = set(session.scalars(select(Agency.code)))
    added = 0
    for row in _rows("agencies.csv"):
        if row["code"] in existing:
            continue
        session.add(Agency(code=row["code"], short_name=row["short_name"], name=row["name"], kind=row["kind"]))
        added += 1
    session.flush()
    return added


def _load_categories(session: Session) -> int:
    existing = set(session.scalars(select(Category.code)))
    agencies = {agency.code: agency for agency in session.scalars(select(Agency))}
    added = 0
    for order, row in enumerate(_rows("categories.csv")):
        if row["code"] in existing:
            continue
        defaults = [agencies[code] for code in row["default_agencies"].split(";") if code in agencies]
        session.add(Category(
            code=row["code"],
            name_id=row["name_id"],
            name_en=row["name_en"],
            kind=CategoryKind(row["kind"]),
            default_priority=Priority(row["default_priority"]),
            sort_order=order,
            default_agencies=defaults,
        ))
        added += 1
    session.flush()
    return added


def _load_questions(session: Session, now: datetime) -> int:
    """The shipped questions, by code: one an admin reworded or removed (kept inactive) is left as it is."""
    existing = set(session.scalars(select(CategoryQuestion.code).where(CategoryQuestion.code.is_not(None))))
    categories: dict[str, int] = {code: id_ for code, id_ in session.execute(select(Category.code, Category.id))}
    added = 0
    for order, row in enumerate(_rows("category_questions.csv")):
        category_id = categories.get(row["category"])
        if row["code"] in existing or category_id is None:
            continue
        session.add(CategoryQuestion(category_id=category_id, code=row["code"], prompt_id=row["prompt_id"],
                                     prompt_en=row["prompt_en"] or None, sort_order=order, active=True,
                                     updated_at=now))
        added += 1
    session.flush()
    return added


def _load_shifts(session: Session) -> int:
    existing = set(session.scalars(select(ShiftDefinition.code)))
    added = 0
    for order, (code, name, start, end) in enumerate(DEFAULT_SHIFTS):
        if code not in existing:
            session.add(ShiftDefinition(code=code, name=name, start_time=start, end_time=end, sort_order=order))
            added += 1
    session.flush()
    return added


def _load_settings(session: Session, now: datetime) -> int:
    existing = set(session.scalars(select(Setting.key)))
    added = 0
    for key, value in DEFAULT_SETTINGS.items():
        if key not in existing:
            session.add(Setting(key=key, value=value, updated_at=now))
            added += 1
    session.flush()
    return added
