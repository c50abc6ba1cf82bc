from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

from pypdf import PdfReader

from callcenter.forwarding.slip import render_slip
from callcenter.services.dispatch_messages import DispatchFacts, whatsapp_link, whatsapp_number, whatsapp_text

HOSTILE = "Api <b>besar</b> & asap </para><font size=40>X</font> \"kutip\" 🚒 — Ñ é ü"


def facts(**changes: object) -> DispatchFacts:
    base = DispatchFacts(
        incident_number="112/2026/000123", category="Kebakaran", category_code="kebakaran", priority="P1",
        kecamatan="Wanayasa", desa="Sukadami", address="Kp. Cibening RT 02/RW 03", landmark="dekat masjid",
        latitude=-6.6801, longitude=107.5612, description=HOSTILE, reporter_name="Ujang Sunarya",
        callback_number="+6281223456789", agency="Dinas Pemadam Kebakaran dan Penyelamatan (DPKP)",
        agency_short="Damkar", unit="DAMKAR-03", unit_type="mobil damkar", operator="Asep Saputra",
        created_at="2026-03-02T03:00:00+00:00", dispatched_at="2026-03-02T03:01:30+00:00")
    return DispatchFacts(**{**base.to_dict(), **changes})


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_slip_holds_what_the_agency_needs_and_hostile_text_survives() -> None:
    pages, text = _text(render_slip(facts()))
    flat = " ".join(text.split())
    assert pages == 1
    for expected in ("112/2026/000123", "Kebakaran", "P1 (nyawa terancam)", "Kp. Cibening RT 02/RW 03",
                     "Desa/Kel. Sukadami", "Kec. Wanayasa", "dekat masjid", "0812-2345-6789", "Ujang Sunarya",
                     "DAMKAR-03", "Asep Saputra", "02/03/2026 10:00 WIB", "02/03/2026 10:01 WIB"):
        assert expected in flat, expected
    assert "Api <b>besar</b> & asap </para><font size=40>X</font> \"kutip\"" in flat
    assert "Ñ é ü" in flat


def test_slip_is_one_page_even_for_a_huge_description() -> None:
    pages, text = _text(render_slip(facts(description="Kebakaran besar. " * 60_000, address="Jl. " * 400,
                                          landmark=None, latitude=None, longitude=None, callback_number=None,
                                          unit=None, unit_type=None)))
    assert pages == 1
    assert "…" in text and "112/2026/000123" in text


def test_whatsapp_text_and_link() -> None:
    text = whatsapp_text(facts())
    assert text.startswith("*CALL CENTER 112 KABUPATEN PURWAKARTA*")
    for expected in ("*112/2026/000123*", "Kategori: Kebakaran", "Prioritas: P1 (nyawa terancam)",
                     "Lokasi: Kp. Cibening RT 02/RW 03, Desa/Kel. Sukadami, Kec. Wanayasa",
                     "Patokan: dekat masjid", "Koordinat: -6.680100, 107.561200",
                     "Pelapor: Ujang Sunarya, telp. 0812-2345-6789", "Ditujukan kepada: Damkar — unit DAMKAR-03",
                     "Operator: Asep Saputra, 02/03/2026 10:01 WIB", HOSTILE):
        assert expected in text, expected
    link = whatsapp_link("0812 2000 113", text)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/628122000113")
    assert parse_qs(parts.query)["text"] == [text]
    assert " " not in link and "\n" not in link and "&asap" not in link
    assert whatsapp_link(None, "halo").startswith("https://wa.me/?text=halo")
    assert whatsapp_number("bukan nomor") is None


def test_whatsapp_text_is_bounded() -> None:
    text = whatsapp_text(facts(description="x" * 100_000))
    assert len(text) < 2500 and "…" in text


def test_the_agency_reads_one_priority_wording_and_indonesian_unit_types() -> None:
    """P1 reads as the console and the reports word it, and the unit type 'rescue' in Indonesian."""
    from callcenter.db.enums import PRIORITY_WORDS, Priority

    rescue = facts(unit="RESCUE-01", unit_type="rescue", priority="P1")
    _, slip = _text(render_slip(rescue))
    text = whatsapp_text(rescue)
    for document in (" ".join(slip.split()), text):
        assert PRIORITY_WORDS["id"][Priority.P1] == "P1 (nyawa terancam)"
        assert "P1 (nyawa terancam)" in document
        assert "(penyelamatan)" in document
        assert "rescue)" not in document
