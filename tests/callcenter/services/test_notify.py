from __future__ import annotations

import threading
import time

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.services.feed import FeedFollower
from callcenter.services.notify import NotifyListener
from tests.callcenter.services.conftest import ring


def test_another_desk_is_woken_within_a_second(pg_db: Database, clock: ManualClock) -> None:
    follower = FeedFollower(pg_db)
    woken = threading.Event()
    seen: list[str] = []

    def wake() -> None:
        for change in follower.poll():
            seen.append(change.action)
        if "ring" in seen:
            woken.set()

    listener = NotifyListener(pg_db.url, wake)
    listener.start()
    try:
        assert listener.connected.wait(5)
        started = time.perf_counter()
        ring(pg_db, clock, "081234567890")
        assert woken.wait(2)
        assert time.perf_counter() - started < 1.0
    finally:
        listener.stop()
