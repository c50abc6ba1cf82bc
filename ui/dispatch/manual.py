"""The desk's part of delivering a forward: the WhatsApp text to the clipboard and the wa.me link opened, the slip
printed or saved. Owned by the main window (not by the dialog that forwarded, which closes at once), so every
delivery reaches an outcome the operator sees: done, failed with the reason, or waiting on purpose ("later").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from callcenter.db.enums import DeliveryChannel, OutboxState
from callcenter.forwarding.slip import render_slip
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_messages import DispatchFacts
from callcenter.services.dispatch_types import DispatchView
from ui.dispatch.common import tr
from ui.dispatch.printing import print_or_save
from ui.errors import error_text
from ui.preferences import remember_slip_folder, slip_folder
from ui.worker import DbWorker

log = logging.getLogger(__name__)

NO_BROWSER = "no web browser could open the WhatsApp link; the text is on the clipboard: paste it into WhatsApp"


def default_slip_folder() -> Path:
    """The user's documents folder, in a Konsol 112 folder of its own (not wherever the program was started)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "Konsol 112"


class ManualDeliveries(QObject):
    """Runs the desk's deliveries and records each outcome; ``reported(text, is_error)`` says it in words."""

    reported = Signal(str, bool)
    changed = Signal()
    """A delivery's state changed (the panels refresh)."""

    def __init__(self, worker: DbWorker, render: DbWorker, dispatch: DispatchService, actor: Actor,
                 window: QWidget) -> None:
        super().__init__(window)
        self.worker = worker
        self.render = render
        self.dispatch = dispatch
        self.actor = actor
        self.window = window
        # Replaced in tests: there is no browser or printer on a test machine.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.print_slip: Callable[[QWidget, bytes, str, Path], tuple[str | None, Path]] = print_or_save

    # -- what to deliver ---------------------------------------------------------------------------------------
    def deliver(self, views: list[DispatchView]) -> None:
        """Every pending desk delivery of a forward, one after the other."""
        for view in views:
            for delivery in view.deliveries:
                if delivery.state is OutboxState.PENDING:
                    self.deliver_one(delivery.id, delivery.channel)

    def deliver_one(self, message_id: int, channel: DeliveryChannel) -> None:
        if channel is DeliveryChannel.WHATSAPP:
            self.send_whatsapp(message_id)
        elif channel is DeliveryChannel.PRINT:
            self.print_slip_of(message_id)

    # -- WhatsApp ------------------------------------------------------------------------------------------------
    def send_whatsapp(self, message_id: int) -> None:
        dispatch = self.dispatch
        self.worker.run(self, lambda: dispatch.delivery_content(message_id),
                        lambda content: self._open_whatsapp(message_id, content), self._failed)

    def _open_whatsapp(self, message_id: int, content: dict[str, Any]) -> None:
        QGuiApplication.clipboard().setText(str(content.get("text", "")))
        target = str(content.get("target") or "")
        if self.open_url(QUrl(str(content.get("link", "")))):
            self._record(message_id, True, "wa.me link opened, text copied",
                         tr("WhatsApp to %1: the chat is open and the text is copied; press Send there.")
                         .replace("%1", target))
        else:
            self._record(message_id, False, NO_BROWSER,
                         tr("WhatsApp to %1: no web browser could open the link. The text is copied: paste it "
                            "into WhatsApp yourself, then retry (R) in Deliveries.").replace("%1", target))

    # -- the printed slip ----------------------------------------------------------------------------------------
    def print_slip_of(self, message_id: int) -> None:
        """Render the slip on the render queue (a PDF is slow), then ask: print, save as PDF, or later."""
        dispatch = self.dispatch

        def render() -> tuple[bytes, str]:
            facts = DispatchFacts.from_dict(dispatch.delivery_content(message_id)["facts"])
            name = "slip-" + facts.incident_number.replace("/", "-") + (f"-{facts.unit}" if facts.unit else "")
            return render_slip(facts), name + ".pdf"

        self.render.run(self, render, lambda result: self._ask(message_id, *result), self._failed)

    def _ask(self, message_id: int, pdf: bytes, name: str) -> None:
        folder = slip_folder(self.actor.username) or default_slip_folder()
        how, used = self.print_slip(self.window, pdf, name, folder)
        if how == "saved":
            remember_slip_folder(self.actor.username, used)  # offered again next time, per operator
        if how is None:
            self.reported.emit(tr("The slip %1 is waiting: print it later from Deliveries (Ctrl+4, then R).")
                               .replace("%1", name), False)
            return
        self._record(message_id, True, how, tr("Slip %1: %2.").replace("%1", name).replace(
            "%2", tr("printed") if how == "printed" else tr("saved in %1").replace("%1", str(used))))

    # -- outcomes ------------------------------------------------------------------------------------------------
    def _record(self, message_id: int, done: bool, how: str, words: str) -> None:
        dispatch, actor = self.dispatch, self.actor
        job = (lambda: dispatch.mark_delivered(actor, message_id, how)) if done else \
            (lambda: dispatch.mark_failed(actor, message_id, how))
        self.worker.run(self, job, lambda _view: self._recorded(words, not done), self._failed)

    def _recorded(self, words: str, error: bool) -> None:
        self.reported.emit(words, error)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.warning("desk delivery failed: %s", exc)
        self.reported.emit(error_text(exc), True)
        self.changed.emit()
