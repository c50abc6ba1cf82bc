"""MapPanel: the map with a desa search, layer switches, a status line (the point and desa under the mouse) and,
for supervisors, a ``ChoroplethBar``. ``compact=True`` gives the small view beside the incident form (search only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.geo.regions import Geography
from ui.map.layers import BaseMap
from ui.map.style import tr
from ui.map.view import MapView


class ChoroplethBar(QWidget):
    """Period, category and level for a choropleth; the controller runs ``MapService.incident_counts`` with them
    (on the worker thread) and calls ``MapPanel.show_counts``."""

    requested = Signal(object, object, object, str)
    """date_from, date_to (dates, both included), category id or None, "desa" | "kecamatan"."""
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        today = QDate.currentDate()
        self.date_from.setDate(today.addDays(-29))
        self.date_to.setDate(today)
        self.category = QComboBox()
        self.category.addItem(tr("All categories"), None)
        self.level = QComboBox()
        self.level.addItem(tr("per desa"), "desa")
        self.level.addItem(tr("per kecamatan"), "kecamatan")
        self.show_button = QPushButton(tr("Show counts"))
        self.clear_button = QPushButton(tr("Markers"))
        self.clear_button.setToolTip(tr("Back to the incident markers"))
        label_from = QLabel(tr("&From"))
        label_from.setBuddy(self.date_from)
        label_to = QLabel(tr("&until"))
        label_to.setBuddy(self.date_to)
        for widget in (label_from, self.date_from, label_to, self.date_to, self.category, self.level,
                       self.show_button, self.clear_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_button.clicked.connect(self._request)
        self.clear_button.clicked.connect(self.cleared)

    def set_categories(self, categories: Sequence[tuple[int, str]]) -> None:
        """(id, name) of the categories to offer."""
        self.category.clear()
        self.category.addItem(tr("All categories"), None)
        for category_id, name in categories:
            self.category.addItem(name, category_id)

    def _request(self) -> None:
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        if isinstance(start, date) and isinstance(end, date) and end < start:
            start, end = end, start
        self.requested.emit(start, end, self.category.currentData(), str(self.level.currentData()))


class MapPanel(QWidget):
    """The map tab (``compact=False``) or the view beside the incident form (``compact=True``)."""

    def __init__(self, geography: Geography, *, compact: bool = False, choropleth: bool = False,
                 parent: QWidget | None = None, base: BaseMap | None = None) -> None:
        super().__init__(parent)
        self.geography = geography
        self.view = MapView(geography, self, base=base)
        self.view.set_compact(compact)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a desa or kelurahan…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Find a desa on the map"))
        self._names = {region.display_name: code for code, region in geography.desa.items()}
        completer = QCompleter(sorted(self._names), self.search)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        completer.activated.connect(self._find)
        self.search.returnPressed.connect(lambda: self._find(self.search.text()))
        bar.addWidget(self.search, 1)
        self.fit_button = QPushButton(tr("Whole regency (0)"))
        self.fit_button.clicked.connect(self.view.fit)
        bar.addWidget(self.fit_button)
        self.layer_boxes: dict[str, QCheckBox] = {}
        for layer, text in (("incidents", tr("&Incidents")), ("posts", tr("&Posts")), ("units", tr("&Units"))):
            box = QCheckBox(text)
            box.setChecked(True)
            box.toggled.connect(lambda on, name=layer: self.view.set_layer_visible(name, on))
            self.layer_boxes[layer] = box
            bar.addWidget(box)
        layout.addLayout(bar)
        self.choropleth_bar = ChoroplethBar(self)
        self.choropleth_bar.cleared.connect(self.show_markers)
        layout.addWidget(self.choropleth_bar)
        layout.addWidget(self.view, 1)
        self.status = QLabel(" ")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.view.installEventFilter(self)
        find = QShortcut(QKeySequence("Ctrl+F"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search.setFocus)
        self.set_compact(compact)
        self.choropleth_bar.setVisible(choropleth and not compact)

    def set_compact(self, compact: bool) -> None:
        self.view.set_compact(compact)
        for widget in (self.fit_button, *self.layer_boxes.values(), self.status):
            widget.setVisible(not compact)
        if compact:
            self.choropleth_bar.setVisible(False)

    def show_counts(self, counts: Mapping[str, int], level: str) -> None:
        """Colour the map by incident counts per desa or kecamatan code (``MapService.incident_counts``)."""
        title = tr("Incidents per desa") if level == "desa" else tr("Incidents per kecamatan")
        self.view.set_choropleth(counts, level, title)
        self.layer_boxes["incidents"].setChecked(False)  # the colours are the message; markers can come back

    def show_markers(self) -> None:
        """Back from the choropleth to the incident markers."""
        self.view.clear_choropleth()
        self.layer_boxes["incidents"].setChecked(True)

    def _find(self, text: str) -> None:
        code = self._names.get(text)
        if code is None:
            wanted = text.strip().casefold()
            matches = [c for name, c in self._names.items() if wanted and wanted in name.casefold()]
            code = matches[0] if len(matches) == 1 else None
        if code is not None:
            self.view.highlight_desa(code)
            self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._describe(event.position())
        return super().eventFilter(watched, event)

    def _describe(self, position: QPointF) -> None:
        latitude, longitude = self.view.lat_lon_at(position)
        found = self.geography.locate(latitude, longitude)
        place = self.geography.desa[found.desa_code].display_name if found.desa_code else \
            tr("outside Kabupaten Purwakarta")
        self.status.setText(f"{latitude:.5f}, {longitude:.5f} — {place}")
