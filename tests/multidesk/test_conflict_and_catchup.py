"""Two desks editing one incident, and a desk that was cut off catching up from the change feed."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Priority, Role
from callcenter.db.models import Category
from callcenter.errors import ConflictError
from callcenter.services.feed import Change, FeedFollower
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.notify import NotifyListener
from tests.callcenter.services.conftest import make_actor
from tests.multidesk.conftest import run_desk
from tests.pg import PostgresCluster


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_an_edit_from_another_desk_is_never_silently_overwritten(pg_db: Database, clock: ManualClock) -> None:
    desk_a = make_actor(pg_db, clock, "asep", Role.OPERATOR)
    desk_b = make_actor(pg_db, clock, "dewi", Role.OPERATOR)
    incidents = IncidentService(pg_db, clock)
    with pg_db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    opened = incidents.create(desk_a, IncidentDraft(category_id=category_id, priority=Priority.P1,
                                                    description="Kebakaran gudang", address="Jl. Sudirman"))

    # Desk B (its own process) saves first, from the same version desk A has on screen.
    saved = run_desk("update", pg_db.url, desk_b.id, desk_b.username, opened.id, opened.version,
                     "Api sudah padam — dari meja B")
    assert saved["version"] == opened.version + 1
    with pytest.raises(ConflictError) as conflict:
        incidents.update(desk_a, opened.id, opened.version, {"description": "Masih menyala — dari meja A"})
    assert opened.number in str(conflict.value)
    assert incidents.get(opened.id).description == "Api sudah padam — dari meja B"  # B's work survives

    # Desk A reloads and saves on top of B's version; now B is the one holding a stale copy.
    fresh = incidents.get(opened.id)
    incidents.update(desk_a, opened.id, fresh.version, {"description": fresh.description + "; dicek meja A"})
    stale = run_desk("update", pg_db.url, desk_b.id, desk_b.username, opened.id, opened.version + 1, "lama")
    assert "conflict" in stale
    assert incidents.get(opened.id).description.endswith("dicek meja A")


def _changes(db: Database) -> tuple[FeedFollower, list[Change], Callable[[], None]]:
    follower = FeedFollower(db)
    seen: list[Change] = []
    return follower, seen, lambda: seen.extend(follower.poll())


def test_a_desk_whose_listener_was_down_catches_up(pg_db: Database) -> None:
    _, seen, wake = _changes(pg_db)
    listener = NotifyListener(pg_db.url, wake)
    listener.start()
    assert listener.connected.wait(10)
    listener.stop()  # the desk drops off (network cable, sleeping laptop)

    rung = [run_desk("ring", pg_db.url, f"08123450000{n}")["call_id"] for n in range(3)]
    time.sleep(0.3)
    assert [c for c in seen if c.entity == "call"] == []  # nothing heard while away

    back = NotifyListener(pg_db.url, wake)  # reconnecting catches up from the feed, not from NOTIFYs
    back.start()
    try:
        assert _wait(lambda: {int(c.entity_id) for c in seen if c.entity == "call"} == set(rung))
    finally:
        back.stop()
    assert [c.action for c in seen if c.entity == "call"] == ["ring"] * 3 or all(
        c.entity == "call" for c in seen if c.entity_id in map(str, rung))


def test_a_desk_catches_up_after_the_database_server_restarts(pg_cluster: PostgresCluster, pg_db: Database) -> None:
    _, seen, wake = _changes(pg_db)
    listener = NotifyListener(pg_db.url, wake)
    listener.start()
    try:
        assert listener.connected.wait(10)
        pg_cluster.stop_server()
        assert _wait(lambda: not listener.connected.is_set(), 10), "the listener noticed the server going away"
        pg_cluster.start_server()
        # Another desk writes as soon as the server is back, possibly before this desk's listener reconnects.
        rung = [run_desk("ring", pg_db.url, f"08123460000{n}")["call_id"] for n in range(2)]
        assert _wait(lambda: {int(c.entity_id) for c in seen if c.entity == "call"} >= set(rung), 15)
        assert listener.connected.is_set()
    finally:
        listener.stop()
