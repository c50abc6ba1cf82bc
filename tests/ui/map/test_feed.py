"""The live map follows the database: a real SQLite database, real services, the change feed's entries."""

from __future__ import annotations

from functools import partial

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
from ui.worker import DbWorker


def test_markers_follow_the_change_feed(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                        geography: Geography) -> None:
    view = MapView(geography)
    qtbot.addWidget(view)
    service = MapService(sqlite_db, clock)
    worker = DbWorker()  # the console's job queue: every query runs on its thread
    feed = MapFeed(partial(worker.run, view), service, view)
    follower = FeedFollower(sqlite_db)
    try:
        _follow(qtbot, worker, feed, follower, view, sqlite_db, clock)
    finally:
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
        worker.stop()


def _follow(qtbot: QtBot, worker: DbWorker, feed: MapFeed, follower: FeedFollower, view: MapView,
            sqlite_db: Database, clock: ManualClock) -> None:
    auth = AuthService(sqlite_db, clock)
    operator = auth.create_operator(SYSTEM, "asep", "Asep", Role.OPERATOR, "rahasia-123").as_actor()
    admin = auth.create_operator(SYSTEM, "admin", "Admin", Role.ADMIN, "rahasia-123").as_actor()
    service = feed.service
    feed.refresh()
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
    assert view.incidents() == []
    with sqlite_db.read() as session:
        category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
        damkar = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
    incidents = IncidentService(sqlite_db, clock)
    created = incidents.create(operator, IncidentDraft(category_id=category, priority=Priority.P1,
                                                      desa_code="32.14.05.2010", description="Kebakaran"))
    service.set_agency_position(admin, damkar, -6.55, 107.44)  # type: ignore[arg-type]
    feed.on_changes(follower.poll())
    qtbot.waitUntil(lambda: len(view.incidents()) == 1 and len(view.posts()) == 1, timeout=5000)
    [marker] = view.incidents()
    assert (marker.incident_id, marker.priority, marker.status, marker.exact) == (created.id, "P1", "open", False)
    assert [post.short_name for post in view.posts()] == ["Damkar"]
    incidents.close(operator, created.id, "selesai")
    feed.on_changes(follower.poll())
    qtbot.waitUntil(lambda: view.incidents() == [], timeout=5000)  # closed: off the live map


def test_the_supervisors_period_and_choropleth(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                               geography: Geography) -> None:
    from datetime import timedelta

    from callcenter.clock import to_wib
    from ui.map import MapPanel

    auth = AuthService(sqlite_db, clock)
    operator = auth.create_operator(SYSTEM, "asep", "Asep", Role.OPERATOR, "rahasia-123").as_actor()
    supervisor = auth.create_operator(SYSTEM, "hendra", "Hendra", Role.SUPERVISOR, "rahasia-123").as_actor()
    with sqlite_db.read() as session:
        category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    incidents = IncidentService(sqlite_db, clock)
    start = clock()
    first = incidents.create(operator, IncidentDraft(category_id=category, priority=Priority.P2,
                                                    desa_code="32.14.05.2010", description="Kebakaran"))
    incidents.close(operator, first.id, "selesai")
    incidents.create(operator, IncidentDraft(category_id=category, priority=Priority.P1, desa_code="32.14.01.1001",
                                             description="Kebakaran"))
    panel = MapPanel(geography, choropleth=True)
    qtbot.addWidget(panel)
    worker = DbWorker()
    feed = MapFeed(partial(worker.run, panel), MapService(sqlite_db, clock), panel.view)
    try:
        feed.show_period(supervisor, start, start + timedelta(hours=8))
        qtbot.waitUntil(lambda: len(panel.view.incidents()) == 2, timeout=5000)  # the closed one too
        assert {m.status for m in panel.view.incidents()} == {"closed", "open"}
        day = to_wib(start).date()
        feed.request_counts(supervisor, day, day, None, "kecamatan", panel)
        qtbot.waitUntil(lambda: panel.view.choropleth_classes() is not None, timeout=5000)
        assert panel.view.choropleth_classes()[-1].high == 1  # type: ignore[index]
        feed.show_live()
        qtbot.waitUntil(lambda: len(panel.view.incidents()) == 1, timeout=5000)
    finally:
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
        worker.stop()
