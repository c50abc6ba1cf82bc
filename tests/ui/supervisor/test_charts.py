"""The board's charts: count axes that tick on whole numbers, titles and legends that never elide."""

from __future__ import annotations

import itertools

from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QApplication, QGraphicsTextItem
from pytestqt.qtbot import QtBot

from callcenter.db.enums import CallType
from callcenter.services.calls import CallService
from tests.callcenter.services.conftest import ring
from tests.ui.supervisor.conftest import Stack


def test_count_axes_tick_on_whole_numbers(qtbot: QtBot, styled: QApplication, stack: Stack) -> None:
    """One call this hour: the calls-per-hour axis reads 0, 1 (it read "0, 0, 1, 1, 2")."""
    for number in ("081234567801",):
        call = ring(stack.db, stack.clock, number)
        CallService(stack.db, stack.clock).claim(stack.operator, call)
        CallService(stack.db, stack.clock).classify(stack.operator, call, CallType.PRANK)
    board = stack.board(qtbot)
    board.resize(1300, 700)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    qtbot.wait(50)
    views = [view for view in board.findChildren(QChartView) if view.isVisible()]
    assert len(views) == 2
    for view in views:
        labels = sorted({(item.sceneBoundingRect().top(), item.toPlainText()) for item in
                         (it.toGraphicsObject() for it in view.scene().items())
                         if isinstance(item, QGraphicsTextItem) and item.metaObject().className() == "ValueAxisLabel"
                         and item.isVisible()}, reverse=True)  # bottom (0) first
        values = [label for _top, label in labels]
        assert values and all(value.isdigit() for value in values), values
        numbers = [int(value) for value in values]
        assert numbers[0] == 0 and len(set(numbers)) == len(numbers) and numbers == sorted(numbers), values
        assert len({b - a for a, b in itertools.pairwise(numbers)}) <= 1, values  # one step between ticks
    assert board.hourly_chart.series()
