"""The console with every part wired: supervisor board, presence, LISTEN/NOTIFY wake-up, dispatch follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, Priority, Role, UnitStatus
from callcenter.db.models import Agency, Category
from callcenter.services.agency_admin import AgencyAdminService, UnitInput
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.feed import Change
from callcenter.services.incidents import IncidentDraft
from callcenter.services.notify import NotifyListener
from tests.ui.conftest import Console, make_actor
from ui.bridge import CoreBridge
from ui.feed_poller import FeedPoller
from ui.views.incident_detail import IncidentDetailDialog
from ui.worker import DbWorker


def _fire(console: Console, actor: Actor | None = None) -> int:
    with console.db.read() as session:
        category_id = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    return console.incidents.create(actor or console.actor, IncidentDraft(
        category_id=category_id, priority=Priority.P1, description="Gudang terbakar", address="Jl. Veteran")).id


def test_a_supervisor_opens_the_live_board_with_f12_and_an_incident_from_it(qtbot: QtBot,
                                                                             supervisor_console: Console) -> None:
    console = supervisor_console
    window = console.window
    supervision = console.desk.supervision
    assert supervision is not None and supervision.board is None  # built when first asked for: costs nothing
    qtbot.keyClick(window, Qt.Key.Key_F12)
    board = supervision.board
    assert board is not None and supervision.board_window is not None and supervision.board_window.isVisible()
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    call_id = console.ring("081234567801")  # from the line, through the change feed
    qtbot.waitUntil(lambda: board.waiting_model.shown_keys() == [call_id], timeout=5000)
    incident_id = _fire(console)
    qtbot.waitUntil(lambda: board.incidents_model.shown_keys().count(incident_id) == 1, timeout=5000)
    board.incident_activated.emit(incident_id)
    qtbot.waitUntil(lambda: any(isinstance(w, IncidentDetailDialog) and w.incident_id == incident_id
                                for w in QApplication.topLevelWidgets() if w.isVisible()), timeout=3000)
    assert "F12" in window.shortcuts.shortcuts  # listed in F1 and in the button's tooltip
    assert any("F12" in b.toolTip() for b in window.findChildren(type(window.help_button)))
    assert window.findChild(type(window.help_button), "boardButton").menu() is not None
    # Logging out stops the board's clock and closes its window.
    window.close()
    assert not board.timer.isActive() and not supervision.board_window.isVisible()


def test_a_supervisor_opens_the_audit_log(qtbot: QtBot, supervisor_console: Console) -> None:
    from ui.supervisor import AuditLogDialog

    qtbot.keyClick(supervisor_console.window, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, AuditLogDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=3000)


def test_an_operator_never_sees_the_board(qtbot: QtBot, console: Console) -> None:
    window = console.window
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert console.desk.supervision is None
    assert "F12" not in {entry.key for entry in window.shortcuts.entries}  # not in the operator's key list
    assert not any("F12" in b.toolTip() for b in window.findChildren(type(window.help_button)))


def test_postgres_notify_wakes_the_feed_at_once(qtbot: QtBot, pg_db: Database) -> None:
    from callcenter.db import migrate

    migrate.upgrade(pg_db)
    worker, bridge = DbWorker(), CoreBridge()
    poller = FeedPoller(worker, pg_db, bridge, interval_ms=60_000)  # the timer alone would take a minute
    listener = NotifyListener(pg_db.engine.url.render_as_string(hide_password=False), poller.wake)
    received: list[Change] = []
    bridge.feed_changes.connect(received.extend)
    try:
        poller.start()
        listener.start()
        assert listener.connected.wait(5)
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=5000)
        from callcenter.clock import utcnow
        from callcenter.services.base import record_change

        with pg_db.write() as session:
            record_change(session, "incident", 42, "update", utcnow())
        qtbot.waitUntil(lambda: any(c.entity == "incident" and c.entity_id == "42" for c in received),
                        timeout=2000)
    finally:
        listener.stop()
        poller.stop()
        worker.stop()


def test_forwards_refresh_the_unit_board_and_closing_frees_the_unit(qtbot: QtBot, console: Console) -> None:
    units_panel = console.desk.panels.units_panel
    units_panel._poller.stop()  # only the change feed may refresh it now
    dispatch = DispatchService(console.db, console.clock)

    def unit_status() -> UnitStatus | None:
        for row in range(units_panel.model.rowCount()):
            data = units_panel.model.row_at(row)
            if data is not None and data.unit_id == unit.unit_id:
                return data.status
        return None

    admin = make_actor(console.db, console.clock, "admin1", Role.ADMIN)
    with console.db.read() as session:
        agency_id = session.scalar(select(Agency.id).order_by(Agency.id).limit(1))
    agencies = AgencyAdminService(console.db, console.clock)
    unit = agencies.save_unit(admin, None, UnitInput("DAMKAR-01", "mobil damkar", agency_id))
    qtbot.waitUntil(lambda: unit_status() is UnitStatus.AVAILABLE, timeout=3000)  # the feed brought it
    incident_id = _fire(console)
    other = _fire(console)  # the detail dialog below must not react to another incident
    assert other != incident_id
    [view] = dispatch.forward(console.actor, incident_id, [], [unit.unit_id], [DeliveryChannel.PRINT])

    qtbot.waitUntil(lambda: unit_status() is not UnitStatus.AVAILABLE, timeout=3000)
    dispatch.update_status(console.actor, view.id, DispatchStatus.ACKNOWLEDGED)
    console.desk.panels.open_incident(incident_id)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, IncidentDetailDialog))
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=3000)
    timeline = dialog.dispatch_timeline
    assert timeline is not None
    qtbot.waitUntil(lambda: timeline.tree.topLevelItemCount() == 1, timeout=3000)
    dialog.disposition.setCurrentText("Api padam")
    dialog.close_incident()
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.status.value == "closed", timeout=3000)
    assert dispatch.get(view.id).status is DispatchStatus.CLEARED
    qtbot.waitUntil(lambda: unit_status() is UnitStatus.AVAILABLE, timeout=3000)
    steps = [entry.kind for entry in console.incidents.timeline(incident_id)]
    assert "dispatch" in [str(kind) for kind in steps]  # the incident's timeline shows the forward


def test_another_desks_change_refreshes_the_open_incident_but_never_overwrites_typing(qtbot: QtBot,
                                                                                      console: Console) -> None:
    incident_id = _fire(console)
    console.desk.panels.open_incident(incident_id)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, IncidentDetailDialog))
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=3000)
    version = console.incidents.get(incident_id).version
    console.incidents.update(console.actor, incident_id, version, {"landmark": "depan masjid"})
    qtbot.waitUntil(lambda: dialog.landmark.text() == "depan masjid", timeout=3000)  # came through the feed
    dialog.address.setText("Jl. Baru yang sedang diketik")
    version = console.incidents.get(incident_id).version
    console.incidents.update(console.actor, incident_id, version, {"landmark": "belakang pasar"})
    qtbot.wait(500)
    assert dialog.address.text() == "Jl. Baru yang sedang diketik"


def test_a_forward_wakes_the_outbox_at_once(qtbot: QtBot, console: Console) -> None:
    from ui.dispatch.dialog import DispatchDialog

    woken: list[bool] = []
    console.desk.panels.outbox_wake = lambda: woken.append(True)
    console.desk.panels.last_incident_id = _fire(console)
    qtbot.keyClick(console.window, Qt.Key.Key_F4)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DispatchDialog))
    dialog.forwarded.emit([object()])
    assert woken == [True]
