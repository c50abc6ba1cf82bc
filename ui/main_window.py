"""The operator's main window: a thin frame that holds the desk's parts and nothing of their logic.

From top to bottom: the header (who, the clock, the header buttons), the line strip, the outage banner, the
ringing banner, then the work area (the call in hand and its forms) beside the side panels (queues, missed
calls, units, deliveries), and the status bar. The controllers in ``ui.desk`` drive them; ``ui.console.window``
assembles the lot. Keys: see ``ui.shortcuts`` (F1 lists them all).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock
from callcenter.services.base import Actor
from callcenter.services.reference import ReferenceData
from ui.app import icon
from ui.call_form import CallForm
from ui.incident_form import IncidentForm
from ui.line_strip import LineStrip
from ui.notice_bar import NoticeBar
from ui.ring_banner import RingBanner
from ui.shortcuts import ShortcutMap, ShortcutOverlay, with_key
from ui.words import role_text, time_text

log = logging.getLogger(__name__)

WIDE_SCREEN = 1600
WORK_SHARE_WIDE = 0.55
WORK_SHARE_NARROW = 0.42
FORM_SIDE_MIN, FORM_SIDE_MAX = 240, 460
STATUS_MS = 8000


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class MainWindow(QMainWindow):
    """The frame. ``language_change_requested``, ``logout_requested`` and ``sources_changed`` are handled by the
    console's composition (ui.console)."""

    language_change_requested = Signal(str)
    logout_requested = Signal()
    """Emitted once the operator may leave (the handover, when there is one, is saved)."""
    sources_changed = Signal()
    desk_renamed = Signal(str)
    closing = Signal()
    """The window is closing for good: controllers stop their timers and save what they hold."""
    resized = Signal()

    def __init__(self, actor: Actor, reference: ReferenceData, language: str, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.language = language
        self.clock = clock
        self.confirm_close = True
        """Ask before closing with a call in hand (off for tests and screenshots)."""
        self.mode_of: Callable[[], str] = lambda: "idle"
        """What the desk is doing (the call flow's mode); set by the assembly."""
        self.side_tabs: QTabWidget | None = None
        self._user_split = False

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
        # Loud and above the calls, in a slot of fixed height: a line down, the database away, the spool failing.
        self.notices = NoticeBar()
        self.line_strip.alarm_changed.connect(self._line_alarm)
        layout.addWidget(self.notices)
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
        self.stack.addWidget(self._build_idle_page())
        call_page = QWidget()
        call_layout = QVBoxLayout(call_page)
        call_layout.setContentsMargins(0, 0, 0, 0)
        call_layout.setSpacing(8)
        self.call_form = CallForm(clock=clock)
        call_layout.addWidget(self.call_form)
        self.incident_form = IncidentForm(reference, language)
        self.form_side = QWidget()
        """Beside the incident form: the compact map (ui.desk.map_desk), shown while the form is."""
        self.form_side.setMinimumWidth(FORM_SIDE_MIN)  # the form keeps the room it needs; the map takes the rest
        self.form_side.setMaximumWidth(FORM_SIDE_MAX)
        self.form_side.hide()
        form_row = QHBoxLayout()
        form_row.setContentsMargins(0, 0, 0, 0)
        form_row.addWidget(self.incident_form, 1)
        form_row.addWidget(self.form_side)
        call_layout.addLayout(form_row, 1)
        self.incident_form.hide()
        self.call_stretch = QWidget()
        call_layout.addWidget(self.call_stretch, 1)
        # At 1366x768 a long form with its messages may not fit: scroll rather than squeeze the fields.
        call_scroll = QScrollArea()
        call_scroll.setWidgetResizable(True)
        call_scroll.setFrameShape(QFrame.Shape.NoFrame)
        call_scroll.setWidget(call_page)
        self.stack.addWidget(call_scroll)
        work_layout.addWidget(self.stack, 1)
        self.incident_form.place_action_bar(work_layout)  # Save in sight, below the scrolling form
        self.splitter.addWidget(work)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusNote")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_label, 1)
        self.database_label = QLabel()
        self.database_label.setObjectName("ringWarn")
        self.statusBar().addPermanentWidget(self.database_label)
        self.step_text = ""
        """What the operator is doing now (the call flow's step): shown whenever no news is on show."""
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self._show_step)

        self.shortcuts = ShortcutMap()
        self.overlay = ShortcutOverlay(self.shortcuts, central, below=self.banner)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick_clock)
        self._clock_timer.start()
        self._tick_clock()

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
        self.subtitle = QLabel(_t("Call Center 112 Kabupaten Purwakarta"))
        self.subtitle.setObjectName("headerInfo")  # hidden on narrow screens, where the buttons need the room
        layout.addWidget(self.subtitle)
        layout.addStretch(1)
        self.operator_label = QLabel(_t("{name} ({role})").format(name=self.actor.full_name or self.actor.username,
                                                                 role=self.role_name()))
        self.operator_label.setObjectName("headerInfo")
        self.operator_label.setToolTip(self.operator_label.text())
        layout.addWidget(self.operator_label)
        self.desk_label = QLabel()
        self.desk_label.setObjectName("headerInfo")
        self.desk_label.setToolTip(_t("This console's desk: the supervisor sees the desk by this name"))
        layout.addWidget(self.desk_label)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("appTitle")
        layout.addWidget(self.clock_label)
        self.header_buttons = QHBoxLayout()
        layout.addLayout(self.header_buttons)
        # Left to right: (supervisor) (reports) settings, language, new report, keys, lock, log out.
        self.language_button = self.header_button("", "English" if self.language == "id" else "Bahasa Indonesia")
        self.language_button.setToolTip(_t("Switch the console's language"))
        self.language_button.clicked.connect(
            lambda: self.language_change_requested.emit("en" if self.language == "id" else "id"))
        self.new_report_button = self.header_button("new-report", _t("New report"))
        self.help_button = self.header_button("help", _t("Shortcuts"))
        self.help_button.clicked.connect(self.toggle_help)
        return header

    def header_button(self, icon_name: str, text: str, *, first: bool = False) -> QToolButton:
        """A button in the header (appended, or put first)."""
        button = QToolButton()
        if icon_name:
            button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if first:
            self.header_buttons.insertWidget(0, button)
        else:
            self.header_buttons.addWidget(button)
        self.fit_header()
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

    def add_side_panel(self, widget: QWidget, title: str, key: str | None = None,
                       description: str | None = None) -> None:
        """Panels of the other parts of the console (queues, missed calls, units) go in tabs on the right."""
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
    def _line_alarm(self, text: str) -> None:
        self.notices.set_notice("lines", "line" if text else None, text)

    def set_desk_name(self, name: str) -> None:
        self.desk_label.setText(_t("desk {name}").format(name=name))

    def role_name(self) -> str:
        return role_text(self.actor.role)

    def show_status(self, text: str, error: bool = False) -> None:
        """A sentence in the status bar. News never hides a warning still on show: it is added after it."""
        if not error and self._status_timer.isActive() and self.status_label.objectName() == "ringWarn" \
                and self.status_label.text():
            text = f"{self.status_label.text()}  ·  {text}"
            error = True
        self.status_label.setObjectName("ringWarn" if error else "statusNote")
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(text)
        self._status_timer.start(STATUS_MS * (2 if error else 1))

    def set_step(self, text: str) -> None:
        """A new step replaces news at once (it is about the step just left), but never hides a warning."""
        self.step_text = text
        if not (self._status_timer.isActive() and self.status_label.objectName() == "ringWarn"):
            self._status_timer.stop()
            self._show_step()

    def _show_step(self) -> None:
        if self.status_label.objectName() != "statusNote":
            self.status_label.setObjectName("statusNote")
            self.status_label.style().unpolish(self.status_label)
            self.status_label.style().polish(self.status_label)
        self.status_label.setText(self.step_text)

    def open_dialog(self, dialog: QWidget) -> None:
        """Dialogs are non-modal (a call may ring meanwhile) and free themselves when closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def toggle_help(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
        else:
            self.overlay.open()

    def _tick_clock(self) -> None:
        self.clock_label.setText(time_text(self.clock()) + " WIB")

    @property
    def mode(self) -> str:
        return self.mode_of()

    def apply_mode(self, mode: str) -> None:
        """On a small screen the queues make room while a call or report is in hand; they return after."""
        if self.side_tabs is not None:
            self.side_tabs.setVisible(mode == "idle" or self.width() >= WIDE_SCREEN)

    # -- layout --------------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._balance_splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance_splitter()
        self.fit_header()
        self.resized.emit()

    def fit_header(self) -> None:
        """Every header button keeps its word: on a narrow screen the subtitle goes first, then the buttons'
        icons (their tooltips still name the key), then the role after the operator's name (in its tooltip)."""
        widgets = [item.widget() for item in (self.header_buttons.itemAt(i) for i in range(self.header_buttons.count()))
                   if item is not None]
        tool_buttons = [widget for widget in widgets if isinstance(widget, QToolButton)]
        name = self.actor.full_name or self.actor.username
        for subtitle, icons, role in ((True, True, True), (False, True, True), (False, False, True),
                                      (False, False, False)):
            self.subtitle.setVisible(subtitle)
            self.operator_label.setText(self.operator_label.toolTip() if role else name)
            for button in tool_buttons:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if icons
                                          else Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.header_buttons.invalidate()
            header_layout = self.header.layout()
            if header_layout is not None:
                header_layout.invalidate()
            if self.header.sizeHint().width() <= self.width():
                return

    def _balance_splitter(self) -> None:
        """On a wide screen the call and its form get the larger share and the queues stay readable beside them
        (until the operator drags the divider: then their choice stays)."""
        if self.side_tabs is None or self._user_split:
            return
        width = self.splitter.width()
        # Below WIDE_SCREEN the queues show only while no call is in hand (apply_mode): then they get the larger
        # share, so their columns show whole instead of scrolling sideways.
        work = int(width * (WORK_SHARE_WIDE if self.width() >= WIDE_SCREEN else WORK_SHARE_NARROW))
        self.splitter.setSizes([work, width - work])

    def _splitter_moved(self, _position: int, _index: int) -> None:
        self._user_split = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close and self.mode in ("call", "incident") and self.isVisible():
            answer = QMessageBox.question(self, _t("A call is in hand"),
                                          _t("You are still handling a call. Close the console anyway?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.closing.emit()
        super().closeEvent(event)
