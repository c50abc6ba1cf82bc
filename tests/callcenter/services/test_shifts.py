from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import AuditEntry
from callcenter.errors import ConflictError, ValidationError
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.shifts import ShiftService
from tests.callcenter.services.conftest import make_actor, ring


def test_specs_and_current_window_follow_wib_wall_clock(db: Database, clock: ManualClock) -> None:
    shifts = ShiftService(db, clock)
    assert [spec.code for spec in shifts.specs()] == ["pagi", "siang", "malam"]
    pagi = shifts.current_window()  # 10:00 WIB
    assert pagi.spec.code == "pagi" and pagi.shift_date == date(2026, 3, 2)
    clock.now = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)  # 03:30 WIB on 3 March: the malam shift of 2 March
    malam = shifts.current_window()
    assert malam.spec.code == "malam" and malam.shift_date == date(2026, 3, 2)
    assert malam.start_utc == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    assert malam.end_utc == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


def test_session_with_handover_note_is_audited_and_listed(db: Database, clock: ManualClock,
                                                           operator: Actor) -> None:
    shifts = ShiftService(db, clock)
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    mine = shifts.start_session(operator, "MEJA-1")
    theirs = shifts.start_session(other, "MEJA-2")
    window = shifts.current_window()
    assert [(s.username, s.desk) for s in shifts.on_duty(window)] == [("asep", "MEJA-1"), ("dewi", "MEJA-2")]

    with pytest.raises(ValidationError) as empty:
        shifts.end_session(operator, mine, "   ")
    assert "handover_note" in empty.value.problems
    with pytest.raises(ConflictError):
        shifts.end_session(operator, theirs, "bukan sesi saya")  # an operator closes only their own session

    clock.advance(8 * 3600 - 60)
    note = "Kebakaran 112/2026/000001 masih ditangani Damkar <b>&amp; 🚒 — pantau terus"
    shifts.end_session(operator, mine, note)
    with pytest.raises(ConflictError):
        shifts.end_session(operator, mine, "lagi")
    notes = shifts.handover_notes(window)
    assert [(n.username, n.handover_note) for n in notes] == [("asep", note)]
    assert notes[0].ended_at == clock()
    assert [s.username for s in shifts.on_duty(window)] == ["dewi"]
    with db.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "shift_session")).all()
    assert sorted(actions) == ["shift.end", "shift.start", "shift.start"]


def test_pending_missed_calls_are_handed_over(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    first = ring(db, clock, "081234567890")
    calls.end(operator, first)
    clock.advance(10)
    second = ring(db, clock, "085711112222")
    calls.end(operator, second)
    shifts = ShiftService(db, clock)
    pending = shifts.pending_missed_calls()
    assert [(c.id, c.display_number) for c in pending] == [(second, "0857-1111-2222"), (first, "0812-3456-7890")]
    calls.record_callback(operator, second)
    assert [c.id for c in shifts.pending_missed_calls()] == [first]
    assert shifts.count_pending_missed_calls() == 1


def test_hand_over_ends_the_open_session_or_keeps_the_note_anyway(db: Database, clock: ManualClock,
                                                                  operator: Actor) -> None:
    shifts = ShiftService(db, clock)
    assert shifts.open_session_id(operator) is None
    kept = shifts.hand_over(operator, "Nihil", desk="MEJA-3")  # no session was started: the note is kept
    started = shifts.start_session(operator, "MEJA-1")
    assert shifts.open_session_id(operator) == started
    assert shifts.hand_over(operator, "Semua aman") == started
    assert shifts.open_session_id(operator) is None
    notes = shifts.handover_notes(shifts.current_window())
    assert [(n.id, n.desk, n.handover_note) for n in notes] == [(kept, "MEJA-3", "Nihil"),
                                                                (started, "MEJA-1", "Semua aman")]
