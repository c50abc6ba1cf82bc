from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from serial.tools import list_ports

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.services.base import Actor
from callcenter.services.settings import SettingsService
from callcenter.services.source_config import SourceConfigService
from tests.ui.views.conftest import settle, show
from ui.preferences import saved_language
from ui.views.settings import SettingsDialog, serial_url
from ui.worker import DbWorker


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path: Path) -> Iterator[None]:
    """QSettings of this test live in a temporary folder, never in the real user profile."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


def make(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock, actor: Actor) -> SettingsDialog:
    dialog = SettingsDialog(worker, SourceConfigService(db, clock), SettingsService(db, clock), actor, "id")
    show(qtbot, dialog)
    settle(qtbot, worker)
    return dialog


def test_language_switch_is_remembered_on_this_pc(qtbot: QtBot, worker: DbWorker, db: Database,
                                                  clock: ManualClock, operator: Actor) -> None:
    dialog = make(qtbot, worker, db, clock, operator)
    assert dialog.tabs.count() == 1  # operators only choose the language
    with qtbot.waitSignal(dialog.language_changed) as changed:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    assert changed.args == ["en"] and saved_language() == "en"


def test_admin_sees_ports_rejects_a_bad_url_and_adds_a_source(qtbot: QtBot, worker: DbWorker, db: Database,
                                                              clock: ManualClock, admin: Actor) -> None:
    dialog = make(qtbot, worker, db, clock, admin)
    assert dialog.tabs.count() == 3
    assert dialog.serial_ports() == sorted(port.device for port in list_ports.comports())
    dialog.name.setText("Kotak CID")
    dialog.url.setText("telnet://10.0.0.5")
    assert "unknown caller-ID source scheme 'telnet'" in dialog.url_state.text()
    dialog.save_button.click()
    settle(qtbot, worker)
    assert "unknown caller-ID source scheme 'telnet'" in dialog.source_message.text()
    assert dialog.source_model.rowCount() == 0 and SourceConfigService(db, clock).list() == []

    dialog.port_box.addItem("COM7", "COM7")  # a Windows port name builds a Windows URL
    dialog.port_box.setCurrentIndex(dialog.port_box.count() - 1)
    dialog.baud_box.setCurrentIndex(dialog.baud_box.findData(2400))
    dialog.use_port.click()
    assert dialog.url.text() == "serial://COM7?baud=2400&format=modem"
    assert dialog.url_state.text().startswith("Valid: serial://COM7")
    dialog.host.setText("MEJA-1")
    with qtbot.waitSignal(dialog.sources_changed, timeout=3000):
        dialog.save_button.click()
    settle(qtbot, worker)
    assert dialog.source_model.rowCount() == 1
    assert dialog.source_model.index(0, 1).data() == "serial://COM7?format=modem&baud=2400"
    saved = SourceConfigService(db, clock).list()
    assert [(s.name, s.host, s.enabled) for s in saved] == [("Kotak CID", "MEJA-1", True)]

    dialog.source_view.selectRow(0)
    with qtbot.waitSignal(dialog.sources_changed, timeout=3000):
        dialog.toggle_button.click()
    settle(qtbot, worker)
    assert dialog.source_model.index(0, 3).data() == "no"


def test_test_button_reports_up_and_down(qtbot: QtBot, worker: DbWorker, db: Database, clock: ManualClock,
                                         admin: Actor) -> None:
    dialog = make(qtbot, worker, db, clock, admin)
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        dialog.url.setText(f"tcp://127.0.0.1:{port}")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=6000)
    assert dialog.test_state.text() == "Works: the line is up."
    dialog.test_button.click()  # nobody listens any more
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=6000)
    assert dialog.test_state.text().startswith("Does not work:") and "refused" in dialog.test_state.text().lower()


def test_serial_url_forms() -> None:
    assert serial_url("/dev/ttyUSB0") == "serial:///dev/ttyUSB0?baud=1200&format=modem"
    assert serial_url("COM3", 9600, "mdmf") == "serial://COM3?baud=9600&format=mdmf"


def test_editing_an_ami_source_never_shows_its_secret(qtbot: QtBot, worker: DbWorker, db: Database,
                                                      clock: ManualClock, admin: Actor) -> None:
    sources = SourceConfigService(db, clock)
    sources.add(admin, "Asterisk", "ami://konsol:Rahasia-1@10.0.0.6:5038", None)
    dialog = make(qtbot, worker, db, clock, admin)
    dialog.source_view.selectRow(0)
    dialog.edit_selected()
    assert dialog.url.text() == "ami://konsol:***@10.0.0.6:5038"
    dialog.name.setText("Asterisk kantor")
    with qtbot.waitSignal(dialog.sources_changed, timeout=3000):
        dialog.save_button.click()
    saved = sources.list()[0]
    assert saved.name == "Asterisk kantor" and saved.url == "ami://konsol:Rahasia-1@10.0.0.6:5038"


def test_a_console_renames_its_own_desk_and_keeps_the_name(qtbot: QtBot, worker: DbWorker, sqlite_db: Database,
                                                           clock: ManualClock, operator: Actor,
                                                           tmp_path: Path) -> None:
    from callcenter.services.desk_identity import claim_desk_identity

    with claim_desk_identity(tmp_path / "desks", host="PC-OPS-1") as desk:
        dialog = SettingsDialog(worker, SourceConfigService(sqlite_db, clock), SettingsService(sqlite_db, clock),
                                operator, "id", desk=desk)
        show(qtbot, dialog)
        assert dialog.desk_name.text() == "PC-OPS-1"
        dialog.desk_name.setText("MEJA 2 (lantai 2)")
        with qtbot.waitSignal(dialog.desk_renamed) as renamed:
            qtbot.keyClick(dialog.desk_name, Qt.Key.Key_Return)
        assert renamed.args == ["MEJA 2 (lantai 2)"]
        dialog.desk_name.setText("")
        dialog.rename_desk()
        assert dialog.desk_message.kind == "error" and desk.name == "MEJA 2 (lantai 2)"
    with claim_desk_identity(tmp_path / "desks", host="PC-OPS-1") as again:
        assert again.name == "MEJA 2 (lantai 2)"  # the next start is the same desk
