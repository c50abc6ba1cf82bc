"""The live map follows the database: a real SQLite database, real services, the change feed's entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Priority, Role
from callcenter.db.models import Agency, Category
from callcenter.geo.regions import Geography
from callcenter.services.auth import AuthService
from callcenter.services.base import SYSTEM
from callcenter.services.feed import FeedFollower
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.map_data import MapService
from ui.map import MapFeed, MapView


def run_now(function: Callable[[], Any], on_done: Callable[[Any], object]) -> None:
    """The job queue, without its thread: what matters here is which jobs the feed asks for."""
    on_done(function())


def test_markers_follow_the_change_feed(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                        geography: Geography) -> None:
    auth = AuthService(sqlite_db, clock)
    operator = auth.create_operator(SYSTEM, "asep", "Asep", Role.OPERATOR, "rahasia-123").as_actor()
    admin = auth.create_operator(SYSTEM, "admin", "Admin", Role.ADMIN, "rahasia-123").as_actor()
    view = MapView(geography)
    qtbot.addWidget(view)
    service = MapService(sqlite_db, clock)
    feed = MapFeed(run_now, service, view)
    follower = FeedFollower(sqlite_db)
    feed.refresh()
    assert view.incidents() == []
    with sqlite_db.read() as session:
        category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
        damkar = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
    incidents = IncidentService(sqlite_db, clock)
    created = incidents.create(operator, IncidentDraft(category_id=category, priority=Priority.P1,
                                                      desa_code="32.14.05.2010", description="Kebakaran"))
    service.set_agency_position(admin, damkar, -6.55, 107.44)  # type: ignore[arg-type]
    feed.on_changes(follower.poll())
    [marker] = view.incidents()
    assert (marker.incident_id, marker.priority, marker.status, marker.exact) == (created.id, "P1", "open", False)
    assert [post.short_name for post in view.posts()] == ["Damkar"]
    incidents.close(operator, created.id, "selesai")
    feed.on_changes(follower.poll())
    assert view.incidents() == []  # closed: off the live map
