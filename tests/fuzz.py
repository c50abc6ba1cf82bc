"""Fuzzing budget: the CI run uses the example counts written in the tests; CALLCENTER_FUZZ_SCALE multiplies them
for a longer campaign (e.g. CALLCENTER_FUZZ_SCALE=50, see docs/reliability.md)."""

from __future__ import annotations

import os

SCALE = float(os.environ.get("CALLCENTER_FUZZ_SCALE", "1"))


def examples(count: int) -> int:
    return max(1, int(count * SCALE))
