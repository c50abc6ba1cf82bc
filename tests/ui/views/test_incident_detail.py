from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import IncidentStatus, Priority
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.test_incidents import fire
from tests.ui.views.conftest import settle, show
from ui.views.incident_detail import IncidentDetailDialog
from ui.worker import DbWorker


def open_dialog(qtbot: QtBot, worker: DbWorker, incidents: IncidentService, actor: Actor,
                incident_id: int) -> IncidentDetailDialog:
    dialog = IncidentDetailDialog(worker, incidents, actor, incident_id)
    show(qtbot, dialog)
    settle(qtbot, worker)
    return dialog


def test_note_then_close_with_a_disposition(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                                            operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db))
    dialog = open_dialog(qtbot, worker, incidents, operator, incident.id)
    assert incident.number in dialog.header.text() and "Fire" in dialog.header.text()  # English: no translator in tests
    assert dialog.address.text() == "Jl. Veteran No. 5" and dialog.desa_box.currentText() == "Nagri Kidul"
    assert not dialog.reopen_button.isVisible()  # operators never see reopen

    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Damkar sudah di lokasi <b> & </b>")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.note.toPlainText() == "", timeout=3000)  # buttons click after a short flash
    assert "Damkar sudah di lokasi <b> & </b>" in dialog.timeline_view.toPlainText()  # shown as text, not markup
    assert incidents.timeline(incident.id)[-1].text == "Damkar sudah di lokasi <b> & </b>"

    dialog.close_button.click()  # no disposition yet: says what is missing, closes nothing
    assert dialog.message.isVisible() and "disposition" in dialog.message.text()
    dialog.disposition.setCurrentIndex(0)
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Closed" in dialog.header.text(), timeout=3000)
    closed = incidents.get(incident.id)
    assert closed.status is IncidentStatus.CLOSED and closed.disposition == "Handled, situation safe"
    assert "Closed" in dialog.header.text() and not dialog.save_button.isEnabled()
    timeline = dialog.timeline_view.toPlainText()
    assert "Closed: Handled, situation safe" in timeline and "Incident 112/2026/000001 created" in timeline


def test_edit_saves_with_the_version_and_a_conflict_offers_reload(qtbot: QtBot, worker: DbWorker, db: Database,
                                                                  clock: ManualClock, operator: Actor,
                                                                  supervisor: Actor) -> None:
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db, priority=Priority.P2))
    dialog = open_dialog(qtbot, worker, incidents, operator, incident.id)
    dialog.landmark.setText("depan SDN 1")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.message.text() == "Saved.", timeout=3000)
    assert incidents.get(incident.id).landmark == "depan SDN 1" and dialog.view is not None
    assert dialog.view.version == 2 and dialog.message.text() == "Saved."
    assert "Changed: Landmark" in dialog.timeline_view.toPlainText()

    # Someone else saves meanwhile; this desk's save must not overwrite it.
    incidents.update(supervisor, incident.id, 2, {"priority": Priority.P1})
    dialog.address.setText("Jl. Baru")
    dialog.save_button.click()
    settle(qtbot, worker)
    assert dialog.conflict.isVisible()
    assert "changed by someone else" in dialog.conflict_text.text()
    assert incidents.get(incident.id).address == "Jl. Veteran No. 5"
    dialog.reload_button.click()
    settle(qtbot, worker)
    assert not dialog.conflict.isVisible()
    assert dialog.priority.currentData() == Priority.P1 and dialog.address.text() == "Jl. Veteran No. 5"


def test_supervisor_reopens_a_closed_incident(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                                              operator: Actor, supervisor: Actor) -> None:
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db))
    incidents.close(operator, incident.id, "Selesai")
    dialog = open_dialog(qtbot, worker, incidents, supervisor, incident.id)
    assert dialog.reopen_button.isVisible() and dialog.reopen_button.isEnabled()
    dialog.reopen("Warga melapor api menyala lagi")
    settle(qtbot, worker)
    assert incidents.get(incident.id).status is IncidentStatus.OPEN and dialog.save_button.isEnabled()


def test_an_oversized_note_is_refused_with_a_message_and_kept(qtbot: QtBot, worker: DbWorker, db: Database,
                                                              clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db))
    dialog = open_dialog(qtbot, worker, incidents, operator, incident.id)
    huge = "Warga panik ⚠️ " * 2000  # 30,000 characters
    dialog.note.setPlainText(huge)
    dialog.add_note()
    settle(qtbot, worker)
    assert dialog.message.text() == "Note: at most 20,000 characters (now 29,999)"  # trailing space trimmed
    assert dialog.note.toPlainText() == huge and dialog.note_button.isEnabled()  # nothing typed is lost
    assert [entry.kind for entry in incidents.timeline(incident.id)] == ["created"]


def test_closing_the_dialog_while_it_loads_drops_the_answer_quietly(qtbot: QtBot, worker: DbWorker, db: Database,
                                                                    clock: ManualClock, operator: Actor) -> None:
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db))
    dialog = IncidentDetailDialog(worker, incidents, operator, incident.id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.close()  # before the worker answered: the answer must not reach a deleted window
    settle(qtbot, worker)
    qtbot.wait(50)


def test_the_calls_that_reported_it_lead_to_the_caller_history(qtbot: QtBot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                               worker: DbWorker, db: Database, clock: ManualClock,
                                                               operator: Actor) -> None:
    from callcenter.services.calls import CallService
    from tests.callcenter.services.conftest import ring

    call_id = ring(db, clock, "081234567890")
    CallService(db, clock).claim(operator, call_id)
    incidents = IncidentService(db, clock)
    incident = incidents.create(operator, fire(db, call_id=call_id))
    dialog = open_dialog(qtbot, worker, incidents, operator, incident.id)
    assert dialog.side_tabs.tabText(1) == "Calls (1)"
    assert dialog.calls_model.index(0, 1).data() == "0812-3456-7890"
    qtmodeltester.check(dialog.calls_model)
    assert "Call from 0812-3456-7890" in dialog.timeline_view.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.history_dialog is not None and dialog.history_dialog.isVisible(), timeout=3000)
    settle(qtbot, worker)
    history = dialog.history_dialog
    assert history is not None and "0812-3456-7890" in history.windowTitle()
    history.close()
