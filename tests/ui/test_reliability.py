"""The console when things go wrong: idle lock, a killed console's draft, a database outage, oversized pastes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState
from callcenter.services.base import record_change
from callcenter.services.incidents import LIMITS
from callcenter.services.spool import Spool
from tests.ui.conftest import Console, build_console
from ui.console.window import Desk, build_desk
from ui.drafts import DraftStore
from ui.i18n import Translations
from ui.incident_form import MAX_DESCRIPTION_LINES

PASSWORD = "rahasia-123"  # make_actor's password


def _event(console: Console, number: str) -> CallerIdEvent:
    console.clock.advance(1)
    return CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=console.clock(), raw=f"CID {number}",
                         line="1", number=number, presentation=Presentation.ALLOWED)


def _answer(qtbot: QtBot, console: Console, number: str) -> int:
    call_id = console.ring(number)
    qtbot.waitUntil(lambda: call_id in console.window.banner.call_ids(), timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.window.mode == "call", timeout=3000)
    return call_id


# -- idle lock ----------------------------------------------------------------------------------------------
def test_an_idle_console_locks_keeps_calls_visible_and_unlocks_with_the_password(
        qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations) -> None:
    consoles = build_console(qtbot, sqlite_db, clock, translations, idle_minutes=0.5 / 60)  # half a second
    console = next(consoles)
    window, lock = console.window, console.desk.lock
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    screen = lock.screen
    assert screen.isVisible()
    # A call rings while locked: the banner shows it above the cover, and nothing else can be reached.
    call_id = console.ring("081234567890")
    qtbot.waitUntil(lambda: window.banner.call_ids() == [call_id], timeout=3000)
    assert window.banner.isVisible()
    assert screen.geometry().top() >= window.banner.geometry().bottom()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.wait(200)
    assert window.mode == "idle" and console.calls.get(call_id).state is CallState.RINGING
    assert not window.header.isEnabled()
    # A wrong password is refused; the right one unlocks.
    screen.password.setText("salah")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(screen.error.text()), timeout=3000)
    assert lock.locked
    screen.password.setText(PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=3000)
    assert not screen.isVisible() and window.header.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.mode == "call", timeout=3000)
    consoles.close()


def test_open_dialogs_hide_while_locked_and_another_operator_can_log_the_locked_one_out(
        qtbot: QtBot, console: Console) -> None:
    window, lock = console.window, console.desk.lock  # idle_minutes 0: it locks only by hand here
    window.toggle_help()
    console.desk.panels.open_caller_history("081234567890")
    dialog = next(w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible()
                  and w.parentWidget() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert lock.locked and not dialog.isVisible() and not window.overlay.isVisible()
    with qtbot.waitSignal(window.logout_requested, timeout=3000):
        lock.screen.logout_button.click()


# -- drafts -------------------------------------------------------------------------------------------------
def _new_desk(console: Console, qtbot: QtBot) -> Desk:
    """The next console on this PC: the same parts (and drafts folder), a new window."""
    desk = build_desk(console.parts, console.actor, "id")
    desk.window.confirm_close = False
    qtbot.addWidget(desk.window)
    desk.window.show()
    return desk


@pytest.fixture
def drafted(qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations,
            tmp_path: Path) -> Iterator[Console]:
    """A console that keeps its incident form on disk."""
    yield from build_console(qtbot, sqlite_db, clock, translations, drafts=DraftStore(tmp_path / "drafts"))


def test_a_console_killed_mid_form_offers_the_draft_back(qtbot: QtBot, drafted: Console) -> None:
    console = drafted
    assert console.parts.drafts is not None and console.desk.drafts is not None
    store = console.parts.drafts
    window = console.window
    call_id = _answer(qtbot, console, "081234567891")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    form = window.incident_form
    form.address.setFocus()
    qtbot.keyClicks(form.address, "Jl. Ibrahim Singadilaga")
    form.description.setFocus()
    qtbot.keyClicks(form.description, "Motor <b>terbakar</b> & asap")
    form.description.insertPlainText(" 🔥 di SPBU")  # QTest cannot type characters outside the BMP
    path = store.path(console.actor.username)
    qtbot.waitUntil(lambda: path.exists() and "SPBU" in path.read_text(encoding="utf-8"), timeout=5000)
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob(".draft-*"))  # written through a temporary file, replaced at once
    assert json.loads(path.read_text(encoding="utf-8"))["form"]["call_id"] == call_id
    # "Killed": the window is dropped without closing it normally.
    console.desk.drafts.stop()
    window.hide()
    second = _new_desk(console, qtbot)
    assert second.drafts is not None
    drafts = second.drafts
    qtbot.waitUntil(lambda: drafts.offer is not None and drafts.offer.isVisible(), timeout=3000)
    assert drafts.offer is not None and "SPBU" in drafts.offer.text()
    button = drafts.offer.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: second.mode == "incident", timeout=3000)
    assert second.window.incident_form.description.toPlainText() == "Motor <b>terbakar</b> & asap 🔥 di SPBU"
    assert second.window.incident_form.address.text() == "Jl. Ibrahim Singadilaga"
    assert second.flow.current is not None and second.flow.current.id == call_id  # back on the same call
    # Saving (here: closing the call as a prank after all) deletes the draft.
    second.flow.cancel()
    second.flow.classify("prank")
    qtbot.waitUntil(lambda: second.mode == "idle", timeout=3000)
    assert not path.exists()


def test_a_discarded_offer_deletes_the_draft_and_a_blank_form_writes_none(qtbot: QtBot, drafted: Console) -> None:
    console = drafted
    store = console.parts.drafts
    assert store is not None
    store.save(console.actor.username, {"description": "lama", "call_id": None, "saved_at": "2026-03-02T03:00:00"})
    second = _new_desk(console, qtbot)
    drafts = second.drafts
    assert drafts is not None
    qtbot.waitUntil(lambda: drafts.offer is not None, timeout=3000)
    assert drafts.offer is not None
    button = drafts.offer.button(QMessageBox.StandardButton.Discard)
    assert button is not None
    button.click()
    assert not store.path(console.actor.username).exists()
    second.flow.new_report()
    drafts.save()
    assert not store.path(console.actor.username).exists()  # nothing typed: nothing to keep


# -- outage -------------------------------------------------------------------------------------------------
@pytest.fixture
def fragile(qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations,
            tmp_path: Path) -> Iterator[Console]:
    """A console on a database that gives up after 100 ms when another process holds the lock."""
    db = Database(sqlite_db.engine.url.render_as_string(hide_password=False), sqlite_busy_timeout_ms=100)
    try:
        yield from build_console(qtbot, db, clock, translations, spool=Spool(tmp_path / "spool.jsonl"))
    finally:
        db.dispose()


def test_a_locked_database_shows_one_banner_spools_calls_and_recovers_by_itself(qtbot: QtBot,
                                                                                fragile: Console) -> None:
    console, window = fragile, fragile.window
    console.desk.outage.watch_intake(console.intake, interval_ms=50)
    database_file = console.db.engine.url.database
    assert database_file is not None
    locker = sqlite3.connect(database_file)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert console.intake.process([("test", _event(console, "081234567892"))]) == []  # spooled
        qtbot.waitUntil(lambda: window.notices.kind == "down", timeout=3000)
        # The desk's own work fails too: it joins the banner instead of a message per failure.
        def write() -> None:
            with console.db.write() as session:
                record_change(session, "desk", "x", "test", console.clock())

        for _ in range(3):
            console.worker.run(console.worker, write)
        qtbot.waitUntil(lambda: "desk" in console.desk.outage.down, timeout=5000)
        console.idle(qtbot)
        assert window.status_label.text() == window.step_text  # no sentence per failure: the step stays
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    finally:
        locker.rollback()
        locker.close()
    assert console.intake.replay_spool() == 1  # the intake worker does this on its own schedule
    qtbot.waitUntil(lambda: window.notices.kind == "none", timeout=5000)
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=5000)


def test_a_spool_that_cannot_be_written_raises_a_red_alarm(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                                           translations: Translations, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    db = Database(sqlite_db.engine.url.render_as_string(hide_password=False), sqlite_busy_timeout_ms=100)
    consoles = build_console(qtbot, db, clock, translations, spool=Spool(blocker / "spool.jsonl"))
    console = next(consoles)
    try:
        window = console.window
        console.desk.outage.watch_intake(console.intake, interval_ms=50)
        locker = sqlite3.connect(str(console.db.engine.url.database))
        locker.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(Exception, match="spool"):
                console.intake.process([("test", _event(console, "081234567894"))])
            qtbot.waitUntil(lambda: window.notices.kind == "alarm", timeout=3000)
            assert "JANGAN tutup konsol" in window.notices.label.text() and console.intake.held == 1
        finally:
            locker.rollback()
            locker.close()
        console.intake.replay_spool()  # the held call goes to the database once it is back
        qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=5000)
        # Nothing is held any more, but the spool is still broken: a warning stays until it is writable.
        qtbot.waitUntil(lambda: window.notices.kind == "spool", timeout=3000)
        blocker.unlink()
        console.intake.process([("test", _event(console, "081234567895"))])
        console.intake.spool_error = None  # what intake does after its next successful spool write
        qtbot.waitUntil(lambda: window.notices.kind == "none", timeout=3000)
    finally:
        consoles.close()
        db.dispose()


# -- oversized input ---------------------------------------------------------------------------------------
def _paste(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText(text)
    clipboard = QApplication.clipboard()
    clipboard.setMimeData(mime)
    widget.setFocus()
    try:
        widget.paste()
    finally:
        clipboard.clear()  # a megabyte left on the offscreen clipboard crashes Qt's teardown


def test_a_megabyte_paste_is_cut_with_a_message_and_keeps_what_was_typed(qtbot: QtBot, console: Console) -> None:
    window = console.window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.incident_form
    form.description.setFocus()
    qtbot.keyClicks(form.description, "Banjir setinggi lutut. ")
    _paste(form.description, "A" * 1_000_000)
    text = form.description.toPlainText()
    assert text.startswith("Banjir setinggi lutut. A") and len(text) == LIMITS["description"]
    assert "20" in form.problem_text("description") and form.errors["description"].isVisible()
    # Ten thousand lines: cut at the line limit.
    form.description.clear()
    _paste(form.description, "\n".join(f"baris {n}" for n in range(10_000)))
    assert form.description.toPlainText().count("\n") == MAX_DESCRIPTION_LINES - 1
    # The one-line fields take their limit too, and say so.
    _paste(form.address, "Jl. " + "panjang " * 1000)
    assert len(form.address.text()) == LIMITS["address"]
    assert form.problem_text("address")
    assert window.mode == "report"


def test_drafts_are_private_and_written_atomically(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "d")
    store.save("op<1>", {"description": "satu"})
    store.save("op<1>", {"description": "dua"})
    assert store.load("op<1>") == {"description": "dua"}
    assert store.load("someone-else") is None
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(store.path("op<1>")).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(tmp_path / "d").st_mode) == 0o700
    store.path("op<1>").write_text("{broken", encoding="utf-8")
    assert store.load("op<1>") is None  # a damaged draft is ignored, never a crash
