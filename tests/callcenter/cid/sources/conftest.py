"""Helpers for the caller-ID source tests: a thread-safe subscriber that tests can wait on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from callcenter.cid.events import CallerIdEvent, EventKind, ParseWarning
from callcenter.cid.sources import LineState, LineStatus, Source


class Collector:
    """Records everything a source reports; ``wait_*`` block until a condition holds or time runs out."""

    def __init__(self) -> None:
        self.events: list[CallerIdEvent] = []
        self.warnings: list[ParseWarning] = []
        self.states: list[LineState] = []
        self.keys: set[str] = set()
        self._cond = threading.Condition()

    def on_event(self, source_key: str, event: CallerIdEvent) -> None:
        with self._cond:
            self.keys.add(source_key)
            self.events.append(event)
            self._cond.notify_all()

    def on_warning(self, source_key: str, warning: ParseWarning) -> None:
        with self._cond:
            self.warnings.append(warning)
            self._cond.notify_all()

    def on_state(self, state: LineState) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait(self, condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    def live(self, kind: EventKind = EventKind.INCOMING) -> list[CallerIdEvent]:
        with self._cond:
            return [e for e in self.events if e.kind is kind and not e.history]

    def wait_live(self, count: int, timeout: float = 5.0,
                  kind: EventKind = EventKind.INCOMING) -> list[CallerIdEvent]:
        self.wait(lambda: len(self.live(kind)) >= count, timeout)
        events = self.live(kind)
        assert len(events) >= count, f"got {len(events)} {kind} events, wanted {count}: {events!r}"
        return events

    def wait_status(self, status: LineStatus, timeout: float = 5.0, after: int = 0) -> LineState:
        """The first state with ``status`` reported at index ``after`` or later."""
        def found() -> LineState | None:
            return next((s for s in self.states[after:] if s.status is status), None)

        self.wait(lambda: found() is not None, timeout)
        state = found()
        assert state is not None, f"no {status} state within {timeout} s; states: {self.states!r}"
        return state


@pytest.fixture
def collector() -> Collector:
    return Collector()


@pytest.fixture
def running() -> Iterator[Callable[[Source, Collector], Source]]:
    """Start sources subscribed to a collector; every one is stopped at the end of the test."""
    started: list[Source] = []

    def start(source: Source, sink: Collector) -> Source:
        source.subscribe(sink)
        source.start()
        started.append(source)
        return source

    yield start
    for source in started:
        source.stop(2.0)
        assert not source.running, f"{source.display} did not stop within 2 s"
