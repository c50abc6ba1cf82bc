"""Nothing typed is lost: the incident form is kept on disk while it is filled in (debounced, and every few
seconds), and a form that was not finished when the console last closed is offered back at the next login."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from callcenter.clock import Clock
from callcenter.errors import NotFound
from callcenter.services.base import Actor
from callcenter.services.calls import CallInfo, CallService
from ui.desk.call_flow import CallFlow
from ui.drafts import DraftStore
from ui.incident_form import IncidentForm
from ui.words import datetime_text
from ui.worker import DbWorker

log = logging.getLogger(__name__)

DEBOUNCE_MS = 800
EVERY_MS = 5000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class DraftKeeper(QObject):
    status = Signal(str, bool)

    def __init__(self, store: DraftStore, worker: DbWorker, calls: CallService, actor: Actor, clock: Clock,
                 flow: CallFlow, form: IncidentForm, window: QWidget) -> None:
        super().__init__(window)
        self.store = store
        self.worker = worker
        self.calls = calls
        self.actor = actor
        self.clock = clock
        self.flow = flow
        self.form = form
        self.window = window
        self.offer: QMessageBox | None = None
        self._last: dict[str, object] | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.save)
        self.periodic = QTimer(self)
        self.periodic.setInterval(EVERY_MS)
        self.periodic.timeout.connect(self.save)
        self.periodic.start()
        form.edited.connect(self._edited)
        flow.finished.connect(self.discard)  # saved, linked, classified or cancelled: nothing left to recover
        store_, username = store, actor.username
        worker.run(self, lambda: store_.load(username), self._offer,
                   lambda exc: log.warning("draft not read: %s", exc))

    def _editing(self) -> bool:
        return self.flow.mode in ("incident", "report")

    def _edited(self) -> None:
        if self._editing():
            self._debounce.start()

    def save(self) -> None:
        if not self._editing():
            return
        data = self.form.snapshot()
        if data == self._last or self.form.is_blank():
            return  # unchanged, or nothing typed yet beyond what caller ID filled in
        data["mode"] = self.flow.mode
        data["saved_at"] = self.clock().isoformat()
        try:
            self.store.save(self.actor.username, data)
        except OSError as exc:
            self.status.emit(_t("The draft could not be saved on this PC ({detail}); finish the form soon.").format(
                detail=exc.strerror or exc), True)
            return
        self._last = self.form.snapshot()

    def discard(self) -> None:
        self._last = None
        self._debounce.stop()
        self.store.delete(self.actor.username)

    def stop(self) -> None:
        self.periodic.stop()
        self._debounce.stop()

    def _offer(self, draft: dict[str, object] | None) -> None:
        if not isinstance(draft, dict):
            return
        saved = str(draft.get("saved_at") or "")
        try:
            when = datetime_text(datetime.fromisoformat(saved), seconds=False)
        except ValueError:
            when = "?"
        description = str(draft.get("description") or "")
        preview = (description[:200] + ("..." if len(description) > 200 else "")) or _t("(no description)")
        box = QMessageBox(QMessageBox.Icon.Question, _t("Unfinished incident"), _t(
            "An incident form was not finished when the console last closed ({time} WIB):\n\n{preview}\n\n"
            "Restore it now?").format(time=when, preview=preview),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard, self.window)
        box.setObjectName("restoreDraft")
        restore, discard = box.button(QMessageBox.StandardButton.Yes), box.button(QMessageBox.StandardButton.Discard)
        if restore is not None and discard is not None:
            restore.setText(_t("Restore"))
            discard.setText(_t("Discard"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda result: self._answer(draft, result))
        self.offer = box
        box.open()

    def _answer(self, draft: dict[str, object], result: int) -> None:
        self.offer = None
        if result != QMessageBox.StandardButton.Yes:
            self.discard()
            return
        call_id = draft.get("call_id")
        if not isinstance(call_id, int):
            self.flow.restore(draft, None)
            return
        calls = self.calls

        def job() -> CallInfo | None:
            try:
                return calls.get(call_id)
            except NotFound:
                return None

        self.worker.run(self, job, lambda info: self.flow.restore(draft, info))
