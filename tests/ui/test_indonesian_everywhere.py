"""No English in the Indonesian console: the main window of an operator and of a supervisor, every side panel,
every dialog and window they can reach, the admin's dialogs and the map, with real data in them (a line nobody
named, a line that went down, a unit of type 'rescue', a failed delivery, failed logins and a shift in the audit
trail), scanned for English (tests/ui/english.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.cid.sources.base import LineState, LineStatus
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, Priority, Role
from callcenter.db.models import Agency, Category
from callcenter.errors import AuthenticationFailed
from callcenter.geo.regions import load_geography
from callcenter.services.agency_admin import UnitInput
from callcenter.services.incidents import IncidentDraft
from tests.ui.conftest import Console, build_console, make_actor
from tests.ui.english import Finding, english_in, why_english
from ui.dispatch import AgencyAdminDialog, SmtpSettingsDialog, UnitAdminDialog
from ui.dispatch.manual import NO_BROWSER
from ui.i18n import Translations
from ui.login import FirstRunDialog, LoginDialog
from ui.map import IncidentMarker, MapPanel, PositionDialog
from ui.map.overlays import legend_rows
from ui.reports_dialog import ReportsDialog
from ui.supervisor import AuditLogDialog
from ui.views.caller_history import CallerHistoryDialog
from ui.views.handover import HandoverDialog
from ui.views.incident_detail import IncidentDetailDialog
from ui.views.settings import SettingsDialog

pytestmark = pytest.mark.slow


def _shown() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def _world(console: Console) -> dict[str, int]:
    """What a shift leaves in the database: calls on a line nobody named, a missed call, an incident forwarded to
    a unit of type 'rescue' whose delivery failed, failed logins, a shift session."""
    services = console.services
    admin = make_actor(console.db, console.clock, "admin9", Role.ADMIN)
    with console.db.read() as session:
        damkar = session.scalar(select(Agency.id).where(Agency.code == "damkar"))
        category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    unit = services.agency_admin.save_unit(admin, None, UnitInput("RESCUE-01", "rescue", damkar))
    missed = console.ring("085711112222")
    services.calls.end(console.actor, missed)
    incident = services.incidents.create(console.actor, IncidentDraft(
        category_id=category, priority=Priority.P1, description="Gudang kayu terbakar, asap tebal",
        address="Jl. Veteran No. 5", reporter_name="Ujang", callback_number="081234567899"))
    [view] = services.dispatch.forward(console.actor, incident.id, [], [unit.unit_id], [DeliveryChannel.PRINT])
    services.dispatch.mark_failed(console.actor, view.deliveries[0].id, NO_BROWSER)  # as the desk records it
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            services.auth.authenticate(console.actor.username, "salah-sekali")
    services.shifts.start_session(console.actor, "MEJA-1")
    return {"incident": incident.id, "missed": missed}


def _line_down(console: Console) -> None:
    state = LineState("serial:COM3", "serial://COM3?format=modem", LineStatus.DOWN,
                      "COM3: the serial device went away (cable pulled or port closed)", console.clock(),
                      "serial.gone", {"port": "COM3"})
    console.window.line_strip.on_line_state(state)


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """The window's keys work while it is the active window (a dialog or the board may have the focus)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def _wait_for(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(lambda: any(isinstance(w, kind) for w in _shown()), timeout=5000)
    return next(w for w in _shown() if isinstance(w, kind))


def test_the_operators_console_has_no_english(qtbot: QtBot, console: Console) -> None:
    window = console.window
    world = _world(console)
    _line_down(console)
    console.ring("081234567890")  # line "1": intake names it "Line 1"
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=5000)
    console.idle(qtbot)
    findings = english_in(_shown())

    qtbot.keyClick(window, Qt.Key.Key_F2)  # answer: the call form and the step in the status bar
    qtbot.waitUntil(lambda: console.desk.mode == "call", timeout=5000)
    findings += english_in(_shown())
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the incident form
    qtbot.waitUntil(lambda: console.desk.mode == "incident", timeout=5000)
    findings += english_in(_shown())
    qtbot.keyClick(window, Qt.Key.Key_F1)  # the key list
    findings += english_in([window.overlay])
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F7)  # a prank after all: back to idle
    qtbot.waitUntil(lambda: console.desk.mode == "idle", timeout=5000)

    panels = console.desk.panels
    panels.missed_panel.reload()
    panels.units_panel.refresh()
    panels.deliveries_panel.refresh()
    console.idle(qtbot)
    qtbot.waitUntil(lambda: panels.missed_panel.model.rowCount() >= 1, timeout=5000)
    findings += english_in([window])

    panels.open_incident(world["incident"])
    detail = _wait_for(qtbot, IncidentDetailDialog)
    assert isinstance(detail, IncidentDetailDialog)
    qtbot.waitUntil(lambda: detail.view is not None, timeout=5000)
    console.idle(qtbot)
    panels.open_caller_history("+6281234567890")
    _wait_for(qtbot, CallerHistoryDialog)
    panels.open_settings()
    _wait_for(qtbot, SettingsDialog)
    panels.last_incident_id = world["incident"]
    panels.forward_last()
    console.idle(qtbot)
    findings += english_in(_shown())
    for widget in _shown():
        if widget is not window:
            widget.close()
    panels.request_logout()  # the handover
    _wait_for(qtbot, HandoverDialog)
    console.idle(qtbot)
    findings += english_in(_shown())
    for widget in _shown():
        if widget is not window:
            widget.close()

    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F12)  # a supervisor's key: told so, in Indonesian
    assert "supervisor" in window.status_label.text()
    findings += english_in([window])
    console.desk.lock.lock()  # the lock screen
    findings += english_in(_shown())
    report = sorted({str(finding) for finding in findings})
    assert not report, "English in the Indonesian console:\n" + "\n".join(report)


@pytest.fixture
def supervisor(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
               translations: Translations) -> Iterator[Console]:
    yield from build_console(qtbot, sqlite_db, clock, translations, role=Role.SUPERVISOR, username="hendra")


def test_the_supervisors_windows_and_the_admins_dialogs_have_no_english(qtbot: QtBot, supervisor: Console) -> None:
    console = supervisor
    window = console.window
    _world(console)
    console.idle(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    supervision = console.desk.supervision
    assert supervision is not None and supervision.board is not None
    board = supervision.board
    qtbot.waitUntil(lambda: board.snapshot is not None and board.incidents_model.rowCount() >= 1, timeout=5000)
    findings = english_in(_shown())

    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    audit = _wait_for(qtbot, AuditLogDialog)
    assert isinstance(audit, AuditLogDialog)
    audit.use_since.setChecked(False)  # the test's clock is not today's
    audit.apply_filter()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 5 and audit.action.count() > 5, timeout=5000)
    audit.view.setCurrentIndex(audit.model.index(0, 0))  # the details pane
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    _wait_for(qtbot, ReportsDialog)
    console.idle(qtbot)
    findings += english_in(_shown())

    admin = make_actor(console.db, console.clock, "admin8", Role.ADMIN)
    services = console.services
    dialogs: list[QWidget] = [AgencyAdminDialog(console.worker, services.agency_admin, admin),
                              UnitAdminDialog(console.worker, services.agency_admin, admin),
                              SmtpSettingsDialog(console.worker, services.settings, admin)]
    geography = load_geography()
    panel = MapPanel(geography)
    marker = IncidentMarker(1, "112/2026/000001", "P1", "open", -6.55, 107.44, None, "Kebakaran — Nagri Kidul")
    panel.view.set_incidents([marker])
    dialogs += [panel, PositionDialog(geography, "Posisi pos Damkar"),
                LoginDialog(console.worker, services.auth, database_name="konsol112.sqlite3"),
                FirstRunDialog(console.worker, services.auth)]
    painted = [text for text, _swatch in legend_rows(None, False, True)] + [marker.tooltip()]
    findings += [Finding("the map's legend and marker", text, why) for text in painted
                 if (why := why_english(text)) is not None]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    console.idle(qtbot)
    findings += english_in(dialogs)
    report = sorted({str(finding) for finding in findings})
    assert not report, "English in the Indonesian console:\n" + "\n".join(report)


def test_the_scan_finds_the_english_of_the_english_console(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                                           translations: Translations) -> None:
    """The same scan in the English console finds English everywhere: it is no check that cannot fail."""
    for console in build_console(qtbot, sqlite_db, clock, translations, "en"):
        found = {finding.text for finding in english_in([console.window])}
        assert {"Missed calls", "Open incidents", "Ready for calls"} <= found
