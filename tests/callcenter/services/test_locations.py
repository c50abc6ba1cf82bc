"""Caller locations on both databases: attached to the caller's ringing or recent call, waiting for a call that
comes later (intake attaches it), every message kept, the views the console reads, the audited actions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from callcenter.aml.message import parse_aml
from callcenter.aml.pdu import decode_deliver
from callcenter.aml.sms import interpret
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry, CallerLocation, ChangeFeedEntry, SmsMessage
from callcenter.errors import ConflictError, PermissionDenied
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.location_views import AreaMatch, LocationViews, banner_text
from callcenter.services.locations import LocationService
from callcenter.services.settings import SettingsService
from tests.callcenter.aml import pdus
from tests.callcenter.services.conftest import ring

CALLER = "+6281234567890"
NATIONAL = "081234567890"


def fix(radius: int = 14, top: str = "20260302030001", lat: str = "-6.55612") -> str:
    body = f'A"ML=1;lt={lat};lg=107.44321;rd={radius};top={top};lc=68;pm=G;ei=358239059042542;mcc=510;mnc=10;ml='
    return body + str(len(body) + 3)


def sms(clock: ManualClock, text: str, sender: str = CALLER) -> object:
    at = clock().replace(tzinfo=None)
    part = decode_deliver(pdus.deliver(sender, text, at=at))
    return interpret([part], received_at=clock(), source_key="serial:COM5")


def feed(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(ChangeFeedEntry.entity, ChangeFeedEntry.entity_id, ChangeFeedEntry.action)
            .where(ChangeFeedEntry.entity.in_(["caller_location", "sms"]) | (ChangeFeedEntry.action == "location"))
            .order_by(ChangeFeedEntry.id)).all()]


def test_a_location_attaches_to_the_ringing_call_and_shows_in_the_banner(db: Database, clock: ManualClock) -> None:
    call_id = ring(db, clock, NATIONAL)
    clock.advance(20)
    stored = LocationService(db, clock).receive_sms(sms(clock, fix()))  # type: ignore[arg-type]
    assert (stored.kind, stored.call_id) == ("location", call_id)
    assert ("call", str(call_id), "location") in feed(db)

    views = LocationViews(db, clock, locator=lambda lat, lon: AreaMatch("32.14.01.1001", "Nagri Kidul", "32.14.01",
                                                                        "Purwakarta"))
    located = views.for_call(call_id)
    assert located.best is not None and located.best.radius_m == 14.0 and located.count == 1
    clock.now = datetime(2026, 3, 2, 3, 0, 21, tzinfo=UTC)
    assert banner_text(located.best, clock()) == "lokasi HP: ±14 m, 20 detik lalu, Desa Nagri Kidul, Kec. Purwakarta"
    assert banner_text(located.best, clock(), "en").startswith("phone location: ±14 m, 20 s ago")


def test_a_better_later_fix_becomes_best_a_worse_one_only_latest(db: Database, clock: ManualClock) -> None:
    call_id = ring(db, clock, NATIONAL)
    service = LocationService(db, clock)
    for radius, top in ((60, "20260302030001"), (9, "20260302030010"), (400, "20260302030030")):
        clock.advance(10)
        service.receive_sms(sms(clock, fix(radius, top)))  # type: ignore[arg-type]
    clock.advance(5)
    service.receive_sms(sms(clock, fix(radius=9, top="20260302030010")))  # type: ignore[arg-type]  # a duplicate
    located = LocationViews(db, clock).for_call(call_id)
    assert located.best is not None and located.latest is not None
    assert (located.best.radius_m, located.latest.radius_m, located.count) == (9.0, 400.0, 4)  # duplicates kept too


def test_a_location_before_its_call_waits_then_intake_attaches_it(db: Database, clock: ManualClock,
                                                                  supervisor: Actor) -> None:
    stored = LocationService(db, clock).receive_sms(sms(clock, fix()))  # type: ignore[arg-type]
    assert stored.call_id is None
    views = LocationViews(db, clock)
    assert [v.id for v in views.waiting(supervisor)] == [stored.id]
    clock.advance(90)  # within the 2 minutes after
    call_id = ring(db, clock, NATIONAL)
    assert views.get(stored.id).call_id == call_id
    assert views.waiting(supervisor) == []
    assert ("caller_location", str(stored.id), "waiting") in feed(db)
    assert ("caller_location", str(stored.id), "attach") in feed(db)


def test_a_call_too_late_leaves_the_location_waiting(db: Database, clock: ManualClock, supervisor: Actor) -> None:
    stored = LocationService(db, clock).receive_sms(sms(clock, fix()))  # type: ignore[arg-type]
    clock.advance(150)
    ring(db, clock, NATIONAL)
    assert LocationViews(db, clock).get(stored.id).call_id is None


def test_a_late_location_attaches_to_the_call_that_ended_minutes_ago(db: Database, clock: ManualClock,
                                                                     operator: Actor) -> None:
    early = ring(db, clock, NATIONAL)
    clock.advance(600)
    recent = ring(db, clock, NATIONAL)
    calls = CallService(db, clock)
    calls.claim(operator, recent)
    calls.classify(operator, recent, "prank")  # type: ignore[arg-type]
    clock.advance(240)  # 4 minutes after the second call, 14 after the first
    stored = LocationService(db, clock).receive_sms(sms(clock, fix()))  # type: ignore[arg-type]
    assert stored.call_id == recent != early


def test_the_window_is_a_setting(db: Database, clock: ManualClock, admin: Actor, operator: Actor) -> None:
    calls = CallService(db, clock)
    first = ring(db, clock, NATIONAL)
    calls.claim(operator, first)
    calls.classify(operator, first, "ghost")  # type: ignore[arg-type]
    clock.advance(300)  # 5 minutes later: inside the default 10 minutes
    service = LocationService(db, clock)
    assert service.receive_sms(sms(clock, fix())).call_id == first  # type: ignore[arg-type]
    SettingsService(db, clock).set(admin, "aml_attach_window", {"before_minutes": 1, "after_minutes": 2})
    assert service.receive_sms(sms(clock, fix())).call_id is None  # type: ignore[arg-type]


def test_ordinary_sms_are_kept_for_operators_and_reading_is_audited(db: Database, clock: ManualClock,
                                                                    operator: Actor) -> None:
    service = LocationService(db, clock)
    stored = service.receive_sms(sms(clock, "Lampu jalan mati di Jl. Kapten Halim"))  # type: ignore[arg-type]
    broken = service.receive_sms(sms(clock, 'A"ML=7;lt=1'))  # type: ignore[arg-type]
    assert stored.kind == broken.kind == "sms"
    views = LocationViews(db, clock)
    inbox = views.sms_inbox(operator, unread_only=True)
    assert {m.text for m in inbox} == {"Lampu jalan mati di Jl. Kapten Halim", 'A"ML=7;lt=1'}
    assert next(m for m in inbox if m.id == broken.id).problem
    views.mark_sms_read(operator, stored.id)
    assert [m.id for m in views.sms_inbox(operator, unread_only=True)] == [broken.id]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "sms.read")) == 1
        assert session.scalar(select(func.count()).select_from(SmsMessage)) == 2
    assert ("sms", str(stored.id), "read") in feed(db)


def test_supervisor_attaches_by_hand_and_operator_takes_it_into_the_incident(
        db: Database, clock: ManualClock, operator: Actor, supervisor: Actor) -> None:
    stored = LocationService(db, clock).receive_sms(sms(clock, fix(), sender="+6285711112222"))  # type: ignore[arg-type]
    call_id = ring(db, clock, "0264200112")  # a fixed line: no number match
    views = LocationViews(db, clock)
    with pytest.raises(PermissionDenied):
        views.attach(operator, stored.id, call_id)
    attached = views.attach(supervisor, stored.id, call_id)
    assert attached.call_id == call_id and attached.attached_by == "hendra"
    with pytest.raises(ConflictError):
        views.attach(supervisor, stored.id, call_id)
    taken = views.take_for_incident(operator, stored.id)
    assert taken.as_changes() == {"latitude": -6.55612, "longitude": 107.44321}
    assert taken.landmark == "Lokasi HP ±14 m (GNSS), 10:00:01 WIB"
    with db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "caller_location")))
    assert actions == {"location.attach", "location.take"}


def test_a_no_fix_message_is_kept_but_never_a_point(db: Database, clock: ManualClock, operator: Actor) -> None:
    call_id = ring(db, clock, NATIONAL)
    no_fix = ('A"ML=1;lt=+00.00000;lg=+000.00000;rd=N;top=20220131173734;lc=0;pm=N;si=234159000000000;'
              'ei=123456789012345;mcc=234;mnc=15;ml=127')
    stored = LocationService(db, clock).receive_sms(sms(clock, no_fix))  # type: ignore[arg-type]
    located = LocationViews(db, clock).for_call(call_id)
    assert located.count == 1 and located.best is None and located.latest is None
    assert banner_text(located.items[0], clock()).startswith("lokasi HP: tanpa posisi")
    with pytest.raises(ConflictError):
        LocationViews(db, clock).take_for_incident(operator, stored.id)


def test_https_locations_match_on_device_number(db: Database, clock: ManualClock) -> None:
    from callcenter.aml.https_form import parse_https_body

    call_id = ring(db, clock, NATIONAL)
    message = parse_https_body(b"v=1&device_number=%2B6281234567890&location_latitude=-6.55612&"
                               b"location_longitude=107.44321&location_accuracy=10.4&location_source=GPS")
    stored = LocationService(db, clock).receive_https(message, source_key="https://0.0.0.0:8443")
    assert stored.call_id == call_id
    with db.read() as session:
        row = session.get(CallerLocation, stored.id)
        assert row is not None and row.transport == "https" and row.radius_m == 10.4


def test_text_of_every_field_survives_storage(db: Database, clock: ManualClock) -> None:
    v2 = parse_aml('A"ML=2;en=112;et=1772420401;lo=-6.55612,107.44321,12.5;lt=3;lc=70;ls=F;nc=51010;lg=id-ID')
    assert v2.positioned_at is not None
    stored = LocationService(db, clock).receive_https(v2, source_key="test")
    view = LocationViews(db, clock).get(stored.id)
    assert (view.version, view.method, view.radius_m, view.positioned_at) == (2, "fused", 12.5, v2.positioned_at)
