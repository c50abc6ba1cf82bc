"""Admins manage operators' accounts in the console (Ctrl+Shift+O), keys only: create, reset a password (a forced
change at the next login), unlock, deactivate; every step audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.db.models import AuditEntry
from callcenter.errors import AccountLocked, AuthenticationFailed, PasswordChangeRequired
from callcenter.services.auth import MAX_FAILURES
from tests.ui.conftest import Console
from ui.admin import OperatorsDialog
from ui.admin.operators import NewAccountDialog, PasswordDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def visible(kind: type[QWidget]) -> QWidget:
    [widget] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return widget


def open_dialog(qtbot: QtBot, console: Console) -> OperatorsDialog:
    qtbot.keyClick(console.window, Qt.Key.Key_O, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = visible(OperatorsDialog)
    assert isinstance(dialog, OperatorsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=3000)
    return dialog


def press(qtbot: QtBot, dialog: QWidget, key: Qt.Key) -> None:
    """Ctrl+key on the dialog, once it is the active window again (as after a window manager gives it back)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClick(dialog, key, CTRL)


def choose(dialog: OperatorsDialog, username: str) -> None:
    row = next(i for i in range(dialog.model.rowCount()) if dialog.model.row_at(i).username == username)
    dialog.table.selectRow(row)


def test_an_admin_creates_an_account_that_must_change_its_password(qtbot: QtBot, admin_console: Console) -> None:
    dialog = open_dialog(qtbot, admin_console)
    assert dialog.windowTitle() == "Operator dan kata sandi"
    press(qtbot, dialog, Qt.Key.Key_N)
    new = visible(NewAccountDialog)
    assert isinstance(new, NewAccountDialog)
    password = new.password.text()
    assert len(password) == 10 and new.must_change.isChecked()
    qtbot.keyClicks(new.username, "Dewi.L")
    new.full_name.setFocus()
    qtbot.keyClicks(new.full_name, "Dewi Lestari")
    qtbot.keyClick(new.full_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.kind == "ok", timeout=5000)
    assert dialog.message.text() == f"Akun dewi.l dibuat. Kata sandinya: {password}; wajib diganti saat pertama " \
                                    "kali masuk."
    qtbot.waitUntil(lambda: dialog.selected() is not None and dialog.selected().username == "dewi.l", timeout=3000)
    assert dialog.model.data(dialog.model.index(dialog.table.currentIndex().row(), 3)) == \
        "aktif, wajib mengganti kata sandi saat masuk berikutnya"
    with pytest.raises(PasswordChangeRequired):  # the given password opens nothing until its owner replaces it
        admin_console.services.auth.authenticate("dewi.l", password)
    info = next(o for o in admin_console.services.auth.list_operators() if o.username == "dewi.l")
    assert info.must_change_password and info.full_name == "Dewi Lestari"
    # The same name again: refused next to the field, the dialog stays open.
    press(qtbot, dialog, Qt.Key.Key_N)
    again = visible(NewAccountDialog)
    assert isinstance(again, NewAccountDialog)
    again.username.setText("dewi.l")
    again.create_account()
    qtbot.waitUntil(lambda: again.message.text() == "Nama pengguna dewi.l sudah dipakai.", timeout=5000)
    again.password.setText("pendek")
    again.username.setText("budi")
    again.create_account()
    qtbot.waitUntil(lambda: not again.errors["password"].isHidden(), timeout=5000)
    assert again.errors["password"].text() == "paling sedikit 8 karakter"
    again.reject()
    dialog.close()


def test_reset_unlock_and_deactivate_with_the_keys(qtbot: QtBot, admin_console: Console) -> None:
    from tests.ui.conftest import make_actor

    auth = admin_console.services.auth
    asep = make_actor(admin_console.db, admin_console.clock, "asep")
    for _ in range(MAX_FAILURES):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            auth.authenticate("asep", "salah-lagi")
    dialog = open_dialog(qtbot, admin_console)
    choose(dialog, "asep")
    assert "terkunci sampai" in dialog.status_text(dialog.selected())  # type: ignore[arg-type]
    assert dialog.unlock_button.isEnabled()
    press(qtbot, dialog, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: dialog.message.text() == "Kunci asep sudah dibuka; asep dapat masuk sekarang.",
                    timeout=5000)
    assert auth.authenticate("asep", "rahasia-123").id == asep.id
    qtbot.waitUntil(lambda: dialog.selected() is not None and not dialog.unlock_button.isEnabled(), timeout=3000)

    press(qtbot, dialog, Qt.Key.Key_R)
    reset = visible(PasswordDialog)
    assert isinstance(reset, PasswordDialog)
    reset.password.setText("baru-sementara-1")
    qtbot.keyClick(reset.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "baru-sementara-1" in dialog.message.text(), timeout=5000)
    with pytest.raises(PasswordChangeRequired):
        auth.authenticate("asep", "baru-sementara-1")
    assert auth.change_password_at_login("asep", "baru-sementara-1", "milik-asep-99").username == "asep"

    press(qtbot, dialog, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("asep dinonaktifkan"), timeout=5000)
    assert not next(o for o in auth.list_operators() if o.username == "asep").active
    qtbot.waitUntil(lambda: dialog.active_button.text() == "Aktifkan (Ctrl+D)", timeout=3000)

    choose(dialog, "admin")  # yourself: refused in words
    press(qtbot, dialog, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: dialog.message.text() == "Anda tidak dapat menonaktifkan akun Anda sendiri.",
                    timeout=5000)
    with admin_console.db.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.username == "admin", AuditEntry.action.like("operator.%")).order_by(AuditEntry.id)).all()
    assert actions == ["operator.unlock", "operator.password_reset", "operator.set_active"]
    dialog.close()

