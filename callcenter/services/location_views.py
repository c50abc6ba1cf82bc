"""Caller locations out: what the console shows (a call's best and latest fix, waiting locations, kept SMS) and
what operators and supervisors do with them (attach by hand, take into an incident, mark an SMS read).

The desa/kecamatan of a point comes from an ``AreaLocator`` the console plugs in (the map's point-in-polygon
lookup); without one the views carry only coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select, update

from callcenter.clock import Clock, to_wib, utcnow
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import Call, CallerLocation, Operator, SmsMessage
from callcenter.errors import ConflictError, NotFound
from callcenter.services.base import Actor, Service, audit, record_change, record_changes

HISTORY_PER_CALL = 20
METHOD_WORDS = {"gnss": "GNSS", "wifi": "Wi-Fi", "cell": "BTS", "fused": "gabungan", "unknown": "?", "none": "-"}


@dataclass(frozen=True, slots=True)
class AreaMatch:
    desa_code: str | None
    desa_name: str | None
    kecamatan_code: str | None
    kecamatan_name: str | None


class AreaLocator(Protocol):
    """Point -> desa/kecamatan (the console plugs in the map's lookup); None outside the regency."""

    def __call__(self, latitude: float, longitude: float) -> AreaMatch | None: ...


@dataclass(frozen=True, slots=True)
class LocationView:
    id: int
    received_at: datetime
    transport: str
    sender: str | None
    e164: str | None
    latitude: float | None
    longitude: float | None
    radius_m: float | None
    positioned_at: datetime | None
    confidence: int | None
    method: str | None
    version: int | None
    length_ok: bool | None
    imei: str | None
    imsi: str | None
    call_id: int | None
    attached_at: datetime | None
    attached_by: str | None
    raw: str
    problems: tuple[str, ...]
    area: AreaMatch | None

    @property
    def has_fix(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def fix_time(self) -> datetime:
        """When the position was taken (when it arrived, if the handset did not say)."""
        return self.positioned_at or self.received_at

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.fix_time).total_seconds())


@dataclass(frozen=True, slots=True)
class CallLocations:
    call_id: int
    best: LocationView | None
    """The smallest radius of all fixes (the newest among equals): what the banner and header show."""
    latest: LocationView | None
    """The newest fix, even when it is worse than the best."""
    items: tuple[LocationView, ...]
    """Every location of the call, newest first (fixes and no-fix messages), at most ``HISTORY_PER_CALL``."""
    count: int


@dataclass(frozen=True, slots=True)
class IncidentLocation:
    """What one key puts into the incident form (IncidentDraft / IncidentService.update field names)."""

    latitude: float
    longitude: float
    desa_code: str | None
    kecamatan_code: str | None
    landmark: str
    """A line for the landmark field saying where the point came from: "Lokasi HP ±14 m (GNSS), 10:31:05 WIB"."""

    def as_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {"latitude": self.latitude, "longitude": self.longitude}
        if self.desa_code:
            changes["desa_code"] = self.desa_code
        if self.kecamatan_code:
            changes["kecamatan_code"] = self.kecamatan_code
        return changes


@dataclass(frozen=True, slots=True)
class SmsView:
    id: int
    received_at: datetime
    sender: str | None
    e164: str | None
    sent_at: datetime | None
    text: str | None
    parts_expected: int
    parts_received: int
    problem: str | None
    read_at: datetime | None
    read_by: str | None


def best_of(items: Iterable[LocationView]) -> LocationView | None:
    fixes = [item for item in items if item.has_fix]
    if not fixes:
        return None
    return min(fixes, key=lambda v: (v.radius_m if v.radius_m is not None else float("inf"),
                                     -v.fix_time.timestamp(), -v.id))


def latest_of(items: Iterable[LocationView]) -> LocationView | None:
    fixes = [item for item in items if item.has_fix]
    return max(fixes, key=lambda v: (v.fix_time, v.id)) if fixes else None


class LocationViews(Service):
    def __init__(self, db: Database, clock: Clock = utcnow, locator: AreaLocator | None = None) -> None:
        super().__init__(db, clock)
        self.locator = locator

    # -- reading (any logged-in desk) --------------------------------------------------------------------
    def for_call(self, call_id: int) -> CallLocations:
        return self.for_calls([call_id])[call_id]

    def for_calls(self, call_ids: Iterable[int]) -> dict[int, CallLocations]:
        """Every asked call's locations in one query (the ringing banner asks for all its calls at once)."""
        ids = sorted(set(call_ids))
        found: dict[int, list[LocationView]] = {call_id: [] for call_id in ids}
        if ids:
            with self.db.read() as session:
                rows = session.execute(_view_query().where(CallerLocation.call_id.in_(ids))
                                       .order_by(CallerLocation.received_at.desc(), CallerLocation.id.desc())).all()
            for row in rows:
                found[row.CallerLocation.call_id].append(self._view(row.CallerLocation, row.username))
        return {call_id: CallLocations(call_id, best_of(items), latest_of(items), tuple(items[:HISTORY_PER_CALL]),
                                       len(items)) for call_id, items in found.items()}

    def get(self, location_id: int) -> LocationView:
        with self.db.read() as session:
            row = session.execute(_view_query().where(CallerLocation.id == location_id)).one_or_none()
        if row is None:
            raise NotFound("caller_location", location_id)
        return self._view(row.CallerLocation, row.username)

    def waiting(self, actor: Actor, *, since: datetime | None = None, limit: int = 100) -> list[LocationView]:
        """Locations attached to no call (newest first): the supervisor's list."""
        self.require(actor, Role.SUPERVISOR, "see locations waiting for their call")
        query = _view_query().where(CallerLocation.call_id.is_(None))
        if since is not None:
            query = query.where(CallerLocation.received_at >= since)
        with self.db.read() as session:
            rows = session.execute(query.order_by(CallerLocation.received_at.desc(), CallerLocation.id.desc())
                                   .limit(max(1, min(limit, 1000)))).all()
        return [self._view(row.CallerLocation, row.username) for row in rows]

    def sms_inbox(self, actor: Actor, *, unread_only: bool = False, limit: int = 100) -> list[SmsView]:
        self.require(actor, Role.OPERATOR, "read the SMS inbox")
        query = select(SmsMessage, Operator.username).outerjoin(Operator, Operator.id == SmsMessage.read_by_id)
        if unread_only:
            query = query.where(SmsMessage.read_at.is_(None))
        with self.db.read() as session:
            rows = session.execute(query.order_by(SmsMessage.received_at.desc(), SmsMessage.id.desc())
                                   .limit(max(1, min(limit, 1000)))).all()
        return [SmsView(m.id, m.received_at, m.sender, m.e164, m.sent_at, m.text, m.parts_expected,
                        m.parts_received, m.problem, m.read_at, username) for m, username in rows]

    # -- acting (audited) --------------------------------------------------------------------------------
    def attach(self, actor: Actor, location_id: int, call_id: int) -> LocationView:
        """A supervisor attaches a location to a call by hand (or moves it to another call)."""
        self.require(actor, Role.SUPERVISOR, "attach a location to a call")
        now = self.clock()
        with self.db.write() as session:
            location = session.get(CallerLocation, location_id)
            if location is None:
                raise NotFound("caller_location", location_id)
            if session.get(Call, call_id) is None:
                raise NotFound("call", call_id)
            before = location.call_id
            if before == call_id:
                raise ConflictError(f"location {location_id} is already attached to call {call_id}",
                                    entity="caller_location", entity_id=location_id, code="location.already_attached",
                                    call_id=call_id)
            session.execute(update(CallerLocation).where(CallerLocation.id == location_id).values(
                call_id=call_id, attached_at=now, attached_by_id=actor.id))
            audit(session, actor, "location.attach", "caller_location", location_id, now,
                  before={"call_id": before}, after={"call_id": call_id})
            changes: list[tuple[str, object, str]] = [("caller_location", location_id, "attach"),
                                                      ("call", call_id, "location")]
            if before is not None:
                changes.append(("call", before, "location"))
            record_changes(session, changes, now)
        return self.get(location_id)

    def take_for_incident(self, actor: Actor, location_id: int, *, incident_id: int | None = None,
                          lang: str = "id") -> IncidentLocation:
        """The fields the incident form takes with one key; the taking is audited (who used which fix)."""
        self.require(actor, Role.OPERATOR, "use a caller location")
        view = self.get(location_id)
        if view.latitude is None or view.longitude is None:
            raise ConflictError(f"location {location_id} has no position (the phone had no fix)",
                                entity="caller_location", entity_id=location_id, code="location.no_fix")
        area = view.area
        label = "Lokasi HP" if lang == "id" else "Phone location"
        accuracy = f" ±{round(view.radius_m)} m" if view.radius_m is not None else ""
        method = METHOD_WORDS.get(view.method or "", view.method or "")
        how = f" ({method})" if method and method not in ("-", "?") else ""
        landmark = f"{label}{accuracy}{how}, {to_wib(view.fix_time):%H:%M:%S} WIB"
        result = IncidentLocation(view.latitude, view.longitude, area.desa_code if area else None,
                                  area.kecamatan_code if area else None, landmark)
        now = self.clock()
        with self.db.write() as session:
            audit(session, actor, "location.take", "caller_location", location_id, now,
                  after={"incident_id": incident_id, "call_id": view.call_id, **result.as_changes()})
        return result

    def mark_sms_read(self, actor: Actor, sms_id: int) -> None:
        self.require(actor, Role.OPERATOR, "mark an SMS read")
        now = self.clock()
        with self.db.write() as session:
            message = session.get(SmsMessage, sms_id)
            if message is None:
                raise NotFound("sms", sms_id)
            if message.read_at is not None:
                return
            session.execute(update(SmsMessage).where(SmsMessage.id == sms_id, SmsMessage.read_at.is_(None))
                            .values(read_at=now, read_by_id=actor.id))
            audit(session, actor, "sms.read", "sms", sms_id, now, after={"read_at": now})
            record_change(session, "sms", sms_id, "read", now)

    # -- internals ---------------------------------------------------------------------------------------
    def _view(self, row: CallerLocation, attached_by: str | None) -> LocationView:
        details = row.details or {}
        problems = details.get("problems") if isinstance(details, dict) else None
        area = None
        if self.locator is not None and row.latitude is not None and row.longitude is not None:
            area = self.locator(row.latitude, row.longitude)
        return LocationView(
            row.id, row.received_at, row.transport, row.sender, row.e164, row.latitude, row.longitude, row.radius_m,
            row.positioned_at, row.confidence, row.method, row.version, row.length_ok, row.imei, row.imsi,
            row.call_id, row.attached_at, attached_by, row.raw,
            tuple(str(p) for p in problems) if isinstance(problems, list) else (), area)


def _view_query() -> Any:
    return select(CallerLocation, Operator.username).outerjoin(Operator, Operator.id == CallerLocation.attached_by_id)



def age_words(seconds: float, lang: str = "id") -> str:
    """"20 detik lalu" / "3 menit lalu" / "2 jam lalu" (and the English words)."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        amount, unit = seconds, ("detik", "s")
    elif seconds < 3600:
        amount, unit = seconds // 60, ("menit", "min")
    else:
        amount, unit = seconds // 3600, ("jam", "h")
    return f"{amount} {unit[0]} lalu" if lang == "id" else f"{amount} {unit[1]} ago"


def banner_text(view: LocationView, now: datetime, lang: str = "id") -> str:
    """The one line the ringing banner and the call header show, e.g.
    "lokasi HP: ±14 m, 20 detik lalu, Desa Nagri Kidul, Kec. Purwakarta" (no desa without a locator)."""
    label = "lokasi HP" if lang == "id" else "phone location"
    if not view.has_fix:
        return f"{label}: {'tanpa posisi' if lang == 'id' else 'no position'}, {age_words(view.age_s(now), lang)}"
    parts = [f"±{round(view.radius_m)} m" if view.radius_m is not None else "±?",
             age_words(view.age_s(now), lang)]
    if view.area is not None and view.area.desa_name:
        parts.append(f"Desa {view.area.desa_name}")
    if view.area is not None and view.area.kecamatan_name:
        parts.append(f"Kec. {view.area.kecamatan_name}")
    return f"{label}: {', '.join(parts)}"
