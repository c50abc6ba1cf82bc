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
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from callcenter.db.enums import DeliveryChannel, DispatchStatus, IncidentStatus, OutboxState, Role, UnitStatus
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
from callcenter.services.dispatch_messages import DispatchFacts, email_body, email_subject, whatsapp_link, whatsapp_text
from callcenter.services.dispatch_types import (
    ACTIVE,
    CHANNEL_WORDS,
    INCIDENT_WORDS,
    STATUS_WORDS,
    UNIT_FOR_DISPATCH,
    AgencyOption,
    DeliveryRow,
    DeliveryView,
    DispatchEventView,
    DispatchView,
    Suggestions,
    UnitBoardRow,
    UnitBusy,
    UnitOption,
    allowed_next,
    distance_km,
    incident_status_for,
    transition_problem,
)
from callcenter.services.questions import answers_of

MAX_NOTE = 500


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


def unit_board_rows(session: Session, *, include_inactive: bool) -> list[UnitBoardRow]:
    """Every unit with its agency, its incident while busy, and its home base (the board and the admin's list)."""
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
            return unit_board_rows(session, include_inactive=include_inactive)

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
            message, code = transition_problem(old, new)
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
            incident.status = incident_status_for(statuses)
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
            message = _unsent_message(session, message_id)
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
            message = _unsent_message(session, message_id)
            before = {"state": message.state, "next_attempt_at": message.next_attempt_at}
            message.state = OutboxState.RETRYING if message.attempts else OutboxState.PENDING
            message.next_attempt_at = now
            audit(session, actor, "outbox.retry", "outbox", message.id, now, before=before,
                  after={"state": message.state})
            record_change(session, "outbox", message.id, "update", now)
            return _delivery(message)

    # -- a unit out of (or back in) service by hand -----------------------------------------------------------

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


def _fields(unit: UnitOption) -> dict[str, Any]:
    return {name: getattr(unit, name) for name in UnitOption.__dataclass_fields__}


def _delivery(message: OutboxMessage) -> DeliveryView:
    return DeliveryView(message.id, message.dispatch_id, message.channel, message.target, message.state,
                        message.attempts, message.next_attempt_at, message.last_error, message.sent_at,
                        message.created_at)


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


def _unsent_message(session: Session, message_id: int) -> OutboxMessage:
    """The delivery to mark failed or try again: refused once it was sent."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound("delivery", message_id)
    if message.state is OutboxState.SENT:
        raise ConflictError("this message was already sent", entity="outbox", entity_id=message_id,
                            code="delivery.already_sent")
    return message
