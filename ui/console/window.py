"""Assembly of one desk window, in one place: the frame, its controllers, their keys and their wiring.

``build_desk(parts, actor, language)`` is used by the console, the tests, the screenshots and the benchmarks
alike. ``DeskParts`` is what a console keeps across logins and language changes (services, worker queues, the
bridge from the core, intake, the ring tone); ``Desk`` is one login's window and controllers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from callcenter.assembly import Services
from callcenter.clock import Clock
from callcenter.db.enums import Role
from callcenter.services.base import Actor
from callcenter.services.desk_actions import DeskActions
from callcenter.services.desk_identity import DeskIdentity
from callcenter.services.intake import IntakeService, IntakeWorker
from callcenter.services.reference import ReferenceData
from ui.bridge import CoreBridge
from ui.call_form import call_type_names
from ui.desk.administration import Administration, QuestionFollower, keep_questions, refuse_admin_keys
from ui.desk.call_flow import CallFlow
from ui.desk.drafts import DraftKeeper
from ui.desk.lock import LockController
from ui.desk.map_desk import MapDesk
from ui.desk.outage import OutageMonitor
from ui.desk.panels import DeskPanels
from ui.desk.phone_location import PhoneLocation
from ui.desk.ringing import RingingController
from ui.desk.supervision import Supervision, refuse_supervisor_keys
from ui.drafts import DraftStore
from ui.main_window import MainWindow
from ui.ring_banner import RingSound
from ui.shortcuts import ANSWER, CALL_TYPE_KEYS, CANCEL, HELP, LINK, LOCK, NEW_REPORT, SAVE
from ui.worker import DbWorker


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass
class DeskParts:
    """What one console keeps across logins and language changes."""

    services: Services
    reference: ReferenceData
    worker: DbWorker
    """Every database call of the console."""
    render: DbWorker
    """Slow work that must not hold the database queue up (reports, slips)."""
    bridge: CoreBridge
    sound: RingSound
    intake: IntakeService | None = None
    intake_worker: IntakeWorker | None = None
    outbox_wake: Callable[[], None] | None = None
    drafts: DraftStore | None = None
    idle_minutes: float = 0.0
    """Lock the console after this many minutes without input (0: only by Ctrl+Shift+L)."""
    log_path: Path | None = None
    identity: DeskIdentity | None = None
    """This console's desk (its name in the header and on the supervisor's board)."""
    actions: DeskActions | None = None
    """The operator's actions, kept in this desk's journal while the database is away (and applied after)."""

    @property
    def clock(self) -> Clock:
        return self.services.clock


@dataclass
class Desk:
    """One login's window and the controllers that drive it."""

    window: MainWindow
    ringing: RingingController
    flow: CallFlow
    outage: OutageMonitor
    panels: DeskPanels
    lock: LockController
    drafts: DraftKeeper | None
    supervision: Supervision | None
    map: MapDesk

    @property
    def mode(self) -> str:
        return self.flow.mode


def build_desk(parts: DeskParts, actor: Actor, language: str) -> Desk:
    services, worker, bridge = parts.services, parts.worker, parts.bridge
    window = MainWindow(actor, parts.reference, language, parts.clock)
    flow_mode: list[str] = ["idle"]
    ringing = RingingController(worker, services.calls, services.callers, services.references, actor, window.banner,
                                window.line_strip, parts.sound, busy=lambda: flow_mode[0] != "idle", parent=window,
                                locations=services.locations)
    flow = CallFlow(worker, services.calls, services.callers, services.incidents, actor, ringing, window.stack,
                    window.call_form, window.incident_form, window.call_stretch, parent=window,
                    actions=parts.actions)
    flow.mode_changed.connect(partial(flow_mode.__setitem__, 0))
    flow.mode_changed.connect(window.apply_mode)
    window.mode_of = lambda: flow.mode
    outage = OutageMonitor(window.notices, window.database_label, parts.clock, parent=window)
    for source in (ringing.status, flow.status, outage.status):
        source.connect(window.show_status)
    flow.step.connect(window.set_step)
    window.set_step(flow.step_text())

    # The core's news: committed calls, line states, other desks' changes, the database coming and going.
    # Bound methods only on the long-lived bridge and worker: Qt drops them when a rebuilt window replaces this one.
    bridge.calls_committed.connect(ringing.on_calls)
    bridge.line_state.connect(window.line_strip.on_line_state)
    bridge.feed_changes.connect(ringing.on_changes)
    bridge.database_state.connect(outage.feed_state)
    worker.database_state.connect(outage.desk_state)
    bridge.desk_state.connect(outage.journal_state)
    worker.error.connect(outage.unhandled_error)
    if parts.intake is not None:
        outage.watch_intake(parts.intake, parts.intake_worker)

    panels = DeskPanels(window, worker, parts.render, services, bridge, flow, actor, parts.outbox_wake,
                        identity=parts.identity)
    if parts.identity is not None:
        window.set_desk_name(parts.identity.name)

    keys = window.shortcuts
    keys.add(window, ANSWER, _t("Answer the oldest ringing call"), flow.answer_oldest)
    keys.note("Space / Enter", _t("Answer, while the ringing banner has focus"))
    for call_type, name in call_type_names().items():
        keys.add(window, CALL_TYPE_KEYS[call_type.value], _t("Classify the call: {type}").format(type=name),
                 partial(flow.classify, call_type.value))
    keys.add(window, SAVE, _t("Save the incident"), window.incident_form.save)
    keys.add(window, LINK, _t("Link the call to the selected open incident"), window.incident_form.link_selected)
    keys.add(window, NEW_REPORT, _t("New report that did not come by telephone"), flow.new_report,
             button=window.new_report_button)
    keys.add(window, CANCEL, _t("Back: leave the incident form or the report"), partial(_cancel, window, flow))
    keys.add(window, HELP, _t("Show or hide this list of keys"), window.toggle_help, button=window.help_button)
    window.banner.answer_requested.connect(flow.answer_oldest)
    window.new_report_button.clicked.connect(flow.new_report)
    if parts.log_path is not None:
        window.overlay.footer.setText(_t("Log file (for the technician): {path}").format(path=parts.log_path))

    lock = LockController(window, window.banner, window.header, keys, worker, services.auth, actor, parts.clock,
                          parts.idle_minutes)
    lock_button = window.header_button("", _t("Lock"))
    window.header_buttons.insertWidget(window.header_buttons.indexOf(panels.logout_button), lock_button)
    keys.add(window, LOCK, _t("Lock the console now (your password unlocks it)"), lock.lock, button=lock_button)
    lock_button.clicked.connect(lock.lock)
    lock.locking.connect(window.overlay.hide)
    lock.locking.connect(partial(setattr, flow, "blocked", True))
    lock.unlocked.connect(partial(setattr, flow, "blocked", False))
    lock.unlocked.connect(flow.focus_work)
    lock.logout_requested.connect(partial(_logout_locked, window))
    window.resized.connect(lock.place_later)

    drafts = None
    if parts.drafts is not None:
        drafts = DraftKeeper(parts.drafts, worker, services.calls, actor, parts.clock, flow, window.incident_form,
                             window)
        drafts.status.connect(window.show_status)
        lock.locking.connect(drafts.save)

    map_desk = MapDesk(window, worker, parts.render, services, flow, panels.open_incident)
    bridge.feed_changes.connect(map_desk.on_changes)
    phone = PhoneLocation(window, worker, services.locations, actor, flow, map_desk)
    bridge.feed_changes.connect(phone.on_changes)

    supervision = None
    if actor.at_least(Role.SUPERVISOR):
        supervision = Supervision(window, worker, services, bridge, actor, panels.open_incident, map_desk)
    else:
        refuse_supervisor_keys(window)
    if actor.at_least(Role.ADMIN):
        Administration(window, worker, services, actor, panels.settings_button, panels.open_settings)
    else:
        refuse_admin_keys(window)
    follower = QuestionFollower(worker, services, window.incident_form,
                                lambda questions: setattr(parts, "reference", keep_questions(parts.reference,
                                                                                             questions)), window)
    bridge.feed_changes.connect(follower.on_changes)

    desk = Desk(window, ringing, flow, outage, panels, lock, drafts, supervision, map_desk)
    window.closing.connect(partial(_closing, desk, parts.sound))
    ringing.refresh()
    return desk


def _cancel(window: MainWindow, flow: CallFlow) -> None:
    if window.overlay.isVisible():
        window.overlay.hide()
        return
    flow.cancel()


def _logout_locked(window: MainWindow) -> None:
    window.confirm_close = False
    window.logout_requested.emit()


def _closing(desk: Desk, sound: RingSound) -> None:
    sound.set_ringing(False)
    if desk.drafts is not None:
        desk.drafts.save()  # closed with a form open: it is offered back at the next login
        desk.drafts.stop()
    desk.lock.stop()
    desk.outage.stop()
