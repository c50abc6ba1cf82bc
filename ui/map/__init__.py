"""The offline map of Purwakarta (no network, no tiles): desa and kecamatan borders from ``callcenter.geo``,
incidents, agency posts, units and a caller's location on top, choropleths of incident counts.

- ``MapView``: the canvas (pan/zoom, markers, signals ``incidentActivated(int)`` and
  ``locationPicked(float, float, object)``).
- ``MapPanel``: the canvas with a desa search, layer switches and, for supervisors, choropleth controls; its
  ``compact`` form sits beside the incident form.
- ``PositionDialog``: an admin clicks where an agency's post or a unit's base is.
- ``MapFeed``: fetches the markers through the console's job queue and follows the change feed.

Data comes in through plain dataclasses (``markers``); the widgets never touch the database: the console's
controllers fetch with ``callcenter.services.map_data.MapService`` on the worker thread and hand the rows over.

The names below load on first use, so importing ``ui.map.style`` (the error mapper does) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.map.feed import MapFeed
    from ui.map.markers import CallerLocation, IncidentMarker, PostMarker, UnitMarker
    from ui.map.panel import ChoroplethBar, MapPanel
    from ui.map.picker import PositionDialog
    from ui.map.view import MapView

_WHERE = {"MapFeed": "feed", "CallerLocation": "markers", "IncidentMarker": "markers", "PostMarker": "markers",
          "UnitMarker": "markers", "ChoroplethBar": "panel", "MapPanel": "panel", "PositionDialog": "picker",
          "MapView": "view"}

__all__ = ["CallerLocation", "ChoroplethBar", "IncidentMarker", "MapFeed", "MapPanel", "MapView", "PositionDialog",
           "PostMarker", "UnitMarker"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"ui.map.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'ui.map' has no attribute {name!r}")
