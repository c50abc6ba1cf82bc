"""The caller's phone location at the desk: on the ringing card, under the call in hand, and into the incident
form with one key (Ctrl+L)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.geo.regions import load_geography
from callcenter.services.locations import LocationService
from tests.callcenter.services.test_locations import fix, sms
from tests.ui.conftest import Console


def test_the_phone_location_shows_and_goes_into_the_form_with_one_key(qtbot: QtBot, console: Console) -> None:
    window = console.window
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: window.banner.call_ids() == [call_id], timeout=3000)
    console.clock.advance(5)
    top = console.clock().strftime("%Y%m%d%H%M%S")
    stored = LocationService(console.db, console.clock).receive_sms(sms(console.clock, fix(top=top)))  # type: ignore[arg-type]
    assert stored.call_id == call_id
    qtbot.waitUntil(lambda: any("lokasi HP: ±14 m" in label.toolTip() for label in window.banner.findChildren(
        type(window.banner.title)) if hasattr(label, "full_text")), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.call_form.location.text().startswith("lokasi HP: ±14 m"), timeout=5000)
    place = load_geography().locate(-6.55612, 107.44321)  # the phone's fix, in the offline map's polygons
    assert f"Desa {place.desa}, Kec. {place.kecamatan}" in window.call_form.location.text()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.mode == "incident", timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    form = window.incident_form
    qtbot.waitUntil(lambda: form.latitude.text() == "-6.556120", timeout=5000)
    assert form.longitude.text() == "107.443210" and form.desa_code() == place.desa_code
    assert form.landmark.text().startswith("Lokasi HP ±14 m (GNSS)")
