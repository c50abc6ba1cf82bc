"""How the database link is doing, as the console shows it: live, switching to another server, or away.

``Database`` reports every success and every failure here; the console subscribes and shows a banner
("database switching" while Patroni promotes a standby, "database unreachable" when it is away for longer),
keeps its last data on screen marked read-only, and clears the banner on the first success. Thread-safe: the
database worker, the feed poller and the outbox worker all report.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from callcenter.clock import Clock, utcnow

log = logging.getLogger(__name__)

SWITCH_GRACE = timedelta(seconds=30)
"""A failover takes seconds; an outage longer than this is reported as the database being away."""


class LinkState(enum.StrEnum):
    LIVE = "live"
    """The database answers: everything on screen is current."""
    SWITCHING = "switching"
    """A failover is under way (the old primary is gone or read-only, a standby is being promoted)."""
    AWAY = "away"
    """The database cannot be reached (for longer than a failover takes, or there is no standby)."""


@dataclass(frozen=True, slots=True)
class Health:
    state: LinkState
    since: datetime
    """When this state began (UTC)."""
    last_ok: datetime | None
    """The last moment the database answered: what the screen shows is as of then."""
    detail: str = ""
    """The last error's one-line description (English, for the log and a tooltip)."""

    @property
    def live(self) -> bool:
        return self.state is LinkState.LIVE


Listener = Callable[[Health], None]


class HealthMonitor:
    def __init__(self, *, clock: Clock = utcnow, switch_grace: timedelta = SWITCH_GRACE) -> None:
        self.clock = clock
        self.switch_grace = switch_grace
        now = clock()
        self._health = Health(LinkState.LIVE, now, None)
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._outage_started: datetime | None = None

    @property
    def current(self) -> Health:
        return self._health

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` (from whichever thread noticed) on every change of state; returns an unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def ok(self) -> None:
        """The database answered. Cheap while live (called after every session)."""
        if self._outage_started is None and self._health.last_ok is not None \
                and (self.clock() - self._health.last_ok) < timedelta(seconds=1):
            return
        now = self.clock()
        with self._lock:
            changed = self._health.state is not LinkState.LIVE
            self._outage_started = None
            self._health = Health(LinkState.LIVE, now if changed else self._health.since, now)
            health = self._health
        if changed:
            log.debug("database live again")
            self._notify(health)

    def outage_age(self) -> timedelta:
        started = self._outage_started
        return timedelta(0) if started is None else self.clock() - started

    def failed(self, *, switching: bool, detail: str) -> LinkState:
        """The database could not be used; returns the state now shown (switching turns into away when the
        outage lasts longer than a failover takes)."""
        now = self.clock()
        with self._lock:
            if self._outage_started is None:
                self._outage_started = now
            state = LinkState.SWITCHING if switching and now - self._outage_started < self.switch_grace \
                else LinkState.AWAY
            changed = state is not self._health.state
            self._health = Health(state, now if changed else self._health.since, self._health.last_ok, detail)
            health = self._health
        if changed:
            log.debug("database %s: %s", state, detail)  # the caller reports the error itself
            self._notify(health)
        return state

    def _notify(self, health: Health) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(health)
            except Exception:  # a broken listener must not break the database path
                log.exception("database health listener failed")
