"""The data model: typed SQLAlchemy 2.0 declarative classes. All timestamps are UTC (see UTCDateTime).

Hot paths (intake, queues, reports) use Core statements on these tables; the ORM classes serve the
services' single-entity work and the migrations.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from callcenter.db.enums import (
    AreaLevel,
    CallState,
    CallType,
    CategoryKind,
    Channel,
    DeliveryChannel,
    Direction,
    DispatchStatus,
    IncidentStatus,
    NoteKind,
    OutboxState,
    Presentation,
    Priority,
    Role,
    UnitStatus,
)
from callcenter.db.types import UTCDateTime, str_enum

# Stable constraint names so migrations are reproducible on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Autoincrementing big integers on PostgreSQL, plain INTEGER PRIMARY KEY (rowid) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, 16))
    # Never loaded with the row: on PostgreSQL the application role may not read it at all (see
    # callcenter.db.credentials); reading it by accident raises at once on every backend.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True, deferred_raiseload=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """The password was given to the account (a published demo password): the next login must replace it."""


class CidSource(Base):
    """A configured caller-ID source (a URL); ``host`` names the one desk or service that opens it."""

    __tablename__ = "cid_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(String(500))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    host: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Line(Base):
    """A telephone line as caller ID reports it (one source may carry several lines)."""

    __tablename__ = "lines"
    __table_args__ = (UniqueConstraint("source_key", "code", name="uq_lines_source_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Caller(Base):
    """What the centre knows about one number (E.164)."""

    __tablename__ = "callers"

    id: Mapped[int] = mapped_column(primary_key=True)
    e164: Mapped[str] = mapped_column(String(20), unique=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    prank_count: Mapped[int] = mapped_column(Integer, default=0)
    ghost_count: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    block_reason: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        Index("ix_calls_received_at", "received_at"),
        Index("ix_calls_e164_received_at", "e164", "received_at"),
        Index("ix_calls_state_received_at", "state", "received_at"),
        Index("ix_calls_incident_id", "incident_id"),
        Index("ix_calls_claimed_by_state", "claimed_by_id", "state"),
        # Only calls linked to an incident: a caller's incidents without walking all its calls (0005).
        Index("ix_calls_e164_incident", "e164", "incident_id", sqlite_where=text("incident_id IS NOT NULL"),
              postgresql_where=text("incident_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200), unique=True)
    line_id: Mapped[int | None] = mapped_column(ForeignKey("lines.id"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel), default=Channel.TELEPON_112)
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, 10), default=Direction.INCOMING)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    number_raw: Mapped[str | None] = mapped_column(String(40))
    e164: Mapped[str | None] = mapped_column(String(20))
    presentation: Mapped[Presentation] = mapped_column(str_enum(Presentation, 12), default=Presentation.ALLOWED)
    cid_name: Mapped[str | None] = mapped_column(String(80))
    cid_verified: Mapped[bool | None] = mapped_column(Boolean)
    state: Mapped[CallState] = mapped_column(str_enum(CallState, 10), default=CallState.RINGING)
    answered_channel: Mapped[str | None] = mapped_column(String(80))
    """The desk channel that answered, as the line reported it (``PJSIP/201-0000002a``) (0007)."""
    answered_extension: Mapped[str | None] = mapped_column(String(40))
    answered_via: Mapped[str | None] = mapped_column(String(10))
    """``line``: the caller-ID source said a desk answered; NULL: claimed on the console (or not answered)."""
    talk_s: Mapped[int | None] = mapped_column(Integer)
    """Seconds from the answer to the end of the call (``duration_s`` counts from its arrival)."""
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    call_type: Mapped[CallType | None] = mapped_column(str_enum(CallType, 16))
    classified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    callback_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    callback_note: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)

    claimed_by: Mapped[Operator | None] = relationship(foreign_keys=[claimed_by_id])


category_agencies = Table(
    "category_agencies",
    Base.metadata,
    Column("category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
)


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    kind: Mapped[CategoryKind] = mapped_column(str_enum(CategoryKind, 16))
    default_priority: Mapped[Priority] = mapped_column(str_enum(Priority, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    default_agencies: Mapped[list[Agency]] = relationship(secondary=category_agencies)


class CategoryQuestion(Base):
    """What the operator asks a caller for a category (Kebakaran: anyone trapped?); admins edit them. A removed
    question is kept inactive: ``db upgrade`` adds shipped questions by ``code`` and must not bring it back."""

    __tablename__ = "category_questions"
    __table_args__ = (Index("ix_category_questions_category", "category_id", "sort_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"))
    code: Mapped[str | None] = mapped_column(String(60), unique=True)
    """The shipped question's key (resources/data/category_questions.csv); None for an admin's own."""
    prompt_id: Mapped[str] = mapped_column(String(200))
    prompt_en: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Area(Base):
    """Kabupaten, kecamatan and desa/kelurahan keyed by Kemendagri code (32.14, 32.14.01, 32.14.01.1001)."""

    __tablename__ = "areas"
    __table_args__ = (Index("ix_areas_parent_code", "parent_code"),)

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    level: Mapped[AreaLevel] = mapped_column(str_enum(AreaLevel, 16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    kind: Mapped[str | None] = mapped_column(String(12))
    """desa or kelurahan for the lowest level."""
    postcode: Mapped[str | None] = mapped_column(String(5))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    whatsapp: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    """Where the agency's post is (set on the map by an admin); None until set."""
    longitude: Mapped[float | None] = mapped_column(Float)


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    call_sign: Mapped[str] = mapped_column(String(40), unique=True)
    unit_type: Mapped[str] = mapped_column(String(40))
    status: Mapped[UnitStatus] = mapped_column(str_enum(UnitStatus, 16), default=UnitStatus.AVAILABLE)
    status_since: Mapped[datetime] = mapped_column(UTCDateTime)
    current_incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    home_desa_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    """Where the unit is stationed; its desa centroid ranks "nearest unit" when no coordinates are set."""
    home_latitude: Mapped[float | None] = mapped_column(Float)
    home_longitude: Mapped[float | None] = mapped_column(Float)


class IncidentCounter(Base):
    """The last sequence number used for each year's incident numbers (112/2026/000123)."""

    __tablename__ = "incident_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_status_created_at", "status", "created_at"),
        Index("ix_incidents_created_at", "created_at"),
        Index("ix_incidents_desa_code", "desa_code"),
        Index("ix_incidents_category_created", "category_id", "created_at"),
        Index("ix_incidents_assigned_status", "assigned_to_id", "status"),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    priority: Mapped[Priority] = mapped_column(str_enum(Priority, 2))
    status: Mapped[IncidentStatus] = mapped_column(str_enum(IncidentStatus, 16), default=IncidentStatus.OPEN)
    reporter_name: Mapped[str | None] = mapped_column(String(120))
    callback_number: Mapped[str | None] = mapped_column(String(40))
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    desa_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    address: Mapped[str | None] = mapped_column(String(500))
    landmark: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    """Optimistic lock: every update is conditional on the version the editor read."""

    category: Mapped[Category] = relationship()


class IncidentNote(Base):
    """The incident's timeline: notes, linked calls, status changes, dispatch steps."""

    __tablename__ = "incident_notes"
    __table_args__ = (Index("ix_incident_notes_incident_at", "incident_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    kind: Mapped[NoteKind] = mapped_column(str_enum(NoteKind, 16))
    text: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class IncidentAnswer(Base):
    """A category question and the caller's answer, as asked when the incident was logged (the question's words
    are kept: an admin may reword or remove the question later)."""

    __tablename__ = "incident_answers"
    __table_args__ = (Index("ix_incident_answers_incident", "incident_id", "position"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("category_questions.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(String(500))


class Dispatch(Base):
    """One forward of an incident to an agency (and optionally one of its units)."""

    __tablename__ = "dispatches"
    __table_args__ = (
        Index("ix_dispatches_incident_id", "incident_id"),
        Index("ix_dispatches_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    status: Mapped[DispatchStatus] = mapped_column(str_enum(DispatchStatus, 16), default=DispatchStatus.NOTIFIED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    on_scene_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    en_route_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channels: Mapped[list[str] | None] = mapped_column(JSON)
    """The delivery channels the operator chose for this forward (print, whatsapp, email, webhook)."""


class DispatchEvent(Base):
    __tablename__ = "dispatch_events"
    __table_args__ = (Index("ix_dispatch_events_dispatch_id", "dispatch_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    dispatch_id: Mapped[int] = mapped_column(ForeignKey("dispatches.id"))
    status: Mapped[DispatchStatus] = mapped_column(str_enum(DispatchStatus, 16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    note: Mapped[str | None] = mapped_column(String(500))


class OutboxMessage(Base):
    """A delivery waiting to go out (durable: a crash never loses it; a worker retries with backoff)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    dispatch_id: Mapped[int | None] = mapped_column(ForeignKey("dispatches.id"))
    channel: Mapped[DeliveryChannel] = mapped_column(str_enum(DeliveryChannel, 12))
    target: Mapped[str] = mapped_column(String(500))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[OutboxState] = mapped_column(str_enum(OutboxState, 12), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """A lease: a worker that dies mid-send loses its claim when this passes, and another desk retries."""


class ShiftDefinition(Base):
    """A shift by local (WIB) wall-clock times; ``end_time`` before ``start_time`` crosses midnight."""

    __tablename__ = "shift_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ShiftSession(Base):
    """An operator's time on a desk within a shift, with the handover note written at logout."""

    __tablename__ = "shift_sessions"
    __table_args__ = (Index("ix_shift_sessions_date_code", "shift_date", "shift_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    shift_code: Mapped[str] = mapped_column(String(20))
    shift_date: Mapped[date] = mapped_column(Date)
    desk: Mapped[str | None] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handover_note: Mapped[str | None] = mapped_column(Text)


class AuditEntry(Base):
    """Append-only: services only ever insert here."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    detail: Mapped[str | None] = mapped_column(String(1000))


class ChangeFeedEntry(Base):
    """Monotonic log of changes that desks follow (the truth behind LISTEN/NOTIFY wake-ups)."""

    __tablename__ = "change_feed"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))


class Setting(Base):
    """Centre-wide settings an admin edits (repeat-prank rule, SLA thresholds, report header, ...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Desk(Base):
    """A running console or line service (presence): one row per desk, refreshed by its heartbeat.

    ``online`` is the last state announced on the change feed; a desk whose heartbeat is older than the
    timeout counts as offline even before anyone has announced it.
    """

    __tablename__ = "desks"
    __table_args__ = (Index("ix_desks_operator_id", "operator_id"),)

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    """Host name plus an optional instance suffix (``PC-OPS-1``, ``PC-OPS-1#2``)."""
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_heartbeat: Mapped[datetime] = mapped_column(UTCDateTime)
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    line_host: Mapped[bool] = mapped_column(Boolean, default=False)
    app_version: Mapped[str | None] = mapped_column(String(40))
    desk_key: Mapped[str | None] = mapped_column(String(64))
    """The identity key of the console instance that holds this name (callcenter.services.desk_identity)."""


class CallerLocation(Base):
    """A caller's position sent by the handset (Advanced Mobile Location, by SMS or HTTPS).

    Every message is kept, duplicates and late ones too; ``call_id`` is the call it was attached to (None while
    it waits for its call, which the supervisor sees).
    """

    __tablename__ = "caller_locations"
    __table_args__ = (
        Index("ix_caller_locations_call_received", "call_id", "received_at"),
        Index("ix_caller_locations_e164_received", "e164", "received_at"),
        Index("ix_caller_locations_received_at", "received_at"),
        # Only the waiting ones: intake looks here for every new call, so it must stay tiny.
        Index("ix_caller_locations_waiting", "e164", "received_at", sqlite_where=text("call_id IS NULL"),
              postgresql_where=text("call_id IS NULL")),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    transport: Mapped[str] = mapped_column(String(10))
    """sms or https."""
    source_key: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str | None] = mapped_column(String(40))
    e164: Mapped[str | None] = mapped_column(String(20))
    raw: Mapped[str] = mapped_column(Text)
    pdus: Mapped[list[str] | None] = mapped_column(JSON)
    version: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    positioned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confidence: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(10))
    imsi: Mapped[str | None] = mapped_column(String(20))
    imei: Mapped[str | None] = mapped_column(String(20))
    mcc: Mapped[str | None] = mapped_column(String(3))
    mnc: Mapped[str | None] = mapped_column(String(3))
    length_ok: Mapped[bool | None] = mapped_column(Boolean)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """What else the message said (emergency number, altitude, languages, problems found)."""
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attached_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    """Who attached it by hand (None when intake matched it by number)."""


class SmsMessage(Base):
    """An ordinary SMS that reached the centre's GSM modem: kept for the operators, never thrown away."""

    __tablename__ = "sms_messages"
    __table_args__ = (Index("ix_sms_messages_received_at", "received_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source_key: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str | None] = mapped_column(String(40))
    e164: Mapped[str | None] = mapped_column(String(20))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    text: Mapped[str | None] = mapped_column(Text)
    pdus: Mapped[list[str] | None] = mapped_column(JSON)
    parts_expected: Mapped[int] = mapped_column(Integer, default=1)
    parts_received: Mapped[int] = mapped_column(Integer, default=1)
    problem: Mapped[str | None] = mapped_column(String(500))
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
