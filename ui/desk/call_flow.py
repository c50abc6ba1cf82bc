"""The call in hand, from answer to the last key: answer (F2), classify (F5-F10), the incident form (save, link),
a report that did not come by telephone (Ctrl+N), and back to the ringing calls.

``mode`` is what the desk is doing: ``idle`` (waiting for calls), ``call`` (a call answered, its type not chosen
yet), ``incident`` (the incident form for the call in hand) or ``report`` (the form without a call).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from callcenter.db.enums import CallState, CallType
from callcenter.errors import DatabaseUnavailable, ValidationError
from callcenter.services.base import Actor
from callcenter.services.callers import CallerHistory, CallerService
from callcenter.services.calls import CallInfo, CallService
from callcenter.services.desk_actions import ActionResult, DeskActions
from callcenter.services.incidents import IncidentDraft, IncidentService, IncidentView
from ui.call_form import CallForm, call_type_names
from ui.desk.ringing import HISTORY_LIMIT, RingingController
from ui.errors import error_text
from ui.incident_form import IncidentForm
from ui.ring_banner import number_text
from ui.worker import DbWorker

log = logging.getLogger(__name__)

IDLE_PAGE, CALL_PAGE = 0, 1


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def _kept() -> str:
    return _t("The database is away: it is kept on this desk and sent when the database is back.")


class CallFlow(QObject):
    """Drives the call form and the incident form; every database step runs on the worker."""

    mode_changed = Signal(str)
    status = Signal(str, bool)
    """A sentence for the status bar (text, is it an error)."""
    step = Signal(str)
    """What the operator is doing now, in one sentence: the status bar shows it whenever no news is on show."""
    incident_saved = Signal(int)
    """An incident was saved or a call linked to one (its id): F4 forwards it."""
    finished = Signal()
    """Back to the ringing calls: nothing is left in the forms (drafts can go)."""
    call_changed = Signal(object)
    """The call in hand (a CallInfo), or None when there is none any more."""

    def __init__(self, worker: DbWorker, calls: CallService, callers: CallerService, incidents: IncidentService,
                 actor: Actor, ringing: RingingController, stack: QStackedWidget, call_form: CallForm,
                 incident_form: IncidentForm, call_stretch: QWidget, parent: QObject | None = None, *,
                 actions: DeskActions | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        """With a desk journal: classifying and saving go through it, so they are kept while the database is
        away."""
        self.worker = worker
        self.calls = calls
        self.callers = callers
        self.incidents = incidents
        self.actor = actor
        self.ringing = ringing
        self.stack = stack
        self.call_form = call_form
        self.incident_form = incident_form
        self.call_stretch = call_stretch
        self.current: CallInfo | None = None
        self.current_history: CallerHistory | None = None
        self.mode = "idle"
        self.blocked = False
        """True while the console is locked: no key may answer or change a call."""
        self._busy = False
        call_form.classify_requested.connect(self.classify)
        incident_form.save_requested.connect(self._save_incident)
        incident_form.link_requested.connect(self._link_incident)
        incident_form.suggestions_wanted.connect(self._load_suggestions)
        incident_form.cancel_requested.connect(self.cancel)
        ringing.hung_up.connect(self._hung_up)

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.call_form.set_compact(mode == "incident")
        self.mode_changed.emit(mode)
        self.step.emit(self.step_text())

    def step_text(self) -> str:
        """The status bar's sentence for the current step (each mode has its own)."""
        number = number_text(self.current) if self.current is not None else ""
        if self.mode == "call":
            return _t("Call from {number}: choose its type - F5 Normal (an incident), F6-F10 close the call; F3 the "
                      "caller's history.").format(number=number)
        if self.mode == "incident":
            return _t("Incident for {number}: category, kecamatan, description; Ctrl+S saves, Ctrl+G links, Esc "
                      "goes back.").format(number=number)
        if self.mode == "report":
            return _t("New report without a call: category, kecamatan, description; Ctrl+S saves, Esc cancels.")
        return _t("Ready for calls: F2 answers the oldest ringing call; Ctrl+N enters a report that came another "
                  "way.")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.emit(text, error)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._say(error_text(exc), True)

    # -- answering -----------------------------------------------------------------------------------------
    def answer_oldest(self) -> None:
        if self._busy or self.blocked:
            return
        if self.mode in ("call", "incident"):
            self._say(_t("Finish the call in hand first (F5-F10), then answer the next one."), True)
            return
        if self.mode == "report":
            self._say(_t("Save or cancel (Esc) the report first, then answer."), True)
            return
        self._busy = True
        calls, callers, actor = self.calls, self.callers, self.actor
        cached = dict(self.ringing.histories)

        def job() -> tuple[CallInfo | None, CallerHistory | None]:
            info = calls.claim_oldest(actor)
            if info is None or not info.e164:
                return info, None
            return info, cached.get(info.e164) or callers.history(info.e164, limit=HISTORY_LIMIT)

        self.worker.run(self, job, self._answered, self._answer_failed)

    def _answer_failed(self, exc: BaseException) -> None:
        """The database is away: the oldest call the banner still shows is answered on this desk (the claim is
        kept in the journal and applied when the database is back)."""
        shown = self.ringing.ringing
        if not isinstance(exc, DatabaseUnavailable) or self.actions is None or not shown:
            self._failed(exc)
            return
        oldest = shown[0].call
        actions, actor = self.actions, self.actor
        self.worker.run(self, lambda: actions.claim(actor, oldest.id),
                        lambda result: self._answered_on_desk(oldest, shown[0].history, result), self._failed)

    def _answered_on_desk(self, call: CallInfo, history: CallerHistory | None, result: ActionResult[CallInfo]) -> None:
        self._busy = False
        self._take_call(result.value or call, history)
        self.call_form.focus_buttons()
        self._say(_t("You answered {number} while the database is away: what you do is kept on this desk.").format(
            number=number_text(call)), True)

    def _answered(self, result: tuple[CallInfo | None, CallerHistory | None]) -> None:
        self._busy = False
        info, history = result
        if info is None:
            self._say(_t("No call is ringing."))
            self.ringing.refresh()
            return
        self._take_call(info, history)  # the status bar says the step: choose the call type
        self.call_form.focus_buttons()
        self.ringing.refresh()

    def _take_call(self, info: CallInfo, history: CallerHistory | None) -> None:
        self.current = info
        self.call_changed.emit(info)
        self.current_history = history
        self._set_mode("call")
        self.call_form.show()
        self.call_form.show_call(info, history)
        self.incident_form.hide()
        self.call_stretch.show()
        self.stack.setCurrentIndex(CALL_PAGE)

    def _hung_up(self, call_id: int) -> None:
        if self.current is not None and call_id == self.current.id:
            self.call_form.hung_up.show()  # the line says the caller is gone
            self.call_form.stop_talk(self.call_form.clock())
            calls = self.calls
            self.worker.run(self, lambda: calls.get(call_id), self._ended,
                            lambda exc: log.warning("ended call %s not read: %s", call_id, exc))

    def _ended(self, info: CallInfo) -> None:
        """The talk's length to the second the line reported the hang-up (the news came a moment later)."""
        if self.current is not None and info.id == self.current.id and info.ended_at is not None:
            self.call_form.stop_talk(info.ended_at)

    # -- classifying ---------------------------------------------------------------------------------------
    def classify(self, call_type_value: str) -> None:
        if self._busy or self.blocked or self.current is None or self.mode not in ("call", "incident"):
            return
        call_type = CallType(call_type_value)
        if call_type is CallType.NORMAL:
            self._open_incident_form()
            return
        self._busy = True
        call, calls, actor = self.current, self.calls, self.actor
        self.call_form.set_buttons_enabled(False)

        def failed(exc: BaseException) -> None:
            self.call_form.set_buttons_enabled(True)
            self._failed(exc)

        if self.actions is not None:
            actions = self.actions
            self.worker.run(self, lambda: actions.classify(actor, call.id, call_type),
                            lambda result: self._classified(result.value or call, call_type, kept=not result.done),
                            failed)
            return
        self.worker.run(self, lambda: calls.classify(actor, call.id, call_type),
                        lambda info: self._classified(info, call_type), failed)

    def _classified(self, info: CallInfo, call_type: CallType, *, kept: bool = False) -> None:
        self._busy = False
        self.ringing.forget_history(info.e164)
        self.back_to_idle()  # the step first: the news is shown over it, then the step again
        words = _t("Call from {number} closed as {type}.").format(number=number_text(info),
                                                                  type=call_type_names()[call_type])
        self._say(words + (" " + _kept() if kept else ""), kept)

    def _open_incident_form(self) -> None:
        assert self.current is not None
        self._set_mode("incident")
        self.call_stretch.hide()
        self.incident_form.show()
        self.incident_form.start_for_call(self.current.id, self.current.display_number if self.current.e164
                                          else None, self.current.cid_name if self.current.e164 else None)
        self.ringing.update_sound()

    # -- reports without a call ---------------------------------------------------------------------------
    def new_report(self) -> None:
        if self.blocked:
            return
        if self.mode in ("call", "incident"):
            self._say(_t("Finish the call in hand first."), True)
            return
        self.current = None
        self._set_mode("report")
        self.stack.setCurrentIndex(CALL_PAGE)
        self.call_form.hide()
        self.call_stretch.hide()
        self.incident_form.show()
        self.incident_form.start_without_call()

    def cancel(self) -> bool:
        """Esc: one step back. False when there was nothing to go back from."""
        if self._busy:
            return True
        if self.mode == "incident":
            # Back to the call-type buttons: the call is still in hand and may still be a prank.
            self._set_mode("call")
            self.incident_form.hide()
            self.call_stretch.show()
            self.call_form.focus_buttons()
            return True
        if self.mode == "report":
            self.back_to_idle()
            return True
        return False

    # -- saving ----------------------------------------------------------------------------------------------
    def _save_incident(self, draft: IncidentDraft) -> None:
        if self._busy or self.mode not in ("incident", "report"):
            self.incident_form.set_busy(False)
            return
        self._busy = True
        incidents, calls, actor, actions = self.incidents, self.calls, self.actor, self.actions

        def job() -> IncidentView | None:
            if actions is not None:
                created = actions.create_incident(actor, draft, call=draft.call_id)
                if draft.call_id is not None:
                    actions.end(actor, draft.call_id)
                return created.value  # None: kept in this desk's journal
            view = incidents.create(actor, draft)
            if draft.call_id is not None:
                calls.end(actor, draft.call_id)
            return view

        self.worker.run(self, job, self._incident_saved, self._form_failed)

    def _form_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.incident_form.set_busy(False)
        if isinstance(exc, ValidationError):
            self.incident_form.show_problems(exc.problems)
        else:
            self.incident_form.status.setText(error_text(exc))

    def _incident_saved(self, view: IncidentView | None) -> None:
        self._busy = False
        if view is None:
            self.back_to_idle()
            self._say(_t("Incident kept on this desk.") + " " + _kept(), True)
            return
        self.incident_saved.emit(view.id)
        self.back_to_idle()
        self._say(_t("Incident {number} saved.").format(number=view.number) + " "
                  + _t("F4: forward it to the agencies."))

    def _link_incident(self, incident_id: int) -> None:
        if self._busy or self.current is None:
            self.incident_form.set_busy(False)
            return
        self._busy = True
        call_id = self.current.id
        incidents, calls, actor = self.incidents, self.calls, self.actor

        def job() -> IncidentView:
            calls.link_incident(actor, call_id, incident_id)
            calls.end(actor, call_id)
            return incidents.get(incident_id)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.incident_form.set_busy(False)
            self.incident_form.status.setText(error_text(exc))

        self.worker.run(self, job, self._linked, failed)

    def _linked(self, view: IncidentView) -> None:
        self._busy = False
        self.incident_saved.emit(view.id)
        self.back_to_idle()
        self._say(_t("Call linked to incident {number}.").format(number=view.number))

    def _load_suggestions(self, desa_code: object, category_id: object) -> None:
        if self.mode != "incident":
            return
        incidents = self.incidents

        def job() -> list[IncidentView]:
            return incidents.link_suggestions(desa_code=desa_code if isinstance(desa_code, str) else None,
                                              category_id=category_id if isinstance(category_id, int) else None)

        self.worker.run(self, job, self._show_suggestions, lambda exc: log.warning("suggestions: %s", exc))

    def _show_suggestions(self, views: list[IncidentView]) -> None:
        if self.mode == "incident":
            self.incident_form.set_suggestions(views)

    def back_to_idle(self) -> None:
        if self.current is not None:
            self.call_changed.emit(None)
        self.current = None
        self.current_history = None
        self.call_form.stop_talk()
        self._set_mode("idle")
        self.incident_form.hide()
        self.call_form.show()
        self.stack.setCurrentIndex(IDLE_PAGE)
        self.finished.emit()
        self.ringing.update_sound()
        self.ringing.banner.setFocus()  # Space/Enter (or F2) answers the next call at once
        self.ringing.refresh()

    # -- an unfinished form offered back -------------------------------------------------------------------
    def restore(self, draft: dict[str, object], info: CallInfo | None) -> None:
        """A draft saved before a crash: back on its call if this operator still holds it, else a report."""
        if self.mode != "idle":
            self._say(_t("Finish the call in hand first; the unfinished incident is kept."), True)
            return
        if info is not None and info.state is CallState.ANSWERED and info.claimed_by_id == self.actor.id:
            self._take_call(info, None)
            self._open_incident_form()
        else:
            self.new_report()
        self.incident_form.restore(draft)
        self._say(_t("The unfinished incident is back in the form. Check it, then save (Ctrl+S)."))

    def focus_work(self) -> None:
        """Where the operator's eyes go after an interruption (unlock, a dialog closed)."""
        if self.mode == "idle":
            self.ringing.banner.setFocus()
        elif self.mode in ("incident", "report"):
            self.incident_form.description.setFocus()
        else:
            self.call_form.focus_buttons()
