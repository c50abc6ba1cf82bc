"""The map's base layer: desa fills (plain, highlighted or choropleth), desa, kecamatan and regency borders, and
names that appear as there is room for them. Rendered into an image larger than the widget, on a worker thread
(``render`` only reads this object's paths, so it is safe there); the widget draws the last image, moved or scaled
to the current view, and markers over it, so a repaint never waits for the borders.

Qt strokes a long path with an antialiased pen wider than one pixel very slowly (seconds for the desa borders), so
every border is drawn with hairlines; the kecamatan and regency borders are made bolder by a few offset passes.

Geometry is held in projected metres (``callcenter.geo.projection``): x east, y north.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from callcenter.geo.outlines import kecamatan_outlines, label_points, regency_outline, simplified
from callcenter.geo.projection import LocalProjection, projection_for
from callcenter.geo.regions import Geography, Ring
from ui.map import style

COARSE_BELOW = 1 / 12.0
"""Pixels per metre under which the simplified outlines are drawn (coarser than 12 m a pixel)."""
FINE_TOLERANCE_DEG = 0.00002
"""About 2 m: the kecamatan and regency outlines drawn up close."""
COARSE_TOLERANCE_DEG = 0.00012
"""About 13 m: invisible at the scales the coarse outlines are used at."""


@dataclass
class BaseStyle:
    """What the base layer shows besides the borders; a change renders it again."""

    fills: dict[str, QColor] = field(default_factory=dict)
    """Desa code -> fill (choropleth); empty: plain land."""
    highlight: str | None = None
    compact: bool = False
    version: int = 0

    def snapshot(self) -> BaseStyle:
        """A copy the render thread can read while the widget changes the original."""
        return BaseStyle(dict(self.fills), self.highlight, self.compact, self.version)


@dataclass(frozen=True)
class OutlineRings:
    """The borders a base map draws, as (lon, lat) rings: the costly part of a map (unions and simplification in
    shapely, ~0.3 s), computed once per geography and shared; each map view builds its own paths from them (a
    QPainterPath is not to be shared between render threads)."""

    desa_coarse: dict[str, tuple[Ring, ...]]
    kecamatan: dict[bool, list[tuple[Ring, ...]]]
    """fine (True) or coarse -> each kecamatan's outline."""
    regency: dict[bool, tuple[Ring, ...]]


_OUTLINES: weakref.WeakKeyDictionary[Geography, OutlineRings] = weakref.WeakKeyDictionary()
_OUTLINES_LOCK = threading.Lock()


def outline_rings(geography: Geography) -> OutlineRings:
    """The rings of ``geography``'s borders, computed on first use (the console asks on its render worker, before
    any view is built, so the GUI thread never waits on them)."""
    with _OUTLINES_LOCK:
        rings = _OUTLINES.get(geography)
        if rings is None:
            outlines = kecamatan_outlines(geography)
            regency = regency_outline(geography)
            tolerance = {True: FINE_TOLERANCE_DEG, False: COARSE_TOLERANCE_DEG}
            rings = _OUTLINES[geography] = OutlineRings(
                desa_coarse={code: simplified(region.geometry, COARSE_TOLERANCE_DEG)
                             for code, region in geography.desa.items()},
                kecamatan={fine: [simplified(outline, tolerance[fine]) for outline in outlines.values()]
                           for fine in (True, False)},
                regency={fine: simplified(regency, tolerance[fine]) for fine in (True, False)})
        return rings


class BaseMap:
    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self.projection: LocalProjection = projection_for(geography.bounds)
        self.desa_fine: dict[str, QPainterPath] = {}
        self.desa_coarse: dict[str, QPainterPath] = {}
        self.desa_bounds: dict[str, QRectF] = {}
        rings = outline_rings(geography)
        for code, region in geography.desa.items():
            self.desa_fine[code] = self._path(region.rings)
            self.desa_coarse[code] = self._path(rings.desa_coarse[code])
            self.desa_bounds[code] = self.desa_fine[code].boundingRect()
        self.kecamatan = {fine: [self._path(outline) for outline in rings.kecamatan[fine]] for fine in (True, False)}
        self.regency = {fine: self._path(rings.regency[fine]) for fine in (True, False)}
        self.bounds = self.regency[True].boundingRect()
        self.desa_labels = {code: self.to_xy(*region.anchor) for code, region in geography.desa.items()}
        self.kecamatan_labels = {code: self.to_xy(*point) for code, point in label_points(geography).items()}

    def to_xy(self, latitude: float, longitude: float) -> QPointF:
        x, y = self.projection.to_xy(latitude, longitude)
        return QPointF(x, y)

    def _path(self, rings: tuple[Ring, ...]) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in rings:
            points = [self.projection.to_xy(lat, lon) for lon, lat in ring]
            path.moveTo(*points[0])
            for x, y in points[1:]:
                path.lineTo(x, y)
            path.closeSubpath()
        return path

    def render(self, width: int, height: int, ratio: float, transform: QTransform, base: BaseStyle,
               scale: float) -> QImage:
        """The base layer for a ``width`` x ``height`` area seen through ``transform`` (metres -> pixels)."""
        image = QImage(max(1, int(width * ratio)), max(1, int(height * ratio)),
                       QImage.Format.Format_RGB32)  # opaque: drawn onto the widget as a copy, not a blend
        image.setDevicePixelRatio(ratio)
        image.fill(style.WATER)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fine = scale >= COARSE_BELOW
        desa = self.desa_fine if fine else self.desa_coarse
        view = transform.inverted()[0].mapRect(QRectF(0, 0, width, height))
        painter.setTransform(transform)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(style.LAND))
        painter.drawPath(self.regency[fine])
        for code, fill in base.fills.items():
            if code in desa and self.desa_bounds[code].intersects(view):
                painter.setBrush(QBrush(fill))
                painter.drawPath(desa[code])
        if base.highlight in desa:
            painter.setBrush(QBrush(style.HIGHLIGHT_FILL))
            painter.drawPath(desa[base.highlight])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pen(style.DESA_LINE if not base.fills else QColor(255, 255, 255, 200)))
        # One small path per call, not one long one: a call into Qt holds Python's lock, and the GUI thread
        # must never wait long for it while this runs on the render thread.
        for code, path in desa.items():
            if self.desa_bounds[code].intersects(view):
                painter.drawPath(path)
        for path in self.kecamatan[fine]:
            if path.boundingRect().intersects(view):
                self._bold(painter, transform, path, style.KECAMATAN_LINE, 2 if base.compact else 3)
        self._bold(painter, transform, self.regency[fine], style.REGENCY_LINE, 4)
        if base.highlight in desa:
            self._bold(painter, transform, desa[base.highlight], style.HIGHLIGHT_LINE, 4)
        painter.resetTransform()
        self._labels(painter, transform, width, height, base, scale)
        painter.end()
        return image

    @staticmethod
    def _pen(colour: QColor) -> QPen:
        pen = QPen(colour, 0.95)  # a hairline: Qt's fast path (see the module's note)
        pen.setCosmetic(True)  # the same width at every zoom
        return pen

    def _bold(self, painter: QPainter, transform: QTransform, path: QPainterPath, colour: QColor,
              passes: int) -> None:
        """A line ``passes`` hairlines wide, drawn as hairlines shifted by fractions of a pixel."""
        painter.setPen(self._pen(colour))
        for dx, dy in ((0.0, 0.0), (0.7, 0.0), (0.0, 0.7), (0.7, 0.7))[:passes]:
            painter.setTransform(transform * QTransform.fromTranslate(dx, dy))
            painter.drawPath(path)
        painter.setTransform(transform)

    def _labels(self, painter: QPainter, transform: QTransform, width: int, height: int, base: BaseStyle,
                scale: float) -> None:
        taken: list[QRectF] = []
        area = QRectF(0, 0, width, height)
        desa_font = QFont(painter.font())
        desa_font.setPointSizeF(7.5 if base.compact else 8.0)
        desa_metrics = QFontMetricsF(desa_font)
        kecamatan_font = QFont(painter.font())
        kecamatan_font.setPointSizeF(8.5 if base.compact else 9.5)
        kecamatan_font.setBold(True)
        kecamatan_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        kecamatan_metrics = QFontMetricsF(kecamatan_font)
        # Kecamatan names first (they orient); desa names where their desa is wide enough on screen.
        painter.setFont(kecamatan_font)
        for code, point in self.kecamatan_labels.items():
            text = self.geography.kecamatan[code].name.upper()
            rect = self._text_rect(kecamatan_metrics, text, transform.map(point))
            if not area.contains(rect) or any(rect.intersects(other) for other in taken):
                continue
            halo = QColor(255, 255, 255, 170)
            painter.setPen(halo)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                painter.drawText(rect.translated(dx, dy), Qt.AlignmentFlag.AlignCenter, text)
            painter.setPen(style.LABEL_KECAMATAN if not base.fills else QColor("#1a1a1a"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            taken.append(rect.adjusted(-4, -2, 4, 2))
        painter.setFont(desa_font)
        for code, point in self.desa_labels.items():
            bounds = self.desa_bounds[code]
            on_screen_width = bounds.width() * scale
            if on_screen_width < 30:
                continue
            region = self.geography.desa[code]
            text = region.name
            text_width = desa_metrics.horizontalAdvance(text)
            if text_width > on_screen_width * 0.9 or bounds.height() * scale < desa_metrics.height() * 1.6:
                continue
            # Above the anchor: incidents without coordinates are drawn at the anchor itself.
            rect = self._text_rect(desa_metrics, text, transform.map(point) - QPointF(0, desa_metrics.height()))
            if not area.contains(rect) or any(rect.intersects(other) for other in taken):
                continue
            fill = base.fills.get(code)
            dark = fill is not None and fill.lightnessF() < 0.5
            painter.setPen(QColor("#ffffff") if dark else style.LABEL_DESA)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            taken.append(rect)

    @staticmethod
    def _text_rect(metrics: QFontMetricsF, text: str, centre: QPointF) -> QRectF:
        width = metrics.horizontalAdvance(text) + 2
        height = metrics.height()
        return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)


def desa_counts(geography: Geography, counts: Mapping[str, int], level: str) -> dict[str, int]:
    """Desa code -> the count that colours it: its own (level ``desa``) or its kecamatan's."""
    if level == "kecamatan":
        return {code: counts.get(region.parent_code or "", 0) for code, region in geography.desa.items()}
    return {code: counts.get(code, 0) for code in geography.desa}
