"""The desk's side panels and the dialogs behind them: open incidents (Ctrl+1), missed calls (Ctrl+2), units
(Ctrl+3) and deliveries (Ctrl+4); an incident's window, a caller's history, settings, the shift handover at
logout, forwarding (F4) and, for supervisors and admins, the reports (Ctrl+P)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from callcenter.assembly import Services
from callcenter.db.enums import Role
from callcenter.services.base import Actor
from callcenter.services.desk_identity import DeskIdentity
from callcenter.services.dispatch_types import DispatchView
from callcenter.services.feed import Change
from ui.bridge import CoreBridge
from ui.desk.call_flow import CallFlow
from ui.dispatch.deliveries import DeliveriesPanel
from ui.dispatch.dialog import DispatchDialog
from ui.dispatch.manual import ManualDeliveries
from ui.dispatch.unit_board import UnitBoardPanel
from ui.main_window import MainWindow
from ui.shortcuts import (
    CALLER_HISTORY,
    FOCUS_DELIVERIES,
    FOCUS_MISSED,
    FOCUS_QUEUE,
    FOCUS_UNITS,
    FORWARD,
    LOGOUT,
    REPORTS,
    SETTINGS,
)
from ui.views.caller_history import CallerHistoryDialog
from ui.views.handover import HandoverDialog
from ui.views.incident_detail import IncidentDetailDialog
from ui.views.missed import MissedCallsPanel
from ui.views.queue import QueuePanel
from ui.views.settings import SettingsDialog
from ui.worker import DbWorker

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class DeskPanels(QObject):
    """Builds the side panels into the window and opens the dialogs behind them."""

    caller_history_requested = Signal(str)

    def __init__(self, window: MainWindow, worker: DbWorker, render: DbWorker, services: Services,
                 bridge: CoreBridge, flow: CallFlow, actor: Actor, outbox_wake: object | None = None, *,
                 identity: DeskIdentity | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.render = render
        self.services = services
        self.flow = flow
        self.bridge = bridge
        self.actor = actor
        self.outbox_wake = outbox_wake
        self.identity = identity
        self.last_incident_id: int | None = None
        flow.incident_saved.connect(self._remember_incident)

        self.manual = ManualDeliveries(worker, render, services.dispatch, actor, window)
        """The desk's part of every forward (slips, WhatsApp): it outlives the dialogs that start it."""
        self.manual.reported.connect(window.show_status)
        self.queue_panel = QueuePanel(worker, services.incidents, services.queues, actor)
        self.missed_panel = MissedCallsPanel(worker, services.calls, services.queues, actor)
        self.units_panel = UnitBoardPanel(worker, services.dispatch, actor, clock=services.clock)
        self.deliveries_panel = DeliveriesPanel(worker, services.dispatch, actor, manual=self.manual)
        window.add_side_panel(self.queue_panel, _t("Open incidents"), FOCUS_QUEUE, _t("Show the open incidents"))
        window.add_side_panel(self.missed_panel, _t("Missed calls"), FOCUS_MISSED,
                              _t("Show the missed calls to call back"))
        window.add_side_panel(self.units_panel, _t("Units"), FOCUS_UNITS, _t("Show the units and their status"))
        window.add_side_panel(self.deliveries_panel, _t("Deliveries"), FOCUS_DELIVERIES,
                              _t("Show the messages sent to agencies"))
        bridge.feed_changes.connect(self.queue_panel.on_changes)
        bridge.feed_changes.connect(self.missed_panel.on_changes)
        bridge.feed_changes.connect(self._dispatch_changes)
        self.queue_panel.incident_activated.connect(self.open_incident)
        self.units_panel.incident_activated.connect(self.open_incident)

        shortcuts = window.shortcuts
        # Keys the panels handle themselves, listed so F1 shows every key in the window.
        shortcuts.note("Ctrl+F", _t("Search the open incidents"))
        shortcuts.note("Enter", _t("Open the selected incident (in the queue)"))
        shortcuts.note("Ctrl+K", _t("Record the callback of the selected missed call"))
        shortcuts.add(window, FORWARD, _t("Forward the last saved incident to agencies (teruskan)"), self.forward_last)
        shortcuts.add(window, CALLER_HISTORY, _t("Caller history of the call in hand"), self._history_of_current)
        settings_button = window.header_button("settings", _t("Settings"), first=True)
        shortcuts.add(window, SETTINGS, _t("Settings: language, caller-ID sources"), self.open_settings,
                      button=settings_button)
        settings_button.clicked.connect(self.open_settings)
        self.settings_button = settings_button
        """For admins it also opens the admin dialogs (ui.desk.administration)."""
        if actor.at_least(Role.SUPERVISOR):
            reports_button = window.header_button("new-report", _t("Reports"), first=True)
            shortcuts.add(window, REPORTS, _t("Shift and period reports"), self.open_reports, button=reports_button)
            reports_button.clicked.connect(self.open_reports)
        self.logout_button = window.header_button("logout", _t("Log out"))
        shortcuts.add(window, LOGOUT, _t("Log out (with the shift handover)"), self.request_logout,
                      button=self.logout_button)
        self.logout_button.clicked.connect(self.request_logout)
        flow.call_form.history_requested.connect(self.open_caller_history)

    def _remember_incident(self, incident_id: int) -> None:
        self.last_incident_id = incident_id

    # -- dialogs ---------------------------------------------------------------------------------------------
    def open_incident(self, incident_id: int) -> None:
        dialog = IncidentDetailDialog(self.worker, self.services.incidents, self.actor, incident_id, self.window,
                                      dispatch=self.services.dispatch, manual=self.manual)
        self.bridge.feed_changes.connect(dialog.on_changes)
        self.window.open_dialog(dialog)

    def open_caller_history(self, number: str) -> None:
        if not number:
            return
        self.caller_history_requested.emit(number)
        self.window.open_dialog(CallerHistoryDialog(self.worker, self.services.callers, self.actor, number,
                                                    self.window))

    def _history_of_current(self) -> None:
        current = self.flow.current
        if current is not None:
            self.open_caller_history(current.e164 or current.number_raw or "")

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.worker, self.services.sources, self.services.settings, self.actor,
                                self.window.language, self.window, desk=self.identity)
        dialog.language_changed.connect(self.window.language_change_requested.emit)
        dialog.desk_renamed.connect(self.window.set_desk_name)
        dialog.desk_renamed.connect(self.window.desk_renamed.emit)
        dialog.sources_changed.connect(self.window.sources_changed.emit)
        self.window.open_dialog(dialog)

    def open_reports(self) -> None:
        from ui.reports_dialog import ReportsDialog

        self.window.open_dialog(ReportsDialog(self.worker, self.services.reports, self.services.exports, self.actor,
                                              self.window.language, self.window, render=self.render))

    def request_logout(self) -> None:
        """Logging out hands the shift over: the note for the next shift and what is still open."""
        if self.flow.mode in ("call", "incident"):
            self.window.show_status(_t("Finish the call in hand first."), True)
            return
        dialog = HandoverDialog(self.worker, self.services.shifts, self.services.incidents, self.actor, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.window.logout_requested.emit)
        dialog.open()

    # -- forwarding --------------------------------------------------------------------------------------------
    def forward_last(self) -> None:
        """F4: the incident just saved (or linked to) goes to its agencies; from the queue, Enter then forward."""
        if self.last_incident_id is None:
            self.window.show_status(_t("Save an incident first; then F4 forwards it."), True)
            return
        dialog = DispatchDialog(self.worker, self.services.dispatch, self.actor, self.last_incident_id, self.window,
                                manual=self.manual)
        dialog.forwarded.connect(self._forwarded)
        self.window.open_dialog(dialog)

    def _forwarded(self, views: list[DispatchView]) -> None:
        if callable(self.outbox_wake):
            self.outbox_wake()
        self.window.show_status(_t("Forwarded to {count} agency/unit(s).").format(count=len(views)))

    def _dispatch_changes(self, changes: list[Change]) -> None:
        """Units, dispatches and deliveries changed on any desk (or in the outbox worker): refresh at once
        instead of at the panels' next timer."""
        entities = {change.entity for change in changes}
        if entities & {"unit", "dispatch", "incident", "database"}:
            self.units_panel.refresh()
        if entities & {"dispatch", "outbox", "database"}:
            self.deliveries_panel.refresh()
