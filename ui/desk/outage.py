"""Is the database away? Three witnesses say so: intake (calls going to the spool), the change feed, and this
desk's own jobs. The notice slot says it once, loudly, with what still works; it clears when all three agree
the database is back. When even the spool fails, the alarm says calls are held in memory only.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from callcenter.clock import Clock, to_wib
from callcenter.errors import DatabaseUnavailable
from ui.errors import error_text
from ui.notice_bar import NoticeBar

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class IntakeState(Protocol):
    """What the outage banner reads of the intake service and its worker (they run on threads of their own)."""

    @property
    def database_down_since(self) -> datetime | None: ...

    @property
    def spool_error(self) -> str | None: ...

    @property
    def held(self) -> int: ...


class OutageMonitor(QObject):
    status = Signal(str, bool)

    def __init__(self, notices: NoticeBar, status_label: QLabel, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notices = notices
        self.status_label = status_label
        self.clock = clock
        self.down: dict[str, str] = {}
        self.down_since: datetime | None = None
        self.spool_alarm: str | None = None
        self.intake: IntakeState | None = None
        self._intake_worker: object | None = None
        self._last_held = 0
        self._timer: QTimer | None = None

    def set_outage(self, witness: str, reason: str | None) -> None:
        """One witness (intake, feed, desk) says the database is away (reason) or back (None)."""
        if reason is None:
            self.down.pop(witness, None)
        else:
            self.down[witness] = reason
        if self.down and self.down_since is None:
            self.down_since = self.clock()
        elif not self.down:
            self.down_since = None
        self._show()

    def feed_state(self, reachable: bool, reason: str) -> None:
        self.set_outage("feed", None if reachable else reason)

    def desk_state(self, reachable: bool, reason: str) -> None:
        self.set_outage("desk", None if reachable else reason)

    def unhandled_error(self, exc: BaseException) -> None:
        """A job failed and nobody handled it: say so, unless it is the outage the banner already says."""
        if not isinstance(exc, DatabaseUnavailable):
            self.status.emit(error_text(exc), True)

    def journal_state(self, state: str, waiting: int) -> None:
        """The database link and this desk's journal (actions kept while the database was away)."""
        texts = {
            "switching": _t("DATABASE SWITCHING to another server: a few seconds. What you do now is kept on this "
                            "desk and sent when it is back."),
            "away": _t("DATABASE AWAY: the lists show what they last showed (read only). Keep answering: what you "
                       "do is kept on this desk ({count} waiting) and sent when it is back.").format(count=waiting),
            "catching_up": _t("Sending what this desk kept while the database was away ({count} left).").format(
                count=waiting),
            "attention": _t("Some actions kept on this desk could not be applied: another desk changed the same "
                            "call or incident first. Check those calls in the lists."),
        }
        text = texts.get(state)
        self.notices.set_notice("journal", ("down" if state in ("switching", "away") else "spool") if text else None,
                                text or "")

    def held_count(self) -> int:
        held = getattr(self.intake, "held", 0)
        return held if isinstance(held, int) else 0

    def watch_intake(self, intake: IntakeState, intake_worker: object | None = None, interval_ms: int = 1000) -> None:
        """Intake runs on its own thread and cannot talk to Qt: read its state on a timer here."""
        self.intake = intake
        self._intake_worker = intake_worker
        if self._timer is None:
            self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_intake)
        self._timer.start()
        self.check_intake()

    def check_intake(self) -> None:
        intake = self.intake
        down_since = getattr(intake, "database_down_since", None)
        last_error = getattr(self._intake_worker, "last_error", None) if self._intake_worker is not None else None
        spool_error = getattr(intake, "spool_error", None)
        alarm = str(spool_error) if spool_error else None
        held = self.held_count()
        changed = alarm != self.spool_alarm or held != self._last_held
        self._last_held = held
        self.spool_alarm = alarm
        if changed and alarm is not None:
            log.critical("console alarm: spool failed (%s)", alarm)
        if down_since is not None or last_error is not None:
            if "intake" not in self.down or changed:
                self.set_outage("intake", str(last_error or _t("the line service cannot write calls")))
        elif "intake" in self.down or changed:
            self.set_outage("intake", None)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _show(self) -> None:
        if self.spool_alarm is not None and (self.down or self.held_count()):
            text = _t("ALARM: calls cannot be written anywhere - the database is away and the local spool "
                      "failed ({error}). {held} call(s) are held in this console's memory only: do NOT close "
                      "the console, and call the technician now.").format(error=self.spool_alarm[:160],
                                                                          held=self.held_count())
            kind = "alarm"
        elif self.spool_alarm is not None and not self.down:
            text = _t("WARNING: the local spool cannot be written ({error}). Calls are safe while the database "
                      "is up, but during an outage they would be kept only in memory. Call the technician."
                      ).format(error=self.spool_alarm[:160])
            kind = "spool"
        elif self.down:
            since = to_wib(self.down_since or self.clock()).strftime("%H:%M:%S")
            reason = next(iter(self.down.values()))
            text = _t("DATABASE UNREACHABLE since {time} WIB. Incoming calls are kept in the local spool and appear "
                      "when it is back; the queues show the last known state. It reconnects by itself. ({reason})"
                      ).format(time=since, reason=reason[:160])
            kind = "down"
        else:
            self.notices.set_notice("database", None)
            self.status_label.setText("")
            return
        self.status_label.setText({"down": _t("DATABASE UNREACHABLE"), "alarm": _t("SPOOL FAILED"),
                                   "spool": _t("SPOOL NOT WRITABLE")}[kind])
        self.notices.set_notice("database", kind, text)
