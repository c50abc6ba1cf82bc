"""The map canvas as a user meets it: real widget, real polygons, real mouse and keys (offscreen)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from callcenter.geo.choropleth import colour_for
from callcenter.geo.regions import Geography
from tests.ui.map.conftest import settled
from ui.map import overlays, style
from ui.map.markers import CallerLocation, IncidentMarker, PostMarker, UnitMarker
from ui.map.view import MapView

SUKATANI_CIBODAS = "32.14.05.2010"
BUNGURSARI_CIBODAS = "32.14.13.2009"
OUTSIDE = (-6.30, 107.30)  # Karawang, north-west of the regency


def pixel(view: MapView, point: QPointF) -> QColor:
    image: QImage = view.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


def near(a: QColor, b: QColor, tolerance: int = 14) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def anchor(geography: Geography, code: str) -> tuple[float, float]:
    return geography.desa[code].anchor


def test_the_whole_regency_is_drawn_on_open(view: MapView, geography: Geography) -> None:
    for code in (SUKATANI_CIBODAS, "32.14.01.1001", "32.14.17.2004"):  # the last: centroid outside its polygon
        point = view.screen_point(*anchor(geography, code))
        assert view.rect().contains(point.toPoint())
        assert near(pixel(view, point), style.LAND), code
    assert near(pixel(view, QPointF(3, 3)), style.WATER)
    assert near(pixel(view, QPointF(5, 300)), style.WATER)  # beside the regency


def test_a_click_picks_the_point_and_its_desa(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    latitude, longitude = anchor(geography, SUKATANI_CIBODAS)
    target = view.screen_point(latitude, longitude).toPoint()
    with qtbot.waitSignal(view.locationPicked, timeout=2000) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=target)
    got_lat, got_lon, code = picked.args
    metres_per_pixel = 1 / view.scale()
    assert abs(got_lat - latitude) * 110_574 < metres_per_pixel * 1.5
    assert abs(got_lon - longitude) * 109_900 < metres_per_pixel * 1.5
    assert code == SUKATANI_CIBODAS  # not the other Cibodas (Bungursari): the code tells them apart


def test_a_click_outside_the_regency_picks_a_point_without_a_desa(qtbot: QtBot, view: MapView) -> None:
    with qtbot.waitSignal(view.locationPicked, timeout=2000) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert picked.args[2] is None


def test_drag_pans_without_picking(qtbot: QtBot, view: MapView) -> None:
    picked: list[object] = []
    view.locationPicked.connect(lambda *args: picked.append(args))
    before = view.lat_lon_at(QPointF(400, 300))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    for x in range(405, 500, 15):
        qtbot.mouseMove(view, QPoint(x, 300), delay=5)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 300))
    after = view.lat_lon_at(QPointF(400, 300))
    assert after[1] < before[1]  # the map moved right: the centre now shows a point further west
    assert picked == []


def test_keys_zoom_pan_fit_and_pick(qtbot: QtBot, view: MapView) -> None:
    view.setFocus()
    fitted = view.scale()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.scale() == pytest.approx(fitted * 1.5)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.scale() == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    centre = view.lat_lon_at(QPointF(400, 300))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.lat_lon_at(QPointF(400, 300))[1] > centre[1]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.lat_lon_at(QPointF(400, 300))[0] > centre[0]
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.scale() == pytest.approx(fitted)
    with qtbot.waitSignal(view.locationPicked, timeout=2000) as picked:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert picked.args[:2] == pytest.approx(view.lat_lon_at(QPointF(400, 300)))


def test_the_wheel_zooms_at_the_cursor(view: MapView) -> None:
    cursor = QPointF(250, 200)
    before = view.lat_lon_at(cursor)
    scale = view.scale()
    event = QWheelEvent(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, event)
    assert view.scale() == pytest.approx(scale * 1.25 ** 2)
    assert view.lat_lon_at(cursor) == pytest.approx(before, abs=1e-6)


def _markers(geography: Geography) -> list[IncidentMarker]:
    lat, lon = anchor(geography, "32.14.01.1001")
    return [IncidentMarker(1, "112/2026/000001", "P1", "dispatched", lat, lon, "32.14.01.1001", "Kebakaran"),
            IncidentMarker(2, "112/2026/000002", "P1", "dispatched", None, None, SUKATANI_CIBODAS, "Kebakaran"),
            IncidentMarker(3, "112/2026/000003", "P4", "dispatched", None, None, BUNGURSARI_CIBODAS, "Info")]


def test_exact_and_centroid_markers_look_different_and_priority_colours_them(qtbot: QtBot, view: MapView,
                                                                              geography: Geography) -> None:
    view.set_incidents(_markers(geography))
    view.repaint()
    exact = view.screen_point(*anchor(geography, "32.14.01.1001"))
    centroid = view.screen_point(*anchor(geography, SUKATANI_CIBODAS))
    blue = view.screen_point(*anchor(geography, BUNGURSARI_CIBODAS))
    assert near(pixel(view, exact), style.PRIORITY_COLOURS["P1"])
    assert not near(pixel(view, centroid), style.PRIORITY_COLOURS["P1"], 6)  # faded: "about here"
    assert pixel(view, centroid).red() > pixel(view, centroid).blue() + 60  # but still P1's red
    assert pixel(view, blue).blue() > pixel(view, blue).red()  # P4 is blue
    exact_sprite = style.incident_sprite("P1", "dispatched", True, style.MARKER_RADIUS, 1.0).toImage()
    centroid_sprite = style.incident_sprite("P1", "dispatched", False, style.MARKER_RADIUS, 1.0).toImage()
    corner = QPoint(int(exact_sprite.width() / 2 + style.MARKER_RADIUS * 0.62),
                    int(exact_sprite.height() / 2 + style.MARKER_RADIUS * 0.62))
    assert exact_sprite.pixelColor(corner) != centroid_sprite.pixelColor(corner)  # circle vs diamond


def test_status_is_visible_on_the_marker() -> None:
    open_ring = style.incident_sprite("P2", "open", True, 7.0, 1.0).toImage()
    sent_ring = style.incident_sprite("P2", "dispatched", True, 7.0, 1.0).toImage()
    handled = style.incident_sprite("P2", "in_progress", True, 7.0, 1.0).toImage()
    middle = QPoint(open_ring.width() // 2, open_ring.height() // 2)
    edge = QPoint(open_ring.width() // 2 + 7, open_ring.height() // 2)
    assert open_ring.pixelColor(edge).lightness() < 80  # black ring: not yet forwarded
    assert sent_ring.pixelColor(edge).lightness() > 180  # white ring once forwarded
    assert handled.pixelColor(middle).lightness() < 60  # a dot while an agency handles it


def test_double_click_opens_the_incident_under_the_mouse(qtbot: QtBot, view: MapView,
                                                         geography: Geography) -> None:
    view.set_incidents(_markers(geography))
    target = view.screen_point(*anchor(geography, SUKATANI_CIBODAS)).toPoint()
    with qtbot.waitSignal(view.incidentActivated, timeout=2000) as opened:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=target)
    assert opened.args == [2]
    scale = view.scale()
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # empty: zooms in instead
    assert view.scale() == pytest.approx(scale * 2)


def test_many_incidents_in_one_desa_spread_so_each_can_be_opened(qtbot: QtBot, view: MapView) -> None:
    markers = [IncidentMarker(i, f"112/2026/{i:06d}", "P2", "open", None, None, SUKATANI_CIBODAS) for i in range(6)]
    view.set_incidents(markers)
    for _ in range(3):
        view.zoom_by(2.0)
    view.highlight_desa(SUKATANI_CIBODAS)
    settled(qtbot, view)
    positions = {marker.incident_id: point for marker, point in view.visible_incidents()}
    assert len(positions) == 6
    assert min(math.dist((a.x(), a.y()), (b.x(), b.y())) for i, a in positions.items()
               for j, b in positions.items() if i < j) >= 8
    for incident_id, point in positions.items():
        assert view.incident_at(point) is not None
        assert view.incident_at(point).incident_id == incident_id  # type: ignore[union-attr]


def _tooltip(view: MapView, point: QPointF) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), view.mapToGlobal(point.toPoint()))
    QApplication.sendEvent(view, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hover_names_the_incident_or_the_desa(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    view.set_incidents(_markers(geography))
    text = _tooltip(view, view.screen_point(*anchor(geography, "32.14.01.1001")))
    assert "112/2026/000001" in text and "Kebakaran" in text and "exact coordinates" in text
    text = _tooltip(view, view.screen_point(*anchor(geography, SUKATANI_CIBODAS)))
    assert "112/2026/000002" in text and "desa centroid" in text
    view.set_incidents([])
    assert _tooltip(view, view.screen_point(*anchor(geography, SUKATANI_CIBODAS))) == "Desa Cibodas, Kec. Sukatani"
    assert view.tooltip_at(QPointF(3, 3)) is None


def test_posts_units_and_a_callers_accuracy_circle(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    lat, lon = anchor(geography, "32.14.01.1003")
    view.set_posts([PostMarker(1, "Damkar", "Dinas Pemadam Kebakaran", lat, lon)])
    ulat, ulon = anchor(geography, "32.14.01.1004")
    view.set_units([UnitMarker(7, "DAMKAR-01", "Damkar", "available", ulat, ulon)])
    clat, clon = anchor(geography, "32.14.05.2010")
    view.set_caller_location(CallerLocation(clat, clon, 1500))
    view.repaint()
    assert "Dinas Pemadam Kebakaran" in _tooltip(view, view.screen_point(lat, lon))
    assert "DAMKAR-01" in _tooltip(view, view.screen_point(ulat, ulon))
    centre = view.screen_point(clat, clon)
    inside = centre + QPointF(1500 * view.scale() * 0.6, 0)
    outside = centre + QPointF(1500 * view.scale() * 1.5, 0)
    assert pixel(view, inside).blue() > pixel(view, inside).red()  # the accuracy circle is tinted
    assert pixel(view, outside).blue() <= pixel(view, outside).red() + 10
    view.zoom_by(2.0)
    settled(qtbot, view)
    centre = view.screen_point(clat, clon)
    assert pixel(view, centre + QPointF(1500 * view.scale() * 0.9, 0)).blue() > \
        pixel(view, centre + QPointF(1500 * view.scale() * 0.9, 0)).red()  # the circle grew with the zoom


def test_highlight_centres_the_desa(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    view.highlight_desa(BUNGURSARI_CIBODAS)
    settled(qtbot, view)
    assert view.highlighted_desa() == BUNGURSARI_CIBODAS
    point = view.screen_point(*anchor(geography, BUNGURSARI_CIBODAS))
    assert abs(point.x() - 400) < 150 and abs(point.y() - 300) < 150
    assert view.scale() > 0.05
    colour = pixel(view, point)
    assert colour.red() > 240 and colour.blue() < 200  # the highlight's yellow over the land
    view.highlight_desa(None)
    settled(qtbot, view)
    assert near(pixel(view, point), style.LAND)


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_choropleth_fills_by_count_with_a_legend(qtbot: QtBot, view: MapView, geography: Geography,
                                                 level: str) -> None:
    counts = {"32.14.05": 40, "32.14.01": 3} if level == "kecamatan" else {SUKATANI_CIBODAS: 40, "32.14.01.1001": 3}
    view.set_choropleth(counts, level, "Kejadian")
    settled(qtbot, view)
    bins = view.choropleth_classes()
    assert bins is not None and bins[-1].high == 40
    for code, expected in ((SUKATANI_CIBODAS, 40), ("32.14.01.1001", 3), (BUNGURSARI_CIBODAS, 0)):
        point = view.screen_point(*anchor(geography, code)) + QPointF(0, 4)
        assert near(pixel(view, point), QColor(colour_for(expected, bins)), 20), code
    legend = QPointF(view.width() - 30, 20)
    assert not near(pixel(view, legend), style.WATER, 4)  # the legend box is there
    view.clear_choropleth()
    settled(qtbot, view)
    assert near(pixel(view, view.screen_point(*anchor(geography, SUKATANI_CIBODAS)) + QPointF(0, 4)), style.LAND)


def test_names_appear_as_you_zoom(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    def dark_pixels_near(code: str) -> int:
        image = view.grab().toImage()
        centre = view.screen_point(*anchor(geography, code))
        count = 0
        for dx in range(-30, 31, 2):
            for dy in range(-22, 2, 2):
                if image.pixelColor(int(centre.x() + dx), int(centre.y() + dy)).lightness() < 160:
                    count += 1
        return count

    far = dark_pixels_near("32.14.02.2005")
    view.centre_on(*anchor(geography, "32.14.02.2005"), scale=0.12)
    settled(qtbot, view)
    assert dark_pixels_near("32.14.02.2005") > far + 10  # the desa's name is written now


def test_compact_mode_is_smaller_and_quieter(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    view.set_incidents(_markers(geography))
    full_hint = view.sizeHint()
    view.set_compact(True)
    assert view.is_compact()
    assert view.sizeHint().width() < full_hint.width()
    settled(qtbot, view)
    assert near(pixel(view, QPointF(view.width() - 30, 20)), style.WATER, 6)  # no marker legend beside a form


def test_typed_coordinates_bring_the_pin_into_view(qtbot: QtBot, view: MapView, geography: Geography) -> None:
    latitude, longitude = anchor(geography, "32.14.17.2004")
    view.set_pin(latitude, longitude, centre=True)
    point = view.screen_point(latitude, longitude)
    assert abs(point.x() - 400) < 1 and abs(point.y() - 300) < 1
    assert view.scale() >= 0.08
    settled(qtbot, view)
    assert pixel(view, point + QPointF(0, -16)).red() > pixel(view, point + QPointF(0, -16)).green()  # the pin


def test_the_whole_regency_lies_beside_the_map_legend(qtbot: QtBot, styled: QApplication,
                                                     geography: Geography) -> None:
    """In the narrow side panel of a 1366-pixel screen the legend used to cover the east of the regency."""
    view = MapView(geography)
    qtbot.addWidget(view)
    view.resize(780, 390)
    view.show()
    qtbot.waitExposed(view)
    view.set_incidents([IncidentMarker(1, "112/2026/000001", "P1", "dispatched", None, None, "32.14.01.1001",
                                       "Kebakaran")])
    view.fit()
    regency = view.transform().mapRect(view.base.bounds)
    legend = overlays.legend_box(overlays.legend_rows(None, False, True), view.font(), view.width())
    assert not legend.isEmpty()
    assert QRectF(view.rect()).contains(regency)
    assert not regency.intersects(legend), (regency, legend)
