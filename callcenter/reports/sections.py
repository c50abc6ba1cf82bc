"""The KPI sections both reports print: calls, call types, answer times, incidents, handling times, open
incidents, prank/ghost numbers."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from callcenter.db.enums import priority_words
from callcenter.reports.common import (
    BAD,
    CONTENT_WIDTH,
    GOOD,
    Styles,
    count_rows,
    data_table,
    hbar_chart,
    pie_chart,
    safe,
    side_by_side,
)
from callcenter.reports.strings import Strings
from callcenter.services.call_figures import ANSWER_MARKS_S, NENA_TARGET, NENA_TARGET_20, NFPA_TARGET
from callcenter.services.report_data import CarriedIncident, PeriodSummary


def section(title: str, styles: Styles) -> Paragraph:
    return Paragraph(safe(title, 200), styles.section)


def funnel(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    """The calls: answered and unanswered as shares of the calls counted (see the note under section 3)."""
    f, figures = summary.funnel, summary.figures
    rows: list[list[object]] = [
        [s("incoming"), s.integer(f.incoming), ""],
        [s("answered"), s.integer(f.answered), s.pct(figures.answered_pct)],
        [s("missed"), s.integer(f.missed), s.pct(figures.unanswered_pct)],
    ]
    if f.ringing:
        rows.append([s("ringing"), s.integer(f.ringing), ""])
    rows.append([s("called_back"), s.integer(f.called_back),
                 s.pct(100.0 * f.called_back / f.missed if f.missed else None)])
    table = data_table([s("item"), s("count"), s("share")], rows, [100 * mm, 30 * mm, 30 * mm], st,
                       numeric=(1, 2))
    body: list[Flowable] = [section(s("sec_funnel"), st), table]
    located = summary.phone_locations
    if f.incoming:  # an empty period says so once, above; no line of zeros here
        accuracy = f"±{s.decimal(located.median_accuracy_m, 0)} m" if located.median_accuracy_m is not None else "-"
        body += [Spacer(1, 2 * mm), Paragraph(safe(s("phone_locations", count=s.integer(located.calls),
                                                     pct=s.pct(100.0 * located.calls / f.incoming),
                                                     accuracy=accuracy)),
                                              st.body)]
    return [KeepTogether(body)]


def call_types(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    types = summary.call_types
    total = types.classified + types.unclassified
    if not total:  # a table of zeros says less than one line
        return [KeepTogether([section(s("sec_types"), st), Paragraph(safe(s("no_answered")), st.body)])]
    rows: list[list[object]] = [[s(f"type_{t.value}"), s.integer(n), s.pct(100.0 * n / total if total else None)]
                                for t, n in types.counts]
    if types.unclassified:
        rows.append([s("unclassified"), s.integer(types.unclassified),
                     s.pct(100.0 * types.unclassified / total)])
    rows.append([s("total"), s.integer(total), s.pct(100.0 if total else None)])
    table = data_table([s("call_type"), s("count"), s("share")], rows, [42 * mm, 20 * mm, 22 * mm], st,
                       numeric=(1, 2), total_row=True)
    body: list[Flowable] = [section(s("sec_types"), st)]
    if total:
        chart = pie_chart([(s(f"type_{t.value}"), n) for t, n in types.counts], CONTENT_WIDTH - 90 * mm,
                          s("chart_types"), s)
        body.append(side_by_side(table, chart, 90 * mm))
    else:
        body.append(table)
    body.append(Spacer(1, 2 * mm))
    body.append(Paragraph(safe(s("prank_ghost_share", count=s.integer(types.prank_ghost),
                                 total=s.integer(types.classified), pct=s.pct(types.prank_ghost_share))),
                          st.body))
    return [KeepTogether(body)]


def answer_times(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    figures = summary.figures
    note = s("figures_note")
    if figures.ringing:
        note += " " + s("figures_note_ringing", n=s.integer(figures.ringing))
    footnote = Paragraph(safe(note), st.small)
    if not figures.counted:  # nothing was counted, so there is no figure to explain (beyond calls still ringing)
        empty: list[Flowable] = [section(s("sec_answer"), st), Paragraph(safe(s("no_answered")), st.body)]
        if figures.ringing:
            empty.append(Paragraph(safe(s("figures_note_ringing", n=s.integer(figures.ringing))), st.small))
        return [KeepTogether(empty)]
    rows: list[list[object]] = [[s("counted_calls"), s.integer(figures.counted)]]
    rows += [[s("answer_within", s=mark),
              f"{s.integer(figures.within_count(mark))} ({s.pct(figures.within_pct(mark))})"]
             for mark in ANSWER_MARKS_S]
    rows += [[s("answer_median"), s.seconds(figures.median_s)], [s("answer_p90"), s.seconds(figures.p90_s)]]
    left = data_table([s("item"), s("achieved")], rows, [56 * mm, 30 * mm], st, numeric=(1,))

    def verdict(target: tuple[int, float]) -> Paragraph:
        met = figures.meets(target)
        if met is None:
            return Paragraph("-", st.cell)
        colour = GOOD if met else BAD
        word = s("met") if met else s("not_met")
        return Paragraph(f'<font color="{colour.hexval()}"><b>{safe(word)}</b></font>', st.cell)

    standards: list[list[object]] = [
        [s(key), s.pct(figures.within_pct(target[0])), verdict(target)]
        for key, target in (("nena", NENA_TARGET), ("nena20", NENA_TARGET_20), ("nfpa", NFPA_TARGET))
    ]
    right = data_table([s("standard"), s("achieved"), s("result")], standards, [40 * mm, 21 * mm, 23 * mm], st,
                       numeric=(1,))
    return [KeepTogether([section(s("sec_answer"), st), side_by_side(left, right, 90 * mm), Spacer(1, 1.5 * mm),
                          footnote])]


def incidents(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    intro: list[Flowable] = [section(s("sec_incidents"), st),
                             Paragraph(safe(s("incidents_total", n=s.integer(summary.incidents_total))), st.body),
                             Spacer(1, 2 * mm)]
    out: list[Flowable] = []
    if not summary.incidents_total:
        out.append(KeepTogether([section(s("sec_incidents"), st), Paragraph(safe(s("no_incidents")), st.body)]))
    else:
        unknown = s("unknown_kecamatan")
        for title, rows, column in ((s("by_category"), summary.incidents_by_category, s("category")),
                                    (s("by_kecamatan"), summary.incidents_by_kecamatan, s("kecamatan"))):
            table = data_table([column, s("count"), "%"], count_rows(rows, s, unknown, limit=20),
                               [56 * mm, 15 * mm, 15 * mm], st, numeric=(1, 2), total_row=True)
            chart = hbar_chart([(row.label or unknown, row.count) for row in rows], CONTENT_WIDTH - 89 * mm, title)
            block: list[Flowable] = [Paragraph(safe(title), st.subsection), side_by_side(table, chart, 89 * mm),
                                     Spacer(1, 2 * mm)]
            # The section heading travels with its first table: never alone at the foot of a page.
            out.append(KeepTogether([*intro, *block] if not out else block))
    agency_rows = summary.dispatches_by_agency
    if not agency_rows and not summary.incidents_total:
        return out  # section 5 already says there were no forwards
    agency: list[Flowable] = [Paragraph(safe(s("by_agency")), st.subsection)]
    if agency_rows:
        agency.append(data_table([s("agency"), s("dispatches"), "%"], count_rows(agency_rows, s, "-"),
                                 [56 * mm, 22 * mm, 15 * mm], st, numeric=(1, 2), total_row=True))
    else:
        agency.append(Paragraph(safe(s("no_dispatches")), st.body))
    out.append(KeepTogether(agency))
    return out


def intervals(summary: PeriodSummary, s: Strings, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [section(s("sec_intervals"), st)]
    if not summary.dispatch_intervals:
        out.append(Paragraph(safe(s("no_dispatches")), st.body))
        return [KeepTogether(out)]
    hint = f"{s('median')} / {s('p90')} {s('clock_hint')}"
    header = [s("agency"), s("dispatches"), f"{s('ack')}\n{hint}", f"{s('scene')}\n{hint}",
              f"{s('total_interval')}\n{hint}"]
    rows: list[list[object]] = []
    for item in summary.dispatch_intervals:
        rows.append([item.agency, s.integer(item.dispatches), *[
            f"{s.minutes(stat.median_s)} / {s.minutes(stat.p90_s)}"
            for stat in (item.notified_to_acknowledged, item.acknowledged_to_on_scene, item.total)]])
    out.append(data_table(header, rows, [30 * mm, 22 * mm, 40 * mm, 40 * mm, CONTENT_WIDTH - 132 * mm], st,
                          numeric=(1, 2, 3, 4)))
    return [KeepTogether(out)]


def carried(items: tuple[CarriedIncident, ...], total: int, title: str, s: Strings, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [section(title, st)]
    if not items:
        out.append(Paragraph(safe(s("no_carried")), st.body))
        return [KeepTogether(out)]
    rows: list[list[object]] = []
    for item in items:
        place = ", ".join(part for part in (item.kecamatan, item.address) if part) or "-"
        rows.append([item.number, s.wib(item.created_at), item.category, priority_words(item.priority, s.lang),
                     s(f"status_{item.status.value}"), place])
    out.append(data_table([s("number"), s("created"), s("category"), s("priority"), s("status"), s("location")],
                          rows, [31 * mm, 21 * mm, 33 * mm, 27 * mm, 21 * mm, CONTENT_WIDTH - 133 * mm], st))
    if total > len(items):
        out.append(Paragraph(safe(s("carried_more", n=s.integer(total - len(items)))), st.small))
    # A long list may split over pages (its header row repeats); only a heading at a page's foot is avoided.
    return [CondPageBreak(40 * mm), *out]


def numbers(summary: PeriodSummary, title: str, s: Strings, st: Styles,
            closing: list[Flowable] | None = None) -> list[Flowable]:
    """Frequent numbers, then blocked numbers kept on one page with ``closing`` (the signatures)."""
    first: list[Flowable] = [section(title, st)]
    if not summary.frequent_numbers and not summary.blocked_numbers:
        return [KeepTogether([*first, Paragraph(safe(s("no_numbers")), st.body), *(closing or [])])]
    if summary.frequent_numbers:
        rows: list[list[object]] = [[item.masked, s.integer(item.prank), s.integer(item.ghost),
                                     s.integer(item.total)] for item in summary.frequent_numbers]
        first.append(data_table([s("phone_number"), s("prank"), s("ghost"), s("total")], rows,
                                [50 * mm, 22 * mm, 22 * mm, 22 * mm], st, numeric=(1, 2, 3)))
    else:
        first.append(Paragraph(safe(s("no_frequent")), st.body))
    out: list[Flowable] = [Paragraph(safe(s("blocked")), st.subsection)]
    if summary.blocked_numbers:
        blocked: list[list[object]] = [[item.masked, s.wib(item.at),
                                        f"{item.by} ({s('auto')})" if item.automatic else item.by,
                                        item.reason or "-"] for item in summary.blocked_numbers]
        out.append(data_table([s("phone_number"), s("blocked_at"), s("blocked_by"), s("reason")], blocked,
                              [36 * mm, 28 * mm, 32 * mm, CONTENT_WIDTH - 96 * mm], st))
    else:
        out.append(Paragraph(safe(s("no_blocked")), st.body))
    if closing is not None:
        out.extend(closing)
    return [KeepTogether(first), KeepTogether(out)]
