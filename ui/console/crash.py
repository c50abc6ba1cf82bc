"""A field crash leaves something behind: a rotating log file in the user data folder, and an exception hook
that writes every uncaught error there (GUI thread and other threads) and tells the operator calmly, once.

The calls themselves are safe whatever happens here: intake commits (or spools) before anything is shown.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from callcenter.db.database import data_dir

log = logging.getLogger("konsol112.crash")

LOG_BYTES = 2_000_000
LOG_BACKUPS = 5


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def log_file() -> Path:
    return data_dir() / "logs" / "konsol112.log"


def start_log_file(path: Path | None = None) -> Path:
    """Everything Konsol 112 logs at INFO and above also goes to a rotating file (2 MB x 5)."""
    target = path or log_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return target


class CrashReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook``: logs the traceback, then shows one calm
    message on the GUI thread (later errors while it is open are logged only)."""

    _show = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.shown = 0
        self._box: QMessageBox | None = None
        self._show.connect(self._present)

    def install(self) -> None:
        sys.excepthook = self.hook
        threading.excepthook = self._thread_hook

    def hook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("uncaught error", exc_info=(kind, error, trace))
        self._show.emit(f"{kind.__name__}: {str(error)[:200]}")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _present(self, summary: str) -> None:
        if self._box is not None or QApplication.instance() is None:
            return
        self.shown += 1
        box = QMessageBox(QMessageBox.Icon.Warning, _t("Something went wrong"), _t(
            "Konsol 112 met an error it did not expect ({summary}). Calls are still being recorded. If something "
            "looks wrong, finish the call in hand and restart the console. The details are in the log file for "
            "the technician:\n{path}").format(summary=summary, path=self.path))
        box.setObjectName("crashReport")
        box.finished.connect(self._closed)
        self._box = box
        QTimer.singleShot(0, box, box.open)

    def _closed(self) -> None:
        self._box = None
