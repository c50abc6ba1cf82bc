"""The vocabulary of dispatch, shared by the dispatch and agency admin services, the outbox and the console:
the status rules (what may follow what; what the incident and a unit become), the words on the timeline, the
records the services hand out, and the checks on what an admin types. Plain Python: no session, no queries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from callcenter import phone
from callcenter.db.enums import DeliveryChannel, DispatchStatus, IncidentStatus, OutboxState, UnitStatus
from callcenter.errors import ConflictError
from callcenter.services.dispatch_messages import UNIT_TYPE_NAMES

STATUS_WORDS = {  # the words on the timeline (Indonesian: the record is read by Indonesian staff)
    DispatchStatus.NOTIFIED: "diberitahu",
    DispatchStatus.ACKNOWLEDGED: "diterima",
    DispatchStatus.EN_ROUTE: "menuju lokasi",
    DispatchStatus.ON_SCENE: "tiba di lokasi",
    DispatchStatus.CLEARED: "selesai",
    DispatchStatus.CANCELLED: "dibatalkan",
}
INCIDENT_WORDS = {
    IncidentStatus.OPEN: "terbuka (perlu diteruskan)",
    IncidentStatus.DISPATCHED: "diteruskan",
    IncidentStatus.IN_PROGRESS: "sedang ditangani",
    IncidentStatus.RESOLVED: "selesai ditangani (menunggu ditutup)",
    IncidentStatus.CLOSED: "ditutup",
}
CHANNEL_WORDS = {DeliveryChannel.PRINT: "slip cetak", DeliveryChannel.WHATSAPP: "WhatsApp",
                 DeliveryChannel.EMAIL: "e-mail", DeliveryChannel.WEBHOOK: "webhook"}
PROGRESS = (DispatchStatus.NOTIFIED, DispatchStatus.ACKNOWLEDGED, DispatchStatus.EN_ROUTE, DispatchStatus.ON_SCENE,
            DispatchStatus.CLEARED)
FINAL = frozenset({DispatchStatus.CLEARED, DispatchStatus.CANCELLED})
ACTIVE = tuple(status for status in DispatchStatus if status not in FINAL)
WORKING = frozenset({DispatchStatus.ACKNOWLEDGED, DispatchStatus.EN_ROUTE, DispatchStatus.ON_SCENE})
UNIT_FOR_DISPATCH = {
    DispatchStatus.NOTIFIED: UnitStatus.DISPATCHED,
    DispatchStatus.ACKNOWLEDGED: UnitStatus.DISPATCHED,
    DispatchStatus.EN_ROUTE: UnitStatus.EN_ROUTE,
    DispatchStatus.ON_SCENE: UnitStatus.ON_SCENE,
}
UNIT_TYPES = tuple(UNIT_TYPE_NAMES)
AGENCY_KINDS = ("pemadam_kebakaran", "penanggulangan_bencana", "kesehatan", "rumah_sakit", "kepolisian", "tni",
                "ketertiban", "perhubungan", "air_minum", "listrik", "sar", "lainnya")
AUTOMATIC_CHANNELS = (DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK)
"""Sent by the outbox worker; print and WhatsApp are completed by the operator at the desk."""
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


# -- validation of what an admin types ---------------------------------------------------------------------------

def check_email(value: str | None) -> str | None:
    """A normalised e-mail address, None for empty; ValueError with the reason for anything else."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > 200:
        raise ValueError("an e-mail address has at most 200 characters")
    local, _, domain = text.rpartition("@")
    if not _EMAIL.match(text) or len(local) > 64 or ".." in text:
        raise ValueError(f"{text!r} is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id)")
    return f"{local}@{domain.lower()}"


def check_url(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > 500:
        raise ValueError("a web address has at most 500 characters")
    if any(ch.isspace() for ch in text):
        raise ValueError("a web address cannot contain spaces")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("the web address must start with http:// or https://")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port in the web address is not a number between 1 and 65535") from None
    if not parts.hostname or port == 0:
        raise ValueError("the web address has no server name (e.g. https://server.example/112)")
    return text


def check_whatsapp(value: str | None) -> str | None:
    """International digits (6281234567890) of an Indonesian number, as wa.me links need them."""
    text = (value or "").strip()
    if not text:
        return None
    info = phone.describe(text)
    if not info.valid or not info.e164:
        raise ValueError(f"{text!r} is not a valid telephone number (e.g. 0812-3456-7890)")
    if not info.e164.startswith("+62"):
        raise ValueError("WhatsApp numbers must be Indonesian (+62)")
    return info.e164.lstrip("+")


def check_phone(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    info = phone.describe(text)
    if info.emergency:
        return info.national
    if not info.valid:
        raise ValueError(f"{text!r} is not a valid telephone number (e.g. (0264) 200113)")
    return info.national


# -- what the dispatch service hands out ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgencyOption:
    id: int
    code: str
    short_name: str
    name: str
    kind: str
    default: bool
    whatsapp: str | None
    email: str | None
    webhook_url: str | None


@dataclass(frozen=True, slots=True)
class UnitOption:
    id: int
    call_sign: str
    unit_type: str
    agency_id: int
    agency_short: str
    status: UnitStatus
    incident_number: str | None
    distance_km: float | None
    home: str | None
    suggested: bool = False


@dataclass(frozen=True, slots=True)
class Suggestions:
    incident_id: int
    incident_number: str
    category_code: str
    category_name: str
    priority: str
    location: str
    agencies: list[AgencyOption]
    units: list[UnitOption]
    """Units of every active agency: the defaults' first, then available before busy, nearest first."""

    @property
    def default_agency_ids(self) -> list[int]:
        return [agency.id for agency in self.agencies if agency.default]

    @property
    def suggested_unit_ids(self) -> list[int]:
        return [unit.id for unit in self.units if unit.suggested]


@dataclass(frozen=True, slots=True)
class DispatchEventView:
    status: DispatchStatus
    at: datetime
    operator: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DeliveryView:
    id: int
    dispatch_id: int | None
    channel: DeliveryChannel
    target: str
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    """One outbox message with what it is about, for the deliveries board."""

    delivery: DeliveryView
    incident_id: int | None
    incident_number: str | None
    agency_short: str | None
    unit_call_sign: str | None


@dataclass(frozen=True, slots=True)
class DispatchView:
    id: int
    incident_id: int
    incident_number: str
    agency_id: int
    agency_short: str
    unit_id: int | None
    unit_call_sign: str | None
    status: DispatchStatus
    created_at: datetime
    updated_at: datetime
    channels: list[str]
    events: list[DispatchEventView] = field(default_factory=list)
    deliveries: list[DeliveryView] = field(default_factory=list)

    @property
    def next_statuses(self) -> list[DispatchStatus]:
        return allowed_next(self.status)


@dataclass(frozen=True, slots=True)
class UnitBoardRow:
    unit_id: int
    call_sign: str
    unit_type: str
    agency_id: int
    agency_short: str
    status: UnitStatus
    status_since: datetime
    incident_id: int | None
    incident_number: str | None
    home: str | None
    active: bool


class UnitBusy(ConflictError):
    """Some chosen units are already on an incident or out of service; forward again with confirm_busy=True."""

    def __init__(self, units: list[UnitOption]) -> None:
        names = ", ".join(f"{unit.call_sign} ({unit.status}" + (f", {unit.incident_number})" if unit.incident_number
                                                                 else ")") for unit in units)
        super().__init__(f"units already busy: {names}", entity="unit", entity_id=[unit.id for unit in units])
        self.units = units


def allowed_next(status: DispatchStatus) -> list[DispatchStatus]:
    if status in FINAL:
        return []
    later = list(PROGRESS[PROGRESS.index(status) + 1:])
    if status is DispatchStatus.NOTIFIED:
        later.remove(DispatchStatus.CLEARED)  # finished before anyone even acknowledged: record "acknowledged"
    return [*later, DispatchStatus.CANCELLED]


def transition_problem(old: DispatchStatus, new: DispatchStatus) -> tuple[str, str]:
    """Why a dispatch cannot go from ``old`` to ``new``: the English message and the error code."""
    if old is new:
        return f"the dispatch is already {STATUS_WORDS[old]}", "dispatch.already_there"
    if old in FINAL:
        return f"the dispatch is already {STATUS_WORDS[old]}; it cannot change any more", "dispatch.final"
    if old is DispatchStatus.NOTIFIED and new is DispatchStatus.CLEARED:
        return "record 'diterima' (acknowledged) before 'selesai' (cleared)", "dispatch.acknowledge_first"
    return f"a dispatch cannot go back from {STATUS_WORDS[old]} to {STATUS_WORDS[new]}", "dispatch.backwards"


def incident_status_for(statuses: Sequence[DispatchStatus]) -> IncidentStatus:
    """What an incident (not closed) becomes from the statuses of all its dispatches."""
    if not statuses:
        return IncidentStatus.OPEN
    if any(status in WORKING for status in statuses):
        return IncidentStatus.IN_PROGRESS
    if any(status is DispatchStatus.NOTIFIED for status in statuses):
        return IncidentStatus.DISPATCHED
    if any(status is DispatchStatus.CLEARED for status in statuses):
        return IncidentStatus.RESOLVED
    return IncidentStatus.OPEN  # every forward was cancelled: the incident needs a new one


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): good enough to rank units within a kabupaten."""
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
