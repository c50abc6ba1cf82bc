"""The slip's locator: the map, the coordinates and a QR code that a phone (here: zxing-cpp) reads back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from callcenter.forwarding.slip import render_slip
from callcenter.geo.coordinates import maps_link, parse_coordinates
from callcenter.geo.regions import load_geography
from callcenter.services.dispatch_messages import DispatchFacts, whatsapp_text
from tests.callcenter.forwarding.test_slip_whatsapp import facts

SUKADAMI = "32.14.09.2002"


def _page_image(pdf: bytes, tmp_path: Path, dpi: int = 200) -> Image.Image:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the printed slip", pytrace=False)
    (tmp_path / "slip.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-singlefile", str(tmp_path / "slip.pdf"),
                    str(tmp_path / "slip")], check=True, timeout=60)
    return Image.open(tmp_path / "slip.png")


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_with_coordinates_the_slip_shows_them_and_a_phone_reads_the_qr(tmp_path: Path) -> None:
    sukadami = load_geography().desa[SUKADAMI]
    latitude, longitude = sukadami.anchor
    pdf = render_slip(facts(latitude=latitude, longitude=longitude, desa_code=SUKADAMI))
    pages, text = _text(pdf)
    assert pages == 1
    assert f"{latitude:.6f}, {longitude:.6f}" in text
    assert " LS " in text and " BT" in text  # degrees-minutes-seconds in the Indonesian way too
    assert "Pindai untuk membuka lokasi di ponsel" in text
    assert "Sukadami" in text and "Wanayasa" in text  # names on the map itself (desa and neighbours)
    codes = zxingcpp.read_barcodes(_page_image(pdf, tmp_path))
    qr = [code.text for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert qr == [maps_link(latitude, longitude)]
    point = parse_coordinates(qr[0])  # the link leads back to the very point
    assert (point.latitude, point.longitude) == pytest.approx((latitude, longitude), abs=1e-6)


def test_with_only_a_desa_the_locator_is_marked_approximate(tmp_path: Path) -> None:
    pdf = render_slip(facts(latitude=None, longitude=None, desa_code=SUKADAMI))
    pages, text = _text(pdf)
    assert pages == 1
    assert "Koordinat -" in text
    assert "Perkiraan (titik di tengah desa" in text
    [code] = zxingcpp.read_barcodes(_page_image(pdf, tmp_path))
    point = parse_coordinates(code.text)
    assert load_geography().locate(point.latitude, point.longitude).desa_code == SUKADAMI


def test_without_a_place_there_is_no_locator_and_nothing_breaks(tmp_path: Path) -> None:
    pdf = render_slip(facts(latitude=None, longitude=None, desa_code=None))
    pages, text = _text(pdf)
    assert pages == 1 and "Koordinat -" in text and "Pindai" not in text
    assert zxingcpp.read_barcodes(_page_image(pdf, tmp_path, dpi=100)) == []


def test_a_snapshot_from_before_desa_codes_still_prints() -> None:
    old = {key: value for key, value in facts().to_dict().items() if key not in ("desa_code", "kecamatan_code")}
    pages, text = _text(render_slip(DispatchFacts.from_dict(old)))
    assert pages == 1 and "-6.680100, 107.561200" in text


def test_a_point_outside_the_regency_still_gets_its_map() -> None:
    pages, text = _text(render_slip(facts(latitude=-6.9025, longitude=107.6188, desa_code=None)))  # Bandung
    assert pages == 1 and "-6.902500, 107.618800" in text


def test_whatsapp_message_carries_the_map_link() -> None:
    text = whatsapp_text(facts())
    assert f"Peta: {maps_link(-6.6801, 107.5612)}" in text
    assert "Peta:" not in whatsapp_text(facts(latitude=None, longitude=None))
