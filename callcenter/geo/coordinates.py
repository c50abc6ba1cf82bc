"""Coordinates as people paste them, and as we print them.

Accepted: a decimal pair (``-6.5569, 107.4433``; ``-6,5569; 107,4433`` with decimal commas; ``(lat, lon)``;
labelled ``Lat: -6.5569 Long: 107.4433``), hemisphere letters (``6.5569 S 107.4433 E``, Indonesian ``LS/LU/BT/BB``),
degrees-minutes-seconds and degrees-decimal-minutes (``6°33'24.8"S 107°26'35.9"E``, ``S 6° 33.413' E 107°
26.598'``, unmarked ``6 33 24.8 S 107 26 35.9 E``), map links (Google Maps ``q=``/``query=``/``ll=``, the pin's
``!3d…!4d…``, ``/place/…``, ``@lat,lon``; Apple Maps ``ll=``/``q=``; OpenStreetMap ``mlat/mlon`` and
``#map=z/lat/lon``) and ``geo:`` URIs (RFC 5870, with ``u=`` as the accuracy in metres, and Android's
``geo:0,0?q=lat,lon``).

A pair written longitude first (as GeoJSON and GIS tools do) is recognised when the first number cannot be a
latitude and is swapped, with ``swapped`` set so the form can say so. Whether the point lies in Purwakarta is not
decided here (see ``regions.Geography.locate``): any valid point on Earth is accepted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote_plus, urlsplit

from callcenter.errors import ValidationError

MAX_INPUT = 4000
"""Longer text is no coordinate (a Google Maps link with its data part is well under this)."""

SHORT_LINK_HOSTS = ("goo.gl", "maps.app.goo.gl", "g.co", "bit.ly", "s.id", "tinyurl.com", "t.co")
"""Shortened links hide the coordinates behind a redirect, which would need the internet to follow."""


class CoordinateError(ValidationError):
    """The text is not a coordinate. ``params["reason"]`` says why, for the console's error mapper: ``empty``,
    ``too_long``, ``short_link``, ``link_without_coordinates``, ``unrecognised``, ``out_of_range``,
    ``hemisphere_conflict``, ``bad_minutes``."""

    default_code = "geo.coordinates"

    def __init__(self, reason: str, message: str, text: str = "") -> None:
        super().__init__({"coordinates": message})
        self.reason = reason
        self.params["reason"] = reason
        self.params["text"] = text[:80]


@dataclass(frozen=True, slots=True)
class ParsedPoint:
    latitude: float
    longitude: float
    accuracy_m: float | None = None
    """From a ``geo:`` URI's ``u=`` parameter; None when the text does not say."""
    swapped: bool = False
    """The text gave longitude first; the numbers were swapped."""
    kind: str = "decimal"
    """decimal | dms | link | geo_uri: what the text was."""


# -- formatting ------------------------------------------------------------------------------------------------

def format_decimal(latitude: float, longitude: float, places: int = 6) -> str:
    """``-6.556900, 107.443300``: what a form field and a printed slip show, and what every map app reads."""
    return f"{latitude:.{places}f}, {longitude:.{places}f}"


def format_dms(latitude: float, longitude: float, *, indonesian: bool = True) -> str:
    """``6°33'24,8" LS 107°26'35,9" BT`` (Indonesian) or ``6°33'24.8"S 107°26'35.9"E``."""

    def part(value: float, positive: str, negative: str) -> str:
        total = round(abs(value) * 3600, 1)
        degrees, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"{int(degrees)}°{int(minutes):02d}'{seconds:04.1f}\""
        if indonesian:
            return f"{text.replace('.', ',')} {positive if value >= 0 else negative}"
        return f"{text}{positive if value >= 0 else negative}"

    if indonesian:
        return f"{part(latitude, 'LU', 'LS')} {part(longitude, 'BT', 'BB')}"
    return f"{part(latitude, 'N', 'S')} {part(longitude, 'E', 'W')}"


def maps_link(latitude: float, longitude: float) -> str:
    """A link any phone opens in its map app (Google's cross-platform "Maps URLs" form)."""
    return f"https://www.google.com/maps/search/?api=1&query={latitude:.6f}%2C{longitude:.6f}"


def geo_uri(latitude: float, longitude: float, accuracy_m: float | None = None) -> str:
    uri = f"geo:{latitude:.6f},{longitude:.6f}"
    return uri + (f";u={accuracy_m:.0f}" if accuracy_m is not None else "")


# -- parsing ---------------------------------------------------------------------------------------------------

_PAIR = re.compile(r"^\(?\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*\)?$")
_GEO_URI = re.compile(r"^geo:\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)(?:\s*,\s*[-+]?\d+(?:\.\d+)?)?"
                      r"(?P<params>(?:;[^?]*)?)(?:\?(?P<query>.*))?$", re.IGNORECASE)
_PIN = re.compile(r"!3d([-+]?\d+(?:\.\d+)?)!4d([-+]?\d+(?:\.\d+)?)")
_AT = re.compile(r"@([-+]?\d+(?:\.\d+)?),([-+]?\d+(?:\.\d+)?)")
_OSM_FRAGMENT = re.compile(r"map=\d+(?:\.\d+)?/([-+]?\d+(?:\.\d+)?)/([-+]?\d+(?:\.\d+)?)")
_LINK_PARAMS = ("q", "query", "ll", "daddr", "destination", "center", "sll")

# Tokens of free text: a number with an optional degree/minute/second mark, a hemisphere, a separator.
_TOKEN = re.compile(r"""
    (?P<num>[-+]?\d+(?:[.,]\d+)?)\s*(?P<mark>°|'|")?
  | (?<![A-Z])(?P<hemi>LU|LS|BT|BB|N|S|E|W)(?![A-Z])
  | (?P<sep>[,;/])
  | (?P<space>[\s()]+)
""", re.VERBOSE)
_LABELS = re.compile(r"\b(LATITUDE|LONGITUDE|LAT|LONG|LON|LNG|LINTANG|BUJUR|KOORDINAT|KOORDINATNYA|TITIK|LOKASI)"
                     r"\b\s*[:=]?", re.IGNORECASE)
_WORDS = (("LINTANG SELATAN", "LS"), ("LINTANG UTARA", "LU"), ("BUJUR TIMUR", "BT"), ("BUJUR BARAT", "BB"),
          ("SOUTH", "S"), ("NORTH", "N"), ("EAST", "E"), ("WEST", "W"))
_MARKS = str.maketrans({"º": "°", "˚": "°", "′": "'", "’": "'", "‘": "'", "´": "'", "`": "'", "″": '"',
                        "”": '"', "“": '"', "−": "-", "–": "-", "\u00a0": " "})
_LATITUDE_LETTERS = {"N": 1, "LU": 1, "S": -1, "LS": -1}
_LONGITUDE_LETTERS = {"E": 1, "BT": 1, "W": -1, "BB": -1}


def parse_coordinates(text: str) -> ParsedPoint:
    """The point in ``text``, or ``CoordinateError`` with a reason the user can act on."""
    if len(text) > MAX_INPUT:
        raise CoordinateError("too_long", f"far too long for a coordinate ({len(text):,} characters)", text)
    cleaned = text.translate(_MARKS).strip().replace("''", '"')
    if not cleaned:
        raise CoordinateError("empty", "no coordinate given", text)
    lowered = cleaned.lower()
    if lowered.startswith("geo:"):
        return _parse_geo_uri(cleaned, text)
    if "://" in lowered or lowered.startswith(("www.", "maps.", "google.", "goo.gl/", "openstreetmap.")):
        return _parse_link(cleaned, text)
    return _parse_text(cleaned, text)


def _checked(latitude: float, longitude: float, text: str, *, kind: str, accuracy_m: float | None = None,
             allow_swap: bool = True) -> ParsedPoint:
    swapped = False
    if allow_swap and abs(latitude) > 90 and abs(longitude) <= 90:
        latitude, longitude, swapped = longitude, latitude, True
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or abs(latitude) > 90 or abs(longitude) > 180:
        raise CoordinateError("out_of_range", "latitude must lie between -90 and 90 and longitude between -180 "
                                              "and 180", text)
    return ParsedPoint(latitude, longitude, accuracy_m, swapped, kind)


def _parse_geo_uri(cleaned: str, text: str) -> ParsedPoint:
    match = _GEO_URI.match(cleaned)
    if match is None:
        raise CoordinateError("unrecognised", "a geo: URI needs a latitude and a longitude (geo:-6.5569,107.4433)",
                              text)
    latitude, longitude = float(match.group(1)), float(match.group(2))
    accuracy = None
    for param in (match.group("params") or "").split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "u":
            try:
                accuracy = float(value)
            except ValueError:
                raise CoordinateError("unrecognised", f"the geo: URI's accuracy u={value!r} is not a number",
                                      text) from None
    query = parse_qs(match.group("query") or "")
    if latitude == 0 and longitude == 0 and "q" in query:  # Android: geo:0,0?q=lat,lon(label)
        found = _pair_in(query["q"][0])
        if found is not None:
            latitude, longitude = found
    return _checked(latitude, longitude, text, kind="geo_uri", accuracy_m=accuracy, allow_swap=False)


def _pair_in(value: str) -> tuple[float, float] | None:
    """A decimal pair at the start of a link parameter (``loc:`` prefix and a ``(label)`` after it allowed)."""
    value = unquote_plus(value).strip()
    value = value.removeprefix("loc:").strip()
    match = re.match(r"^([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)", value)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _parse_link(cleaned: str, text: str) -> ParsedPoint:
    url = urlsplit(cleaned if "://" in cleaned else "https://" + cleaned)
    host = (url.hostname or "").lower()
    if host in SHORT_LINK_HOSTS or host.endswith(".app.goo.gl"):
        raise CoordinateError("short_link", "a shortened link cannot be opened without the internet; open it on "
                                            "the phone and copy the coordinates or the full link", text)
    query = parse_qs(url.query)
    for name in _LINK_PARAMS:  # the place the link points at, in the order map apps honour them
        for value in query.get(name, []):
            found = _pair_in(value)
            if found is not None:
                return _checked(*found, text, kind="link", allow_swap=False)
    if "mlat" in query and "mlon" in query:
        try:
            return _checked(float(query["mlat"][0]), float(query["mlon"][0]), text, kind="link", allow_swap=False)
        except ValueError:
            pass
    path = unquote_plus(url.path)
    pin = _PIN.search(cleaned)  # the dropped pin itself, more exact than the viewport's centre
    if pin:
        return _checked(float(pin.group(1)), float(pin.group(2)), text, kind="link", allow_swap=False)
    for marker in ("/place/", "/search/", "/dir/"):
        if marker in path:
            segment = path.split(marker, 1)[1].split("/")[0]
            try:
                point = _parse_text(segment.translate(_MARKS).replace("''", '"'), text)
            except CoordinateError:
                continue
            return ParsedPoint(point.latitude, point.longitude, None, False, "link")
    for pattern, where in ((_AT, cleaned), (_OSM_FRAGMENT, url.fragment)):
        match = pattern.search(where)
        if match:
            return _checked(float(match.group(1)), float(match.group(2)), text, kind="link", allow_swap=False)
    raise CoordinateError("link_without_coordinates", "this link does not contain coordinates (a link to a named "
                                                      "place or a route); share the location as coordinates", text)


def _parse_text(cleaned: str, text: str) -> ParsedPoint:
    plain = _PAIR.match(cleaned)
    if plain:
        return _checked(float(plain.group(1)), float(plain.group(2)), text, kind="decimal")
    upper = re.sub(r"\s+", " ", cleaned.upper())
    for word, letters in _WORDS:
        upper = upper.replace(word, letters)
    upper = _LABELS.sub(" ", upper)
    tokens = _tokens(upper, text)
    groups = _split(tokens, text)
    values: list[tuple[float, str | None]] = [_component(group, text) for group in groups]
    (first, first_axis), (second, second_axis) = values
    if first_axis is not None and first_axis == second_axis:
        raise CoordinateError("hemisphere_conflict", "both numbers are marked as the same axis (two latitudes or "
                                                     "two longitudes)", text)
    kind = "dms" if any(token[1] or token[2] for token in tokens) else "decimal"
    if first_axis == "lon" or second_axis == "lat":
        return _checked(second, first, text, kind=kind, allow_swap=False)
    return _checked(first, second, text, kind=kind, allow_swap=first_axis is None and second_axis is None)


Token = tuple[str, str | None, str | None, str | None]
"""(number text, mark, hemisphere letters, separator): exactly one of number, hemisphere, separator is set."""


def _tokens(upper: str, text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(upper):
        match = _TOKEN.match(upper, position)
        if match is None or match.end() == position:
            raise CoordinateError("unrecognised", "not a coordinate: write it as -6.5569, 107.4433, as degrees "
                                                  "6°33'24.8\"S 107°26'35.9\"E, or paste a map link", text)
        position = match.end()
        if match.group("num") is not None:
            tokens.append((match.group("num"), match.group("mark"), None, None))
        elif match.group("hemi") is not None:
            tokens.append(("", None, match.group("hemi"), None))
        elif match.group("sep") is not None:
            tokens.append(("", None, None, match.group("sep")))
    return tokens


def _split(tokens: list[Token], text: str) -> list[list[Token]]:
    """Two groups of tokens, one per axis."""
    unrecognised = CoordinateError("unrecognised", "not a coordinate pair: give a latitude and a longitude, e.g. "
                                                   "-6.5569, 107.4433", text)
    separators = [i for i, token in enumerate(tokens) if token[3] is not None]
    if len(separators) == 1:
        cut = separators[0]
        groups = [tokens[:cut], tokens[cut + 1:]]
    elif separators:
        raise unrecognised
    elif any(token[2] for token in tokens):
        starts_with_letter = tokens[0][2] is not None
        groups = [[]]
        for token in tokens:
            if token[2] is not None and starts_with_letter and groups[-1]:
                groups.append([])
            groups[-1].append(token)
            if token[2] is not None and not starts_with_letter:
                groups.append([])
        groups = [group for group in groups if group]
    elif sum(1 for token in tokens if token[1] == "°") == 2:
        second = [i for i, token in enumerate(tokens) if token[1] == "°"][1]
        groups = [tokens[:second], tokens[second:]]
    else:
        half, odd = divmod(len(tokens), 2)
        if odd or not 1 <= half <= 3:
            raise unrecognised
        groups = [tokens[:half], tokens[half:]]
    if len(groups) != 2 or not all(any(token[0] for token in group) for group in groups):
        raise unrecognised
    return groups


def _component(group: list[Token], text: str) -> tuple[float, str | None]:
    """(signed decimal degrees, "lat" | "lon" | None) of one axis: degrees [minutes [seconds]] [hemisphere]."""
    letters = [token[2] for token in group if token[2] is not None]
    numbers = [(token[0], token[1]) for token in group if token[0]]
    if len(letters) > 1 or not 1 <= len(numbers) <= 3:
        raise CoordinateError("unrecognised", "not a coordinate: each of latitude and longitude is degrees, "
                                              "optionally minutes and seconds, and one hemisphere letter", text)
    expected = ("°", "'", '"')
    for index, (_, mark) in enumerate(numbers):
        if mark is not None and mark != expected[index]:
            raise CoordinateError("unrecognised", "degrees, minutes and seconds must come in that order "
                                                  "(6°33'24.8\")", text)
    parts = [float(number.replace(",", ".")) for number, _ in numbers]
    for index, value in enumerate(parts[1:], start=1):
        if value < 0 or value >= 60 or (index < len(parts) - 1 and value != int(value)):
            raise CoordinateError("bad_minutes", "minutes and seconds must be below 60 (only the last may have "
                                                 "decimals)", text)
    if len(parts) > 1 and parts[0] != int(parts[0]):
        raise CoordinateError("bad_minutes", "degrees with decimals cannot have minutes as well", text)
    negative = numbers[0][0].startswith("-")
    value = abs(parts[0]) + sum(part / 60 ** index for index, part in enumerate(parts[1:], start=1))
    axis = None
    if letters:
        letter = letters[0]
        sign = _LATITUDE_LETTERS.get(letter) or _LONGITUDE_LETTERS[letter]
        axis = "lat" if letter in _LATITUDE_LETTERS else "lon"
        if negative and sign > 0:
            raise CoordinateError("hemisphere_conflict", f"a minus sign and {letter} contradict each other", text)
        negative = sign < 0
    return (-value if negative else value), axis
