"""Following the change feed: every desk learns what other desks and the line service changed.

The feed table is the truth (a desk that was away catches up from the last id it saw); on PostgreSQL a
NOTIFY wakes followers early, elsewhere they poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from callcenter.db.database import Database
from callcenter.db.models import ChangeFeedEntry

MAX_BATCH = 2000


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

    def latest_id(self) -> int:
        with self.db.read() as session:
            return int(session.scalar(select(func.max(ChangeFeedEntry.id))) or 0)

    def poll(self, limit: int = MAX_BATCH) -> list[Change]:
        with self.db.read() as session:
            rows = session.execute(
                select(ChangeFeedEntry.id, ChangeFeedEntry.at, ChangeFeedEntry.entity, ChangeFeedEntry.entity_id,
                       ChangeFeedEntry.action)
                .where(ChangeFeedEntry.id > self.last_id).order_by(ChangeFeedEntry.id).limit(limit)
            ).all()
        changes = [Change(*row) for row in rows]
        if changes:
            self.last_id = changes[-1].id
        return changes
