"""Caller-ID source configuration: which URL each desk (or the line service) opens.

The full URL is stored (an AMI source needs its secret to log in), but only the display form, without the
password, ever reaches the audit log or an error message.
"""

from __future__ import annotations

import builtins
import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from callcenter.cid.sources import LineState, LineStatus, SourceSpec, Subscriber, make_source, parse_source_url
from callcenter.db.enums import Role
from callcenter.db.models import CidSource
from callcenter.errors import NotFound, ValidationError
from callcenter.services.base import Actor, Service, audit, record_change

MAX_NAME = 80
MAX_URL = 500
MAX_HOST = 120
MAX_TEST_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class SourceConfig:
    id: int
    name: str
    url: str
    """The full URL (may hold an AMI secret): for opening the source, never for a log."""
    display: str
    """The URL without any password: what the screen and the audit log show."""
    enabled: bool
    host: str | None
    """The desk (computer name) that opens it; None: every desk that asks (one-desk set-ups, UDP broadcast)."""
    created_at: datetime


def _display(url: str) -> str:
    try:
        return parse_source_url(url).display
    except ValueError:
        return "(invalid URL)"


def _config(row: CidSource) -> SourceConfig:
    return SourceConfig(row.id, row.name, row.url, _display(row.url), row.enabled, row.host, row.created_at)


class SourceConfigService(Service):
    def list(self) -> builtins.list[SourceConfig]:
        with self.db.read() as session:
            rows = session.scalars(select(CidSource).order_by(func.lower(CidSource.name), CidSource.id)).all()
            return [_config(row) for row in rows]

    def get(self, source_id: int) -> SourceConfig:
        with self.db.read() as session:
            row = session.get(CidSource, source_id)
            if row is None:
                raise NotFound("caller-ID source", source_id)
            return _config(row)

    def enabled_for_host(self, hostname: str) -> builtins.list[SourceConfig]:
        """Enabled sources this computer should open: those assigned to it (any letter case) and those
        assigned to no desk in particular."""
        with self.db.read() as session:
            rows = session.scalars(
                select(CidSource).where(CidSource.enabled.is_(True)).order_by(CidSource.id)
            ).all()
            wanted = hostname.strip().lower()
            return [_config(row) for row in rows if not row.host or row.host.strip().lower() == wanted]

    def add(self, actor: Actor, name: str, url: str, host: str | None = None, *, enabled: bool = True) -> int:
        name, url, host, spec = self._validate(name, url, host)
        self.require(actor, Role.ADMIN, "configure caller-ID sources")
        now = self.clock()
        with self.db.write() as session:
            self._check_duplicate(session, spec, None)
            row = CidSource(name=name, url=url, host=host, enabled=enabled, created_at=now)
            session.add(row)
            session.flush()
            audit(session, actor, "cid_source.add", "cid_source", row.id, now,
                  after={"name": name, "url": spec.display, "host": host, "enabled": enabled})
            record_change(session, "cid_source", row.id, "create", now)
            return row.id

    def update(self, actor: Actor, source_id: int, *, name: str, url: str, host: str | None) -> None:
        name, url, host, spec = self._validate(name, url, host)
        self.require(actor, Role.ADMIN, "configure caller-ID sources")
        now = self.clock()
        with self.db.write() as session:
            row = session.get(CidSource, source_id)
            if row is None:
                raise NotFound("caller-ID source", source_id)
            self._check_duplicate(session, spec, source_id)
            before = {"name": row.name, "url": _display(row.url), "host": row.host}
            row.name, row.url, row.host = name, url, host
            audit(session, actor, "cid_source.update", "cid_source", source_id, now, before=before,
                  after={"name": name, "url": spec.display, "host": host})
            record_change(session, "cid_source", source_id, "update", now)

    def set_enabled(self, actor: Actor, source_id: int, enabled: bool) -> None:
        self.require(actor, Role.ADMIN, "configure caller-ID sources")
        now = self.clock()
        with self.db.write() as session:
            row = session.get(CidSource, source_id)
            if row is None:
                raise NotFound("caller-ID source", source_id)
            before = row.enabled
            row.enabled = enabled
            audit(session, actor, "cid_source.enable" if enabled else "cid_source.disable", "cid_source",
                  source_id, now, before={"enabled": before}, after={"enabled": enabled})
            record_change(session, "cid_source", source_id, "update", now)

    def remove(self, actor: Actor, source_id: int) -> None:
        self.require(actor, Role.ADMIN, "configure caller-ID sources")
        now = self.clock()
        with self.db.write() as session:
            row = session.get(CidSource, source_id)
            if row is None:
                raise NotFound("caller-ID source", source_id)
            before = {"name": row.name, "url": _display(row.url), "host": row.host, "enabled": row.enabled}
            session.execute(delete(CidSource).where(CidSource.id == source_id))
            audit(session, actor, "cid_source.remove", "cid_source", source_id, now, before=before)
            record_change(session, "cid_source", source_id, "delete", now)

    def test(self, url: str, seconds: float = 3.0) -> LineState:
        """Open the source for at most ``seconds`` and return the state it reached: up as soon as it connects,
        or down with the reason of its first failure (or 'no answer' when it is still connecting)."""
        try:
            spec = parse_source_url(url)
            source = make_source(spec, clock=self.clock)
        except ValueError as exc:
            raise ValidationError({"url": str(exc)}) from None
        settled = threading.Event()
        seen: list[LineState] = []

        def on_state(state: LineState) -> None:
            seen.append(state)
            if state.status is not LineStatus.CONNECTING:
                settled.set()

        source.subscribe(Subscriber(on_state=on_state))
        source.start()
        try:
            settled.wait(max(0.1, min(seconds, MAX_TEST_SECONDS)))
        finally:
            source.stop()
        final = next((state for state in seen if state.status is not LineStatus.CONNECTING), None)
        if final is None:
            return LineState(spec.key, spec.display, LineStatus.DOWN, f"no answer within {seconds:g} s",
                             self.clock(), "no_answer", {"seconds": f"{seconds:g}"})
        return final

    # -- helpers ----------------------------------------------------------------------------------------

    @staticmethod
    def _validate(name: str, url: str, host: str | None) -> tuple[str, str, str | None, SourceSpec]:
        problems: dict[str, str] = {}
        name = name.strip()
        url = url.strip()
        host = (host or "").strip() or None
        if not name:
            problems["name"] = "give the source a name (for example 'Line 112 modem')"
        elif len(name) > MAX_NAME:
            problems["name"] = f"at most {MAX_NAME} characters"
        spec: SourceSpec | None = None
        if len(url) > MAX_URL:
            problems["url"] = f"at most {MAX_URL} characters"
        else:
            try:
                spec = parse_source_url(url)
            except ValueError as exc:
                problems["url"] = str(exc)
        if host is not None and len(host) > MAX_HOST:
            problems["host"] = f"at most {MAX_HOST} characters"
        if problems or spec is None:
            raise ValidationError(problems)
        return name, url, host, spec

    @staticmethod
    def _check_duplicate(session: Session, spec: SourceSpec, own_id: int | None) -> None:
        for other_id, other_url in session.execute(select(CidSource.id, CidSource.url)):
            if other_id == own_id:
                continue
            try:
                other_key = parse_source_url(other_url).key
            except ValueError:
                continue
            if other_key == spec.key:
                raise ValidationError({"url": f"this source is already configured ({spec.display})"})
