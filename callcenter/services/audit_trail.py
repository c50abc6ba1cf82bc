"""The audit trail viewer (roles supervisor and admin): every recorded change, filtered, paged and exported.

Rows come newest first a page at a time for the log dialog; the CSV export walks the whole filtered trail oldest
first in bounded pages (keyset, so a long trail never sits in memory) and records itself in the trail.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from callcenter.clock import WIB
from callcenter.db.enums import Role
from callcenter.db.models import AuditEntry
from callcenter.errors import ValidationError
from callcenter.services.base import Actor, Service, audit

AUDIT_PAGE = 200
MAX_AUDIT_PAGE = 5000


@dataclass(frozen=True, slots=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    """Exact action (``incident.close``) or a prefix ending in a dot (``incident.``)."""
    entity: str | None = None
    entity_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class AuditFacets:
    usernames: list[str]
    actions: list[str]
    entities: list[str]


def neutralise_cell(value: object) -> str:
    """CSV cells a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text




class AuditTrailService(Service):
    @staticmethod
    def _audit_query(flt: AuditFilter) -> Select[Any]:
        query = select(AuditEntry)
        if flt.username:
            query = query.where(AuditEntry.username == flt.username.strip().lower())
        if flt.action:
            action = flt.action.strip()
            query = query.where(AuditEntry.action.startswith(action, autoescape=True) if action.endswith(".")
                                else AuditEntry.action == action)
        if flt.entity:
            query = query.where(AuditEntry.entity == flt.entity.strip())
        if flt.entity_id:
            query = query.where(AuditEntry.entity_id == flt.entity_id.strip())
        if flt.since:
            query = query.where(AuditEntry.at >= flt.since)
        if flt.until:
            query = query.where(AuditEntry.at < flt.until)
        return query

    @staticmethod
    def _check_filter(flt: AuditFilter) -> None:
        if flt.since and flt.until and flt.until <= flt.since:
            raise ValidationError({"until": "must be after the start"})

    def audit_log(self, actor: Actor, flt: AuditFilter, *, offset: int = 0, limit: int = AUDIT_PAGE) -> list[AuditRow]:
        """One page of the audit trail, newest first."""
        self._check_filter(flt)
        self.require(actor, Role.SUPERVISOR, "read the audit log")
        limit = max(1, min(limit, MAX_AUDIT_PAGE))
        with self.db.read() as session:
            entries = session.scalars(self._audit_query(flt).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                      .offset(max(0, offset)).limit(limit)).all()
        return [_audit_row(entry) for entry in entries]

    def audit_count(self, actor: Actor, flt: AuditFilter) -> int:
        self._check_filter(flt)
        self.require(actor, Role.SUPERVISOR, "read the audit log")
        with self.db.read() as session:
            return int(session.scalar(select(func.count()).select_from(self._audit_query(flt).subquery())) or 0)

    def audit_facets(self, actor: Actor) -> AuditFacets:
        """The values the filters offer (who, which actions, which entities)."""
        self.require(actor, Role.SUPERVISOR, "read the audit log")
        with self.db.read() as session:
            return AuditFacets(
                usernames=list(session.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username))),
                actions=list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))),
                entities=list(session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))),
            )

    def export_audit_csv(self, actor: Actor, flt: AuditFilter, path: Path) -> int:
        """Write the filtered audit trail (oldest first) to ``path``; returns the number of rows written."""
        self._check_filter(flt)
        self.require(actor, Role.SUPERVISOR, "export the audit log")
        now = self.clock()
        written = 0
        temporary = path.with_name(path.name + ".part")
        try:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["id", "at_wib", "username", "action", "entity", "entity_id", "before", "after",
                                 "detail"])
                for row in self._iter_audit(flt):
                    writer.writerow([neutralise_cell(value) for value in _csv_values(row)])
                    written += 1
            temporary.replace(path)  # a half-written export never sits under the chosen name
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        with self.db.write() as session:
            audit(session, actor, "audit.export", "audit", None, now, detail=f"{written} rows; {_describe(flt)}")
        return written

    def _iter_audit(self, flt: AuditFilter) -> Iterator[AuditRow]:
        last: tuple[datetime, int] | None = None
        while True:
            with self.db.read() as session:
                query = self._audit_query(flt)
                if last is not None:
                    query = query.where(or_(AuditEntry.at > last[0], and_(AuditEntry.at == last[0],
                                                                          AuditEntry.id > last[1])))
                entries = session.scalars(query.order_by(AuditEntry.at, AuditEntry.id).limit(MAX_AUDIT_PAGE)).all()
            if not entries:
                return
            for entry in entries:
                yield _audit_row(entry)
            last = (entries[-1].at, entries[-1].id)


def _audit_row(entry: AuditEntry) -> AuditRow:
    return AuditRow(entry.id, entry.at, entry.username, entry.action, entry.entity, entry.entity_id, entry.before,
                    entry.after, entry.detail)


def _json(value: Any) -> str:
    import json

    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _csv_values(row: AuditRow) -> list[object]:
    return [row.id, row.at.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S"), row.username, row.action, row.entity,
            row.entity_id, _json(row.before), _json(row.after), row.detail]


def _describe(flt: AuditFilter) -> str:
    parts = [f"{name}={value.isoformat() if isinstance(value, datetime) else value}"
             for name, value in (("username", flt.username), ("action", flt.action), ("entity", flt.entity),
                                 ("entity_id", flt.entity_id), ("since", flt.since), ("until", flt.until)) if value]
    return ", ".join(parts) or "no filter"
