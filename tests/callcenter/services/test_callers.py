from __future__ import annotations

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.conftest import ring


def test_history_lists_calls_newest_first_with_counts(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    ids = []
    for call_type in (CallType.PRANK, CallType.GHOST, CallType.INFORMASI):
        call_id = ring(db, clock, "0264 200123")
        calls.classify(operator, call_id, call_type)
        ids.append(call_id)
        clock.advance(3600)
    history = CallerService(db, clock).history("(0264) 200-123")
    assert history.e164 == "+62264200123" and history.info.area == "Purwakarta/Cikampek"
    assert history.call_count == 3 and history.calls_last_30_days == 3
    assert (history.prank_count, history.ghost_count) == (1, 1)
    assert [call.id for call in history.recent_calls] == list(reversed(ids))
    assert history.recent_calls[0].operator == "asep"
    clock.advance(31 * 24 * 3600)
    assert CallerService(db, clock).history("0264200123").calls_last_30_days == 0


def test_unknown_and_garbage_numbers_have_an_empty_history(db: Database, clock: ManualClock) -> None:
    callers = CallerService(db, clock)
    assert callers.history("081200000000").call_count == 0
    garbage = callers.history("'; DROP TABLE calls; --")
    assert garbage.e164 is None and not garbage.info.valid


def test_operators_block_supervisors_unblock(db: Database, clock: ManualClock, operator: Actor,
                                             supervisor: Actor) -> None:
    callers = CallerService(db, clock)
    with pytest.raises(ValidationError):
        callers.block(operator, "081234567890", "")
    until = callers.block(operator, "081234567890", "Iseng berulang, memaki operator")
    assert (until - clock()).total_seconds() == 24 * 3600
    history = callers.history("081234567890")
    assert history.is_blocked(clock()) and history.block_reason == "Iseng berulang, memaki operator"
    with pytest.raises(PermissionDenied):
        callers.unblock(operator, "081234567890")
    callers.unblock(supervisor, "081234567890")
    assert not callers.history("081234567890").is_blocked(clock())


def test_history_lists_the_latest_incidents_of_a_repeat_caller_once_each(db: Database, clock: ManualClock,
                                                                          operator: Actor) -> None:
    from tests.callcenter.services.test_incidents import fire

    calls, incidents = CallService(db, clock), IncidentService(db, clock)
    created = []
    for index in range(4):
        call_id = ring(db, clock, "0812 3456 7890")
        calls.claim(operator, call_id)
        created.append(incidents.create(operator, fire(db, call_id=call_id, description=f"Kebakaran {index}")))
        clock.advance(600)
        for _ in range(3):  # prank calls in between: never listed as incidents
            calls.classify(operator, ring(db, clock, "0812 3456 7890"), CallType.PRANK)
            clock.advance(60)
    # A second call about the first fire links to it: that incident is still listed once.
    again = ring(db, clock, "081234567890")
    calls.claim(operator, again)
    calls.link_incident(operator, again, created[0].id)
    other = ring(db, clock, "0813 1111 2222")
    calls.claim(operator, other)
    incidents.create(operator, fire(db, call_id=other))

    history = CallerService(db, clock).history("+6281234567890", limit=3)
    assert [incident.number for incident in history.incidents] == [view.number for view in reversed(created[1:])]
    full = CallerService(db, clock).history("081234567890")
    assert [incident.id for incident in full.incidents] == [view.id for view in reversed(created)]
    assert full.last_incident is not None and full.last_incident.category_en
