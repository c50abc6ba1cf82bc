"""A small history with known counts around the malam shift of 1 March 2026 (23:00 - 07:00 WIB).

Calls sit on the edges (22:59:59, 23:00:00, 06:59:59, 07:00:00 WIB) so the night shift must count exactly the
calls inside it. Every figure the reports print is listed in ``EXPECTED``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from callcenter.clock import WIB, ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import AreaLevel, CallState, CallType, DispatchStatus, IncidentStatus, Role
from callcenter.db.models import (
    Agency,
    Area,
    AuditEntry,
    Call,
    Category,
    Dispatch,
    Incident,
    Line,
    ShiftSession,
)
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM, Actor

SHIFT_DATE = date(2026, 3, 1)
PRANKSTER = "+6281234567890"
GHOSTER = "+6285711112222"
HOSTILE_NOTE = ("Pelapor <b>Cisé</b> & \"kawan\" 🚑🔥 menelepon lagi; "
                + "A" * 5000 + " selesai. Ündangan → sudah.")
HOSTILE_ADDRESS = "Jl. <i>Cisé</i> & Gg. <Mawar> 🚒 =SUM(A1)"


def wib(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=WIB).astimezone(UTC)


@dataclass(frozen=True)
class Known:
    operator: Actor
    supervisor: Actor
    admin: Actor
    clock: ManualClock


EXPECTED: dict[str, Any] = {
    "incoming": 10, "answered": 8, "missed": 2, "called_back": 1,
    "types": {CallType.NORMAL: 1, CallType.INFORMASI: 1, CallType.PRANK: 2, CallType.GHOST: 2,
              CallType.SALAH_SAMBUNG: 1, CallType.TEST: 1},
    "prank_ghost": 4, "prank_ghost_share": 50.0,
    "within": {10: 4, 15: 6, 20: 7}, "median": 10.5, "p90": 25.0,
    "incidents": 2, "carried": 2,
    "damkar": {"ack": 120.0, "scene": 600.0, "total": 720.0}, "polres": {"ack": 60.0},
}


def _person(db: Database, clock: ManualClock, username: str, full_name: str, role: Role) -> Actor:
    return AuthService(db, clock).create_operator(SYSTEM, username, full_name, role, "rahasia-123").as_actor()


def build(db: Database) -> Known:
    clock = ManualClock(wib(2026, 3, 2, 9))  # printed the morning after
    operator = _person(db, clock, "asep", "Asep Saputra", Role.OPERATOR)
    supervisor = _person(db, clock, "hendra", "Hendra Permana", Role.SUPERVISOR)
    admin = _person(db, clock, "admin", "Admin Diskominfo", Role.ADMIN)
    with db.write() as session:
        now = clock()
        session.execute(insert(Line).values(id=1, source_key="test", code="1", name="Line 1", active=True,
                                            created_at=now))
        categories = dict(session.execute(select(Category.code, Category.id)).all())
        agencies = dict(session.execute(select(Agency.code, Agency.id)).all())
        kecamatan = [code for code, in session.execute(
            select(Area.code).where(Area.level == AreaLevel.KECAMATAN).order_by(Area.code).limit(2))]

        def incident(id_: int, at: datetime, category: str, kec: str, status: IncidentStatus,
                     closed: datetime | None = None, address: str = "Kp. Babakan RT 01/RW 02") -> None:
            session.execute(insert(Incident).values(
                id=id_, number=f"112/2026/{id_:06d}", year=2026, seq=id_, channel="telepon_112",
                category_id=categories[category], priority="P1", status=status, reporter_name="Budi",
                callback_number="081200000000", kecamatan_code=kec, address=address,
                description="Laporan", created_at=at, created_by_id=operator.id, assigned_to_id=operator.id,
                updated_at=at, closed_at=closed, version=1,
                first_dispatched_at=at + timedelta(seconds=30) if id_ == 1 else None))

        incident(1, wib(2026, 3, 2, 2, 0, 30), "kebakaran", kecamatan[0], IncidentStatus.CLOSED,
                 closed=wib(2026, 3, 2, 5))
        incident(2, wib(2026, 3, 2, 4, 30), "kesehatan", kecamatan[1], IncidentStatus.OPEN,
                 address=HOSTILE_ADDRESS)
        incident(3, wib(2026, 3, 1, 20), "pohon_tumbang", kecamatan[0], IncidentStatus.OPEN)  # carried in
        incident(4, wib(2026, 3, 2, 7), "kebakaran", kecamatan[0], IncidentStatus.OPEN)  # next shift

        calls = [  # (WIB time, answer delay s or None, type, number, incident, called back)
            (wib(2026, 3, 1, 22, 59, 59), 4, CallType.PRANK, PRANKSTER, None, False),   # siang: outside
            (wib(2026, 3, 1, 23, 0, 0), 5, CallType.PRANK, PRANKSTER, None, False),
            (wib(2026, 3, 2, 1), 12, CallType.GHOST, GHOSTER, None, False),
            (wib(2026, 3, 2, 2), 8, CallType.NORMAL, "+6281311112222", 1, False),
            (wib(2026, 3, 2, 3), None, None, "+6281900000001", None, True),
            (wib(2026, 3, 2, 4), None, None, "+6281900000002", None, False),
            (wib(2026, 3, 2, 5), 18, CallType.INFORMASI, "+622648200000", None, False),
            (wib(2026, 3, 2, 5, 30), 25, CallType.PRANK, PRANKSTER, None, False),
            (wib(2026, 3, 2, 6), 9, CallType.SALAH_SAMBUNG, "+6281900000003", None, False),
            (wib(2026, 3, 2, 6, 30), 3, CallType.TEST, None, None, False),
            (wib(2026, 3, 2, 6, 59, 59), 15, CallType.GHOST, GHOSTER, None, False),
            (wib(2026, 3, 2, 7, 0, 0), 2, CallType.PRANK, PRANKSTER, None, False),       # pagi: outside
        ]
        for index, (at, delay, call_type, number, incident_id, called_back) in enumerate(calls, start=1):
            answered = at + timedelta(seconds=delay) if delay is not None else None
            session.execute(insert(Call).values(
                id=index, event_key=f"known:{index}", line_id=1, received_at=at, answered_at=answered,
                ended_at=(answered or at) + timedelta(seconds=30), number_raw=number, e164=number,
                presentation="allowed" if number else "private",
                state=CallState.ENDED if answered else CallState.MISSED,
                claimed_by_id=operator.id if answered else None, call_type=call_type,
                classified_at=answered, incident_id=incident_id,
                callback_at=at + timedelta(minutes=5) if called_back else None,
                callback_by_id=operator.id if called_back else None))

        notified = wib(2026, 3, 2, 2, 1)
        session.execute(insert(Dispatch).values(
            id=1, incident_id=1, agency_id=agencies["damkar"], status=DispatchStatus.CLEARED, created_at=notified,
            updated_at=notified, acknowledged_at=notified + timedelta(seconds=120),
            on_scene_at=notified + timedelta(seconds=720), cleared_at=wib(2026, 3, 2, 4)))
        session.execute(insert(Dispatch).values(
            id=2, incident_id=1, agency_id=agencies["polres"], status=DispatchStatus.ACKNOWLEDGED,
            created_at=notified + timedelta(seconds=30), updated_at=notified,
            acknowledged_at=notified + timedelta(seconds=90)))

        for person, note in ((operator, HOSTILE_NOTE), (supervisor, "Semua aman.")):
            session.execute(insert(ShiftSession).values(
                operator_id=person.id, shift_code="malam", shift_date=SHIFT_DATE, started_at=wib(2026, 3, 1, 23),
                ended_at=wib(2026, 3, 2, 7), handover_note=note))
        for at, action in ((wib(2026, 3, 2, 5, 31), "caller.auto_block"), (wib(2026, 3, 2, 7), "caller.block")):
            session.execute(insert(AuditEntry).values(
                at=at, operator_id=None, username="system", action=action, entity="caller", entity_id=PRANKSTER,
                detail="3 prank/ghost calls within 24 h"))
    return Known(operator, supervisor, admin, clock)
