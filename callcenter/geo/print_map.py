"""Maps for paper, drawn with reportlab's own graphics from the same polygons as the console's map: the range
report's choropleth of incidents per kecamatan, and the dispatch slip's locator map.

Everything is vector (a printer draws sharp borders at any size); shapes are clipped to the frame with shapely, so
nothing spills outside its box on the page. Words come in from the caller (``MapWords``): this module knows no
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from callcenter.geo.choropleth import ColourClass, classes, colour_for
from callcenter.geo.outlines import kecamatan_outlines, label_points, regency_outline, rings_of
from callcenter.geo.projection import LocalProjection, distance_label, nice_distance, projection_for
from callcenter.geo.regions import Geography, Ring

INK = colors.HexColor("#1a1a1a")
BORDER = colors.HexColor("#4a4a4a")
DESA_LINE = colors.HexColor("#ffffff")
LAND = colors.HexColor("#f3f1ea")
FOCUS = colors.HexColor("#fff1b8")
FOCUS_LINE = colors.HexColor("#d4820a")
MARK = colors.HexColor("#c0271d")


@dataclass(frozen=True, slots=True)
class MapWords:
    legend_title: str = "Jumlah kejadian"
    zero: str = "0 (tidak ada)"
    unknown: str = "Tanpa kecamatan: {n}"
    attribution: str = "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), disederhanakan"
    north: str = "U"
    approximate: str = "perkiraan (titik tengah desa)"


class _Frame:
    """Projected metres -> drawing points for a box of the map fitted into a rectangle of the drawing."""

    def __init__(self, bounds: tuple[float, float, float, float], x: float, y: float, width: float,
                 height: float) -> None:
        self.projection: LocalProjection = projection_for(bounds)
        left, bottom = self.projection.to_xy(bounds[1], bounds[0])
        right, top = self.projection.to_xy(bounds[3], bounds[2])
        self.scale = min(width / (right - left), height / (top - bottom))  # points per metre
        self.x0 = x + (width - (right - left) * self.scale) / 2 - left * self.scale
        self.y0 = y + (height - (top - bottom) * self.scale) / 2 - bottom * self.scale

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        east, north = self.projection.to_xy(latitude, longitude)
        return self.x0 + east * self.scale, self.y0 + north * self.scale

    def path(self, rings: tuple[Ring, ...], **style: object) -> Path:
        path = Path(fillMode=0, **style)  # even-odd: holes stay holes
        for ring in rings:
            for index, (lon, lat) in enumerate(ring):
                x, y = self.point(lat, lon)
                if index == 0:
                    path.moveTo(x, y)
                else:
                    path.lineTo(x, y)
            path.closePath()
        return path


def _text_colour(fill: str) -> colors.Color:
    colour = colors.HexColor(fill)
    luminance = 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue
    return colors.white if luminance < 0.5 else INK


def _label(group: Group, x: float, y: float, text: str, font: str, size: float, colour: colors.Color) -> None:
    group.add(String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor="middle"))


def _scale_bar(group: Group, frame: _Frame, x: float, y: float, max_width: float, font: str) -> None:
    metres = nice_distance(max_width / frame.scale)
    length = metres * frame.scale
    for index in range(2):  # two alternating halves, as on a topographic map
        group.add(Rect(x + index * length / 2, y, length / 2, 2.5, fillColor=INK if index == 0 else colors.white,
                       strokeColor=INK, strokeWidth=0.4))
    group.add(String(x, y + 4.5, "0", fontName=font, fontSize=5.5, fillColor=INK))
    group.add(String(x + length, y + 4.5, distance_label(metres), fontName=font, fontSize=5.5, fillColor=INK,
                     textAnchor="middle"))


def _north_arrow(group: Group, x: float, y: float, letter: str, font: str) -> None:
    group.add(Polygon([x, y, x - 3.5, y - 9, x, y - 7, x + 3.5, y - 9], fillColor=INK, strokeColor=INK,
                      strokeWidth=0.3))
    group.add(String(x, y + 2, letter, fontName=font, fontSize=7, fillColor=INK, textAnchor="middle"))


def choropleth_drawing(geography: Geography, counts: Mapping[str, int], width: float, height: float, *,
                       words: MapWords = MapWords(), font: str = "Helvetica",
                       bold: str = "Helvetica-Bold") -> Drawing:
    """Incidents per kecamatan: each kecamatan's desa filled in its class colour, kecamatan outlines and names
    with their counts, a legend, a scale bar and a north arrow. ``counts`` maps kecamatan codes to counts; other
    keys (e.g. "" for incidents without a kecamatan) are summed into the legend's note."""
    drawing = Drawing(width, height)
    legend_width = 46 * 2.8346
    frame = _Frame(geography.bounds, 0, 14, width - legend_width - 6, height - 14)
    bins = classes(counts.get(code, 0) for code in geography.kecamatan)
    fills = {code: colour_for(counts.get(code, 0), bins) for code in geography.kecamatan}
    for desa in geography.desa.values():
        drawing.add(frame.path(desa.rings, fillColor=colors.HexColor(fills.get(desa.parent_code or "", "#ffffff")),
                               strokeColor=DESA_LINE, strokeWidth=0.25))
    for outline in kecamatan_outlines(geography).values():
        drawing.add(frame.path(rings_of(outline), fillColor=None, strokeColor=BORDER, strokeWidth=0.7))
    drawing.add(frame.path(rings_of(regency_outline(geography)), fillColor=None, strokeColor=INK, strokeWidth=1.2))
    for code, (latitude, longitude) in label_points(geography).items():
        x, y = frame.point(latitude, longitude)
        ink = _text_colour(fills[code])
        _label(drawing, x, y + 1, geography.kecamatan[code].name, bold, 6.2, ink)
        _label(drawing, x, y - 6.5, f"{counts.get(code, 0):,}".replace(",", "."), font, 6.2, ink)
    _scale_bar(drawing, frame, 4, 2, 70, font)
    map_right = width - legend_width - 6
    _north_arrow(drawing, map_right - 8, height - 16, words.north, bold)
    _legend(drawing, map_right + 6, height - 10, bins, counts, geography, words, font, bold)
    return drawing


def _legend(drawing: Drawing, x: float, top: float, bins: list[ColourClass], counts: Mapping[str, int],
            geography: Geography, words: MapWords, font: str, bold: str) -> None:
    drawing.add(String(x, top, words.legend_title, fontName=bold, fontSize=7.5, fillColor=INK))
    y = top - 14
    entries = [(colour_class.colour, colour_class.label) for colour_class in reversed(bins)]
    entries.append((colour_for(0, bins), words.zero))
    for colour, text in entries:
        drawing.add(Rect(x, y, 11, 8, fillColor=colors.HexColor(colour), strokeColor=BORDER, strokeWidth=0.4))
        drawing.add(String(x + 15, y + 1.5, text, fontName=font, fontSize=7, fillColor=INK))
        y -= 12
    unknown = sum(count for code, count in counts.items() if code not in geography.kecamatan)
    if unknown:
        drawing.add(String(x, y - 2, words.unknown.format(n=f"{unknown:,}".replace(",", ".")), fontName=font,
                           fontSize=6.5, fillColor=INK))
        y -= 12
    for index, line in enumerate(_wrap(words.attribution, font, 5.5, 120)):
        drawing.add(String(x, 4 + 7 * (2 - index), line, fontName=font, fontSize=5.5,
                           fillColor=colors.HexColor("#555555")))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines[:3]


def locator_drawing(geography: Geography, latitude: float, longitude: float, width: float, height: float, *,
                    desa_code: str | None = None, exact: bool = True, half_span_m: float = 2500.0,
                    words: MapWords = MapWords(), font: str = "Helvetica", bold: str = "Helvetica-Bold") -> Drawing:
    """A small map around one point: desa borders and names nearby, the point's desa highlighted, the point (or,
    not ``exact``, a dashed ring at the desa's centroid), a scale bar, and an overview of the regency in a corner."""
    from shapely import box

    drawing = Drawing(width, height)
    projection = LocalProjection(latitude, longitude)
    aspect = width / height
    south, west = projection.to_latlon(-half_span_m * max(1.0, aspect), -half_span_m * max(1.0, 1 / aspect))
    north, east = projection.to_latlon(half_span_m * max(1.0, aspect), half_span_m * max(1.0, 1 / aspect))
    window = box(west, south, east, north)
    frame = _Frame((west, south, east, north), 0, 0, width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#e8eef2"), strokeColor=None))
    nearby = [desa for desa in geography.desa.values() if desa.geometry.intersects(window)]
    for desa in nearby:
        focused = desa.code == desa_code
        drawing.add(frame.path(rings_of(desa.geometry.intersection(window)), fillColor=FOCUS if focused else LAND,
                               strokeColor=colors.HexColor("#8a8a8a"), strokeWidth=0.4))
    regency = regency_outline(geography).boundary.intersection(window)
    for part in getattr(regency, "geoms", [regency]):
        if part.is_empty or part.geom_type != "LineString":
            continue
        points = [coordinate for lon, lat in part.coords for coordinate in frame.point(lat, lon)]
        drawing.add(_polyline(points, INK, 1.0))
    if desa_code in geography.desa and geography.desa[desa_code].geometry.intersects(window):
        focus = geography.desa[desa_code].geometry.intersection(window)
        drawing.add(frame.path(rings_of(focus), fillColor=None, strokeColor=FOCUS_LINE, strokeWidth=1.2))
    inset = min(width, height) * 0.3 + 8  # the overview's corner keeps no labels
    for desa in nearby:
        x, y = frame.point(*desa.anchor)
        if 12 < x < width - 12 and 8 < y < height - 8 and not (x < inset + 20 and y > height - inset - 4):
            _label(drawing, x, y + 5, desa.name, bold if desa.code == desa_code else font, 5.8, INK)
    x, y = frame.point(latitude, longitude)
    if exact:
        drawing.add(Circle(x, y, 4.2, fillColor=MARK, strokeColor=colors.white, strokeWidth=1.2))
        drawing.add(Line(x - 8, y, x + 8, y, strokeColor=MARK, strokeWidth=0.5))
        drawing.add(Line(x, y - 8, x, y + 8, strokeColor=MARK, strokeWidth=0.5))
    else:
        drawing.add(Circle(x, y, 7, fillColor=None, strokeColor=MARK, strokeWidth=1.2, strokeDashArray=[2, 1.5]))
        drawing.add(Circle(x, y, 1.2, fillColor=MARK, strokeColor=None))
        drawing.add(String(x, y - 15, words.approximate, fontName=font, fontSize=5.5, fillColor=MARK,
                           textAnchor="middle"))
    _scale_bar(drawing, frame, 5, 4, width * 0.3, font)
    _north_arrow(drawing, width - 8, height - 8, words.north, bold)
    _overview(drawing, geography, latitude, longitude, (west, south, east, north), width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=BORDER, strokeWidth=0.6))
    return drawing


def _polyline(points: list[float], colour: colors.Color, width: float) -> Path:
    path = Path(strokeColor=colour, strokeWidth=width, fillColor=None)
    path.moveTo(points[0], points[1])
    for index in range(2, len(points), 2):
        path.lineTo(points[index], points[index + 1])
    return path


def _overview(drawing: Drawing, geography: Geography, latitude: float, longitude: float,
              window: tuple[float, float, float, float], width: float, height: float) -> None:
    """The whole regency in the top-left corner, with the point and the main map's window."""
    size = min(width, height) * 0.3
    left, bottom = 3, height - size - 3
    drawing.add(Rect(left, bottom, size, size, fillColor=colors.white, strokeColor=BORDER, strokeWidth=0.4))
    frame = _Frame(geography.bounds, left + 2, bottom + 2, size - 4, size - 4)
    drawing.add(frame.path(rings_of(regency_outline(geography)), fillColor=LAND, strokeColor=INK, strokeWidth=0.5))
    x0, y0 = frame.point(max(window[1], geography.bounds[1]), max(window[0], geography.bounds[0]))
    x1, y1 = frame.point(min(window[3], geography.bounds[3]), min(window[2], geography.bounds[2]))
    if x1 > x0 and y1 > y0:
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=None, strokeColor=FOCUS_LINE, strokeWidth=0.6))
    x, y = frame.point(latitude, longitude)
    if left <= x <= left + size and bottom <= y <= bottom + size:
        drawing.add(Circle(x, y, 1.6, fillColor=MARK, strokeColor=None))
