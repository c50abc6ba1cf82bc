"""Operators' accounts (admins): create one, deactivate or activate it again, give it a new password that its
owner must change at the next login, lift a lockout after failed logins. Keys: Ctrl+N new account, Ctrl+R reset
the password, Ctrl+D deactivate/activate, Ctrl+U unlock. Every step is audited by the service.

A new or reset password is proposed by the program (ten letters and digits that cannot be mistaken for one
another) and shown in plain text, so the admin can read it out; the owner replaces it at the next login.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock, to_wib
from callcenter.db.enums import Role
from callcenter.errors import ValidationError
from callcenter.services.auth import LOGIN_ROLES, MIN_PASSWORD_LENGTH, AuthService, OperatorInfo
from callcenter.services.base import Actor
from ui.errors import core_text, error_text
from ui.table_model import SimpleTableModel
from ui.views.common import MessageBar
from ui.worker import DbWorker

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"
PASSWORD_LENGTH = 10


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def proposed_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def role_names() -> dict[Role, str]:
    return {Role.OPERATOR: _t("operator"), Role.SUPERVISOR: _t("supervisor"), Role.ADMIN: _t("admin")}


class OperatorsDialog(QDialog):
    changed = Signal()

    def __init__(self, worker: DbWorker, auth: AuthService, actor: Actor, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.auth = auth
        self.actor = actor
        self.clock = clock
        self.setWindowTitle(_t("Operators and passwords"))
        self.setMinimumSize(860, 480)
        self.model = SimpleTableModel([_t("Username"), _t("Name"), _t("Role"), _t("Status"), _t("Last login")],
                                      self._cell, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.message = MessageBar(self)
        row = QHBoxLayout()
        self.new_button = self._button(row, _t("New account"), "Ctrl+N", self.new_account)
        self.reset_button = self._button(row, _t("Reset password"), "Ctrl+R", self.reset_password)
        self.active_button = self._button(row, _t("Deactivate"), "Ctrl+D", self.toggle_active)
        self.unlock_button = self._button(row, _t("Unlock"), "Ctrl+U", self.unlock)
        row.addStretch(1)
        close = QPushButton(_t("Close"), self)
        close.setToolTip(_t("Close (Esc)"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.reload()

    def _button(self, row: QHBoxLayout, text: str, key: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(f"{text} ({key})", self)
        button.clicked.connect(slot)
        row.addWidget(button)
        QShortcut(QKeySequence(key), self, slot)
        return button

    # -- the list ------------------------------------------------------------------------------------------
    def _cell(self, row: OperatorInfo, column: int) -> str:
        if column == 0:
            return row.username
        if column == 1:
            return row.full_name
        if column == 2:
            return role_names().get(row.role, str(row.role))
        if column == 3:
            return self.status_text(row)
        return to_wib(row.last_login_at).strftime("%d-%m-%Y %H:%M") if row.last_login_at else "-"

    def status_text(self, row: OperatorInfo) -> str:
        parts = [_t("active") if row.active else _t("deactivated")]
        if row.locked(self.clock()):
            assert row.locked_until is not None
            parts.append(_t("locked until {time}").format(time=to_wib(row.locked_until).strftime("%H:%M")))
        if row.must_change_password:
            parts.append(_t("must change the password at the next login"))
        return ", ".join(parts)

    def reload(self, select: int | None = None) -> None:
        def loaded(rows: list[OperatorInfo]) -> None:
            self.model.set_rows(rows)
            for column in (0, 1, 2, 4):
                self.table.resizeColumnToContents(column)
            current = self.selected()
            wanted = select if select is not None else (current.id if current is not None else None)
            index = self.model.row_of(wanted) if wanted is not None else None
            self.table.selectRow(index if index is not None else 0)
            self._update_buttons()

        self.worker.run(self, self.auth.list_operators, loaded, lambda exc: self.message.show_message(error_text(exc)))

    def selected(self) -> OperatorInfo | None:
        index = self.table.currentIndex()
        row: OperatorInfo | None = self.model.row_at(index.row()) if index.isValid() else None
        return row

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.reset_button, self.active_button, self.unlock_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.active_button.setText((_t("Deactivate") if row.active else _t("Activate")) + " (Ctrl+D)")
            self.unlock_button.setEnabled(row.locked(self.clock()))

    # -- actions ---------------------------------------------------------------------------------------------
    def _run(self, job: Callable[[], object], done_text: str, select: int | None) -> None:
        def done(_result: object) -> None:
            self.message.show_message(done_text, "ok")
            self.changed.emit()
            self.reload(select)

        self.worker.run(self, job, done, lambda exc: self.message.show_message(error_text(exc)))

    def toggle_active(self) -> None:
        row, auth, actor = self.selected(), self.auth, self.actor
        if row is None:
            return
        active = not row.active
        text = (_t("{name} can log in again.") if active else
                _t("{name} is deactivated and cannot log in (Ctrl+D activates the account again).")
                ).format(name=row.username)
        self._run(lambda: auth.set_active(actor, row.id, active), text, row.id)

    def unlock(self) -> None:
        row, auth, actor = self.selected(), self.auth, self.actor
        if row is None or not row.locked(self.clock()):
            return
        self._run(lambda: auth.unlock(actor, row.id), _t("{name} is unlocked and may log in now.").format(
            name=row.username), row.id)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PasswordDialog(_t("New password for {name}").format(name=row.username), self)
        auth, actor = self.auth, self.actor

        def accepted() -> None:
            password = dialog.password.text()
            self._run(lambda: auth.reset_password(actor, row.id, password, must_change=True),
                      _t("New password for {name}: {password}. Tell it to {name}: it must be changed at the next "
                         "login.").format(name=row.username, password=password), row.id)

        dialog.confirmed.connect(accepted)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def new_account(self) -> None:
        dialog = NewAccountDialog(self.worker, self.auth, self.actor, self)
        dialog.created.connect(self._created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _created(self, info: OperatorInfo, password: str) -> None:
        text = _t("Account {name} created.").format(name=info.username)
        if info.must_change_password:
            text += " " + _t("Its password: {password}; it must be changed at the first login.").format(
                password=password)
        self.message.show_message(text, "ok")
        self.changed.emit()
        self.reload(info.id)


class PasswordDialog(QDialog):
    """A new password for an account, proposed and shown in plain text."""

    confirmed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        note = QLabel(_t("The owner must replace this password at the next login. Change it here if you like "
                         "(at least {count} characters).").format(count=MIN_PASSWORD_LENGTH), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.password = QLineEdit(proposed_password(), self)
        self.password.setMaxLength(256)
        layout.addWidget(self.password)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.selectAll()
        self.password.setFocus()

    def _ok(self) -> None:
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.error.setText(_t("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
            self.error.show()
            return
        self.accept()
        self.confirmed.emit()


class NewAccountDialog(QDialog):
    created = Signal(object, str)  # OperatorInfo, the password given

    def __init__(self, worker: DbWorker, auth: AuthService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.auth = auth
        self.actor = actor
        self.setWindowTitle(_t("New account"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setMaxLength(64)
        self.username.setPlaceholderText(_t("e.g. siti.r (letters, digits, '.', '_' or '-')"))
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(120)
        self.role = QComboBox(self)
        for role in LOGIN_ROLES:
            self.role.addItem(role_names()[role], role.value)
        self.password = QLineEdit(proposed_password(), self)
        self.password.setMaxLength(256)
        self.must_change = QCheckBox(_t("Must choose a new password at the first login"), self)
        self.must_change.setChecked(True)
        self.errors: dict[str, QLabel] = {}
        for name, label, widget in (("username", _t("Username"), self.username),
                                    ("full_name", _t("Full name"), self.full_name),
                                    ("role", _t("Role"), self.role), ("password", _t("Password"), self.password)):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            error = QLabel(box)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self.errors[name] = error
            form.addRow(label, box)
        form.addRow("", self.must_change)
        self.message = MessageBar(self)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(_t("Create account"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_account)
        cancel = self.buttons.addButton(_t("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.username.setFocus()

    def create_account(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.message.clear_message()
        username, full_name, password = self.username.text(), self.full_name.text(), self.password.text()
        role, must_change = Role(self.role.currentData()), self.must_change.isChecked()
        auth, actor = self.auth, self.actor
        self.create_button.setEnabled(False)
        self.worker.run(self, lambda: auth.create_operator(actor, username, full_name, role, password,
                                                           must_change=must_change),
                        lambda info: self._done(info, password), self._failed)

    def _done(self, info: OperatorInfo, password: str) -> None:
        self.accept()
        self.created.emit(info, password)

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            for name, text in exc.problems.items():
                label = self.errors.get(name)
                if label is not None:
                    label.setText(core_text(text))
                    label.show()
            return
        self.message.show_message(error_text(exc))
        if getattr(exc, "code", "") == "operator.name_taken":
            self.username.setFocus()
            self.username.selectAll()
