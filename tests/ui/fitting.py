"""What "nothing is cut" means, measured on live widgets: ``cuts(window)`` lists every text that does not fit.

For each visible widget of a window (and the window itself), the text it shows is measured with the widget's own
font metrics and style (the same numbers Qt uses to lay it out) and compared with the room it was given:

- a label's text (one line: its width; word-wrapped: the height its text needs at its width);
- a button's, check box's or radio button's text beside its icon, indicator and padding;
- a group box's title, every tab of a tab bar;
- every section of a table's or tree's horizontal header (its title, and that it lies inside the view: a
  column reachable only by scrolling sideways is cut), and every item of a one-column list (an agency's name);
- every text a chart draws (its title, legend, axis labels and axis titles): Qt elides those with "...";
- the widget itself: not clipped by a parent (scrolling up and down is fine, sideways is not), and the window
  inside the screen's available area.

Table and tree cells may elide (they are data; the full text is in the cell's tooltip or one click away); headers,
labels, buttons and titles may not. A label that elides on purpose shows the whole text in its tooltip and says so
with a ``full_text`` attribute (``ui.ring_banner.ElidedLabel``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsTextItem,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QSizeGrip,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

from ui.geometry import TITLE_BAR

ELLIPSES = ("…", "...")


@dataclass(frozen=True)
class Cut:
    window: str
    widget: str
    text: str
    problem: str

    def __str__(self) -> str:
        return f"{self.window} › {self.widget}: {self.text!r}: {self.problem}"


def plain(text: str) -> str:
    """A button's text as drawn: '&&' is an ampersand, a single '&' marks the mnemonic and is not drawn."""
    return re.sub(r"&(.)", r"\1", text)


def describe(widget: QWidget) -> str:
    name = widget.objectName()
    parts = [f"{type(widget).__name__}{'#' + name if name else ''}"]
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow() and len(parts) < 3:
        if parent.objectName():
            parts.append(f"{type(parent).__name__}#{parent.objectName()}")
        parent = parent.parentWidget()
    return " < ".join(parts)


def window_name(window: QWidget) -> str:
    return f"{type(window).__name__} '{window.windowTitle()}' {window.width()}x{window.height()}"


def text_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


class Ruler:
    """Collects the cuts of one window."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.name = window_name(window)
        self.found: list[Cut] = []

    def cut(self, widget: QWidget, text: str, problem: str) -> None:
        self.found.append(Cut(self.name, describe(widget), text, problem))

    # -- the window and its widgets -------------------------------------------------------------------------
    def on_screen(self) -> None:
        """The window with its frame lies inside the screen's available area, and (unless maximised) leaves room
        for the title bar a Windows PC adds above it (the offscreen platform draws none)."""
        window = self.window
        available = window.screen().availableGeometry()
        frame = window.frameGeometry()
        if not available.contains(frame):
            self.cut(window, window.windowTitle(), f"{frame.width()}x{frame.height()} at {frame.x()},{frame.y()} "
                                                   f"is off the screen ({available.width()}x{available.height()} "
                                                   f"at {available.x()},{available.y()})")
        elif not _maximised(window) and frame.height() + TITLE_BAR > available.height():
            self.cut(window, window.windowTitle(), f"{frame.height()} px tall: no room for a {TITLE_BAR} px title "
                                                   f"bar on a {available.height()} px screen")

    def clipping(self, widget: QWidget) -> None:
        """A widget squeezed out of its parent (a window smaller than its layout needs) is cut; one scrolled out of
        a scroll area's view is not, unless it needs scrolling sideways."""
        if isinstance(widget, QScrollBar | QSizeGrip) or widget.isWindow():
            return
        rect = QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())
        child: QWidget = widget
        parent = widget.parentWidget()
        while parent is not None:
            area = QRect(parent.mapTo(self.window, QPoint(0, 0)), parent.size())
            inside = rect.intersected(area)
            if inside != rect:
                scroller = parent.parentWidget()
                scrolled = isinstance(scroller, QAbstractScrollArea) and scroller.viewport() is parent
                if not scrolled:
                    if _internal(child):
                        return
                    self.cut(widget, _text_of(widget), f"clipped by its parent {describe(parent)}: "
                                                       f"{rect.width()}x{rect.height()} shown as "
                                                       f"{inside.width()}x{inside.height()}")
                    return
                if rect.left() < area.left() or rect.right() > area.right():
                    if isinstance(scroller, QAbstractItemView):
                        return  # item editors and index widgets of a table follow its columns
                    self.cut(widget, _text_of(widget), f"reachable only by scrolling {describe(scroller)} sideways")
                    return
                rect = inside
            if parent.isWindow():
                return
            child, parent = parent, parent.parentWidget()

    # -- texts ---------------------------------------------------------------------------------------------
    def label(self, label: QLabel) -> None:
        text = label.text()
        if not text or not label.pixmap().isNull():
            return
        full = getattr(label, "full_text", None)
        if isinstance(full, str) and text != full:
            if label.toolTip() != full:
                self.cut(label, text, "elided without the whole text in its tooltip")
            return
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                self.cut(label, text, f"needs {need} px of height at width {label.width()}, has {label.height()}")
            return
        hint = label.sizeHint()
        if hint.width() > label.width() + 1:
            self.cut(label, text, f"needs {hint.width()} px, has {label.width()}")
        elif hint.height() > label.height() + 2:
            self.cut(label, text, f"needs {hint.height()} px of height, has {label.height()}")

    def button(self, button: QAbstractButton) -> None:
        text = plain(button.text())
        if not text:
            return
        need = button.sizeHint()
        if isinstance(button, QPushButton) and need.width() > button.width():
            need = QSize(_push_button_need(button, text), need.height())
        if need.width() > button.width() + 1:
            self.cut(button, text, f"needs {need.width()} px, has {button.width()}")
        elif button.fontMetrics().height() > button.height():
            self.cut(button, text, f"text {button.fontMetrics().height()} px high, button {button.height()}")

    def combo_box(self, combo: QComboBox) -> None:
        """The chosen entry shows whole (an editable combo box scrolls its text like a line edit: not measured)."""
        text = combo.currentText()
        if not text or combo.isEditable():
            return
        option = QStyleOptionComboBox()
        option.initFrom(combo)
        option.currentText = text
        option.editable = False
        option.subControls = QStyle.SubControl.SC_All
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        icon = 0 if combo.itemIcon(combo.currentIndex()).isNull() else combo.iconSize().width() + 4
        need = combo.fontMetrics().horizontalAdvance(text) + icon
        if need > field.width() + 1:
            self.cut(combo, text, f"chosen entry needs {need} px, the box shows {field.width()}")

    def sideways(self, area: QAbstractScrollArea) -> None:
        """A visible horizontal scroll bar: part of the content is reachable only by scrolling sideways."""
        bar = area.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > bar.minimum():
            self.cut(area, "", f"scrolls sideways: {bar.maximum() - bar.minimum()} px of its content out of view")

    def group_box(self, box: QGroupBox) -> None:
        title = plain(box.title())
        if not title:
            return
        option = QStyleOptionGroupBox()
        option.initFrom(box)
        option.text = box.title()
        option.lineWidth = 1
        option.textAlignment = box.alignment()
        option.subControls = QStyle.SubControl.SC_GroupBoxFrame | QStyle.SubControl.SC_GroupBoxLabel
        if box.isCheckable():
            option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
        label = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                            QStyle.SubControl.SC_GroupBoxLabel, box)
        right = max(label.right(), label.left() + box.fontMetrics().horizontalAdvance(title))
        if right > box.width() - 2:
            self.cut(box, title, f"title needs {right + 2} px, the box has {box.width()}")

    def tab_bar(self, bar: QTabBar) -> None:
        metrics = bar.fontMetrics()
        space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
        for index in range(bar.count()):
            if not bar.isTabVisible(index):
                continue
            text = plain(bar.tabText(index))
            rect = bar.tabRect(index)
            icon = 0 if bar.tabIcon(index).isNull() else bar.iconSize().width() + 4
            need = metrics.horizontalAdvance(text) + space + icon
            if need > rect.width() + 1:
                self.cut(bar, text, f"tab needs {need} px, has {rect.width()}")
            elif rect.left() < 0 or rect.right() > bar.width():
                self.cut(bar, text, "tab outside the tab bar (scroll arrows)")

    def header(self, header: QHeaderView) -> None:
        if header.orientation() != Qt.Orientation.Horizontal or header.model() is None:
            return
        model = header.model()
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        room = header.viewport().width()
        for logical in range(header.count()):
            if header.isSectionHidden(logical) or header.sectionSize(logical) == 0:
                continue
            text = str(model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            option = QStyleOptionHeader()
            option.initFrom(header)
            option.section = logical
            option.text = text
            option.orientation = Qt.Orientation.Horizontal
            font = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
            if font is not None:
                option.fontMetrics = QFontMetrics(font)
            need = style.sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header).width()
            need = max(need, text_width(option.fontMetrics, text) + 2 * margin)
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
                need += option.fontMetrics.height() + margin
            size = header.sectionSize(logical)
            if text and need > size + 1:
                self.cut(header, text, f"column header needs {need} px, has {size}")
            left = header.sectionViewportPosition(logical)
            if left < 0 or left + size > room + 1:
                self.cut(header, text or f"column {logical}", f"column at {left}..{left + size} of a "
                                                              f"{room} px view: reachable only sideways")

    def list_items(self, view: QListView) -> None:
        """A one-column list has no tooltip column to fall back on: every item shows its whole text."""
        model = view.model()
        if model is None or view.viewMode() != QListView.ViewMode.ListMode:
            return
        view.doItemsLayout()  # a resized list re-wraps its rows after a short delay: measure what the user sees then
        room = view.viewport().width()
        for row in range(model.rowCount(view.rootIndex())):
            if view.isRowHidden(row):
                continue
            index = model.index(row, view.modelColumn(), view.rootIndex())
            rect = view.visualRect(index)
            need = _item_need(view, index, QRect(rect.x(), rect.y(), room, rect.height()), view.wordWrap())
            if need.width() > room + 1 or need.height() > rect.height() + 1:
                self.cut(view, str(index.data() or ""), f"list item needs {need.width()}x{need.height()} px, "
                                                        f"has {room}x{rect.height()}")

    def cells(self, view: QTableView | QTreeView) -> None:
        """Cells may elide (they are data) when their tooltip holds the whole text; the others must fit."""
        model = view.model()
        if model is None:
            return
        viewport = view.viewport().rect()
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        top = view.indexAt(QPoint(1, 1))
        row = top.row() if top.isValid() else 0
        parent = top.parent() if top.isValid() else view.rootIndex()
        while row < model.rowCount(parent):
            first = model.index(row, 0, parent)
            if view.visualRect(first).top() > viewport.bottom():
                break
            for column in range(model.columnCount(parent)):
                if header.isSectionHidden(column):
                    continue
                index = model.index(row, column, parent)
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                rect = view.visualRect(index)
                if not text or rect.width() <= 0:
                    continue
                need = _item_need(view, index, rect).width()
                tip = " ".join(str(index.data(Qt.ItemDataRole.ToolTipRole) or "").split())
                if need > rect.width() + 1 and " ".join(text.split()) not in tip:
                    self.cut(view, text, f"cell of column {header_text(model, column)!r} needs {need} px, has "
                                         f"{rect.width()} (and no tooltip with the whole text)")
            row += 1

    def chart(self, view: QChartView) -> None:
        """Qt Charts elides a title, legend entry or axis label that does not fit with "..."; its text items are
        QGraphicsTextItems (reached through ``toGraphicsObject``, as PySide sees the chart's own subclasses)."""
        scene = view.scene()
        if scene is None:
            return
        shown = QRect(QPoint(0, 0), view.viewport().size())
        legend = view.chart().legend()
        legend_area = view.mapFromScene(legend.mapRectToScene(legend.rect())).boundingRect()
        axes: dict[int, list[str]] = {}
        for item in scene.items():
            text_item = item.toGraphicsObject()
            if not isinstance(text_item, QGraphicsTextItem):
                continue
            text = text_item.toPlainText()
            if text_item.metaObject().className() == "ValueAxisLabel":
                # One axis's labels share their right edge (asking for the axis item, parentItem(), makes PySide
                # wrap and later delete Qt's own item: the labels vanish).
                right = round(text_item.sceneBoundingRect().right())
                axes.setdefault(right, []).append(text)
            if not text or not text_item.isVisible():
                continue
            if any(mark in text for mark in ELLIPSES):
                self.cut(view, text, "chart text elided")
                continue
            box = view.mapFromScene(text_item.sceneBoundingRect()).boundingRect()
            if not shown.adjusted(-1, -1, 1, 1).contains(box):
                self.cut(view, text, "chart text outside the chart")
            elif legend.isAncestorOf(text_item) and not legend_area.adjusted(-1, -1, 1, 1).contains(box):
                self.cut(view, text, "legend entry cut off by the legend's edge")
        for labels in axes.values():
            if len(set(labels)) < len(labels) and not any(mark in "".join(labels) for mark in ELLIPSES):
                self.cut(view, ", ".join(reversed(labels)), "axis labels repeat (ticks between whole numbers)")


def cuts(window: QWidget) -> list[Cut]:
    """Every cut text and widget of ``window`` as it is shown now."""
    ruler = Ruler(window)
    ruler.on_screen()
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        ruler.clipping(widget)
        if isinstance(widget, QAbstractScrollArea):
            ruler.sideways(widget)
        if isinstance(widget, QLabel):
            ruler.label(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QTabBar):
            if widget.parentWidget() is not None and isinstance(widget.parentWidget(), QTabBar):
                continue  # a tab bar's scroll arrows
            ruler.button(widget)
        elif isinstance(widget, QGroupBox):
            ruler.group_box(widget)
        elif isinstance(widget, QComboBox):
            ruler.combo_box(widget)
        elif isinstance(widget, QTabBar):
            ruler.tab_bar(widget)
        elif isinstance(widget, QHeaderView):
            ruler.header(widget)
        elif isinstance(widget, QListView) and not isinstance(widget.parentWidget(), QAbstractItemView):
            ruler.list_items(widget)
        elif isinstance(widget, QTableView | QTreeView):
            ruler.cells(widget)
        elif isinstance(widget, QChartView):
            ruler.chart(widget)
    return ruler.found


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()
            and w.windowType() != Qt.WindowType.ToolTip and w.windowType() != Qt.WindowType.Popup]


def _maximised(window: QWidget) -> bool:
    return bool(window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen))


def _push_button_need(button: QPushButton, text: str) -> int:
    """What Qt's QPushButton::sizeHint computes, without the style's 80-pixel minimum for short texts."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = ""
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    metrics = button.fontMetrics()
    width = metrics.horizontalAdvance(text)
    height = metrics.height()
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
        height = max(height, button.iconSize().height())
    if button.menu() is not None:
        width += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    return button.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, QSize(width, height),
                                           button).width()


def header_text(model: QAbstractItemModel, column: int) -> str:
    return str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or column)


def _item_need(view: QAbstractItemView, index: QModelIndex, rect: QRect, wrap: bool = False) -> QSize:
    """What the view's delegate asks for to show the item whole (text, check box, icon, margins): on one line,
    or wrapped to ``rect``'s width."""
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.widget = view
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.rect = rect
    option.decorationSize = view.iconSize() if view.iconSize().isValid() else QSize(16, 16)
    if wrap:
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    return view.itemDelegateForIndex(index).sizeHint(option, index)


def _internal(widget: QWidget) -> bool:
    """Qt's own parts of a compound widget (a combo box's line edit, a spin box's buttons)."""
    return widget.objectName().startswith("qt_")


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QCheckBox | QRadioButton | QToolButton):
        return widget.text()
    return ""


