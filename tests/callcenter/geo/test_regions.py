"""Point -> desa/kecamatan on the shipped polygons, checked against the shared reference data."""

from __future__ import annotations

import csv
import fnmatch
import json
import tomllib
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel, unary_union

from callcenter.geo.regions import GEO_DIR, NEAR_M, Geography, load_geography
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def geography() -> Geography:
    return load_geography()


@pytest.fixture(scope="module")
def reference_desa() -> list[dict[str, object]]:
    """The shared data's desa features, read here with shapely independently of callcenter.geo."""
    with shared_path("data", "geo", "purwakarta_desa.geojson").open(encoding="utf-8") as handle:
        return list(json.load(handle)["features"])


@pytest.fixture(scope="module")
def wilayah() -> dict[str, dict[str, str]]:
    with shared_path("data", "purwakarta_wilayah.csv").open(encoding="utf-8") as handle:
        return {row["kode"]: row for row in csv.DictReader(handle)}


def test_the_regency_has_its_17_kecamatan_and_192_desa_with_official_codes(
        geography: Geography, wilayah: dict[str, dict[str, str]]) -> None:
    assert geography.kabupaten.code == "32.14"
    assert len(geography.kecamatan) == 17 and len(geography.desa) == 192
    assert set(geography.desa) == {code for code, row in wilayah.items() if row["tingkat"] == "desa_kelurahan"}
    assert set(geography.kecamatan) == {code for code, row in wilayah.items() if row["tingkat"] == "kecamatan"}
    for code, region in geography.desa.items():
        assert region.parent_code == wilayah[code]["kode_kecamatan"]
        assert region.parent_name == wilayah[code]["nama_kecamatan"]


def test_a_point_well_inside_each_of_the_192_desa_finds_that_desa(
        geography: Geography, reference_desa: list[dict[str, object]],
        wilayah: dict[str, dict[str, str]]) -> None:
    polygons = {str(feature["properties"]["kode"]): shape(feature["geometry"])  # type: ignore[index]
                for feature in reference_desa}
    assert len(polygons) == 192
    for code, polygon in polygons.items():
        # The pole of inaccessibility, kept only where it is well away from every other desa's border too.
        point = polylabel(polygon, tolerance=1e-6)
        near = point.buffer(0.01)
        neighbours = [other for other_code, other in polygons.items() if other_code != code and other.intersects(near)]
        clearance_m = min([polygon.exterior.distance(point), *(other.distance(point) for other in neighbours)]) \
            * 111_195
        assert clearance_m > 50, f"{code}: the test point is only {clearance_m:.0f} m from a border"
        found = geography.locate(point.y, point.x)
        assert found.inside and not found.approximate, code
        assert found.desa_code == code
        assert found.desa == wilayah[code]["nama"]
        assert found.kecamatan_code == wilayah[code]["kode_kecamatan"]
        assert found.kecamatan == wilayah[code]["nama_kecamatan"]


@pytest.mark.parametrize("name,latitude,longitude", [
    ("Jakarta (Monas)", -6.1754, 106.8272),
    ("Bandung (Gedung Sate)", -6.9025, 107.6188),
    ("Karawang", -6.3227, 107.3376),
    ("Subang", -6.5715, 107.7587),
    ("Cianjur", -6.8168, 107.1425),
    ("Waduk Cirata, far shore in Cianjur", -6.73, 107.28),
    ("Null Island", 0.0, 0.0),
    ("the other side of the world", 6.5569, -72.5567),
])
def test_points_outside_the_regency(geography: Geography, name: str, latitude: float, longitude: float) -> None:
    found = geography.locate(latitude, longitude)
    assert not found.inside, name
    assert found.warning == "outside"
    assert (found.desa_code, found.desa, found.kecamatan_code, found.kecamatan) == (None, None, None, None)
    assert found.distance_m > NEAR_M


def _outward(geography: Geography, metres: float) -> list[tuple[float, float]]:
    """Twenty points all round the regency, ``metres`` beyond the outline of its desa."""
    outline = unary_union([region.geometry for region in geography.desa.values()])
    ring = shapely.Polygon(outline.exterior).buffer(metres / 111_195).exterior
    points = [ring.interpolate(i / 20, normalized=True) for i in range(20)]
    assert all(abs(outline.distance(point) * 111_195 - metres) < metres * 0.05 for point in points)
    return [(point.y, point.x) for point in points]


def test_just_beyond_the_simplified_border_is_the_nearest_desa_with_a_warning(geography: Geography) -> None:
    for latitude, longitude in _outward(geography, 120):
        found = geography.locate(latitude, longitude)
        assert found.inside and found.approximate and found.warning == "near_border"
        assert found.desa_code in geography.desa
        assert found.kecamatan_code == geography.desa[found.desa_code].parent_code
        assert 0 < found.distance_m <= NEAR_M


def test_two_kilometres_beyond_the_border_is_outside(geography: Geography) -> None:
    for latitude, longitude in _outward(geography, 2000):
        assert not geography.locate(latitude, longitude).inside


def test_a_sliver_between_two_desa_goes_to_the_nearest(geography: Geography) -> None:
    outline = unary_union([region.geometry for region in geography.desa.values()])
    holes = sorted((shapely.Polygon(ring) for ring in outline.interiors), key=lambda hole: -hole.area)
    point = polylabel(holes[0], tolerance=1e-7)
    found = geography.locate(point.y, point.x)
    assert found.inside and found.approximate
    nearest = min(geography.desa.values(), key=lambda region: region.geometry.distance(point))
    assert found.desa_code == nearest.code


def test_repeated_names_are_told_apart_by_code(geography: Geography) -> None:
    by_name: dict[str, list[str]] = {}
    for code, region in geography.desa.items():
        by_name.setdefault(region.name, []).append(code)
    repeated = {name: codes for name, codes in by_name.items() if len(codes) > 1}
    assert {"Citalang", "Sindangsari", "Cibodas", "Pasanggrahan"} <= set(repeated)
    for codes in repeated.values():
        for code in codes:
            latitude, longitude = geography.desa[code].anchor
            assert geography.locate(latitude, longitude).desa_code == code
        assert len({geography.desa[code].display_name for code in codes}) == len(codes)


def test_markers_of_the_two_desa_whose_centroid_is_outside_stay_in_their_desa(geography: Geography) -> None:
    for code in ("32.14.10.2001", "32.14.17.2004"):
        region = geography.desa[code]
        assert geography.locate(*region.centroid).desa_code != code  # the published centroid misleads
        assert geography.locate(*region.anchor).desa_code == code
    inside = [region for region in geography.desa.values() if region.code not in ("32.14.10.2001", "32.14.17.2004")]
    assert all(region.anchor == region.centroid for region in inside)


def test_kelurahan_and_desa_are_told_apart(geography: Geography, wilayah: dict[str, dict[str, str]]) -> None:
    kinds = {region.kind for region in geography.desa.values()}
    assert kinds == {"desa", "kelurahan"}
    assert sum(region.kind == "kelurahan" for region in geography.desa.values()) == 9
    for code, region in geography.desa.items():
        assert region.kind == wilayah[code]["jenis"]


def test_invalid_numbers_are_refused(geography: Geography) -> None:
    for latitude, longitude in ((91.0, 107.0), (-6.5, 181.0), (float("nan"), 107.0), (float("inf"), 0.0)):
        with pytest.raises(ValueError):
            geography.locate(latitude, longitude)


def test_the_map_data_and_its_licence_ship_as_package_data() -> None:
    shipped = {path.name for path in GEO_DIR.iterdir() if path.is_file()}
    assert {"purwakarta_kabupaten.geojson", "purwakarta_kecamatan.geojson", "purwakarta_desa.geojson",
            "LICENSE-cahyadsn-wilayah_boundaries", "SOURCES.md"} <= shipped
    assert "MIT License" in (GEO_DIR / "LICENSE-cahyadsn-wilayah_boundaries").read_text(encoding="utf-8")
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["*"]
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in globs), f"{name} would not be installed"
    for name in ("purwakarta_desa.geojson", "purwakarta_kecamatan.geojson", "purwakarta_kabupaten.geojson"):
        assert (GEO_DIR / name).read_bytes() == shared_path("data", "geo", name).read_bytes()
