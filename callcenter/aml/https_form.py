"""The AML HTTPS transport's POST body (ETSI TS 103 625 clause on HTTPS; Google's ELS HTTPS specification).

The body is ``application/x-www-form-urlencoded`` key=value pairs: ``v``, ``emergency_number``, ``time`` (start
of the call, Unix milliseconds), ``location_latitude``, ``location_longitude``, ``location_time`` (ms),
``location_accuracy`` (m), ``location_source`` (gps, wifi, cell, unknown), ``location_confidence`` (0..1; some
networks send ``location_certainty`` in per cent), ``location_altitude``, ``location_vertical_accuracy``,
``device_number`` (the caller, E.164 at best), ``device_imei``, ``device_imsi``, ``cell_network_mcc``/``_mnc``,
``cell_home_mcc``/``_mnc``, ``device_languages`` and, on networks that sign the body, a trailing ``hmac``.

Every field is optional (a handset sends what it has); a body that is not form data, or that holds none of
these fields, raises ``MessageError`` (code ``aml.bad_post``).
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from hashlib import sha1
from urllib.parse import parse_qsl

from callcenter.aml.message import AmlMessage
from callcenter.errors import MessageError

SOURCES = {"gps": "gnss", "gnss": "gnss", "wifi": "wifi", "cell": "cell", "fused": "fused", "unknown": "unknown"}
_KNOWN = frozenset({
    "v", "emergency_number", "source", "thunderbird_version", "time", "location_latitude", "location_longitude",
    "location_time", "location_altitude", "location_altitude_msl", "location_floor", "location_source",
    "location_accuracy", "location_vertical_accuracy", "location_vertical_accuracy_msl", "location_confidence",
    "location_certainty", "location_bearing", "location_speed", "device_number", "device_model", "device_imsi",
    "device_imei", "device_iccid", "cell_home_mcc", "cell_home_mnc", "cell_network_mcc", "cell_network_mnc",
    "device_languages", "hmac", "gt_location_latitude", "gt_location_longitude", "device_os", "cell_carrier",
    "cell_id",
})
MAX_FIELDS = 100


def _bad(reason: str) -> MessageError:
    return MessageError(f"not an AML HTTPS message: {reason}", code="aml.bad_post", reason=reason)


def form_fields(body: bytes) -> dict[str, str]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad("the body is not UTF-8 text") from None
    try:
        pairs = parse_qsl(text.strip(), keep_blank_values=True, strict_parsing=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise _bad("the body is not form data (key=value&...)") from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key.strip().lower()[:60], value.strip()[:500])
    if not _KNOWN & fields.keys():
        raise _bad("the body has none of the AML fields")
    return fields


def signature_ok(body: bytes, secret: bytes) -> bool | None:
    """Check a trailing ``&hmac=<hex HMAC-SHA1 of everything before it>``; None when the body carries none."""
    marker = body.rfind(b"&hmac=")
    if marker < 0:
        return None
    given = body[marker + len(b"&hmac="):].strip().lower()
    expected = hmac.new(secret, body[:marker], sha1).hexdigest().encode("ascii")
    return hmac.compare_digest(given, expected)


def parse_https_body(body: bytes) -> AmlMessage:
    fields = form_fields(body)
    problems: list[str] = []

    def number(key: str, low: float, high: float) -> float | None:
        value = fields.pop(key, "")
        if not value:
            return None
        try:
            result = float(value)
        except ValueError:
            result = float("nan")
        if not low <= result <= high:  # also refuses nan and inf
            problems.append(f"{key}={value[:20]!r} is not a number between {low:g} and {high:g}")
            return None
        return result

    def millis(key: str) -> datetime | None:
        value = fields.pop(key, "")
        if not value:
            return None
        if value.isdigit() and len(value) <= 14:
            return datetime.fromtimestamp(int(value) / 1000, UTC)
        problems.append(f"{key}={value[:20]!r} is not a time in milliseconds")
        return None

    def text(key: str, limit: int = 40) -> str | None:
        value = fields.pop(key, "")
        return value[:limit] or None

    lat = number("location_latitude", -90, 90)
    lon = number("location_longitude", -180, 180)
    radius = number("location_accuracy", 0, 1e7) or None
    if lat is None or lon is None:
        lat = lon = radius = None
    confidence_fraction = number("location_confidence", 0, 1)
    certainty = number("location_certainty", 0, 100)
    confidence = round(confidence_fraction * 100) if confidence_fraction is not None else (
        round(certainty) if certainty is not None else None)
    source = (fields.pop("location_source", "") or "").lower()
    method = SOURCES.get(source) if source else None
    if source and method is None:
        problems.append(f"location_source={source[:20]!r} is not gps, wifi, cell or unknown")
    if lat is None:
        method = "none"
    version_text = fields.pop("v", "1")
    version = int(version_text) if version_text.isdigit() and len(version_text) <= 3 else 1
    fields.pop("hmac", None)
    network_mcc, network_mnc = text("cell_network_mcc", 3), text("cell_network_mnc", 3)
    return AmlMessage(
        version=version, raw=body.decode("utf-8")[:4000], latitude=lat, longitude=lon, radius_m=radius,
        positioned_at=millis("location_time"), confidence=confidence, method=method,
        imsi=text("device_imsi", 20), imei=text("device_imei", 20), mcc=network_mcc, mnc=network_mnc,
        emergency_number=text("emergency_number", 20), call_started_at=millis("time"),
        altitude_m=number("location_altitude", -1000, 100000),
        vertical_accuracy_m=number("location_vertical_accuracy", 0, 1e6),
        home_mcc=text("cell_home_mcc", 3), home_mnc=text("cell_home_mnc", 3),
        languages=text("device_languages", 100), device_number=text("device_number", 40),
        extra={key[:40]: value[:200] for key, value in list(fields.items())[:20]}, problems=tuple(problems),
    )
