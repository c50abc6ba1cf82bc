"""The supervisor's live board: waiting and missed calls, open incidents with SLA colours, desks, units, KPIs.

Data arrives as one ``BoardSnapshot`` fetched on the database worker: after every change-feed batch
(``on_changes``) and every two seconds for the shift KPIs. A one-second tick recolours the timers from the
clock without touching the database. Actions go through the services on the worker too; their refusals and
conflicts are shown in the banner in words a supervisor understands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock, utcnow
from callcenter.reports.strings import Strings
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentService
from callcenter.services.presence import PresenceService
from callcenter.services.supervisor import (
    BoardSnapshot,
    ClosedIncident,
    OperatorChoice,
    SupervisorService,
)
from ui.columns import fit_columns
from ui.errors import error_text
from ui.supervisor.charts import AnswerTimeChart, HourlyChart, type_name
from ui.supervisor.dialogs import ChoiceDialog, TextDialog
from ui.supervisor.models import (
    IncidentsModel,
    MissedCallsModel,
    OperatorsModel,
    RowModel,
    UnitsModel,
    WaitingCallsModel,
)
from ui.words import (
    current_language,
    datetime_text,
    duration_text,
    time_text,
)
from ui.worker import DbWorker

TICK_MS = 1000
REFRESH_EVERY_TICKS = 2


def tr(text: str) -> str:
    return QCoreApplication.translate("SupervisorBoard", text)


class KpiTile(QFrame):
    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#kpiTile { background: #ffffff; border: 1px solid #cfd8dc; border-radius: 6px; }")
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size: 20pt; font-weight: 600; color: #263238;")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #546e7a;")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setToolTip(tooltip)

    def set(self, text: str, colour: str = "#263238") -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {colour};")


def _table(model: RowModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    return box


class SupervisorBoard(QWidget):
    refreshed = Signal(object)
    """Emitted with each snapshot applied (for the main window's status bar and for tests)."""
    action_failed = Signal(str)
    incident_activated = Signal(int)
    """Double-click or Enter on an incident: the main window opens its detail view."""

    def __init__(self, worker: DbWorker, supervisor: SupervisorService, presence: PresenceService,
                 incidents: IncidentService, callers: CallerService, actor: Actor, clock: Clock = utcnow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.supervisor = supervisor
        self.presence = presence
        self.incidents = incidents
        self.callers = callers
        self.actor = actor
        self.clock = clock
        self.snapshot: BoardSnapshot | None = None
        self._busy = False
        self._dirty = False
        self._ticks = 0
        self._chart_keys: tuple[Any, ...] = ()
        self._banner_kind = ""
        self._missed_while_hidden = False
        english = QCoreApplication.translate("IncidentsModel", "Category") == "Category"  # no Indonesian loaded

        self.waiting_model = WaitingCallsModel(clock, self)
        self.missed_model = MissedCallsModel(clock, self)
        self.incidents_model = IncidentsModel(clock, self, english=english)
        self.operators_model = OperatorsModel(clock, self)
        self.units_model = UnitsModel(clock, self)
        self._build()
        self._make_actions()

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    # -- layout ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 4px;")

        self.tiles = {
            "within10": KpiTile(tr("answered ≤ 10 s"), tr("Share of finished calls this shift answered "
                                                          "within 10 seconds")),
            "within15": KpiTile(tr("answered ≤ 15 s")),
            "within20": KpiTile(tr("answered ≤ 20 s")),
            "median": KpiTile(tr("median answer time")),
            "abandoned": KpiTile(tr("abandoned (missed)"), tr("Missed calls as a share of finished calls")),
            "received": KpiTile(tr("calls this shift")),
            "waiting": KpiTile(tr("ringing now")),
            "open": KpiTile(tr("open incidents")),
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(6)
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.shift_label = QLabel()
        self.shift_label.setStyleSheet("color: #37474f; font-weight: 600;")
        self.by_type_label = QLabel()
        self.by_type_label.setStyleSheet("color: #455a64;")
        self.by_type_label.setWordWrap(True)

        self.waiting_view = _table(self.waiting_model, "waitingView")
        self.missed_view = _table(self.missed_model, "missedView")
        self.incidents_view = _table(self.incidents_model, "incidentsView")
        self.operators_view = _table(self.operators_model, "operatorsView")
        self.units_view = _table(self.units_model, "unitsView")
        self._fit_tables()

        self.hourly = HourlyChart()
        self.answer_times = AnswerTimeChart()
        self.hourly_chart = self.hourly.chart
        self.histogram_chart = self.answer_times.chart

        self.incidents_box = _group(tr("Open incidents"), self.incidents_view)
        self.waiting_box = _group(tr("Ringing and stale calls"), self.waiting_view)
        self.missed_box = _group(tr("Missed calls not called back (24 h)"), self.missed_view)
        calls = QSplitter(Qt.Orientation.Horizontal)
        calls.addWidget(self.waiting_box)
        calls.addWidget(self.missed_box)
        calls.setSizes([460, 490])
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.incidents_box)
        left.addWidget(calls)
        left.setSizes([420, 380])

        self.operators_box = _group(tr("Desks and operators"), self.operators_view)
        self.units_box = _group(tr("Units"), self.units_view)
        # Five short rows: the box is as wide as its two columns, the answer-time chart beside it gets the rest.
        self.units_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.units_box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.units_box)
        lower_layout.addWidget(self.answer_times, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.operators_box)
        right.addWidget(self.hourly)
        right.addWidget(lower)
        right.setSizes([300, 260, 240])

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(right)
        main.setSizes([950, 650])

        heading = QHBoxLayout()
        heading.addWidget(self.shift_label)
        heading.addStretch(1)
        heading.addWidget(self.by_type_label, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addLayout(heading)
        layout.addLayout(tiles)
        layout.addWidget(main, 1)

    def _fit_tables(self) -> None:
        """What a supervisor acts on shows whole; names and places give way (each row's tooltip has them), and
        the least needed columns step aside on a 1280-pixel screen."""
        long_time = [duration_text(99 * 3600 + 59 * 60 + 59)]
        incidents = IncidentsModel
        fit_columns(self.incidents_view, whole={
            incidents.NUMBER: ["112/2026/000000"], incidents.PRIORITY: ["P1"],
            incidents.SLA: self.incidents_model.sla_texts(), incidents.AGE: long_time, incidents.STEP: long_time},
            elide=[incidents.STATUS, incidents.PLACE, incidents.CATEGORY], optional=[incidents.ASSIGNED])
        waiting = WaitingCallsModel
        fit_columns(self.waiting_view, whole={waiting.NUMBER: None, waiting.WAIT: long_time},
                    elide=[waiting.NOTE], optional=[waiting.NAME, waiting.LINE])
        missed = MissedCallsModel
        fit_columns(self.missed_view, whole={missed.TIME: ["23:59:59"], missed.NUMBER: None, missed.TRIES: ["99"],
                                             missed.AGE: long_time}, optional=[missed.BLOCKED])
        operators = OperatorsModel
        fit_columns(self.operators_view, whole={
            operators.STATE: None, operators.CALLS: ["99"], operators.INCIDENTS: ["99"], operators.HANDLED: ["999"],
            operators.BEAT: ["23:59:59"]}, elide=[operators.OPERATOR, operators.DESK])
        fit_columns(self.units_view, whole={UnitsModel.STATUS: None, UnitsModel.COUNT: ["999"]})

    def _make_actions(self) -> None:
        def make(text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        self.reassign_action = make(tr("Reassign incident…"), "Ctrl+R", self.reassign_selected)
        self.close_action = make(tr("Review and close incident…"), "Ctrl+Shift+W", self.close_selected)
        self.reopen_action = make(tr("Reopen a closed incident…"), "Ctrl+Shift+O", self.reopen_dialog)
        self.unblock_action = make(tr("Unblock number"), "Ctrl+U", self.unblock_selected)
        self.release_action = make(tr("Release stale call to the queue…"), "Ctrl+L", self.release_selected)
        self.refresh_action = make(tr("Refresh now"), "F5", self.refresh)
        self.incidents_view.activated.connect(self._activate_incident)
        self.incidents_view.customContextMenuRequested.connect(
            lambda pos: self._menu(self.incidents_view, pos, [self.reassign_action, self.close_action, None,
                                                              self.reopen_action]))
        self.waiting_view.customContextMenuRequested.connect(
            lambda pos: self._menu(self.waiting_view, pos, [self.release_action, self.unblock_action]))
        self.missed_view.customContextMenuRequested.connect(
            lambda pos: self._menu(self.missed_view, pos, [self.unblock_action]))

    def _menu(self, view: QTableView, pos: QPoint, actions: list[QAction | None]) -> None:
        menu = QMenu(self)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(pos))

    # -- data ------------------------------------------------------------------------------------------
    def on_changes(self, changes: list[Any]) -> None:
        """Feed changes from any desk (CoreBridge.feed_changes): fetch a fresh snapshot."""
        if not changes:
            return
        if self._hidden_in_window():
            self._missed_while_hidden = True  # fetched when the supervisor comes back to the board
            return
        self.refresh()

    def _hidden_in_window(self) -> bool:
        """On a tab the supervisor is not looking at: the board costs the database nothing."""
        return self.window().isVisible() and not self.isVisible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._missed_while_hidden:
            self._missed_while_hidden = False
            self.refresh()
        if self.focusWidget() is None:
            self.incidents_view.setFocus()  # the list a supervisor reads first

    def refresh(self) -> None:
        if self._busy:
            self._dirty = True  # one more fetch when this one is back; never a queue of them
            return
        self._busy = True
        self.worker.run(self, lambda: self.supervisor.board(self.actor), self._apply, self._failed_refresh)

    def _failed_refresh(self, error: BaseException) -> None:
        self._busy = False
        self.show_message(error_text(error))
        if self._dirty:
            self._dirty = False
            self.refresh()

    def _apply(self, snapshot: BoardSnapshot) -> None:
        self._busy = False
        if self._banner_kind == "refresh":
            self.banner.setVisible(False)
        self.snapshot = snapshot
        for model in (self.waiting_model, self.missed_model, self.incidents_model):
            model.thresholds = snapshot.thresholds
        self.waiting_model.set_rows(snapshot.waiting)
        self.missed_model.set_rows(snapshot.missed)
        self.incidents_model.set_rows(snapshot.incidents)
        self.operators_model.set_rows(snapshot.operators)
        self.units_model.set_rows(sorted(snapshot.units.items(), key=lambda item: list(snapshot.units).index(item[0])))
        self._show_kpis(snapshot)
        self._show_charts(snapshot)
        self.refreshed.emit(snapshot)
        if self._dirty:
            self._dirty = False
            self.refresh()

    def _tick(self) -> None:
        self._ticks += 1
        for model in (self.waiting_model, self.missed_model, self.incidents_model):
            model.tick()
        if self._ticks % REFRESH_EVERY_TICKS == 0 and not self._hidden_in_window():
            self.refresh()

    def _show_kpis(self, snapshot: BoardSnapshot) -> None:
        kpis = snapshot.kpis
        figures = kpis.figures
        # The shift report's figures and words for numbers, so the board and the printed report read alike.
        words = Strings(current_language())

        def pct(value: float | None) -> str:
            return "–" if value is None else words.pct(value)

        def colour(value: float | None, good: float, fair: float) -> str:
            if value is None:
                return "#263238"
            return "#1e6b2a" if value >= good else "#8a5a00" if value >= fair else "#9a1c1c"

        for mark in (10, 15, 20):
            share = figures.within_pct(mark)
            self.tiles[f"within{mark}"].set(pct(share), colour(share, 90.0, 75.0))
        median = figures.median_s
        self.tiles["median"].set("–" if median is None else words.seconds(median))
        abandoned = figures.unanswered_pct
        self.tiles["abandoned"].set(pct(abandoned), "#263238" if abandoned is None or abandoned < 10.0 else "#9a1c1c")
        self.tiles["received"].set(str(kpis.received))
        self.tiles["waiting"].set(str(len([w for w in snapshot.waiting if w.stale_operator is None])),
                                  "#9a1c1c" if any(w.stale_operator for w in snapshot.waiting) else "#263238")
        self.tiles["open"].set(str(kpis.open_incidents))
        self.shift_label.setText(tr("Shift %1 · %2–%3 WIB · updated %4").replace("%1", kpis.shift_name)
                                 .replace("%2", time_text(kpis.start, seconds=False))
                                 .replace("%3", time_text(kpis.end, seconds=False))
                                 .replace("%4", time_text(snapshot.at)))
        parts = [f"{self.type_name(key)} {count}" for key, count in kpis.by_type.items() if count]
        self.by_type_label.setText(tr("By type: %1").replace("%1", " · ".join(parts) or "–"))

    type_name = staticmethod(type_name)

    def _show_charts(self, snapshot: BoardSnapshot) -> None:
        hourly, histogram = snapshot.hourly, snapshot.answer_histogram
        key = (tuple(hourly.hours), tuple((k, tuple(v)) for k, v in hourly.series.items()), tuple(histogram.counts))
        if key == self._chart_keys:
            return  # nothing moved: keep the charts as they are (no flicker every two seconds)
        self._chart_keys = key
        self.hourly.fill(hourly.hours, hourly.series)
        self.answer_times.fill(histogram.counts)

    # -- actions ---------------------------------------------------------------------------------------
    def show_message(self, text: str, *, kind: str = "refresh") -> None:
        self.banner.setText(text)
        self._banner_kind = kind
        self.banner.setVisible(bool(text))

    def _run(self, function: Callable[[], Any], done_text: str) -> None:
        def done(_result: Any) -> None:
            self.show_message(done_text, kind="action")
            self.refresh()

        def failed(error: BaseException) -> None:
            text = error_text(error)
            self.show_message(text, kind="action")
            self.action_failed.emit(text)
            self.refresh()

        self.worker.run(self, function, done, failed)

    def reassign_incident(self, incident_id: int, operator_id: int) -> None:
        self._run(lambda: self.incidents.reassign(self.actor, incident_id, operator_id), tr("Incident reassigned."))

    def close_incident(self, incident_id: int, disposition: str) -> None:
        dispatch = DispatchService(self.incidents.db, self.incidents.clock)

        def close() -> object:
            dispatch.finish_open(self.actor, incident_id, disposition)  # frees its units first
            return self.incidents.close(self.actor, incident_id, disposition)

        self._run(close, tr("Incident closed."))

    def reopen_incident(self, incident_id: int, reason: str) -> None:
        self._run(lambda: self.incidents.reopen(self.actor, incident_id, reason), tr("Incident reopened."))

    def unblock_number(self, number: str) -> None:
        self._run(lambda: self.callers.unblock(self.actor, number), tr("Number unblocked."))

    def release_call(self, call_id: int, reason: str) -> None:
        self._run(lambda: self.presence.release_stale(self.actor, call_id, reason=reason),
                  tr("Call released to the queue; any desk can answer it now."))

    def _selected(self, view: QTableView) -> Any:
        index = view.currentIndex()
        model = view.model()
        if not index.isValid() or not isinstance(model, RowModel):
            return None
        return model.row_at(index.row())

    def _selected_call_view(self) -> QTableView:
        return self.missed_view if self.missed_view.hasFocus() else self.waiting_view

    def reassign_selected(self) -> None:
        row = self._selected(self.incidents_view)
        if row is None:
            self.show_message(tr("Select an incident first."), kind="action")
            return

        def choose(operators: list[OperatorChoice]) -> None:
            dialog = ChoiceDialog(tr("Reassign incident %1").replace("%1", row.number), tr("Operator"),
                                  [(f"{o.full_name} ({o.username})", o.id) for o in operators], self)
            current = next((i for i, o in enumerate(operators) if o.id == row.assigned_to_id), 0)
            dialog.combo.setCurrentIndex(current)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.reassign_incident(row.id, dialog.combo.currentData())

        self.worker.run(self, lambda: self.supervisor.operators(self.actor), choose,
                           lambda e: self.show_message(error_text(e), kind="action"))

    def close_selected(self) -> None:
        row = self._selected(self.incidents_view)
        if row is None:
            self.show_message(tr("Select an incident first."), kind="action")
            return
        dialog = TextDialog(tr("Close incident %1").replace("%1", row.number),
                            tr("How did it end? (disposition, required)"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.close_incident(row.id, dialog.text())

    def reopen_dialog(self) -> None:
        def choose(closed: list[ClosedIncident]) -> None:
            if not closed:
                self.show_message(tr("No incident was closed in the last 7 days."), kind="action")
                return
            dialog = ChoiceDialog(tr("Reopen a closed incident"), tr("Incident"),
                                  [(f"{c.number} · {c.category} · {datetime_text(c.closed_at, seconds=False)}",
                                    c.id) for c in closed], self, reason_label=tr("Reason (required)"))
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.reopen_incident(dialog.combo.currentData(), dialog.reason.toPlainText())

        self.worker.run(self, lambda: self.supervisor.recently_closed(self.actor), choose,
                           lambda e: self.show_message(error_text(e), kind="action"))

    def unblock_selected(self) -> None:
        row = self._selected(self._selected_call_view())
        if row is None or not getattr(row, "blocked", False) or not getattr(row, "e164", None):
            self.show_message(tr("Select a blocked number first."), kind="action")
            return
        self.unblock_number(row.e164)

    def release_selected(self) -> None:
        row = self._selected(self.waiting_view)
        if row is None or row.stale_operator is None:
            self.show_message(tr("Select a stale call (red, 'held by … offline') first."), kind="action")
            return
        dialog = TextDialog(tr("Release call from %1").replace("%1", row.number or "-"),
                            tr("Why? (recorded in the audit log)"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.release_call(row.id, dialog.text())

    def _activate_incident(self, index: QModelIndex) -> None:
        if index.isValid():
            self.incident_activated.emit(self.incidents_model.row_at(index.row()).id)

    # -- lifetime --------------------------------------------------------------------------------------
    def stop(self) -> None:
        self.timer.stop()
