"""The dispatch slip's locator: a small map around the incident, its coordinates, and a QR code of a map link that
a field officer's phone opens (the printed link below it can be typed as well).

With coordinates, the map is centred on them. With only a desa, it shows the desa with a dashed ring at a point
inside it, and the link says it is approximate. With neither, there is no locator (the slip says "-").
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from callcenter.geo.coordinates import format_dms, maps_link
from callcenter.geo.print_map import MapWords, locator_drawing
from callcenter.geo.regions import load_geography
from callcenter.services.dispatch_messages import DispatchFacts

MAP_WIDTH = 112 * mm
MAP_HEIGHT = 62 * mm
QR_SIZE = 34 * mm


def locator_point(facts: DispatchFacts) -> tuple[float, float, bool] | None:
    """(lat, lon, exact) to show: the incident's coordinates, else a point inside its desa, else None."""
    if facts.latitude is not None and facts.longitude is not None:
        return facts.latitude, facts.longitude, True
    if facts.desa_code:
        region = load_geography().desa.get(facts.desa_code)
        if region is not None:
            return region.anchor[0], region.anchor[1], False
    return None


def qr_drawing(value: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def coordinates_text(facts: DispatchFacts) -> str | None:
    """``-6.680100, 107.561200 (6°40'48,4" LS 107°33'40,3" BT)`` or None."""
    if facts.latitude is None or facts.longitude is None:
        return None
    return f"{facts.coordinates()} ({format_dms(facts.latitude, facts.longitude)})"


def locator_block(facts: DispatchFacts, regular: str, bold: str, small: ParagraphStyle) -> Flowable | None:
    where = locator_point(facts)
    if where is None:
        return None
    latitude, longitude, exact = where
    link = maps_link(latitude, longitude)
    drawing = locator_drawing(load_geography(), latitude, longitude, MAP_WIDTH, MAP_HEIGHT,
                              desa_code=facts.desa_code, exact=exact, font=regular, bold=bold,
                              words=MapWords(north="U", approximate="perkiraan (titik di tengah desa)"))
    caption = ("Pindai untuk membuka lokasi di ponsel:" if exact else
               "Perkiraan (titik di tengah desa, koordinat tidak diketahui). Pindai untuk membuka di ponsel:")
    side = [qr_drawing(link), Paragraph(caption, small), Paragraph(link.replace("&", "&amp;"), small)]
    table = Table([[drawing, side]], colWidths=[MAP_WIDTH + 4 * mm, 170 * mm - MAP_WIDTH - 4 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table
