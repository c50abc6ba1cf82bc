"""Shared set-up for the supervisor and audit trail tests: answered calls and an incident, made as a desk makes them."""

from __future__ import annotations

from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType, Priority
from callcenter.db.models import Category
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentDraft, IncidentService
from tests.callcenter.services.conftest import ring


def answer(db: Database, clock: ManualClock, actor: Actor, number: str, after_s: float,
           call_type: CallType = CallType.PRANK) -> int:
    call_id = ring(db, clock, number)
    clock.advance(after_s)
    CallService(db, clock).claim(actor, call_id)
    CallService(db, clock).classify(actor, call_id, call_type)
    return call_id


def new_incident(db: Database, clock: ManualClock, actor: Actor, priority: Priority = Priority.P1) -> int:
    with db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    return IncidentService(db, clock).create(actor, IncidentDraft(
        category_id=category_id, priority=priority, description="Rumah terbakar", address="Jl. Veteran 1")).id
