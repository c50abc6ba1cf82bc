from __future__ import annotations

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.feed import FeedFollower
from tests.callcenter.services.conftest import ring


def test_a_follower_sees_each_change_once_in_order(db: Database, clock: ManualClock, operator: Actor) -> None:
    follower = FeedFollower(db)
    call_id = ring(db, clock, "081234567890")
    calls = CallService(db, clock)
    calls.claim(operator, call_id)
    calls.classify(operator, call_id, CallType.PRANK)
    changes = follower.poll()
    assert [(c.entity, c.entity_id, c.action) for c in changes if c.entity == "call"] == [
        ("call", str(call_id), "ring"), ("call", str(call_id), "claim"), ("call", str(call_id), "classify")]
    assert follower.poll() == []


def test_a_desk_that_was_away_catches_up(db: Database, clock: ManualClock, operator: Actor) -> None:
    follower = FeedFollower(db)
    seen = follower.last_id
    for index in range(5):
        ring(db, clock, f"08123456789{index}")
    returning = FeedFollower(db, start_at_end=False)
    returning.last_id = seen
    assert len([c for c in returning.poll() if c.action == "ring"]) == 5


def test_a_change_committed_after_a_later_one_is_still_delivered(pg_db: Database) -> None:
    """The line service's long replay transaction holds a lower id than a claim another desk committed first."""
    from datetime import UTC, datetime

    from callcenter.services.base import record_change

    follower = FeedFollower(pg_db)
    now = datetime.now(UTC)
    with pg_db.write() as slow:
        record_change(slow, "call", 1, "ring", now)  # takes the lower id, commits last
        slow.flush()
        with pg_db.write() as quick:
            record_change(quick, "call", 2, "claim", now)
        assert [(c.entity_id, c.action) for c in follower.poll()] == [("2", "claim")]
    assert [(c.entity_id, c.action) for c in follower.poll()] == [("1", "ring")]
    assert follower.poll() == []
