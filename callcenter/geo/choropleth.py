"""Classes and colours of a choropleth (incidents per desa or kecamatan), shared by the console's map and the
printed reports so that screen and paper read the same.

Counts of incidents are skewed (the town's desa have many, most desa few), so the classes are quantiles of the
non-zero counts, as whole-number ranges; zero has a class and colour of its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

RAMP = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")
"""Light to dark orange-red (ColorBrewer's OrRd, 5 classes): ordered, legible in grey print."""
ZERO = "#f4f4f4"
NO_DATA = "#ffffff"


@dataclass(frozen=True, slots=True)
class ColourClass:
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def holds(self, count: int) -> bool:
        return self.low <= count <= self.high


def classes(counts: Iterable[int], n: int = len(RAMP)) -> list[ColourClass]:
    """At most ``n`` classes for the non-zero counts, lowest first (empty when every count is zero); zero is not
    in a class (see ``colour_for``)."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    n = max(1, min(n, len(RAMP)))
    uppers: list[int] = []
    for k in range(1, n + 1):
        upper = values[math.ceil(k * len(values) / n) - 1]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    # Spread the ramp over however many distinct classes there are, dark always the highest.
    picks = [round(i * (len(RAMP) - 1) / max(1, len(uppers) - 1)) for i in range(len(uppers))] \
        if len(uppers) > 1 else [len(RAMP) - 1]
    result = []
    low = 1
    for upper, pick in zip(uppers, picks, strict=True):
        result.append(ColourClass(low, upper, RAMP[pick]))
        low = upper + 1
    return result


def colour_for(count: int | None, bins: list[ColourClass]) -> str:
    if count is None:
        return NO_DATA
    if count <= 0:
        return ZERO
    for colour_class in bins:
        if colour_class.holds(count):
            return colour_class.colour
    return bins[-1].colour if bins else ZERO
