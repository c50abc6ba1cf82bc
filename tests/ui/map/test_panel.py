"""The map tab, the compact view, the supervisor's choropleth controls, the admin's position dialog, the words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QPointF, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from callcenter.db.enums import IncidentStatus, UnitStatus
from callcenter.geo.coordinates import CoordinateError, parse_coordinates
from callcenter.geo.regions import Geography
from callcenter.services.map_data import IncidentPoint, PostPoint, UnitPoint
from tests.ui.map.conftest import settled
from ui.i18n import compile_ts
from ui.map import IncidentMarker, MapPanel, PositionDialog, PostMarker, UnitMarker
from ui.map.style import coordinate_error_text, location_warning_text, status_text

TS = Path(__file__).resolve().parents[3] / "resources" / "translations" / "map_id.ts"


def test_finding_a_desa_by_name_highlights_the_right_one(qtbot: QtBot, geography: Geography) -> None:
    panel = MapPanel(geography)
    qtbot.addWidget(panel)
    panel.resize(900, 650)
    panel.show()
    panel.search.setText("Desa Cibodas, Kec. Bungursari")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.view.highlighted_desa() == "32.14.13.2009"  # the other Cibodas is in Sukatani
    panel.search.setText("Nagri Kidul")  # one match is enough
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.view.highlighted_desa() == "32.14.01.1001"
    panel.search.setText("Cibodas")  # two matches: nothing is guessed
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.view.highlighted_desa() == "32.14.01.1001"


def test_layer_switches_and_the_status_line(qtbot: QtBot, geography: Geography) -> None:
    panel = MapPanel(geography)
    qtbot.addWidget(panel)
    panel.resize(900, 650)
    panel.show()
    qtbot.waitExposed(panel)
    panel.view.fit()
    settled(qtbot, panel.view)
    lat, lon = geography.desa["32.14.01.1001"].anchor
    panel.view.set_incidents([IncidentMarker(5, "112/2026/000005", "P1", "open", lat, lon, "32.14.01.1001")])
    point = panel.view.screen_point(lat, lon)
    assert panel.view.incident_at(point) is not None
    panel.layer_boxes["incidents"].setChecked(False)
    assert panel.view.incident_at(point) is None
    qtbot.mouseMove(panel.view, point.toPoint())
    qtbot.waitUntil(lambda: "Nagri Kidul" in panel.status.text(), timeout=2000)
    shown_lat, shown_lon = (float(value) for value in panel.status.text().split(" — ")[0].split(", "))
    metres_per_pixel = 1 / panel.view.scale()
    assert abs(shown_lat - lat) * 110_574 < metres_per_pixel * 1.5
    assert abs(shown_lon - lon) * 109_900 < metres_per_pixel * 1.5


def test_compact_view_keeps_only_the_search(qtbot: QtBot, geography: Geography) -> None:
    panel = MapPanel(geography, compact=True, choropleth=True)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.view.is_compact()
    assert panel.search.isVisible()
    assert not panel.fit_button.isVisible() and not panel.choropleth_bar.isVisible()
    assert not any(box.isVisible() for box in panel.layer_boxes.values())


def test_the_supervisors_choropleth_controls(qtbot: QtBot, geography: Geography) -> None:
    panel = MapPanel(geography, choropleth=True)
    qtbot.addWidget(panel)
    panel.show()
    bar = panel.choropleth_bar
    assert bar.isVisible()
    bar.set_categories([(3, "Kebakaran"), (4, "Banjir")])
    bar.category.setCurrentIndex(1)
    bar.level.setCurrentIndex(1)
    bar.date_from.setDate(date(2026, 3, 10))
    bar.date_to.setDate(date(2026, 3, 1))  # the wrong way round: swapped, not refused
    with qtbot.waitSignal(bar.requested, timeout=1000) as request:
        qtbot.mouseClick(bar.show_button, Qt.MouseButton.LeftButton)
    assert request.args == [date(2026, 3, 1), date(2026, 3, 10), 3, "kecamatan"]
    panel.show_counts({"32.14.05": 12, "32.14.01": 2}, "kecamatan")
    assert panel.view.choropleth_classes() is not None
    assert not panel.layer_boxes["incidents"].isChecked()  # the colours speak; markers would hide them
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert panel.view.choropleth_classes() is None and panel.layer_boxes["incidents"].isChecked()


def test_an_admin_places_a_post_by_clicking(qtbot: QtBot, geography: Geography) -> None:
    dialog = PositionDialog(geography, "Posisi pos Damkar")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    view = dialog.panel.view
    view.fit()
    target = view.screen_point(*geography.desa["32.14.01.1003"].anchor).toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=target)
    assert ok.isEnabled() and dialog.point is not None
    assert geography.locate(*dialog.point).desa_code == "32.14.01.1003"
    assert "Nagri Tengah" in dialog.where.text()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, view.height() // 2))
    assert "Outside Kabupaten Purwakarta" in dialog.where.text()  # kept, with a warning
    bandung = PositionDialog(geography, "Basarnas", -6.9025, 107.6188)
    qtbot.addWidget(bandung)
    assert bandung.point == (-6.9025, 107.6188)


def test_markers_from_the_services_rows() -> None:
    at = datetime(2026, 3, 2, 3, tzinfo=UTC)
    point = IncidentPoint(9, "112/2026/000009", "P2", IncidentStatus.DISPATCHED, "Kebakaran", "Fire", "32.14.05",
                          "32.14.05.2010", None, None, "Cibodas", "Sukatani", "Kp. Babakan", at)
    marker = IncidentMarker.from_point(point)
    assert (marker.incident_id, marker.priority, marker.status, marker.exact) == (9, "P2", "dispatched", False)
    assert marker.summary == "Kebakaran — Kp. Babakan, Cibodas, Kec. Sukatani"
    assert IncidentMarker.from_point(point, english=True).summary.startswith("Fire — ")
    assert "desa centroid" in marker.tooltip()
    post = PostMarker.from_point(PostPoint(1, "damkar", "Damkar", "Dinas Pemadam", "damkar", -6.55, 107.44))
    assert (post.short_name, post.latitude) == ("Damkar", -6.55)
    unit = UnitMarker.from_point(UnitPoint(2, "DAMKAR-01", "mobil damkar", 1, "Damkar", UnitStatus.EN_ROUTE,
                                           "112/2026/000009", -6.5, 107.4, True))
    assert unit.status == "en_route" and "112/2026/000009" in unit.tooltip() and "centroid" in unit.tooltip()


def test_the_maps_words_in_indonesian(qtbot: QtBot, tmp_path: Path) -> None:
    """The map's own words (context Map) and the statuses from the one vocabulary (Words); that every string has
    its Indonesian is tests/ui/test_translations_complete.py's part."""
    translators = []
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))  # as Translations does
    for name in ("map_id", "words_id"):
        qm = compile_ts(TS.parent / f"{name}.ts", tmp_path)
        translator = QTranslator()
        assert translator.load(str(qm))
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    try:
        assert status_text("open") == "Terbuka"  # one word per thing: the queues say the same
        try:
            parse_coordinates("https://maps.app.goo.gl/abc")
        except CoordinateError as error:
            assert coordinate_error_text(error).startswith("Tautan pendek")
        assert location_warning_text("outside", 12_345) == \
            "Di luar Kabupaten Purwakarta (12,3 km dari batasnya). Titik tetap disimpan."  # an Indonesian decimal
    finally:
        QLocale.setDefault(previous)
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_the_point_under_the_mouse_round_trips(qtbot: QtBot, geography: Geography) -> None:
    panel = MapPanel(geography)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    panel.view.fit()
    point = QPointF(321.5, 222.25)
    back = panel.view.screen_point(*panel.view.lat_lon_at(point))
    assert (back.x(), back.y()) == pytest.approx((point.x(), point.y()))


def test_the_consoles_error_mapper_uses_the_maps_words() -> None:
    from ui.errors import error_text

    try:
        parse_coordinates("https://maps.app.goo.gl/abc")
    except CoordinateError as error:
        assert error_text(error) == coordinate_error_text(error)
        assert "shortened link" in error_text(error)
