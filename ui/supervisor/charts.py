"""The supervisor board's two charts: calls per hour today by type (stacked bars) and the shift's answer times
(a histogram coloured by band).

Each chart is a ``BoardChart``: a title in a label above the chart (it wraps on a narrow screen instead of being
cut with "..." as a chart title is), the chart below with small axis labels, whole-number ticks on the count axis
(never "0, 0, 1, 1, 2") and a legend that fits (every entry whole).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from callcenter.db.enums import CallState
from callcenter.services.call_figures import ANSWER_BUCKETS
from callcenter.services.supervisor import MISSED, UNCLASSIFIED
from ui.words import call_state_text, call_type_text

TYPE_COLOURS = {
    "normal": "#c62828", "informasi": "#1565c0", "prank": "#ef6c00", "ghost": "#8d6e63",
    "salah_sambung": "#7b1fa2", "test": "#00897b", MISSED: "#424242", UNCLASSIFIED: "#bdbdbd",
}
NICE_STEPS = (1, 2, 5)
TICKS_AT_MOST = 6
"""A count axis shows at most this many whole-number ticks (1, 2, 5, 10, 20, 50... apart)."""


def tr(text: str) -> str:
    return QCoreApplication.translate("SupervisorBoard", text)


def type_name(key: str) -> str:
    if key == MISSED:
        return call_state_text(CallState.MISSED)
    return call_type_text(None if key == UNCLASSIFIED else key)


def whole_number_step(top: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... that marks 0..top in at most TICKS_AT_MOST - 1 steps."""
    scale = 1
    while True:
        for step in NICE_STEPS:
            if top <= step * scale * (TICKS_AT_MOST - 1):
                return step * scale
        scale *= 10


def set_count_range(axis: QValueAxis, top: int) -> None:
    """A count axis from 0 with ticks on whole numbers only: 0, 1, 2 for two calls, 0, 5, 10, 15 for fifteen."""
    step = whole_number_step(max(1, top))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)
    axis.setLabelFormat("%d")
    axis.setRange(0, step * -(-max(1, top) // step))


class BoardChart(QFrame):
    """A chart with its title above it and its legend below it, both labels that wrap: Qt Charts would cut a
    title or a legend entry that does not fit with "..."."""

    LABEL_POINTS = 8

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardChart")
        self.setStyleSheet("#boardChart { background: #ffffff; border-radius: 4px; }")
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = QChart()
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.setBackgroundRoundness(0)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().hide()
        self.small = QFont(self.font())
        self.small.setPointSize(self.LABEL_POINTS)
        self.legend = QLabel()
        self.legend.setObjectName("chartLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.axis_x = QBarCategoryAxis()
        self.axis_x.setLabelsFont(self.small)
        self.axis_x.setTitleFont(self.small)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelsFont(self.small)
        set_count_range(self.axis_y, 1)
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

    def reset(self) -> None:
        self.chart.removeAllSeries()

    def set_legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """(name, colour) of each series: a coloured square and the name, kept together on one line."""
        self.legend.setText("&nbsp;&nbsp; ".join(
            f'<span style="color:{colour}">&#9632;</span>&nbsp;{escape(name).replace(" ", "&nbsp;")}'
            for name, colour in entries))

    def show_bars(self, series: QStackedBarSeries, categories: Sequence[str], top: int) -> None:
        """The axes stay (new ones each time would leave the old labels lingering until Qt deletes them)."""
        self.chart.addSeries(series)
        self.axis_x.clear()
        self.axis_x.append(list(categories))
        set_count_range(self.axis_y, top)
        series.attachAxis(self.axis_x)
        series.attachAxis(self.axis_y)


class HourlyChart(BoardChart):
    """Calls per hour today, stacked by call type; the legend names only the types that occurred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Calls per hour today, by type"), parent)

    def fill(self, hours: Sequence[int], series_data: dict[str, list[int]]) -> None:
        self.reset()
        series = QStackedBarSeries()
        totals = [0] * len(hours)
        legend = []
        for key, values in series_data.items():
            if not any(values):
                continue
            colour = TYPE_COLOURS.get(key, "#90a4ae")
            bar = QBarSet(type_name(key))
            bar.setColor(QColor(colour))
            bar.setBorderColor(QColor(colour))
            bar.append([float(v) for v in values])
            series.append(bar)
            legend.append((type_name(key), colour))
            totals = [a + b for a, b in zip(totals, values, strict=True)]
        series.setBarWidth(0.8)
        self.set_legend(legend)
        self.show_bars(series, [f"{h:02d}" for h in hours], max([1, *totals]))


class AnswerTimeChart(BoardChart):
    """How long this shift's calls rang before they were answered, in buckets, coloured by the 10/20 s bands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Answer time this shift (marks at 10, 15 and 20 s)"), parent)
        self.axis_x.setTitleText(tr("seconds until answered"))

    def fill(self, counts: Sequence[int]) -> None:
        self.reset()
        labels = [f"≤{bound}" for bound in ANSWER_BUCKETS] + [f">{ANSWER_BUCKETS[-1]}"]
        # One set per band so the bars take the band's colour: within 10 s, 10-20 s, over 20 s.
        bands: list[tuple[str, str, Callable[[int], bool]]] = [
            (tr("≤ 10 s"), "#43a047", lambda b: b <= 10), (tr("10–20 s"), "#fb8c00", lambda b: 10 < b <= 20),
            (tr("> 20 s"), "#e53935", lambda b: b > 20)]
        bounds = [*ANSWER_BUCKETS, ANSWER_BUCKETS[-1] + 1]
        series = QStackedBarSeries()
        for name, colour, inside in bands:
            bar = QBarSet(name)
            bar.setColor(QColor(colour))
            bar.setBorderColor(QColor(colour))
            bar.append([float(count) if inside(bounds[i]) else 0.0 for i, count in enumerate(counts)])
            series.append(bar)
        series.setBarWidth(0.9)
        self.set_legend([(name, colour) for name, colour, _inside in bands])
        self.show_bars(series, labels, max([1, *counts]))
