from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.services.base import Actor
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentService
from callcenter.services.shifts import ShiftService
from tests.callcenter.services.conftest import ring
from tests.callcenter.services.test_incidents import fire
from tests.ui.views.conftest import settle
from ui.views.handover import HandoverDialog
from ui.worker import DbWorker


def test_handover_lists_what_is_open_and_needs_a_note(qtbot: QtBot, qtmodeltester, worker: DbWorker,  # type: ignore[no-untyped-def]
                                                      db: Database, clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    open_one = incidents.create(operator, fire(db))
    closed = incidents.create(operator, fire(db))
    incidents.close(operator, closed.id, "Selesai")
    missed = ring(db, clock, "081234567890")
    CallService(db, clock).end(operator, missed)
    shifts = ShiftService(db, clock)
    session_id = shifts.start_session(operator, "MEJA-1")

    dialog = HandoverDialog(worker, shifts, incidents, operator)
    qtbot.addWidget(dialog)
    dialog.open()
    settle(qtbot, worker)
    assert dialog.title.text() == "Handover — shift Pagi"
    assert dialog.incident_box.title().endswith("(1)") and dialog.missed_box.title().endswith("(1)")
    assert dialog.incident_model.index(0, 0).data() == open_one.number
    assert dialog.missed_model.index(0, 1).data() == "0812-3456-7890"
    qtmodeltester.check(dialog.incident_model)
    qtmodeltester.check(dialog.missed_model)

    dialog.save_button.click()  # an empty note is refused with a message
    settle(qtbot, worker)
    assert dialog.isVisible() and "handover note" in dialog.message.text()
    dialog.insert_button.click()
    assert open_one.number in dialog.note.toPlainText()
    assert "1 missed calls not called back yet" in dialog.note.toPlainText()
    dialog.note.insertPlainText("Genset kantor mati <b>&</b> 🔌")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_session == session_id
    notes = shifts.handover_notes(shifts.current_window())
    assert len(notes) == 1 and notes[0].handover_note is not None
    assert notes[0].handover_note.endswith("Genset kantor mati <b>&</b> 🔌")
    assert shifts.open_session_id(operator) is None
