from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallType
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.conftest import ring
from tests.callcenter.services.test_incidents import fire
from tests.ui.views.conftest import settle, show
from ui.views.caller_history import CallerHistoryDialog
from ui.worker import DbWorker

NUMBER = "081234567890"



def test_history_and_block_with_a_required_reason(qtbot: QtBot, qtmodeltester, worker: DbWorker,  # type: ignore[no-untyped-def]
                                                  db: Database, clock: ManualClock, operator: Actor) -> None:
    calls = CallService(db, clock)
    for _ in range(2):
        call_id = ring(db, clock, NUMBER)
        calls.claim(operator, call_id)
        calls.classify(operator, call_id, CallType.PRANK)
        clock.advance(600)  # a repeat within seconds would be one call
    call_id = ring(db, clock, NUMBER)
    calls.claim(operator, call_id)
    incident = IncidentService(db, clock).create(operator, fire(db, call_id=call_id))
    callers = CallerService(db, clock)
    dialog = CallerHistoryDialog(worker, callers, operator, "+62 812-3456-7890")
    show(qtbot, dialog)
    settle(qtbot, worker)
    assert "0812-3456-7890" in dialog.title.text() and "Telkomsel" in dialog.title.text()
    assert dialog.counts["total"].text() == "3" and dialog.counts["prank"].text() == "2"
    assert dialog.counts["incidents"].text() == "1"
    assert dialog.calls_model.rowCount() == 3 and dialog.incidents_model.rowCount() == 1
    assert dialog.incidents_model.index(0, 0).data() == incident.number
    qtmodeltester.check(dialog.calls_model)
    qtmodeltester.check(dialog.incidents_model)
    assert dialog.block_state.text() == "Not blocked."
    assert not dialog.unblock_button.isVisible()  # operators do not see unblock

    dialog.block_button.click()  # no reason: nothing happens but a message
    settle(qtbot, worker)
    assert "reason" in dialog.message.text() and not callers.history(NUMBER).is_blocked(clock())
    qtbot.keyClicks(dialog.reason, "Prank berulang <script> & ")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, worker)
    history = callers.history(NUMBER)
    assert history.is_blocked(clock()) and history.block_reason == "Prank berulang <script> &"
    assert dialog.block_state.text().startswith("Blocked until") and "<script>" in dialog.block_state.text()

    dialog.unblock()  # even if an operator got here, the service refuses and the dialog says so
    settle(qtbot, worker)
    assert "not allowed" in dialog.message.text()
    assert callers.history(NUMBER).is_blocked(clock())


def test_supervisor_unblocks(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                             supervisor: Actor) -> None:
    callers = CallerService(db, clock)
    callers.block(supervisor, NUMBER, "Prank")
    dialog = CallerHistoryDialog(worker, callers, supervisor, NUMBER)
    show(qtbot, dialog)
    settle(qtbot, worker)
    assert dialog.unblock_button.isVisible() and dialog.unblock_button.isEnabled()
    dialog.unblock_button.click()
    settle(qtbot, worker)
    assert dialog.block_state.text() == "Not blocked." and not callers.history(NUMBER).is_blocked(clock())


def test_unknown_or_invalid_number_shows_empty_history(qtbot: QtBot, worker: DbWorker, db: Database,
                                                       clock: ManualClock, operator: Actor) -> None:
    dialog = CallerHistoryDialog(worker, CallerService(db, clock), operator, "12")
    show(qtbot, dialog)
    settle(qtbot, worker)
    assert "not a valid number" in dialog.title.text() and not dialog.block_button.isEnabled()
