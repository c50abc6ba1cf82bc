"""The database goes away in the middle of a call: the operator keeps answering and classifying; what they do is
kept in this desk's journal and applied once the database is back (issue 18's console side)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType
from callcenter.services.desk_actions import DeskActions, open_desk_journal
from tests.ui.conftest import Console, build_console
from ui.i18n import Translations


@pytest.fixture
def journalled(qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations,
               tmp_path: Path) -> Iterator[Console]:
    """A console whose database gives up after 100 ms when another process holds the lock, with a desk journal."""
    db = Database(sqlite_db.engine.url.render_as_string(hide_password=False), sqlite_busy_timeout_ms=100)
    actions = DeskActions(db, open_desk_journal(tmp_path / "journal.jsonl", db, clock=clock), clock=clock)
    try:
        yield from build_console(qtbot, db, clock, translations, actions=actions)
    finally:
        db.dispose()


def test_calls_answered_and_classified_while_the_database_is_away_are_applied_after(
        qtbot: QtBot, journalled: Console) -> None:
    console, window = journalled, journalled.window
    actions = console.parts.actions
    assert actions is not None
    first, second = console.ring("081234567801"), console.ring("081234567802")
    qtbot.waitUntil(lambda: window.banner.call_ids() == [first, second], timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.mode == "call", timeout=3000)
    locker = sqlite3.connect(str(console.db.engine.url.database))
    locker.execute("BEGIN EXCLUSIVE")  # the database is away from here on
    try:
        qtbot.keyClick(window, Qt.Key.Key_F7)  # prank
        qtbot.waitUntil(lambda: window.mode == "idle", timeout=5000)
        assert "disimpan di meja ini" in window.status_label.text()
        qtbot.keyClick(window, Qt.Key.Key_F2)  # the next call the banner still shows
        qtbot.waitUntil(lambda: window.mode == "call", timeout=5000)
        assert console.desk.flow.current is not None and console.desk.flow.current.id == second
        qtbot.keyClick(window, Qt.Key.Key_F8)  # ghost
        qtbot.waitUntil(lambda: window.mode == "idle", timeout=5000)
        assert len(actions.journal) == 3  # classify, claim, classify: nothing lost
    finally:
        locker.rollback()
        locker.close()
    actions.journal.replay()  # what the journal worker does when the database is back
    assert len(actions.journal) == 0
    assert console.calls.get(first).call_type is CallType.PRANK
    assert console.calls.get(second).call_type is CallType.GHOST
    assert console.calls.get(second).state is CallState.ENDED or console.calls.get(second).claimed_by_id == \
        console.actor.id
