"""What every service shares: the acting operator, role checks, the audit trail and the change feed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import NoteKind, Role
from callcenter.db.models import AuditEntry, ChangeFeedEntry, IncidentNote
from callcenter.errors import PermissionDenied
from callcenter.redact import redact, redact_text

ROLE_RANK = {Role.OPERATOR: 1, Role.SUPERVISOR: 2, Role.ADMIN: 3, Role.SYSTEM: 4}
NOTIFY_CHANNEL = "konsol112_changes"
MAX_AUDIT_DETAIL = 1000


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a logged-in operator, or the system (line service, command line)."""

    id: int | None
    username: str
    role: Role
    full_name: str = ""

    def at_least(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


SYSTEM = Actor(id=None, username="system", role=Role.SYSTEM, full_name="Sistem")


class Service:
    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock

    def require(self, actor: Actor, role: Role, action: str) -> None:
        """Refuse (and audit the refusal) unless ``actor`` holds at least ``role``.

        Called before the service opens its own write transaction: the refusal is recorded in a transaction
        of its own, which must not wait on the caller's.
        """
        if actor.at_least(role):
            return
        with self.db.write() as audit_session:
            audit(audit_session, actor, "permission_denied", "permission", None, self.clock(),
                  detail=f"{actor.role} tried to {action}")
        raise PermissionDenied(action, actor.role)


def jsonable(value: Any) -> Any:
    """Audit snapshots are JSON: datetimes as ISO text, enums as their values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(item) for item in value]
    return value


def audit(session: Session, actor: Actor, action: str, entity: str, entity_id: object, at: datetime, *,
          before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
          detail: str | None = None) -> None:
    session.execute(insert(AuditEntry).values(
        at=at,
        operator_id=actor.id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=redact(jsonable(before)) if before is not None else None,
        after=redact(jsonable(after)) if after is not None else None,
        detail=redact_text(detail)[:MAX_AUDIT_DETAIL] if detail else None,
    ))


def record_change(session: Session, entity: str, entity_id: object, action: str, at: datetime) -> None:
    """Append to the change feed in the caller's transaction; on PostgreSQL also wake the other desks."""
    session.execute(insert(ChangeFeedEntry).values(at=at, entity=entity, entity_id=str(entity_id), action=action))
    if session.get_bind().dialect.name == "postgresql":
        # NOTIFY is delivered at commit, so a desk never wakes up before the change is visible.
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": NOTIFY_CHANNEL, "payload": f"{entity}:{entity_id}:{action}"})


_FEED_INSERT = insert(ChangeFeedEntry.__table__)  # type: ignore[arg-type]


def record_changes(session: Session, changes: list[tuple[str, object, str]], at: datetime) -> None:
    """Many feed entries in one statement (intake bursts), with one wake-up for the other desks."""
    if not changes:
        return
    rows = [{"at": at, "entity": entity, "entity_id": str(entity_id), "action": action}
            for entity, entity_id, action in changes]
    # Core on the session's connection: intake calls this for every ringing call, and the ORM's bulk insert
    # machinery cost more than the INSERT itself.
    session.connection().execute(_FEED_INSERT, rows[0] if len(rows) == 1 else rows)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": NOTIFY_CHANNEL, "payload": f"batch:{len(changes)}"})


def add_timeline(session: Session, incident_id: int, actor: Actor, now: datetime, kind: str, text: str,
                 data: dict[str, Any] | None = None) -> None:
    """One entry on an incident's timeline, inside the caller's transaction."""
    session.execute(insert(IncidentNote).values(
        incident_id=incident_id, at=now, operator_id=actor.id, kind=NoteKind(kind), text=text,
        data=jsonable(data) if data is not None else None,
    ))
