"""Views run against a real SQLite copy of the template, real services and the real database worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.base import Actor
from tests.callcenter.services.conftest import make_actor
from ui.worker import DbWorker


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    return sqlite_db


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[DbWorker]:
    db_worker = DbWorker()
    yield db_worker
    qtbot.waitUntil(lambda: db_worker.pending() == 0, timeout=5000)
    db_worker.stop()


@pytest.fixture
def operator(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "asep", Role.OPERATOR)


@pytest.fixture
def supervisor(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "hendra", Role.SUPERVISOR)


@pytest.fixture
def admin(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "admin", Role.ADMIN)


def settle(qtbot: QtBot, worker: DbWorker) -> None:
    """Wait until every database job submitted so far has come back to the GUI thread."""
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()

