"""Cycles holding Qt objects are freed on the GUI thread, however busy the database worker is allocating."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.app import create_application
from ui.gui_gc import GuiGarbageCollector, collect_on_gui_thread


class Tracked(QWidget):
    freed_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Tracked.freed_on.append(threading.current_thread().name)


def test_a_cycle_with_a_widget_is_freed_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    collector = collect_on_gui_thread(create_application())
    assert not gc.isenabled()  # the automatic collector (which runs on any thread) is off while the console runs
    Tracked.freed_on = []
    holder: dict[str, object] = {}
    widget = Tracked()
    holder["self"] = holder  # a cycle: only the collector can free the widget now
    holder["widget"] = widget
    del widget, holder

    rows: list[object] = []

    def allocate() -> None:  # the database worker building rows: thousands of containers, many thresholds crossed
        rows.extend([{"id": n}] for n in range(50_000))

    worker = threading.Thread(target=allocate, name="database-worker")
    worker.start()
    worker.join()
    assert Tracked.freed_on == []  # nothing was collected on the worker
    qtbot.waitUntil(lambda: Tracked.freed_on != [], timeout=3000)
    assert Tracked.freed_on == [threading.main_thread().name]
    rows.clear()
    assert collect_on_gui_thread(qapp) is collector  # one collector per application


def test_the_due_generation_is_collected() -> None:
    gc.collect()
    assert GuiGarbageCollector.collect_due() == 0  # nothing due right after a collection
    junk = []
    for _ in range(gc.get_threshold()[0] + 10):
        cycle: list[object] = []
        cycle.append(cycle)
        junk.append(cycle)
    del junk, cycle
    assert GuiGarbageCollector.collect_due() > 0
