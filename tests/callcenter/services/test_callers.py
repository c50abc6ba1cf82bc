from __future__ import annotations

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
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
