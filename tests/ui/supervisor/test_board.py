from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.db.enums import CallType, IncidentStatus, Priority
from callcenter.db.models import Category
from callcenter.services.audit_trail import AuditFilter
from callcenter.services.calls import CallService
from callcenter.services.incidents import IncidentDraft
from callcenter.services.supervisor import Sla
from tests.callcenter.services.conftest import ring
from tests.ui.supervisor.conftest import Stack
from ui.supervisor import AuditLogDialog, SupervisorBoard
from ui.supervisor.models import SLA_COLOURS, SLA_ROLE, IncidentsModel
from ui.table_model import KEY_ROLE


def _incident(stack: Stack, priority: Priority = Priority.P1) -> int:
    with stack.db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    return stack.incidents.create(stack.operator, IncidentDraft(
        category_id=category_id, priority=priority, description="Gudang terbakar <b>&</b> 🚒",
        address="Jl. Kapten Halim")).id


def _refresh(qtbot: QtBot, board: SupervisorBoard) -> None:
    qtbot.waitUntil(lambda: not board._busy, timeout=5000)
    with qtbot.waitSignal(board.refreshed, timeout=5000):
        board.refresh()


def test_board_models_pass_the_model_tester_and_show_the_centre(qtbot: QtBot, qtmodeltester, stack: Stack) -> None:  # type: ignore[no-untyped-def]
    stack.presence.heartbeat(stack.operator, "PC-OPS-1")
    answered = ring(stack.db, stack.clock, "081234567801")
    stack.clock.advance(6)
    CallService(stack.db, stack.clock).claim(stack.operator, answered)
    CallService(stack.db, stack.clock).classify(stack.operator, answered, CallType.PRANK)
    missed = ring(stack.db, stack.clock, "081234567802")
    CallService(stack.db, stack.clock).end(stack.operator, missed)
    ring(stack.db, stack.clock, "081234567803")
    _incident(stack)
    board = stack.board(qtbot)
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    for model in (board.waiting_model, board.missed_model, board.incidents_model, board.operators_model,
                  board.units_model):
        qtmodeltester.check(model)
    assert board.waiting_model.rowCount() == 1 and board.missed_model.rowCount() == 1
    assert board.incidents_model.rowCount() == 1
    assert board.operators_model.index(0, 0).data() == "PC-OPS-1"
    assert board.tiles["received"].value.text() == "3"
    assert board.tiles["within10"].value.text() == "50.0%"  # 1 of 2 finished calls answered within 10 s
    assert len(board.hourly_chart.series()) == 1 and len(board.histogram_chart.series()) == 1

    # Rows change under the model: removal, insertion and reordering keep it consistent.
    second = ring(stack.db, stack.clock, "081234567804")
    CallService(stack.db, stack.clock).claim(stack.operator, second)
    _incident(stack, Priority.P3)
    _refresh(qtbot, board)
    qtmodeltester.check(board.incidents_model)
    assert board.incidents_model.rowCount() == 2


def test_incident_sla_colours_follow_the_clock(qtbot: QtBot, stack: Stack) -> None:
    incident_id = _incident(stack, Priority.P1)
    board = stack.board(qtbot)
    qtbot.waitUntil(lambda: board.incidents_model.rowCount() == 1, timeout=5000)
    model = board.incidents_model
    sla_cell = model.index(0, IncidentsModel.SLA)

    def colour() -> Sla:
        return model.data(sla_cell, SLA_ROLE)  # type: ignore[no-any-return]

    assert colour() is Sla.GREEN
    assert model.data(sla_cell, Qt.ItemDataRole.BackgroundRole) == SLA_COLOURS[Sla.GREEN]
    changed: list[int] = []
    model.dataChanged.connect(lambda *_: changed.append(1))
    stack.clock.advance(61)
    board._tick()  # the one-second timer, without waiting for it
    assert changed and colour() is Sla.AMBER
    assert model.data(model.index(0, IncidentsModel.AGE)) == "1:01"
    stack.clock.advance(60)
    model.tick()
    assert colour() is Sla.RED
    assert model.data(sla_cell, Qt.ItemDataRole.BackgroundRole) == SLA_COLOURS[Sla.RED]
    assert model.data(sla_cell) == board.incidents_model.tr("not forwarded")
    assert model.data(model.index(0, 0), KEY_ROLE) == incident_id
    with qtbot.waitSignal(board.incident_activated, timeout=1000) as opened:
        board.incidents_view.activated.emit(model.index(0, 0))
    assert opened.args == [incident_id]


def test_actions_reassign_close_reopen_unblock(qtbot: QtBot, stack: Stack) -> None:
    incident_id = _incident(stack)
    stack.callers.block(stack.operator, "081234567802", "iseng")
    missed = ring(stack.db, stack.clock, "081234567802")
    CallService(stack.db, stack.clock).end(stack.operator, missed)
    board = stack.board(qtbot)
    qtbot.waitUntil(lambda: board.incidents_model.rowCount() == 1, timeout=5000)
    assert board.missed_model.row_at(0).blocked

    board.reassign_incident(incident_id, stack.boss.id or 0)
    qtbot.waitUntil(lambda: board.incidents_model.row_at(0).assigned_to == "hendra", timeout=5000)

    with qtbot.waitSignal(board.action_failed, timeout=5000) as refused:
        board.close_incident(incident_id, "   ")
    assert "disposition" in refused.args[0] or "ended" in refused.args[0]

    board.close_incident(incident_id, "Api padam, tidak ada korban")
    qtbot.waitUntil(lambda: board.incidents_model.rowCount() == 0, timeout=5000)
    assert stack.incidents.get(incident_id).status is IncidentStatus.CLOSED

    board.reopen_incident(incident_id, "Warga melapor api menyala lagi")
    qtbot.waitUntil(lambda: board.incidents_model.rowCount() == 1, timeout=5000)

    board.unblock_number("081234567802")
    qtbot.waitUntil(lambda: not board.missed_model.row_at(0).blocked, timeout=5000)
    assert stack.trail.audit_count(stack.boss, AuditFilter(action="caller.unblock")) == 1


def test_audit_dialog_filters_pages_and_exports(qtbot: QtBot, qtmodeltester, stack: Stack,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    for index in range(260):  # more than one page
        call_id = ring(stack.db, stack.clock, f"0812345{index:05d}")
        CallService(stack.db, stack.clock).classify(stack.operator, call_id, CallType.GHOST)
    incident_id = _incident(stack)
    stack.incidents.add_note(stack.operator, incident_id, "=cmd|' /C calc'!A0")
    dialog = AuditLogDialog(stack.worker, stack.trail, stack.boss)
    qtbot.addWidget(dialog)
    dialog.use_since.setChecked(False)
    dialog.apply_filter()
    # The first page (200 rows); the view may already be asking for the next one.
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 200 and dialog.total is not None, timeout=10000)
    qtmodeltester.check(dialog.model)
    total = stack.trail.audit_count(stack.boss, AuditFilter())
    assert dialog.total == total and total > 260

    def scrolled_to_the_end() -> bool:
        dialog.model.fetchMore(QModelIndex())  # what the view does as the supervisor scrolls down
        return dialog.model.rowCount() == total

    qtbot.waitUntil(scrolled_to_the_end, timeout=5000)
    assert not dialog.model.canFetchMore(dialog.model.index(-1, -1))

    dialog.entity.setEditText("incident")
    dialog.apply_filter()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    assert "=cmd" in dialog.details.toPlainText()

    out = tmp_path / "audit.csv"
    with qtbot.waitSignal(dialog.exported, timeout=5000) as done:
        dialog.export_to(out)
    assert done.args == [str(out), 2]
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[3] for r in rows[1:]] == ["incident.create", "incident.note"]
    assert rows[2][8].startswith("'=cmd")


def test_an_export_to_an_unwritable_place_says_so_and_leaves_nothing(qtbot: QtBot, stack: Stack,
                                                                    tmp_path: Path) -> None:
    dialog = AuditLogDialog(stack.worker, stack.trail, stack.boss)
    qtbot.addWidget(dialog)
    target = tmp_path / "missing-folder" / "audit.csv"
    dialog.export_to(target)
    qtbot.waitUntil(lambda: "cannot be written" in dialog.status.text(), timeout=5000)
    assert not list(tmp_path.rglob("*.part")) and not target.exists()


def test_a_board_on_a_hidden_tab_waits_and_catches_up_when_shown(qtbot: QtBot, stack: Stack) -> None:
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    board = SupervisorBoard(stack.worker, stack.supervisor, stack.presence, stack.incidents, stack.callers,
                            stack.boss, clock=stack.clock)
    board.timer.stop()
    tabs.addTab(QWidget(), "console")
    tabs.addTab(board, "supervisor")
    tabs.show()
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    assert not board.isVisible()
    call_id = ring(stack.db, stack.clock, "081234567805")
    board.on_changes(["call:ring"])
    qtbot.wait(200)
    assert board.waiting_model.rowCount() == 0  # nobody is looking: no database work
    tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.waiting_model.shown_keys() == [call_id], timeout=5000)


def test_a_stale_claim_shows_red_and_the_supervisor_releases_it(qtbot: QtBot, stack: Stack) -> None:
    from ui.supervisor.models import WaitingCallsModel

    stack.presence.heartbeat(stack.operator, "PC-OPS-1")
    call_id = ring(stack.db, stack.clock, "081234567806")
    CallService(stack.db, stack.clock).claim(stack.operator, call_id)
    stack.clock.advance(90)  # PC-OPS-1 fell silent
    board = stack.board(qtbot)
    qtbot.waitUntil(lambda: board.waiting_model.shown_keys() == [call_id], timeout=5000)
    model = board.waiting_model
    note = model.index(0, WaitingCallsModel.NOTE)
    assert "asep" in note.data() and "PC-OPS-1" in note.data()
    assert model.data(note, SLA_ROLE) is Sla.RED
    assert board.tiles["waiting"].value.text() == "0"  # nothing rings: the stale call is shown apart
    board.release_call(call_id, "Meja PC-OPS-1 mati listrik")
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.row_at(0).stale_operator is None, timeout=5000)
    assert model.data(model.index(0, WaitingCallsModel.NOTE)) == model.tr("Ringing")
    assert stack.trail.audit_count(stack.boss, AuditFilter(action="call.release_stale")) == 1
