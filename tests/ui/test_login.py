from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.services.auth import AuthService
from tests.ui.conftest import make_actor
from ui.i18n import Translations
from ui.login import FirstRunDialog, LoginDialog
from ui.worker import DbWorker


def test_five_wrong_passwords_lock_the_account_and_say_until_when(qtbot: QtBot, sqlite_db: Database,
                                                                  clock: ManualClock,
                                                                  translations: Translations) -> None:
    translations.install("id")
    make_actor(sqlite_db, clock, "asep")
    worker = DbWorker()
    dialog = LoginDialog(worker, AuthService(sqlite_db, clock), clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("asep")
    for attempt in range(5):
        dialog.password.setText("salah-terus")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.login_button.isEnabled() and dialog.error.isVisible(), timeout=5000)
        if attempt < 4:
            assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    # 10:00 WIB + 5 minutes
    assert dialog.error.text().startswith("Terlalu banyak kata sandi salah: akun ini dikunci sampai pukul 10:05 WIB")
    assert "sekitar 5 menit" in dialog.error.text()
    dialog.password.setText("rahasia-123")  # even the right password waits for the lock to end
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=5000)
    assert "dikunci sampai pukul 10:05 WIB" in dialog.error.text()
    clock.advance(301)
    dialog.password.setText("rahasia-123")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.operator is not None and dialog.operator.username == "asep"
    worker.stop()


def test_caps_lock_warning_appears_when_letters_come_out_in_capitals(qtbot: QtBot, sqlite_db: Database,
                                                                    clock: ManualClock,
                                                                    translations: Translations) -> None:
    translations.install("id")
    worker = DbWorker()
    dialog = LoginDialog(worker, AuthService(sqlite_db, clock), clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "A")  # an 'A' without Shift: Caps Lock is on
    assert dialog.caps.isVisible() and dialog.caps.text() == "Caps Lock menyala."
    qtbot.keyClicks(dialog.password, "a")
    assert not dialog.caps.isVisible()
    worker.stop()


def test_the_first_start_creates_the_admin(qtbot: QtBot, sqlite_db: Database, clock: ManualClock,
                                           translations: Translations) -> None:
    translations.install("id")
    auth = AuthService(sqlite_db, clock)
    assert not auth.has_operators()
    worker = DbWorker()
    dialog = FirstRunDialog(worker, auth)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.full_name.setText("Dewi Lestari")
    dialog.password.setText("rahasia-123")
    dialog.repeat.setText("rahasia-12")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Kedua kata sandi tidak sama."
    dialog.repeat.setText("rahasia-123")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    [admin] = auth.list_operators()
    assert (admin.username, admin.full_name, admin.role) == ("admin", "Dewi Lestari", Role.ADMIN)
    worker.stop()


def test_an_account_with_a_given_password_chooses_its_own_before_the_console_opens(
        qtbot: QtBot, sqlite_db: Database, clock: ManualClock, translations: Translations) -> None:
    from callcenter.services.demo import DEMO_PASSWORD, DemoLogins, seed_demo

    translations.install("id")
    seed_demo(sqlite_db, days=1, calls_per_day=20, seed=2, now=clock(), logins=DemoLogins.MUST_CHANGE)
    auth = AuthService(sqlite_db, clock)
    worker = DbWorker()
    dialog = LoginDialog(worker, auth, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("supervisor")
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.new_password.isVisible(), timeout=5000)
    assert dialog.operator is None and dialog.result() == 0  # the right password alone does not open the console
    assert dialog.change_note.text().startswith("Kata sandi ini diberikan untuk akun Anda dan harus diganti")
    assert dialog.login_button.text() == "Ganti kata sandi dan masuk" and not dialog.password.isEnabled()
    dialog.new_password.setText(DEMO_PASSWORD)
    dialog.repeat_password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Pilih kata sandi yang berbeda dari yang diberikan kepada Anda."
    dialog.new_password.setText("milik-hendra-1")
    dialog.repeat_password.setText("milik-hendra-2")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Kedua kata sandi tidak sama."
    dialog.repeat_password.setText("milik-hendra-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.operator is not None and dialog.operator.role is Role.SUPERVISOR
    assert auth.authenticate("supervisor", "milik-hendra-1").username == "supervisor"
    worker.stop()
