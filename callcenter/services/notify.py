"""PostgreSQL LISTEN/NOTIFY as the wake-up for change-feed followers (the feed table stays the truth).

A listener thread holds one autocommit connection, LISTENs on the change channel and calls ``on_wake`` for
every notification (and once after every reconnect, so a follower catches up on what it missed while away).
On SQLite there is nothing to listen to: followers poll.

With several PostgreSQL servers (Patroni), the connection goes to the primary (``target_session_attrs``); when
it dies with the old primary the listener reconnects with backoff, finds the new primary by itself and wakes
the follower to catch up. A cheap query every few seconds notices a server that vanished without a word.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import psycopg
from psycopg import sql

from callcenter.db.urls import libpq_conninfo
from callcenter.services.base import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

RECONNECT_FIRST_S = 0.25
RECONNECT_MAX_S = 5.0
PING_EVERY_S = 5.0


def libpq_dsn(sqlalchemy_url: str) -> str:
    """The libpq connection string of a SQLAlchemy URL: every host with its own port, the same timeouts and
    keepalives as the engine's connections."""
    return libpq_conninfo(sqlalchemy_url)


class NotifyListener:
    def __init__(self, sqlalchemy_url: str, on_wake: Callable[[], None], *, channel: str = NOTIFY_CHANNEL) -> None:
        self.dsn = libpq_dsn(sqlalchemy_url)
        self.on_wake = on_wake
        self.channel = channel
        self.connected = threading.Event()
        self.reconnects = 0
        """How many times the connection was lost and made again (a failover counts one)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        delay = RECONNECT_FIRST_S
        ever_connected = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    if ever_connected:
                        self.reconnects += 1
                        log.info("change listener back on %s:%s", connection.info.host, connection.info.port)
                    ever_connected = True
                    delay = RECONNECT_FIRST_S
                    self.connected.set()
                    self._wake()  # catch up on anything missed before (re)connecting
                    self._listen(connection)
            except psycopg.Error as exc:
                self.connected.clear()
                log.warning("change listener lost the database (next try in %.2f s): %s", delay,
                            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
                self._stop.wait(delay)
                delay = min(RECONNECT_MAX_S, delay * 2)

    def _listen(self, connection: psycopg.Connection[tuple[object, ...]]) -> None:
        last_ping = time.monotonic()
        while not self._stop.is_set():
            # notifies() with a timeout returns regularly so stop() is honoured quickly.
            for _ in connection.notifies(timeout=0.5, stop_after=100):
                self._wake()
            if time.monotonic() - last_ping >= PING_EVERY_S:
                connection.execute("SELECT 1")  # raises when the server is gone: reconnect to the primary
                last_ping = time.monotonic()

    def _wake(self) -> None:
        try:
            self.on_wake()
        except Exception:
            log.exception("change listener callback failed")
