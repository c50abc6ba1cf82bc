"""Hostile input to the form validators and services: a clear ValidationError or a saved record, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Channel, Priority, Role
from callcenter.errors import ValidationError
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentDraft, IncidentService, validate_draft
from tests.callcenter.services.conftest import make_actor
from tests.fuzz import examples

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["<b>bold</b>", "&amp;", "'; DROP TABLE incidents; --", "=HYPERLINK(\"x\")", "🔥🚒", "Cisé",
                     "\x00\x01", "a" * 5000, "\u202e", "  "]),
)
CODES = st.one_of(st.none(), st.sampled_from(["32.14.01", "32.14.01.1001", "32.14.02.2001", "99", "", "<x>"]))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=HOSTILE, address=st.one_of(st.none(), HOSTILE), reporter=st.one_of(st.none(), HOSTILE),
       kecamatan=CODES, desa=CODES, latitude=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
       longitude=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
       callback=st.one_of(st.none(), HOSTILE), category=st.one_of(st.none(), st.integers(-5, 40)))
def test_incident_form_never_crashes(sqlite_db: Database, description: str, address: str | None,
                                     reporter: str | None, kecamatan: str | None, desa: str | None,
                                     latitude: float | None, longitude: float | None, callback: str | None,
                                     category: int | None) -> None:
    draft = IncidentDraft(category_id=category, priority=Priority.P2, channel=Channel.WHATSAPP,
                          kecamatan_code=kecamatan, desa_code=desa, address=address, reporter_name=reporter,
                          latitude=latitude, longitude=longitude, callback_number=callback, description=description)
    with sqlite_db.read() as session:
        problems = validate_draft(session, draft)
    assert all(isinstance(text, str) and text for text in problems.values())
    clock = ManualClock(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    actor = _actor(sqlite_db, clock)
    service = IncidentService(sqlite_db, clock)
    try:
        saved = service.create(actor, draft)
    except ValidationError as refused:
        assert refused.problems == problems
    else:
        assert problems == {}
        assert service.get(saved.id).description == description.strip()


_actors: dict[str, Actor] = {}


def _actor(db: Database, clock: ManualClock) -> Actor:
    """One account per database: hashing a password for every example would dominate the run."""
    if db.url not in _actors:
        _actors[db.url] = make_actor(db, clock, "fuzzer", Role.OPERATOR)
    return _actors[db.url]
