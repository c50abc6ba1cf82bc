from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select

from callcenter.db.database import Database
from callcenter.db.enums import CallType
from callcenter.db.models import Call, Caller, Dispatch, Incident
from callcenter.services.demo import seed_demo

ANCHOR = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_demo_history_looks_like_an_indonesian_112_centre(db: Database) -> None:
    counts = seed_demo(db, days=10, calls_per_day=200, seed=3, now=ANCHOR)
    assert 1800 < counts.calls < 2200
    with db.read() as session:
        types = Counter(dict(session.execute(
            select(Call.call_type, func.count()).where(Call.call_type.is_not(None)).group_by(Call.call_type)
        ).all()))
        answered = sum(types.values())
        prank_ghost = (types[CallType.PRANK] + types[CallType.GHOST]) / answered
        assert 0.65 < prank_ghost < 0.85
        assert session.scalar(select(func.count()).select_from(Incident)) == counts.incidents > 50
        assert session.scalar(select(func.count()).select_from(Dispatch)) == counts.dispatches > 0
        # Repeat offenders exist: some numbers called many times.
        assert (session.scalar(select(func.max(Caller.call_count))) or 0) >= 20
        numbers = list(session.scalars(select(Incident.number).order_by(Incident.id).limit(2)))
        assert numbers == ["112/2026/000001", "112/2026/000002"]


def test_same_seed_same_history(tmp_path, sqlite_template) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from callcenter.db.database import sqlite_url

    histories = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(sqlite_template, path)
        database = Database(sqlite_url(path))
        seed_demo(database, days=3, calls_per_day=100, seed=11, now=ANCHOR)
        with database.read() as session:
            histories.append(session.execute(
                select(Call.received_at, Call.number_raw, Call.call_type).order_by(Call.id)).all())
        database.dispose()
    assert histories[0] == histories[1] and len(histories[0]) > 200


def test_demo_accounts_are_created_once_and_existing_ones_are_kept(db: Database) -> None:
    from callcenter.clock import ManualClock
    from callcenter.db.enums import Role
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM
    from callcenter.services.demo import DEMO_PASSWORD, DemoLogins

    auth = AuthService(db, ManualClock(ANCHOR))
    auth.create_operator(SYSTEM, "admin", "Admin Sungguhan", Role.ADMIN, "rahasia-admin-1")
    counts = seed_demo(db, days=1, calls_per_day=30, seed=4, now=ANCHOR, logins=DemoLogins.DEMO)
    assert counts.accounts_kept == ("admin",) and "admin" not in counts.accounts_created
    assert len(counts.accounts_created) == 7 and counts.logins is DemoLogins.DEMO
    assert auth.authenticate("supervisor", DEMO_PASSWORD).role is Role.SUPERVISOR  # the --demo console's way
    assert auth.authenticate("admin", "rahasia-admin-1").full_name == "Admin Sungguhan"  # untouched
