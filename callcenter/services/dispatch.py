"""Dispatch: forward an incident to agencies and units, follow each forward through its status timeline, keep
the unit board and the incident status in step, and queue the deliveries in the durable outbox.

Rules an operator relies on:
- a unit that is already busy is never assigned (or its status changed) without an explicit confirmation;
- each dispatch moves forward only: notified -> acknowledged -> en route -> on scene -> cleared (steps may be
  skipped as the agency reports them), or is cancelled; cleared and cancelled are final;
- a unit follows its most recent open dispatch, and is available again when none is left;
- the incident follows its dispatches: in progress while any is acknowledged / en route / on scene,
  dispatched while all open ones are only notified, resolved when every one is finished and at least one was
  cleared, open again (to be forwarded anew) when every one was cancelled.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.db.enums import (
    AreaLevel,
    DeliveryChannel,
    DispatchStatus,
    IncidentStatus,
    OutboxState,
    Role,
    UnitStatus,
)
from callcenter.db.models import (
    Agency,
    Area,
    Category,
    Dispatch,
    DispatchEvent,
    Incident,
    Operator,
    OutboxMessage,
    Unit,
    category_agencies,
)
from callcenter.errors import ConflictError, NotFound, ValidationError
from callcenter.services.base import Actor, Service, add_timeline, audit, jsonable, record_change
from callcenter.services.dispatch_messages import (
    UNIT_TYPE_NAMES,
    DispatchFacts,
    email_body,
    email_subject,
    whatsapp_link,
    whatsapp_text,
)
from callcenter.services.questions import answers_of

STATUS_WORDS = {  # the words on the timeline (Indonesian: the record is read by Indonesian staff)
    DispatchStatus.NOTIFIED: "diberitahu",
    DispatchStatus.ACKNOWLEDGED: "diterima",
    DispatchStatus.EN_ROUTE: "menuju lokasi",
    DispatchStatus.ON_SCENE: "tiba di lokasi",
    DispatchStatus.CLEARED: "selesai",
    DispatchStatus.CANCELLED: "dibatalkan",
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
MAX_NOTE = 500
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_CALL_SIGN = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]{0,39}$")
_CODE = re.compile(r"^[a-z0-9_]{2,40}$")


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


# -- views ---------------------------------------------------------------------------------------------------------

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


@dataclass(frozen=True, slots=True)
class AgencyRecord:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    phone: str | None
    whatsapp: str | None
    email: str | None
    webhook_url: str | None
    active: bool
    category_ids: list[int]


@dataclass
class AgencyInput:
    code: str = ""
    name: str = ""
    short_name: str = ""
    kind: str = "lainnya"
    phone: str | None = None
    whatsapp: str | None = None
    email: str | None = None
    webhook_url: str | None = None
    active: bool = True
    category_ids: list[int] = field(default_factory=list)


@dataclass
class UnitInput:
    call_sign: str = ""
    unit_type: str = ""
    agency_id: int | None = None
    home_desa_code: str | None = None
    active: bool = True


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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): good enough to rank units within a kabupaten."""
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def _point(session: Session, latitude: float | None, longitude: float | None,
           desa_code: str | None, kecamatan_code: str | None = None) -> tuple[float, float] | None:
    if latitude is not None and longitude is not None:
        return latitude, longitude
    for code in (desa_code, kecamatan_code):
        if code:
            area = session.get(Area, code)
            if area is not None and area.latitude is not None and area.longitude is not None:
                return area.latitude, area.longitude
    if kecamatan_code:  # a kecamatan has no centroid of its own: average its desa
        row = session.execute(select(func.avg(Area.latitude), func.avg(Area.longitude))
                              .where(Area.parent_code == kecamatan_code)).one()
        if row[0] is not None:
            return float(row[0]), float(row[1])
    return None


def _incident_status(statuses: Sequence[DispatchStatus]) -> IncidentStatus:
    if not statuses:
        return IncidentStatus.OPEN
    if any(status in WORKING for status in statuses):
        return IncidentStatus.IN_PROGRESS
    if any(status is DispatchStatus.NOTIFIED for status in statuses):
        return IncidentStatus.DISPATCHED
    if any(status is DispatchStatus.CLEARED for status in statuses):
        return IncidentStatus.RESOLVED
    return IncidentStatus.OPEN  # every forward was cancelled: the incident needs a new one


class DispatchService(Service):
    # -- reading -------------------------------------------------------------------------------------------------

    def suggestions(self, incident_id: int) -> Suggestions:
        with self.db.read() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            category = session.get(Category, incident.category_id)
            assert category is not None
            defaults = set(session.scalars(select(category_agencies.c.agency_id)
                                           .where(category_agencies.c.category_id == category.id)))
            agencies = [AgencyOption(a.id, a.code, a.short_name, a.name, a.kind, a.id in defaults, a.whatsapp,
                                     a.email, a.webhook_url)
                        for a in session.scalars(select(Agency).where(Agency.active.is_(True)).order_by(Agency.id))]
            agencies.sort(key=lambda a: (not a.default,))
            here = _point(session, incident.latitude, incident.longitude, incident.desa_code,
                          incident.kecamatan_code)
            units = self._unit_options(session, here, {a.id: a for a in agencies})
            order = {a.id: index for index, a in enumerate(agencies)}
            units.sort(key=lambda u: (u.agency_id not in defaults, u.status is not UnitStatus.AVAILABLE,
                                      u.distance_km if u.distance_km is not None else math.inf,
                                      order.get(u.agency_id, 0), u.call_sign))
            suggested: list[UnitOption] = []
            taken: set[int] = set()
            for unit in units:  # the nearest available unit of each default agency
                if unit.agency_id in defaults and unit.agency_id not in taken and unit.status is UnitStatus.AVAILABLE:
                    taken.add(unit.agency_id)
                    suggested.append(unit)
            marked = [UnitOption(**{**_fields(u), "suggested": u in suggested}) for u in units]
            desa = session.get(Area, incident.desa_code) if incident.desa_code else None
            kecamatan = session.get(Area, incident.kecamatan_code) if incident.kecamatan_code else None
            location = ", ".join(p for p in (incident.address, desa.name if desa else None,
                                             f"Kec. {kecamatan.name}" if kecamatan else None) if p) or "-"
            return Suggestions(incident.id, incident.number, category.code, category.name_id, str(incident.priority),
                               location, agencies, marked)

    def _unit_options(self, session: Session, here: tuple[float, float] | None,
                      agencies: dict[int, AgencyOption]) -> list[UnitOption]:
        rows = session.execute(
            select(Unit, Incident.number, Area.name, Area.latitude, Area.longitude)
            .outerjoin(Incident, Incident.id == Unit.current_incident_id)
            .outerjoin(Area, Area.code == Unit.home_desa_code)
            .where(Unit.active.is_(True), Unit.agency_id.in_(list(agencies)))
        ).all()
        options = []
        for unit, number, home, area_lat, area_lon in rows:
            lat = unit.home_latitude if unit.home_latitude is not None else area_lat
            lon = unit.home_longitude if unit.home_longitude is not None else area_lon
            distance = distance_km(here[0], here[1], lat, lon) if here and lat is not None and lon is not None \
                else None
            options.append(UnitOption(unit.id, unit.call_sign, unit.unit_type, unit.agency_id,
                                      agencies[unit.agency_id].short_name, unit.status,
                                      number if unit.status is not UnitStatus.AVAILABLE else None,
                                      None if distance is None else round(distance, 1), home))
        return options

    def dispatches(self, incident_id: int) -> list[DispatchView]:
        with self.db.read() as session:
            ids = list(session.scalars(select(Dispatch.id).where(Dispatch.incident_id == incident_id)
                                       .order_by(Dispatch.id)))
            return [self._view(session, dispatch_id) for dispatch_id in ids]

    def get(self, dispatch_id: int) -> DispatchView:
        with self.db.read() as session:
            return self._view(session, dispatch_id)

    def _view(self, session: Session, dispatch_id: int) -> DispatchView:
        row = session.execute(
            select(Dispatch, Agency.short_name, Unit.call_sign, Incident.number)
            .join(Agency, Agency.id == Dispatch.agency_id).join(Incident, Incident.id == Dispatch.incident_id)
            .outerjoin(Unit, Unit.id == Dispatch.unit_id).where(Dispatch.id == dispatch_id)
        ).one_or_none()
        if row is None:
            raise NotFound("dispatch", dispatch_id)
        dispatch, agency_short, call_sign, number = row
        events = [DispatchEventView(status, at, username, note) for status, at, username, note in session.execute(
            select(DispatchEvent.status, DispatchEvent.at, Operator.username, DispatchEvent.note)
            .outerjoin(Operator, Operator.id == DispatchEvent.operator_id)
            .where(DispatchEvent.dispatch_id == dispatch_id).order_by(DispatchEvent.at, DispatchEvent.id))]
        deliveries = [_delivery(m) for m in session.scalars(
            select(OutboxMessage).where(OutboxMessage.dispatch_id == dispatch_id).order_by(OutboxMessage.id))]
        return DispatchView(dispatch.id, dispatch.incident_id, number, dispatch.agency_id, agency_short,
                            dispatch.unit_id, call_sign, dispatch.status, dispatch.created_at, dispatch.updated_at,
                            list(dispatch.channels or []), events, deliveries)

    def unit_board(self, *, include_inactive: bool = False) -> list[UnitBoardRow]:
        with self.db.read() as session:
            query = (select(Unit, Agency.short_name, Incident.number, Area.name)
                     .join(Agency, Agency.id == Unit.agency_id)
                     .outerjoin(Incident, Incident.id == Unit.current_incident_id)
                     .outerjoin(Area, Area.code == Unit.home_desa_code)
                     .order_by(Agency.id, Unit.call_sign))
            if not include_inactive:
                query = query.where(Unit.active.is_(True))
            return [UnitBoardRow(u.id, u.call_sign, u.unit_type, u.agency_id, short, u.status, u.status_since,
                                 u.current_incident_id if u.status is not UnitStatus.AVAILABLE else None,
                                 number if u.status is not UnitStatus.AVAILABLE else None, home, u.active)
                    for u, short, number, home in session.execute(query)]

    def deliveries(self, *, incident_id: int | None = None, states: Iterable[OutboxState] | None = None,
                   limit: int = 500) -> list[DeliveryView]:
        with self.db.read() as session:
            query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
            if incident_id is not None:
                query = query.join(Dispatch, Dispatch.id == OutboxMessage.dispatch_id).where(
                    Dispatch.incident_id == incident_id)
            if states is not None:
                query = query.where(OutboxMessage.state.in_(list(states)))
            return [_delivery(message) for message in session.scalars(query)]

    def delivery_board(self, *, unsent_only: bool = True, limit: int = 1000) -> list[DeliveryRow]:
        """Deliveries newest first (by default only those not yet sent), with incident and target."""
        with self.db.read() as session:
            query = (select(OutboxMessage, Incident.id, Incident.number, Agency.short_name, Unit.call_sign)
                     .outerjoin(Dispatch, Dispatch.id == OutboxMessage.dispatch_id)
                     .outerjoin(Incident, Incident.id == Dispatch.incident_id)
                     .outerjoin(Agency, Agency.id == Dispatch.agency_id)
                     .outerjoin(Unit, Unit.id == Dispatch.unit_id)
                     .order_by(OutboxMessage.id.desc()).limit(limit))
            if unsent_only:
                query = query.where(OutboxMessage.state != OutboxState.SENT)
            return [DeliveryRow(_delivery(message), incident_id, number, agency, unit)
                    for message, incident_id, number, agency, unit in session.execute(query)]

    def delivery_content(self, message_id: int) -> dict[str, Any]:
        """The stored payload of one delivery (the slip facts, the WhatsApp text and link, ...)."""
        with self.db.read() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None:
                raise NotFound("delivery", message_id)
            return dict(message.payload) | {"channel": str(message.channel), "target": message.target}

    # -- forwarding ----------------------------------------------------------------------------------------------

    def forward(self, actor: Actor, incident_id: int, agency_ids: Sequence[int], unit_ids: Sequence[int],
                channels: Sequence[DeliveryChannel | str], *, confirm_busy: bool = False,
                note: str | None = None) -> list[DispatchView]:
        """One dispatch per chosen unit, plus one per chosen agency none of whose units was chosen."""
        from callcenter.eido import build_document

        problems: dict[str, str] = {}
        try:
            chosen_channels = list(dict.fromkeys(DeliveryChannel(c) for c in channels))
        except ValueError:
            chosen_channels = []
            problems["channels"] = "unknown delivery channel"
        if not agency_ids and not unit_ids:
            problems["agencies"] = "choose at least one agency or unit"
        if note and len(note) > MAX_NOTE:
            problems["note"] = f"at most {MAX_NOTE} characters"
        if problems:
            raise ValidationError(problems)
        now = self.clock()
        self.require(actor, Role.OPERATOR, "forward incidents")
        with self.db.write() as session:
            incident = session.scalars(select(Incident).where(Incident.id == incident_id).with_for_update()).first()
            if incident is None:
                raise NotFound("incident", incident_id)
            if incident.status is IncidentStatus.CLOSED:
                raise ConflictError(f"incident {incident.number} is closed; reopen it before forwarding",
                                    entity="incident", entity_id=incident_id, code="incident.closed_no_forward",
                                    number=incident.number)
            # Lock the chosen units so two desks cannot both take the last free ambulance unnoticed.
            units = list(session.scalars(select(Unit).where(Unit.id.in_(list(unit_ids))).order_by(Unit.id)
                                         .with_for_update()))
            if len(units) != len(set(unit_ids)):
                raise NotFound("unit", sorted(set(unit_ids) - {u.id for u in units}))
            units.sort(key=lambda u: list(unit_ids).index(u.id))  # dispatches in the order the operator chose
            agencies = {a.id: a for a in session.scalars(select(Agency).where(
                Agency.id.in_(set(agency_ids) | {u.agency_id for u in units})))}
            if set(agency_ids) - set(agencies):
                raise NotFound("agency", sorted(set(agency_ids) - set(agencies)))
            inactive = [u.call_sign for u in units if not u.active] + [
                agencies[a].short_name for a in agency_ids if not agencies[a].active]
            if inactive:
                raise ValidationError({"agencies": "no longer in service: " + ", ".join(inactive)})
            busy = [u for u in units if u.status is not UnitStatus.AVAILABLE]
            if busy and not confirm_busy:
                numbers = dict(session.execute(select(Incident.id, Incident.number).where(
                    Incident.id.in_([u.current_incident_id for u in busy if u.current_incident_id]))).all())
                raise UnitBusy([UnitOption(u.id, u.call_sign, u.unit_type, u.agency_id,
                                           agencies[u.agency_id].short_name, u.status,
                                           numbers.get(u.current_incident_id or 0), None, None) for u in busy])
            targets: list[tuple[Agency, Unit | None]] = [(agencies[u.agency_id], u) for u in units]
            covered = {u.agency_id for u in units}
            targets += [(agencies[a], None) for a in dict.fromkeys(agency_ids) if a not in covered]
            missing = self._missing_addresses(chosen_channels, [agency for agency, _ in targets])
            if missing:
                raise ValidationError(missing)

            category = session.get(Category, incident.category_id)
            assert category is not None
            before_status = incident.status
            operator_name = actor.full_name or actor.username
            created: list[int] = []
            for agency, unit in targets:
                dispatch = Dispatch(incident_id=incident.id, agency_id=agency.id,
                                    unit_id=unit.id if unit else None, status=DispatchStatus.NOTIFIED,
                                    created_at=now, created_by_id=actor.id, updated_at=now,
                                    channels=[str(c) for c in chosen_channels])
                session.add(dispatch)
                session.flush()
                created.append(dispatch.id)
                session.add(DispatchEvent(dispatch_id=dispatch.id, status=DispatchStatus.NOTIFIED, at=now,
                                          operator_id=actor.id, note=(note or "").strip() or None))
                if unit is not None:
                    unit_before = {"status": unit.status, "current_incident_id": unit.current_incident_id}
                    unit.status = UnitStatus.DISPATCHED
                    unit.status_since = now
                    unit.current_incident_id = incident.id
                    audit(session, actor, "unit.assign", "unit", unit.id, now, before=unit_before,
                          after={"status": unit.status, "current_incident_id": incident.id},
                          detail="confirmed although busy" if unit in busy else None)
                    record_change(session, "unit", unit.id, "update", now)
                target_text = agency.short_name + (f" ({unit.call_sign})" if unit else "")
                via = ", ".join(CHANNEL_WORDS[c] for c in chosen_channels) or "telepon/radio"
                add_timeline(session, incident.id, actor, now, "dispatch",
                             f"Diteruskan ke {target_text} via {via}",
                             {"dispatch_id": dispatch.id, "status": DispatchStatus.NOTIFIED})
                audit(session, actor, "dispatch.create", "dispatch", dispatch.id, now,
                      after={"incident_id": incident.id, "agency": agency.code,
                             "unit": unit.call_sign if unit else None, "channels": chosen_channels})
                record_change(session, "dispatch", dispatch.id, "create", now)
            incident.first_dispatched_at = incident.first_dispatched_at or now
            self._follow_incident(session, actor, incident, now, before_status)
            session.flush()
            # One EIDO for the whole forward, built after every dispatch of it exists.
            document = build_document(session, incident.id) if DeliveryChannel.WEBHOOK in chosen_channels else None
            for dispatch_id, (agency, unit) in zip(created, targets, strict=True):
                facts = _facts(session, incident, category, agency, unit, operator_name, now)
                for channel in chosen_channels:
                    message = OutboxMessage(
                        dispatch_id=dispatch_id, channel=channel, target=_target(channel, agency),
                        payload=_payload(channel, facts, agency, document), state=OutboxState.PENDING,
                        attempts=0, next_attempt_at=now, created_at=now)
                    session.add(message)
                    session.flush()
                    record_change(session, "outbox", message.id, "create", now)
            return [self._view(session, dispatch_id) for dispatch_id in created]

    @staticmethod
    def _missing_addresses(channels: list[DeliveryChannel], agencies: list[Agency]) -> dict[str, str]:
        lacking = []
        for agency in dict.fromkeys(agencies):
            if DeliveryChannel.EMAIL in channels and not agency.email:
                lacking.append(f"{agency.short_name} has no e-mail address")
            if DeliveryChannel.WEBHOOK in channels and not agency.webhook_url:
                lacking.append(f"{agency.short_name} has no webhook address")
        return {"channels": "; ".join(lacking) + " (an admin enters it under Agencies)"} if lacking else {}

    # -- status timeline -----------------------------------------------------------------------------------------

    def update_status(self, actor: Actor, dispatch_id: int, status: DispatchStatus | str,
                      note: str | None = None) -> DispatchView:
        try:
            new = DispatchStatus(status)
        except ValueError:
            raise ValidationError({"status": f"unknown status {status!r}"}) from None
        note = (note or "").strip() or None
        if note and len(note) > MAX_NOTE:
            raise ValidationError({"note": f"at most {MAX_NOTE} characters (now {len(note)})"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "update dispatches")
        with self.db.write() as session:
            dispatch = session.scalars(select(Dispatch).where(Dispatch.id == dispatch_id).with_for_update()).first()
            if dispatch is None:
                raise NotFound("dispatch", dispatch_id)
            incident = session.scalars(select(Incident).where(Incident.id == dispatch.incident_id)
                                       .with_for_update()).one()
            before_status = incident.status
            self._apply_status(session, actor, dispatch, new, note, now)
            self._follow_incident(session, actor, incident, now, before_status)
            session.flush()
            return self._view(session, dispatch.id)

    def finish_open(self, actor: Actor, incident_id: int, note: str | None = None) -> list[DispatchView]:
        """Before closing an incident: clear every dispatch the agency took (diterima / menuju / tiba) and
        cancel those still only notified, in one transaction, freeing their units."""
        note = (note or "").strip() or None
        if note and len(note) > MAX_NOTE:
            raise ValidationError({"note": f"at most {MAX_NOTE} characters (now {len(note)})"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "update dispatches")
        with self.db.write() as session:
            incident = session.scalars(select(Incident).where(Incident.id == incident_id).with_for_update()).first()
            if incident is None:
                raise NotFound("incident", incident_id)
            before_status = incident.status
            open_dispatches = list(session.scalars(
                select(Dispatch).where(Dispatch.incident_id == incident_id, Dispatch.status.in_(ACTIVE))
                .order_by(Dispatch.id).with_for_update()))
            for dispatch in open_dispatches:
                target = DispatchStatus.CANCELLED if dispatch.status is DispatchStatus.NOTIFIED \
                    else DispatchStatus.CLEARED
                self._apply_status(session, actor, dispatch, target, note, now)
            if open_dispatches:
                self._follow_incident(session, actor, incident, now, before_status)
            session.flush()
            return [self._view(session, dispatch.id) for dispatch in open_dispatches]

    def _apply_status(self, session: Session, actor: Actor, dispatch: Dispatch, new: DispatchStatus,
                      note: str | None, now: datetime) -> None:
        """One step on one dispatch, with its event, timeline entry, audit, change feed and unit; the caller
        locks the incident and lets it follow afterwards."""
        old = dispatch.status
        if new not in allowed_next(old):
            message, code = _transition_problem(old, new)
            raise ConflictError(message, entity="dispatch", entity_id=dispatch.id, code=code, old=old, new=new)
        dispatch.status = new
        dispatch.updated_at = now
        for reached, column in ((DispatchStatus.ACKNOWLEDGED, "acknowledged_at"),
                                (DispatchStatus.EN_ROUTE, "en_route_at"),
                                (DispatchStatus.ON_SCENE, "on_scene_at"),
                                (DispatchStatus.CLEARED, "cleared_at")):
            if new is reached and getattr(dispatch, column) is None:
                setattr(dispatch, column, now)
        if new is not DispatchStatus.CANCELLED and dispatch.acknowledged_at is None:
            dispatch.acknowledged_at = now  # arriving or finishing implies the agency took it
        session.add(DispatchEvent(dispatch_id=dispatch.id, status=new, at=now, operator_id=actor.id, note=note))
        agency = session.get(Agency, dispatch.agency_id)
        assert agency is not None
        unit = session.scalars(select(Unit).where(Unit.id == dispatch.unit_id).with_for_update()).first() \
            if dispatch.unit_id else None
        who = agency.short_name + (f" ({unit.call_sign})" if unit else "")
        add_timeline(session, dispatch.incident_id, actor, now, "dispatch",
                     f"{who}: {STATUS_WORDS[new]}" + (f" — {note}" if note else ""),
                     {"dispatch_id": dispatch.id, "status": new, "from": old})
        audit(session, actor, "dispatch.status", "dispatch", dispatch.id, now, before={"status": old},
              after={"status": new}, detail=note)
        record_change(session, "dispatch", dispatch.id, "update", now)
        if unit is not None:
            self._follow_unit(session, actor, unit, now)

    @staticmethod
    def _follow_unit(session: Session, actor: Actor, unit: Unit, now: datetime) -> None:
        """The unit takes the status of its most recent open dispatch; with none left it is available."""
        session.flush()
        latest = session.execute(
            select(Dispatch.status, Dispatch.incident_id).where(Dispatch.unit_id == unit.id,
                                                                Dispatch.status.in_(ACTIVE))
            .order_by(Dispatch.created_at.desc(), Dispatch.id.desc()).limit(1)).first()
        status, incident_id = (UNIT_FOR_DISPATCH[latest[0]], latest[1]) if latest else (UnitStatus.AVAILABLE, None)
        if (status, incident_id) == (unit.status, unit.current_incident_id):
            return
        before = {"status": unit.status, "current_incident_id": unit.current_incident_id}
        unit.status = status
        unit.current_incident_id = incident_id
        unit.status_since = now
        audit(session, actor, "unit.status", "unit", unit.id, now, before=before,
              after={"status": status, "current_incident_id": incident_id})
        record_change(session, "unit", unit.id, "update", now)

    @staticmethod
    def _follow_incident(session: Session, actor: Actor, incident: Incident, now: datetime,
                         before: IncidentStatus) -> None:
        session.flush()
        statuses = list(session.scalars(select(Dispatch.status).where(Dispatch.incident_id == incident.id)))
        incident.updated_at = now
        incident.version += 1
        if incident.status is not IncidentStatus.CLOSED:
            incident.status = _incident_status(statuses)
        if incident.status is not before:
            add_timeline(session, incident.id, actor, now, "status",
                         f"Status kejadian: {INCIDENT_WORDS[incident.status]}",
                         {"from": before, "to": incident.status})
            audit(session, actor, "incident.status", "incident", incident.id, now, before={"status": before},
                  after={"status": incident.status})
        record_change(session, "incident", incident.id, "update", now)

    # -- deliveries the operator completes, and retries ----------------------------------------------------------

    def mark_delivered(self, actor: Actor, message_id: int, how: str = "") -> DeliveryView:
        """The operator printed the slip or sent the WhatsApp message by hand."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "record deliveries")
        with self.db.write() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None:
                raise NotFound("delivery", message_id)
            before = {"state": message.state}
            message.state = OutboxState.SENT
            message.sent_at = now
            message.attempts += 1
            message.last_error = None
            audit(session, actor, "outbox.delivered", "outbox", message.id, now, before=before,
                  after={"state": OutboxState.SENT}, detail=how[:200] or None)
            record_change(session, "outbox", message.id, "update", now)
            return _delivery(message)

    def mark_failed(self, actor: Actor, message_id: int, reason: str) -> DeliveryView:
        """The desk's part of a delivery did not happen (no browser for the WhatsApp link, the printer refused):
        recorded with the reason, so the deliveries list shows it and the operator can try again."""
        reason = reason.strip()[:500] or "the delivery did not happen"
        now = self.clock()
        self.require(actor, Role.OPERATOR, "record deliveries")
        with self.db.write() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None:
                raise NotFound("delivery", message_id)
            if message.state is OutboxState.SENT:
                raise ConflictError("this message was already sent", entity="outbox", entity_id=message_id,
                                    code="delivery.already_sent")
            before = {"state": message.state}
            message.state = OutboxState.FAILED
            message.attempts += 1
            message.last_error = reason
            audit(session, actor, "outbox.failed", "outbox", message.id, now, before=before,
                  after={"state": OutboxState.FAILED}, detail=reason)
            record_change(session, "outbox", message.id, "update", now)
            return _delivery(message)

    def retry(self, actor: Actor, message_id: int) -> DeliveryView:
        """Try again now (also after the worker gave up)."""
        now = self.clock()
        self.require(actor, Role.OPERATOR, "retry deliveries")
        with self.db.write() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None:
                raise NotFound("delivery", message_id)
            if message.state is OutboxState.SENT:
                raise ConflictError("this message was already sent", entity="outbox", entity_id=message_id,
                                    code="delivery.already_sent")
            before = {"state": message.state, "next_attempt_at": message.next_attempt_at}
            message.state = OutboxState.RETRYING if message.attempts else OutboxState.PENDING
            message.next_attempt_at = now
            audit(session, actor, "outbox.retry", "outbox", message.id, now, before=before,
                  after={"state": message.state})
            record_change(session, "outbox", message.id, "update", now)
            return _delivery(message)

    # -- admin: agencies and units ------------------------------------------------------------------------------

    def agencies(self, *, include_inactive: bool = True) -> list[AgencyRecord]:
        with self.db.read() as session:
            query = select(Agency).order_by(Agency.id)
            if not include_inactive:
                query = query.where(Agency.active.is_(True))
            links: dict[int, list[int]] = {}
            for category_id, agency_id in session.execute(select(category_agencies.c.category_id,
                                                                 category_agencies.c.agency_id)):
                links.setdefault(agency_id, []).append(category_id)
            return [_agency_record(a, sorted(links.get(a.id, []))) for a in session.scalars(query)]

    def categories(self) -> list[tuple[int, str, str]]:
        """(id, code, Indonesian name) of the active categories, for the agency form."""
        with self.db.read() as session:
            return [(c.id, c.code, c.name_id) for c in session.scalars(
                select(Category).where(Category.active.is_(True)).order_by(Category.sort_order))]

    def save_agency(self, actor: Actor, agency_id: int | None, data: AgencyInput) -> AgencyRecord:
        """Create (``agency_id`` None) or update an agency; every problem is reported at once, per field."""
        values, problems = _agency_values(data)
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage agencies")
        with self.db.write() as session:
            known_categories = set(session.scalars(select(Category.id)))
            if set(data.category_ids) - known_categories:
                problems["category_ids"] = "unknown category"
            clash = session.scalar(select(Agency.id).where(Agency.code == values["code"]))
            if clash is not None and clash != agency_id:
                problems["code"] = f"the code {values['code']!r} is already used by another agency"
            if problems:
                raise ValidationError(problems)
            if agency_id is None:
                agency = Agency(**values)
                session.add(agency)
                session.flush()
                before = None
                action = "create"
            else:
                found = session.get(Agency, agency_id)
                if found is None:
                    raise NotFound("agency", agency_id)
                agency = found
                before = {name: getattr(agency, name) for name in values}
                for name, value in values.items():
                    setattr(agency, name, value)
                action = "update"
            session.execute(category_agencies.delete().where(category_agencies.c.agency_id == agency.id))
            for category_id in dict.fromkeys(data.category_ids):
                session.execute(category_agencies.insert().values(category_id=category_id, agency_id=agency.id))
            audit(session, actor, f"agency.{action}", "agency", agency.id, now, before=before,
                  after=values | {"category_ids": list(data.category_ids)})
            record_change(session, "agency", agency.id, action, now)
            session.flush()
            return _agency_record(agency, sorted(set(data.category_ids)))

    def units(self, *, include_inactive: bool = True) -> list[UnitBoardRow]:
        return self.unit_board(include_inactive=include_inactive)

    def home_areas(self) -> list[tuple[str, str]]:
        """(code, "Desa, Kec. Kecamatan") for every desa/kelurahan, for the unit form's home base."""
        with self.db.read() as session:
            kecamatan = dict(session.execute(select(Area.code, Area.name)
                                             .where(Area.level == AreaLevel.KECAMATAN)).all())
            rows = session.execute(select(Area.code, Area.name, Area.parent_code)
                                   .where(Area.parent_code.in_(list(kecamatan))).order_by(Area.name)).all()
        return [(code, f"{name}, Kec. {kecamatan.get(parent or '', '')}") for code, name, parent in rows]

    def unit_home(self, unit_id: int) -> str | None:
        with self.db.read() as session:
            unit = session.get(Unit, unit_id)
            if unit is None:
                raise NotFound("unit", unit_id)
            return unit.home_desa_code

    def save_unit(self, actor: Actor, unit_id: int | None, data: UnitInput) -> UnitBoardRow:
        call_sign = " ".join(data.call_sign.split()).upper()
        unit_type = " ".join(data.unit_type.split()).lower()
        problems: dict[str, str] = {}
        if not _CALL_SIGN.match(call_sign):
            problems["call_sign"] = "a call sign of letters, digits, '-', '/' or '.' (at most 40), e.g. DAMKAR-04"
        if not unit_type or len(unit_type) > 40:
            problems["unit_type"] = "choose the unit type (ambulans, mobil damkar, rescue, patroli, ...)"
        if data.agency_id is None:
            problems["agency_id"] = "choose the agency the unit belongs to"
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage units")
        with self.db.write() as session:
            if data.agency_id is not None and session.get(Agency, data.agency_id) is None:
                problems["agency_id"] = "unknown agency"
            if data.home_desa_code:
                area = session.get(Area, data.home_desa_code)
                if area is None or area.parent_code is None:
                    problems["home_desa_code"] = "unknown desa/kelurahan or kecamatan"
            clash = session.scalar(select(Unit.id).where(Unit.call_sign == call_sign))
            if clash is not None and clash != unit_id:
                problems["call_sign"] = f"the call sign {call_sign} is already used"
            if problems:
                raise ValidationError(problems)
            values = {"call_sign": call_sign, "unit_type": unit_type, "agency_id": data.agency_id,
                      "home_desa_code": data.home_desa_code or None, "active": data.active}
            if unit_id is None:
                unit = Unit(**values, status=UnitStatus.AVAILABLE, status_since=now)
                session.add(unit)
                session.flush()
                before = None
                action = "create"
            else:
                found = session.get(Unit, unit_id)
                if found is None:
                    raise NotFound("unit", unit_id)
                unit = found
                if not data.active and unit.status not in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE):
                    raise ConflictError(f"{unit.call_sign} is on an incident; clear or cancel its dispatch first",
                                        entity="unit", entity_id=unit_id, code="unit.on_incident",
                                        unit=unit.call_sign)
                before = {name: getattr(unit, name) for name in values}
                for name, value in values.items():
                    setattr(unit, name, value)
                action = "update"
            audit(session, actor, f"unit.{action}", "unit", unit.id, now, before=before, after=values)
            record_change(session, "unit", unit.id, action, now)
            session.flush()
            unit_row_id = unit.id
        return next(row for row in self.unit_board(include_inactive=True) if row.unit_id == unit_row_id)

    def delete_unit(self, actor: Actor, unit_id: int) -> None:
        """Remove a unit entered by mistake; a unit with dispatch history is deactivated instead."""
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage units")
        with self.db.write() as session:
            unit = session.get(Unit, unit_id)
            if unit is None:
                raise NotFound("unit", unit_id)
            if session.scalar(select(Dispatch.id).where(Dispatch.unit_id == unit_id).limit(1)) is not None:
                raise ConflictError(f"{unit.call_sign} has dispatch history; make it inactive instead",
                                    entity="unit", entity_id=unit_id, code="entry.has_history", name=unit.call_sign)
            before = {"call_sign": unit.call_sign, "unit_type": unit.unit_type, "agency_id": unit.agency_id}
            session.delete(unit)
            audit(session, actor, "unit.delete", "unit", unit_id, now, before=before)
            record_change(session, "unit", unit_id, "delete", now)

    def delete_agency(self, actor: Actor, agency_id: int) -> None:
        """Remove an agency entered by mistake; one with units or dispatches is deactivated instead."""
        now = self.clock()
        self.require(actor, Role.ADMIN, "manage agencies")
        with self.db.write() as session:
            agency = session.get(Agency, agency_id)
            if agency is None:
                raise NotFound("agency", agency_id)
            used = session.scalar(select(Dispatch.id).where(Dispatch.agency_id == agency_id).limit(1)) is not None \
                or session.scalar(select(Unit.id).where(Unit.agency_id == agency_id).limit(1)) is not None
            if used:
                raise ConflictError(f"{agency.short_name} has units or dispatch history; make it inactive instead",
                                    entity="agency", entity_id=agency_id, code="entry.has_history",
                                    name=agency.short_name)
            before = {"code": agency.code, "name": agency.name}
            session.execute(category_agencies.delete().where(category_agencies.c.agency_id == agency_id))
            session.delete(agency)
            audit(session, actor, "agency.delete", "agency", agency_id, now, before=before)
            record_change(session, "agency", agency_id, "delete", now)

    def set_unit_status(self, actor: Actor, unit_id: int, status: UnitStatus | str) -> None:
        """Out of service / back in service, by hand. A unit on an open dispatch follows the dispatch instead."""
        new = UnitStatus(status)
        if new not in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE):
            raise ValidationError({"status": "set only available or out of service by hand; "
                                             "dispatch statuses come from the dispatch timeline"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "change unit status")
        with self.db.write() as session:
            unit = session.scalars(select(Unit).where(Unit.id == unit_id).with_for_update()).first()
            if unit is None:
                raise NotFound("unit", unit_id)
            open_dispatch = session.scalar(select(Dispatch.id).where(Dispatch.unit_id == unit_id,
                                                                     Dispatch.status.in_(ACTIVE)).limit(1))
            if open_dispatch is not None:
                raise ConflictError(f"{unit.call_sign} is on an open dispatch; record its status there",
                                    entity="unit", entity_id=unit_id, code="unit.on_incident", unit=unit.call_sign)
            if unit.status is new:
                return
            before = {"status": unit.status}
            unit.status = new
            unit.status_since = now
            unit.current_incident_id = None
            audit(session, actor, "unit.status", "unit", unit.id, now, before=before, after={"status": new})
            record_change(session, "unit", unit.id, "update", now)


INCIDENT_WORDS = {
    IncidentStatus.OPEN: "terbuka (perlu diteruskan)",
    IncidentStatus.DISPATCHED: "diteruskan",
    IncidentStatus.IN_PROGRESS: "sedang ditangani",
    IncidentStatus.RESOLVED: "selesai ditangani (menunggu ditutup)",
    IncidentStatus.CLOSED: "ditutup",
}


def _transition_problem(old: DispatchStatus, new: DispatchStatus) -> tuple[str, str]:
    """Why a dispatch cannot go from ``old`` to ``new``: the English message and the error code."""
    if old is new:
        return f"the dispatch is already {STATUS_WORDS[old]}", "dispatch.already_there"
    if old in FINAL:
        return f"the dispatch is already {STATUS_WORDS[old]}; it cannot change any more", "dispatch.final"
    if old is DispatchStatus.NOTIFIED and new is DispatchStatus.CLEARED:
        return "record 'diterima' (acknowledged) before 'selesai' (cleared)", "dispatch.acknowledge_first"
    return f"a dispatch cannot go back from {STATUS_WORDS[old]} to {STATUS_WORDS[new]}", "dispatch.backwards"


def _fields(unit: UnitOption) -> dict[str, Any]:
    return {name: getattr(unit, name) for name in UnitOption.__dataclass_fields__}


def _delivery(message: OutboxMessage) -> DeliveryView:
    return DeliveryView(message.id, message.dispatch_id, message.channel, message.target, message.state,
                        message.attempts, message.next_attempt_at, message.last_error, message.sent_at,
                        message.created_at)


def _agency_record(agency: Agency, category_ids: list[int]) -> AgencyRecord:
    return AgencyRecord(agency.id, agency.code, agency.name, agency.short_name, agency.kind, agency.phone,
                        agency.whatsapp, agency.email, agency.webhook_url, agency.active, category_ids)


def _agency_values(data: AgencyInput) -> tuple[dict[str, Any], dict[str, str]]:
    problems: dict[str, str] = {}
    values: dict[str, Any] = {
        "code": data.code.strip().lower(),
        "name": " ".join(data.name.split()),
        "short_name": " ".join(data.short_name.split()),
        "kind": data.kind.strip() or "lainnya",
        "active": bool(data.active),
    }
    if not _CODE.match(values["code"]):
        problems["code"] = "2-40 lower-case letters, digits or '_' (e.g. damkar)"
    if not values["name"] or len(values["name"]) > 200:
        problems["name"] = "the agency's full name (at most 200 characters)"
    if not values["short_name"] or len(values["short_name"]) > 40:
        problems["short_name"] = "a short name for lists (at most 40 characters)"
    if len(values["kind"]) > 40:
        problems["kind"] = "at most 40 characters"
    for name, check in (("phone", check_phone), ("whatsapp", check_whatsapp), ("email", check_email),
                        ("webhook_url", check_url)):
        try:
            values[name] = check(getattr(data, name))
        except ValueError as exc:
            problems[name] = str(exc)
    return values, problems


def _target(channel: DeliveryChannel, agency: Agency) -> str:
    return {DeliveryChannel.EMAIL: agency.email, DeliveryChannel.WEBHOOK: agency.webhook_url,
            DeliveryChannel.WHATSAPP: agency.whatsapp, DeliveryChannel.PRINT: "slip"}[channel] or ""


def _facts(session: Session, incident: Incident, category: Category, agency: Agency, unit: Unit | None,
           operator: str, now: datetime) -> DispatchFacts:
    kecamatan = session.get(Area, incident.kecamatan_code) if incident.kecamatan_code else None
    desa = session.get(Area, incident.desa_code) if incident.desa_code else None
    return DispatchFacts(
        incident_number=incident.number, category=category.name_id, category_code=category.code,
        priority=str(incident.priority), kecamatan=kecamatan.name if kecamatan else None,
        desa=desa.name if desa else None, address=incident.address, landmark=incident.landmark,
        latitude=incident.latitude, longitude=incident.longitude, description=incident.description,
        reporter_name=incident.reporter_name, callback_number=incident.callback_number, agency=agency.name,
        agency_short=agency.short_name, unit=unit.call_sign if unit else None,
        unit_type=unit.unit_type if unit else None, operator=operator,
        created_at=incident.created_at.isoformat(), dispatched_at=now.isoformat(),
        desa_code=incident.desa_code, kecamatan_code=incident.kecamatan_code,
        answers=tuple((a.question, a.answer) for a in answers_of(session, incident.id)),
    )


def _payload(channel: DeliveryChannel, facts: DispatchFacts, agency: Agency,
             document: dict[str, Any] | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"facts": facts.to_dict()}
    if channel is DeliveryChannel.WHATSAPP:
        text = whatsapp_text(facts)
        payload |= {"text": text, "link": whatsapp_link(agency.whatsapp, text)}
    elif channel is DeliveryChannel.EMAIL:
        payload |= {"subject": email_subject(facts), "body": email_body(facts)}
    elif channel is DeliveryChannel.WEBHOOK:
        payload |= {"eido": document}
    return jsonable(payload)  # type: ignore[no-any-return]


