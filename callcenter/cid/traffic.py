"""Seeded synthetic 112 traffic, shared by the ``sim://`` source and the ``simulate`` command.

Content (who calls, on which line, withheld or not, whether the caller gives up) comes from one random
stream and arrival times from another, so a seed gives the same calls at any rate.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from callcenter.cid.events import Presentation
from callcenter.synthetic import CallerPool


@dataclass(frozen=True, slots=True)
class SyntheticCall:
    seq: int
    """1, 2, 3, ... in the order generated."""
    line: str
    number: str | None
    """National digits as a caller-ID box delivers them; None when withheld or unavailable."""
    name: str | None
    presentation: Presentation
    gap_s: float
    """Seconds since the previous call (exponential: Poisson arrivals at the configured rate)."""
    ring_s: int
    """How long it rings before it is answered or the caller gives up."""
    abandoned: bool
    """The caller hangs up before anyone answers: the source reports an END ``ring_s`` after the call."""
    repeat_offender: bool


class TrafficGenerator:
    """An endless, deterministic (for a seed) sequence of synthetic calls."""

    def __init__(self, seed: int | None = None, *, rate: float = 0.5, lines: int = 1,
                 abandoned_share: float = 0.3, unavailable_share: float = 0.25,
                 gap: tuple[float, float] | None = None) -> None:
        """``rate``: calls per second, Poisson arrivals; ``gap``: instead, seconds between calls, evenly spread
        between the two (a calm, predictable line for the demo)."""
        if lines < 1:
            raise ValueError("lines must be at least 1")
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        self.seed = seed
        self.rate = rate
        self.gap = gap
        self.lines = lines
        self.abandoned_share = abandoned_share
        self.unavailable_share = unavailable_share
        self._content = random.Random(seed)
        self._timing = random.Random(seed ^ 0x5EED_0F_112)
        self._pool = CallerPool(self._content)
        self._seq = 0

    def __iter__(self) -> TrafficGenerator:
        return self

    def __next__(self) -> SyntheticCall:
        return self.next_call()

    def next_call(self) -> SyntheticCall:
        self._seq += 1
        rng = self._content
        caller = self._pool.draw()
        presentation = Presentation.ALLOWED
        if caller.withheld:
            unavailable = rng.random() < self.unavailable_share
            presentation = Presentation.UNAVAILABLE if unavailable else Presentation.PRIVATE
        line = str(rng.randrange(self.lines) + 1)
        # Prank and ghost callers give up quickly and often; real callers let it ring.
        give_up = self.abandoned_share * (1.6 if caller.repeat_offender else 0.7)
        abandoned = rng.random() < give_up
        ring_s = rng.randint(2, 9) if abandoned else rng.randint(3, 15)
        if self.gap is not None:
            gap = self._timing.uniform(*self.gap)
        else:
            gap = self._timing.expovariate(self.rate) if self.rate > 0 else 0.0
        return SyntheticCall(seq=self._seq, line=line, number=caller.number, name=caller.name,
                             presentation=presentation, gap_s=gap, ring_s=ring_s, abandoned=abandoned,
                             repeat_offender=caller.repeat_offender)


def device_time(moment: datetime) -> datetime:
    """The naive wall-clock time a caller-ID box would print (minute resolution)."""
    return moment.replace(second=0, microsecond=0, tzinfo=None)
