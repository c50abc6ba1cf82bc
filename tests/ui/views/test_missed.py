from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.feed import FeedFollower
from callcenter.services.queues import QueueService
from tests.callcenter.services.conftest import ring
from tests.ui.views.conftest import settle, show
from ui.views.missed import MissedCallsPanel
from ui.worker import DbWorker


def missed(db: Database, clock: ManualClock, actor: Actor, number: str | None) -> int:
    call_id = ring(db, clock, number)
    CallService(db, clock).end(actor, call_id)
    return call_id


def test_callback_with_a_note_removes_the_call_from_the_list(qtbot: QtBot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                             worker: DbWorker, db: Database, clock: ManualClock,
                                                             operator: Actor) -> None:
    first = missed(db, clock, operator, "081234567890")
    clock.advance(20)
    second = missed(db, clock, operator, "085711112222")
    clock.advance(20)
    missed(db, clock, operator, None)
    calls = CallService(db, clock)
    panel = MissedCallsPanel(worker, calls, QueueService(db, clock), operator)
    show(qtbot, panel)
    settle(qtbot, worker)
    model = panel.model
    qtmodeltester.check(model)
    assert [model.index(r, model.NUMBER).data() for r in range(3)] == [
        "(no caller ID)", "0857-1111-2222", "0812-3456-7890"]
    assert panel.title.text().endswith("(3)")
    assert "Ctrl+K" in panel.callback_button.toolTip()

    panel.view.setFocus()
    panel.view.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible() and dialog.call_id == second
    qtbot.keyClicks(dialog.note, "Sudah ditelepon <b>aman</b> &")
    dialog.note.insert(" 🙏 ÉÈ")  # QTest types ASCII only
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.total() == 2, timeout=3000)
    settle(qtbot, worker)
    assert second not in model.shown_keys() and first in model.shown_keys()
    assert calls.get(second).callback_at == clock()
    assert QueueService(db, clock).missed_call_rows([second])[0].callback_note == "Sudah ditelepon <b>aman</b> & 🙏 ÉÈ"
    assert panel.message.text() == "Callback recorded."

    panel.show_done.setChecked(True)  # called-back calls can still be looked at
    qtbot.waitUntil(lambda: model.total() == 3, timeout=3000)
    settle(qtbot, worker)
    row = model.row_of(second)
    assert row is not None and model.index(row, model.STATE).data().startswith("Called back")


def test_a_call_missed_on_another_desk_appears_through_the_feed(qtbot: QtBot, worker: DbWorker, db: Database,
                                                                clock: ManualClock, operator: Actor) -> None:
    panel = MissedCallsPanel(worker, CallService(db, clock), QueueService(db, clock), operator)
    show(qtbot, panel)
    settle(qtbot, worker)
    feed = FeedFollower(db)
    assert panel.model.total() == 0 and not panel.callback_button.isEnabled()
    missed(db, clock, operator, "081234567890")
    panel.on_changes(feed.poll())
    qtbot.waitUntil(lambda: panel.model.total() == 1, timeout=3000)
    clock.advance(16 * 60)  # not called back for 16 minutes: the row turns red
    qtbot.waitUntil(lambda: panel.model.index(0, panel.model.WAITING).data() == "16:00", timeout=2500)
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f7c3bf"
    assert panel.callback_button.isEnabled()


def test_a_locked_database_gives_a_clear_message_and_loses_nothing(qtbot: QtBot, worker: DbWorker, db: Database,
                                                                   clock: ManualClock, operator: Actor) -> None:
    import sqlite3

    from callcenter.db.database import Database as Db

    call_id = missed(db, clock, operator, "081234567890")
    impatient = Db(db.url, sqlite_busy_timeout_ms=100)  # another desk holds the write lock: fail fast
    panel = MissedCallsPanel(worker, CallService(impatient, clock), QueueService(impatient, clock), operator)
    show(qtbot, panel)
    settle(qtbot, worker)
    other_desk = sqlite3.connect(str(db.engine.url.database), isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")
    try:
        panel.record_callback(call_id, "ditelepon")
        settle(qtbot, worker)
        assert panel.message.text().startswith("The database cannot be reached.")
    finally:
        other_desk.execute("ROLLBACK")
        other_desk.close()
    settle(qtbot, worker)
    assert panel.model.shown_keys() == [call_id]  # still waiting for its callback
    panel.record_callback(call_id, "ditelepon")  # the lock is gone: the same action now works
    qtbot.waitUntil(lambda: panel.model.total() == 0, timeout=3000)
    impatient.dispose()
