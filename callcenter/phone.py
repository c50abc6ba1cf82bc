"""Telephone numbers as a 112 operator needs them: E.164, national format, type, carrier and area.

Numbers are interpreted for region ID (Indonesia). Nothing here raises on input: garbage is described as
``valid=False`` with the raw text kept, because the raw string is evidence and must never be lost.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, carrier, geocoder, shortnumberinfo

REGION = "ID"
# phonenumbers knows 110/112/113/118/119 as emergency numbers; 115 (Basarnas) is one in Indonesia too.
EMERGENCY_SHORT_CODES = frozenset({"110", "112", "113", "115", "118", "119"})
MAX_INPUT = 64  # longer input is not a phone number; refusing it early keeps the parser cheap

_TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}
_DIALABLE = re.compile(r"[^0-9+]")


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    raw: str
    e164: str | None
    national: str | None
    type: str
    """mobile, fixed_line, ..., emergency, or unknown."""
    carrier: str | None
    area: str | None
    valid: bool
    emergency: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def digits_only(raw: str) -> str:
    """Digits and '+' only, as caller-ID numbers are stored."""
    return _DIALABLE.sub("", raw)


@lru_cache(maxsize=4096)
def describe(raw: str) -> PhoneInfo:
    """Describe any string; never raises."""
    text = raw.strip() if isinstance(raw, str) else ""
    dialable = digits_only(text)
    if dialable in EMERGENCY_SHORT_CODES or (
        0 < len(dialable) <= 6 and _is_emergency(dialable)
    ):
        return PhoneInfo(raw, None, dialable, "emergency", None, None, False, True)
    if not dialable or len(text) > MAX_INPUT:
        return PhoneInfo(raw, None, None, "unknown", None, None, False, False)
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return PhoneInfo(raw, None, None, "unknown", None, None, False, False)
    valid = phonenumbers.is_valid_number(number)
    if not valid:
        return PhoneInfo(raw, None, None, "unknown", None, None, False, False)
    kind = _TYPE_NAMES.get(phonenumbers.number_type(number), "unknown")
    carrier_name = carrier.name_for_number(number, "en") or None
    area = None
    if kind in ("fixed_line", "fixed_line_or_mobile"):
        # For mobiles the geocoder only says "Indonesia", which tells an operator nothing.
        area = geocoder.description_for_number(number, "en") or None
    return PhoneInfo(
        raw=raw,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        national=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        type=kind,
        carrier=carrier_name,
        area=area,
        valid=True,
        emergency=False,
    )


def _is_emergency(dialable: str) -> bool:
    try:
        return bool(shortnumberinfo.is_emergency_number(dialable, REGION))
    except Exception:  # a library surprise must not take intake down; treat as not emergency
        return False


def to_e164(raw: str | None) -> str | None:
    """E.164 for a valid number, otherwise None; never raises."""
    if not raw:
        return None
    return describe(raw).e164


def national(e164_or_raw: str | None) -> str | None:
    """Display form: national format for a valid number, the raw text otherwise."""
    if not e164_or_raw:
        return None
    info = describe(e164_or_raw)
    return info.national or e164_or_raw


def summary(info: PhoneInfo) -> str | None:
    """One short label for the ringing banner: area for landlines, carrier for mobiles."""
    return info.area or info.carrier
