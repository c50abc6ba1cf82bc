"""CSV exports: one row per call/incident, WIB times, formulas neutralised, streamed, cancellable, admin only."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select, update

from callcenter.db.database import Database
from callcenter.db.models import AuditEntry, Incident
from callcenter.errors import PermissionDenied
from callcenter.reports import export
from callcenter.reports.export import CALL_COLUMNS, INCIDENT_COLUMNS, Cancelled, ExportService, neutralise
from tests.callcenter.reports.dataset import PRANKSTER, build

MARCH_1, MARCH_2 = date(2026, 3, 1), date(2026, 3, 2)


def rows(text: str) -> list[dict[str, str]]:
    csv.field_size_limit(4_000_000)  # the 1 MB description comes back whole
    return list(csv.DictReader(io.StringIO(text)))


def test_calls_export(db: Database) -> None:
    known = build(db)
    out = io.StringIO()
    written = ExportService(db, known.clock).write_calls_csv(known.admin, MARCH_1, MARCH_2, out)
    table = rows(out.getvalue())
    assert written == len(table) == 12
    assert tuple(table[0]) == CALL_COLUMNS
    first, fire = table[0], table[3]
    assert first["received_at"] == "2026-03-01T22:59:59+07:00"
    assert first["answered_at"] == "2026-03-01T23:00:03+07:00" and first["answer_seconds"] == "4.0"
    assert first["e164"] == "'" + PRANKSTER  # a leading + would be a formula in a spreadsheet
    assert first["answered_by"] == "asep" and first["call_type"] == "prank" and first["line"] == "Line 1"
    assert fire["incident_number"] == "112/2026/000001" and fire["call_type"] == "normal"
    missed = table[4]
    assert missed["state"] == "missed" and missed["answered_at"] == "" and missed["callback_by"] == "asep"
    assert table[-1]["received_at"] == "2026-03-02T07:00:00+07:00"
    with db.read() as session:
        assert session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "export.calls")) == (
            "12 calls from 2026-03-01 to 2026-03-02")


def test_incidents_export_neutralises_formulas_and_keeps_long_text(db: Database) -> None:
    known = build(db)
    description = "Banjir di Cisé <b>&</b> 🚑 " + "x" * 1_000_000
    with db.write() as session:
        session.execute(update(Incident).where(Incident.id == 2).values(
            reporter_name="=HYPERLINK(\"http://evil\")", callback_number="+6281200000000", landmark="@SUM(A1)",
            disposition="-2+3", description=description))
        session.execute(update(Incident).where(Incident.id == 3).values(reporter_name="\tTab", address="\rCR"))
    out = io.StringIO()
    ExportService(db, known.clock).write_incidents_csv(known.admin, MARCH_1, MARCH_2, out)
    table = {row["number"]: row for row in rows(out.getvalue())}
    assert len(table) == 4 and tuple(next(iter(table.values()))) == INCIDENT_COLUMNS
    evil = table["112/2026/000002"]
    assert evil["reporter_name"] == "'=HYPERLINK(\"http://evil\")"
    assert evil["callback_number"] == "'+6281200000000" and evil["landmark"] == "'@SUM(A1)"
    assert evil["disposition"] == "'-2+3"
    assert evil["description"] == description  # the export loses nothing
    assert evil["created_at"] == "2026-03-02T04:30:00+07:00" and evil["category_code"] == "kesehatan"
    assert table["112/2026/000003"]["reporter_name"] == "'\tTab"
    assert table["112/2026/000003"]["address"] == "'\rCR"
    assert table["112/2026/000001"]["closed_at"] == "2026-03-02T05:00:00+07:00"
    assert table["112/2026/000001"]["status"] == "closed"


def test_streamed_in_chunks_with_progress_and_cancel(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    known = build(sqlite_db)
    monkeypatch.setattr(export, "CHUNK", 5)
    progress: list[tuple[int, int]] = []
    service = ExportService(sqlite_db, known.clock)
    service.write_calls_csv(known.admin, MARCH_1, MARCH_2, io.StringIO(),
                            progress=lambda done, total: progress.append((done, total)))
    assert progress == [(0, 12), (5, 12), (10, 12), (12, 12)]
    seen: list[int] = []
    with pytest.raises(Cancelled):
        service.write_calls_csv(known.admin, MARCH_1, MARCH_2, io.StringIO(),
                                progress=lambda done, _total: seen.append(done), cancelled=lambda: bool(seen[1:]))
    assert seen == [0, 5]
    with sqlite_db.read() as session:
        exports = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "export.calls")).all()
    assert exports == ["12 calls from 2026-03-01 to 2026-03-02"]  # the cancelled export is not recorded


def test_only_admins_export(db: Database) -> None:
    known = build(db)
    service = ExportService(db, known.clock)
    with pytest.raises(PermissionDenied):
        service.write_calls_csv(known.supervisor, MARCH_1, MARCH_2, io.StringIO())
    with pytest.raises(PermissionDenied):
        service.write_incidents_csv(known.operator, MARCH_1, MARCH_2, io.StringIO())
    with db.read() as session:
        refused = session.execute(select(AuditEntry.username, AuditEntry.detail)
                                  .where(AuditEntry.action == "permission_denied").order_by(AuditEntry.id)).all()
    assert [(name, detail) for name, detail in refused] == [
        ("hendra", "supervisor tried to export calls"), ("asep", "operator tried to export incidents")]


def test_neutralise() -> None:
    assert [neutralise(v) for v in ("=1+1", "+62", "-5", "@x", "\tx", "\rx", "ok", "", 5, None)] == [
        "'=1+1", "'+62", "'-5", "'@x", "'\tx", "'\rx", "ok", "", 5, None]
