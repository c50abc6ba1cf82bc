"""What a forwarded incident says: the facts snapshot stored with each outbox message, and the WhatsApp and
e-mail texts built from it (Indonesian: the agencies read Indonesian)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from callcenter import phone
from callcenter.clock import to_wib
from callcenter.db.enums import priority_words
from callcenter.geo.coordinates import format_decimal, maps_link

MAX_DESCRIPTION_IN_MESSAGE = 1500  # a wa.me link and a phone screen both need a bounded text

UNIT_TYPE_NAMES: dict[str, tuple[str, str]] = {
    # The stored value (the admin's list; EIDO maps it too) -> how it reads in Indonesian and in English.
    "ambulans": ("ambulans", "ambulance"),
    "mobil damkar": ("mobil damkar", "fire engine"),
    "rescue": ("penyelamatan", "rescue"),
    "patroli": ("patroli", "patrol car"),
    "perahu karet": ("perahu karet", "rubber boat"),
    "derek": ("derek", "tow truck"),
    "tangki air": ("tangki air", "water tanker"),
    "motor": ("motor", "motorcycle"),
}


def unit_type_name(value: str | None, language: str = "id") -> str:
    """A unit type as people read it ('rescue' is 'penyelamatan' in Indonesian); a type an admin typed that is
    not in the list is shown as typed."""
    if not value:
        return ""
    names = UNIT_TYPE_NAMES.get(value)
    if names is None:
        return value
    return names[1] if language == "en" else names[0]
MAX_ANSWER_IN_MESSAGE = 300
PRIORITY_WORDS = {"P1": "P1 (sangat darurat)", "P2": "P2 (darurat)", "P3": "P3 (tidak mendesak)",
                  "P4": "P4 (informasi)"}


@dataclass(frozen=True, slots=True)
class DispatchFacts:
    """A snapshot of what the agency is told, taken when the operator forwards (stored in the outbox row, so a
    message sent later still says what was forwarded, and a slip can be re-printed from the row alone)."""

    incident_number: str
    category: str
    category_code: str
    priority: str
    kecamatan: str | None
    desa: str | None
    address: str | None
    landmark: str | None
    latitude: float | None
    longitude: float | None
    description: str
    reporter_name: str | None
    callback_number: str | None
    agency: str
    agency_short: str
    unit: str | None
    unit_type: str | None
    operator: str
    created_at: str
    """ISO 8601 UTC: when the incident was logged."""
    dispatched_at: str
    """ISO 8601 UTC: when it was forwarded."""
    centre: str = "Call Center 112 Kabupaten Purwakarta"
    desa_code: str | None = None
    """Kemendagri code of the desa (the slip's locator map); None in snapshots taken before it was recorded."""
    kecamatan_code: str | None = None
    answers: tuple[tuple[str, str], ...] = ()
    """The category's questions and the caller's answers (question, answer), as asked."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DispatchFacts:
        names = set(cls.__dataclass_fields__)
        values = {key: value for key, value in data.items() if key in names}
        values["answers"] = tuple((str(pair[0]), str(pair[1])) for pair in values.get("answers") or ()
                                  if isinstance(pair, list | tuple) and len(pair) == 2)
        return cls(**values)

    def location_line(self) -> str:
        parts = [self.address, f"Desa/Kel. {self.desa}" if self.desa else None,
                 f"Kec. {self.kecamatan}" if self.kecamatan else None]
        return ", ".join(part for part in parts if part) or "-"

    def callback_display(self) -> str:
        if not self.callback_number:
            return "-"
        return phone.national(self.callback_number) or self.callback_number

    def coordinates(self) -> str | None:
        if self.latitude is None or self.longitude is None:
            return None
        return format_decimal(self.latitude, self.longitude)

    def map_link(self) -> str | None:
        """A link a field officer's phone opens in its map app; None without coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        return maps_link(self.latitude, self.longitude)


def wib_text(iso_utc: str) -> str:
    moment = datetime.fromisoformat(iso_utc)
    return to_wib(moment).strftime("%d/%m/%Y %H:%M WIB")


def shorten(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def whatsapp_text(facts: DispatchFacts) -> str:
    target = facts.agency_short + (f" — unit {facts.unit}" if facts.unit else "")
    if facts.unit and facts.unit_type:
        target += f" ({unit_type_name(facts.unit_type)})"
    lines = [
        f"*{facts.centre.upper()}*",
        f"Permintaan penanganan kejadian *{facts.incident_number}*",
        "",
        f"Kategori: {facts.category}",
        f"Prioritas: {priority_words(facts.priority)}",
        f"Lokasi: {facts.location_line()}",
    ]
    if facts.landmark:
        lines.append(f"Patokan: {facts.landmark}")
    if facts.coordinates():
        lines.append(f"Koordinat: {facts.coordinates()}")
        lines.append(f"Peta: {facts.map_link()}")
    lines.append(f"Keterangan: {shorten(facts.description, MAX_DESCRIPTION_IN_MESSAGE)}")
    lines += [f"- {question} {shorten(answer, MAX_ANSWER_IN_MESSAGE)}" for question, answer in facts.answers]
    lines += [
        f"Pelapor: {facts.reporter_name or '-'}, telp. {facts.callback_display()}",
        "",
        f"Ditujukan kepada: {target}",
        f"Operator: {facts.operator}, {wib_text(facts.dispatched_at)}",
        "Mohon konfirmasi penerimaan dan perkembangan penanganan ke Call Center 112.",
    ]
    return "\n".join(lines)


def whatsapp_number(raw: str | None) -> str | None:
    """International digits as wa.me wants them (628123456789), or None for an empty or invalid number."""
    if not raw:
        return None
    e164 = phone.to_e164(raw)
    return e164.lstrip("+") if e164 else None


def whatsapp_link(number: str | None, text: str) -> str:
    """``https://wa.me/<digits>?text=...``; without a number WhatsApp lets the operator pick the chat."""
    digits = whatsapp_number(number) if number else None
    return f"https://wa.me/{digits or ''}?text={quote(text, safe='')}"


def email_subject(facts: DispatchFacts) -> str:
    unit = f" / {facts.unit}" if facts.unit else ""
    return f"[112 Purwakarta] {facts.priority} {facts.category} — {facts.incident_number}{unit}"


def email_body(facts: DispatchFacts) -> str:
    return whatsapp_text(facts).replace("*", "") + (
        "\n\n--\nPesan ini dikirim otomatis oleh Konsol 112. Slip penugasan terlampir (PDF).")
