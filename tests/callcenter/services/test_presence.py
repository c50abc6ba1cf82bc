from __future__ import annotations

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState, Role
from callcenter.db.models import AuditEntry, ChangeFeedEntry
from callcenter.errors import ConflictError, PermissionDenied, ValidationError
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.feed import FeedFollower
from callcenter.services.presence import PresenceService, desk_name
from tests.callcenter.services.conftest import make_actor, ring


def _feed(db: Database, follower: FeedFollower) -> list[tuple[str, str, str]]:
    return [(c.entity, c.entity_id, c.action) for c in follower.poll()]


def test_heartbeats_announce_only_transitions(db: Database, clock: ManualClock, operator: Actor) -> None:
    presence = PresenceService(db, clock)
    follower = FeedFollower(db)
    assert presence.heartbeat(operator, "PC-1") == ["online"]
    for _ in range(10):
        clock.advance(5)
        assert presence.heartbeat(operator, "PC-1") == []
    assert _feed(db, follower) == [("desk", "PC-1", "online")]
    [desk] = presence.desks()
    assert desk.online and desk.username == "asep" and desk.last_heartbeat == clock()


def test_a_silent_desk_goes_offline_and_its_claim_is_stale_not_released(
        db: Database, clock: ManualClock, operator: Actor, supervisor: Actor) -> None:
    presence = PresenceService(db, clock)
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    presence.heartbeat(operator, "PC-1")
    presence.heartbeat(other, "PC-2")
    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    assert presence.stale_claims(timeout_s=20) == []
    follower = FeedFollower(db)

    # PC-1 stops beating (cable pulled); PC-2 carries on and, by beating, announces PC-1 offline.
    for _ in range(5):
        clock.advance(5)
        presence.heartbeat(other, "PC-2", timeout_s=20)
    states = {d.name: d.online for d in presence.desks(timeout_s=20)}
    assert states == {"PC-1": False, "PC-2": True}
    assert ("desk", "PC-1", "offline") in _feed(db, follower)

    [stale] = presence.stale_claims(timeout_s=20)
    assert (stale.call_id, stale.username, stale.last_desk) == (call_id, "asep", "PC-1")
    assert CallService(db, clock).get(call_id).state is CallState.ANSWERED  # still held: nobody released it

    with pytest.raises(PermissionDenied):
        presence.release_stale(other, call_id, reason="saya ambil")
    presence.release_stale(supervisor, call_id, reason="Meja PC-1 mati", timeout_s=20)
    released = CallService(db, clock).get(call_id)
    assert released.state is CallState.RINGING and released.claimed_by_id is None
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "call.release_stale")).one()
        assert entry.username == "hendra" and entry.detail == "Meja PC-1 mati"
        assert entry.before is not None and entry.before["claimed_by_id"] == operator.id
        refusals = session.scalar(select(func.count()).where(AuditEntry.action == "permission_denied"))
        assert refusals == 1
    # Another desk can now answer it.
    assert CallService(db, clock).claim(other, call_id).claimed_by == "dewi"


def test_a_desk_back_online_is_not_stale(db: Database, clock: ManualClock, operator: Actor,
                                         supervisor: Actor) -> None:
    presence = PresenceService(db, clock)
    presence.heartbeat(operator, "PC-1")
    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    clock.advance(60)
    assert [s.call_id for s in presence.stale_claims(timeout_s=20)] == [call_id]
    assert presence.heartbeat(operator, "PC-1", timeout_s=20) == ["online"]  # it comes back
    assert presence.stale_claims(timeout_s=20) == []
    with pytest.raises(ConflictError):
        presence.release_stale(supervisor, call_id, timeout_s=20)


def test_operator_change_and_sign_off_are_announced(db: Database, clock: ManualClock, operator: Actor) -> None:
    presence = PresenceService(db, clock)
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    presence.heartbeat(operator, "PC-1")
    follower = FeedFollower(db)
    clock.advance(3)
    assert presence.heartbeat(other, "PC-1") == ["operator"]
    presence.sign_off(other, "PC-1")
    presence.sign_off(other, "PC-1")  # twice: announced once
    assert _feed(db, follower) == [("desk", "PC-1", "operator"), ("desk", "PC-1", "offline")]
    assert presence.desks()[0].online is False
    with db.read() as session:
        count = session.scalar(select(func.count()).select_from(ChangeFeedEntry).where(
            ChangeFeedEntry.entity == "desk"))
    assert count == 3


def test_desk_names(db: Database, clock: ManualClock, operator: Actor) -> None:
    assert desk_name() and desk_name("2").endswith("#2")
    presence = PresenceService(db, clock)
    with pytest.raises(ValidationError):
        presence.heartbeat(operator, "  ")
    name = "Meja Ñ <b>&amp; 🚒"
    presence.heartbeat(operator, name, line_host=True)
    [desk] = presence.desks()
    assert desk.name == name and desk.line_host


def test_the_heartbeat_thread_beats_and_signs_off(db: Database, operator: Actor) -> None:
    import time

    from callcenter.services.presence import Heartbeat

    presence = PresenceService(db)
    beat = Heartbeat(presence, operator, "PC-9", interval_s=0.05)
    beat.start()
    deadline = time.monotonic() + 5
    while beat.beats < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert beat.beats >= 3 and presence.desks()[0].online
    beat.stop()
    assert presence.desks()[0].online is False


def test_no_claim_is_stale_before_any_console_reports_presence(db: Database, clock: ManualClock,
                                                              operator: Actor) -> None:
    from callcenter.services.base import SYSTEM

    presence = PresenceService(db, clock)
    presence.heartbeat(SYSTEM, "SRV#ingest", line_host=True)  # the line service alone does not count
    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    clock.advance(600)
    assert presence.stale_claims() == []
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    presence.heartbeat(other, "PC-2")  # presence is in use now: asep is at no live desk
    assert [s.call_id for s in presence.stale_claims()] == [call_id]


def test_an_operator_who_signed_off_leaves_stale_claims(db: Database, clock: ManualClock, operator: Actor) -> None:
    presence = PresenceService(db, clock)
    presence.heartbeat(operator, "PC-1")
    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    presence.sign_off(operator, "PC-1")
    assert [s.call_id for s in presence.stale_claims()] == [call_id]
