"""PostgreSQL LISTEN/NOTIFY as the wake-up for change-feed followers (the feed table stays the truth).

A listener thread holds one autocommit connection, LISTENs on the change channel and calls ``on_wake`` for
every notification (and once after every reconnect, so a follower catches up on what it missed while away).
On SQLite there is nothing to listen to: followers poll.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from callcenter.services.base import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

RECONNECT_S = 1.0


def libpq_dsn(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class NotifyListener:
    def __init__(self, sqlalchemy_url: str, on_wake: Callable[[], None], *, channel: str = NOTIFY_CHANNEL) -> None:
        self.dsn = libpq_dsn(sqlalchemy_url)
        self.on_wake = on_wake
        self.channel = channel
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True, connect_timeout=3) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    self.connected.set()
                    self._wake()  # catch up on anything missed before (re)connecting
                    while not self._stop.is_set():
                        # notifies() with a timeout returns regularly so stop() is honoured quickly.
                        for _ in connection.notifies(timeout=0.5, stop_after=100):
                            self._wake()
            except psycopg.Error as exc:
                self.connected.clear()
                log.warning("change listener lost the database: %s", exc)
                self._stop.wait(RECONNECT_S)

    def _wake(self) -> None:
        try:
            self.on_wake()
        except Exception:
            log.exception("change listener callback failed")
