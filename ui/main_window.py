"""The operator's main window: line strip, ringing banner, the call in hand and the incident form.

All database work goes through the one worker; this window only decides what to ask for and shows the answers.
Keys (see ui.shortcuts): F2 answer, F5-F10 classify, Ctrl+S save, Ctrl+G link, Ctrl+N new report, F1 help.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock, to_wib, utcnow
from callcenter.db.enums import CallState, CallType, Role
from callcenter.errors import (
    AlreadyClaimed,
    ConflictError,
    DatabaseUnavailable,
    NotFound,
    PermissionDenied,
    UserFixableError,
    ValidationError,
)
from callcenter.reports.export import ExportService
from callcenter.services.auth import AuthService
from callcenter.services.base import Actor
from callcenter.services.callers import CallerHistory, CallerService
from callcenter.services.calls import CallInfo, CallService
from callcenter.services.dispatch import DispatchService
from callcenter.services.feed import Change
from callcenter.services.incidents import IncidentDraft, IncidentService, IncidentView
from callcenter.services.presence import PresenceService
from callcenter.services.queues import QueueService
from callcenter.services.reference import LineOption, ReferenceData, ReferenceService
from callcenter.services.report_data import ReportService
from callcenter.services.settings import SettingsService
from callcenter.services.shifts import ShiftService
from callcenter.services.source_config import SourceConfigService
from callcenter.services.supervisor import SupervisorService
from ui.app import icon
from ui.bridge import CoreBridge
from ui.call_form import CallForm, call_type_names
from ui.drafts import DraftStore
from ui.incident_form import IncidentForm
from ui.line_strip import LineStrip
from ui.ring_banner import MAX_CARDS, RingBanner, RingingCall, RingSound, number_text
from ui.shortcuts import (
    ANSWER,
    AUDIT_LOG,
    CALL_TYPE_KEYS,
    CALLER_HISTORY,
    CANCEL,
    FOCUS_DELIVERIES,
    FOCUS_MISSED,
    FOCUS_QUEUE,
    FOCUS_UNITS,
    FORWARD,
    HELP,
    LINK,
    LOCK,
    LOGOUT,
    NEW_REPORT,
    REPORTS,
    SAVE,
    SETTINGS,
    SUPERVISOR_BOARD,
    ShortcutMap,
    ShortcutOverlay,
    with_key,
)
from ui.worker import DbWorker

log = logging.getLogger(__name__)

HISTORY_LIMIT = 5
DRAFT_DEBOUNCE_MS = 800
DRAFT_EVERY_MS = 5000
WIDE_SCREEN = 1600
STATUS_MS = 8000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def describe_error(exc: BaseException) -> str:
    """An error in words an operator understands."""
    if isinstance(exc, AlreadyClaimed):
        return _t("{operator} already answered this call.").format(operator=exc.claimed_by or _t("another desk"))
    if isinstance(exc, DatabaseUnavailable):
        return _t("The database cannot be reached ({detail}). Nothing you typed is lost; try again in a moment."
                  ).format(detail=str(exc)[:200])
    if isinstance(exc, PermissionDenied):
        return _t("Your role may not do this ({action}).").format(action=exc.action)
    if isinstance(exc, ConflictError):
        return _t("Someone else changed this first: {detail}").format(detail=str(exc)[:200])
    if isinstance(exc, NotFound):
        return _t("It no longer exists ({detail}).").format(detail=str(exc)[:200])
    if isinstance(exc, UserFixableError):
        return str(exc)[:300]
    return _t("Unexpected error: {detail}").format(detail=f"{type(exc).__name__}: {str(exc)[:200]}")


@dataclass(frozen=True, slots=True)
class _Views:
    queues: QueueService
    shifts: ShiftService
    sources: SourceConfigService
    settings: SettingsService


@dataclass(frozen=True, slots=True)
class _RingSnapshot:
    calls: list[CallInfo]
    histories: dict[str, CallerHistory]
    lines: list[LineOption] | None


class _BoardWindow(QWidget):
    """The supervisor board's own window (a second screen suits it); its clock runs only while it is shown."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("supervisorWindow")
        self.board: QWidget | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.board is not None:
            self.board.timer.start()  # type: ignore[attr-defined]

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.board is not None:
            self.board.timer.stop()  # type: ignore[attr-defined]


class MainWindow(QMainWindow):
    """The console. ``language_change_requested`` and ``logout_requested`` are handled by the composition root."""

    language_change_requested = Signal(str)
    logout_requested = Signal()
    """Emitted once the operator may leave (the handover, when there is one, is saved)."""
    sources_changed = Signal()
    caller_history_requested = Signal(str)

    def __init__(self, worker: DbWorker, bridge: CoreBridge, calls: CallService, callers: CallerService,
                 incidents: IncidentService, references: ReferenceService, reference: ReferenceData,
                 actor: Actor, *, language: str = "id", clock: Clock = utcnow, sound: RingSound | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.bridge = bridge
        self.calls = calls
        self.callers = callers
        self.incidents = incidents
        self.references = references
        self.actor = actor
        self.language = language
        self.clock = clock
        self.sound = sound or RingSound(enabled=False)
        self.current: CallInfo | None = None
        self.current_history: CallerHistory | None = None
        self._mode = "idle"  # idle | call | incident | report (changed through _set_mode)
        self._ringing: list[RingingCall] = []
        self._histories: dict[str, CallerHistory] = {}
        self._lines: dict[int, LineOption] = {}
        self._refresh_in_flight = False
        self._refresh_again = False
        self._busy = False
        self.side_tabs: QTabWidget | None = None
        self.views: _Views | None = None
        self.dispatch: DispatchService | None = None
        self.outbox_wake: Callable[[], None] | None = None
        self.last_incident_id: int | None = None
        self.queue_panel: QWidget | None = None
        self.missed_panel: QWidget | None = None
        self.confirm_close = True
        # Outage state from its three witnesses: intake (spooling), the change feed, this desk's own jobs.
        self._down: dict[str, str] = {}
        self._down_since: datetime | None = None
        self.spool_alarm: str | None = None
        self.intake: object | None = None
        self._intake_timer: QTimer | None = None
        # Idle lock and drafts (attach_lock / attach_drafts)
        self.locked = False
        self.lock_screen: QWidget | None = None
        self.idle_watcher: QObject | None = None
        self.auth: object | None = None
        self._hidden_for_lock: list[QWidget] = []
        self.drafts: object | None = None
        self.restore_offer: QMessageBox | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._draft_periodic = QTimer(self)
        self._draft_periodic.setInterval(DRAFT_EVERY_MS)
        self._draft_periodic.timeout.connect(self.save_draft)
        self._last_draft: dict[str, object] | None = None
        self.supervisor: SupervisorService | None = None
        self.presence: PresenceService | None = None
        self.board: QWidget | None = None  # ui.supervisor.SupervisorBoard, built when first opened
        self.board_window: QWidget | None = None
        self._board_dirty = False
        self._user_split = False
        self._alive = True
        """Ask before closing with a call in hand (off for tests and screenshots)."""

        self.setWindowTitle(_t("Konsol 112 - Call Center 112 Purwakarta"))
        self.setWindowIcon(icon("app"))
        self.resize(1366, 740)
        self.setMinimumSize(1000, 640)

        central = QWidget()
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header())
        self.line_strip = LineStrip()
        layout.addWidget(self.line_strip)
        # Loud and above the calls: the database is away (calls go to the spool) or even the spool fails.
        self.outage_banner = QLabel()
        self.outage_banner.setObjectName("outageBanner")
        self.outage_banner.setWordWrap(True)
        self.outage_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.outage_banner.hide()
        layout.addWidget(self.outage_banner)
        self.banner = RingBanner(clock)
        layout.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        layout.addWidget(self.splitter, 1)
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(10, 10, 10, 10)
        work_layout.setSpacing(8)
        self.stack = QStackedWidget()
        self.idle_page = self._build_idle_page()
        self.stack.addWidget(self.idle_page)
        call_page = QWidget()
        call_layout = QVBoxLayout(call_page)
        call_layout.setContentsMargins(0, 0, 0, 0)
        call_layout.setSpacing(8)
        self.call_form = CallForm()
        call_layout.addWidget(self.call_form)
        self.incident_form = IncidentForm(reference, language)
        call_layout.addWidget(self.incident_form, 1)
        self.incident_form.hide()
        self._call_stretch = QWidget()
        call_layout.addWidget(self._call_stretch, 1)
        # At 1366x768 a long form with its messages may not fit: scroll rather than squeeze the fields.
        call_scroll = QScrollArea()
        call_scroll.setWidgetResizable(True)
        call_scroll.setFrameShape(QFrame.Shape.NoFrame)
        call_scroll.setWidget(call_page)
        self.stack.addWidget(call_scroll)
        work_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(work)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusNote")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_label, 1)
        self.database_label = QLabel()
        self.database_label.setObjectName("ringWarn")
        self.statusBar().addPermanentWidget(self.database_label)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.status_label.clear)

        self.shortcuts = ShortcutMap()
        self._register_shortcuts()
        self.overlay = ShortcutOverlay(self.shortcuts, central)

        self.banner.answer_requested.connect(self.answer_oldest)
        self.call_form.classify_requested.connect(self.classify)
        self.call_form.history_requested.connect(self.open_caller_history)
        self.incident_form.save_requested.connect(self._save_incident)
        self.incident_form.link_requested.connect(self._link_incident)
        self.incident_form.suggestions_wanted.connect(self._load_suggestions)
        self.incident_form.cancel_requested.connect(self.cancel)
        # Bound methods, not lambdas: Qt drops these connections when a rebuilt window replaces this one.
        bridge.calls_committed.connect(self._calls_committed)
        bridge.line_state.connect(self.line_strip.on_line_state)
        bridge.feed_changes.connect(self.on_feed_changes)
        bridge.database_state.connect(self._database_state)
        worker.error.connect(self._worker_error)
        worker.database_state.connect(self._desk_database_state)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick_clock)
        self._clock_timer.start()
        self._tick_clock()
        self.refresh_ringing()

    # -- building ------------------------------------------------------------------------------------------
    def _build_header(self) -> QFrame:
        header = QFrame()
        self.header = header
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(14, 6, 14, 6)
        title = QLabel(_t("Konsol 112"))
        title.setObjectName("appTitle")
        layout.addWidget(title)
        subtitle = QLabel(_t("Call Center 112 Kabupaten Purwakarta"))
        subtitle.setObjectName("headerInfo")
        layout.addWidget(subtitle)
        self.subtitle = subtitle  # hidden on narrow screens, where the buttons need the room
        layout.addStretch(1)
        self.operator_label = QLabel(_t("{name} ({role})").format(name=self.actor.full_name or self.actor.username,
                                                                 role=self.role_name()))
        self.operator_label.setObjectName("headerInfo")
        layout.addWidget(self.operator_label)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("appTitle")
        layout.addWidget(self.clock_label)
        self.header_buttons = QHBoxLayout()
        layout.addLayout(self.header_buttons)
        self.language_button = self._header_button("", "English" if self.language == "id" else "Bahasa Indonesia")
        self.language_button.setToolTip(_t("Switch the console's language"))
        self.language_button.clicked.connect(
            lambda: self.language_change_requested.emit("en" if self.language == "id" else "id"))
        self.new_report_button = self._header_button("new-report", _t("New report"))
        self.help_button = self._header_button("help", _t("Shortcuts"))
        self.logout_button = self._header_button("logout", _t("Log out"))
        return header

    def _header_button(self, icon_name: str, text: str) -> QToolButton:
        button = QToolButton()
        if icon_name:
            button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header_buttons.addWidget(button)
        return button

    def _build_idle_page(self) -> QWidget:
        page = QFrame()
        page.setObjectName("card")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        title = QLabel(_t("Ready for calls"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        hint = QLabel(_t("When a call rings it appears at the top. Press F2 to answer the oldest call, then one "
                         "key classifies it: F5 Normal (opens an incident), F6 Information, F7 Prank, F8 Ghost, "
                         "F9 Wrong number, F10 Test.\n\nA report that came by WhatsApp, SP4N LAPOR, Ogan Lopian "
                         "or in person: Ctrl+N.\nAll keys: F1."))
        hint.setObjectName("idleHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    def _register_shortcuts(self) -> None:
        add = self.shortcuts.add
        add(self, ANSWER, _t("Answer the oldest ringing call"), self.answer_oldest)
        self.shortcuts.note("Space / Enter", _t("Answer, while the ringing banner has focus"))
        names = call_type_names()
        for call_type, name in names.items():
            add(self, CALL_TYPE_KEYS[call_type.value], _t("Classify the call: {type}").format(type=name),
                partial(self.classify, call_type.value))
        add(self, SAVE, _t("Save the incident"), self.incident_form.save)
        add(self, LINK, _t("Link the call to the selected open incident"), self.incident_form.link_selected)
        add(self, NEW_REPORT, _t("New report that did not come by telephone"), self.new_report,
            button=self.new_report_button)
        add(self, CALLER_HISTORY, _t("Caller history of the call in hand"), self._history_of_current)
        add(self, CANCEL, _t("Back: leave the incident form or the report"), self.cancel)
        add(self, HELP, _t("Show or hide this list of keys"), self.toggle_help, button=self.help_button)
        add(self, LOGOUT, _t("Log out (with the shift handover)"), self.request_logout, button=self.logout_button)
        self.new_report_button.clicked.connect(self.new_report)
        self.help_button.clicked.connect(self.toggle_help)
        self.logout_button.clicked.connect(self.request_logout)

    def add_side_panel(self, widget: QWidget, title: str, key: str | None = None,
                       description: str | None = None) -> None:
        """Panels from other parts of the console (queues, missed calls) go in tabs on the right."""
        if self.side_tabs is None:
            self.side_tabs = QTabWidget()
            self.side_tabs.setMinimumWidth(360)  # the splitter honours this rather than the tables' wide hint
            self.splitter.addWidget(self.side_tabs)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        index = self.side_tabs.addTab(widget, title)
        if key is not None:
            tabs = self.side_tabs

            def show() -> None:
                tabs.setCurrentIndex(index)
                widget.setFocus()

            self.shortcuts.add(self, key, description or title, show)
            self.side_tabs.setTabToolTip(index, with_key(description or title, key))

    # -- small helpers -------------------------------------------------------------------------------------
    def role_name(self) -> str:
        return {"operator": _t("operator"), "supervisor": _t("supervisor"), "admin": _t("admin")}.get(
            str(self.actor.role), str(self.actor.role))

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setObjectName("ringWarn" if error else "statusNote")
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(text)
        self._status_timer.start(STATUS_MS * (2 if error else 1))

    def _tick_clock(self) -> None:
        self.clock_label.setText(to_wib(self.clock()).strftime("%H:%M:%S") + " WIB")

    def _database_state(self, reachable: bool, reason: str) -> None:
        self.set_outage("feed", None if reachable else reason)

    def _desk_database_state(self, reachable: bool, reason: str) -> None:
        self.set_outage("desk", None if reachable else reason)

    def set_outage(self, witness: str, reason: str | None) -> None:
        """One witness (intake, feed, desk) says the database is away (reason) or back (None)."""
        if reason is None:
            self._down.pop(witness, None)
        else:
            self._down[witness] = reason
        if self._down and self._down_since is None:
            self._down_since = self.clock()
        elif not self._down:
            self._down_since = None
        self._show_outage()

    @property
    def database_down(self) -> bool:
        return bool(self._down)

    def _show_outage(self) -> None:
        if self.spool_alarm is not None and (self._down or self._held_count()):
            text = _t("ALARM: calls cannot be written anywhere - the database is away and the local spool "
                      "failed ({error}). {held} call(s) are held in this console's memory only: do NOT close "
                      "the console, and call the technician now.").format(error=self.spool_alarm[:160],
                                                                          held=self._held_count())
            kind = "alarm"
        elif self.spool_alarm is not None and not self._down:
            text = _t("WARNING: the local spool cannot be written ({error}). Calls are safe while the database "
                      "is up, but during an outage they would be kept only in memory. Call the technician."
                      ).format(error=self.spool_alarm[:160])
            kind = "spool"
        elif self._down:
            since = to_wib(self._down_since or self.clock()).strftime("%H:%M:%S")
            reason = next(iter(self._down.values()))
            text = _t("DATABASE UNREACHABLE since {time} WIB. Incoming calls are kept in the local spool and appear "
                      "when it is back; the queues show the last known state. It reconnects by itself. ({reason})"
                      ).format(time=since, reason=reason[:160])
            kind = "down"
        else:
            self.outage_banner.hide()
            self.database_label.setText("")
            return
        self.outage_banner.setProperty("kind", kind)
        self.outage_banner.setStyleSheet(
            "QLabel#outageBanner { color: white; font-weight: 700; font-size: 12pt; padding: 8px 14px; "
            + ("background: #b71c1c; }" if kind == "alarm" else "background: #e65100; }"))
        self.database_label.setText({"down": _t("DATABASE UNREACHABLE"), "alarm": _t("SPOOL FAILED"),
                                     "spool": _t("SPOOL NOT WRITABLE")}[kind])
        self.outage_banner.setText(text)
        self.outage_banner.show()

    def _held_count(self) -> int:
        held = getattr(self.intake, "held", 0)
        return held if isinstance(held, int) else 0

    def watch_intake(self, intake: object, intake_worker: object | None = None, interval_ms: int = 1000) -> None:
        """Intake runs on its own thread and cannot talk to Qt: read its state on a timer here."""
        self.intake = intake
        self._intake_worker = intake_worker
        self._intake_timer = QTimer(self)
        self._intake_timer.setInterval(interval_ms)
        self._intake_timer.timeout.connect(self._check_intake)
        self._intake_timer.start()
        self._check_intake()

    def _check_intake(self) -> None:
        intake = self.intake
        down_since = getattr(intake, "database_down_since", None)
        last_error = getattr(self._intake_worker, "last_error", None) if self._intake_worker is not None else None
        spool_error = getattr(intake, "spool_error", None)
        alarm = str(spool_error) if spool_error else None
        held = self._held_count()
        changed = alarm != self.spool_alarm or held != getattr(self, "_last_held", 0)
        self._last_held = held
        self.spool_alarm = alarm
        if changed and alarm is not None:
            log.critical("console alarm: spool failed (%s)", alarm)
        if down_since is not None or last_error is not None:
            if "intake" not in self._down or changed:
                self.set_outage("intake", str(last_error or _t("the line service cannot write calls")))
        elif "intake" in self._down or changed:
            self.set_outage("intake", None)

    def _submit(self, job: Callable[[], object], on_done: Callable[[object], None],
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Submit to the worker; answers that arrive after the window closed are dropped."""
        def done(result: object) -> None:
            if self._alive:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not self._alive:
                return
            if on_error is not None:
                on_error(exc)
            else:
                self._busy = False
                self.show_status(describe_error(exc), error=True)

        self.worker.run(self, job, done, failed)

    def _calls_committed(self, _notices: list[object]) -> None:
        self.refresh_ringing()

    def _worker_error(self, exc: BaseException) -> None:
        if not self._alive:
            return
        if isinstance(exc, DatabaseUnavailable):
            return  # the outage banner says it once (worker.database_state), not a message per failed job
        self.show_status(describe_error(exc), error=True)

    # -- ringing -------------------------------------------------------------------------------------------
    def refresh_ringing(self) -> None:
        """Ask for the ringing calls (and the histories the banner lacks); coalesced while one is running."""
        if self._refresh_in_flight:
            self._refresh_again = True
            return
        self._refresh_in_flight = True
        known_histories = frozenset(self._histories)
        known_lines = frozenset(self._lines)
        calls, callers, references = self.calls, self.callers, self.references

        def job() -> _RingSnapshot:
            ringing = calls.ringing(limit=50)
            histories = {}
            for call in ringing[:MAX_CARDS]:
                if call.e164 and call.e164 not in known_histories and call.e164 not in histories:
                    histories[call.e164] = callers.history(call.e164, limit=HISTORY_LIMIT)
            lines = None
            if any(call.line_id is not None and call.line_id not in known_lines for call in ringing):
                lines = references.lines()
            return _RingSnapshot(ringing, histories, lines)

        self._submit(job, self._ringing_loaded, self._ringing_failed)  # type: ignore[arg-type]

    def _ringing_loaded(self, snapshot: _RingSnapshot) -> None:
        self._refresh_in_flight = False
        self._histories.update(snapshot.histories)
        if snapshot.lines is not None:
            self._lines = {line.id: line for line in snapshot.lines}
        ringing = []
        counts: dict[str, int] = {}
        for call in snapshot.calls:
            line = self._lines.get(call.line_id) if call.line_id is not None else None
            ringing.append(RingingCall(call, self._histories.get(call.e164) if call.e164 else None,
                                       line.code if line else None, line.source_key if line else None))
            if line is not None:
                counts[line.source_key] = counts.get(line.source_key, 0) + 1
        vanished = {r.call.id for r in self._ringing} - {r.call.id for r in ringing}
        self._ringing = ringing
        self.banner.set_calls(ringing)
        if vanished:
            self._explain_vanished(sorted(vanished))
        self.line_strip.set_ringing(counts)
        self.sound.set_ringing(bool(ringing), busy=self._mode != "idle")
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_ringing()

    def _ringing_failed(self, exc: BaseException) -> None:
        self._refresh_in_flight = False
        if not isinstance(exc, DatabaseUnavailable):  # an outage is in the banner already
            self.show_status(describe_error(exc), error=True)
        else:
            self._refresh_again = True  # try again until it is back: the banner must refill by itself
        if self._refresh_again:
            self._refresh_again = False
            QTimer.singleShot(1000, self.refresh_ringing)

    def on_feed_changes(self, changes: list[Change]) -> None:
        """What other desks (and the line service) did: refresh the banner when calls or callers changed."""
        touched = False
        for change in changes:
            if change.entity == "call":
                touched = True
                if change.action == "end" and self.current is not None and change.entity_id == str(self.current.id):
                    self.call_form.hung_up.show()  # the line says the caller is gone
            elif change.entity == "caller":
                self._histories.pop(change.entity_id, None)
                touched = True
            elif change.entity == "database":
                self._histories.clear()
                touched = True
        if touched:
            self.refresh_ringing()

    def _explain_vanished(self, call_ids: list[int]) -> None:
        """Calls that left the banner: when another desk answered one, say who."""
        calls = self.calls

        def who() -> list[CallInfo]:
            return [calls.get(call_id) for call_id in call_ids]

        self._submit(who, self._announce_taken, lambda exc: log.warning("who took the call: %s", exc))

    def _announce_taken(self, infos: object) -> None:
        assert isinstance(infos, list)
        for info in infos:
            if info.claimed_by_id is not None and info.claimed_by_id != self.actor.id:
                self.banner.show_taken(number_text(info), info.claimed_by or _t("another desk"))
            elif info.state is CallState.MISSED:
                self.banner.show_note(_t("{number} hung up before anyone answered: see missed calls (Ctrl+2).")
                                      .format(number=number_text(info)))

    # -- answering -----------------------------------------------------------------------------------------
    def answer_oldest(self) -> None:
        if self._busy or self.locked:
            return
        if self._mode in ("call", "incident"):
            self.show_status(_t("Finish the call in hand first (F5-F10), then answer the next one."), error=True)
            return
        if self._mode == "report":
            self.show_status(_t("Save or cancel (Esc) the report first, then answer."), error=True)
            return
        self._busy = True
        calls, callers, actor = self.calls, self.callers, self.actor
        cached = dict(self._histories)

        def job() -> tuple[CallInfo | None, CallerHistory | None]:
            info = calls.claim_oldest(actor)
            if info is None or not info.e164:
                return info, None
            return info, cached.get(info.e164) or callers.history(info.e164, limit=HISTORY_LIMIT)

        self._submit(job, self._answered)

    def _answered(self, result: object) -> None:
        self._busy = False
        assert isinstance(result, tuple)
        info, history = result
        if info is None:
            self.show_status(_t("No call is ringing."))
            self.refresh_ringing()
            return
        self.current = info
        self.current_history = history
        self._set_mode("call")
        self.call_form.show_call(info, history)
        self.incident_form.hide()
        self._call_stretch.show()
        self.stack.setCurrentIndex(1)
        self.call_form.focus_buttons()
        self.show_status(_t("You answered {number}. Choose the call type (F5-F10).").format(number=number_text(info)))
        self.refresh_ringing()

    # -- classifying ---------------------------------------------------------------------------------------
    def classify(self, call_type_value: str) -> None:
        if self._busy or self.current is None or self._mode not in ("call", "incident"):
            return
        call_type = CallType(call_type_value)
        if call_type is CallType.NORMAL:
            self._open_incident_form()
            return
        self._busy = True
        call = self.current
        calls, actor = self.calls, self.actor
        self.call_form.set_buttons_enabled(False)

        def job() -> CallInfo:
            return calls.classify(actor, call.id, call_type)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.call_form.set_buttons_enabled(True)
            self.show_status(describe_error(exc), error=True)

        self._submit(job, lambda info: self._classified(info, call_type), failed)

    def _classified(self, info: object, call_type: CallType) -> None:
        assert isinstance(info, CallInfo)
        self._busy = False
        if info.e164:
            self._histories.pop(info.e164, None)
        self.show_status(_t("Call from {number} closed as {type}.").format(
            number=number_text(info), type=call_type_names()[call_type]))
        self._back_to_idle()

    def _open_incident_form(self) -> None:
        assert self.current is not None
        self._set_mode("incident")
        self._call_stretch.hide()
        self.incident_form.show()
        self.incident_form.start_for_call(self.current.id, self.current.display_number if self.current.e164
                                          else None, self.current.cid_name if self.current.e164 else None)
        self.sound.set_ringing(bool(self._ringing), busy=True)

    # -- reports without a call ---------------------------------------------------------------------------
    def new_report(self) -> None:
        if self._mode in ("call", "incident"):
            self.show_status(_t("Finish the call in hand first."), error=True)
            return
        self._set_mode("report")
        self.current = None
        self.stack.setCurrentIndex(1)
        self.call_form.hide()
        self._call_stretch.hide()
        self.incident_form.show()
        self.incident_form.start_without_call()

    def cancel(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
            return
        if self._busy:
            return
        if self._mode == "incident":
            # Back to the call-type buttons: the call is still in hand and may still be a prank.
            self._set_mode("call")
            self.incident_form.hide()
            self._call_stretch.show()
            self.call_form.focus_buttons()
        elif self._mode == "report":
            self._back_to_idle()

    # -- saving ----------------------------------------------------------------------------------------------
    def _save_incident(self, draft: object) -> None:
        assert isinstance(draft, IncidentDraft)
        if self._busy or self._mode not in ("incident", "report"):
            self.incident_form.set_busy(False)
            return
        self._busy = True
        incidents, calls, actor = self.incidents, self.calls, self.actor

        def job() -> IncidentView:
            view = incidents.create(actor, draft)
            if draft.call_id is not None:
                calls.end(actor, draft.call_id)
            return view

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.incident_form.set_busy(False)
            if isinstance(exc, ValidationError):
                self.incident_form.show_problems(exc.problems)
            else:
                self.incident_form.status.setText(describe_error(exc))

        self._submit(job, self._incident_saved, failed)

    def _incident_saved(self, view: object) -> None:
        assert isinstance(view, IncidentView)
        self._busy = False
        self.last_incident_id = view.id
        self.show_status(_t("Incident {number} saved.").format(number=view.number)
                         + (" " + _t("F4: forward it to the agencies.") if self.dispatch is not None else ""))
        self._back_to_idle()

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
            self.incident_form.status.setText(describe_error(exc))

        self._submit(job, self._linked, failed)

    def _linked(self, view: object) -> None:
        assert isinstance(view, IncidentView)
        self._busy = False
        self.last_incident_id = view.id
        self.show_status(_t("Call linked to incident {number}.").format(number=view.number))
        self._back_to_idle()

    def _load_suggestions(self, desa_code: object, category_id: object) -> None:
        if self._mode != "incident":
            return
        incidents = self.incidents

        def job() -> list[IncidentView]:
            return incidents.link_suggestions(desa_code=desa_code if isinstance(desa_code, str) else None,
                                              category_id=category_id if isinstance(category_id, int) else None)

        self._submit(job, lambda views: self.incident_form.set_suggestions(views)  # type: ignore[arg-type]
                     if self._mode == "incident" else None)

    def _back_to_idle(self) -> None:
        self.discard_draft()  # saved, linked, classified or cancelled: nothing left to recover
        self._set_mode("idle")
        self.current = None
        self.current_history = None
        self.incident_form.hide()
        self.call_form.show()
        self.stack.setCurrentIndex(0)
        self.sound.set_ringing(bool(self._ringing), busy=False)
        self.banner.setFocus()  # Space/Enter (or F2) answers the next call at once
        self.refresh_ringing()

    # -- other parts -----------------------------------------------------------------------------------------
    def attach_views(self, queues: QueueService, shifts: ShiftService, sources: SourceConfigService,
                     settings: SettingsService) -> None:
        """The queues, missed calls and the dialogs behind them (incident, caller history, handover, settings)."""
        from ui.views.missed import MissedCallsPanel
        from ui.views.queue import QueuePanel

        self.views = _Views(queues, shifts, sources, settings)
        queue_panel = QueuePanel(self.worker, self.incidents, queues, self.actor)
        missed_panel = MissedCallsPanel(self.worker, self.calls, queues, self.actor)
        self.queue_panel, self.missed_panel = queue_panel, missed_panel
        self.add_side_panel(queue_panel, _t("Open incidents"), FOCUS_QUEUE, _t("Show the open incidents"))
        self.add_side_panel(missed_panel, _t("Missed calls"), FOCUS_MISSED, _t("Show the missed calls to call back"))
        self.bridge.feed_changes.connect(queue_panel.on_changes)
        self.bridge.feed_changes.connect(missed_panel.on_changes)
        queue_panel.incident_activated.connect(self.open_incident)
        # Keys the panels handle themselves, listed so F1 shows every key in the window.
        self.shortcuts.note("Ctrl+F", _t("Search the open incidents"))
        self.shortcuts.note("Enter", _t("Open the selected incident (in the queue)"))
        self.shortcuts.note("Ctrl+K", _t("Record the callback of the selected missed call"))
        self.settings_button = self._header_button("settings", _t("Settings"))
        self.header_buttons.insertWidget(0, self.settings_button)
        self.shortcuts.add(self, SETTINGS, _t("Settings: language, caller-ID sources"), self.open_settings,
                           button=self.settings_button)
        self.settings_button.clicked.connect(self.open_settings)

    def attach_dispatch(self, dispatch: DispatchService, reports: ReportService | None = None,
                        exports: ExportService | None = None, outbox_wake: Callable[[], None] | None = None) -> None:
        """Forwarding to agencies (F4), the unit board and deliveries, and (supervisors, admins) the reports.
        ``outbox_wake`` (the outbox worker's ``wake``) sends a new forward's e-mail and webhook at once."""
        from ui.dispatch.deliveries import DeliveriesPanel
        from ui.dispatch.unit_board import UnitBoardPanel

        self.dispatch = dispatch
        self.outbox_wake = outbox_wake
        units = UnitBoardPanel(self.worker, dispatch, self.actor, clock=self.clock)
        units.incident_activated.connect(self.open_incident)
        deliveries = DeliveriesPanel(self.worker, dispatch, self.actor)
        self.units_panel, self.deliveries_panel = units, deliveries
        self.add_side_panel(units, _t("Units"), FOCUS_UNITS, _t("Show the units and their status"))
        self.add_side_panel(deliveries, _t("Deliveries"), FOCUS_DELIVERIES, _t("Show the messages sent to agencies"))
        self.bridge.feed_changes.connect(self._dispatch_changes)
        self.shortcuts.add(self, FORWARD, _t("Forward the last saved incident to agencies (teruskan)"),
                           self.forward_last)
        if reports is not None and exports is not None and self.actor.at_least(Role.SUPERVISOR):
            reports_service, exports_service = reports, exports
            button = self._header_button("new-report", _t("Reports"))
            self.header_buttons.insertWidget(0, button)

            def open_reports() -> None:
                from ui.reports_dialog import ReportsDialog

                self._dialog(ReportsDialog(self.worker, reports_service, exports_service, self.actor,
                                           self.language, self))

            self.shortcuts.add(self, REPORTS, _t("Shift and period reports"), open_reports, button=button)
            button.clicked.connect(open_reports)

    def attach_supervisor(self, supervisor: SupervisorService, presence: PresenceService) -> None:
        """Supervisors and admins: the live board (F12, a window of its own for a second screen) and the audit
        log (Ctrl+Shift+A). Operators never see either (and the services refuse them anyway)."""
        if not self.actor.at_least(Role.SUPERVISOR):
            return
        self.supervisor, self.presence = supervisor, presence
        # One header button with a menu: the header must still fit a 1366-pixel screen.
        board_button = self._header_button("alert", _t("Supervisor"))
        board_button.setObjectName("boardButton")
        self.header_buttons.insertWidget(0, board_button)
        menu = QMenu(board_button)
        board_action = menu.addAction(with_key(_t("Supervisor board"), SUPERVISOR_BOARD))
        audit_action = menu.addAction(with_key(_t("Audit log"), AUDIT_LOG))
        board_action.triggered.connect(self.open_board)
        audit_action.triggered.connect(self.open_audit_log)
        board_button.setMenu(menu)
        board_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        board_button.clicked.connect(self.open_board)
        self.shortcuts.add(self, SUPERVISOR_BOARD, _t("Supervisor board: waiting calls, open incidents, desks, "
                                                      "units and shift figures, live"),
                           self.open_board, button=board_button)
        self.shortcuts.add(self, AUDIT_LOG, _t("Audit log: who did what, with filters and CSV export"),
                           self.open_audit_log)
        self.bridge.feed_changes.connect(self._board_changes)

    def open_board(self) -> None:
        if self.supervisor is None or self.presence is None:
            return
        from ui.supervisor import SupervisorBoard

        if self.board_window is None:
            window = _BoardWindow(self)
            window.setWindowTitle(_t("Supervisor board - Konsol 112"))
            window.setWindowIcon(icon("app"))
            layout = QVBoxLayout(window)
            layout.setContentsMargins(8, 8, 8, 8)
            board = SupervisorBoard(self.worker, self.supervisor, self.presence, self.incidents, self.callers,
                                    self.actor, clock=self.clock, parent=window)
            board.incident_activated.connect(self.open_incident)
            layout.addWidget(board)
            window.board = board
            # The board's charts need room: as large as the screen allows, up to 1600x900.
            available = self.screen().availableGeometry()
            window.resize(min(1600, available.width()), min(900, available.height()))
            self.board, self.board_window = board, window
        elif self._board_dirty:
            self.board.refresh()  # type: ignore[union-attr]
        self._board_dirty = False
        self.board_window.show()
        self.board_window.raise_()
        self.board_window.activateWindow()

    def _board_changes(self, changes: list[Change]) -> None:
        """The board fetches only while someone can see it; a hidden board catches up when shown again."""
        if self.board is None or self.board_window is None:
            return
        if self.board_window.isVisible():
            self.board.on_changes(changes)  # type: ignore[attr-defined]
        elif changes:
            self._board_dirty = True

    def open_audit_log(self) -> None:
        if self.supervisor is None:
            return
        from ui.supervisor import AuditLogDialog

        self._dialog(AuditLogDialog(self.worker, self.supervisor, self.actor, self))

    # -- idle lock -----------------------------------------------------------------------------------------
    def attach_lock(self, auth: AuthService, idle_minutes: float) -> None:
        """Lock after ``idle_minutes`` without input (0: never by itself); Ctrl+Shift+L locks at once."""
        from ui.idle_lock import IdleWatcher, LockScreen

        self.auth = auth
        screen = LockScreen(self.actor.full_name or self.actor.username, self.centralWidget())
        screen.unlock_requested.connect(self._try_unlock)
        screen.logout_requested.connect(self._logout_locked)
        self.lock_screen = screen
        watcher = IdleWatcher(idle_minutes * 60, self)
        watcher.idle.connect(self.lock)
        self.idle_watcher = watcher
        if idle_minutes > 0:
            watcher.start()
        self.banner.installEventFilter(self)  # the cover follows the banner as calls come and go
        lock_button = self._header_button("", _t("Lock"))
        self.header_buttons.insertWidget(self.header_buttons.count() - 1, lock_button)
        self.shortcuts.add(self, LOCK, _t("Lock the console now (your password unlocks it)"), self.lock,
                           button=lock_button)
        lock_button.clicked.connect(self.lock)

    def lock(self) -> None:
        if self.locked or self.lock_screen is None:
            return
        self.locked = True
        log.info("console of %s locked", self.actor.username)
        self.save_draft()
        self.overlay.hide()
        # Open dialogs and the board are windows of their own: out of reach until unlocked.
        self._hidden_for_lock = [w for w in QApplication.topLevelWidgets()
                                 if w is not self and w.isVisible() and self._is_mine(w)]
        for widget in self._hidden_for_lock:
            widget.hide()
        for shortcut in self.shortcuts.shortcuts.values():
            shortcut.setEnabled(False)
        self.header.setEnabled(False)
        self._place_lock_screen()
        self.lock_screen.lock(to_wib(self.clock()).strftime("%H:%M"))  # type: ignore[attr-defined]

    def _is_mine(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _place_lock_screen(self) -> None:
        if self.lock_screen is None:
            return
        central = self.centralWidget()
        top = self.banner.geometry().bottom() + 1
        self.lock_screen.setGeometry(0, top, central.width(), max(0, central.height() - top))
        self.lock_screen.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.banner and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.locked:
            self._place_lock_screen()
        return super().eventFilter(watched, event)

    def _try_unlock(self, password: str) -> None:
        auth, actor = self.auth, self.actor

        def job() -> bool:
            return bool(auth.verify_password(actor, password))  # type: ignore[attr-defined]

        def failed(exc: BaseException) -> None:
            self.lock_screen.refused(describe_error(exc))  # type: ignore[union-attr]

        self._submit(job, self._unlock_checked, failed)

    def _unlock_checked(self, ok: object) -> None:
        if not ok:
            self.lock_screen.refused(_t("Wrong password. Only {name} can unlock; someone else logs {name} out."  # type: ignore[union-attr]
                                        ).format(name=self.actor.full_name or self.actor.username))
            return
        self.unlock()

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        log.info("console of %s unlocked", self.actor.username)
        self.lock_screen.hide()  # type: ignore[union-attr]
        self.header.setEnabled(True)
        for shortcut in self.shortcuts.shortcuts.values():
            shortcut.setEnabled(True)
        for widget in self._hidden_for_lock:
            widget.show()
        self._hidden_for_lock = []
        self.idle_watcher.touch()  # type: ignore[union-attr]
        if self._mode == "idle":
            self.banner.setFocus()
        elif self._mode in ("incident", "report"):
            self.incident_form.description.setFocus()
        else:
            self.call_form.focus_buttons()

    def _logout_locked(self) -> None:
        """Someone else at the desk: log the locked operator out (a form in progress stays as a draft)."""
        log.info("%s logged out from the lock screen", self.actor.username)
        self.save_draft()
        self.confirm_close = False
        self.logout_requested.emit()

    # -- drafts ----------------------------------------------------------------------------------------------
    def attach_drafts(self, store: DraftStore) -> None:
        """Keep the incident form on disk while it is filled in; offer the last one back after a crash."""
        self.drafts = store
        self.incident_form.edited.connect(self._draft_edited)
        self._draft_periodic.start()
        store_, username = store, self.actor.username

        def load() -> dict[str, object] | None:
            return store_.load(username)

        self._submit(load, self._offer_draft, lambda exc: log.warning("draft not read: %s", exc))

    def _draft_edited(self) -> None:
        if self._mode in ("incident", "report"):
            self._draft_timer.start()

    def save_draft(self) -> None:
        store = self.drafts
        if not isinstance(store, DraftStore) or self._mode not in ("incident", "report"):
            return
        data = self.incident_form.snapshot()
        if data == self._last_draft:
            return
        if self.incident_form.is_blank():
            return  # nothing typed yet beyond what caller ID filled in
        data["mode"] = self._mode
        data["saved_at"] = self.clock().isoformat()
        try:
            store.save(self.actor.username, data)
        except OSError as exc:
            self.show_status(_t("The draft could not be saved on this PC ({detail}); finish the form soon.").format(
                detail=exc.strerror or exc), error=True)
            return
        self._last_draft = self.incident_form.snapshot()

    def discard_draft(self) -> None:
        self._last_draft = None
        self._draft_timer.stop()
        if isinstance(self.drafts, DraftStore):
            self.drafts.delete(self.actor.username)

    def _offer_draft(self, draft: object) -> None:
        if not isinstance(draft, dict) or not self._alive:
            return
        saved = str(draft.get("saved_at") or "")
        try:
            when = to_wib(datetime.fromisoformat(saved)).strftime("%d-%m-%Y %H:%M")
        except ValueError:
            when = "?"
        description = str(draft.get("description") or "")
        preview = (description[:200] + ("..." if len(description) > 200 else "")) or _t("(no description)")
        box = QMessageBox(QMessageBox.Icon.Question, _t("Unfinished incident"), _t(
            "An incident form was not finished when the console last closed ({time} WIB):\n\n{preview}\n\n"
            "Restore it now?").format(time=when, preview=preview),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard, self)
        box.setObjectName("restoreDraft")
        box.button(QMessageBox.StandardButton.Yes).setText(_t("Restore"))
        box.button(QMessageBox.StandardButton.Discard).setText(_t("Discard"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda result: self._draft_answer(draft, result))
        self.restore_offer = box
        box.open()

    def _draft_answer(self, draft: dict[str, object], result: int) -> None:
        self.restore_offer = None
        if result != QMessageBox.StandardButton.Yes:
            self.discard_draft()
            return
        call_id = draft.get("call_id")
        if isinstance(call_id, int):
            calls = self.calls

            def job() -> CallInfo | None:
                try:
                    return calls.get(call_id)
                except NotFound:
                    return None

            self._submit(job, lambda info: self._restore_draft(draft, info))
        else:
            self._restore_draft(draft, None)

    def _restore_draft(self, draft: dict[str, object], info: object) -> None:
        if self._mode != "idle":
            self.show_status(_t("Finish the call in hand first; the unfinished incident is kept."), error=True)
            return
        # Still this operator's answered call: back on that call. Otherwise a report without a call.
        if isinstance(info, CallInfo) and info.state is CallState.ANSWERED and info.claimed_by_id == self.actor.id:
            self.current = info
            self.current_history = None
            self._set_mode("call")
            self.call_form.show()
            self.call_form.show_call(info, None)
            self.stack.setCurrentIndex(1)
            self._open_incident_form()
        else:
            self.new_report()
        self.incident_form.restore(draft)
        self.show_status(_t("The unfinished incident is back in the form. Check it, then save (Ctrl+S)."))

    def forward_last(self) -> None:
        """F4: the incident just saved (or linked to) goes to its agencies; from the queue, Enter then forward."""
        if self.dispatch is None:
            return
        if self.last_incident_id is None:
            self.show_status(_t("Save an incident first; then F4 forwards it."), error=True)
            return
        from ui.dispatch.dialog import DispatchDialog

        dialog = DispatchDialog(self.worker, self.dispatch, self.actor, self.last_incident_id, self)
        dialog.forwarded.connect(self._forwarded)
        self._dialog(dialog)

    def _forwarded(self, views: list[object]) -> None:
        if self.outbox_wake is not None:
            self.outbox_wake()
        self.show_status(_t("Forwarded to {count} agency/unit(s).").format(count=len(views)))

    def _dispatch_changes(self, changes: list[Change]) -> None:
        """Units, dispatches and deliveries changed on any desk (or in the outbox worker): refresh at once
        instead of at the panels' next timer."""
        entities = {change.entity for change in changes}
        if entities & {"unit", "dispatch", "incident", "database"}:
            self.units_panel.refresh()
        if entities & {"dispatch", "outbox", "database"}:
            self.deliveries_panel.refresh()

    def _dialog(self, dialog: QWidget) -> None:
        """Dialogs are non-modal (a call may ring meanwhile) and free themselves when closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_incident(self, incident_id: int) -> None:
        from ui.views.incident_detail import IncidentDetailDialog

        dialog = IncidentDetailDialog(self.worker, self.incidents, self.actor, incident_id, self,
                                      dispatch=self.dispatch)
        self.bridge.feed_changes.connect(dialog.on_changes)
        self._dialog(dialog)

    def open_settings(self) -> None:
        if self.views is None:
            return
        from ui.views.settings import SettingsDialog

        dialog = SettingsDialog(self.worker, self.views.sources, self.views.settings, self.actor, self.language, self)
        dialog.language_changed.connect(self.language_change_requested.emit)
        dialog.sources_changed.connect(self.sources_changed.emit)
        self._dialog(dialog)

    def request_logout(self) -> None:
        """Logging out hands the shift over: the note for the next shift and what is still open."""
        if self._mode in ("call", "incident"):
            self.show_status(_t("Finish the call in hand first."), error=True)
            return
        if self.views is None:
            self.logout_requested.emit()
            return
        from ui.views.handover import HandoverDialog

        dialog = HandoverDialog(self.worker, self.views.shifts, self.incidents, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.logout_requested.emit)
        dialog.open()

    def _history_of_current(self) -> None:
        if self.current is not None:
            self.open_caller_history(self.current.e164 or self.current.number_raw or "")

    def open_caller_history(self, number: str) -> None:
        if not number:
            return
        self.caller_history_requested.emit(number)
        from ui.views.caller_history import CallerHistoryDialog

        self._dialog(CallerHistoryDialog(self.worker, self.callers, self.actor, number, self))

    def toggle_help(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
        else:
            self.overlay.open()

    @property
    def mode(self) -> str:
        return self._mode

    def now(self) -> datetime:
        return self.clock()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._balance_splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance_splitter()
        self.subtitle.setVisible(self.width() >= WIDE_SCREEN)
        if self.locked:
            QTimer.singleShot(0, self._place_lock_screen)

    def _balance_splitter(self) -> None:
        """The call and its form get the larger share; the queues stay readable beside them (until the
        operator drags the divider: then their choice stays)."""
        if self.side_tabs is None or self._user_split:
            return
        width = self.splitter.width()
        self.splitter.setSizes([int(width * 0.55), width - int(width * 0.55)])

    def _splitter_moved(self, _position: int, _index: int) -> None:
        self._user_split = True

    def _set_mode(self, mode: str) -> None:
        """On a small screen the queues make room while a call or report is in hand; they return after."""
        self._mode = mode
        self.call_form.set_compact(mode == "incident")
        if self.side_tabs is not None:
            self.side_tabs.setVisible(mode == "idle" or self.width() >= WIDE_SCREEN)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close and self._mode in ("call", "incident") and self.isVisible():
            answer = QMessageBox.question(self, _t("A call is in hand"),
                                          _t("You are still handling a call. Close the console anyway?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.sound.set_ringing(False)
        self.save_draft()  # closed with a form open: it is offered back at the next login
        self._alive = False
        self._draft_periodic.stop()
        self._draft_timer.stop()
        if self.idle_watcher is not None:
            self.idle_watcher.stop()  # type: ignore[attr-defined]
        if self.board is not None:
            self.board.stop()  # type: ignore[attr-defined]
        if self.board_window is not None:
            self.board_window.close()
        super().closeEvent(event)
