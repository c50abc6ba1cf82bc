from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState, Role, UnitStatus
from callcenter.db.models import Agency
from callcenter.services.agency_admin import AgencyAdminService
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import UnitBoardRow
from tests.callcenter.forwarding.test_email import MemoryKeyring
from tests.callcenter.services.conftest import make_actor
from tests.callcenter.services.dispatch_helpers import Fleet, make_fire, make_fleet
from ui.dispatch import (
    AgencyAdminDialog,
    DispatchDialog,
    DispatchTimelineWidget,
    UnitAdminDialog,
    UnitBoardModel,
    UnitBoardPanel,
)
from ui.dispatch.manual import ManualDeliveries
from ui.dispatch.printing import save_pdf
from ui.worker import DbWorker

# Showing a top-level window on the offscreen platform says this once; it is about the platform, not our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def keyring_in_memory() -> Iterator[MemoryKeyring]:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.stop()


@pytest.fixture
def world(sqlite_db: Database, clock: ManualClock) -> tuple[DispatchService, Actor, Actor, Fleet]:
    operator = make_actor(sqlite_db, clock, "asep", Role.OPERATOR)
    admin = make_actor(sqlite_db, clock, "admin", Role.ADMIN)
    service = DispatchService(sqlite_db, clock)
    fleet = make_fleet(sqlite_db, clock, admin)
    with sqlite_db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(whatsapp="628122000113"))
    return service, operator, admin, fleet


def _row(unit_id: int, n: int, status: UnitStatus, since: datetime) -> UnitBoardRow:
    return UnitBoardRow(unit_id, f"UNIT-{n:03d}", "ambulans", 1, "Dinkes", status, since,
                        7 if status is not UnitStatus.AVAILABLE else None,
                        "112/2026/000007" if status is not UnitStatus.AVAILABLE else None, "Nagri Kidul", True)


def test_unit_board_model_passes_the_model_tester_and_ticks(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    clock = ManualClock(now)
    model = UnitBoardModel(clock=clock)
    statuses = list(UnitStatus)
    model.set_rows([_row(n, n, statuses[n % len(statuses)], now - timedelta(seconds=n * 61)) for n in range(250)])
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())  # lazily, in batches
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    qtmodeltester.check(model)
    time_cell = model.index(2, UnitBoardModel.TIME)
    assert model.data(time_cell) == "2:02"
    with qtbot.waitSignal(model.dataChanged):
        clock.advance(3600)
        model.tick()
    assert model.data(time_cell) == "1:02:02"
    status_cell = model.index(1, UnitBoardModel.STATUS)
    assert model.data(status_cell) == "dispatched"
    assert model.data(status_cell, Qt.ItemDataRole.BackgroundRole).color().name() == "#1565c0"
    assert model.data(model.index(1, UnitBoardModel.INCIDENT)) == "112/2026/000007"


def test_dispatch_dialog_preselects_forwards_and_completes_the_desk_deliveries(
        qtbot: QtBot, worker: DbWorker, sqlite_db: Database, clock: ManualClock,
        world: tuple[DispatchService, Actor, Actor, Fleet], tmp_path: Path) -> None:
    service, operator, _admin, fleet = world
    fire = make_fire(sqlite_db, clock, operator, description="Api <b>besar</b> & asap")
    desk = QWidget()  # the main window's stand-in: the desk's deliveries outlive the dialog
    qtbot.addWidget(desk)
    manual = ManualDeliveries(worker, worker, service, operator, desk)
    dialog = DispatchDialog(worker, service, operator, fire, manual=manual)
    qtbot.addWidget(dialog)
    opened: list[QUrl] = []
    saved: list[Path] = []

    def save_instead_of_print(_parent: QWidget, pdf: bytes, name: str, folder: Path) -> tuple[str, Path]:
        saved.append(save_pdf(pdf, tmp_path / name))  # no printer here: "save as PDF"
        return "saved", tmp_path

    manual.open_url = lambda url: opened.append(url) is None
    manual.print_slip = save_instead_of_print
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.suggestions is not None, timeout=5000)
    assert dialog.chosen_agencies() == [fleet.damkar]
    assert dialog.chosen_units() == [fleet.damkar_hills]
    assert dialog.chosen_channels() == [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP]
    assert "Kebakaran" in dialog.header.text() and "Sukadami" in dialog.location.text()

    with qtbot.waitSignal(dialog.forwarded, timeout=5000) as forwarded:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [view] = forwarded.args[0]
    assert view.unit_call_sign == "DAMKAR-03"
    qtbot.waitUntil(lambda: all(d.state is OutboxState.SENT for d in service.get(view.id).deliveries), timeout=5000)
    assert opened and opened[0].toString().startswith("https://wa.me/628122000113?text=")
    assert "112/2026/000001" in QGuiApplication.clipboard().text()
    [slip] = saved
    assert slip.name == "slip-112-2026-000001-DAMKAR-03.pdf"
    text = PdfReader(io.BytesIO(slip.read_bytes())).pages[0].extract_text()
    assert "112/2026/000001" in text and "Api <b>besar</b> & asap" in " ".join(text.split())


def test_busy_unit_asks_first(qtbot: QtBot, worker: DbWorker, sqlite_db: Database, clock: ManualClock,
                              world: tuple[DispatchService, Actor, Actor, Fleet],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    service, operator, _admin, fleet = world
    first = make_fire(sqlite_db, clock, operator)
    service.forward(operator, first, [], [fleet.damkar_hills], [])
    second = make_fire(sqlite_db, clock, operator)
    dialog = DispatchDialog(worker, service, operator, second)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.suggestions is not None, timeout=5000)
    assert dialog.chosen_units() == [fleet.damkar_town]  # the busy hills unit is not suggested
    for row in range(dialog.units.topLevelItemCount()):
        item = dialog.units.topLevelItem(row)
        item.setCheckState(0, Qt.CheckState.Checked if item.data(0, Qt.ItemDataRole.UserRole) == fleet.damkar_hills
                           else Qt.CheckState.Unchecked)
    for box in dialog.channel_boxes.values():
        box.setChecked(False)
    questions: list[str] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def warning(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    dialog.submit()
    qtbot.waitUntil(lambda: len(questions) == 1, timeout=5000)
    assert "DAMKAR-03" in questions[0] and "112/2026/000001" in questions[0]
    assert service.dispatches(second) == []  # "No": nothing changed
    with qtbot.waitSignal(dialog.forwarded, timeout=5000):
        dialog.submit()
    assert len(questions) == 2
    assert [d.unit_call_sign for d in service.dispatches(second)] == ["DAMKAR-03"]


def test_timeline_records_each_step_with_one_key(qtbot: QtBot, worker: DbWorker, sqlite_db: Database,
                                                 clock: ManualClock,
                                                 world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, operator, _admin, fleet = world
    fire = make_fire(sqlite_db, clock, operator)
    [view] = service.forward(operator, fire, [], [fleet.damkar_hills], [])
    timeline = DispatchTimelineWidget(worker, service, operator, fire)
    qtbot.addWidget(timeline)
    timeline.show()
    qtbot.waitUntil(lambda: bool(timeline.views), timeout=5000)
    timeline.tree.setFocus()
    for key, status in ((Qt.Key.Key_A, DispatchStatus.ACKNOWLEDGED), (Qt.Key.Key_T, DispatchStatus.ON_SCENE),
                        (Qt.Key.Key_S, DispatchStatus.CLEARED)):
        qtbot.waitUntil(lambda s=status: timeline.step_buttons[s].isEnabled(), timeout=5000)
        qtbot.keyClick(timeline.tree, key)
        qtbot.waitUntil(lambda s=status: bool(timeline.views) and timeline.views[0].status is s, timeout=5000)
    assert [e.status for e in service.get(view.id).events][-1] is DispatchStatus.CLEARED
    top = timeline.tree.topLevelItem(0)
    assert top.text(1) == "cleared" and top.childCount() == 4
    assert not any(button.isEnabled() for button in timeline.step_buttons.values())


def test_cancel_asks_why_and_frees_the_unit(qtbot: QtBot, worker: DbWorker, sqlite_db: Database, clock: ManualClock,
                                            world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, operator, _admin, fleet = world
    fire = make_fire(sqlite_db, clock, operator)
    service.forward(operator, fire, [], [fleet.damkar_hills], [])
    timeline = DispatchTimelineWidget(worker, service, operator, fire)
    qtbot.addWidget(timeline)
    timeline.ask_note = lambda _target: "salah unit"  # the QInputDialog the operator types into
    qtbot.waitUntil(lambda: bool(timeline.views), timeout=5000)
    timeline.record(DispatchStatus.CANCELLED)
    qtbot.waitUntil(lambda: bool(timeline.views) and timeline.views[0].status is DispatchStatus.CANCELLED,
                    timeout=5000)
    assert timeline.views[0].events[-1].note == "salah unit"
    board = {row.unit_id: row for row in service.unit_board()}
    assert board[fleet.damkar_hills].status is UnitStatus.AVAILABLE


def test_unit_board_panel_shows_the_fleet_and_sets_out_of_service(
        qtbot: QtBot, worker: DbWorker, world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, operator, _admin, fleet = world
    panel = UnitBoardPanel(worker, service, operator)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=5000)
    assert panel.summary.text() == "4 of 4 units available"
    panel.select_unit(fleet.patrol)
    panel.out_button.click()
    qtbot.waitUntil(lambda: panel.summary.text() == "3 of 4 units available", timeout=5000)
    panel.filter.setText("out of service")
    assert panel.proxy.rowCount() == 1


def test_agency_admin_shows_what_is_wrong_next_to_the_field(qtbot: QtBot, worker: DbWorker,
                                                            world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, _operator, admin, _fleet = world
    dialog = AgencyAdminDialog(worker, AgencyAdminService(service.db, service.clock), admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.list.count() == 11 and dialog.current_id is not None, timeout=5000)
    dialog.email.setText("posko at damkar")
    dialog.webhook.setText("ftp://damkar.example/in")
    dialog.whatsapp.setText("12345")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["email"].isVisible(), timeout=5000)
    assert dialog.errors["email"].text().startswith("This is not an e-mail address")
    assert "http:// or https://" in dialog.errors["webhook_url"].text()
    assert "valid telephone number" in dialog.errors["whatsapp"].text()
    assert "red" in dialog.status.text()
    dialog.email.setText("posko@damkar.example")
    dialog.webhook.setText("https://damkar.example/eido")
    dialog.whatsapp.setText("0812 2000 113")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=5000)
    damkar = next(a for a in dialog.admin.agencies() if a.code == "damkar")
    assert (damkar.email, damkar.webhook_url, damkar.whatsapp) == (
        "posko@damkar.example", "https://damkar.example/eido", "628122000113")
    assert not dialog.errors["email"].isVisible()


def test_unit_admin_creates_a_unit(qtbot: QtBot, worker: DbWorker,
                                   world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, _operator, admin, _fleet = world
    dialog = UnitAdminDialog(worker, AgencyAdminService(service.db, service.clock), admin)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 4, timeout=5000)
    dialog.new()
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.errors["call_sign"].text()), timeout=5000)
    assert "call sign" in dialog.errors["call_sign"].text()
    dialog.call_sign.setText("amb-pkm-09")
    dialog.unit_type.setCurrentText("ambulans")
    dialog.home.setCurrentIndex(dialog.home.findText("Sukadami", Qt.MatchFlag.MatchStartsWith))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.list.count() == 5, timeout=5000)
    created = next(row for row in service.unit_board() if row.call_sign == "AMB-PKM-09")
    assert created.home == "Sukadami" and created.status is UnitStatus.AVAILABLE


def test_space_ticks_a_unit_and_the_slip_paints_on_a_real_pdf_printer(
        qtbot: QtBot, worker: DbWorker, sqlite_db: Database, clock: ManualClock,
        world: tuple[DispatchService, Actor, Actor, Fleet], tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from callcenter.forwarding.slip import render_slip
    from tests.callcenter.forwarding.test_slip_whatsapp import facts
    from ui.dispatch.printing import paint_pdf

    service, operator, _admin, fleet = world
    dialog = DispatchDialog(worker, service, operator, make_fire(sqlite_db, clock, operator))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.suggestions is not None, timeout=5000)
    dialog.units.setFocus()
    town = next(dialog.units.topLevelItem(row) for row in range(dialog.units.topLevelItemCount())
                if dialog.units.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole) == fleet.damkar_town)
    dialog.units.setCurrentItem(town)
    qtbot.keyClick(dialog.units.viewport(), Qt.Key.Key_Space)
    assert sorted(dialog.chosen_units()) == sorted([fleet.damkar_hills, fleet.damkar_town])

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # Qt's own PDF printer stands in for paper
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pdf(render_slip(facts()), printer) == 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1


def test_deliveries_board_shows_failures_and_retries(qtbot: QtBot, qtmodeltester, worker: DbWorker,  # type: ignore[no-untyped-def]
                                                     sqlite_db: Database, clock: ManualClock,
                                                     world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    from callcenter.forwarding.channels import send_webhook
    from callcenter.forwarding.outbox import OutboxWorker
    from tests.callcenter.forwarding.servers import closed_port
    from ui.dispatch import DeliveriesPanel

    service, operator, _admin, fleet = world
    with sqlite_db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(
            webhook_url=f"http://127.0.0.1:{closed_port()}/eido"))
    fire = make_fire(sqlite_db, clock, operator)
    service.forward(operator, fire, [], [fleet.damkar_hills], [DeliveryChannel.WEBHOOK, DeliveryChannel.PRINT])
    OutboxWorker(sqlite_db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock).run_once()
    panel = DeliveriesPanel(worker, service, operator)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    qtmodeltester.check(panel.model)
    texts = {panel.model.data(panel.model.index(row, panel.model.CHANNEL)): row for row in range(2)}
    webhook_row = texts["Webhook (EIDO)"]
    model = panel.model
    assert model.data(model.index(webhook_row, model.STATE)) == "failed"
    assert model.data(model.index(webhook_row, model.REASON)) == \
        "connection refused: the agency's server is not listening"
    assert model.data(model.index(webhook_row, model.INCIDENT)) == "112/2026/000001"
    assert panel.summary.text() == "1 failed"
    panel.table.selectRow(webhook_row)
    panel.retry_selected()
    qtbot.waitUntil(lambda: any(r.delivery.state is OutboxState.RETRYING for r in service.delivery_board()),
                    timeout=5000)


def test_unit_admin_deletes_a_mistake_and_explains_history(qtbot: QtBot, worker: DbWorker, sqlite_db: Database,
                                                           clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
                                                           world: tuple[DispatchService, Actor, Actor, Fleet]) -> None:
    service, operator, admin, fleet = world
    service.forward(operator, make_fire(sqlite_db, clock, operator), [], [fleet.damkar_hills], [])
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    dialog = UnitAdminDialog(worker, AgencyAdminService(service.db, service.clock), admin)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 4, timeout=5000)
    dialog.select_id(fleet.damkar_hills)
    dialog.delete()
    qtbot.waitUntil(lambda: "history" in dialog.status.text(), timeout=5000)
    assert dialog.list.count() == 4
    dialog.select_id(fleet.patrol)
    dialog.delete()
    qtbot.waitUntil(lambda: dialog.list.count() == 3, timeout=5000)
    assert dialog.status.text() == "Deleted."


def test_smtp_settings_dialog_keeps_the_password_in_the_keyring(qtbot: QtBot, worker: DbWorker,
                                                                sqlite_db: Database, clock: ManualClock,
                                                                world: tuple[DispatchService, Actor, Actor, Fleet],
                                                                keyring_in_memory: MemoryKeyring) -> None:
    import json as json_module

    from callcenter.db.models import AuditEntry, Setting
    from callcenter.forwarding.channels import KEYRING_SERVICE
    from callcenter.services.settings import SettingsService
    from ui.dispatch import SmtpSettingsDialog

    _service, _operator, admin, _fleet = world
    dialog = SmtpSettingsDialog(worker, SettingsService(sqlite_db, clock), admin)
    qtbot.addWidget(dialog)
    dialog.host.setText("")
    dialog.sender_address.setText("bukan alamat")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.errors["host"].text()), timeout=5000)
    assert "e-mail address" in dialog.errors["sender"].text()
    dialog.host.setText("smtp.purwakartakab.go.id")
    dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
    assert dialog.port.value() == 465
    dialog.user.setText("cc112")
    dialog.sender_address.setText("cc112@purwakartakab.go.id")
    dialog.password.setText("Sandi-Rahasia-42")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=5000)
    assert keyring_in_memory.items == {(KEYRING_SERVICE, "cc112@smtp.purwakartakab.go.id"): "Sandi-Rahasia-42"}
    assert dialog.password.text() == ""
    with sqlite_db.read() as session:
        stored = json_module.dumps([list(session.scalars(select(Setting.value))),
                                    [[a.before, a.after, a.detail] for a in session.scalars(select(AuditEntry))]])
    assert "smtp.purwakartakab.go.id" in stored and "Sandi-Rahasia-42" not in stored
