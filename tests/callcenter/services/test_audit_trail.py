from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.audit_trail import AuditFilter, AuditTrailService, neutralise_cell
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.supervisor_helpers import answer, new_incident


def test_operators_cannot_read_the_audit_log_and_the_refusal_is_audited(db: Database, clock: ManualClock,
                                                                        operator: Actor, tmp_path: Path) -> None:
    service = AuditTrailService(db, clock)
    out = tmp_path / "audit.csv"
    for attempt in (lambda: service.audit_log(operator, AuditFilter()),
                    lambda: service.export_audit_csv(operator, AuditFilter(), out)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert not out.exists()
    with db.read() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "permission_denied",
                                                         AuditEntry.username == "asep")) == 2


def test_audit_log_filters_pages_and_csv_export(db: Database, clock: ManualClock, operator: Actor,
                                                supervisor: Actor, tmp_path: Path) -> None:
    for index in range(5):
        answer(db, clock, operator, f"08123456780{index}", 3)
        clock.advance(60)
    incident_id = new_incident(db, clock, operator)
    IncidentService(db, clock).reassign(supervisor, incident_id, supervisor.id or 0)
    IncidentService(db, clock).add_note(operator, incident_id, '=HYPERLINK("http://x") <b>&</b> 🚒 Ñ')
    service = AuditTrailService(db, clock)

    claims = service.audit_log(supervisor, AuditFilter(action="call.claim"))
    assert len(claims) == 5 and claims[0].at >= claims[-1].at  # newest first
    assert service.audit_count(supervisor, AuditFilter(action="call.")) == 10
    assert service.audit_count(supervisor, AuditFilter(username="hendra")) == 1
    assert service.audit_count(supervisor, AuditFilter(entity="incident", entity_id=str(incident_id))) == 3
    start = clock() - timedelta(seconds=30)
    assert service.audit_count(supervisor, AuditFilter(since=start)) == 3
    page1 = service.audit_log(supervisor, AuditFilter(), limit=4)
    page2 = service.audit_log(supervisor, AuditFilter(), offset=4, limit=4)
    assert not {r.id for r in page1} & {r.id for r in page2}
    facets = service.audit_facets(supervisor)
    assert "incident.reassign" in facets.actions and "hendra" in facets.usernames
    with pytest.raises(ValidationError):
        service.audit_log(supervisor, AuditFilter(since=clock(), until=clock() - timedelta(hours=1)))

    out = tmp_path / "audit.csv"
    written = service.export_audit_csv(supervisor, AuditFilter(entity="incident"), out)
    assert written == 3
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["id", "at_wib", "username", "action"]
    note = next(r for r in rows if r[3] == "incident.note")
    assert note[8].startswith("'=HYPERLINK") and "🚒 Ñ" in note[8]
    assert service.audit_count(supervisor, AuditFilter(action="audit.export")) == 1
    assert not list(tmp_path.glob("*.part"))


def test_neutralise_cell() -> None:
    assert [neutralise_cell(v) for v in ("=1+1", "+62", "-5", "@SUM", "plain", None, 7)] == [
        "'=1+1", "'+62", "'-5", "'@SUM", "plain", "", "7"]
