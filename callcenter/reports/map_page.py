"""The range report's map page: incidents per kecamatan as a choropleth, drawn by ``callcenter.geo.print_map``
from the same polygons as the console's map."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from callcenter.geo.print_map import MapWords, choropleth_drawing
from callcenter.geo.regions import load_geography
from callcenter.reports.common import CONTENT_WIDTH, FONT, FONT_BOLD, Styles, register_fonts, safe
from callcenter.reports.strings import Strings
from callcenter.services.report_data import PeriodSummary

MAP_HEIGHT = 150 * mm


def kecamatan_map(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    """A page of its own; nothing when the period had no incidents (section 4 already says so)."""
    if not summary.incidents_total:
        return []
    register_fonts()
    counts = {row.key: row.count for row in summary.incidents_by_kecamatan}
    words = MapWords(legend_title=s("map_legend"), zero=s("map_zero"), unknown=s("map_unknown"),
                     attribution=s("map_source"), north=s("map_north"))
    drawing = choropleth_drawing(load_geography(), counts, CONTENT_WIDTH, MAP_HEIGHT, words=words, font=FONT,
                                 bold=FONT_BOLD)
    return [PageBreak(), KeepTogether([
        Paragraph(safe(s("map_title")), st.section),
        Paragraph(safe(s("map_intro", n=s.integer(summary.incidents_total))), st.body),
        Spacer(1, 3 * mm),
        drawing,
    ])]
