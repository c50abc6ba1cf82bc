"""The printed dispatch slip: one A4 page an agency's runner can carry (reportlab).

Every text field is escaped (reportlab paragraphs are a markup language, and a caller's description may hold
``<b>`` or ``&``) and bounded, so the slip is always exactly one page.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from callcenter.db.enums import priority_words
from callcenter.forwarding.slip_map import coordinates_text, locator_block
from callcenter.services.dispatch_messages import DispatchFacts, shorten, unit_type_name, wib_text

MAX_DESCRIPTION_ON_SLIP = 1500
MAX_FIELD_ON_SLIP = 300
MAX_LOCATION_ON_SLIP = 400
MAX_ANSWER_ON_SLIP = 300


def _font_dirs() -> list[Path]:
    dirs = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
    windows = os.environ.get("WINDIR")
    if windows:
        dirs.append(Path(windows) / "Fonts")
    return dirs


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans where installed (covers Indonesian and most symbols), else
    Helvetica."""
    for folder in _font_dirs():
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            except Exception:  # a broken font file must not stop a slip; fall back to the built-in font
                continue
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _text(value: str | None, limit: int = MAX_FIELD_ON_SLIP) -> str:
    if not value:
        return "-"
    return escape(shorten(value, limit)).replace("\n", "<br/>")


def render_slip(facts: DispatchFacts) -> bytes:
    """The slip as PDF bytes."""
    regular, bold = fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14)
    label = ParagraphStyle("label", parent=base, fontName=bold, textColor=colors.HexColor("#333333"))
    title = ParagraphStyle("title", parent=base, fontName=bold, fontSize=16, leading=20)
    header = ParagraphStyle("header", parent=base, fontSize=9, textColor=colors.HexColor("#555555"))
    number = ParagraphStyle("number", parent=base, fontName=bold, fontSize=20, leading=24)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555"))

    target = escape(facts.agency) + (f" — unit <b>{escape(facts.unit)}</b>" if facts.unit else "")
    if facts.unit and facts.unit_type:
        target += f" ({escape(unit_type_name(facts.unit_type))})"
    rows = [
        ("Kategori", escape(facts.category)),
        ("Prioritas", escape(priority_words(facts.priority))),
        ("Lokasi", _text(facts.location_line(), MAX_LOCATION_ON_SLIP)),
        ("Patokan", _text(facts.landmark)),
        ("Koordinat", _text(coordinates_text(facts))),
        ("Keterangan", _text(facts.description, MAX_DESCRIPTION_ON_SLIP)),
        *((_text(question), _text(answer, MAX_ANSWER_ON_SLIP)) for question, answer in facts.answers),
        ("Pelapor", _text(facts.reporter_name)),
        ("Nomor telepon balik", f"<b>{_text(facts.callback_display())}</b>"),
        ("Ditujukan kepada", target),
        ("Dicatat", escape(wib_text(facts.created_at))),
        ("Diteruskan", escape(wib_text(facts.dispatched_at))),
        ("Operator", _text(facts.operator)),
    ]
    table = Table([[Paragraph(name, label), Paragraph(value, base)] for name, value in rows],
                  colWidths=[45 * mm, 125 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    signature = Table([[Paragraph("Diterima oleh (nama, tanda tangan, jam):", small), ""]],
                      colWidths=[80 * mm, 90 * mm], rowHeights=[22 * mm])
    signature.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    locator = locator_block(facts, regular, bold, small)
    story = [
        Paragraph(escape(facts.centre), header),
        Paragraph("SLIP PENUGASAN / DISPATCH", title),
        Spacer(1, 2 * mm),
        Paragraph(escape(facts.incident_number), number),
        Spacer(1, 4 * mm),
        table,
        *([Spacer(1, 4 * mm), locator] if locator is not None else []),
        Spacer(1, 6 * mm),
        signature,
        Spacer(1, 3 * mm),
        Paragraph("Dicetak oleh Konsol 112. Laporkan perkembangan (diterima, menuju lokasi, tiba, selesai) ke "
                  "Call Center 112.", small),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=16 * mm,
                                 bottomMargin=16 * mm, title=f"Slip {facts.incident_number}",
                                 author=facts.centre)
    # Bounded fields normally fit; shrinking the whole story into the page frame makes "one page" a guarantee.
    document.build([KeepInFrame(document.width, document.height, story, mode="shrink")])
    return buffer.getvalue()
