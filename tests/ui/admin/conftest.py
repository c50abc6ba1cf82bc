from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from tests.ui.conftest import Console, build_console
from ui.i18n import Translations


@pytest.fixture
def admin_console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                  translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations, role=Role.ADMIN, username="admin")
