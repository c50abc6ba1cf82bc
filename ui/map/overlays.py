"""What the map draws over its base layer besides the incident markers: posts, units, a caller's location, the
form's pin, the keyboard's centre cross, the scale bar, the legend and the data's attribution."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from callcenter.geo.choropleth import ColourClass, colour_for
from callcenter.geo.projection import distance_label, nice_distance
from ui.map import style
from ui.map.markers import CallerLocation, PostMarker, UnitMarker
from ui.map.style import tr

ATTRIBUTION = "Batas: cahyadsn/wilayah_boundaries (MIT)"


def paint_post(painter: QPainter, post: PostMarker, point: QPointF, compact: bool, scale: float) -> None:
    size = 12.0 if compact else 15.0
    rect = QRectF(point.x() - size / 2, point.y() - size / 2, size, size)
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.setBrush(QBrush(style.POST_COLOUR))
    painter.drawRect(rect)
    painter.setPen(QColor("#ffffff"))
    font = QFont(painter.font())
    font.setPointSizeF(7 if compact else 8)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, post.short_name[:1].upper())
    if not compact and scale > 0.04:
        painter.setPen(style.POST_COLOUR)
        painter.drawText(QPointF(rect.right() + 3, rect.bottom() - 3), post.short_name)


def paint_unit(painter: QPainter, unit: UnitMarker, point: QPointF, compact: bool) -> None:
    r = 6.0 if compact else 7.5
    triangle = QPolygonF([QPointF(point.x(), point.y() - r), QPointF(point.x() + r, point.y() + r * 0.8),
                          QPointF(point.x() - r, point.y() + r * 0.8)])
    pen = QPen(QColor("#ffffff"), 1.4)
    if unit.approximate:
        pen = QPen(QColor("#333333"), 1.2)
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QBrush(style.UNIT_COLOURS.get(unit.status, style.UNIT_COLOURS["out_of_service"])))
    painter.drawPolygon(triangle)


def paint_caller(painter: QPainter, centre: QPointF, caller: CallerLocation, scale: float) -> None:
    if caller.radius_m:
        radius = max(4.0, caller.radius_m * scale)
        fill = QColor(style.CALLER)
        fill.setAlpha(45)
        painter.setPen(QPen(style.CALLER, 1.5))
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(centre, radius, radius)
    painter.setPen(QPen(QColor("#ffffff"), 2))
    painter.setBrush(QBrush(style.CALLER))
    painter.drawEllipse(centre, 5, 5)
    label = caller.label or (f"± {distance_label(caller.radius_m)}" if caller.radius_m else "")
    if label:
        painter.setPen(style.CALLER)
        painter.drawText(centre + QPointF(8, -8), label)


def paint_pin(painter: QPainter, point: QPointF) -> None:
    painter.setPen(QPen(QColor("#ffffff"), 2))
    painter.setBrush(QBrush(style.PIN))
    head = QPointF(point.x(), point.y() - 16)
    painter.drawLine(point, head)
    painter.drawEllipse(head, 6, 6)
    painter.setPen(QPen(style.PIN, 2))
    painter.drawLine(point, head)
    painter.drawEllipse(point, 1.5, 1.5)


def paint_cross(painter: QPainter, width: int, height: int) -> None:
    """Where Enter picks: shown while the map has the keyboard focus."""
    cx, cy = width / 2, height / 2
    painter.setPen(QPen(QColor(20, 20, 20, 180), 1))
    painter.drawLine(QPointF(cx - 10, cy), QPointF(cx - 3, cy))
    painter.drawLine(QPointF(cx + 3, cy), QPointF(cx + 10, cy))
    painter.drawLine(QPointF(cx, cy - 10), QPointF(cx, cy - 3))
    painter.drawLine(QPointF(cx, cy + 3), QPointF(cx, cy + 10))
    pen = QPen(QColor("#1f6fd1"), 1.5)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0.75, 0.75, width - 1.5, height - 1.5))


def paint_scale_bar(painter: QPainter, width: int, height: int, scale: float, compact: bool) -> None:
    metres = nice_distance((width * (0.25 if compact else 0.18)) / scale)
    length = metres * scale
    x, y = 12.0, height - 14.0
    painter.setPen(QPen(QColor("#ffffff"), 4))
    painter.drawLine(QPointF(x, y), QPointF(x + length, y))
    painter.setPen(QPen(QColor("#222222"), 2))
    painter.drawLine(QPointF(x, y), QPointF(x + length, y))
    painter.drawLine(QPointF(x, y - 5), QPointF(x, y))
    painter.drawLine(QPointF(x + length, y - 5), QPointF(x + length, y))
    painter.setPen(QColor("#222222"))
    painter.drawText(QPointF(x + length + 6, y + 4), distance_label(metres))


def legend_rows(choropleth: tuple[list[ColourClass], str, str] | None, compact: bool,
                has_incidents: bool) -> list[tuple[str, object]]:
    """(text, swatch) rows: a heading (swatch None), colours (QColor) or marker styles ("sprite", ...)."""
    if choropleth is not None:
        bins, _, title = choropleth
        rows: list[tuple[str, object]] = [(title or tr("Incidents"), None)]
        rows += [(colour_class.label, QColor(colour_class.colour)) for colour_class in reversed(bins)]
        rows.append(("0", QColor(colour_for(0, bins))))
        return rows
    if compact or not has_incidents:
        return []
    rows = [(tr("Incidents"), None)]
    rows += [(style.priority_text(p), ("sprite", p, "dispatched", True)) for p in ("P1", "P2", "P3", "P4")]
    rows += [(tr("not yet forwarded"), ("sprite", "P2", "open", True)),
             (tr("being handled"), ("sprite", "P2", "in_progress", True)),
             (tr("at desa centroid (no coordinates)"), ("sprite", "P2", "dispatched", False))]
    return rows


def legend_font(base_font: QFont) -> QFont:
    font = QFont(base_font)
    font.setPointSizeF(8.5)
    return font


def legend_box(rows: list[tuple[str, object]], base_font: QFont, width: int) -> QRectF:
    """Where the legend of ``rows`` sits on a ``width`` wide map: the top-right corner (empty without rows)."""
    if not rows:
        return QRectF()
    font = legend_font(base_font)
    font.setBold(True)  # the heading is bold: measure every row as if it were
    metrics = QFontMetricsF(font)
    line = metrics.height() + 4
    box_width = max(metrics.horizontalAdvance(text) for text, _ in rows) + 36
    return QRectF(width - box_width - 10, 10, box_width, line * len(rows) + 8)


def paint_legend(painter: QPainter, rows: list[tuple[str, object]], base_font: QFont, width: int,
                 ratio: float) -> None:
    """The legend box in the top-right corner of a ``width`` wide map."""
    if not rows:
        return
    font = legend_font(base_font)
    painter.setFont(font)
    line = QFontMetricsF(font).height() + 4
    box = legend_box(rows, base_font, width)
    box_width = box.width()
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.setBrush(QBrush(QColor(255, 255, 255, 225)))
    painter.drawRect(box)
    y = box.top() + 4
    for text, swatch in rows:
        row = QRectF(box.left() + 8, y, 16, line)
        if isinstance(swatch, QColor):
            painter.setPen(QPen(QColor("#666666"), 0.8))
            painter.setBrush(QBrush(swatch))
            painter.drawRect(QRectF(row.left(), row.center().y() - 6, 16, 12))
        elif isinstance(swatch, tuple):
            sprite = style.incident_sprite(swatch[1], swatch[2], swatch[3], 6.0, ratio)
            painter.drawPixmap(style.sprite_rect(sprite, row.center().x(), row.center().y()).topLeft(), sprite)
        font.setBold(swatch is None)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(box.left() + (8 if swatch is None else 30), y, box_width, line),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        y += line


def paint_attribution(painter: QPainter, base_font: QFont, width: int, height: int) -> None:
    font = QFont(base_font)
    font.setPointSizeF(7)
    painter.setFont(font)
    painter.setPen(QColor(60, 60, 60, 200))
    painter.drawText(QRectF(0, height - 16, width - 6, 14),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     ATTRIBUTION)
