from __future__ import annotations

from datetime import timedelta

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType, IncidentStatus, Priority, Role
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentService
from callcenter.services.queues import QueueService, explain, missed_call_query, open_incident_query
from tests.callcenter.services.conftest import make_actor, ring
from tests.callcenter.services.test_incidents import fire

CALLER = "081234567890"
OTHER = "085711112222"


def test_open_incidents_most_urgent_first_then_oldest(db: Database, clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    old_p3 = incidents.create(operator, fire(db, priority=Priority.P3))
    clock.advance(60)
    new_p1 = incidents.create(operator, fire(db, priority=Priority.P1))
    clock.advance(60)
    newer_p1 = incidents.create(operator, fire(db, priority=Priority.P1))
    closed = incidents.create(operator, fire(db, priority=Priority.P1))
    incidents.close(operator, closed.id, "Api padam")
    queues = QueueService(db, clock)
    assert queues.open_incident_ids() == [new_p1.id, newer_p1.id, old_p3.id]

    rows = queues.incident_rows([old_p3.id, new_p1.id, 999_999])
    assert [row.id for row in rows] == [old_p3.id, new_p1.id]  # asked order; a vanished id is left out
    row = rows[0]
    assert row.number == old_p3.number and row.priority is Priority.P3 and row.status is IncidentStatus.OPEN
    assert row.category_id == "Kebakaran" and row.kecamatan == "Purwakarta" and row.desa == "Nagri Kidul"
    assert row.reporter_name == "Ujang" and row.assigned_to == "asep" and row.version == 1
    assert row.created_at == old_p3.created_at


def test_mine_only_lists_what_is_assigned_to_me(db: Database, clock: ManualClock, operator: Actor) -> None:
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    incidents = IncidentService(db, clock)
    mine = incidents.create(operator, fire(db))
    theirs = incidents.create(other, fire(db))
    queues = QueueService(db, clock)
    assert queues.open_incident_ids(mine_for=operator.id) == [mine.id]
    assert queues.open_incident_ids(mine_for=other.id) == [theirs.id]
    assert set(queues.open_incident_ids()) == {mine.id, theirs.id}


def test_search_by_caller_number_in_any_format_name_and_incident_number(db: Database, clock: ManualClock,
                                                                       operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    call_id = ring(db, clock, CALLER)
    CallService(db, clock).claim(operator, call_id)
    by_call = incidents.create(operator, fire(db, call_id=call_id, reporter_name="Siti Nurhaliza",
                                              callback_number=None))
    other = incidents.create(operator, fire(db, reporter_name="Dadang", callback_number=OTHER))
    queues = QueueService(db, clock)
    for typed in (CALLER, "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "34567890"):
        assert queues.open_incident_ids(search=typed) == [by_call.id], typed
    assert queues.open_incident_ids(search="nurhal") == [by_call.id]
    assert queues.open_incident_ids(search="DADANG") == [other.id]
    assert queues.open_incident_ids(search="0857 1111") == [other.id]  # the reporter's callback number
    assert queues.open_incident_ids(search=other.number) == [other.id]
    assert queues.open_incident_ids(search="000001") == [by_call.id]
    assert queues.open_incident_ids(search="tidak ada") == []
    # Markup and LIKE wildcards are searched for literally, never as patterns.
    assert queues.open_incident_ids(search="%") == []
    assert queues.open_incident_ids(search="<b>&_") == []


def test_missed_calls_newest_first_until_called_back(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    first = ring(db, clock, CALLER)
    calls.end(operator, first)  # rang out: missed
    clock.advance(30)
    second = ring(db, clock, CALLER)
    calls.end(operator, second)
    clock.advance(30)
    answered = ring(db, clock, OTHER)
    calls.claim(operator, answered)
    calls.classify(operator, answered, CallType.PRANK)
    private = ring(db, clock, None)
    calls.end(operator, private)
    queues = QueueService(db, clock)
    assert queues.missed_call_ids() == [private, second, first]
    rows = queues.missed_call_rows([second, private])
    assert rows[0].display_number == "0812-3456-7890" and rows[0].repeats == 2
    assert rows[1].display_number is None and rows[1].e164 is None and rows[1].repeats == 1
    assert queues.missed_call_ids(search="0812 3456") == [second, first]

    calls.record_callback(operator, second, "Sudah ditelepon, aman")
    assert queues.missed_call_ids() == [private, first]
    assert queues.missed_call_rows([first])[0].repeats == 1
    kept = queues.missed_call_ids(include_called_back=True)
    assert kept == [private, second, first]
    called_back = queues.missed_call_rows([second])[0]
    assert called_back.callback_by == "asep" and called_back.callback_note == "Sudah ditelepon, aman"


def test_queue_queries_use_indexes(sqlite_db: Database, clock: ManualClock) -> None:
    since = clock() - timedelta(days=7)
    for query in (open_incident_query(None, None), open_incident_query(7, None),
                  open_incident_query(None, "0812 3456 7890"), missed_call_query(None, since),
                  missed_call_query("Budi", since)):
        plan = " | ".join(explain(sqlite_db, query))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "SCAN incidents" not in plan.replace("SCAN incidents USING", ""), plan
        assert "SCAN calls" not in plan.replace("SCAN calls USING", ""), plan


def test_missed_calls_older_than_a_week_are_history(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    old = ring(db, clock, CALLER)
    calls.end(operator, old)
    clock.advance(8 * 86_400)
    recent = ring(db, clock, CALLER)
    calls.end(operator, recent)
    queues = QueueService(db, clock)
    assert queues.missed_call_ids() == [recent]
    assert queues.missed_call_rows([recent])[0].repeats == 1
    assert queues.missed_call_ids(window=timedelta(days=30)) == [recent, old]


def test_calls_linked_to_an_incident_in_order(db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    first = ring(db, clock, CALLER)
    calls.claim(operator, first)
    incident = IncidentService(db, clock).create(operator, fire(db, call_id=first))
    clock.advance(90)
    second = ring(db, clock, OTHER, name="BUDI")
    calls.link_incident(operator, second, incident.id)
    linked = QueueService(db, clock).incident_calls(incident.id)
    assert [(c.id, c.display_number, c.operator) for c in linked] == [
        (first, "0812-3456-7890", "asep"), (second, "0857-1111-2222", "asep")]
    assert linked[1].cid_name == "BUDI" and linked[0].call_type is CallType.NORMAL


def test_filter_by_priority_and_status(db: Database, clock: ManualClock, operator: Actor) -> None:
    from callcenter.db.models import Incident

    incidents = IncidentService(db, clock)
    p1 = incidents.create(operator, fire(db, priority=Priority.P1))
    p3 = incidents.create(operator, fire(db, priority=Priority.P3))
    with db.write() as session:  # the dispatch service moves incidents on; here the status is set directly
        session.get(Incident, p3.id).status = IncidentStatus.DISPATCHED  # type: ignore[union-attr]
    queues = QueueService(db, clock)
    assert queues.open_incident_ids(priority=Priority.P1) == [p1.id]
    assert queues.open_incident_ids(status=IncidentStatus.DISPATCHED) == [p3.id]
    assert queues.open_incident_ids(status=IncidentStatus.DISPATCHED, priority=Priority.P1) == []
    assert queues.open_incident_ids(status=IncidentStatus.CLOSED) == []  # the queue holds open incidents only
