from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from callcenter.geo.choropleth import RAMP, ZERO, classes, colour_for


def test_skewed_counts_get_quantile_classes_with_the_darkest_for_the_most() -> None:
    counts = [0] * 100 + [1] * 40 + [2] * 20 + [3] * 10 + [5, 8, 13, 40, 120]
    bins = classes(counts)
    assert bins[0].label == "1"
    assert bins[-1].high == 120 and bins[-1].colour == RAMP[-1]
    assert colour_for(0, bins) == ZERO
    assert colour_for(120, bins) == RAMP[-1]
    assert colour_for(1, bins) == bins[0].colour != colour_for(120, bins)


def test_no_incidents_means_no_classes() -> None:
    assert classes([0, 0, 0]) == []
    assert colour_for(0, []) == ZERO


def test_one_distinct_count_is_one_dark_class() -> None:
    bins = classes([4, 4, 4])
    assert [(b.low, b.high, b.colour) for b in bins] == [(1, 4, RAMP[-1])]


@given(st.lists(st.integers(0, 10_000), max_size=200))
def test_classes_cover_every_count_without_gaps_and_darken_upwards(counts: list[int]) -> None:
    bins = classes(counts)
    for before, after in pairwise(bins):
        assert after.low == before.high + 1
        assert RAMP.index(after.colour) > RAMP.index(before.colour)
    for count in counts:
        if count > 0:
            assert sum(b.holds(count) for b in bins) == 1
