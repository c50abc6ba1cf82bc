from __future__ import annotations

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry
from callcenter.errors import PermissionDenied
from callcenter.services.base import Actor
from callcenter.services.settings import SettingsService


def test_defaults_then_admin_changes_are_audited(db: Database, clock: ManualClock, operator: Actor,
                                                 admin: Actor) -> None:
    settings = SettingsService(db, clock)
    assert settings.get("prank_rule") == {"count": 3, "window_hours": 24, "block_hours": 24}
    with pytest.raises(PermissionDenied):
        settings.set(operator, "prank_rule", {"count": 1, "window_hours": 1, "block_hours": 1})
    settings.set(admin, "prank_rule", {"count": 5, "window_hours": 12, "block_hours": 24})
    assert settings.get("prank_rule")["count"] == 5
    with db.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "setting.set"))
    assert entry is not None and entry.before == {"value": {"count": 3, "window_hours": 24, "block_hours": 24}}
    assert entry.username == "admin"
