"""Outlines derived from the desa polygons, and simplified rings for drawing at a given scale.

The published kecamatan and kabupaten polygons are much coarser than the desa polygons (a kabupaten of 54 vertices),
so a map that draws desa borders with them looks wrong. Each kecamatan's outline is instead the union of its desa,
with the slivers between simplified desa borders closed; the regency's is the union of all of them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from callcenter.geo.regions import Geography, Ring

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

SLIVER_DEG = 0.0004
"""About 45 m: gaps narrower than twice this between neighbouring desa are closed in derived outlines."""


def rings_of(geometry: BaseGeometry, min_hole_area: float = 0.0) -> tuple[Ring, ...]:
    """Every ring of a (multi)polygon as (lon, lat) tuples; holes smaller than ``min_hole_area`` (square degrees)
    are left out."""
    rings: list[Ring] = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        rings.append(tuple((float(x), float(y)) for x, y in polygon.exterior.coords))
        for interior in polygon.interiors:
            from shapely import Polygon

            if Polygon(interior).area >= min_hole_area:
                rings.append(tuple((float(x), float(y)) for x, y in interior.coords))
    return tuple(rings)


def _closed_union(geometries: list[BaseGeometry]) -> BaseGeometry:
    from shapely import unary_union

    union = unary_union(geometries)
    return union.buffer(SLIVER_DEG, join_style="mitre").buffer(-SLIVER_DEG, join_style="mitre")


@cache
def kecamatan_outlines(geography: Geography) -> dict[str, BaseGeometry]:
    """Kecamatan code -> the union of its desa polygons."""
    return {code: _closed_union([desa.geometry for desa in geography.desa_of(code)])
            for code in geography.kecamatan}


@cache
def regency_outline(geography: Geography) -> BaseGeometry:
    return _closed_union(list(kecamatan_outlines(geography).values()))


@cache
def label_points(geography: Geography) -> dict[str, tuple[float, float]]:
    """(lat, lon) where each kecamatan's name goes: the pole of inaccessibility of its derived outline; desa names
    go at their ``anchor``."""
    from shapely.ops import polylabel

    points = {}
    for code, outline in kecamatan_outlines(geography).items():
        largest = max(getattr(outline, "geoms", [outline]), key=lambda part: part.area)
        point = polylabel(largest, tolerance=1e-5)
        points[code] = (point.y, point.x)
    return points


def simplified(geometry: BaseGeometry, tolerance_deg: float) -> tuple[Ring, ...]:
    """Rings of ``geometry`` simplified to ``tolerance_deg`` (topology kept), tiny holes dropped."""
    return rings_of(geometry.simplify(tolerance_deg, preserve_topology=True), min_hole_area=tolerance_deg ** 2 * 4)
