"""Table columns that fit a 1366-pixel screen: the columns an operator reads at a glance always show whole, the
others share what is left and elide (the row's tooltip then holds their whole text); no table scrolls sideways.

    fit_columns(view, whole={NUMBER: ["112/2026/000000"], STATUS: [status names], UNIT: None},
                elide=[CATEGORY, KECAMATAN], optional=[ADDRESS])

- A ``whole`` column with sample texts gets a fixed width from the widest sample and its title (it never jumps
  as values tick); one with ``None`` follows its contents.
- ``elide`` columns share what is left, each at least as wide as its title (a title never elides); the first
  listed gets the room its contents want first, then the next.
- ``optional`` columns are eliding columns that step aside, last first, when even the titles do not fit.

Every title gets room for the sort arrow when the table sorts. The layout is redone whenever the view is resized
or a whole column changes width.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView, QTreeView

ELIDE_ROOM = 40
"""Beyond its title, what an eliding column wants before the optional columns get any room."""


def header_of(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def header_width(header: QHeaderView, section: int, *, sortable: bool = False) -> int:
    """What the header needs to show the section's title whole (and the sort arrow beside it)."""
    model = header.model()
    text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "") \
        if model is not None else ""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.section = section
    option.text = text
    option.orientation = Qt.Orientation.Horizontal
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = style.sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header).width()
    width = max(width, max((option.fontMetrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
                + 2 * margin)
    if sortable:
        width += option.fontMetrics.height() + margin
    return width


def text_width(view: QTableView | QTreeView, texts: Sequence[str]) -> int:
    """What a cell needs for the widest of ``texts`` (measured bold: cells may be, and bold is never narrower)."""
    font = QFont(view.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return max((metrics.horizontalAdvance(text) for text in texts), default=0) + margin + 2


class ColumnFitter(QObject):
    """Keeps one view's columns fitted (see the module's description); ``fit()`` does it now."""

    def __init__(self, view: QTableView | QTreeView, whole: Mapping[int, Sequence[str] | None],
                 elide: Sequence[int], optional: Sequence[int]) -> None:
        super().__init__(view)
        self.view = view
        self.header = header_of(view)
        self.whole = dict(whole)
        self.elide = list(elide)
        self.optional = list(optional)
        self._pending = False
        header = self.header
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(16)
        sortable = view.isSortingEnabled()
        for section, samples in self.whole.items():
            if samples is None:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
            else:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(section, max(header_width(header, section, sortable=sortable),
                                                  text_width(view, samples)))
        for section in (*self.elide, *self.optional):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Fixed)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._whole_resized)
        model = view.model()
        if model is not None:  # new rows may want more room in the eliding columns (not every tick of a timer)
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self._later)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _whole_resized(self, section: int, _old: int, _new: int) -> None:
        if section in self.whole:
            self._later()

    def _later(self, *_args: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)

    def fit(self) -> None:
        self._pending = False
        header, view = self.header, self.view
        sortable = view.isSortingEnabled()
        room = view.viewport().width()
        used = sum(header.sectionSize(s) for s in self.whole if not header.isSectionHidden(s))
        titles = {s: header_width(header, s, sortable=sortable) for s in (*self.elide, *self.optional)}
        shown = list(self.optional)
        # Optional columns step aside (the last first) until the others have their titles and a little more.
        while shown and used + sum(titles[s] for s in (*self.elide, *shown)) + ELIDE_ROOM * len(self.elide) > room:
            shown.pop()
        for section in self.optional:
            header.setSectionHidden(section, section not in shown)
        sharing = [*self.elide, *shown]
        if not sharing:
            return
        # What is left goes to what the columns' contents lack, the first listed first; any rest is shared evenly.
        rest = max(0, room - used - sum(titles[s] for s in sharing))
        given = {}
        for section in sharing:
            given[section] = min(rest, max(0, view.sizeHintForColumn(section) - titles[section]))
            rest -= given[section]
        for index, section in enumerate(sharing):
            extra = given[section] + rest // len(sharing) + (1 if index < rest % len(sharing) else 0)
            header.resizeSection(section, titles[section] + extra)


def fit_columns(view: QTableView | QTreeView, *, whole: Mapping[int, Sequence[str] | None],
                elide: Sequence[int] = (), optional: Sequence[int] = ()) -> ColumnFitter:
    return ColumnFitter(view, whole, elide, optional)
