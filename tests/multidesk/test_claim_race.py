"""Desk processes race for the same 1,000 ringing calls: every call is claimed exactly once."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState, Role
from callcenter.db.models import AuditEntry, Call
from callcenter.services.intake import IntakeService
from tests.callcenter.services.conftest import make_actor
from tests.multidesk.conftest import start_desk

RINGS = 1000
DESKS = 3


def test_desks_claim_a_thousand_rings_each_exactly_once(pg_db: Database, clock: ManualClock) -> None:
    events = []
    for index in range(RINGS):
        at = clock() + timedelta(milliseconds=index)
        events.append((f"udp://line-{index % 4}", CallerIdEvent(
            format="test", kind=EventKind.INCOMING, received_at=at, raw=f"CID {index}", line=str(index % 4),
            number=f"0812{index:08d}", name=None, presentation=Presentation.ALLOWED)))
    notices = IntakeService(pg_db, clock=clock).process(events)  # one bulk insert
    assert len(notices) == RINGS
    operators = [make_actor(pg_db, clock, f"desk{n}", Role.OPERATOR) for n in range(DESKS)]

    desks = [start_desk("race", pg_db.url, op.id, op.username) for op in operators]
    try:
        for desk in desks:
            assert desk.stdout is not None and desk.stdout.readline().strip() == "ready"
        for desk in desks:  # all at once
            assert desk.stdin is not None
            desk.stdin.write("go\n")
            desk.stdin.flush()
        results = []
        for desk in desks:
            out, err = desk.communicate(timeout=90)
            assert desk.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for desk in desks:
            if desk.poll() is None:
                desk.kill()

    print("race seconds per desk:", [result["seconds"] for result in results])
    won = [set(result["won"]) for result in results]
    assert sum(len(w) for w in won) == RINGS  # nobody won a call twice, no call won by two desks
    assert set().union(*won) == {notice.call_id for notice in notices}
    assert sum(result["lost"] for result in results) > 0, "the desks never went for the same call"
    assert all(won), "every desk answered calls"
    with pg_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Call).where(Call.state == CallState.RINGING)) == 0
        holders = dict(session.execute(select(Call.id, Call.claimed_by_id)).all())
        for operator, mine in zip(operators, won, strict=True):
            assert all(holders[call_id] == operator.id for call_id in mine)
        per_call = session.execute(
            select(AuditEntry.entity_id, func.count()).where(AuditEntry.action == "call.claim")
            .group_by(AuditEntry.entity_id)).all()
    assert len(per_call) == RINGS and {count for _, count in per_call} == {1}
