"""Supervisors and admins: the live board (F12, a window of its own for a second screen) and the audit log
(Ctrl+Shift+A). Operators never see either (the services refuse them anyway): their F12, Ctrl+Shift+A and Ctrl+P
say politely whose keys these are."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QMenu, QTabWidget, QToolButton, QVBoxLayout, QWidget

from callcenter.assembly import Services
from callcenter.services.base import Actor
from callcenter.services.feed import Change
from ui.app import icon
from ui.bridge import CoreBridge
from ui.desk.map_desk import MapDesk
from ui.geometry import fit_to_screen, place_on_screen
from ui.main_window import MainWindow
from ui.map.feed import MapFeed
from ui.map.panel import MapPanel
from ui.shortcuts import AUDIT_LOG, REPORTS, SUPERVISOR_BOARD, with_key
from ui.supervisor import AuditLogDialog, SupervisorBoard
from ui.supervisor.phone_messages import PhoneMessagesPanel
from ui.worker import DbWorker


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def refuse_supervisor_keys(window: MainWindow) -> None:
    """An operator who presses a supervisor's key is told whose key it is, instead of nothing happening (the
    keys are not listed in the operator's F1 list)."""
    refusals = {
        SUPERVISOR_BOARD: _t("The supervisor board (F12) is for supervisors and admins; ask your shift "
                             "supervisor."),
        AUDIT_LOG: _t("The audit log (Ctrl+Shift+A) is for supervisors and admins."),
        REPORTS: _t("Reports (Ctrl+P) are for supervisors and admins; your shift supervisor prints the shift "
                    "report."),
    }
    for key, sentence in refusals.items():
        window.shortcuts.add(window, key, sentence, partial(window.show_status, sentence), listed=False)


class BoardWindow(QWidget):
    """The supervisor board's own window (the board, and the map of the shift's incidents in a second tab); its
    clock runs only while it is shown."""

    def __init__(self, board: SupervisorBoard, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("supervisorWindow")
        self.setWindowTitle(_t("Supervisor board - Konsol 112"))
        self.setWindowIcon(icon("app"))
        self.board = board
        self.tabs = QTabWidget(self)
        self.tabs.addTab(board, _t("Board"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.board.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.board.timer.stop()


class Supervision(QObject):
    def __init__(self, window: MainWindow, worker: DbWorker, services: Services, bridge: CoreBridge,
                 actor: Actor, open_incident: object, map_desk: MapDesk | None = None) -> None:
        super().__init__(window)
        self.map_desk = map_desk
        self.map_panel: MapPanel | None = None
        self.phone_messages: PhoneMessagesPanel | None = None
        self.map_feed: MapFeed | None = None
        self.window = window
        self.worker = worker
        self.services = services
        self.actor = actor
        self._open_incident = open_incident
        self.board: SupervisorBoard | None = None
        self.board_window: BoardWindow | None = None
        self._dirty = False
        # One header button with a menu: the header must still fit a 1366-pixel screen.
        button = window.header_button("alert", _t("Supervisor"), first=True)
        button.setObjectName("boardButton")
        menu = QMenu(button)
        board_action = menu.addAction(with_key(_t("Supervisor board"), SUPERVISOR_BOARD))
        audit_action = menu.addAction(with_key(_t("Audit log"), AUDIT_LOG))
        board_action.triggered.connect(self.open_board)
        audit_action.triggered.connect(self.open_audit_log)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.clicked.connect(self.open_board)
        window.shortcuts.add(window, SUPERVISOR_BOARD, _t("Supervisor board: waiting calls, open incidents, desks, "
                                                          "units and shift figures, live"),
                             self.open_board, button=button)
        window.shortcuts.add(window, AUDIT_LOG, _t("Audit log: who did what, with filters and CSV export"),
                             self.open_audit_log)
        bridge.feed_changes.connect(self._changes)
        window.closing.connect(self.stop)

    def open_board(self) -> None:
        if self.board_window is None:
            services = self.services
            board = SupervisorBoard(self.worker, services.supervisor, services.presence, services.incidents,
                                    services.callers, self.actor, clock=services.clock)
            if callable(self._open_incident):
                board.incident_activated.connect(self._open_incident)
            window = BoardWindow(board, self.window)
            self.phone_messages = PhoneMessagesPanel(self.worker, services.locations, self.actor, services.clock)
            window.tabs.addTab(self.phone_messages, _t("Phone locations and SMS"))
            # The board's charts need room: as large as the screen allows, up to 1600x900.
            fit_to_screen(window, 1600, 900)
            place_on_screen(window)
            self.board, self.board_window = board, window
        elif self._dirty and self.board is not None:
            self.board.refresh()
        self._dirty = False
        self._add_map()
        self.board_window.show()
        self.board_window.raise_()
        self.board_window.activateWindow()

    def _add_map(self) -> None:
        """The shift's incidents on the map, and incidents per desa or kecamatan for a chosen period."""
        geography = self.map_desk.geography if self.map_desk is not None else None
        if geography is None or self.map_panel is not None or self.board_window is None:
            return
        panel = MapPanel(geography, choropleth=True)
        feed = MapFeed(partial(self.worker.run, panel), self.services.map, panel.view, show_closed=True)
        self.worker.run(panel, self.services.shifts.current_window,
                        lambda shift: feed.show_period(self.actor, shift.start_utc, shift.end_utc))
        feed.refresh()
        panel.choropleth_bar.requested.connect(partial(self._counts, feed, panel))
        if callable(self._open_incident):
            panel.view.incidentActivated.connect(self._open_incident)
        self.worker.run(panel, self.services.agency_admin.categories, partial(self._categories, panel))
        self.board_window.tabs.addTab(panel, _t("Map of the shift"))
        self.map_panel, self.map_feed = panel, feed

    def _categories(self, panel: MapPanel, categories: list[tuple[int, str, str]]) -> None:
        panel.choropleth_bar.set_categories([(category_id, name) for category_id, _code, name in categories])

    def _counts(self, feed: MapFeed, panel: MapPanel, date_from: date, date_to: date, category_id: int | None,
                level: str) -> None:
        feed.request_counts(self.actor, date_from, date_to, category_id, level, panel)

    def _changes(self, changes: list[Change]) -> None:
        """The board fetches only while someone can see it; a hidden board catches up when shown again."""
        if self.board is None or self.board_window is None:
            return
        if self.board_window.isVisible():
            self.board.on_changes(changes)
            if self.map_feed is not None:
                self.map_feed.on_changes(changes)
            if self.phone_messages is not None:
                self.phone_messages.on_changes(changes)
        elif changes:
            self._dirty = True

    def open_audit_log(self) -> None:
        self.window.open_dialog(AuditLogDialog(self.worker, self.services.audit_trail, self.actor, self.window))

    def stop(self) -> None:
        if self.board is not None:
            self.board.stop()
        if self.board_window is not None:
            self.board_window.close()
