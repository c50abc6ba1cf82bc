"""Idle lock: a console nobody touched for a while covers itself until its operator types the password again.

The ringing banner stays visible above the lock screen (a call must never be hidden) and the ring keeps
sounding; everything else - the forms, the queues, the keys, the open dialogs - is out of reach. Another operator
at the desk can log the locked operator out instead (the login then asks who is there).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DEFAULT_IDLE_MINUTES = 10
_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class IdleWatcher(QObject):
    """Emits ``idle`` once no keyboard, mouse or touch input reached the application for ``timeout_s``."""

    idle = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None, *,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self._monotonic = monotonic
        self._last = monotonic()
        self._fired = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(50, min(1000, int(timeout_s * 250))))
        self._timer.timeout.connect(self._check)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.touch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def touch(self) -> None:
        self._last = self._monotonic()
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last = self._monotonic()
        return False

    def _check(self) -> None:
        if self.timeout_s <= 0 or self._fired:
            return
        if self._monotonic() - self._last >= self.timeout_s:
            self._fired = True
            self.idle.emit()


class LockScreen(QFrame):
    """The cover over the console below the ringing banner. ``unlock_requested(password)`` and
    ``logout_requested`` are handled by the main window (the password is checked on the database worker)."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, operator_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QFrame#lockScreen { background: #1f2933; }"
            " QLabel { color: #e4e7eb; }"
            " QLabel#lockTitle { color: #ffffff; font-size: 24pt; font-weight: 600; }"
            " QLabel#lockError { color: #ffb4ab; font-weight: 600; }"
            " QLineEdit { font-size: 13pt; padding: 6px; min-width: 280px; }"
            " QPushButton { font-size: 11pt; padding: 6px 14px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        self.title = QLabel(_t("Console locked"))
        self.title.setObjectName("lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.info = QLabel()
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.info)
        self.operator_name = operator_name
        note = QLabel(_t("Ringing calls stay visible above. Type your password to continue."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        row.addStretch(1)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_t("Password of {name}").format(name=operator_name))
        self.password.returnPressed.connect(self._unlock)
        row.addWidget(self.password)
        self.unlock_button = QPushButton(_t("Unlock"))
        self.unlock_button.setToolTip(_t("Unlock the console with your password (Enter)"))
        self.unlock_button.clicked.connect(self._unlock)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error)
        other = QHBoxLayout()
        other.addStretch(1)
        self.logout_button = QPushButton(_t("Another operator: log {name} out").format(name=operator_name))
        self.logout_button.setToolTip(_t("Log the locked operator out so that someone else can log in"))
        self.logout_button.clicked.connect(self.logout_requested.emit)
        other.addWidget(self.logout_button)
        other.addStretch(1)
        layout.addLayout(other)
        layout.addStretch(2)
        self.hide()

    def lock(self, since_text: str) -> None:
        self.info.setText(_t("{name} has been away since {time}.").format(name=self.operator_name, time=since_text))
        self.error.clear()
        self.password.clear()
        self.set_busy(False)
        self.show()
        self.raise_()
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.password.selectAll()
        self.password.setFocus()

    def _unlock(self) -> None:
        if not self.password.text():
            self.error.setText(_t("Type your password."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(self.password.text())
