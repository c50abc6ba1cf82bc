"""Centre-wide settings (JSON values by key) that admins edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.db.enums import Role
from callcenter.db.models import Setting
from callcenter.db.refdata import DEFAULT_SETTINGS
from callcenter.services.base import Actor, Service, audit, record_change


def read_setting(session: Session, key: str) -> Any:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return DEFAULT_SETTINGS.get(key) if value is None else value


class SettingsService(Service):
    def get(self, key: str) -> Any:
        with self.db.read() as session:
            return read_setting(session, key)

    def set(self, actor: Actor, key: str, value: Any) -> None:
        now = self.clock()
        self.require(actor, Role.ADMIN, "change settings")
        with self.db.write() as session:
            setting = session.get(Setting, key)
            before = None if setting is None else setting.value
            if setting is None:
                session.add(Setting(key=key, value=value, updated_at=now))
            else:
                setting.value = value
                setting.updated_at = now
            audit(session, actor, "setting.set", "setting", key, now, before={"value": before}, after={"value": value})
            record_change(session, "setting", key, "update", now)
