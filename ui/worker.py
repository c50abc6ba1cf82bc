"""The console's one way to run slow work: a job queue on a thread of its own, answers back on the GUI thread.

Widgets never touch the database. They ``run(owner, job, on_done, on_error)``: ``job`` runs on the worker's
thread (it must not touch a widget); its result (or error) comes back to the GUI thread through a queued signal
and is handed to the callbacks there, in submission order, but only while ``owner`` still exists: a dialog closed
(and deleted) while its query ran simply drops the answer, instead of crashing on a deleted C++ object.

The console has two queues: ``database`` for every database call, and ``render`` for slow work that must not
hold the ringing calls up behind it (PDF reports, slips).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from callcenter.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")


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


@dataclass(slots=True)
class _Callbacks:
    owner: QObject
    on_done: Callable[[Any], object] | None
    on_error: Callable[[BaseException], object] | None


class DbWorker(QObject):
    """A job queue on its own thread; callbacks run back on the GUI thread while their owner lives."""

    _dispatch = Signal(object)
    error = Signal(object)
    """Every failure not handled by an ``on_error`` callback (the main window shows it)."""
    database_state = Signal(bool, str)
    """(reachable, reason): a job found the database away, or a job succeeded again after that."""

    def __init__(self, name: str = "database", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._thread = QThread()
        self._thread.setObjectName(f"{name}-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._dispatch.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        self._database_down = False
        self._thread.start()

    def run(self, owner: QObject, job: Callable[[], T], on_done: Callable[[T], object] | None = None,
            on_error: Callable[[BaseException], object] | None = None) -> int:
        """Queue ``job``; ``on_done(result)`` or ``on_error(exc)`` run on the GUI thread if ``owner`` still
        exists then. Without ``on_error`` a failure goes to the ``error`` signal. Returns the job's id."""
        job_item = _Job(next(self._ids), job)
        self._callbacks[job_item.id] = _Callbacks(owner, on_done, on_error)
        self._dispatch.emit(job_item)
        return job_item.id

    def pending(self) -> int:
        """Jobs queued or running whose answers have not come back yet."""
        return len(self._callbacks)

    def stop(self, timeout_ms: int = 5000) -> None:
        self._thread.quit()
        self._thread.wait(timeout_ms)

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if self._database_down and self.name == "database":
            self._database_down = False
            self.database_state.emit(True, "")
        if callbacks is None or callbacks.on_done is None or not shiboken6.isValid(callbacks.owner):
            return
        callbacks.on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: BaseException) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if isinstance(exc, DatabaseUnavailable):
            self._database_down = True
            self.database_state.emit(False, str(exc))
        if callbacks is not None and callbacks.on_error is not None:
            if shiboken6.isValid(callbacks.owner):
                callbacks.on_error(exc)
            return
        log.error("%s job failed: %s", self.name, exc, exc_info=exc)
        self.error.emit(exc)
