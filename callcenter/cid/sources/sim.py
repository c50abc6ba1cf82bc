"""The built-in simulator line: realistic Indonesian 112 traffic produced directly as events.

Cheap enough to run all day in the demo: the thread sleeps on an Event until the next call or hang-up is due.
"""

from __future__ import annotations

import heapq
from datetime import datetime
from time import monotonic

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.cid.sources.base import Source
from callcenter.cid.sources.url import SimSpec
from callcenter.cid.traffic import SyntheticCall, TrafficGenerator, device_time
from callcenter.clock import WIB, Clock, utcnow

FORMAT = "sim"
FIRST_CALL_S = 3.0
"""On a calm line (``gap=30-60``, the demo's) the first call rings this soon: someone trying the console sees a call
at once instead of waiting up to a minute; the gaps hold from then on."""


def incoming_event(call: SyntheticCall, seed: int, now: datetime) -> CallerIdEvent:
    number = call.number if call.presentation is Presentation.ALLOWED else None
    shown = number or ("P" if call.presentation is Presentation.PRIVATE else "O")
    raw = f"SIM line={call.line} nmbr={shown}" + (f" name={call.name}" if call.name else "")
    return CallerIdEvent(format=FORMAT, kind=EventKind.INCOMING, received_at=now, raw=raw, line=call.line,
                         number=number, presentation=call.presentation, name=call.name,
                         timestamp=device_time(now.astimezone(WIB)), call_ref=f"sim-{seed}-{call.seq}")


def end_event(call: SyntheticCall, seed: int, now: datetime) -> CallerIdEvent:
    return CallerIdEvent(format=FORMAT, kind=EventKind.END, received_at=now,
                         raw=f"SIM line={call.line} end after {call.ring_s}s (abandoned)", line=call.line,
                         number=call.number, presentation=call.presentation, name=call.name,
                         timestamp=device_time(now.astimezone(WIB)), duration_s=call.ring_s,
                         call_ref=f"sim-{seed}-{call.seq}", detail="abandoned")


class SimSource(Source):
    spec: SimSpec

    def __init__(self, spec: SimSpec, *, clock: Clock = utcnow) -> None:
        super().__init__(spec, clock=clock)
        self.generator = TrafficGenerator(spec.seed, rate=spec.rate, lines=spec.lines, gap=spec.gap)
        self.seed = self.generator.seed

    def _session(self) -> None:
        self._set_up()
        # (due time, seq, call) of abandoned calls whose END is still to come
        ends: list[tuple[float, int, SyntheticCall]] = []
        upcoming = next(self.generator)
        first_gap = min(upcoming.gap_s, FIRST_CALL_S) if self.spec.gap is not None else upcoming.gap_s
        next_at = monotonic() + first_gap
        while not self.stopping:
            due = min(next_at, ends[0][0]) if ends else next_at
            if self._stop.wait(max(0.0, due - monotonic())):
                return
            now_m = monotonic()
            while ends and ends[0][0] <= now_m:
                _, _, ended = heapq.heappop(ends)
                self._deliver([end_event(ended, self.seed, self.clock())])
            # Several calls may be due at once at high rates; deliver them all before sleeping again.
            while next_at <= now_m and not self.stopping:
                self._deliver([incoming_event(upcoming, self.seed, self.clock())])
                if upcoming.abandoned:
                    heapq.heappush(ends, (next_at + upcoming.ring_s, upcoming.seq, upcoming))
                upcoming = next(self.generator)
                next_at += upcoming.gap_s
