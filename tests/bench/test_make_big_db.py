"""The scale benchmarks' database generator writes rows the program reads back as its own."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bench.make_big_db import generate
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import Call, Caller, Incident
from callcenter.services.callers import CallerService
from callcenter.services.queues import QueueService

END = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def test_generated_rows_read_back_through_the_services(db: Database, owner_db: Database) -> None:
    # The generator migrates and bulk-loads as the schema's owner; the desks (db) read it back.
    counts = generate(owner_db, calls=3000, incidents=600, seed=5, end=END)
    assert (counts["calls"], counts["incidents"]) == (3000, 600)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 3000
        heavy, heavy_calls = session.execute(
            select(Caller.e164, Caller.call_count).order_by(Caller.call_count.desc()).limit(1)).one()
        linked = set(session.scalars(select(Call.incident_id).where(Call.e164 == heavy,
                                                                    Call.incident_id.is_not(None))))
        newest = session.scalar(select(Call.received_at).order_by(Call.received_at.desc()).limit(1))
        open_count = session.scalar(select(func.count()).select_from(Incident).where(Incident.status == "open"))
    assert newest is not None and newest.tzinfo is not None and newest <= END
    history = CallerService(db, ManualClock(END)).history(heavy, limit=10)
    assert history.call_count == heavy_calls > 10 and len(history.recent_calls) == 10
    # The latest incidents of the number, each once, newest first: exactly those its calls link to.
    assert [incident.id for incident in history.incidents] == sorted(linked, reverse=True)[:10]
    assert [incident.created_at for incident in history.incidents] == sorted(
        (incident.created_at for incident in history.incidents), reverse=True)
    assert len(QueueService(db, ManualClock(END)).open_incident_ids()) == open_count > 0
