"""Python's cyclic garbage collector runs on the GUI thread only.

The collector runs on whichever thread happens to allocate when a generation's threshold is crossed. When that is
the database worker and a cycle holds a Qt widget (an exception's traceback keeping a closed dialog alive, say),
the widget is destroyed off the GUI thread: Qt crashes, or the two threads deadlock (seen in the test suite: the
worker held a Qt lock waiting for the GIL while the GUI thread held the GIL waiting for that lock). So while the
console runs the automatic collector is off and a timer on the GUI thread collects instead, the generation whose
threshold was crossed, as the automatic collector would have (qutebrowser does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.setObjectName("guiGarbageCollector")
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    @staticmethod
    def collect_due() -> int:
        """Collect the oldest generation over its threshold (none: nothing to do); returns what was freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
        return gc.collect(due[-1]) if due else 0


def collect_on_gui_thread(app: QObject) -> GuiGarbageCollector:
    """Start the GUI-thread collector on ``app`` (once: a second call returns the running one)."""
    running = app.findChild(GuiGarbageCollector, "guiGarbageCollector")
    if isinstance(running, GuiGarbageCollector):
        return running
    collector = GuiGarbageCollector(app)
    collector.start()
    return collector
