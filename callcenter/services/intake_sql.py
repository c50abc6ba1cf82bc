"""The statements and small helpers of intake's hot path (kept apart so intake.py reads as the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.cid.base import is_dialable
from callcenter.cid.events import CallerIdEvent
from callcenter.db.models import Call, Caller


def event_time(event: CallerIdEvent) -> datetime:
    """When it happened: the source's own clock (AMI Timestamp) when it says, else when the frame arrived."""
    return event.occurred_at or event.received_at


def dialable_e164(number: str | None) -> str | None:
    """E.164 only for a dialable number: one kept with letters (a masked number) is never normalised."""
    return phone.to_e164(number) if is_dialable(number) else None


@dataclass(frozen=True, slots=True)
class Statements:
    insert_call: Any
    insert_calls: Any
    count_callers: Any


_STATEMENTS: dict[str, Statements] = {}


def statements_for(session: Session) -> Statements:
    """The hot path's statements for this database's dialect, built (and compiled, once cached) only once."""
    dialect = session.get_bind().dialect.name
    cached = _STATEMENTS.get(dialect)
    if cached is None:
        table = Call.__table__
        upsert = dialect_insert(session, Caller.__table__)
        callers = Caller.__table__.c
        cached = _STATEMENTS[dialect] = Statements(
            insert_call=insert(table).returning(table.c.id),  # type: ignore[arg-type]
            insert_calls=insert(table).returning(table.c.id, sort_by_parameter_order=True),  # type: ignore[arg-type]
            count_callers=upsert.on_conflict_do_update(index_elements=["e164"], set_={
                "call_count": callers.call_count + upsert.excluded.call_count,
                "last_seen": upsert.excluded.last_seen}),
        )
    return cached


def count_caller(session: Session, e164: str, at: datetime) -> None:
    """One more call from this number (the caller row is made on its first call)."""
    upsert = dialect_insert(session, Caller).values(
        e164=e164, first_seen=at, last_seen=at, call_count=1, prank_count=0, ghost_count=0)
    session.execute(upsert.on_conflict_do_update(
        index_elements=["e164"],
        set_={"call_count": Caller.call_count + 1, "last_seen": upsert.excluded.last_seen}))


def dialect_insert(session: Session, model: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
