from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType, Role
from callcenter.db.models import Call
from callcenter.errors import AlreadyClaimed, ConflictError
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from tests.callcenter.services.conftest import make_actor, ring


def test_claim_is_atomic_exactly_one_of_many_desks_wins(db: Database, clock: ManualClock) -> None:
    desks = [make_actor(db, clock, f"op{i}", Role.OPERATOR) for i in range(4)]
    call_ids = [ring(db, clock, f"0812345678{i:02d}") for i in range(10)]
    winners: dict[int, list[str]] = {call_id: [] for call_id in call_ids}
    refusals: list[str] = []
    barrier = threading.Barrier(len(desks))

    def desk(actor: Actor) -> None:
        calls = CallService(db, clock)
        barrier.wait()
        for call_id in call_ids:
            try:
                calls.claim(actor, call_id)
                winners[call_id].append(actor.username)
            except AlreadyClaimed as exc:
                refusals.append(exc.claimed_by or "")

    threads = [threading.Thread(target=desk, args=(actor,)) for actor in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(len(names) == 1 for names in winners.values()), winners
    assert len(refusals) == len(call_ids) * (len(desks) - 1)
    # The losers were told who took the call.
    assert set(refusals) <= {actor.username for actor in desks}
    with db.read() as session:
        states = set(session.scalars(select(Call.state).where(Call.id.in_(call_ids))))
    assert states == {CallState.ANSWERED}


def test_claim_oldest_takes_calls_in_arrival_order(db: Database, clock: ManualClock, operator: Actor) -> None:
    first = ring(db, clock, "081234567890")
    clock.advance(2)
    second = ring(db, clock, "081234567891")
    calls = CallService(db, clock)
    assert calls.claim_oldest(operator).id == first  # type: ignore[union-attr]
    assert calls.claim_oldest(operator).id == second  # type: ignore[union-attr]
    assert calls.claim_oldest(operator) is None


def test_prank_closes_in_one_step_and_counts_against_the_caller(db: Database, clock: ManualClock,
                                                               operator: Actor) -> None:
    calls = CallService(db, clock)
    call_id = ring(db, clock, "0857 1234 5678")
    calls.claim(operator, call_id)
    clock.advance(5)
    info = calls.classify(operator, call_id, CallType.PRANK)
    assert info.state is CallState.ENDED and info.call_type is CallType.PRANK and info.ended_at == clock()
    history = CallerService(db, clock).history("085712345678")
    assert history.prank_count == 1 and history.call_count == 1
    # Re-classifying as ghost moves the count instead of adding one.
    calls.classify(operator, call_id, CallType.GHOST)
    history = CallerService(db, clock).history("085712345678")
    assert (history.prank_count, history.ghost_count) == (0, 1)


def test_third_prank_in_a_day_flags_the_number_but_calls_still_ring(db: Database, clock: ManualClock,
                                                                    operator: Actor) -> None:
    calls = CallService(db, clock)
    callers = CallerService(db, clock)
    for _ in range(3):
        call_id = ring(db, clock, "081298765432")
        calls.classify(operator, call_id, CallType.PRANK)
        assert calls.get(call_id).state is CallState.ENDED
        clock.advance(600)
    history = callers.history("081298765432")
    assert history.is_blocked(clock())
    assert history.blocked_until is not None
    assert history.blocked_until - clock() > timedelta(hours=23)
    # A block only flags: the next call from that number still rings on every desk.
    call_id = ring(db, clock, "081298765432")
    assert call_id in [call.id for call in calls.ringing()]


def test_another_operators_call_cannot_be_classified(db: Database, clock: ManualClock, operator: Actor,
                                                      supervisor: Actor) -> None:
    other = make_actor(db, clock, "siti", Role.OPERATOR)
    calls = CallService(db, clock)
    call_id = ring(db, clock, "081234567890")
    calls.claim(operator, call_id)
    with pytest.raises(ConflictError):
        calls.classify(other, call_id, CallType.PRANK)
    calls.classify(supervisor, call_id, CallType.TEST)  # a supervisor may step in


def test_missed_call_and_callback(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    call_id = ring(db, clock, "081234567890")
    clock.advance(20)
    calls.end(operator, call_id)  # the caller hung up before anyone answered
    missed = calls.missed()
    assert [call.id for call in missed] == [call_id]
    clock.advance(120)
    info = calls.record_callback(operator, call_id, "Sudah ditelepon balik, salah pencet")
    assert info.callback_at == clock()
    assert calls.missed() == []
    assert [call.id for call in calls.missed(include_called_back=True)] == [call_id]
    answered = ring(db, clock, "081234567899")
    calls.claim(operator, answered)
    with pytest.raises(ConflictError):
        calls.record_callback(operator, answered)


def test_a_call_answered_at_a_desk_phone_waits_for_a_desk_to_log_it(db: Database, clock: ManualClock,
                                                                    operator: Actor) -> None:
    """A PBX line reports the desk phone that answered (intake marks the call answered on the line): it stays in
    the desks' list until one logs it, and keeps the phone's answer time."""
    from sqlalchemy import update

    from callcenter.db.enums import ANSWERED_ON_LINE

    call_id = ring(db, clock, "081234567890")
    answered_at = clock()
    with db.write() as session:  # what intake records from the PBX's answer
        session.execute(update(Call).where(Call.id == call_id).values(
            state=CallState.ANSWERED, answered_at=answered_at, answered_via=ANSWERED_ON_LINE,
            answered_extension="201"))
    calls = CallService(db, clock)
    [waiting] = calls.ringing()
    assert waiting.id == call_id and waiting.answered_extension == "201"
    clock.advance(30)
    taken = calls.claim_oldest(operator)
    assert taken is not None and taken.id == call_id and taken.claimed_by_id == operator.id
    assert taken.answered_at == answered_at  # the phone's answer time, not the console's
    assert calls.ringing() == []
    with pytest.raises(AlreadyClaimed):
        calls.claim(make_actor(db, clock, "dewi", Role.OPERATOR), call_id)
