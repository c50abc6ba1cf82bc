"""A UDP broadcast (CallerID.com unit) is heard by every desk: the database keeps one call per broadcast."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import utcnow
from callcenter.db.database import Database
from callcenter.db.models import Call
from callcenter.services.intake import IntakeService

SOURCE = "udp://0.0.0.0:3520?format=callerid-com"
BROADCASTS = 40
DESKS = 3


def test_desks_hearing_the_same_broadcasts_store_each_call_once(pg_db: Database) -> None:
    desks = [Database(pg_db.url, pool_size=1) for _ in range(DESKS)]  # each desk its own engine
    intakes = [IntakeService(db) for db in desks]
    start = utcnow()
    barrier = threading.Barrier(DESKS)
    errors: list[BaseException] = []

    def desk(index: int) -> None:
        try:
            for n in range(BROADCASTS):
                barrier.wait()  # every desk receives broadcast n at the same moment
                heard = start + timedelta(seconds=n * 30, milliseconds=index * 3)  # each desk's own clock
                event = CallerIdEvent(format="callerid-com", kind=EventKind.INCOMING, received_at=heard,
                                      raw=f"01 I S 0000 G A1 11/28 10:{n:02d} AM 0812{n:08d}", line="1",
                                      number=f"0812{n:08d}", name="WARGA", presentation=Presentation.ALLOWED)
                intakes[index].process([(SOURCE, event)])
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for db in desks:
        db.dispose()
    assert not errors, errors
    with pg_db.read() as session:
        per_number = session.execute(select(Call.number_raw, func.count()).group_by(Call.number_raw)).all()
    assert len(per_number) == BROADCASTS
    assert {count for _, count in per_number} == {1}, sorted(c for _, c in per_number)
    assert sum(intake.duplicates for intake in intakes) == BROADCASTS * (DESKS - 1)
