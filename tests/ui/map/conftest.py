from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from callcenter.geo.regions import Geography, load_geography
from ui.map.view import MapView


@pytest.fixture(scope="session")
def geography() -> Geography:
    return load_geography()


def settled(qtbot: QtBot, view: MapView) -> None:
    """Wait until the borders for the current view are drawn (they render on a worker thread)."""
    view.repaint()
    qtbot.waitUntil(view.base_is_current, timeout=10_000)
    view.repaint()


@pytest.fixture
def view(qtbot: QtBot, geography: Geography) -> Iterator[MapView]:
    widget = MapView(geography)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    settled(qtbot, widget)
    yield widget
    widget.wait_for_base()
