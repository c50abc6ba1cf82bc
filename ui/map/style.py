"""The map's words (through tr(), context "Map") and its colours and marker sprites."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap

from callcenter.geo.coordinates import CoordinateError
from ui import words

CONTEXT = "Map"

WATER = QColor("#dfe7ec")
"""Outside the regency (no data there: a neutral tone, not a promise of sea)."""
LAND = QColor("#f4f2ea")
DESA_LINE = QColor("#b9b3a3")
KECAMATAN_LINE = QColor("#6b6458")
REGENCY_LINE = QColor("#2d2a25")
HIGHLIGHT_FILL = QColor(255, 226, 120, 170)
HIGHLIGHT_LINE = QColor("#d4820a")
LABEL_KECAMATAN = QColor("#4a443b")
LABEL_DESA = QColor("#3a3a3a")
CALLER = QColor("#1f6fd1")
PIN = QColor("#7b1fa2")

PRIORITY_COLOURS = {"P1": QColor("#d7191c"), "P2": QColor("#f07c1b"), "P3": QColor("#e6b800"),
                    "P4": QColor("#2c7bb6")}
CLOSED_COLOUR = QColor("#8c8c8c")
UNIT_COLOURS = {"available": QColor("#1a9641"), "dispatched": QColor("#f07c1b"), "en_route": QColor("#f07c1b"),
                "on_scene": QColor("#d7191c"), "out_of_service": QColor("#8c8c8c")}
POST_COLOUR = QColor("#1f3b63")

MARKER_RADIUS = 7.0
COMPACT_RADIUS = 5.5


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# The map words the core's values as every other screen does (ui.words).
priority_text = words.priority_text
status_text = words.incident_status_text
unit_status_text = words.unit_status_text


def coordinate_error_text(error: CoordinateError) -> str:
    """The translated sentence for a coordinate the form could not read (the console's error mapper can use it
    for code ``geo.coordinates``)."""
    return {
        "empty": tr("Type or paste a coordinate."),
        "too_long": tr("That is far too long for a coordinate."),
        "short_link": tr("A shortened link cannot be opened without the internet: open it on the phone and copy "
                         "the coordinates or the full link."),
        "link_without_coordinates": tr("This link has no coordinates in it (a named place or a route). Share the "
                                       "location as coordinates."),
        "out_of_range": tr("Latitude must be between -90 and 90 and longitude between -180 and 180."),
        "hemisphere_conflict": tr("The hemisphere letters contradict the numbers."),
        "bad_minutes": tr("Minutes and seconds must be below 60."),
    }.get(error.reason, tr("Not a coordinate. Write it as -6.5569, 107.4433, as 6°33'24.8\"S 107°26'35.9\"E, or "
                           "paste a map link."))


def location_warning_text(warning: str | None, distance_m: float = 0.0) -> str:
    """What a form says beside a located point: nothing, near the border, or outside Purwakarta."""
    if warning == "outside":
        return tr("Outside Kabupaten Purwakarta (%1 km from its border). The point is kept.").replace(
            "%1", words.decimal_text(distance_m / 1000))
    if warning == "near_border":
        return tr("On or near a border: the nearest desa was chosen. Check it with the caller.")
    return ""


def incident_style(priority: str, status: str, exact: bool) -> tuple[QColor, QColor, float, bool]:
    """(fill, ring, ring width, centre dot) of an incident marker."""
    fill = QColor(PRIORITY_COLOURS.get(priority, PRIORITY_COLOURS["P4"]))
    if status == "closed":
        fill = QColor(CLOSED_COLOUR)
    if status == "resolved":
        fill.setAlpha(120)
    if not exact:
        fill.setAlpha(min(fill.alpha(), 150))
    ring = QColor("#111111") if status == "open" else QColor("#ffffff")
    return fill, ring, (2.6 if status == "open" else 1.6), status == "in_progress"


@cache
def incident_sprite(priority: str, status: str, exact: bool, radius: float, ratio: float) -> QPixmap:
    """A marker drawn once per style: a circle for exact coordinates, a diamond with a dashed edge at a desa's
    centroid; the fill says the priority, the ring the status (black: not yet forwarded)."""
    size = int((radius + 4) * 2 * ratio) + 1
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill, ring, width, dot = incident_style(priority, status, exact)
    centre = QPointF(size / ratio / 2, size / ratio / 2)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(ring, width)
    if exact:
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(centre, radius, radius)
    else:
        path = QPainterPath()
        r = radius * 1.15
        path.moveTo(centre.x(), centre.y() - r)
        path.lineTo(centre.x() + r, centre.y())
        path.lineTo(centre.x(), centre.y() + r)
        path.lineTo(centre.x() - r, centre.y())
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawPath(path)
        dashed = QPen(QColor("#111111") if status == "open" else QColor("#333333"), max(1.2, width - 0.6))
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    if dot:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#111111")))
        painter.drawEllipse(centre, radius * 0.32, radius * 0.32)
    painter.end()
    return pixmap


def sprite_rect(pixmap: QPixmap, x: float, y: float) -> QRectF:
    width = pixmap.width() / pixmap.devicePixelRatio()
    height = pixmap.height() / pixmap.devicePixelRatio()
    return QRectF(x - width / 2, y - height / 2, width, height)
