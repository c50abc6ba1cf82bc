"""Incidents: create with a yearly number, update under an optimistic lock, notes, close and reopen."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.clock import to_wib
from callcenter.db.enums import AreaLevel, Channel, IncidentStatus, Priority, Role
from callcenter.db.models import Area, Category, Incident, IncidentCounter, IncidentNote, Operator
from callcenter.errors import ConflictError, NotFound, ValidationError
from callcenter.services.base import Actor, Service, add_timeline, audit, record_change
from callcenter.services.calls import link_call
from callcenter.services.questions import AnswerInput, AnswerView, answers_of, check_answers, save_answers

LIMITS = {
    "reporter_name": 120,
    "callback_number": 40,
    "address": 500,
    "landmark": 300,
    "description": 20_000,
    "disposition": 500,
    "note": 20_000,
}
LINK_SUGGESTION_WINDOW = timedelta(hours=2)
OPEN_STATUSES = (IncidentStatus.OPEN, IncidentStatus.DISPATCHED, IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED)


@dataclass
class IncidentDraft:
    """What an operator fills in; the service validates every field and says exactly what is missing."""

    category_id: int | None = None
    priority: Priority | None = None
    channel: Channel = Channel.TELEPON_112
    kecamatan_code: str | None = None
    desa_code: str | None = None
    address: str | None = None
    landmark: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    reporter_name: str | None = None
    callback_number: str | None = None
    description: str = ""
    call_id: int | None = None
    answers: tuple[AnswerInput, ...] = ()
    """The category's questions the operator asked, with the caller's answers (blank ones are not kept)."""


EDITABLE = ("category_id", "priority", "kecamatan_code", "desa_code", "address", "landmark", "latitude",
            "longitude", "reporter_name", "callback_number", "description")


@dataclass(frozen=True, slots=True)
class IncidentView:
    id: int
    number: str
    channel: Channel
    category_id: int
    category_name_id: str
    category_name_en: str
    priority: Priority
    status: IncidentStatus
    reporter_name: str | None
    callback_number: str | None
    kecamatan_code: str | None
    kecamatan_name: str | None
    desa_code: str | None
    desa_name: str | None
    address: str | None
    landmark: str | None
    latitude: float | None
    longitude: float | None
    description: str
    disposition: str | None
    created_at: datetime
    created_by: str | None
    assigned_to_id: int | None
    updated_at: datetime
    closed_at: datetime | None
    version: int
    answers: tuple[AnswerView, ...] = ()
    """Filled for one incident (``get``, ``create``), not in lists."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str
    operator: str | None
    data: dict[str, Any] | None = field(default=None)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def validate_draft(session: Session, draft: IncidentDraft) -> dict[str, str]:
    """Every problem at once, keyed by field, in words the form can show next to the field.

    Blank area codes are normalised to "none given" on the draft itself, so what is validated is what is saved.
    """
    draft.kecamatan_code = (draft.kecamatan_code or "").strip() or None
    draft.desa_code = (draft.desa_code or "").strip() or None
    problems: dict[str, str] = {}
    category = session.get(Category, draft.category_id) if draft.category_id is not None else None
    if category is None or not category.active:
        problems["category_id"] = "choose a category"
    if draft.priority is not None and draft.priority not in Priority:
        problems["priority"] = "P1, P2, P3 or P4"
    if not (draft.description or "").strip():
        problems["description"] = "describe what happened"
    for name, limit in LIMITS.items():
        value = getattr(draft, name, None)
        if isinstance(value, str) and len(value) > limit:
            problems[name] = f"at most {limit:,} characters (now {len(value):,})"
    if draft.kecamatan_code is None and draft.desa_code is None and not _clean(draft.address):
        problems["kecamatan_code"] = "give the kecamatan (or at least an address)"
    kecamatan = session.get(Area, draft.kecamatan_code) if draft.kecamatan_code else None
    if draft.kecamatan_code and (kecamatan is None or kecamatan.level is not AreaLevel.KECAMATAN):
        problems["kecamatan_code"] = "unknown kecamatan"
    if draft.desa_code:
        desa = session.get(Area, draft.desa_code)
        if desa is None or desa.level is not AreaLevel.DESA_KELURAHAN:
            problems["desa_code"] = "unknown desa/kelurahan"
        elif draft.kecamatan_code and desa.parent_code != draft.kecamatan_code:
            problems["desa_code"] = "this desa/kelurahan is not in the chosen kecamatan"
    if (draft.latitude is None) != (draft.longitude is None):
        problems["latitude"] = "give both latitude and longitude, or neither"
    if draft.latitude is not None and not -90 <= draft.latitude <= 90:
        problems["latitude"] = "between -90 and 90"
    if draft.longitude is not None and not -180 <= draft.longitude <= 180:
        problems["longitude"] = "between -180 and 180"
    if draft.callback_number and not phone.describe(draft.callback_number).valid:
        problems["callback_number"] = "not a valid telephone number"
    problems.update(check_answers(draft.answers)[1])
    return problems


def next_number(session: Session, year: int) -> tuple[int, str]:
    """Allocate the next yearly sequence number inside the caller's (write) transaction."""
    bump = (update(IncidentCounter).where(IncidentCounter.year == year)
            .values(last_seq=IncidentCounter.last_seq + 1).returning(IncidentCounter.last_seq))
    seq = session.scalar(bump)
    if seq is None:
        # First incident of the year. Two desks may race here: the counter row is created if missing (the
        # loser's insert does nothing and waits for the winner's row), then both bump it in turn.
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(IncidentCounter).values(year=year, last_seq=0).on_conflict_do_nothing())
        seq = session.scalar(bump)
    assert seq is not None
    return seq, f"112/{year}/{seq:06d}"


class IncidentService(Service):
    def create(self, actor: Actor, draft: IncidentDraft) -> IncidentView:
        now = self.clock()
        self.require(actor, Role.OPERATOR, "create incidents")
        with self.db.write() as session:
            problems = validate_draft(session, draft)
            if problems:
                raise ValidationError(problems)
            category = session.get(Category, draft.category_id)
            assert category is not None
            kecamatan = draft.kecamatan_code
            if draft.desa_code and not kecamatan:
                desa = session.get(Area, draft.desa_code)
                kecamatan = desa.parent_code if desa else None
            year = to_wib(now).year  # the year on the number is the local (WIB) year
            seq, number = next_number(session, year)
            incident = Incident(
                number=number, year=year, seq=seq, channel=draft.channel, category_id=category.id,
                priority=draft.priority or category.default_priority, status=IncidentStatus.OPEN,
                reporter_name=_clean(draft.reporter_name), callback_number=_clean(draft.callback_number),
                kecamatan_code=kecamatan, desa_code=draft.desa_code, address=_clean(draft.address),
                landmark=_clean(draft.landmark), latitude=draft.latitude, longitude=draft.longitude,
                description=draft.description.strip(), created_at=now, created_by_id=actor.id,
                assigned_to_id=actor.id, updated_at=now, version=1,
            )
            session.add(incident)
            session.flush()
            answers = check_answers(draft.answers)[0]
            save_answers(session, incident.id, answers)
            add_timeline(session, incident.id, actor, now, "created", f"Kejadian {number} dibuat",
                         {"category": category.code, "priority": incident.priority})
            audit(session, actor, "incident.create", "incident", incident.id, now,
                  after={name: getattr(incident, name) for name in EDITABLE} | {"number": number}
                  | ({"answers": [[a.question, a.answer] for a in answers]} if answers else {}))
            record_change(session, "incident", incident.id, "create", now)
            if draft.call_id is not None:
                link_call(session, actor, draft.call_id, incident.id, now)
            session.flush()
            return _view(session, incident, answers=True)

    def get(self, incident_id: int) -> IncidentView:
        with self.db.read() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            return _view(session, incident, answers=True)

    def update(self, actor: Actor, incident_id: int, expected_version: int, changes: dict[str, Any]) -> IncidentView:
        """Apply ``changes`` only if nobody changed the incident since ``expected_version`` was read."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError({name: "cannot be edited" for name in sorted(unknown)})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "edit incidents")
        with self.db.write() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            if incident.status is IncidentStatus.CLOSED:
                raise ConflictError("a closed incident cannot be edited; reopen it first",
                                    entity="incident", entity_id=incident_id, code="incident.closed_no_edit",
                                    number=incident.number)
            merged = IncidentDraft(**{f.name: getattr(incident, f.name) for f in fields(IncidentDraft)
                                      if f.name in EDITABLE or f.name == "channel"})
            for name, value in changes.items():
                setattr(merged, name, value)
            problems = validate_draft(session, merged)
            if problems:
                raise ValidationError(problems)
            before = {name: getattr(incident, name) for name in changes}
            values = {name: (_clean(value) if isinstance(value, str) and name != "description" else value)
                      for name, value in changes.items()}
            if "description" in values:
                values["description"] = str(values["description"]).strip()
            done = session.execute(
                update(Incident)
                .where(Incident.id == incident_id, Incident.version == expected_version)
                .values(**values, version=Incident.version + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount  # type: ignore[attr-defined]
            if not done:
                raise ConflictError(
                    f"incident {incident.number} was changed by someone else after you opened it",
                    entity="incident", entity_id=incident_id, code="incident.changed_meanwhile",
                    number=incident.number)
            changed = [name for name in changes if before[name] != values[name]]
            add_timeline(session, incident_id, actor, now, "updated",
                         "Diubah: " + ", ".join(changed) if changed else "Disimpan tanpa perubahan",
                         {"before": before, "after": values})
            audit(session, actor, "incident.update", "incident", incident_id, now, before=before, after=values)
            record_change(session, "incident", incident_id, "update", now)
            session.expire(incident)
            return _view(session, incident)

    def add_note(self, actor: Actor, incident_id: int, text: str) -> None:
        text = text.strip()
        if not text:
            raise ValidationError({"note": "the note is empty"})
        if len(text) > LIMITS["note"]:
            raise ValidationError({"note": f"at most {LIMITS['note']:,} characters (now {len(text):,})"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "add notes")
        with self.db.write() as session:
            if session.get(Incident, incident_id) is None:
                raise NotFound("incident", incident_id)
            add_timeline(session, incident_id, actor, now, "note", text)
            session.execute(update(Incident).where(Incident.id == incident_id).values(updated_at=now))
            audit(session, actor, "incident.note", "incident", incident_id, now, detail=text[:200])
            record_change(session, "incident", incident_id, "note", now)

    def close(self, actor: Actor, incident_id: int, disposition: str) -> IncidentView:
        disposition = disposition.strip()
        if not disposition:
            raise ValidationError({"disposition": "say how it ended"})
        if len(disposition) > LIMITS["disposition"]:
            raise ValidationError({"disposition": f"at most {LIMITS['disposition']} characters"})
        now = self.clock()
        self.require(actor, Role.OPERATOR, "close incidents")
        with self.db.write() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            if incident.status is IncidentStatus.CLOSED:
                raise ConflictError(f"incident {incident.number} is already closed",
                                    entity="incident", entity_id=incident_id, code="incident.already_closed",
                                    number=incident.number)
            before = {"status": incident.status}
            incident.status = IncidentStatus.CLOSED
            incident.disposition = disposition
            incident.closed_at = now
            incident.closed_by_id = actor.id
            incident.updated_at = now
            incident.version += 1
            add_timeline(session, incident_id, actor, now, "closed", f"Ditutup: {disposition}")
            audit(session, actor, "incident.close", "incident", incident_id, now, before=before,
                  after={"status": IncidentStatus.CLOSED, "disposition": disposition})
            record_change(session, "incident", incident_id, "close", now)
            session.flush()
            return _view(session, incident)

    def reopen(self, actor: Actor, incident_id: int, reason: str) -> IncidentView:
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "a reason is required"})
        now = self.clock()
        self.require(actor, Role.SUPERVISOR, "reopen incidents")
        with self.db.write() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            if incident.status is not IncidentStatus.CLOSED:
                raise ConflictError(f"incident {incident.number} is not closed", entity="incident",
                                    entity_id=incident_id, code="incident.not_closed", number=incident.number)
            incident.status = IncidentStatus.OPEN
            incident.closed_at = None
            incident.closed_by_id = None
            incident.updated_at = now
            incident.version += 1
            add_timeline(session, incident_id, actor, now, "reopened", f"Dibuka kembali: {reason[:500]}")
            audit(session, actor, "incident.reopen", "incident", incident_id, now,
                  before={"status": IncidentStatus.CLOSED}, after={"status": IncidentStatus.OPEN},
                  detail=reason[:500])
            record_change(session, "incident", incident_id, "reopen", now)
            session.flush()
            return _view(session, incident)

    def reassign(self, actor: Actor, incident_id: int, operator_id: int) -> None:
        now = self.clock()
        self.require(actor, Role.SUPERVISOR, "reassign incidents")
        with self.db.write() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFound("incident", incident_id)
            if session.get(Operator, operator_id) is None:
                raise NotFound("operator", operator_id)
            before = {"assigned_to_id": incident.assigned_to_id}
            incident.assigned_to_id = operator_id
            incident.updated_at = now
            incident.version += 1
            add_timeline(session, incident_id, actor, now, "updated", "Dialihkan ke operator lain",
                         {"assigned_to_id": operator_id})
            audit(session, actor, "incident.reassign", "incident", incident_id, now, before=before,
                  after={"assigned_to_id": operator_id})
            record_change(session, "incident", incident_id, "update", now)

    def timeline(self, incident_id: int) -> list[TimelineEntry]:
        with self.db.read() as session:
            rows = session.execute(
                select(IncidentNote.at, IncidentNote.kind, IncidentNote.text, Operator.username, IncidentNote.data)
                .outerjoin(Operator, Operator.id == IncidentNote.operator_id)
                .where(IncidentNote.incident_id == incident_id)
                .order_by(IncidentNote.at, IncidentNote.id)
            ).all()
        return [TimelineEntry(r[0], str(r[1]), r[2], r[3], r[4]) for r in rows]

    def link_suggestions(self, *, desa_code: str | None, category_id: int | None,
                         limit: int = 10) -> list[IncidentView]:
        """Open incidents a new report may belong to: same desa, or same category in the last two hours."""
        now = self.clock()
        conditions = []
        if desa_code:
            conditions.append(Incident.desa_code == desa_code)
        if category_id is not None:
            conditions.append((Incident.category_id == category_id)
                              & (Incident.created_at >= now - LINK_SUGGESTION_WINDOW))
        if not conditions:
            conditions.append(Incident.created_at >= now - LINK_SUGGESTION_WINDOW)
        with self.db.read() as session:
            incidents = session.scalars(
                select(Incident).where(Incident.status.in_(OPEN_STATUSES), or_(*conditions))
                .order_by(Incident.created_at.desc()).limit(limit)
            ).all()
            return [_view(session, incident) for incident in incidents]

    def open_incidents(self, *, assigned_to: int | None = None, limit: int = 500) -> list[IncidentView]:
        with self.db.read() as session:
            query = select(Incident).where(Incident.status.in_(OPEN_STATUSES))
            if assigned_to is not None:
                query = query.where(Incident.assigned_to_id == assigned_to)
            incidents = session.scalars(query.order_by(Incident.created_at).limit(limit)).all()
            return [_view(session, incident) for incident in incidents]


def _view(session: Session, incident: Incident, *, answers: bool = False) -> IncidentView:
    category = session.get(Category, incident.category_id)
    assert category is not None
    names = {}
    for code in (incident.kecamatan_code, incident.desa_code):
        if code:
            area = session.get(Area, code)
            names[code] = area.name if area else None
    created_by = (session.scalar(select(Operator.username).where(Operator.id == incident.created_by_id))
                  if incident.created_by_id else None)
    return IncidentView(
        id=incident.id, number=incident.number, channel=incident.channel, category_id=category.id,
        category_name_id=category.name_id, category_name_en=category.name_en, priority=incident.priority,
        status=incident.status, reporter_name=incident.reporter_name, callback_number=incident.callback_number,
        kecamatan_code=incident.kecamatan_code, kecamatan_name=names.get(incident.kecamatan_code or ""),
        desa_code=incident.desa_code, desa_name=names.get(incident.desa_code or ""), address=incident.address,
        landmark=incident.landmark, latitude=incident.latitude, longitude=incident.longitude,
        description=incident.description, disposition=incident.disposition, created_at=incident.created_at,
        created_by=created_by, assigned_to_id=incident.assigned_to_id, updated_at=incident.updated_at,
        closed_at=incident.closed_at, version=incident.version,
        answers=answers_of(session, incident.id) if answers else (),
    )
