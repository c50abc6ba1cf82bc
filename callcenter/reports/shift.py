"""The shift report the supervisor prints at handover and the Kepala Bidang signs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from callcenter.clock import to_wib
from callcenter.reports import sections
from callcenter.reports.common import build_document, key_value_table, letterhead, make_styles, safe, signature_block
from callcenter.reports.strings import Strings
from callcenter.services.report_data import ShiftReportData


def shift_title(data: ShiftReportData, s: Strings) -> str:
    provisional = f" ({s('provisional')})" if data.provisional else ""
    return f"{s('shift_report')} {data.shift_name.upper()}{provisional} — {s.short_date(data.shift_date)}"


def render_shift_report(data: ShiftReportData, out: Path | BinaryIO, lang: str = "id") -> None:
    s = Strings(lang)
    st = make_styles()
    summary = data.summary
    story: list[Flowable] = list(letterhead(data.header, st))
    provisional = f" — {s('provisional')}" if data.provisional else ""
    story.append(Paragraph(safe(f"{s('shift_report')} {data.shift_name.upper()}{provisional}"), st.title))
    story.append(Paragraph(safe(s.long_date(data.shift_date)), st.subtitle))
    if data.provisional:  # a shift still running: say so before any figure, with the moment they were taken
        story.append(Paragraph(safe(s("provisional_note", at=s.wib(data.generated_at, seconds=True))), st.empty))
    story.append(Spacer(1, 4 * mm))

    start, end = to_wib(data.start_utc), to_wib(data.end_utc)
    last_second = to_wib(data.end_utc - timedelta(seconds=1))
    operators = [f"{p.full_name} ({s.wib_time(p.started_at)}–{s.wib_time(p.ended_at) if p.ended_at else '…'})"
                 for p in data.operators]
    supervisors = [p.full_name for p in data.supervisors]
    story.append(key_value_table([
        (s("shift"), f"{data.shift_name} ({start:%H:%M}–{end:%H:%M} WIB)"),
        (s("date"), s.long_date(data.shift_date)),
        (s("period"), f"{s.wib(data.start_utc, seconds=True)} {s('until')} {last_second:%d-%m-%Y %H:%M:%S} WIB"),
        (s("operators_on_duty"), "; ".join(operators) or s("none")),
        (s("supervisor"), "; ".join(supervisors) or s("none")),
    ], st))

    if summary.funnel.incoming == 0:
        story.append(Paragraph(safe(s("no_calls_shift")), st.empty))
    story += sections.funnel(summary, s, st)
    story += sections.call_types(summary, s, st)
    story += sections.answer_times(summary, s, st)
    story += sections.incidents(summary, s, st)
    story += sections.intervals(summary, s, st)
    story += sections.carried(summary.carried_over, summary.carried_over_total, s("sec_carried"), s, st)

    notes: list[Flowable] = [sections.section(s("sec_handover"), st)]
    if data.handover_notes:
        for note in data.handover_notes:
            when = f" ({s.wib(note.at)})" if note.at else ""
            notes.append(Paragraph(f"<b>{safe(note.full_name, 120)}</b>{safe(when)}: {safe(note.note, strings=s)}",
                                   st.body))
            notes.append(Spacer(1, 1.5 * mm))
    else:
        notes.append(Paragraph(safe(s("no_handover")), st.body))
    story.append(KeepTogether(notes[:3]))
    story += notes[3:]
    operator = data.operators[0].full_name if len(data.operators) == 1 else None
    supervisor = supervisors[0] if len(supervisors) == 1 else None
    signatures = signature_block(s, st, s("place_date", date=s.plain_date(end.date())), operator, supervisor)
    story += sections.numbers(summary, s("sec_numbers"), s, st, signatures)
    build_document(out, story, title=shift_title(data, s), running_title=shift_title(data, s), header=data.header,
                   generated_at=data.generated_at, strings=s)
