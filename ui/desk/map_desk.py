"""The offline map in the desk: its own tab (Ctrl+5) with the open incidents, posts and units, and a compact map
beside the incident form where a click fills the coordinates, kecamatan and desa, a chosen desa is shown, pasted
coordinates are read, and the caller's phone location is drawn with its accuracy circle.

The polygons load on the render queue (they take a moment) and the maps are built when the desk is idle, so the
console's start and the first call never wait for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout

from callcenter.assembly import Services
from callcenter.geo.coordinates import CoordinateError, parse_coordinates
from callcenter.geo.regions import Geography, load_geography
from callcenter.services.feed import Change
from ui.desk.call_flow import CallFlow
from ui.errors import error_text
from ui.main_window import MainWindow
from ui.map.feed import MapFeed
from ui.map.layers import BaseMap
from ui.map.markers import CallerLocation
from ui.map.panel import MapPanel
from ui.map.style import location_warning_text
from ui.worker import DbWorker

log = logging.getLogger(__name__)

FOCUS_MAP = "Ctrl+5"
BUILD_WHEN_IDLE_MS = 800


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def _load_map() -> tuple[Geography, BaseMap, BaseMap]:
    """On the render worker: the polygons and the two maps' base layers (the map tab's and the compact one's);
    built on the GUI thread they stalled it ~0.3 s while calls rang."""
    geography = load_geography()
    return geography, BaseMap(geography), BaseMap(geography)


class MapDesk(QObject):
    ready = Signal()
    """The maps are built (tests wait for this)."""

    def __init__(self, window: MainWindow, worker: DbWorker, render: DbWorker, services: Services, flow: CallFlow,
                 open_incident: Callable[[int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.services = services
        self.flow = flow
        self._open_incident = open_incident
        self.geography: Geography | None = None
        self.tab: MapPanel | None = None
        self.compact: MapPanel | None = None
        self._feeds: list[MapFeed] = []
        self._bases: list[BaseMap] = []
        self._caller: CallerLocation | None = None
        render.run(self, _load_map, self._loaded, lambda exc: log.error("map not loaded: %s", exc))
        flow.mode_changed.connect(self._mode_changed)
        form = window.incident_form
        form.desa.currentIndexChanged.connect(self._desa_chosen)
        form.latitude.editingFinished.connect(self._coordinates_typed)

    # -- building ------------------------------------------------------------------------------------------
    def _loaded(self, loaded: tuple[Geography, BaseMap, BaseMap]) -> None:
        self.geography, *self._bases = loaded
        QTimer.singleShot(BUILD_WHEN_IDLE_MS, self, self._build_when_idle)

    def _build_when_idle(self) -> None:
        if self.flow.mode != "idle":  # never make the operator wait in the middle of a call
            QTimer.singleShot(BUILD_WHEN_IDLE_MS, self, self._build_when_idle)
            return
        self.build()

    def build(self) -> None:
        if self.geography is None or self.tab is not None:
            return
        geography = self.geography
        tab_base, compact_base = self._bases
        self.tab = MapPanel(geography, base=tab_base)
        self.window.add_side_panel(self.tab, _t("Map"), FOCUS_MAP, _t("Show the map of Purwakarta"))
        self.compact = MapPanel(geography, compact=True, base=compact_base)
        side = self.window.form_side
        layout = side.layout() or QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.compact)
        for panel in (self.tab, self.compact):
            feed = MapFeed(partial(self.worker.run, panel), self.services.map, panel.view)
            self._feeds.append(feed)
            feed.refresh()
            panel.view.incidentActivated.connect(self._open_incident)
        self.compact.view.locationPicked.connect(self._picked)
        self._mode_changed(self.flow.mode)
        if self._caller is not None:
            self.compact.view.set_caller_location(self._caller)
        self.ready.emit()

    def on_changes(self, changes: list[Change]) -> None:
        for feed in self._feeds:
            feed.on_changes(changes)

    # -- the incident form ---------------------------------------------------------------------------------
    def _mode_changed(self, mode: str) -> None:
        self.window.form_side.setVisible(self.compact is not None and mode in ("incident", "report"))
        if mode == "idle":
            self.show_caller(None)
            if self.compact is not None:
                self.compact.view.set_pin(None, None)

    def _picked(self, latitude: float, longitude: float, desa_code: object) -> None:
        """A click on the compact map: the coordinates, and the desa with its kecamatan."""
        form = self.window.incident_form
        form.set_coordinates(latitude, longitude)
        if isinstance(desa_code, str):
            form.set_place(desa_code)
        self._say_where(latitude, longitude)

    def _desa_chosen(self) -> None:
        code = self.window.incident_form.desa_code()
        if code is not None and self.compact is not None:
            self.compact.view.highlight_desa(code)

    def _coordinates_typed(self) -> None:
        """What people paste: "-6.5569, 107.4433", a Google Maps link, a geo: URI, degrees-minutes-seconds."""
        form = self.window.incident_form
        text = form.latitude.text().strip()
        if not text or (form.longitude.text().strip() and _plain_number(text)):
            return
        try:
            point = parse_coordinates(text)
        except CoordinateError as exc:
            if not _plain_number(text):
                self.window.show_status(error_text(exc), True)
            return
        form.set_coordinates(point.latitude, point.longitude)
        if self.geography is not None:
            found = self.geography.locate(point.latitude, point.longitude)
            if found.desa_code is not None:
                form.set_place(found.desa_code)
        self._say_where(point.latitude, point.longitude, centre=True)

    def _say_where(self, latitude: float, longitude: float, *, centre: bool = False) -> None:
        if self.compact is not None:
            self.compact.view.set_pin(latitude, longitude, centre=centre)
        if self.geography is None:
            return
        found = self.geography.locate(latitude, longitude)
        warning = location_warning_text(found.warning, found.distance_m)
        if warning:
            self.window.show_status(warning, True)
        elif found.desa:
            self.window.show_status(_t("Desa {desa}, Kec. {kecamatan}.").format(desa=found.desa,
                                                                                 kecamatan=found.kecamatan))

    def show_caller(self, location: CallerLocation | None) -> None:
        """The caller's phone location (AML) with its accuracy circle, on the compact map."""
        self._caller = location
        if self.compact is not None:
            self.compact.view.set_caller_location(location)


def _plain_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
