"""The report for any date range (day, week, month, custom) that goes to the Bupati and Kominfo."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import BinaryIO, TextIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from callcenter.clock import to_wib
from callcenter.reports import map_page, sections
from callcenter.reports.common import (
    CONTENT_WIDTH,
    build_document,
    data_table,
    day_bar_chart,
    key_value_table,
    letterhead,
    make_styles,
    safe,
    signature_block,
)
from callcenter.reports.strings import Strings
from callcenter.services.call_figures import ANSWER_MARKS_S, CallFigures
from callcenter.services.report_data import RangeReportData


def range_title(data: RangeReportData, s: Strings) -> str:
    return f"{s('range_report')} {s.short_date(data.date_from)} {s('until')} {s.short_date(data.date_to)}"


def render_range_report(data: RangeReportData, out: Path | BinaryIO, lang: str = "id") -> None:
    s = Strings(lang)
    st = make_styles()
    summary = data.summary
    story: list[Flowable] = list(letterhead(data.header, st))
    story.append(Paragraph(safe(s("range_report")), st.title))
    story.append(Paragraph(safe(f"{s.plain_date(data.date_from)} {s('until')} {s.plain_date(data.date_to)}"),
                           st.subtitle))
    story.append(Spacer(1, 4 * mm))
    story.append(key_value_table([
        (s("period"), f"{s.short_date(data.date_from)} 00:00:00 {s('until')} {s.short_date(data.date_to)} "
                      f"23:59:59 WIB ({s.integer(len(data.days))} {s('days')})"),
    ], st))
    if summary.funnel.incoming == 0:
        story.append(Paragraph(safe(s("no_calls_range")), st.empty))
    story += sections.funnel(summary, s, st)
    story += sections.call_types(summary, s, st)
    story += sections.answer_times(summary, s, st)
    story += sections.incidents(summary, s, st)
    story += map_page.kecamatan_map(summary, s, st)
    story += sections.intervals(summary, s, st)
    story += sections.carried(summary.carried_over, summary.carried_over_total, s("sec_carried_range"), s, st)
    story += trends(data, s)
    signatures = signature_block(s, st, s("place_date", date=s.plain_date(to_wib(data.generated_at).date())), None,
                                 None)
    story += sections.numbers(summary, s("sec_numbers_range"), s, st, signatures)
    build_document(out, story, title=range_title(data, s), running_title=range_title(data, s), header=data.header,
                   generated_at=data.generated_at, strings=s)


def trends(data: RangeReportData, s: Strings) -> list[Flowable]:
    st = make_styles()
    labels = [day.strftime("%d/%m") for day in (d.day for d in data.days)]
    calls = day_bar_chart(labels, [(s("incoming"), [d.incoming for d in data.days]),
                                   (s("answered"), [d.answered for d in data.days]),
                                   (s("prank_ghost"), [d.prank_ghost for d in data.days])],
                          CONTENT_WIDTH, s("trend_calls"), height=170)
    incidents = day_bar_chart(labels, [(s("incidents"), [d.incidents for d in data.days])], CONTENT_WIDTH,
                              s("trend_incidents"), height=120)
    rows: list[list[object]] = [[s.long_date(d.day), s.integer(d.incoming), s.integer(d.answered),
                                 s.integer(d.missed), s.integer(d.prank_ghost), s.integer(d.incidents)]
                                for d in data.days]
    rows.append([s("total"), *(s.integer(sum(getattr(d, field) for d in data.days))
                               for field in ("incoming", "answered", "missed", "prank_ghost", "incidents"))])
    table = data_table([s("day"), s("incoming"), s("answered"), s("missed"), s("prank_ghost"), s("incidents")],
                       rows, [52 * mm, 24 * mm, 22 * mm, 30 * mm, 24 * mm, CONTENT_WIDTH - 152 * mm], st,
                       numeric=(1, 2, 3, 4, 5), total_row=True)
    return [KeepTogether([sections.section(s("sec_trend"), st), calls, Spacer(1, 3 * mm), incidents]),
            Spacer(1, 3 * mm), CondPageBreak(50 * mm), table]


def write_days_csv(data: RangeReportData, out: TextIO, lang: str = "id") -> None:
    """The range's figures per day (and a total row) for a spreadsheet. The answer-time shares, median and
    unanswered share are the report's own (call_figures); the total row's are the whole period's, not sums."""
    s = Strings(lang)
    writer = csv.writer(out)
    writer.writerow([s("day"), s("incoming"), s("answered"), s("missed"), s("prank_ghost"), s("incidents"),
                     *(s("csv_within", s=mark) for mark in ANSWER_MARKS_S), s("csv_median"), s("csv_p90"),
                     s("csv_unanswered")])

    def figures(f: CallFigures) -> list[object]:
        return [*(_number(f.within_pct(mark)) for mark in ANSWER_MARKS_S), _number(f.median_s), _number(f.p90_s),
                _number(f.unanswered_pct)]

    for d in data.days:
        writer.writerow([d.day.isoformat(), d.incoming, d.answered, d.missed, d.prank_ghost, d.incidents,
                         *figures(d.figures)])
    writer.writerow([s("total"), *(sum(getattr(d, field) for d in data.days)
                                   for field in ("incoming", "answered", "missed", "prank_ghost", "incidents")),
                     *figures(data.summary.figures)])


def _number(value: float | None) -> str:
    """A figure for a spreadsheet: '91.7' (a dot, whatever the language, so every spreadsheet reads it), '' for none."""
    return "" if value is None else f"{value:.1f}"
