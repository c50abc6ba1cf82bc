from __future__ import annotations

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM, Actor


def make_actor(db: Database, clock: ManualClock, username: str, role: Role) -> Actor:
    info = AuthService(db, clock).create_operator(SYSTEM, username, username.title(), role, "rahasia-123")
    return info.as_actor()


@pytest.fixture
def operator(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "asep", Role.OPERATOR)


@pytest.fixture
def supervisor(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "hendra", Role.SUPERVISOR)


@pytest.fixture
def admin(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "admin", Role.ADMIN)


def ring(db: Database, clock: ManualClock, number: str | None, *, line: str = "1", name: str | None = None,
         source: str = "test") -> int:
    """A real incoming call through intake; returns the committed call id."""
    from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
    from callcenter.services.intake import IntakeService

    event = CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=clock(), raw=f"CID {number}",
                          line=line, number=number, name=name,
                          presentation=Presentation.ALLOWED if number else Presentation.PRIVATE)
    notices = IntakeService(db, clock=clock).process([(source, event)])
    assert len(notices) == 1, notices
    return notices[0].call_id
