"""The desk journal: what an operator did while the database was away is applied once when it is back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType
from callcenter.db.health import LinkState
from callcenter.db.models import AuditEntry, Caller, Incident
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.desk_actions import DeskActions, open_desk_journal
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.journal import (
    CallRef,
    DeskJournal,
    DeskState,
    JournalAction,
    JournalError,
    Outcome,
    desk_state,
)
from tests.callcenter.services.conftest import ring
from tests.ha.cluster import free_ports


@pytest.fixture
def away() -> Iterator[Database]:
    """The desk's view of a database that cannot be reached (nothing listens on the port)."""
    database = Database(f"postgresql+psycopg://konsol@/konsol112?host=127.0.0.1&port={free_ports(1)[0]}"
                        "&connect_timeout=1")
    yield database
    database.dispose()


def _claims(db: Database, call_id: int) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "call.claim", AuditEntry.entity_id == str(call_id))) or 0)


def test_claim_and_prank_during_an_outage_are_applied_once(db: Database, away: Database, clock: ManualClock,
                                                           operator: Actor, tmp_path: Path) -> None:
    call_id = ring(db, clock, "081234567890")
    offline = open_desk_journal(tmp_path / "desk.jsonl", away, clock=clock)
    desk = DeskActions(away, offline, clock=clock)
    assert not desk.claim(operator, call_id).done
    assert not desk.classify(operator, call_id, CallType.PRANK).done
    assert len(offline) == 2
    assert desk_state(away.health.current, offline) is DeskState.AWAY
    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)  # the database is back
    saved = journal.path.read_text(encoding="utf-8")
    results = journal.replay()
    assert [r.outcome for r in results] == [Outcome.APPLIED, Outcome.APPLIED]
    assert len(journal) == 0
    # A crash before the file was rewritten: the same entries again change nothing.
    journal.path.write_text(saved, encoding="utf-8")
    assert [r.outcome for r in journal.replay()] == [Outcome.ALREADY, Outcome.ALREADY]
    call = CallService(db).get(call_id)
    assert call.claimed_by_id == operator.id and call.call_type is CallType.PRANK and call.state is CallState.ENDED
    assert _claims(db, call_id) == 1
    with db.read() as session:
        assert session.scalar(select(Caller.prank_count).where(Caller.e164 == "+6281234567890")) == 1


def test_a_claim_whose_answer_was_lost_is_not_applied_twice(db: Database, clock: ManualClock, operator: Actor,
                                                            tmp_path: Path) -> None:
    call_id = ring(db, clock, "081234567891")
    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)
    attempted = clock()
    CallService(db, clock).claim(operator, call_id)  # committed, but the desk never heard back
    journal.record(JournalAction.CLAIM, operator, attempted_at=attempted, call=CallRef(call_id).to_json())
    assert [r.outcome for r in journal.replay()] == [Outcome.ALREADY]
    assert _claims(db, call_id) == 1


def test_a_call_another_desk_took_meanwhile_is_a_conflict_for_the_operator(db: Database, away: Database,
                                                                          clock: ManualClock, operator: Actor,
                                                                          supervisor: Actor, tmp_path: Path) -> None:
    call_id = ring(db, clock, "081234567892")
    offline = open_desk_journal(tmp_path / "desk.jsonl", away, clock=clock)
    DeskActions(away, offline, clock=clock).claim(operator, call_id)
    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)
    CallService(db, clock).claim(supervisor, call_id)  # the other desk still had the database
    [result] = journal.replay()
    assert result.outcome is Outcome.CONFLICT and result.code == "call.already_claimed"
    assert result.params["operator"] == supervisor.username
    [conflict] = journal.conflicts()
    assert desk_state(db.health.current, journal) is DeskState.ATTENTION
    journal.acknowledge(conflict["entry"]["key"])
    assert desk_state(db.health.current, journal) is DeskState.LIVE
    assert CallService(db).get(call_id).claimed_by_id == supervisor.id


def test_a_call_answered_on_the_phone_waits_for_the_line_service(db: Database, clock: ManualClock,
                                                                 operator: Actor, tmp_path: Path) -> None:
    """The console never showed it (it rang during the gap); the operator typed the number from the phone."""
    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)
    ref = CallRef(number="081234567893", at=clock())
    desk = DeskActions(db, journal, clock=clock)
    desk.claim(operator, ref)
    desk.classify(operator, ref, CallType.GHOST)
    assert [r.outcome for r in journal.replay()] == [Outcome.WAITING]  # the classification waits behind it
    assert desk_state(db.health.current, journal) is DeskState.ATTENTION
    clock.advance(-20)
    call_id = ring(db, clock, "081234567893")  # the line service's spool replays the call
    clock.advance(20)
    assert [r.outcome for r in journal.replay()] == [Outcome.APPLIED, Outcome.APPLIED]
    call = CallService(db).get(call_id)
    assert call.claimed_by_id == operator.id and call.call_type is CallType.GHOST
    assert call.answered_at == ref.at  # the operator's moment, not the replay's


def test_an_incident_saved_during_the_switch_is_stored_once(db: Database, clock: ManualClock, operator: Actor,
                                                            tmp_path: Path) -> None:
    from tests.callcenter.services.test_incidents import KECAMATAN_PURWAKARTA, category_id

    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)
    draft = IncidentDraft(category_id=category_id(db, "kebakaran"), kecamatan_code=KECAMATAN_PURWAKARTA,
                          description="Rumah terbakar di Nagri Kidul")
    attempted = clock()
    view = IncidentService(db, clock).create(operator, draft)  # committed; the answer was lost
    from callcenter.services.journal_apply import draft_to_json

    journal.record(JournalAction.INCIDENT_CREATE, operator, attempted_at=attempted, draft=draft_to_json(draft),
                   call=None)
    journal.record(JournalAction.INCIDENT_UPDATE, operator, incident_id=view.id, expected_version=view.version,
                   changes={"address": "Jl. Veteran 1"})
    results = journal.replay()
    assert [r.outcome for r in results] == [Outcome.ALREADY, Outcome.APPLIED]
    # The same save again (its answer lost too): the incident already carries it.
    journal.record(JournalAction.INCIDENT_UPDATE, operator, incident_id=view.id, expected_version=view.version,
                   changes={"address": "Jl. Veteran 1"})
    assert [r.outcome for r in journal.replay()] == [Outcome.ALREADY]
    # An edit of an old copy that someone else changed since: a conflict, never an overwrite.
    journal.record(JournalAction.INCIDENT_UPDATE, operator, incident_id=view.id, expected_version=view.version,
                   changes={"address": "Jl. Lain"})
    assert [r.outcome for r in journal.replay()] == [Outcome.CONFLICT]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 1
        assert session.scalar(select(Incident.address)) == "Jl. Veteran 1"


def test_a_torn_last_line_is_skipped_and_an_unwritable_journal_says_so(db: Database, clock: ManualClock,
                                                                      operator: Actor, tmp_path: Path) -> None:
    journal = open_desk_journal(tmp_path / "desk.jsonl", db, clock=clock)
    journal.record(JournalAction.END, operator, call=CallRef(1).to_json())
    with journal.path.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "half a line')
    assert len(journal) == 1
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    broken = DeskJournal(blocked / "desk.jsonl", db, lambda entry: pytest.fail("never applied"))
    with pytest.raises(JournalError) as caught:
        broken.record(JournalAction.END, operator, call=CallRef(1).to_json())
    assert caught.value.code == "journal.unwritable"
    assert json.loads(journal.path.read_text(encoding="utf-8").splitlines()[0])["action"] == "end"


def test_health_goes_switching_then_away_then_live(clock: ManualClock) -> None:
    from datetime import timedelta

    from callcenter.db.health import HealthMonitor

    health = HealthMonitor(clock=clock, switch_grace=timedelta(seconds=30))
    seen: list[LinkState] = []
    health.subscribe(lambda h: seen.append(h.state))
    health.ok()
    assert health.failed(switching=True, detail="read-only") is LinkState.SWITCHING
    clock.advance(31)
    assert health.failed(switching=True, detail="refused") is LinkState.AWAY  # longer than a failover takes
    health.ok()
    assert seen == [LinkState.SWITCHING, LinkState.AWAY, LinkState.LIVE]
    assert health.current.last_ok == clock()
