"""Logging in: the login dialog (caps-lock warning, lockout in plain words) and the first-run admin dialog."""

from __future__ import annotations

import sys
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock, to_wib, utcnow
from callcenter.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    DatabaseUnavailable,
    ValidationError,
)
from callcenter.services.auth import MIN_PASSWORD_LENGTH, AuthService, OperatorInfo
from ui.app import icon
from ui.worker import DbWorker


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def caps_lock_on() -> bool | None:
    """The real Caps Lock state where the platform tells us (Windows); None elsewhere (guess from typing)."""
    if sys.platform == "win32":
        import ctypes

        return bool(ctypes.WinDLL("user32").GetKeyState(0x14) & 1)  # VK_CAPITAL toggle bit
    return None


def locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return _t("Too many wrong passwords: this account is locked until {time} WIB (about {minutes} min). "
              "Wait, or ask an admin to reset the password.").format(
        time=to_wib(until).strftime("%H:%M"), minutes=minutes)


def login_error_text(exc: BaseException, now: datetime) -> str:
    if isinstance(exc, AccountLocked):
        return locked_message(exc.until, now)
    if isinstance(exc, AccountInactive):
        return _t("This account has been deactivated. Ask an admin.")
    if isinstance(exc, AuthenticationFailed):
        return _t("Wrong username or password.")
    if isinstance(exc, DatabaseUnavailable):
        return _t("The database cannot be reached: {detail}").format(detail=str(exc)[:200])
    return _t("Login failed: {detail}").format(detail=str(exc)[:200])


class _CapsWatcher(QObject):
    """Guesses Caps Lock from typed letters where the platform cannot be asked: 'A' without Shift means on."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            state = caps_lock_on()
            if state is None:
                text = event.text()
                if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    state = text.isupper() != shift
            if state is not None:
                self.label.setVisible(state)
        return super().eventFilter(watched, event)


class LoginDialog(QDialog):
    """Accepted with ``operator`` set once the credentials are right; errors stay on the dialog."""

    def __init__(self, worker: DbWorker, auth: AuthService, *, clock: Clock = utcnow, database_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.auth = auth
        self.clock = clock
        self.operator: OperatorInfo | None = None
        self.setWindowTitle(_t("Konsol 112 - log in"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(_t("Call Center 112 Purwakarta"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        if database_name:
            where = QLabel(_t("Database: {name}").format(name=database_name))
            where.setObjectName("muted")
            where.setWordWrap(True)
            layout.addWidget(where)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        form.addRow(_t("Username"), self.username)
        form.addRow(_t("Password"), self.password)
        layout.addLayout(form)
        self.caps = QLabel(_t("Caps Lock is on."))
        self.caps.setObjectName("capsWarning")
        self.caps.setVisible(bool(caps_lock_on()))
        layout.addWidget(self.caps)
        watcher = _CapsWatcher(self.caps)
        self.password.installEventFilter(watcher)
        self.username.installEventFilter(watcher)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(_t("Quit"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.login_button = QPushButton(_t("Log in"))
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.attempt)
        buttons.addWidget(self.login_button)
        layout.addLayout(buttons)
        self.username.setFocus()

    def attempt(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self._fail(_t("Type your username and password."))
            return
        self.login_button.setEnabled(False)
        self.error.hide()
        auth = self.auth
        self.worker.run(self, lambda: auth.authenticate(username, password), self._done, self._failed)

    def _done(self, operator: OperatorInfo) -> None:
        self.operator = operator
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self._fail(login_error_text(exc, self.clock()))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class FirstRunDialog(QDialog):
    """The database has no operators yet: create the first admin account."""

    def __init__(self, worker: DbWorker, auth: AuthService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.auth = auth
        self.operator: OperatorInfo | None = None
        self.setWindowTitle(_t("Konsol 112 - first start"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(_t("Create the administrator account"))
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        intro = QLabel(_t("This database has no accounts yet. The administrator creates the operators' accounts "
                          "afterwards."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_t("Username"), self.username)
        form.addRow(_t("Full name"), self.full_name)
        form.addRow(_t("Password"), self.password)
        form.addRow(_t("Repeat password"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_t("Quit"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.create_button = QPushButton(_t("Create account"))
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.attempt)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

    def attempt(self) -> None:
        if self.password.text() != self.repeat.text():
            self._fail(_t("The two passwords differ."))
            return
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self._fail(_t("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
            return
        username, full_name, password = self.username.text(), self.full_name.text(), self.password.text()
        auth = self.auth
        self.create_button.setEnabled(False)
        self.worker.run(self, lambda: auth.create_first_admin(username, full_name, password), self._done,
                           self._failed)

    def _done(self, operator: OperatorInfo) -> None:
        self.operator = operator
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(exc, ValidationError) and "username" in exc.problems:
            self._fail(_t("Username: 1-64 characters, letters, digits, '.', '_' or '-'."))
        elif isinstance(exc, ValidationError):
            self._fail(_t("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
        elif isinstance(exc, ConflictError):
            self._fail(_t("Accounts already exist: log in instead."))
        else:
            self._fail(login_error_text(exc, utcnow()))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
