"""The idle lock of a desk: after ``idle_minutes`` without input (or Ctrl+Shift+L) the console covers itself below
the ringing banner until its operator types the password again; another operator may log them out instead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from callcenter.clock import Clock
from callcenter.services.auth import AuthService
from callcenter.services.base import Actor
from ui.errors import error_text
from ui.idle_lock import IdleWatcher, LockScreen
from ui.shortcuts import ShortcutMap
from ui.words import time_text
from ui.worker import DbWorker

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class LockController(QObject):
    locking = Signal()
    """About to lock: save what is in the forms."""
    unlocked = Signal()
    logout_requested = Signal()
    """Someone else at the desk logs the locked operator out."""

    def __init__(self, window: QMainWindow, banner: QWidget, header: QWidget, shortcuts: ShortcutMap,
                 worker: DbWorker, auth: AuthService, actor: Actor, clock: Clock, idle_minutes: float) -> None:
        super().__init__(window)
        self.window = window
        self.banner = banner
        self.header = header
        self.shortcuts = shortcuts
        self.worker = worker
        self.auth = auth
        self.actor = actor
        self.clock = clock
        self.locked = False
        self._hidden: list[QWidget] = []
        central = window.centralWidget()
        assert central is not None, "build the window's frame before its lock"
        self.screen = LockScreen(actor.full_name or actor.username, central)
        self.screen.unlock_requested.connect(self.try_unlock)
        self.screen.logout_requested.connect(self._logout)
        self.watcher = IdleWatcher(idle_minutes * 60, self)
        self.watcher.idle.connect(self.lock)
        if idle_minutes > 0:
            self.watcher.start()
        banner.installEventFilter(self)  # the cover follows the banner as calls come and go

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        log.info("console of %s locked", self.actor.username)
        self.locking.emit()
        # Open dialogs and the board are windows of their own: out of reach until unlocked.
        self._hidden = [widget for widget in QApplication.topLevelWidgets()
                        if widget is not self.window and widget.isVisible() and self._is_mine(widget)]
        for widget in self._hidden:
            widget.hide()
        self.shortcuts.set_enabled(False)
        self.header.setEnabled(False)
        self.place()
        self.screen.lock(time_text(self.clock(), seconds=False))

    def _is_mine(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False

    def place(self) -> None:
        """Cover everything below the ringing banner."""
        central = self.window.centralWidget()
        if central is None:
            return
        top = self.banner.geometry().bottom() + 1
        self.screen.setGeometry(0, top, central.width(), max(0, central.height() - top))
        self.screen.raise_()

    def place_later(self) -> None:
        if self.locked:
            QTimer.singleShot(0, self, self.place)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.banner and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.locked:
            self.place()
        return super().eventFilter(watched, event)

    def try_unlock(self, password: str) -> None:
        auth, actor = self.auth, self.actor
        self.worker.run(self, lambda: bool(auth.verify_password(actor, password)), self._checked,
                        lambda exc: self.screen.refused(error_text(exc)))

    def _checked(self, ok: bool) -> None:
        if not ok:
            self.screen.refused(_t("Wrong password. Only {name} can unlock; someone else logs {name} out.").format(
                name=self.actor.full_name or self.actor.username))
            return
        self.unlock()

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        log.info("console of %s unlocked", self.actor.username)
        self.screen.hide()
        self.header.setEnabled(True)
        self.shortcuts.set_enabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.watcher.touch()
        self.unlocked.emit()

    def _logout(self) -> None:
        log.info("%s logged out from the lock screen", self.actor.username)
        self.locking.emit()  # a form in progress stays as a draft
        self.logout_requested.emit()

    def stop(self) -> None:
        self.watcher.stop()
