"""What the shift and range reports share: fonts, safe text, styles, letterhead, page numbers, tables, charts,
signature blocks.

Every piece of database text goes through ``para``/``safe``: escaped for reportlab's Paragraph markup, long
unbroken runs split so they wrap, characters the font lacks (most emoji) replaced, very long text shortened
with a note. A report therefore never fails on what an operator typed.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from callcenter.reports.strings import Strings
from callcenter.services.report_data import CountRow, ReportHeader

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN
LONG_RUN = 40
"""Unbroken runs longer than this are split so a table cell can wrap them."""
MAX_TEXT = 2000
"""Longer free text (notes, reasons) is shortened in print; the application keeps all of it."""
MAX_CELL = 300
"""Table cells are shorter still: a cell of a table beside a chart cannot split across pages."""
REPLACEMENT = "\ufffd"

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3b63")
HEAD_BG = colors.HexColor("#dfe6f0")
ZEBRA = colors.HexColor("#f4f6f9")
GRID = colors.HexColor("#9aa6b5")
GOOD = colors.HexColor("#1b6e2f")
BAD = colors.HexColor("#a11d1d")
SERIES = [colors.HexColor(c) for c in ("#1f3b63", "#c0392b", "#e39b2b", "#7f8c8d", "#2e86ab", "#6c9a3f",
                                        "#8e5ea2", "#b5651d", "#4c6a92", "#d35400")]

_registered = False
_glyphs: frozenset[int] = frozenset()


def register_fonts() -> None:
    """Register DejaVu Sans (covers Indonesian and most Latin diacritics) once per process."""
    global _registered, _glyphs
    if _registered:
        return
    regular = TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf"))
    bold = TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    _glyphs = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    _registered = True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RUN = re.compile(r"\S{" + str(LONG_RUN + 1) + ",}")


def safe(text: object, limit: int | None = MAX_TEXT, strings: Strings | None = None) -> str:
    """Plain text -> Paragraph markup that always renders: shortened, glyph-safe, wrappable, escaped."""
    register_fonts()
    value = "" if text is None else str(text)
    total = len(value)
    if limit is not None and total > limit:
        value = value[:limit].rstrip() + " " + (strings or Strings())("truncated", n=(strings or Strings())
                                                                      .integer(total))
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub(" ", value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = "".join(ch if ord(ch) in _glyphs or ch == "\n" else REPLACEMENT for ch in value)
    value = _RUN.sub(lambda match: " ".join(match.group(0)[i:i + LONG_RUN]
                                            for i in range(0, len(match.group(0)), LONG_RUN)), value)
    return escape(value).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    empty: ParagraphStyle
    center: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT)
    return Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        cell=ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        cell_right=ParagraphStyle("cell_right", parent=base, fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        head=ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        title=ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18,
                             alignment=TA_CENTER, spaceBefore=2, spaceAfter=2, textColor=ACCENT),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        section=ParagraphStyle("section", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                               spaceBefore=8, spaceAfter=3, textColor=ACCENT),
        subsection=ParagraphStyle("subsection", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12,
                                  spaceBefore=4, spaceAfter=3),
        empty=ParagraphStyle("empty", parent=base, fontName=FONT_BOLD, fontSize=12, leading=16,
                             alignment=TA_CENTER, spaceBefore=8, spaceAfter=6, textColor=ACCENT),
        center=ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    )


# -- document ----------------------------------------------------------------------------------------------

def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end, so every footer can say 'page x of y'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_document(out: Path | BinaryIO, story: list[Flowable], *, title: str, running_title: str,
                   header: ReportHeader, generated_at: datetime, strings: Strings) -> None:
    """Lay out ``story`` on A4 with the letterhead space on page 1, a running title after, and the footer."""
    register_fonts()
    target: Any = str(out) if isinstance(out, Path) else out
    doc = SimpleDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm,
                            bottomMargin=18 * mm, title=title, author=f"{header.unit} - {header.office}",
                            subject=running_title, creator="Konsol 112")
    printed = f"{strings('generated_at')}: {strings.wib(generated_at)} WIB"

    def later(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, PAGE[1] - 10 * mm, _plain(f"{header.unit} — {running_title}"))
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE[1] - 11.5 * mm, PAGE[0] - MARGIN, PAGE[1] - 11.5 * mm)
        canvas.restoreState()

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 13 * mm, PAGE[0] - MARGIN, 13 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 9 * mm, printed)
        canvas.drawRightString(PAGE[0] - MARGIN, 9 * mm, strings("page_of", page=page, pages=pages))
        canvas.restoreState()

    doc.build(story, onFirstPage=lambda canvas, d: None, onLaterPages=later,
              canvasmaker=_numbered_canvas(footer))


def _plain(text: str) -> str:
    register_fonts()
    return "".join(ch if ord(ch) in _glyphs else REPLACEMENT for ch in text)[:150]


def letterhead(header: ReportHeader, styles: Styles) -> list[Flowable]:
    """Government letterhead: optional logo left, the three header lines centred, a double rule."""
    gov = ParagraphStyle("gov", parent=styles.body, fontName=FONT_BOLD, fontSize=12.5, leading=15.5,
                         alignment=TA_CENTER)
    office = ParagraphStyle("office", parent=gov, fontSize=13.5, leading=17)
    unit = ParagraphStyle("unit", parent=gov, fontSize=11, leading=14, textColor=ACCENT)
    lines = [Paragraph(safe(header.government.upper(), 200), gov),
             Paragraph(safe(header.office.upper(), 200), office),
             Paragraph(safe(header.unit, 200), unit)]
    logo = _logo(header.logo_path)
    side = 24 * mm
    table = Table([[logo or "", lines, ""]], colWidths=[side, CONTENT_WIDTH - 2 * side, side])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Rule(CONTENT_WIDTH), Spacer(1, 4 * mm)]


def _logo(path: str | None) -> Image | None:
    if not path:
        return None
    try:
        file = Path(path).expanduser()
        if not file.is_file():
            log.warning("report logo %s not found; printing without it", file)
            return None
        image = Image(str(file))
        scale = min(20 * mm / image.imageWidth, 22 * mm / image.imageHeight)
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        return image
    except Exception as exc:  # a broken image file must not stop the report
        log.warning("report logo %s cannot be used (%s); printing without it", path, exc)
        return None


class Rule(Flowable):  # type: ignore[misc]
    """The letterhead's thick-and-thin double line."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 4

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.6)
        canvas.line(0, 3, self.width, 3)
        canvas.setLineWidth(0.5)
        canvas.line(0, 0, self.width, 0)


# -- tables ------------------------------------------------------------------------------------------------

def data_table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], styles: Styles,
               *, numeric: Sequence[int] = (), total_row: bool = False) -> Table:
    """A ruled table: bold shaded header, zebra rows, numbers right-aligned, header repeated on new pages."""
    cells: list[list[Any]] = [[Paragraph(safe(text, 200), styles.head) for text in header]]
    for row in rows:
        cells.append([cell if isinstance(cell, Flowable) else
                      Paragraph(safe(cell, MAX_CELL), styles.cell_right if index in numeric else styles.cell)
                      for index, cell in enumerate(row)])
    table = Table(cells, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for index in range(2, len(cells), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
    if total_row and len(cells) > 1:
        commands.append(("BACKGROUND", (0, len(cells) - 1), (-1, len(cells) - 1), HEAD_BG))
        commands.append(("LINEABOVE", (0, len(cells) - 1), (-1, len(cells) - 1), 1, INK))
    table.setStyle(TableStyle(commands))
    return table


def key_value_table(rows: Sequence[tuple[str, object]], styles: Styles, label_width: float = 42 * mm) -> Table:
    cells = [[Paragraph(safe(label, 200), styles.cell_bold), Paragraph(safe(value, 3 * MAX_CELL), styles.cell)]
             for label, value in rows]
    table = Table(cells, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def side_by_side(left: Flowable, right: Flowable, left_width: float) -> Table:
    table = Table([[left, right]], colWidths=[left_width, CONTENT_WIDTH - left_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, 0), 8)]))
    return table


def count_rows(rows: Sequence[CountRow], strings: Strings, empty_label: str,
               limit: int | None = None) -> list[list[object]]:
    """Label / count / share rows with a total; beyond ``limit`` the rest is summed in one 'other' row."""
    total = sum(row.count for row in rows)
    shown = list(rows if limit is None else rows[:limit])
    result: list[list[object]] = [[row.label or empty_label, strings.integer(row.count),
                                   strings.pct(100.0 * row.count / total if total else None)] for row in shown]
    rest = sum(row.count for row in rows[len(shown):])
    if rest:
        label = "Lainnya" if strings.lang == "id" else "Other"
        result.append([f"{label} ({len(rows) - len(shown)})", strings.integer(rest),
                       strings.pct(100.0 * rest / total)])
    result.append([strings("total"), strings.integer(total), strings.pct(100.0 if total else None)])
    return result


# -- charts ------------------------------------------------------------------------------------------------

def _shorten(label: str, length: int = 26) -> str:
    label = _plain(label)
    return label if len(label) <= length else label[: length - 1] + "…"


def hbar_chart(items: Sequence[tuple[str, int]], width: float, title: str) -> Drawing:
    """Horizontal bars (long Indonesian labels read better sideways), largest first."""
    register_fonts()
    items = list(items)[:20]
    row_h = 13
    height = max(60, row_h * len(items) + 34)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, _plain(title), fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x = 118
    chart.y = 14
    chart.width = width - chart.x - 26
    chart.height = height - 34
    chart.data = [[count for _, count in reversed(items)] or [0]]
    chart.categoryAxis.categoryNames = [_shorten(label) for label, _ in reversed(items)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e7ec")
    chart.valueAxis.visibleGrid = True
    top = max((count for _, count in items), default=0)
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = _nice_step(chart.valueAxis.valueMax)
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def pie_chart(items: Sequence[tuple[str, int]], width: float, title: str, strings: Strings) -> Drawing:
    register_fonts()
    items = [(label, count) for label, count in items if count > 0]
    height = 130
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, _plain(title), fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    total = sum(count for _, count in items)
    pie = Pie()
    pie.x = 6
    pie.y = 8
    pie.width = pie.height = 100
    pie.data = [count for _, count in items] or [1]
    pie.labels = None
    pie.simpleLabels = 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for index in range(len(pie.data)):
        pie.slices[index].fillColor = SERIES[index % len(SERIES)] if items else colors.HexColor("#dddddd")
    drawing.add(pie)
    legend = Legend()
    legend.x = 118
    legend.y = height - 24
    legend.fontName = FONT
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.dx = legend.dy = 7
    legend.deltay = 11
    legend.colorNamePairs = [(SERIES[index % len(SERIES)],
                              f"{_shorten(label, 22)}  {strings.pct(100.0 * count / total)}")
                             for index, (label, count) in enumerate(items)]
    drawing.add(legend)
    return drawing


def day_bar_chart(days: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: float, title: str,
                  height: float = 150) -> Drawing:
    """Grouped vertical bars per day (a month fits: labels thinned to every few days)."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, _plain(title), fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    chart = VerticalBarChart()
    chart.x = 34
    chart.y = 30
    chart.width = width - chart.x - 6
    chart.height = height - 58
    chart.data = [list(values) or [0] for _, values in series]
    step = max(1, -(-len(days) // 16))
    chart.categoryAxis.categoryNames = [day if index % step == 0 else "" for index, day in enumerate(days)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 0
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max((max(values, default=0) for _, values in series), default=0)
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = _nice_step(chart.valueAxis.valueMax)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e7ec")
    chart.valueAxis.strokeColor = GRID
    chart.groupSpacing = 1.5
    chart.barSpacing = 0
    for index in range(len(series)):
        chart.bars[index].fillColor = SERIES[index % len(SERIES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x = chart.x
        legend.y = 8
        legend.fontName = FONT
        legend.fontSize = 7.5
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 110
        legend.colorNamePairs = [(SERIES[index % len(SERIES)], _plain(name)) for index, (name, _) in enumerate(series)]
        drawing.add(legend)
    return drawing


def _nice_max(value: float) -> float:
    if value <= 5:
        return 5
    magnitude = float(10 ** (len(str(int(value))) - 1))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return value


def _nice_step(top: float) -> float:
    for divisions in (5, 4, 6, 3):
        step = top / divisions
        if step == int(step):
            return step
    return top / 5


# -- signatures --------------------------------------------------------------------------------------------

def signature_block(strings: Strings, styles: Styles, place_date: str, operator: str | None,
                    supervisor: str | None) -> list[Flowable]:
    """Three columns (Operator, Supervisor, Mengetahui: Kepala Bidang IKP) with room to sign and stamp."""
    style = ParagraphStyle("sig", parent=styles.body, alignment=TA_CENTER, leading=13)
    name_style = ParagraphStyle("signame", parent=style, fontName=FONT_BOLD)
    blank = "( " + "." * 34 + " )"

    def name(text: str | None) -> Paragraph:
        return Paragraph(f"( {safe(text, 120)} )" if text else blank, name_style)

    width = CONTENT_WIDTH / 3
    # The place and date sit above the Kepala Bidang's role, in the same row as the other roles.
    head = f"{safe(place_date, 200)}<br/><br/>{safe(strings('sign_head'), 200)}"
    rows: list[list[Any]] = [
        [Paragraph(safe(strings("sign_operator"), 200), style), Paragraph(safe(strings("sign_supervisor"), 200),
                                                                          style),
         Paragraph(head, style)],
        ["", "", ""],
        [name(operator), name(supervisor), name(None)],
        ["", "", Paragraph(safe(strings("sign_nip"), 200), ParagraphStyle("nip", parent=styles.small,
                                                                              alignment=TA_CENTER))],
    ]
    table = Table(rows, colWidths=[width] * 3, rowHeights=[None, 17 * mm, None, None])
    # Roles sit on one baseline (bottom-aligned) and names on another, whatever the roles' line counts.
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    # Flowables, not a KeepTogether: the caller keeps them with the last section (nested KeepTogethers
    # in reportlab push the whole group to a new page even when it fits).
    return [Spacer(1, 4 * mm), table]
