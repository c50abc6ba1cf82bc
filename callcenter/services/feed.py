"""Following the change feed: every desk learns what other desks and the line service changed.

The feed table is the truth (a desk that was away catches up from the last id it saw); on PostgreSQL a
NOTIFY wakes followers early, elsewhere they poll.

Ids are handed out when a row is inserted, not when it commits: the line service's big replay transaction
(after a failover) may hold ids below ones another desk has already committed and this follower has read.
So a hole in the ids is remembered and looked at again on every poll for a while (``GAP_WAIT``): a late
commit is still delivered. Holes that never fill (rolled-back transactions, the sequence values a promoted
standby skips) are forgotten after that.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from callcenter.db.database import Database
from callcenter.db.models import ChangeFeedEntry

MAX_BATCH = 2000
GAP_WAIT = 30.0
"""Seconds a hole in the feed's ids is watched for a late commit."""
MAX_GAPS = 5000


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: datetime
    entity: str
    entity_id: str
    action: str


class FeedFollower:
    """Remembers the last change seen; ``poll()`` returns what happened since, in order."""

    def __init__(self, db: Database, *, start_at_end: bool = True) -> None:
        self.db = db
        self.last_id = self.latest_id() if start_at_end else 0
        self._gaps: dict[int, float] = {}
        """Ids below ``last_id`` not seen yet -> when to stop waiting for them (time.monotonic())."""

    def latest_id(self) -> int:
        with self.db.read() as session:
            return int(session.scalar(select(func.max(ChangeFeedEntry.id))) or 0)

    def poll(self, limit: int = MAX_BATCH) -> list[Change]:
        columns = (ChangeFeedEntry.id, ChangeFeedEntry.at, ChangeFeedEntry.entity, ChangeFeedEntry.entity_id,
                   ChangeFeedEntry.action)
        with self.db.read() as session:
            late = [Change(*row) for row in session.execute(
                select(*columns).where(ChangeFeedEntry.id.in_(list(self._gaps))).order_by(ChangeFeedEntry.id)
            ).all()] if self._gaps else []
            rows = session.execute(
                select(*columns).where(ChangeFeedEntry.id > self.last_id).order_by(ChangeFeedEntry.id).limit(limit)
            ).all()
        changes = [Change(*row) for row in rows]
        now = time.monotonic()
        for change in late:
            self._gaps.pop(change.id, None)
        self._gaps = {gap: until for gap, until in self._gaps.items() if until > now}
        expected = self.last_id + 1
        for change in changes:
            if change.id - expected <= MAX_GAPS and len(self._gaps) < MAX_GAPS:
                self._gaps.update(dict.fromkeys(range(expected, change.id), now + GAP_WAIT))
            expected = change.id + 1
        if changes:
            self.last_id = changes[-1].id
        return late + changes
