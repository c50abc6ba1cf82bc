"""The map in the console: its tab (Ctrl+5), the compact map beside the incident form (a click fills the place,
a chosen desa is shown, a pasted link is read), and the supervisor's map of the shift."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callcenter.geo.regions import load_geography
from tests.ui.conftest import Console


def _to_the_form(qtbot: QtBot, console: Console) -> None:
    window = console.window
    qtbot.waitSignal(console.desk.map.ready, timeout=15000).wait() if console.desk.map.tab is None else None
    call_id = console.ring("081234567801")
    qtbot.waitUntil(lambda: window.banner.call_ids() == [call_id], timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.mode == "call", timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.mode == "incident", timeout=3000)


def test_a_click_on_the_compact_map_fills_the_place(qtbot: QtBot, console: Console) -> None:
    _to_the_form(qtbot, console)
    window, map_desk = console.window, console.desk.map
    assert map_desk.compact is not None and window.form_side.isVisible()
    view = map_desk.compact.view
    geography = load_geography()
    desa = geography.desa["32.14.09.2002"]  # Sukadami, Kec. Wanayasa
    latitude, longitude = desa.anchor  # a point inside it
    view.centre_on(latitude, longitude, 0.2)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.screen_point(latitude, longitude).toPoint())
    form = window.incident_form
    qtbot.waitUntil(lambda: form.desa_code() == "32.14.09.2002", timeout=3000)
    assert form.kecamatan.currentData() == "32.14.09"
    assert abs(float(form.latitude.text()) - latitude) < 0.01 and abs(float(form.longitude.text()) - longitude) < 0.01


def test_a_pasted_map_link_is_read_and_located(qtbot: QtBot, console: Console) -> None:
    _to_the_form(qtbot, console)
    form = console.window.incident_form
    form.latitude.setFocus()
    form.latitude.setText("https://www.google.com/maps/@-6.5569,107.4433,17z")
    form.latitude.editingFinished.emit()
    assert form.latitude.text() == "-6.556900" and form.longitude.text() == "107.443300"
    assert form.desa_code() == "32.14.01.1001"  # Nagri Kidul, Kec. Purwakarta
    form.latitude.setText("-6.0, 106.0")  # Jakarta Bay: accepted, with a warning
    form.latitude.editingFinished.emit()
    assert form.latitude.text() == "-6.000000"
    assert "Purwakarta" in console.window.status_label.text()


def test_the_map_tab_opens_with_its_key_and_the_supervisor_sees_the_shift(qtbot: QtBot,
                                                                            supervisor_console: Console) -> None:
    console = supervisor_console
    qtbot.waitSignal(console.desk.map.ready, timeout=15000).wait() if console.desk.map.tab is None else None
    window = console.window
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.side_tabs is not None and window.side_tabs.currentWidget() is console.desk.map.tab
    qtbot.keyClick(window, Qt.Key.Key_F12)
    supervision = console.desk.supervision
    assert supervision is not None and supervision.board_window is not None
    assert supervision.map_panel is not None  # board, phone messages, and the map of the shift
    assert supervision.board_window.tabs.indexOf(supervision.map_panel) == supervision.board_window.tabs.count() - 1
    assert QApplication.activeWindow() is not None
