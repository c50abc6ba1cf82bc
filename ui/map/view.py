"""MapView: the map canvas. No network, no tiles: everything is drawn from ``callcenter.geo``'s polygons.

Mouse: drag to pan, wheel to zoom at the cursor, click to pick a point (``locationPicked``), double-click an
incident to open it (``incidentActivated``), hover for a summary. Keys: arrows pan, + and - zoom, 0 fits the
regency, Enter picks the point under the centre cross.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from callcenter.geo.choropleth import ColourClass, classes, colour_for
from callcenter.geo.regions import Geography
from ui.map import overlays, style
from ui.map.layers import BaseMap, BaseStyle, desa_counts
from ui.map.markers import CallerLocation, IncidentMarker, PostMarker, UnitMarker
from ui.map.render_thread import BaseRenderer, RenderedBase, RenderRequest
from ui.map.style import tr

PAN_MARGIN = 220
"""Pixels of base layer rendered beyond each edge, so a drag moves a ready pixmap instead of redrawing."""
MAX_SCALE = 0.6
"""Pixels per metre at the closest zoom (a desa of 300 m fills half the screen)."""
CLICK_SLOP = 5
HIT_RADIUS = 10.0


class MapView(QWidget):
    incidentActivated = Signal(int)
    """An incident marker was double-clicked (or Enter on a hovered one): its id."""
    locationPicked = Signal(float, float, object)
    """A click (or Enter at the centre cross): latitude, longitude, and the desa code there or None (outside)."""
    baseRendered = Signal()
    """The borders and names for the current view are drawn (the worker thread finished)."""

    def __init__(self, geography: Geography, parent: QWidget | None = None, *, base: BaseMap | None = None) -> None:
        super().__init__(parent)
        self.geography = geography
        self.base = base if base is not None else BaseMap(geography)  # its own: built on a worker, then only ours
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Map of Kabupaten Purwakarta"))
        self.setToolTip("")
        self._centre = self.base.bounds.center()
        self._scale = 0.01
        self._fitted = True
        self._style = BaseStyle()
        self._cache: RenderedBase | None = None
        self._markers_version = 0
        self._marker_cache: tuple[object, float, QPointF, QImage] | None = None
        self._asked: RenderRequest | None = None
        self._renderer = BaseRenderer(self.base, self)
        self._renderer.ready.connect(self._base_ready)
        self._incidents: list[IncidentMarker] = []
        self._incident_xy: list[tuple[float, float, int]] = []
        """Projected position of each incident marker, and its turn in the spiral around a shared centroid."""
        self._posts: list[tuple[PostMarker, QPointF]] = []
        self._units: list[tuple[UnitMarker, QPointF]] = []
        self._caller: CallerLocation | None = None
        self._pin: QPointF | None = None
        self._layers = {"incidents": True, "posts": True, "units": True}
        self._choropleth: tuple[list[ColourClass], str, str] | None = None  # (classes, level, title)
        self._legend = True
        self._press: QPointF | None = None
        self._dragging = False
        self._last_paint_ms = 0.0

    # -- view ------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(360, 300) if self._style.compact else QSize(900, 640)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 180)

    def transform(self) -> QTransform:
        """Projected metres -> widget pixels."""
        s = self._scale
        return QTransform(s, 0, 0, -s, self.width() / 2 - self._centre.x() * s,
                          self.height() / 2 + self._centre.y() * s)

    def scale(self) -> float:
        """Pixels per metre."""
        return self._scale

    def fit(self) -> None:
        """The whole regency in view (key 0), beside the legend rather than under it."""
        bounds = self.base.bounds
        if self.width() < 2 or self.height() < 2:
            self._fitted = True
            return
        legend = overlays.legend_box(self._legend_rows(), self.font(), self.width())
        reserve = legend.width() + 20 if not legend.isEmpty() else 0.0
        usable = max(48.0, self.width() - reserve)
        self._scale = min((usable - 24) / bounds.width(), (self.height() - 24) / bounds.height())
        # The view's centre lies east of the regency's by half the reserved strip: the regency sits left of it.
        self._centre = bounds.center() + QPointF((self.width() - usable) / 2 / self._scale, 0)
        self._fitted = True
        self.update()

    def _legend_rows(self) -> list[tuple[str, object]]:
        if not self._legend:
            return []
        return overlays.legend_rows(self._choropleth, self._style.compact, bool(self._incidents))

    def _refit(self) -> None:
        """The legend came or went (markers arrived, a choropleth): a fitted map fits again around it."""
        if self._fitted:
            self.fit()

    def _fit_scale(self) -> float:
        bounds = self.base.bounds
        return min(max(1, self.width() - 24) / bounds.width(), max(1, self.height() - 24) / bounds.height())

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (``factor`` > 1) or out, keeping the point under ``anchor`` (widget pixels) in place."""
        new_scale = min(MAX_SCALE, max(self._fit_scale() * 0.6, self._scale * factor))
        if anchor is not None:
            before = self.to_metres(anchor)
            self._scale = new_scale
            after = self.to_metres(anchor)
            self._centre += before - after
        else:
            self._scale = new_scale
        self._fitted = False
        self._clamp()
        self.update()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) pixels (positive: the map moves left/up, i.e. we look right/down)."""
        self._centre += QPointF(dx / self._scale, -dy / self._scale)
        self._fitted = False
        self._clamp()
        self.update()

    def centre_on(self, latitude: float, longitude: float, scale: float | None = None) -> None:
        self._centre = self.base.to_xy(latitude, longitude)
        if scale is not None:
            self._scale = min(MAX_SCALE, scale)
        self._fitted = False
        self._clamp()
        self.update()

    def _clamp(self) -> None:
        """Keep some of the regency in view."""
        bounds = self.base.bounds.adjusted(-2000, -2000, 2000, 2000)
        self._centre = QPointF(min(max(self._centre.x(), bounds.left()), bounds.right()),
                               min(max(self._centre.y(), bounds.top()), bounds.bottom()))

    def to_metres(self, point: QPointF) -> QPointF:
        return self.transform().inverted()[0].map(point)

    def lat_lon_at(self, point: QPointF) -> tuple[float, float]:
        metres = self.to_metres(point)
        return self.base.projection.to_latlon(metres.x(), metres.y())

    def screen_point(self, latitude: float, longitude: float) -> QPointF:
        return self.transform().map(self.base.to_xy(latitude, longitude))

    # -- content ---------------------------------------------------------------------------------------------

    def set_incidents(self, markers: Iterable[IncidentMarker]) -> None:
        """Replace the incident markers (the open incidents, or a shift's)."""
        self._incidents = list(markers)
        self._place_incidents()
        self._refit()

    def update_incident(self, marker: IncidentMarker | None, incident_id: int | None = None) -> None:
        """Add or replace one marker (after a change-feed entry); ``None`` with ``incident_id`` removes it."""
        key = marker.incident_id if marker is not None else incident_id
        kept = [m for m in self._incidents if m.incident_id != key]
        self._incidents = [*kept, marker] if marker is not None else kept
        self._place_incidents()

    def incidents(self) -> list[IncidentMarker]:
        return list(self._incidents)

    def _place_incidents(self) -> None:
        """Projected positions; incidents sharing a desa centroid spiral out around it so each stays clickable."""
        order = {"P1": 0, "P2": 1, "P3": 2, "P4": 3}
        self._incidents.sort(key=lambda m: (-order.get(m.priority, 4), m.status == "open"))  # urgent on top
        at_centroid: dict[str, int] = {}
        placed: list[tuple[float, float, int]] = []
        for marker in self._incidents:
            if marker.exact:
                point = self.base.to_xy(marker.latitude or 0.0, marker.longitude or 0.0)
                placed.append((point.x(), point.y(), 0))
            elif marker.desa_code is not None and marker.desa_code in self.geography.desa:
                index = at_centroid.get(marker.desa_code, 0)
                at_centroid[marker.desa_code] = index + 1
                point = self.base.desa_labels[marker.desa_code]
                placed.append((point.x(), point.y(), index))
            else:
                placed.append((math.nan, math.nan, 0))
        self._incident_xy = placed
        self._markers_version += 1
        self.update()

    def set_posts(self, markers: Iterable[PostMarker]) -> None:
        self._posts = [(m, self.base.to_xy(m.latitude, m.longitude)) for m in markers]
        self.update()

    def posts(self) -> list[PostMarker]:
        return [marker for marker, _ in self._posts]

    def units(self) -> list[UnitMarker]:
        return [marker for marker, _ in self._units]

    def set_units(self, markers: Iterable[UnitMarker]) -> None:
        self._units = [(m, self.base.to_xy(m.latitude, m.longitude)) for m in markers]
        self.update()

    def set_caller_location(self, location: CallerLocation | None) -> None:
        """A phone's location with its accuracy circle (AML); None removes it."""
        self._caller = location
        self.update()

    def set_pin(self, latitude: float | None, longitude: float | None, *, centre: bool = False) -> None:
        """The form's current point (after a click or typed coordinates); None removes it. With ``centre`` the
        view moves to it, zooming in to street level if it was further out (typed or pasted coordinates)."""
        self._pin = None if latitude is None or longitude is None else self.base.to_xy(latitude, longitude)
        if centre and latitude is not None and longitude is not None:
            self.centre_on(latitude, longitude, max(self._scale, 0.08))
        self.update()

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        """``incidents``, ``posts`` or ``units``."""
        self._layers[layer] = visible
        self.update()

    def set_legend_visible(self, visible: bool) -> None:
        self._legend = visible
        self.update()
        self._refit()

    def set_compact(self, compact: bool) -> None:
        """Smaller markers and labels, no marker legend: the view beside the incident form."""
        self._style.compact = compact
        self._restyle()
        self.updateGeometry()
        self._refit()

    def is_compact(self) -> bool:
        return self._style.compact

    def highlight_desa(self, code: str | None, *, centre: bool = True) -> None:
        """Highlight a desa (by Kemendagri code) and, with ``centre``, bring it into view; None clears."""
        self._style.highlight = code if code in self.geography.desa else None
        self._restyle()
        if centre and self._style.highlight is not None:
            bounds = self.base.desa_bounds[self._style.highlight]
            margin = 3.0
            fit = min(self.width() / (bounds.width() * margin), self.height() / (bounds.height() * margin))
            self._scale = min(MAX_SCALE * 0.5, max(self._fit_scale(), fit))
            self._centre = bounds.center()
            self._fitted = False
            self.update()

    def highlighted_desa(self) -> str | None:
        return self._style.highlight

    def set_choropleth(self, counts: Mapping[str, int], level: str = "desa", title: str = "") -> None:
        """Fill every desa by its incident count (``level`` desa) or its kecamatan's (``kecamatan``), with a
        legend; counts are keyed by Kemendagri code."""
        per_desa = desa_counts(self.geography, counts, level)
        source = counts.values() if level == "desa" else [counts.get(c, 0) for c in self.geography.kecamatan]
        bins = classes(source)
        self._style.fills = {code: QColor(colour_for(count, bins)) for code, count in per_desa.items()}
        self._choropleth = (bins, level, title)
        self._restyle()
        self._refit()

    def clear_choropleth(self) -> None:
        self._style.fills = {}
        self._choropleth = None
        self._restyle()
        self._refit()

    def choropleth_classes(self) -> list[ColourClass] | None:
        return self._choropleth[0] if self._choropleth else None

    def _restyle(self) -> None:
        self._style.version += 1
        self.update()

    # -- hit testing -----------------------------------------------------------------------------------------

    def _incident_screen(self) -> list[tuple[IncidentMarker, QPointF]]:
        return [(marker, QPointF(x, y)) for marker, x, y in self._incident_pixels()]

    def _incident_pixels(self) -> list[tuple[IncidentMarker, float, float]]:
        """Widget pixel positions, by plain arithmetic (a thousand markers are repainted on every pan step)."""
        s = self._scale
        ox, oy = self.width() / 2 - self._centre.x() * s, self.height() / 2 + self._centre.y() * s
        spread = (style.COMPACT_RADIUS if self._style.compact else style.MARKER_RADIUS) * 1.5
        out = []
        for marker, (x, y, index) in zip(self._incidents, self._incident_xy, strict=True):
            if x != x:  # NaN: nowhere to put it
                continue
            px, py = x * s + ox, oy - y * s
            if index:
                angle = index * 2.39996  # the golden angle: neighbours in the spiral never line up
                distance = spread * math.sqrt(index)
                px, py = px + math.cos(angle) * distance, py + math.sin(angle) * distance
            out.append((marker, px, py))
        return out

    def visible_incidents(self) -> list[tuple[IncidentMarker, QPointF]]:
        """The incident markers on screen now, with their widget positions (tests, the benchmark)."""
        if not self._layers["incidents"]:
            return []
        area = QRectF(self.rect())
        return [(marker, point) for marker, point in self._incident_screen() if area.contains(point)]

    def incident_at(self, position: QPointF) -> IncidentMarker | None:
        if not self._layers["incidents"]:
            return None
        best: tuple[float, IncidentMarker] | None = None
        for marker, point in self._incident_screen():
            distance = math.hypot(point.x() - position.x(), point.y() - position.y())
            if distance <= HIT_RADIUS and (best is None or distance <= best[0]):
                best = (distance, marker)
        return best[1] if best else None

    def tooltip_at(self, position: QPointF) -> str | None:
        """The hover text for whatever is under ``position``: a marker, else the desa."""
        incident = self.incident_at(position)
        if incident is not None:
            return incident.tooltip()
        transform = self.transform()
        for layer, items in (("units", self._units), ("posts", self._posts)):
            if not self._layers[layer]:
                continue
            for marker, point in items:
                screen = transform.map(point)
                if math.hypot(screen.x() - position.x(), screen.y() - position.y()) <= HIT_RADIUS:
                    return marker.tooltip()
        latitude, longitude = self.lat_lon_at(position)
        found = self.geography.locate(latitude, longitude)
        if found.desa_code is None:
            return None
        return self.geography.desa[found.desa_code].display_name

    # -- events ----------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._fitted:
            self.fit()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if self._dragging or abs(delta.x()) + abs(delta.y()) > CLICK_SLOP:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.pan_by(-delta.x(), -delta.y())
                self._press = event.position()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging and self.incident_at(event.position()) is None:
                self._pick(event.position())
            self._press = None
            self._dragging = False
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            marker = self.incident_at(event.position())
            if marker is not None:
                self.incidentActivated.emit(marker.incident_id)
            else:
                self.zoom_by(2.0, event.position())
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25 ** steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step_x, step_y = self.width() / 8, self.height() / 8
        moves = {Qt.Key.Key_Left: (-step_x, 0), Qt.Key.Key_Right: (step_x, 0), Qt.Key.Key_Up: (0, -step_y),
                 Qt.Key.Key_Down: (0, step_y)}
        if key in moves:
            self.pan_by(*moves[Qt.Key(key)])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.5)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / 1.5)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            centre = QPointF(self.width() / 2, self.height() / 2)
            marker = self.incident_at(centre)
            if marker is not None:
                self.incidentActivated.emit(marker.incident_id)
            else:
                self._pick(centre)
        else:
            super().keyPressEvent(event)

    def _pick(self, position: QPointF) -> None:
        latitude, longitude = self.lat_lon_at(position)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return
        self.locationPicked.emit(latitude, longitude, self.geography.locate(latitude, longitude).desa_code)

    # -- painting --------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint_base(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self.transform()
        compact, width, height = self._style.compact, self.width(), self.height()
        if self._caller is not None:
            centre = transform.map(self.base.to_xy(self._caller.latitude, self._caller.longitude))
            overlays.paint_caller(painter, centre, self._caller, self._scale)
        if self._layers["posts"]:
            for post, point in self._posts:
                overlays.paint_post(painter, post, transform.map(point), compact, self._scale)
        if self._layers["units"]:
            for unit, point in self._units:
                overlays.paint_unit(painter, unit, transform.map(point), compact)
        if self._layers["incidents"]:
            self._paint_incidents(painter)
        if self._pin is not None:
            overlays.paint_pin(painter, transform.map(self._pin))
        if self.hasFocus():
            overlays.paint_cross(painter, width, height)
        overlays.paint_scale_bar(painter, width, height, self._scale, compact)
        if self._legend:
            overlays.paint_legend(painter, self._legend_rows(), self.font(), width, self.devicePixelRatioF())
        overlays.paint_attribution(painter, self.font(), width, height)
        painter.end()

    def _paint_base(self, painter: QPainter) -> None:
        """The last rendered base layer: moved into place when it was rendered at this zoom and covers the view,
        else scaled to fit while the right one renders on the worker thread."""
        key = (self._style.version, self.width(), self.height(), self.devicePixelRatioF())
        cache = self._cache
        current = False
        if cache is not None:
            to_widget = cache.request.transform.inverted()[0] * self.transform()
            image_rect = QRectF(0, 0, cache.request.width, cache.request.height)
            current = cache.request.key == key and cache.request.scale == self._scale and \
                to_widget.mapRect(image_rect).contains(QRectF(self.rect()))
            if current:
                painter.drawImage(to_widget.map(QPointF(0, 0)), cache.image)
            else:
                painter.fillRect(self.rect(), style.WATER)
                painter.save()
                painter.setTransform(to_widget)
                painter.drawImage(QPointF(0, 0), cache.image)
                painter.restore()
        else:
            painter.fillRect(self.rect(), style.WATER)
        if not current:
            self._ask_for_base(key)

    def _ask_for_base(self, key: tuple[int, int, int, float]) -> None:
        asked = self._asked
        centre = (self._centre.x(), self._centre.y())
        if asked is not None and asked.key == key and asked.scale == self._scale and asked.centre == centre:
            return
        self._asked = RenderRequest(key, self._scale, centre, self.width() + 2 * PAN_MARGIN,
                                    self.height() + 2 * PAN_MARGIN, self.devicePixelRatioF(), self._style.snapshot())
        self._renderer.request(self._asked)

    def _base_ready(self, result: RenderedBase) -> None:
        self._cache = result
        self.update()
        if result.request == self._asked:
            self.baseRendered.emit()

    def base_is_current(self) -> bool:
        """The base layer on screen is the one for the current view (no render outstanding)."""
        return self._cache is not None and self._cache.request == self._asked and not self._renderer.busy()

    def wait_for_base(self, msecs: int = 5000) -> bool:
        """For tests and screenshots: block until the render thread is idle."""
        return self._renderer.wait(msecs)

    def _paint_incidents(self, painter: QPainter) -> None:
        """The incident markers, from an image of them that is drawn again only when they, the zoom or the size
        change, or a pan goes past its margin: a thousand markers then cost one image per repaint."""
        s = self._scale
        key = (self._markers_version, self._style.compact, self.width(), self.height(), self.devicePixelRatioF())
        cache = self._marker_cache
        if cache is not None and cache[0] == key and cache[1] == s:
            shift = QPointF((cache[2].x() - self._centre.x()) * s, (self._centre.y() - cache[2].y()) * s)
            if abs(shift.x()) <= PAN_MARGIN - 20 and abs(shift.y()) <= PAN_MARGIN - 20:
                painter.drawImage(shift - QPointF(PAN_MARGIN, PAN_MARGIN), cache[3])
                return
        ratio = self.devicePixelRatioF()
        image = QImage(int((self.width() + 2 * PAN_MARGIN) * ratio), int((self.height() + 2 * PAN_MARGIN) * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        layer = QPainter(image)
        radius = style.COMPACT_RADIUS if self._style.compact else style.MARKER_RADIUS
        right, bottom = self.width() + PAN_MARGIN, self.height() + PAN_MARGIN
        sprites: dict[tuple[str, str, bool], tuple[QPixmap, float]] = {}
        for marker, x, y in self._incident_pixels():
            if not (-PAN_MARGIN < x < right and -PAN_MARGIN < y < bottom):
                continue
            look = (marker.priority, marker.status, marker.exact)
            found = sprites.get(look)
            if found is None:
                sprite = style.incident_sprite(*look, radius, ratio)
                found = sprites[look] = (sprite, sprite.width() / sprite.devicePixelRatio() / 2)
            layer.drawPixmap(QPointF(x + PAN_MARGIN - found[1], y + PAN_MARGIN - found[1]), found[0])
        layer.end()
        self._marker_cache = (key, s, QPointF(self._centre), image)
        painter.drawImage(QPointF(-PAN_MARGIN, -PAN_MARGIN), image)
