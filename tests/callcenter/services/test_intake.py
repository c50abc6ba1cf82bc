from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState
from callcenter.db.models import Call, Caller
from callcenter.services.intake import NO_CALLER_ID_NAME, CallNotice, IntakeService
from callcenter.services.spool import Spool, SpoolError
from tests.pg import PostgresCluster


def event(clock: ManualClock, kind: EventKind, number: str | None = None, *, line: str = "1",
          history: bool = False, duration: int | None = None, name: str | None = None) -> CallerIdEvent:
    return CallerIdEvent(format="test", kind=kind, received_at=clock(), raw=f"{kind} {number}", line=line,
                         number=number, name=name, history=history, duration_s=duration,
                         presentation=Presentation.ALLOWED if number or kind is not EventKind.INCOMING
                         else Presentation.PRIVATE)


def calls(db: Database) -> list[Call]:
    with db.read() as session:
        return list(session.scalars(select(Call).order_by(Call.id)))


def test_a_call_is_committed_before_it_is_published(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    seen_in_database: list[bool] = []

    def subscriber(notices: list[CallNotice]) -> None:
        with db.read() as session:
            seen_in_database.append(session.get(Call, notices[0].call_id) is not None)

    intake.subscribe(subscriber)
    notices = intake.process([("modem", event(clock, EventKind.INCOMING, "081234567890", name="ASEP"))])
    assert seen_in_database == [True]
    assert notices[0].action == "ringing" and notices[0].e164 == "+6281234567890"
    (call,) = calls(db)
    assert call.state is CallState.RINGING and call.cid_name == "ASEP" and call.number_raw == "081234567890"
    with db.read() as session:
        caller = session.scalar(select(Caller).where(Caller.e164 == "+6281234567890"))
    assert caller is not None and caller.call_count == 1


def test_rings_belong_to_the_call_and_a_silent_line_still_makes_a_call(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    # ETSI order: caller ID, then rings: one call.
    intake.process([("modem", event(clock, EventKind.INCOMING, "0264200123"))])
    for _ in range(3):
        clock.advance(4)
        intake.process([("modem", event(clock, EventKind.RING))])
    assert len(calls(db)) == 1
    # Much later, rings with no caller ID at all: a call "tanpa caller ID" by the second ring.
    clock.advance(60)
    intake.process([("modem", event(clock, EventKind.RING))])
    assert len(calls(db)) == 1
    clock.advance(5)
    notices = intake.process([("modem", event(clock, EventKind.RING))])
    assert len(notices) == 1
    silent = calls(db)[-1]
    assert silent.number_raw is None and silent.cid_name == NO_CALLER_ID_NAME
    assert silent.presentation is Presentation.UNAVAILABLE


def test_hangup_before_answer_is_a_missed_call_with_duration(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    intake.process([("ncid", event(clock, EventKind.INCOMING, "081234567890"))])
    clock.advance(17)
    notices = intake.process([("ncid", event(clock, EventKind.END))])
    assert notices[0].action == "missed"
    (call,) = calls(db)
    assert call.state is CallState.MISSED and call.duration_s == 17 and call.ended_at == clock()


def test_history_replays_are_never_rings(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    assert intake.process([("ncid", event(clock, EventKind.INCOMING, "081234567890", history=True))]) == []
    assert calls(db) == []


def test_a_broadcast_heard_by_two_desks_is_stored_once(db: Database, clock: ManualClock) -> None:
    desk_a, desk_b = IntakeService(db, clock=clock), IntakeService(db, clock=clock)
    source = "udp://0.0.0.0:3520?format=callerid-com"
    assert len(desk_a.process([("udp:" + source, event(clock, EventKind.INCOMING, "081234567890"))])) == 1
    clock.advance(0.4)
    assert desk_b.process([("udp:" + source, event(clock, EventKind.INCOMING, "081234567890"))]) == []
    assert len(calls(db)) == 1


def test_a_burst_in_one_batch_keeps_every_call(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    batch = []
    for index in range(500):
        clock.advance(0.01)
        batch.append(("sim", event(clock, EventKind.INCOMING, f"0812{index:08d}", line=str(index % 4))))
    notices = intake.process(batch)
    assert len(notices) == 500 and len(calls(db)) == 500


def test_spool_while_sqlite_is_locked_by_another_process_then_replay(sqlite_db: Database, clock: ManualClock,
                                                                     tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    # Wait only briefly for the lock, so the test does not sit through the normal five seconds.
    impatient = Database(sqlite_db.url, sqlite_busy_timeout_ms=100)
    intake = IntakeService(impatient, spool=spool, clock=clock)
    intake.process([("modem", event(clock, EventKind.INCOMING, "081111111111"))])
    path = sqlite_db.engine.url.database
    assert path is not None
    blocker = sqlite3.connect(path, timeout=0.1)  # another program holds the write lock
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        for index in range(3):
            clock.advance(1)
            assert intake.process([("modem", event(clock, EventKind.INCOMING, f"08222222222{index}"))]) == []
        assert intake.database_down_since is not None
        spooled = spool.pending()
        assert len(spooled) == 3
    finally:
        blocker.rollback()
        blocker.close()
    assert intake.replay_spool() == 3
    assert intake.replay_spool() == 0
    assert spool.pending() == [] and intake.database_down_since is None
    numbers = [call.number_raw for call in calls(sqlite_db)]
    assert numbers == ["081111111111", "082222222220", "082222222221", "082222222222"]
    # A crash between commit and spool truncation replays the same records again: nothing doubles.
    spool.append(spooled)
    assert intake.replay_spool() == 3
    assert len(calls(sqlite_db)) == 4
    impatient.dispose()


def test_spool_while_postgresql_is_stopped_then_replay(pg_cluster: PostgresCluster, clock: ManualClock,
                                                      tmp_path: Path) -> None:
    db = Database(pg_cluster.create_database(f"outage{os.getpid()}"))
    spool = Spool(tmp_path / "spool.jsonl")
    intake = IntakeService(db, spool=spool, clock=clock)
    intake.process([("modem", event(clock, EventKind.INCOMING, "081111111111"))])
    pg_cluster.stop_server()
    try:
        for index in range(5):
            clock.advance(1)
            assert intake.process([("modem", event(clock, EventKind.INCOMING, f"08333333333{index}"))]) == []
        clock.advance(3)
        assert intake.process([("modem", event(clock, EventKind.END))]) == []
        assert len(spool.pending()) == 6 and intake.database_down_since is not None
    finally:
        pg_cluster.start_server()
    assert intake.replay_spool() == 6
    with db.read() as session:
        total = session.scalar(select(func.count()).select_from(Call))
        last = session.scalar(select(Call).order_by(Call.id.desc()).limit(1))
    assert total == 6
    assert last is not None and last.state is CallState.MISSED and last.duration_s == 3
    db.dispose()


def test_a_caller_redialling_at_once_is_two_calls(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    intake.process([("modem", event(clock, EventKind.INCOMING, "088958073021"))])
    clock.advance(2)
    intake.process([("modem", event(clock, EventKind.INCOMING, "088958073021"))])
    assert [call.number_raw for call in calls(db)] == ["088958073021", "088958073021"]


def test_calls_parsed_from_one_read_never_collide(db: Database, clock: ManualClock) -> None:
    # One read of a busy line: the same receive time for every event, withheld callers without a number.
    intake = IntakeService(db, clock=clock)
    batch = [("modem", event(clock, EventKind.INCOMING, None)) for _ in range(3)]
    batch += [("modem", event(clock, EventKind.INCOMING, "081234567890")) for _ in range(2)]
    assert len(intake.process(batch)) == 5
    assert len(calls(db)) == 5


def test_a_poisonous_event_costs_only_itself(sqlite_db: Database, clock: ManualClock, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    intake = IntakeService(sqlite_db, spool=spool, clock=clock)
    good = event(clock, EventKind.INCOMING, "081234567890")
    # A line code longer than the column allows: PostgreSQL would refuse it; SQLite does not check lengths, so
    # make the row invalid another way - a presentation value outside the enumeration.
    bad = CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=clock(), raw="bad", line="1",
                        number="081200000001", presentation="hidden")  # type: ignore[arg-type]
    clock.advance(1)
    later = event(clock, EventKind.INCOMING, "081234567891")
    notices = intake.process([("modem", good), ("modem", bad), ("modem", later)])
    assert [n.number for n in notices] == ["081234567890", "081234567891"]
    assert intake.rejected == 1
    rejected = Spool(tmp_path / "spool.rejected.jsonl").pending()
    assert len(rejected) == 1 and rejected[0]["event"]["raw"] == "bad"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to play a full disk")
def test_full_disk_and_dead_database_hold_events_in_memory_then_store_them(
        sqlite_db: Database, clock: ManualClock, tmp_path: Path) -> None:
    impatient = Database(sqlite_db.url, sqlite_busy_timeout_ms=100)
    full = Spool(Path("/dev/full"))  # every write fails with "No space left on device"
    intake = IntakeService(impatient, spool=full, clock=clock)
    blocker = sqlite3.connect(sqlite_db.engine.url.database or "", timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(SpoolError):
            intake.process([("modem", event(clock, EventKind.INCOMING, "081234567890"))])
        assert intake.spool_error is not None and "space" in intake.spool_error.lower()
        clock.advance(1)
        intake.process([("modem", event(clock, EventKind.INCOMING, "081234567891"))])
        assert intake.held == 2
    finally:
        blocker.rollback()
        blocker.close()
    intake.spool = Spool(tmp_path / "spool.jsonl")
    intake.replay_spool()
    assert intake.held == 0
    assert [call.number_raw for call in calls(sqlite_db)] == ["081234567890", "081234567891"]
    impatient.dispose()


def test_placeholder_names_are_not_shown_as_names(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    for index, name in enumerate(("NO NAME", "OUT-OF-AREA", "  Siti  ")):
        clock.advance(1)
        intake.process([("ncid", event(clock, EventKind.INCOMING, f"08123456789{index}", name=name))])
    assert [call.cid_name for call in calls(db)] == [None, None, "Siti"]
