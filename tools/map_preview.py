"""Dev tool: the offline map with sample markers, to look at and to take screenshots of (not installed).

    python tools/map_preview.py                       the map tab with sample incidents, posts, units, a caller
    python tools/map_preview.py --choropleth          the supervisor's choropleth (sample counts per desa)
    python tools/map_preview.py --form                the compact map beside a mock incident form, wired as the
                                                      console will be (click fills kecamatan, desa, coordinates;
                                                      typing coordinates or choosing a desa moves the map)
    ... --lang en --desa 32.14.05.2010 --zoom 2 --screenshot docs/screenshots/map-tab-id.png

Under Xvfb: xvfb-run -a -s "-screen 0 1366x768x24" python tools/map_preview.py --screenshot out.png
The sample data is made up (seeded); nothing here touches a database or the network.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QWidget,
)

from callcenter.errors import ValidationError
from callcenter.geo.coordinates import CoordinateError, format_decimal, parse_coordinates
from callcenter.geo.regions import Geography, load_geography
from ui.map import CallerLocation, IncidentMarker, MapPanel, PostMarker, UnitMarker
from ui.map.style import coordinate_error_text, location_warning_text

POSTS = [(1, "Damkar", "Dinas Pemadam Kebakaran dan Penyelamatan", "32.14.01.1004"),
         (2, "Polres", "Polres Purwakarta", "32.14.01.1003"), (3, "RSUD", "RSUD Bayu Asih", "32.14.01.1002"),
         (4, "BPBD", "BPBD Kabupaten Purwakarta", "32.14.01.1007"), (5, "Damkar", "Pos Damkar Jatiluhur",
                                                                     "32.14.03.2003")]
UNITS = [("DAMKAR-01", "Damkar", "available", "32.14.01.1004"), ("DAMKAR-02", "Damkar", "en_route", "32.14.01.1005"),
         ("AMB-RSUD-1", "RSUD", "on_scene", "32.14.02.2005"), ("PATROLI-3", "Polres", "available", "32.14.06.2001"),
         ("BPBD-R1", "BPBD", "out_of_service", "32.14.01.1007")]
SUMMARIES = ["Kebakaran — rumah warga", "Kecelakaan lalu lintas — Jl. raya", "Pohon tumbang — menutup jalan",
             "Kesehatan — butuh ambulans", "Banjir — jalan desa tergenang", "Orang hilang — anak 7 tahun"]


def sample_incidents(geography: Geography, count: int, seed: int) -> list[IncidentMarker]:
    rng = random.Random(seed)
    codes = list(geography.desa)
    markers = []
    for number in range(1, count + 1):
        code = rng.choice(codes[:40]) if rng.random() < 0.5 else rng.choice(codes)
        region = geography.desa[code]
        exact = rng.random() < 0.6
        lat, lon = region.anchor
        if exact:
            lat += rng.uniform(-0.004, 0.004)
            lon += rng.uniform(-0.004, 0.004)
        markers.append(IncidentMarker(
            number, f"112/2026/{number:06d}", rng.choices(["P1", "P2", "P3", "P4"], [2, 3, 3, 1])[0],
            rng.choice(["open", "dispatched", "in_progress", "resolved"]), lat if exact else None,
            lon if exact else None, code, f"{rng.choice(SUMMARIES)}, {region.name}"))
    return markers


def place(geography: Geography, code: str, rng: random.Random) -> tuple[float, float]:
    lat, lon = geography.desa[code].anchor
    return lat + rng.uniform(-0.002, 0.002), lon + rng.uniform(-0.002, 0.002)


def fill(panel: MapPanel, geography: Geography, seed: int, count: int) -> None:
    rng = random.Random(seed)
    view = panel.view
    view.set_incidents(sample_incidents(geography, count, seed))
    view.set_posts([PostMarker(agency_id, short, name, *place(geography, code, rng))
                    for agency_id, short, name, code in POSTS])
    view.set_units([UnitMarker(index, call_sign, agency, status, *place(geography, code, rng),
                               approximate=index == 4) for index, (call_sign, agency, status, code) in
                    enumerate(UNITS, start=1)])
    lat, lon = geography.desa["32.14.05.2010"].anchor
    view.set_caller_location(CallerLocation(lat + 0.003, lon - 0.002, 650))


class MockForm(QWidget):
    """The three location fields of the incident form, wired to the compact map as the console will be."""

    def __init__(self, geography: Geography, panel: MapPanel) -> None:
        super().__init__()
        self.geography = geography
        self.panel = panel
        layout = QFormLayout(self)
        layout.addRow(QLabel("<b>Kejadian baru</b> (tiruan formulir)"))
        self.kecamatan = QComboBox()
        self.kecamatan.addItem("", None)
        for code, region in geography.kecamatan.items():
            self.kecamatan.addItem(region.name, code)
        self.desa = QComboBox()
        self.desa.addItem("", None)
        for code, region in sorted(geography.desa.items(), key=lambda item: item[1].name):
            self.desa.addItem(f"{region.name} (Kec. {region.parent_name})", code)
        self.coordinates = QLineEdit()
        self.coordinates.setPlaceholderText("-6.5569, 107.4433 / tautan Google Maps / geo: / 6°33'24.8\"S ...")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        layout.addRow("Kecamatan", self.kecamatan)
        layout.addRow("Desa/Kelurahan", self.desa)
        layout.addRow("Koordinat", self.coordinates)
        layout.addRow("", self.note)
        panel.view.locationPicked.connect(self.picked)
        self.desa.activated.connect(lambda _: panel.view.highlight_desa(self.desa.currentData()))
        self.coordinates.editingFinished.connect(self.typed)

    def picked(self, latitude: float, longitude: float, desa_code: object) -> None:
        self.coordinates.setText(format_decimal(latitude, longitude))
        self.show_location(latitude, longitude)

    def typed(self) -> None:
        try:
            point = parse_coordinates(self.coordinates.text())
        except CoordinateError as error:
            self.note.setText(coordinate_error_text(error))
            return
        except ValidationError:
            return
        self.coordinates.setText(format_decimal(point.latitude, point.longitude))
        self.show_location(point.latitude, point.longitude)
        self.panel.view.set_pin(point.latitude, point.longitude, centre=True)

    def show_location(self, latitude: float, longitude: float) -> None:
        found = self.geography.locate(latitude, longitude)
        self.panel.view.set_pin(latitude, longitude)
        if found.desa_code:
            self.kecamatan.setCurrentIndex(self.kecamatan.findData(found.kecamatan_code))
            self.desa.setCurrentIndex(self.desa.findData(found.desa_code))
            self.panel.view.highlight_desa(found.desa_code, centre=False)
        self.note.setText(location_warning_text(found.warning, found.distance_m))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--choropleth", action="store_true")
    parser.add_argument("--form", action="store_true")
    parser.add_argument("--desa", default=None, help="highlight and centre this desa (Kemendagri code)")
    parser.add_argument("--zoom", type=float, default=1.0)
    parser.add_argument("--markers", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pick", default=None, help="with --form: a pasted coordinate to fill in")
    parser.add_argument("--screenshot", type=Path, default=None, help="save the window to this PNG and quit")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    from ui.i18n import Translations

    translations = Translations()
    if args.lang == "id":
        translations.install("id")
    geography = load_geography()
    window = QMainWindow()
    window.setWindowTitle("Konsol 112 — peta (pratinjau)")
    panel = MapPanel(geography, compact=args.form, choropleth=args.choropleth)
    if args.form:
        body = QWidget()
        row = QHBoxLayout(body)
        form = MockForm(geography, panel)
        row.addWidget(form, 3)
        row.addWidget(panel, 2)
        window.setCentralWidget(body)
    else:
        window.setCentralWidget(panel)
    fill(panel, geography, args.seed, args.markers)
    if args.choropleth:
        rng = random.Random(args.seed)
        counts = {code: int(rng.paretovariate(1.6)) - 1 + (6 if code.startswith("32.14.01.") else 0)
                  for code in geography.desa}
        panel.show_counts(counts, "desa")
    window.resize(1366, 768)
    window.show()
    panel.view.fit()
    if args.zoom != 1.0:
        panel.view.zoom_by(args.zoom)
    if args.desa:
        panel.view.highlight_desa(args.desa)
    if args.form and args.pick:
        form.coordinates.setText(args.pick)
        form.typed()
    if args.screenshot is not None:
        def shoot() -> None:
            if not panel.view.base_is_current():
                panel.view.update()
                QTimer.singleShot(100, shoot)
                return
            window.grab().save(str(args.screenshot))
            print(f"saved {args.screenshot}")
            app.quit()

        QTimer.singleShot(600, shoot)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
