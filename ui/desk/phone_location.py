"""The caller's own position (Advanced Mobile Location) at the desk: the line under the call in hand
("lokasi HP: ±14 m, 20 detik lalu, Desa X, Kec. Y"), the point and its accuracy circle on the compact map, and
one key (Ctrl+L) that puts it into the incident form. A later, better fix replaces what is shown; the operator
decides what the incident keeps by taking it (or typing their own).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from callcenter.services.base import Actor
from callcenter.services.calls import CallInfo
from callcenter.services.feed import Change
from callcenter.services.location_views import CallLocations, IncidentLocation, LocationViews, banner_text
from ui.desk.call_flow import CallFlow
from ui.desk.map_desk import MapDesk
from ui.errors import error_text
from ui.main_window import MainWindow
from ui.map.markers import CallerLocation
from ui.views.common import current_language
from ui.worker import DbWorker

log = logging.getLogger(__name__)

TAKE_LOCATION = "Ctrl+L"
AGE_TICK_MS = 5000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class PhoneLocation(QObject):
    def __init__(self, window: MainWindow, worker: DbWorker, locations: LocationViews, actor: Actor,
                 flow: CallFlow, map_desk: MapDesk) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.locations = locations
        self.actor = actor
        self.flow = flow
        self.map_desk = map_desk
        self.shown: CallLocations | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(AGE_TICK_MS)
        self._ticker.timeout.connect(self._show)
        flow.call_changed.connect(self._call_changed)
        window.shortcuts.add(window, TAKE_LOCATION, _t("Put the caller's phone location into the incident form"),
                             self.take)

    def _call_changed(self, call: CallInfo | None) -> None:
        self.shown = None
        self._show()
        if call is not None:
            self.refresh()

    def refresh(self) -> None:
        call = self.flow.current
        if call is None:
            return
        call_id, locations = call.id, self.locations
        self.worker.run(self, lambda: locations.for_call(call_id), self._loaded,
                        lambda exc: log.warning("phone location not read: %s", exc))

    def _loaded(self, found: CallLocations) -> None:
        if self.flow.current is None or found.call_id != self.flow.current.id:
            return  # the operator has moved on to another call
        self.shown = found if found.items else None
        self._show()

    def _show(self) -> None:
        shown = self.shown
        view = (shown.best or shown.items[0]) if shown is not None and shown.items else None
        if view is None:
            self._ticker.stop()
            self.window.call_form.show_location("")
            self.map_desk.show_caller(None)
            return
        self.window.call_form.show_location(banner_text(view, self.flow.ringing.banner.clock(), current_language())
                                            + ("   [" + TAKE_LOCATION + "]" if view.has_fix else ""))
        if view.has_fix and view.latitude is not None and view.longitude is not None:
            self.map_desk.show_caller(CallerLocation(view.latitude, view.longitude, view.radius_m))
        if not self._ticker.isActive():
            self._ticker.start()

    def on_changes(self, changes: list[Change]) -> None:
        """A location arrived for the call in hand (or a better fix): show it."""
        call = self.flow.current
        if call is not None and any(c.entity == "call" and c.action == "location" and c.entity_id == str(call.id)
                                    for c in changes):
            self.refresh()

    def take(self) -> None:
        """Ctrl+L: the phone's best fix into the form (coordinates, desa and kecamatan, a landmark line)."""
        shown = self.shown
        if self.flow.mode not in ("incident", "report") or shown is None or shown.best is None:
            self.window.show_status(_t("There is no phone location for the call in hand."), True)
            return
        location_id, locations, actor = shown.best.id, self.locations, self.actor
        self.worker.run(self, lambda: locations.take_for_incident(actor, location_id, lang=current_language()),
                        self._taken, lambda exc: self.window.show_status(error_text(exc), True))

    def _taken(self, place: IncidentLocation) -> None:
        form = self.window.incident_form
        form.set_coordinates(place.latitude, place.longitude)
        if place.desa_code:
            form.set_place(place.desa_code)
        if not form.landmark.text().strip():
            form.landmark.setText(place.landmark)
        self.window.show_status(_t("The phone's location is in the form: check it with the caller."))
