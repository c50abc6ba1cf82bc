"""MapFeed: keeps a MapView's incidents, posts and units current from ``MapService`` and the change feed.

The console hands it its database queue as ``submit(job, on_done)`` (the job runs on the worker's thread, on_done
back on the GUI thread while the view lives), so the GUI thread never waits on the database:

    feed = MapFeed(partial(worker.run, panel.view), MapService(db, clock), panel.view)
    bridge.feed_changes.connect(feed.on_changes)
    feed.refresh()

Change-feed entities it follows: ``incident`` (that incident's marker is fetched again, or removed once closed),
``unit`` (all units), ``agency`` (all posts); ``database`` (a reconnect) fetches everything again.

For the supervisor: ``show_period(actor, start, end)`` shows a period's incidents in any status instead of the open
ones (the shift's incidents), and ``request_counts`` answers the ``ChoroplethBar``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, Protocol

from callcenter.clock import WIB
from callcenter.db.enums import IncidentStatus
from callcenter.services.base import Actor
from callcenter.services.map_data import IncidentPoint, MapService, PostPoint, UnitPoint
from ui.map.markers import IncidentMarker, PostMarker, UnitMarker
from ui.map.panel import MapPanel
from ui.map.view import MapView

Submit = Callable[[Callable[[], Any], Callable[[Any], object]], object]


class ChangeLike(Protocol):
    @property
    def entity(self) -> str: ...

    @property
    def entity_id(self) -> str: ...


class MapFeed:
    def __init__(self, submit: Submit, service: MapService, view: MapView, *, english: bool = False,
                 show_closed: bool = False) -> None:
        self.submit = submit
        self.service = service
        self.view = view
        self.english = english
        self.show_closed = show_closed
        """False: the live map (open incidents only); True: a period's map keeps closed incidents too."""
        self._period: tuple[Actor, datetime, datetime, int | None] | None = None

    def refresh(self) -> None:
        """Everything again: incidents, posts, units."""
        self._fetch_incidents()
        self.submit(self.service.posts, self._posts)
        self.submit(self.service.units, self._units)

    def show_period(self, actor: Actor, start: datetime, end: datetime, category_id: int | None = None) -> None:
        """Incidents created in [start, end) in any status (a supervisor's shift), kept current."""
        self._period = (actor, start, end, category_id)
        self.show_closed = True
        self._fetch_incidents()

    def show_live(self) -> None:
        """Back to the open incidents."""
        self._period = None
        self.show_closed = False
        self._fetch_incidents()

    def request_counts(self, actor: Actor, date_from: date, date_to: date, category_id: int | None, level: str,
                       panel: MapPanel) -> None:
        """Counts for the choropleth, days in WIB from ``date_from`` to ``date_to`` inclusive; connect
        ``panel.choropleth_bar.requested`` here (with the actor bound)."""
        start = datetime.combine(date_from, time(0), WIB)
        end = datetime.combine(date_to + timedelta(days=1), time(0), WIB)
        self.submit(partial(self.service.incident_counts, actor, start, end, level=level, category_id=category_id),
                    partial(self._counts, panel, level))

    def _counts(self, panel: MapPanel, level: str, counts: dict[str, int]) -> None:
        panel.show_counts(counts, level)

    def _fetch_incidents(self) -> None:
        if self._period is None:
            self.submit(self.service.open_incidents, self._incidents)
        else:
            actor, start, end, category_id = self._period
            self.submit(partial(self.service.incidents_between, actor, start, end, category_id=category_id),
                        self._incidents)

    def on_changes(self, changes: Iterable[ChangeLike]) -> None:
        incidents: set[int] = set()
        posts = units = everything = False
        for change in changes:
            if change.entity == "incident" and change.entity_id.isdigit():
                incidents.add(int(change.entity_id))
            elif change.entity == "agency":
                posts = True
            elif change.entity == "unit":
                units = True
            elif change.entity == "database":
                everything = True
        if everything:
            self.refresh()
            return
        if incidents and self._period is not None:  # a period's few hundred incidents: fetch them again
            self._fetch_incidents()
            incidents = set()
        for incident_id in sorted(incidents):
            self.submit(partial(self.service.incident_point, incident_id), partial(self._incident, incident_id))
        if posts:
            self.submit(self.service.posts, self._posts)
        if units:
            self.submit(self.service.units, self._units)

    def _incidents(self, points: list[IncidentPoint]) -> None:
        self.view.set_incidents(IncidentMarker.from_point(point, self.english) for point in points)

    def _incident(self, incident_id: int, point: IncidentPoint | None) -> None:
        if point is None or (point.status is IncidentStatus.CLOSED and not self.show_closed):
            self.view.update_incident(None, incident_id)
        else:
            self.view.update_incident(IncidentMarker.from_point(point, self.english))

    def _posts(self, points: list[PostPoint]) -> None:
        self.view.set_posts(PostMarker.from_point(point) for point in points)

    def _units(self, points: list[UnitPoint]) -> None:
        self.view.set_units(UnitMarker.from_point(point) for point in points)
