"""Renders the map's base layer on a worker thread, one image at a time; while one renders, only the newest of the
requests that arrive meanwhile is kept (a fast zoom asks for many views and needs only the last)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QTransform

from ui.map.layers import BaseMap, BaseStyle


@dataclass(frozen=True)
class RenderRequest:
    key: tuple[int, int, int, float]
    """(style version, widget width, widget height, device pixel ratio)."""
    scale: float
    centre: tuple[float, float]
    width: int
    height: int
    ratio: float
    style: BaseStyle

    @property
    def transform(self) -> QTransform:
        """Projected metres -> the image's (logical) pixels."""
        s = self.scale
        return QTransform(s, 0, 0, -s, self.width / 2 - self.centre[0] * s, self.height / 2 + self.centre[1] * s)


@dataclass(frozen=True)
class RenderedBase:
    request: RenderRequest
    image: QImage


class _Relay(QObject):
    """Lives in the GUI thread; its signal carries the result across (a queued connection)."""

    finished = Signal(object)


class _Job(QRunnable):
    def __init__(self, base: BaseMap, request: RenderRequest, relay: _Relay) -> None:
        super().__init__()
        self.base = base
        self.request = request
        self.relay = relay  # held here so it outlives the job even if the view goes first

    def run(self) -> None:
        request = self.request
        image = self.base.render(request.width, request.height, request.ratio, request.transform, request.style,
                                 request.scale)
        self.relay.finished.emit(RenderedBase(request, image))


class BaseRenderer(QObject):
    ready = Signal(object)
    """A ``RenderedBase``."""

    def __init__(self, base: BaseMap, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = base
        self._pool = QThreadPool(self)  # destroyed with us, after waiting for a render in progress
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.finished.connect(self._finished)
        self._busy = False
        self._pending: RenderRequest | None = None

    def request(self, request: RenderRequest) -> None:
        if self._busy:
            self._pending = request
            return
        self._busy = True
        self._pool.start(_Job(self.base, request, self._relay))

    def busy(self) -> bool:
        return self._busy

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _finished(self, result: RenderedBase) -> None:
        self._busy = False
        pending, self._pending = self._pending, None
        if pending is not None:
            self.request(pending)
        self.ready.emit(result)
