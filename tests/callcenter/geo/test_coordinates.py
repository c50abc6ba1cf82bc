"""What people paste into the location field: a pair, degrees-minutes-seconds, map links, geo: URIs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter.errors import ValidationError
from callcenter.geo.coordinates import (
    CoordinateError,
    format_decimal,
    format_dms,
    geo_uri,
    maps_link,
    parse_coordinates,
)

TOWN = (-6.5569, 107.4433)


@pytest.mark.parametrize("text", [
    "-6.5569, 107.4433",
    "-6.5569,107.4433",
    "  -6.5569 107.4433  ",
    "(-6.5569, 107.4433)",
    "-6,5569; 107,4433",
    "-6,5569 107,4433",
    "Lat: -6.5569, Long: 107.4433",
    "latitude=-6.5569 longitude=107.4433",
    "Koordinat: -6.5569, 107.4433",
    "\u22126.5569, 107.4433",  # a typographic minus, as word processors write it
    "6.5569 S, 107.4433 E",
    "S6.5569 E107.4433",
    "6.5569°S 107.4433°E",
    "6.5569 LS 107.4433 BT",
    "-6.5569 LS 107.4433 BT",  # a redundant minus with south is still south
    "6,5569 Lintang Selatan, 107,4433 Bujur Timur",
])
def test_decimal_pairs_in_the_ways_people_write_them(text: str) -> None:
    point = parse_coordinates(text)
    assert (point.latitude, point.longitude) == pytest.approx(TOWN)
    assert not point.swapped


@pytest.mark.parametrize("text", [
    "6°33'24.8\"S 107°26'35.9\"E",  # Google Maps' own "copy coordinates" in DMS
    "6°33'24.8\"S, 107°26'35.9\"E",
    "6° 33' 24.8\" S 107° 26' 35.9\" E",
    "S 6° 33' 24.8\" E 107° 26' 35.9\"",
    "6º33′24.8″S 107º26′35.9″E",  # ordinal sign and prime marks from a phone keyboard
    "6°33'24,8\" LS 107°26'35,9\" BT",
    "6°33'24,8'' LS 107°26'35,9'' BT",
    "6 33 24.8 S 107 26 35.9 E",
    "-6°33'24.8\" 107°26'35.9\"",
    "107°26'35.9\"E 6°33'24.8\"S",  # longitude first, but the letters say which is which
])
def test_degrees_minutes_seconds(text: str) -> None:
    point = parse_coordinates(text)
    assert point.latitude == pytest.approx(-(6 + 33 / 60 + 24.8 / 3600), abs=1e-7)
    assert point.longitude == pytest.approx(107 + 26 / 60 + 35.9 / 3600, abs=1e-7)
    assert point.kind == "dms"


def test_degrees_and_decimal_minutes() -> None:
    point = parse_coordinates("S 6° 33.413' E 107° 26.598'")
    assert (point.latitude, point.longitude) == pytest.approx((-(6 + 33.413 / 60), 107 + 26.598 / 60))


@pytest.mark.parametrize("text,expected", [
    ("https://www.google.com/maps?q=-6.5569,107.4433", TOWN),
    ("https://maps.google.com/maps?q=-6.5569%2C107.4433&z=17&hl=id", TOWN),  # WhatsApp's shared location
    ("https://www.google.com/maps/search/?api=1&query=-6.5569%2C107.4433", TOWN),
    ("https://www.google.com/maps?q=loc:-6.5569,107.4433", TOWN),
    ("https://www.google.com/maps/@-6.5569,107.4433,17z", TOWN),
    ("www.google.com/maps/@-6.5569,107.4433,15.25z?entry=ttu", TOWN),
    ("https://www.google.com/maps/place/6%C2%B033'24.8%22S+107%C2%B026'35.9%22E/@-6.556891,107.443306,17z",
     (-6.556889, 107.443306)),
    ("https://www.google.com/maps/search/-6.5569,+107.4433?entry=tts", TOWN),
    # A place link: the pin (!3d/!4d) wins over the viewport's centre (@).
    ("https://www.google.com/maps/place/Lafuente+Lorenzo+S.A./@40.4276243,-3.6897011,17z/data=!3m1!5s0xd42289"
     "15eeccabb:0x1cc80ad33bc1ca9b!4m6!3m5!1s0xd4228915b5bfd75:0x77dd0669a0f7e315!8m2!3d40.4280246!4d-3.6887462"
     "!16s%2Fg%2F11bzt503jg?entry=ttu", (40.4280246, -3.6887462)),
    ("https://maps.apple.com/?ll=-6.5569,107.4433&q=Dropped%20Pin", TOWN),
    ("https://www.openstreetmap.org/?mlat=-6.5569&mlon=107.4433#map=17/-6.5569/107.4433", TOWN),
    ("https://www.openstreetmap.org/#map=17/-6.5569/107.4433", TOWN),
])
def test_map_links(text: str, expected: tuple[float, float]) -> None:
    point = parse_coordinates(text)
    assert (point.latitude, point.longitude) == pytest.approx(expected, abs=1e-5)
    assert point.kind == "link"


@pytest.mark.parametrize("text,expected,accuracy", [
    ("geo:-6.5569,107.4433", TOWN, None),
    ("geo:-6.5569,107.4433,120", TOWN, None),  # RFC 5870 altitude
    ("geo:-6.5569,107.4433;crs=wgs84;u=35", TOWN, 35.0),
    ("GEO:-6.5569,107.4433;u=12.5", TOWN, 12.5),
    ("geo:0,0?q=-6.5569,107.4433(Lokasi%20pelapor)", TOWN, None),  # Android's intent form
])
def test_geo_uris(text: str, expected: tuple[float, float], accuracy: float | None) -> None:
    point = parse_coordinates(text)
    assert (point.latitude, point.longitude) == pytest.approx(expected)
    assert point.accuracy_m == accuracy
    assert point.kind == "geo_uri"


def test_longitude_first_is_swapped_and_says_so() -> None:
    point = parse_coordinates("107.4433, -6.5569")  # GeoJSON and GIS tools write [lon, lat]
    assert (point.latitude, point.longitude) == pytest.approx(TOWN)
    assert point.swapped


@pytest.mark.parametrize("text,reason", [
    ("", "empty"),
    ("   ", "empty"),
    ("x" * 5000, "too_long"),
    ("Jl. Ipik Gandamanah depan alun-alun", "unrecognised"),
    ("-6.5569", "unrecognised"),
    ("-6.5569, 107.4433, 12, 3", "unrecognised"),
    ("1, 2; 3", "unrecognised"),
    ("<b>-6.5</b>, 107", "unrecognised"),
    ("-96.5569, 107.4433", "out_of_range"),
    ("-6.5569, 187.4433", "out_of_range"),
    ("NaN, 107", "unrecognised"),
    ("-6.5569 N, 107.4433 E", "hemisphere_conflict"),
    ("6.5569 S, -107.4433 BT", "hemisphere_conflict"),
    ("6.5569 S, 107.4433 S", "hemisphere_conflict"),
    ("6°73'24.8\"S 107°26'35.9\"E", "bad_minutes"),
    ("6°33'64\"S 107°26'35.9\"E", "bad_minutes"),
    ("6.5°33'S 107°26'E", "bad_minutes"),
    ("https://maps.app.goo.gl/AbCdEf123", "short_link"),
    ("https://goo.gl/maps/AbCdEf123", "short_link"),
    ("https://www.google.com/maps/place/Alun-Alun+Purwakarta", "link_without_coordinates"),
    ("https://www.google.com/maps/dir/Purwakarta/Bandung", "link_without_coordinates"),
    ("geo:here", "unrecognised"),
])
def test_what_is_not_a_coordinate_says_why(text: str, reason: str) -> None:
    with pytest.raises(CoordinateError) as caught:
        parse_coordinates(text)
    error = caught.value
    assert isinstance(error, ValidationError)  # the command line's exit 2, the form's red field
    assert error.code == "geo.coordinates"
    assert error.params["reason"] == reason
    assert error.problems.get("coordinates")


@given(st.text(max_size=200))
def test_no_text_crashes_the_parser(text: str) -> None:
    try:
        point = parse_coordinates(text)
    except CoordinateError:
        return
    assert -90 <= point.latitude <= 90 and -180 <= point.longitude <= 180


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_what_we_print_reads_back(latitude: float, longitude: float) -> None:
    for text, tolerance in ((format_decimal(latitude, longitude), 1e-6), (geo_uri(latitude, longitude), 1e-6),
                            (maps_link(latitude, longitude), 1e-6),
                            (format_dms(latitude, longitude), 0.06 / 3600),
                            (format_dms(latitude, longitude, indonesian=False), 0.06 / 3600)):
        point = parse_coordinates(text)
        assert point.latitude == pytest.approx(latitude, abs=tolerance), text
        assert point.longitude == pytest.approx(longitude, abs=tolerance), text


def test_printed_forms() -> None:
    assert format_decimal(*TOWN) == "-6.556900, 107.443300"
    assert format_dms(*TOWN) == "6°33'24,8\" LS 107°26'35,9\" BT"
    assert format_dms(*TOWN, indonesian=False) == "6°33'24.8\"S 107°26'35.9\"E"
    assert maps_link(*TOWN) == "https://www.google.com/maps/search/?api=1&query=-6.556900%2C107.443300"
    assert geo_uri(*TOWN, 20) == "geo:-6.556900,107.443300;u=20"
