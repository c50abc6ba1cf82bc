"""A realistic, deterministic demo history (``db seed-demo``): bulk Core inserts, 100,000 calls in seconds.

Numbers use real Indonesian mobile prefixes and 0264 landlines; about three calls in four are prank or ghost
calls, many from a few repeat offenders; incidents spread over categories and kecamatan, with dispatches and
their status timelines, across all three shifts.

Accounts (``logins``): the history needs operators to have answered its calls. ``DemoLogins.DEMO`` (the ``--demo``
console's own throwaway database) gives every demo account the published password, ready to use;
``MUST_CHANGE`` gives it too but each account must choose its own at its first login; ``NONE`` (``db seed-demo``
on a real database, unless asked) creates only the operators the history needs, and none of them can log in.
An account that exists already is kept as it is.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.clock import WIB
from callcenter.db.database import Database
from callcenter.db.enums import (
    AreaLevel,
    CallState,
    CallType,
    CategoryKind,
    Channel,
    DispatchStatus,
    IncidentStatus,
    NoteKind,
    Role,
    UnitStatus,
)
from callcenter.db.models import (
    Agency,
    Area,
    Call,
    Caller,
    Category,
    ChangeFeedEntry,
    Dispatch,
    DispatchEvent,
    Incident,
    IncidentCounter,
    IncidentNote,
    Line,
    Operator,
    ShiftDefinition,
    ShiftSession,
    Unit,
    category_agencies,
)
from callcenter.errors import ConflictError
from callcenter.services.auth import NO_PASSWORD, hash_password
from callcenter.services.base import SYSTEM, audit
from callcenter.shift_windows import ShiftSpec, window
from callcenter.synthetic import CallerPool, person_name

DEMO_PASSWORD = "konsol112"
DEMO_OPERATORS = (
    ("operator1", "Asep Saputra", Role.OPERATOR),
    ("operator2", "Siti Rahayu", Role.OPERATOR),
    ("operator3", "Dede Kurniawan", Role.OPERATOR),
    ("operator4", "Euis Lestari", Role.OPERATOR),
    ("operator5", "Rudi Hermawan", Role.OPERATOR),
    ("operator6", "Neneng Nugraha", Role.OPERATOR),
    ("supervisor", "Hendra Permana", Role.SUPERVISOR),
    ("admin", "Admin Diskominfo", Role.ADMIN),
)
DEMO_UNITS = (  # agency code, call sign, type
    ("damkar", "DAMKAR-01", "mobil damkar"), ("damkar", "DAMKAR-02", "mobil damkar"),
    ("damkar", "DAMKAR-03", "mobil damkar"), ("damkar", "RESCUE-01", "rescue"),
    ("bpbd", "BPBD-01", "rescue"), ("bpbd", "BPBD-PK-01", "perahu karet"),
    ("dinkes", "AMB-PKM-01", "ambulans"), ("dinkes", "AMB-PKM-02", "ambulans"),
    ("dinkes", "AMB-PKM-03", "ambulans"), ("rsud", "AMB-RSUD-01", "ambulans"),
    ("rsud", "AMB-RSUD-02", "ambulans"), ("polres", "PATROLI-01", "patroli"),
    ("polres", "PATROLI-02", "patroli"), ("polres", "PATROLI-03", "patroli"),
    ("satpolpp", "SATPOL-01", "patroli"), ("dishub", "DISHUB-01", "derek"),
)
# Where each demo unit is stationed (desa code): "nearest unit" ranks by these centroids.
DEMO_UNIT_BASES = {
    "DAMKAR-01": "32.14.01.1001", "DAMKAR-02": "32.14.04.2001", "DAMKAR-03": "32.14.09.2001",
    "RESCUE-01": "32.14.01.1001", "BPBD-01": "32.14.01.1003", "BPBD-PK-01": "32.14.03.2001",
    "AMB-PKM-01": "32.14.04.2001", "AMB-PKM-02": "32.14.06.2001", "AMB-PKM-03": "32.14.14.2001",
    "AMB-RSUD-01": "32.14.01.1002", "AMB-RSUD-02": "32.14.01.1002", "PATROLI-01": "32.14.01.1001",
    "PATROLI-02": "32.14.12.2001", "PATROLI-03": "32.14.05.2001", "SATPOL-01": "32.14.01.1003",
    "DISHUB-01": "32.14.01.1006",
}
# Share of answered calls by type; offenders lean heavily to prank/ghost (the pattern Indonesian centres report).
TYPE_WEIGHTS = {
    CallType.PRANK: 40, CallType.GHOST: 33, CallType.SALAH_SAMBUNG: 5, CallType.INFORMASI: 8,
    CallType.TEST: 2, CallType.NORMAL: 12,
}
OFFENDER_TYPE_WEIGHTS = {CallType.PRANK: 60, CallType.GHOST: 38, CallType.SALAH_SAMBUNG: 2}
# Calls per hour of day (WIB): quiet at night, busiest after school and in the evening.
HOURLY = (2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 7, 6, 6, 7, 8, 9, 9, 10, 10, 9, 7, 5, 3)
MISSED_SHARE = 0.06
CATEGORY_WEIGHTS = {
    "kebakaran": 12, "kecelakaan_lalu_lintas": 14, "kecelakaan_kerja": 3, "kesehatan": 18, "kriminalitas": 5,
    "kdrt": 2, "kamtibmas": 6, "bencana_alam": 5, "pohon_tumbang": 8, "evakuasi_hewan": 9, "orang_hilang": 2,
    "odgj_ppks": 3, "gangguan_listrik": 4, "gangguan_air": 2, "pju": 2, "kerusakan_jalan_bangunan": 2,
    "pengaduan_pelayanan": 2, "permintaan_informasi": 1, "lainnya": 1,
}
DESCRIPTIONS = {
    "kebakaran": "Api terlihat dari {what} warga, asap tebal, warga mencoba memadamkan dengan ember.",
    "kecelakaan_lalu_lintas": "Tabrakan {what} di jalan raya, satu orang terluka dan belum dievakuasi.",
    "kesehatan": "Pasien {what} tidak sadarkan diri, keluarga meminta ambulans.",
    "pohon_tumbang": "Pohon tumbang menutup {what}, kendaraan tidak bisa lewat.",
    "evakuasi_hewan": "Sarang tawon {what} di dekat rumah warga, anak-anak ketakutan.",
    "bencana_alam": "Air meluap setinggi {what}, beberapa rumah terendam.",
}
FILLERS = ("rumah", "motor dan mobil", "lansia", "setengah jalan", "besar", "lutut orang dewasa", "gudang",
           "truk dan angkot", "ibu hamil", "akses kampung")


class DemoLogins(StrEnum):
    """What the demo accounts may do (see the module's docstring)."""

    NONE = "none"
    MUST_CHANGE = "must-change"
    DEMO = "demo"


@dataclass(frozen=True)
class SeedCounts:
    calls: int
    incidents: int
    dispatches: int
    callers: int
    accounts_created: tuple[str, ...]
    """Usernames of the accounts this run created (what they may do: ``logins``)."""
    accounts_kept: tuple[str, ...]
    """Demo usernames that existed already and were left exactly as they were."""
    logins: DemoLogins
    seconds: float

    @property
    def operators_created(self) -> int:
        return len(self.accounts_created)


class _Ids:
    """Explicit primary keys so related rows can be built before anything is inserted."""

    def __init__(self, session: Session, table: Table) -> None:
        self.next = (session.scalar(select(func.max(table.c.id))) or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed_demo(db: Database, *, days: int = 30, calls_per_day: int = 150, seed: int = 1,
              now: datetime | None = None, progress: Callable[[str], None] | None = None,
              logins: DemoLogins = DemoLogins.DEMO) -> SeedCounts:
    import time as _time

    started = _time.perf_counter()
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).replace(microsecond=0)
    start = end - timedelta(days=days)
    say = progress or (lambda _message: None)
    with db.write() as session:
        operators, created, kept = _ensure_operators(session, end, logins)
        lines = _ensure_lines(session, end)
        units = _ensure_units(session, end)
        categories = {c.code: c for c in session.scalars(select(Category))}
        defaults = defaultdict(list)
        for category_id, agency_id in session.execute(select(category_agencies)).all():
            defaults[category_id].append(agency_id)
        desa = [a for a in session.scalars(select(Area).where(Area.level == AreaLevel.DESA_KELURAHAN))]
        shift_specs = [ShiftSpec(s.code, s.name, s.start_time, s.end_time)
                       for s in session.scalars(select(ShiftDefinition).order_by(ShiftDefinition.sort_order))]
        if not categories or not desa or not shift_specs:
            raise ConflictError("reference data is missing; run 'db upgrade' first", code="database.no_reference")
        builder = _Builder(rng, session, seed, operators, lines, units, categories, defaults, desa, end)
        for moment in _call_times(rng, start, end, calls_per_day):
            builder.add_call(moment)
        builder.add_shift_sessions(shift_specs, start, end)
        say(f"built {len(builder.calls):,} calls, {len(builder.incidents):,} incidents in memory")
        try:
            builder.insert_all()
        except IntegrityError as exc:
            raise ConflictError(f"demo history for seed {seed} is already in this database",
                                code="demo.already_seeded", seed=seed) from exc
        audit(session, SYSTEM, "demo.seed", "database", None, end,
              detail=f"{len(builder.calls)} calls over {days} days, seed {seed}")
        session.execute(insert(ChangeFeedEntry).values(at=end, entity="database", entity_id="seed", action="reload"))
        if db.dialect == "postgresql":
            for table in ("calls", "incidents", "dispatches", "dispatch_events", "incident_notes", "callers",
                          "shift_sessions"):
                _advance_sequence(session, table)
    return SeedCounts(len(builder.calls), len(builder.incidents), len(builder.dispatches), builder.caller_count,
                      created, kept, logins, _time.perf_counter() - started)


def _advance_sequence(session: Session, table: str) -> None:
    """Move the id sequence past the explicit ids just inserted. With nextval, not setval: the application
    role may use a sequence but not set it (callcenter.db.roles)."""
    sequence = f"pg_get_serial_sequence('{table}', 'id')"
    current = session.scalar(text(f"SELECT nextval({sequence})"))
    highest = session.scalar(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}"))  # noqa: S608 - fixed names
    if current is not None and highest is not None and highest > current:
        session.execute(text(f"SELECT count(nextval({sequence})) FROM generate_series(1, :n)"),  # noqa: S608
                        {"n": highest - current})


def _call_times(rng: random.Random, start: datetime, end: datetime, per_day: int) -> Iterator[datetime]:
    total_weight = sum(HOURLY)
    day = start.astimezone(WIB).replace(minute=0, second=0, hour=0)
    while day < end:
        for hour, weight in enumerate(HOURLY):
            expected = per_day * weight / total_weight
            count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
            for _ in range(count):
                moment = (day + timedelta(hours=hour, seconds=rng.uniform(0, 3600))).astimezone(UTC)
                if start <= moment < end:
                    yield moment.replace(microsecond=0)
        day += timedelta(days=1)


def _ensure_operators(session: Session, now: datetime,
                      logins: DemoLogins) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]:
    """The operators the history is built on; returns their ids, the usernames created and those kept."""
    existing = dict(session.execute(select(Operator.username, Operator.id)).all())
    created: list[str] = []
    kept: list[str] = []
    password_hash = NO_PASSWORD if logins is DemoLogins.NONE else hash_password(DEMO_PASSWORD)
    for username, full_name, role in DEMO_OPERATORS:
        if username in existing:
            kept.append(username)
            continue
        if logins is DemoLogins.NONE and role is not Role.OPERATOR:
            continue  # a supervisor or admin who cannot log in would only clutter the account list
        operator = Operator(username=username, full_name=full_name, role=role, password_hash=password_hash,
                            active=True, failed_logins=0, created_at=now,
                            password_changed_at=None if logins is DemoLogins.NONE else now,
                            must_change_password=logins is DemoLogins.MUST_CHANGE)
        session.add(operator)
        session.flush()
        audit(session, SYSTEM, "operator.create", "operator", operator.id, now,
              after={"username": username, "full_name": full_name, "role": role, "logins": str(logins)})
        existing[username] = operator.id
        created.append(username)
    return ({name: existing[name] for name, _, role in DEMO_OPERATORS if role is Role.OPERATOR}, tuple(created),
            tuple(kept))


def _ensure_lines(session: Session, now: datetime) -> list[int]:
    ids = []
    for code in ("1", "2"):
        line_id = session.scalar(select(Line.id).where(Line.source_key == "sim", Line.code == code))
        if line_id is None:
            line = Line(source_key="sim", code=code, name=f"Line {code}", active=True, created_at=now)
            session.add(line)
            session.flush()
            line_id = line.id
        ids.append(line_id)
    return ids


def _ensure_units(session: Session, now: datetime) -> dict[int, list[int]]:
    agencies = dict(session.execute(select(Agency.code, Agency.id)).all())
    existing = set(session.scalars(select(Unit.call_sign)))
    for agency_code, call_sign, unit_type in DEMO_UNITS:
        if call_sign not in existing and agency_code in agencies:
            session.add(Unit(agency_id=agencies[agency_code], call_sign=call_sign, unit_type=unit_type,
                             status=UnitStatus.AVAILABLE, status_since=now, active=True,
                             home_desa_code=DEMO_UNIT_BASES.get(call_sign)))
    session.flush()
    by_agency: dict[int, list[int]] = defaultdict(list)
    for unit_id, agency_id in session.execute(select(Unit.id, Unit.agency_id)).all():
        by_agency[agency_id].append(unit_id)
    return by_agency


class _Builder:
    def __init__(self, rng: random.Random, session: Session, seed: int, operators: dict[str, int],
                 lines: list[int], units: dict[int, list[int]], categories: dict[str, Category],
                 defaults: dict[int, list[int]], desa: list[Area], end: datetime) -> None:
        self.rng = rng
        self.session = session
        self.seed = seed
        self.operator_ids = list(operators.values())
        self.lines = lines
        self.units = units
        self.categories = categories
        self.defaults = defaults
        self.desa = desa
        self.end = end
        self.pool = CallerPool(rng, offenders=60)
        self.call_ids = _Ids(session, Call.__table__)  # type: ignore[arg-type]
        self.incident_ids = _Ids(session, Incident.__table__)  # type: ignore[arg-type]
        self.dispatch_ids = _Ids(session, Dispatch.__table__)  # type: ignore[arg-type]
        self.calls: list[dict[str, Any]] = []
        self.incidents: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self.dispatches: list[dict[str, Any]] = []
        self.dispatch_events: list[dict[str, Any]] = []
        # Units on a dispatch that is still open at the end of the history: (status, since, incident id).
        self.busy_units: dict[int, tuple[UnitStatus, datetime, int]] = {}
        self.shift_sessions: list[dict[str, Any]] = []
        self.counters: dict[int, int] = {}
        for year, last in session.execute(select(IncidentCounter.year, IncidentCounter.last_seq)).all():
            self.counters[year] = last
        self.caller_stats: dict[str, dict[str, Any]] = {}
        self.recent_open: list[dict[str, Any]] = []
        self.caller_count = 0

    # -- calls and incidents -------------------------------------------------------------------------
    def add_call(self, received: datetime) -> None:
        rng = self.rng
        caller = self.pool.draw()
        e164 = phone.to_e164(caller.number) if caller.number else None
        call_id = self.call_ids.take()
        row: dict[str, Any] = {
            "id": call_id, "event_key": f"demo:{self.seed}:{len(self.calls)}", "line_id": rng.choice(self.lines),
            "channel": Channel.TELEPON_112, "direction": "incoming", "received_at": received,
            "answered_at": None, "ended_at": None, "device_time": None, "duration_s": None,
            "number_raw": caller.number, "e164": e164,
            "presentation": "private" if caller.withheld else "allowed", "cid_name": caller.name,
            "cid_verified": None, "state": CallState.ENDED, "claimed_by_id": None, "call_type": None,
            "classified_at": None, "incident_id": None, "callback_at": None, "callback_by_id": None,
            "callback_note": None, "note": None,
        }
        recent = received > self.end - timedelta(minutes=3)
        if recent and rng.random() < 0.5:
            row["state"] = CallState.RINGING  # a few calls still ring when the demo opens
        elif rng.random() < MISSED_SHARE:
            row["state"] = CallState.MISSED
            row["ended_at"] = received + timedelta(seconds=rng.randint(5, 40))
            if rng.random() < 0.7 and not recent and e164:
                row["callback_at"] = row["ended_at"] + timedelta(minutes=rng.randint(1, 30))
                row["callback_by_id"] = rng.choice(self.operator_ids)
        else:
            self._answer(row, caller.repeat_offender, received)
        self.calls.append(row)
        if e164:
            stats = self.caller_stats.setdefault(e164, {"first": received, "last": received, "n": 0, "prank": 0,
                                                        "ghost": 0, "recent_bad": 0})
            stats["last"] = received
            stats["n"] += 1
            if row["call_type"] == CallType.PRANK:
                stats["prank"] += 1
            elif row["call_type"] == CallType.GHOST:
                stats["ghost"] += 1
            if row["call_type"] in (CallType.PRANK, CallType.GHOST) and received > self.end - timedelta(hours=24):
                stats["recent_bad"] += 1

    def _answer(self, row: dict[str, Any], offender: bool, received: datetime) -> None:
        rng = self.rng
        answer_s = min(int(rng.lognormvariate(1.9, 0.6)), 90)
        answered = received + timedelta(seconds=answer_s)
        call_type = _weighted(rng, OFFENDER_TYPE_WEIGHTS if offender else TYPE_WEIGHTS)
        talk = {CallType.GHOST: rng.randint(3, 15), CallType.PRANK: rng.randint(5, 40),
                CallType.NORMAL: rng.randint(40, 240)}.get(call_type, rng.randint(15, 90))
        row.update(answered_at=answered, ended_at=answered + timedelta(seconds=talk), duration_s=answer_s + talk,
                   claimed_by_id=rng.choice(self.operator_ids), call_type=call_type,
                   classified_at=answered + timedelta(seconds=talk))
        if call_type is CallType.NORMAL and row["ended_at"] < self.end:
            row["incident_id"] = self._incident_for(row)

    def _incident_for(self, call: dict[str, Any]) -> int:
        rng = self.rng
        at: datetime = call["classified_at"]
        # Many callers report the same event: link to a fresh open incident of the last half hour sometimes.
        self.recent_open = [i for i in self.recent_open if i["created_at"] > at - timedelta(minutes=30)]
        if self.recent_open and rng.random() < 0.25:
            incident = rng.choice(self.recent_open)
            self.notes.append(self._note(incident["id"], at, call["claimed_by_id"], NoteKind.CALL_LINKED,
                                         "Panggilan tambahan untuk kejadian yang sama", {"call_id": call["id"]}))
            return int(incident["id"])
        code = _weighted(rng, CATEGORY_WEIGHTS)
        category = self.categories[code]
        place = rng.choice(self.desa)
        year = at.astimezone(WIB).year
        self.counters[year] = self.counters.get(year, 0) + 1
        seq = self.counters[year]
        incident_id = self.incident_ids.take()
        age = self.end - at
        status = IncidentStatus.CLOSED if age > timedelta(hours=6) else rng.choice(
            [IncidentStatus.OPEN, IncidentStatus.DISPATCHED, IncidentStatus.IN_PROGRESS, IncidentStatus.CLOSED])
        template = DESCRIPTIONS.get(code, "Laporan warga tentang {what}, mohon ditindaklanjuti.")
        incident = {
            "id": incident_id, "number": f"112/{year}/{seq:06d}", "year": year, "seq": seq,
            "channel": Channel.TELEPON_112, "category_id": category.id, "priority": category.default_priority,
            "status": status, "reporter_name": person_name(rng), "callback_number": call["number_raw"],
            "kecamatan_code": place.parent_code, "desa_code": place.code,
            "address": f"Kp. {rng.choice(('Babakan', 'Cibening', 'Sukamaju', 'Pasir', 'Cijati'))} RT "
                       f"{rng.randint(1, 9):02d}/RW {rng.randint(1, 9):02d}",
            "landmark": rng.choice((None, "dekat masjid", "depan SD", "samping warung", "dekat pos ronda")),
            "latitude": None, "longitude": None,
            "description": template.format(what=rng.choice(FILLERS)),
            "disposition": "Ditangani oleh instansi terkait" if status is IncidentStatus.CLOSED else None,
            "created_at": at, "created_by_id": call["claimed_by_id"], "assigned_to_id": call["claimed_by_id"],
            "updated_at": at, "first_dispatched_at": None,
            "closed_at": at + timedelta(minutes=rng.randint(30, 240)) if status is IncidentStatus.CLOSED else None,
            "closed_by_id": call["claimed_by_id"] if status is IncidentStatus.CLOSED else None, "version": 1,
        }
        self.incidents.append(incident)
        self.recent_open.append(incident)
        self.notes.append(self._note(incident_id, at, call["claimed_by_id"], NoteKind.CREATED,
                                     f"Kejadian {incident['number']} dibuat", None))
        if category.kind is CategoryKind.EMERGENCY or rng.random() < 0.5:
            self._dispatch(incident, category)
        if incident["closed_at"]:
            self.notes.append(self._note(incident_id, incident["closed_at"], call["claimed_by_id"],
                                         NoteKind.CLOSED, "Ditutup: Ditangani oleh instansi terkait", None))
        return incident_id

    def _dispatch(self, incident: dict[str, Any], category: Category) -> None:
        rng = self.rng
        agencies = self.defaults.get(category.id, [])[:2]
        at = incident["created_at"] + timedelta(seconds=rng.randint(20, 180))
        if not agencies or at >= self.end:
            return
        incident["first_dispatched_at"] = at
        final_status = {IncidentStatus.CLOSED: DispatchStatus.CLEARED, IncidentStatus.IN_PROGRESS:
                        DispatchStatus.ON_SCENE, IncidentStatus.DISPATCHED: DispatchStatus.NOTIFIED}.get(
                            incident["status"], DispatchStatus.NOTIFIED)
        if incident["status"] is IncidentStatus.OPEN:
            incident["status"] = IncidentStatus.DISPATCHED
        for agency_id in agencies:
            dispatch_id = self.dispatch_ids.take()
            units = self.units.get(agency_id)
            unit_id = rng.choice(units) if units and rng.random() < 0.7 else None
            steps = [DispatchStatus.NOTIFIED, DispatchStatus.ACKNOWLEDGED, DispatchStatus.EN_ROUTE,
                     DispatchStatus.ON_SCENE, DispatchStatus.CLEARED]
            steps = steps[: steps.index(final_status) + 1]
            if final_status is not DispatchStatus.CLEARED and unit_id in self.busy_units:
                unit_id = None  # a unit is on one open incident at a time
            moment = at
            times: dict[DispatchStatus, datetime] = {}
            for step in steps:
                if step is not DispatchStatus.NOTIFIED:
                    moment += timedelta(seconds={DispatchStatus.ACKNOWLEDGED: rng.randint(30, 400),
                                                 DispatchStatus.EN_ROUTE: rng.randint(30, 300),
                                                 DispatchStatus.ON_SCENE: rng.randint(300, 1800),
                                                 DispatchStatus.CLEARED: rng.randint(600, 5400)}[step])
                moment = min(moment, self.end - timedelta(seconds=1))
                times[step] = moment
                self.dispatch_events.append({"dispatch_id": dispatch_id, "status": step, "at": moment,
                                             "operator_id": incident["created_by_id"], "note": None})
            self.dispatches.append({
                "id": dispatch_id, "incident_id": incident["id"], "agency_id": agency_id, "unit_id": unit_id,
                "status": steps[-1], "created_at": at, "created_by_id": incident["created_by_id"],
                "updated_at": times[steps[-1]], "acknowledged_at": times.get(DispatchStatus.ACKNOWLEDGED),
                "on_scene_at": times.get(DispatchStatus.ON_SCENE), "cleared_at": times.get(DispatchStatus.CLEARED),
                "en_route_at": times.get(DispatchStatus.EN_ROUTE), "channels": ["print"],
            })
            if unit_id is not None and final_status is not DispatchStatus.CLEARED:
                unit_status = {DispatchStatus.EN_ROUTE: UnitStatus.EN_ROUTE,
                               DispatchStatus.ON_SCENE: UnitStatus.ON_SCENE}.get(final_status, UnitStatus.DISPATCHED)
                self.busy_units[unit_id] = (unit_status, times[steps[-1]], incident["id"])
            self.notes.append(self._note(incident["id"], at, incident["created_by_id"], NoteKind.DISPATCH,
                                         "Diteruskan ke instansi", {"dispatch_id": dispatch_id}))

    @staticmethod
    def _note(incident_id: int, at: datetime, operator_id: int | None, kind: NoteKind, text_: str,
              data: dict[str, Any] | None) -> dict[str, Any]:
        return {"incident_id": incident_id, "at": at, "operator_id": operator_id, "kind": kind, "text": text_,
                "data": data}

    # -- shifts ----------------------------------------------------------------------------------------
    def add_shift_sessions(self, specs: list[ShiftSpec], start: datetime, end: datetime) -> None:
        day = start.astimezone(WIB).date() - timedelta(days=1)
        last = end.astimezone(WIB).date()
        while day <= last:
            for spec in specs:
                shift = window(spec, day)
                if shift.end_utc <= start or shift.start_utc >= end:
                    continue
                for operator_id in self.rng.sample(self.operator_ids, k=self.rng.randint(2, 4)):
                    finished = shift.end_utc <= end
                    self.shift_sessions.append({
                        "operator_id": operator_id, "shift_code": spec.code, "shift_date": day, "desk": None,
                        "started_at": max(shift.start_utc, start),
                        "ended_at": shift.end_utc if finished else None,
                        "handover_note": "Situasi kondusif, tidak ada kejadian menonjol." if finished else None,
                    })
            day += timedelta(days=1)

    # -- writing ---------------------------------------------------------------------------------------
    def insert_all(self) -> None:
        session = self.session
        callers = []
        for e164, stats in self.caller_stats.items():
            blocked = stats["recent_bad"] >= 3
            callers.append({
                "e164": e164, "first_seen": stats["first"], "last_seen": stats["last"], "call_count": stats["n"],
                "prank_count": stats["prank"], "ghost_count": stats["ghost"],
                "blocked_until": stats["last"] + timedelta(hours=24) if blocked else None,
                "block_reason": "otomatis: panggilan prank/ghost berulang" if blocked else None, "notes": None,
            })
        existing = set(session.scalars(select(Caller.e164).where(Caller.e164.in_(list(self.caller_stats)))))
        callers = [c for c in callers if c["e164"] not in existing]
        self.caller_count = len(callers)
        for model, rows in ((Incident, self.incidents), (Call, self.calls), (IncidentNote, self.notes),
                            (Dispatch, self.dispatches), (DispatchEvent, self.dispatch_events),
                            (Caller, callers), (ShiftSession, self.shift_sessions)):
            for chunk in _chunks(rows, 5000):
                session.execute(insert(model), chunk)
        for unit_id, (unit_status, since, incident_id) in self.busy_units.items():
            session.execute(update(Unit).where(Unit.id == unit_id).values(
                status=unit_status, status_since=since, current_incident_id=incident_id))
        for year, last in self.counters.items():
            if session.get(IncidentCounter, year) is None:
                session.add(IncidentCounter(year=year, last_seq=last))
            else:
                session.get(IncidentCounter, year).last_seq = last  # type: ignore[union-attr]
        session.flush()


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for index in range(0, len(rows), size):
        yield rows[index:index + size]


