"""The forward path in the console, keys only: F4 then Enter. The slip question comes after the dialog closed,
a WhatsApp link no browser could open is recorded as failed with the reason, and Retry (R) in Deliveries does
the desk's part again, visibly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from callcenter.db.enums import DeliveryChannel, OutboxState, Role
from callcenter.db.models import Agency
from callcenter.services.dispatch import DispatchService
from tests.callcenter.services.dispatch_helpers import make_fire, make_fleet
from tests.ui.conftest import Console, make_actor
from ui.dispatch.dialog import DispatchDialog
from ui.dispatch.manual import NO_BROWSER, default_slip_folder


def _states(console: Console, incident_id: int) -> dict[DeliveryChannel, tuple[OutboxState, str | None]]:
    service = DispatchService(console.db, console.clock)
    return {d.channel: (d.state, d.last_error) for view in service.dispatches(incident_id) for d in view.deliveries}


def test_f4_then_enter_delivers_after_the_dialog_has_closed(qtbot: QtBot, console: Console) -> None:
    admin = make_actor(console.db, console.clock, "admin1", Role.ADMIN)
    make_fleet(console.db, console.clock, admin)
    with console.db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(whatsapp="628122000113"))
    incident_id = make_fire(console.db, console.clock, console.actor)
    manual = console.desk.panels.manual
    asked: list[tuple[QWidget, str, Path]] = []
    opened: list[QUrl] = []

    def print_slip(parent: QWidget, _pdf: bytes, name: str, folder: Path) -> tuple[str, Path]:
        asked.append((parent, name, folder))
        return "printed", folder  # the operator chose Print, and the printer took it

    manual.print_slip = print_slip
    manual.open_url = lambda url: opened.append(url) is None and False  # this PC has no web browser

    console.desk.panels.last_incident_id = incident_id
    qtbot.keyClick(console.window, Qt.Key.Key_F4)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DispatchDialog) and w.isVisible())
    qtbot.waitUntil(lambda: dialog.suggestions is not None, timeout=5000)
    qtbot.keyClick(dialog.forward_button, Qt.Key.Key_Return)

    # The dialog is gone (deleted on close); the desk still asks about the slip and opens WhatsApp.
    qtbot.waitUntil(lambda: bool(asked) and bool(opened), timeout=10000)
    parent, name, folder = asked[0]
    assert parent is console.window and name.startswith("slip-112-")
    assert folder == default_slip_folder() and folder.name == "Konsol 112"
    qtbot.waitUntil(lambda: OutboxState.PENDING not in {state for state, _ in _states(console, incident_id).values()},
                    timeout=5000)
    states = _states(console, incident_id)
    assert states[DeliveryChannel.PRINT] == (OutboxState.SENT, None)
    assert states[DeliveryChannel.WHATSAPP] == (OutboxState.FAILED, NO_BROWSER)
    qtbot.waitUntil(lambda: "browser" in console.window.status_label.text() or
                    "peramban" in console.window.status_label.text(), timeout=5000)

    # Retry (R) in Deliveries: WhatsApp is tried again (a browser this time) and recorded as sent.
    manual.open_url = lambda url: opened.append(url) is None
    panel = console.desk.panels.deliveries_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    panel.retry_selected()
    qtbot.waitUntil(lambda: _states(console, incident_id)[DeliveryChannel.WHATSAPP][0] is OutboxState.SENT,
                    timeout=5000)
    assert len(opened) == 2
