"""Polls the change feed on the database worker and hands the changes to ``CoreBridge.feed_changes``.

The feed is how a desk learns what other desks (and the line service) did: a call claimed elsewhere, an
incident updated. One poll at a time; a slow database delays the next poll instead of piling them up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from callcenter.db.database import Database
from callcenter.services.feed import Change, FeedFollower
from ui.bridge import CoreBridge
from ui.worker import DbWorker

log = logging.getLogger(__name__)

POLL_MS = 400


class FeedPoller(QObject):
    _wake_requested = Signal()
    def __init__(self, worker: DbWorker, db: Database, bridge: CoreBridge, *, interval_ms: int = POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.db = db
        self.bridge = bridge
        self._follower: FeedFollower | None = None
        self._in_flight = False
        self._down = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._wake_requested.connect(self._woken)
        self._again = False

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def wake(self) -> None:
        """Poll now (PostgreSQL NOTIFY arrived). Safe from any thread: the signal queues to the GUI thread."""
        self._wake_requested.emit()

    def _woken(self) -> None:
        if self._in_flight:
            self._again = True  # the change may have landed after the running poll read the feed
            return
        self.poll()

    def poll(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        follower = self._follower
        db = self.db

        def job() -> tuple[FeedFollower, list[Change]]:
            current = follower if follower is not None else FeedFollower(db)
            return current, current.poll()

        self.worker.run(self, job, self._done, self._failed)

    def _done(self, result: tuple[FeedFollower, list[Change]]) -> None:
        self._in_flight = False
        self._follower, changes = result
        if self._down:
            self._down = False
            self.bridge.database_state.emit(True, "")
        if changes:
            self.bridge.feed_changes.emit(changes)
        if self._again:
            self._again = False
            self.poll()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        self._again = False
        log.warning("change feed poll failed: %s", exc)
        self._down = True
        self.bridge.database_state.emit(False, str(exc))
