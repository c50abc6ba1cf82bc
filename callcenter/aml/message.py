"""Advanced Mobile Location messages: the text a handset sends after dialling an emergency number.

Version 1 (ETSI TS 103 625; Google's ELS SMS specification documents the same message)::

    A"ML=1;lt=+51.53321;lg=-0.12601;rd=14;top=20220131171748;lc=68;pm=W;si=234159000000000;
    ei=123456789012345;mcc=234;mnc=15;ml=126

``lt``/``lg`` WGS84 degrees (the sign may be absent), ``rd`` radius in metres or ``N`` without a fix, ``top`` the
time of positioning (UTC, yyyyMMddHHmmss), ``lc`` confidence in percent, ``pm`` the method (G GNSS, W Wi-Fi,
C cell, N none), ``si`` IMSI, ``ei`` IMEI (15 or 16 digits), ``mcc``/``mnc`` the network, ``ml`` the length of
the whole message. Published examples disagree with their own ``ml`` by one, so a mismatch is noted
(``length_ok``), never a reason to refuse.

The experimental version 2 (Google's "ELS Beta")::

    A"ML=2;en=112;et=1593187189;lo=-6.55612,107.44321,14.1;lt=5;lc=68;lz=-10.1,10.1;ls=G;ei=...;nc=51010;hc=51010

``en`` the emergency number, ``et`` the start of the call (Unix seconds), ``lo`` latitude,longitude,accuracy
(accuracy 0 means unknown), ``lt`` seconds from ``et`` to the fix (not a latitude!), ``lz`` altitude and its
accuracy, ``ls`` the source (W, G, C, F fused, U unknown), ``nc``/``hc`` network and home MCC+MNC, ``lg`` the
handset's languages (not a longitude!).

A field that is wrong is left empty and named in ``problems``; only a text that is not an AML message at all
raises ``MessageError`` (code ``aml.bad_message``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from callcenter.errors import MessageError

HEADER = 'A"ML='
MAX_MESSAGE_CHARS = 2000
"""A concatenated SMS holds at most a few hundred characters; longer text is not a location message."""
METHODS_V1 = {"G": "gnss", "W": "wifi", "C": "cell", "N": "none"}
METHODS_V2 = {"G": "gnss", "W": "wifi", "C": "cell", "F": "fused", "U": "unknown"}
UNKNOWN_FIX_TIME = -9999
"""Version 2 writes this in ``lt`` when it does not know when the fix was taken."""

_DEGREES = re.compile(r"^[+-]?\d{1,3}(?:\.\d{1,12})?$")
_NUMBER = re.compile(r"^[+-]?\d{1,7}(?:\.\d{1,6})?$")
_DIGITS = re.compile(r"^\d+$")
_TOP = re.compile(r"^\d{14}$")


@dataclass(frozen=True, slots=True)
class AmlMessage:
    version: int
    raw: str
    latitude: float | None = None
    longitude: float | None = None
    radius_m: float | None = None
    """Horizontal accuracy in metres; None when the handset had no fix or did not know."""
    positioned_at: datetime | None = None
    confidence: int | None = None
    """Per cent."""
    method: str | None = None
    """gnss, wifi, cell, fused, unknown or none."""
    imsi: str | None = None
    imei: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    declared_length: int | None = None
    length_ok: bool | None = None
    """Whether ``ml`` matches the message's length (None when there is no ``ml``)."""
    emergency_number: str | None = None
    call_started_at: datetime | None = None
    altitude_m: float | None = None
    vertical_accuracy_m: float | None = None
    home_mcc: str | None = None
    home_mnc: str | None = None
    languages: str | None = None
    device_number: str | None = None
    """The caller's number when the message itself carries it (the HTTPS transport does)."""
    extra: dict[str, str] = field(default_factory=dict)
    """Fields this program does not interpret, kept as sent."""
    problems: tuple[str, ...] = ()

    @property
    def has_fix(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def looks_like_aml(text: str | None) -> bool:
    return bool(text) and text is not None and text.lstrip().upper().startswith(HEADER)


def parse_aml(text: str) -> AmlMessage:
    """Parse an AML SMS text (version 1 or 2)."""
    if not isinstance(text, str):
        raise MessageError("an AML message is text", code="aml.bad_message", reason="not text")
    raw = text.strip().strip("\x00")
    if len(raw) > MAX_MESSAGE_CHARS:
        raise MessageError(f"the message is {len(raw)} characters long, far more than an AML message",
                           code="aml.bad_message", reason="too long")
    if not raw.upper().startswith(HEADER):
        raise MessageError('not an AML message: it does not start with A"ML=', code="aml.bad_message",
                           reason="no header")
    pairs, problems = _pairs(raw)
    version_text = pairs.pop('A"ML', "")
    if version_text == "1":
        return _version1(raw, pairs, problems)
    if version_text == "2":
        return _version2(raw, pairs, problems)
    raise MessageError(f"AML version {version_text[:10]!r} is not one this program reads (1 or 2)",
                       code="aml.bad_message", reason="unknown version", version=version_text[:10])


def _pairs(raw: str) -> tuple[dict[str, str], list[str]]:
    pairs: dict[str, str] = {}
    problems: list[str] = []
    for item in raw.rstrip(";").split(";"):
        key, sep, value = item.partition("=")
        key = key.strip()
        key = 'A"ML' if key.upper() == 'A"ML' else key.lower()
        if not sep or not key:
            if item.strip():
                problems.append(f"unreadable field {item[:20]!r}")
            continue
        if key in pairs:
            problems.append(f"{key} appears twice; the first is used")
            continue
        pairs[key] = value.strip()
    return pairs, problems


def _degrees(value: str | None, limit: float, name: str, problems: list[str]) -> float | None:
    if value is None or value == "":
        return None
    if not _DEGREES.match(value):
        problems.append(f"{name}={value[:20]!r} is not a number of degrees")
        return None
    number = float(value)
    if abs(number) > limit:
        problems.append(f"{name}={value[:20]!r} is out of range")
        return None
    return number


def _metres(value: str | None, name: str, problems: list[str], *, allow_negative: bool = False) -> float | None:
    if value is None or value == "" or value.upper() == "N":
        return None
    if not _NUMBER.match(value) or (value.startswith("-") and not allow_negative):
        problems.append(f"{name}={value[:20]!r} is not a distance in metres")
        return None
    return float(value)


def _percent(value: str | None, name: str, problems: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if not _NUMBER.match(value):
        problems.append(f"{name}={value[:20]!r} is not a percentage")
        return None
    number = round(float(value))
    if not 0 <= number <= 100:
        problems.append(f"{name}={value[:20]!r} is not between 0 and 100")
        return None
    return number


def _digits(value: str | None, name: str, problems: list[str], lengths: tuple[int, ...] = ()) -> str | None:
    if value is None or value == "":
        return None
    if not _DIGITS.match(value) or (lengths and len(value) not in lengths):
        wanted = f" of {' or '.join(str(n) for n in lengths)} digits" if lengths else ""
        problems.append(f"{name}={value[:24]!r} is not a number{wanted}")
        return None
    return value


def _top(value: str | None, problems: list[str]) -> datetime | None:
    if value is None or value == "":
        return None
    if _TOP.match(value):
        try:
            return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    problems.append(f"top={value[:20]!r} is not a time yyyyMMddHHmmss")
    return None


def _epoch(value: str | None, name: str, problems: list[str]) -> datetime | None:
    if value is None or value == "":
        return None
    if _DIGITS.match(value) and len(value) <= 11:
        return datetime.fromtimestamp(int(value), UTC)
    problems.append(f"{name}={value[:20]!r} is not a time in seconds")
    return None


def _version1(raw: str, pairs: dict[str, str], problems: list[str]) -> AmlMessage:
    lat = _degrees(pairs.pop("lt", None), 90, "lt", problems)
    lon = _degrees(pairs.pop("lg", None), 180, "lg", problems)
    radius = _metres(pairs.pop("rd", None), "rd", problems)
    method_code = pairs.pop("pm", "").upper()
    method = METHODS_V1.get(method_code)
    if method_code and method is None:
        problems.append(f"pm={method_code[:5]!r} is not G, W, C or N")
    # No fix: the handset says so with pm=N (and rd=N, and a point at 0,0 that must never reach a map).
    if method == "none" or (radius is None and lat == 0 and lon == 0):
        lat = lon = radius = None
    if lat is None or lon is None:
        lat = lon = radius = None
    declared = pairs.pop("ml", None)
    declared_length = None
    length_ok = None
    if declared is not None:
        if _DIGITS.match(declared) and len(declared) <= 4:
            declared_length = int(declared)
            length_ok = declared_length == len(raw)
        else:
            problems.append(f"ml={declared[:10]!r} is not a length")
    return AmlMessage(
        version=1, raw=raw, latitude=lat, longitude=lon, radius_m=radius,
        positioned_at=_top(pairs.pop("top", None), problems),
        confidence=_percent(pairs.pop("lc", None), "lc", problems), method=method,
        imsi=_digits(pairs.pop("si", None), "si", problems),
        imei=_digits(pairs.pop("ei", None), "ei", problems, (15, 16)),
        mcc=_digits(pairs.pop("mcc", None), "mcc", problems, (3,)),
        mnc=_digits(pairs.pop("mnc", None), "mnc", problems, (2, 3)),
        declared_length=declared_length, length_ok=length_ok, extra=_extra(pairs), problems=tuple(problems),
    )


def _version2(raw: str, pairs: dict[str, str], problems: list[str]) -> AmlMessage:
    lat = lon = radius = None
    location = pairs.pop("lo", None)
    if location:
        parts = [part.strip() for part in location.split(",")]
        if len(parts) >= 2:
            lat = _degrees(parts[0], 90, "lo latitude", problems)
            lon = _degrees(parts[1], 180, "lo longitude", problems)
            radius = _metres(parts[2], "lo accuracy", problems) if len(parts) > 2 else None
            if radius == 0:
                radius = None  # accuracy 0 means unknown
        else:
            problems.append(f"lo={location[:30]!r} is not latitude,longitude,accuracy")
    if lat is None or lon is None:
        lat = lon = radius = None
    started = _epoch(pairs.pop("et", None), "et", problems)
    offset = pairs.pop("lt", None)
    positioned = None
    if offset and started is not None and lat is not None:
        if re.match(r"^-?\d{1,6}$", offset) and int(offset) > UNKNOWN_FIX_TIME:
            positioned = started + timedelta(seconds=int(offset))
        elif not re.match(r"^-?\d{1,6}$", offset):
            problems.append(f"lt={offset[:12]!r} is not a number of seconds")
    altitude = vertical = None
    height = pairs.pop("lz", None)
    if height:
        parts = [part.strip() for part in height.split(",")]
        altitude = _metres(parts[0], "lz altitude", problems, allow_negative=True)
        vertical = _metres(parts[1], "lz accuracy", problems) if len(parts) > 1 else None
        if vertical == 0:
            vertical = None
    source = pairs.pop("ls", "").upper()
    method = METHODS_V2.get(source) if lat is not None else "none"
    if source and source not in METHODS_V2:
        problems.append(f"ls={source[:5]!r} is not W, G, C, F or U")
    network = _digits(pairs.pop("nc", None), "nc", problems, (5, 6))
    home = _digits(pairs.pop("hc", None), "hc", problems, (5, 6))
    return AmlMessage(
        version=2, raw=raw, latitude=lat, longitude=lon, radius_m=radius, positioned_at=positioned,
        confidence=_percent(pairs.pop("lc", None), "lc", problems), method=method,
        imei=_digits(pairs.pop("ei", None), "ei", problems, (15, 16)),
        mcc=network[:3] if network else None, mnc=network[3:] if network else None,
        emergency_number=(pairs.pop("en", "") or None), call_started_at=started, altitude_m=altitude,
        vertical_accuracy_m=vertical, home_mcc=home[:3] if home else None, home_mnc=home[3:] if home else None,
        languages=(pairs.pop("lg", "") or None), extra=_extra(pairs), problems=tuple(problems),
    )


def _extra(pairs: dict[str, str]) -> dict[str, str]:
    return {key[:40]: value[:200] for key, value in list(pairs.items())[:20]}
