"""The regency's areas as geometry, and point -> desa/kecamatan lookup.

The desa polygons decide: the kecamatan outlines are coarser than their desa (see resources/geo/SOURCES.md), so
a point's kecamatan is its desa's kecamatan (from the Kemendagri code), never a second polygon test. A point in a
sliver between simplified desa polygons, or just beyond the (simplified) regency border, goes to the nearest desa
within ``NEAR_M`` and is marked ``approximate``; farther out it is outside Purwakarta.

A lookup asks an STR-tree of the desa polygons' bounding boxes first, then tests only the few candidates.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resources import ROOT as RESOURCES

if TYPE_CHECKING:
    from shapely import STRtree
    from shapely.geometry.base import BaseGeometry

GEO_DIR = RESOURCES / "geo"
FILES = {"kabupaten": "purwakarta_kabupaten.geojson", "kecamatan": "purwakarta_kecamatan.geojson",
         "desa": "purwakarta_desa.geojson"}
NEAR_M = 300.0
"""How far from a desa polygon a point still counts as in that desa (approximately): beyond the simplified
border's error (gaps of up to about 250 m between the desa and the regency outline)."""
METRES_PER_DEGREE = 111_195.0
"""A degree of latitude; at 6.5° S a degree of longitude is within 0.7% of it, so one factor serves both."""

Ring = tuple[tuple[float, float], ...]
"""A closed ring of (longitude, latitude) pairs, as GeoJSON orders them."""


@dataclass(frozen=True, slots=True, eq=False)
class Region:
    code: str
    name: str
    level: str
    """kabupaten | kecamatan | desa (desa and kelurahan alike; see ``kind``)."""
    parent_code: str | None
    parent_name: str | None
    rings: tuple[Ring, ...]
    """Every ring of the area's polygons (outer rings and holes): fill them even-odd."""
    centroid: tuple[float, float]
    """(lat, lon) as published; may lie outside the polygon (two desa): draw at ``anchor`` instead."""
    anchor: tuple[float, float]
    """(lat, lon) inside the polygon: the centroid when it is inside, else the pole of inaccessibility."""
    bbox: tuple[float, float, float, float]
    """min_lon, min_lat, max_lon, max_lat."""
    geometry: BaseGeometry = field(repr=False)

    @property
    def kind(self) -> str:
        """``kelurahan`` (Kemendagri code 1xxx), ``desa`` (2xxx), else the level."""
        if self.level == "desa":
            return "kelurahan" if self.code.rsplit(".", 1)[1].startswith("1") else "desa"
        return self.level

    @property
    def display_name(self) -> str:
        """``Desa Cibodas, Kec. Sukatani``: unambiguous where desa names repeat."""
        if self.level == "desa":
            prefix = "Kel." if self.kind == "kelurahan" else "Desa"
            return f"{prefix} {self.name}, Kec. {self.parent_name}"
        if self.level == "kecamatan":
            return f"Kec. {self.name}"
        return self.name


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point is. ``inside`` False is the warning a form shows ("outside Purwakarta"); the point is still
    valid and kept."""

    latitude: float
    longitude: float
    inside: bool
    kecamatan_code: str | None = None
    kecamatan: str | None = None
    desa_code: str | None = None
    desa: str | None = None
    approximate: bool = False
    """Matched to the nearest desa (a sliver between simplified borders, or just beyond the border)."""
    distance_m: float = 0.0
    """From the matched desa's polygon when approximate; from the nearest desa when outside; else 0."""

    @property
    def warning(self) -> str | None:
        """``outside`` (not in Purwakarta), ``near_border`` (approximate match) or None."""
        if not self.inside:
            return "outside"
        return "near_border" if self.approximate else None

    def to_json(self) -> dict[str, Any]:
        return {"inside": self.inside, "kecamatan_code": self.kecamatan_code, "kecamatan": self.kecamatan,
                "desa_code": self.desa_code, "desa": self.desa, "latitude": self.latitude,
                "longitude": self.longitude, "approximate": self.approximate, "warning": self.warning,
                "distance_m": round(self.distance_m, 1)}


class Geography:
    """The regency, its kecamatan and desa (by code, in code order) and the lookup over them."""

    def __init__(self, kabupaten: Region, kecamatan: list[Region], desa: list[Region]) -> None:
        import shapely

        self.kabupaten = kabupaten
        self.kecamatan: dict[str, Region] = {region.code: region for region in kecamatan}
        self.desa: dict[str, Region] = {region.code: region for region in desa}
        self._desa_list = list(self.desa.values())
        geometries = [region.geometry for region in self._desa_list]
        for geometry in geometries:
            shapely.prepare(geometry)
        shapely.prepare(kabupaten.geometry)
        self._tree: STRtree = shapely.STRtree(geometries)
        self._lock = threading.Lock()  # STRtree queries are not documented as thread-safe; they are microseconds
        min_lon, min_lat, max_lon, max_lat = kabupaten.bbox
        for region in desa:
            min_lon, min_lat = min(min_lon, region.bbox[0]), min(min_lat, region.bbox[1])
            max_lon, max_lat = max(max_lon, region.bbox[2]), max(max_lat, region.bbox[3])
        self.bounds = (min_lon, min_lat, max_lon, max_lat)

    def region(self, code: str) -> Region | None:
        if code == self.kabupaten.code:
            return self.kabupaten
        return self.kecamatan.get(code) or self.desa.get(code)

    def desa_of(self, kecamatan_code: str) -> list[Region]:
        return [region for region in self._desa_list if region.parent_code == kecamatan_code]

    def locate(self, latitude: float, longitude: float) -> Location:
        """The desa and kecamatan at a point (WGS84 degrees). Invalid numbers raise ValueError."""
        import shapely

        if not (math.isfinite(latitude) and math.isfinite(longitude)) or abs(latitude) > 90 or abs(longitude) > 180:
            raise ValueError(f"not a point on Earth: {latitude!r}, {longitude!r}")
        point = shapely.Point(longitude, latitude)
        with self._lock:
            candidates = [int(i) for i in self._tree.query(point, predicate="intersects")]
            nearest, distance = (None, 0.0)
            if not candidates:
                indices, distances = self._tree.query_nearest(point, return_distance=True, all_matches=False)
                if len(indices):
                    nearest, distance = int(indices[0]), float(distances[0]) * METRES_PER_DEGREE
        if len(candidates) > 1:  # neighbours' simplified polygons overlap a little: the one it lies deeper in
            candidates.sort(key=lambda i: -self._desa_list[i].geometry.boundary.distance(point))
        if candidates:
            return self._location(latitude, longitude, self._desa_list[candidates[0]], approximate=False)
        in_outline = bool(shapely.contains_xy(self.kabupaten.geometry, longitude, latitude))
        if nearest is not None and (distance <= NEAR_M or in_outline):
            return self._location(latitude, longitude, self._desa_list[nearest], approximate=True,
                                  distance_m=distance)
        return Location(latitude, longitude, False, distance_m=distance)

    @staticmethod
    def _location(latitude: float, longitude: float, desa: Region, *, approximate: bool,
                  distance_m: float = 0.0) -> Location:
        return Location(latitude, longitude, True, desa.parent_code, desa.parent_name, desa.code, desa.name,
                        approximate, distance_m)


def _rings(geometry: dict[str, Any]) -> tuple[Ring, ...]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for polygon in polygons for ring in polygon)


def _region(feature: dict[str, Any]) -> Region:
    import shapely
    from shapely.geometry import shape
    from shapely.ops import polylabel

    properties = feature["properties"]
    geometry = shape(feature["geometry"])
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    centroid = (float(properties["lat"]), float(properties["lng"]))
    if geometry.contains(shapely.Point(centroid[1], centroid[0])):
        anchor = centroid
    else:
        parts = list(getattr(geometry, "geoms", [geometry]))
        inner = polylabel(max(parts, key=lambda part: part.area), tolerance=1e-5)
        anchor = (inner.y, inner.x)
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    level = properties["level"]
    parent_code = properties.get("kode_kec") if level == "desa" else ("32.14" if level == "kecamatan" else None)
    parent_name = properties.get("nama_kec") if level == "desa" else None
    return Region(properties["kode"], properties["nama"], level, parent_code, parent_name,
                  _rings(feature["geometry"]), centroid, anchor, (min_lon, min_lat, max_lon, max_lat), geometry)


def read_regions(path: Path) -> list[Region]:
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return sorted((_region(feature) for feature in collection["features"]), key=lambda region: region.code)


@cache
def load_geography(folder: Path = GEO_DIR) -> Geography:
    """The package's polygons, read once per process (about 0.2 s the first time)."""
    kabupaten = read_regions(folder / FILES["kabupaten"])
    if len(kabupaten) != 1:
        raise ValueError(f"{FILES['kabupaten']} holds {len(kabupaten)} areas, expected the kabupaten alone")
    kecamatan = read_regions(folder / FILES["kecamatan"])
    names = {region.code: region.name for region in kecamatan}
    desa = [region if region.parent_name else _with_parent(region, names) for region in
            read_regions(folder / FILES["desa"])]
    return Geography(kabupaten[0], kecamatan, desa)


def _with_parent(region: Region, names: dict[str, str]) -> Region:
    from dataclasses import replace

    return replace(region, parent_name=names.get(region.parent_code or ""))

