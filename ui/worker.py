"""The one database worker: every database call from the console runs on this thread.

Widgets never touch the database. They ``submit`` a callable; its result (or error) comes back to the GUI
thread through a signal and is handed to the ``on_done`` / ``on_error`` callbacks there. Worker code never
touches a widget.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Job:
    id: int
    function: Callable[[], Any]


class _Runner(QObject):
    """Lives on the worker thread."""

    done = Signal(int, object)
    failed = Signal(int, object)

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.function()
        except BaseException as exc:  # handed to the GUI thread, which decides how to show it
            self.failed.emit(job.id, exc)
        else:
            self.done.emit(job.id, result)


class DbWorker(QObject):
    """Submit database work from the GUI thread; callbacks run back on the GUI thread, in submission order."""

    _dispatch = Signal(object)
    error = Signal(object)
    """Every failure not handled by an ``on_error`` callback is emitted here (the main window shows it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._dispatch.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], object] | None, Callable[[BaseException], object] | None]] = {}
        self._thread.start()

    def submit(self, function: Callable[[], Any], on_done: Callable[[Any], object] | None = None,
               on_error: Callable[[BaseException], object] | None = None) -> int:
        job = _Job(next(self._ids), function)
        self._callbacks[job.id] = (on_done, on_error)
        self._dispatch.emit(job)
        return job.id

    def pending(self) -> int:
        return len(self._callbacks)

    def stop(self, timeout_ms: int = 5000) -> None:
        self._thread.quit()
        self._thread.wait(timeout_ms)

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: BaseException) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if on_error is not None:
            on_error(exc)
        else:
            log.error("database job failed: %s", exc, exc_info=exc)
            self.error.emit(exc)
