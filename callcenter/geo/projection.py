"""A local flat projection for drawing the regency on a screen or a page: metres east and north of a reference
point (equirectangular, scaled by the cosine of the reference latitude). Across Purwakarta's 40 km it is within
0.1% of true distances, so a scale bar drawn with it tells the truth."""

from __future__ import annotations

import math
from dataclasses import dataclass

METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON_EQUATOR = 111_320.0


@dataclass(frozen=True, slots=True)
class LocalProjection:
    latitude0: float
    longitude0: float

    @property
    def _kx(self) -> float:
        return METRES_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(self.latitude0))

    def to_xy(self, latitude: float, longitude: float) -> tuple[float, float]:
        """(metres east, metres north) of the reference point."""
        return (longitude - self.longitude0) * self._kx, (latitude - self.latitude0) * METRES_PER_DEGREE_LAT

    def to_latlon(self, x: float, y: float) -> tuple[float, float]:
        return self.latitude0 + y / METRES_PER_DEGREE_LAT, self.longitude0 + x / self._kx


def projection_for(bounds: tuple[float, float, float, float]) -> LocalProjection:
    """Centred on a (min_lon, min_lat, max_lon, max_lat) box."""
    return LocalProjection((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)


def nice_distance(metres: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``metres`` (a scale bar's length)."""
    if metres <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(metres))
    for step in (5, 2, 1):
        if step * power <= metres:
            return float(step * power)
    return float(power)


def distance_label(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
