"""A tour of the whole console on a seeded demo database: every window and dialog, in the states an operator, a
supervisor and an admin meet them, driven with the keys where an operator would use keys.

``Tour(app, db, language, screen).stops()`` yields a ``Stop`` at each state. ``tools/screenshots.py`` photographs
each stop (docs/screenshots) and ``tests/ui/test_fits.py`` measures every text at each stop, so the pictures and
the fits test always cover the same screens. Everything is deterministic: a fixed clock, a fixed seed, fixed callers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QEventLoop, QPoint, Qt
from PySide6.QtGui import QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QTabWidget, QWidget
from sqlalchemy import select, update

from callcenter.assembly import build_services
from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.cid.sources import LineState, LineStatus
from callcenter.clock import ManualClock
from callcenter.db import migrate
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, OutboxState, Priority, UnitStatus
from callcenter.db.models import Agency, Area, Caller, Category, Dispatch, DispatchEvent, Incident, OutboxMessage, Unit
from callcenter.db.refdata import load_reference_data
from callcenter.services.base import SYSTEM
from callcenter.services.demo import DEMO_PASSWORD, seed_demo
from callcenter.services.incidents import IncidentDraft
from callcenter.services.intake import IntakeService
from ui.bridge import CoreBridge
from ui.console.window import Desk, DeskParts, build_desk
from ui.login import LoginDialog
from ui.ring_banner import RingSound
from ui.table_model import KEY_ROLE, KeyedTableModel
from ui.worker import DbWorker

NOW = datetime(2026, 3, 2, 3, 12, tzinfo=UTC)  # 10:12 WIB on a Monday morning, the pagi shift
SIM_KEY = "sim:demo"
CALLERS = ("081234567890", "0264200112", "085722334455", "081399887766")
UNIT_STATES = (UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.OUT_OF_SERVICE)


@dataclass
class Stop:
    """One state of the console: ``picture`` is what a screenshot shows (a window, or a part of one)."""

    name: str
    picture: QWidget
    note: str = ""
    extra: dict[str, QWidget] = field(default_factory=dict)
    """More pictures of the same state (``incoming-call``: the ringing banner alone)."""


def prepare(db: Database) -> None:
    """The demo centre: reference data, three days of calls, then a quarter hour staged before NOW."""
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, NOW)
    seed_demo(db, days=3, calls_per_day=150, seed=7, now=NOW - timedelta(minutes=20))
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(
            whatsapp="6281220000113", webhook_url="http://127.0.0.1:9/eido"))


class Tour:
    def __init__(self, app: QApplication, db: Database, language: str, screen: QScreen | None = None) -> None:
        self.app = app
        self.db = db
        self.language = language
        self.screen_name = (screen or app.primaryScreen()).name()
        self.clock = ManualClock(NOW)
        services = build_services(db, self.clock)
        self.parts = DeskParts(services, services.references.load(), DbWorker(), DbWorker("render"), CoreBridge(),
                               RingSound(enabled=False))
        self.services = services
        self.intake = IntakeService(db, clock=self.clock)
        self.intake.subscribe(self.parts.bridge.on_calls)
        self.actors = {name: services.auth.authenticate(name, DEMO_PASSWORD).as_actor()
                       for name in ("operator1", "operator2", "supervisor", "admin")}

    # -- waiting -----------------------------------------------------------------------------------------------
    def settle(self, condition: Callable[[], bool] = lambda: True, timeout: float = 10.0) -> None:
        """Until the database queues are empty and ``condition`` holds; then a few more turns of the event loop."""
        deadline = time.monotonic() + timeout
        while not (self.parts.worker.pending() == 0 and self.parts.render.pending() == 0 and condition()):
            if time.monotonic() > deadline:
                raise TimeoutError("the console did not settle")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)
        for _ in range(5):
            self.app.processEvents()

    def key(self, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            ) -> None:
        window.activateWindow()
        self.settle(window.isActiveWindow)
        # To the widget with the focus, as the keyboard does (window shortcuts still see it first).
        QTest.keyClick(QApplication.focusWidget() or window, key, modifiers)
        self.settle()

    def top(self, kind: type[QWidget]) -> QWidget:
        return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())

    # -- the centre's life -------------------------------------------------------------------------------------
    def ring(self, number: str | None, line: str = "1") -> None:
        self.clock.advance(4)
        event = CallerIdEvent(format="sim", kind=EventKind.INCOMING, received_at=self.clock(), raw=f"SIM {number}",
                              line=line, number=number,
                              presentation=Presentation.ALLOWED if number else Presentation.PRIVATE)
        self.intake.process([(SIM_KEY, event)])

    def prankster(self) -> str:
        """A seeded caller with prank history, so the banner shows its warning."""
        with self.db.read() as session:
            number = session.scalar(select(Caller.e164).where(Caller.prank_count > 0)
                                    .order_by(Caller.prank_count.desc(), Caller.e164).limit(1))
        return number or CALLERS[3]

    def stage_centre(self) -> None:
        """Incidents of every age and priority, dispatches, units on the road, a failed delivery, a missed call
        and desks online: the side panels and the supervisor's board have something to show."""
        services, clock = self.services, self.clock
        with self.db.read() as session:
            categories = {c.code: c.id for c in session.scalars(select(Category))}
            desa = list(session.scalars(select(Area.code).where(Area.level == "desa_kelurahan").order_by(Area.code)))
        plan = [("kebakaran", Priority.P1, "operator1", "Rumah warga terbakar, api sudah membesar ke rumah sebelah.",
                 desa[5]), ("kecelakaan_lalu_lintas", Priority.P1, "operator2", "Tabrakan motor dan truk, dua orang "
                 "luka di jalan raya.", desa[40]), (None, Priority.P2, "operator1", "Pohon tumbang menutup jalan "
                 "desa.", desa[80]), (None, Priority.P3, "operator2", "Anak tujuh tahun belum pulang sejak siang.",
                 desa[120])]
        others = [code for code in categories if code not in ("kebakaran", "kecelakaan_lalu_lintas")]
        incident_ids = []
        for index, (code, priority, username, text, desa_code) in enumerate(plan):
            clock.now = NOW - timedelta(minutes=14 - 3 * index)
            draft = IncidentDraft(category_id=categories[code or others[index]], priority=priority,
                                  desa_code=desa_code, description=text, address="Jl. Ipik Gandamanah No. 12",
                                  reporter_name="Ujang Suryana", callback_number="0812-2345-6789")
            incident_ids.append(services.incidents.create(self.actors[username], draft).id)
        self.forwarded_incident, self.staged_desa = incident_ids[0], plan[0][4]
        clock.now = NOW - timedelta(minutes=8)
        hints = services.dispatch.suggestions(incident_ids[0])
        [view, *_] = services.dispatch.forward(self.actors["operator1"], incident_ids[0], hints.default_agency_ids,
                                               hints.suggested_unit_ids, [DeliveryChannel.PRINT,
                                                                          DeliveryChannel.WHATSAPP,
                                                                          DeliveryChannel.WEBHOOK])
        clock.advance(120)
        services.dispatch.update_status(self.actors["operator1"], view.id, DispatchStatus.ACKNOWLEDGED)
        clock.advance(200)
        services.dispatch.update_status(self.actors["operator1"], view.id, DispatchStatus.ON_SCENE,
                                        note="api sudah dikuasai sebagian")
        with self.db.write() as session:  # what the outbox worker records for a dead endpoint
            session.execute(update(OutboxMessage).where(OutboxMessage.channel == DeliveryChannel.WEBHOOK).values(
                state=OutboxState.FAILED, attempts=3, last_error="connection refused: the agency's server is not "
                "listening", next_attempt_at=clock() + timedelta(seconds=80)))
            agency = session.scalar(select(Agency.id).order_by(Agency.id).offset(1).limit(1))
            row = Dispatch(incident_id=incident_ids[2], agency_id=agency, status=DispatchStatus.EN_ROUTE,
                           created_at=clock(), updated_at=clock(), acknowledged_at=clock())
            session.add(row)
            session.flush()
            session.add(DispatchEvent(dispatch_id=row.id, status=DispatchStatus.EN_ROUTE, at=clock()))
            session.execute(update(Incident).where(Incident.id == incident_ids[2]).values(first_dispatched_at=clock()))
            free = session.scalars(select(Unit).where(Unit.status == UnitStatus.AVAILABLE).order_by(Unit.id)
                                   .limit(len(UNIT_STATES)))
            for unit, state in zip(free, UNIT_STATES, strict=False):
                unit.status = state
        for number, minutes_ago in (("081398765432", 6), (None, 4), ("02648221199", 2.2)):
            clock.now = NOW - timedelta(minutes=minutes_ago)
            notice = self.intake.process([(SIM_KEY, CallerIdEvent(
                format="sim", kind=EventKind.INCOMING, received_at=clock(), raw=f"SIM {number}", line="2",
                number=number, presentation=Presentation.ALLOWED if number else Presentation.PRIVATE))])
            clock.advance(30)
            services.calls.end(SYSTEM, notice[0].call_id)
        services.callers.block(self.actors["operator1"], "081398765432", "Iseng berulang")
        clock.now = NOW - timedelta(minutes=1)
        for username, desk_name in (("operator1", "PC-OPS-1"), ("operator2", "PC-OPS-2"),
                                    ("supervisor", "PC-SUPERVISOR")):
            services.presence.heartbeat(self.actors[username], desk_name)
        clock.now = NOW
        for call in services.calls.ringing(limit=500):  # what the seed left ringing: every run shows the same banner
            services.calls.end(self.actors["operator1"], call.id)

    # -- windows -----------------------------------------------------------------------------------------------
    def open_desk(self, username: str) -> Desk:
        desk = build_desk(self.parts, self.actors[username], self.language)
        window = desk.window
        window.confirm_close = False
        self.place(window)
        window.line_strip.on_line_state(LineState(SIM_KEY, "Telkom 112 (sim)", LineStatus.UP, None, NOW))
        window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.UP, None, NOW))
        self.settle(lambda: desk.map.tab is not None, timeout=30)  # the maps are built once the desk is idle
        return desk

    @property
    def screen(self) -> QScreen:
        return next(screen for screen in QApplication.screens() if screen.name() == self.screen_name)

    def place(self, window: QMainWindow) -> None:
        """Maximised on the tour's screen, as the console starts."""
        window.setScreen(self.screen)
        window.setGeometry(self.screen.availableGeometry())
        window.showMaximized()
        self.settle()

    def dialog(self, kind: type[QDialog]) -> QDialog:
        self.settle()
        dialog = self.top(kind)
        assert isinstance(dialog, QDialog)
        return dialog

    def close(self, widget: QWidget) -> None:
        widget.close()
        self.settle()

    # -- the stops ---------------------------------------------------------------------------------------------
    def stops(self) -> Iterator[Stop]:
        self.stage_centre()
        for part in (self.operator, self.supervisor, self.admin, self.login):
            for stop in part():
                self.hold_still()
                yield stop
        self.parts.worker.stop()
        self.parts.render.stop()

    def hold_still(self) -> None:
        """What moves by itself is put in one state for the picture: the maps drawn, the header clock, the ringing
        cards' and the tables' timers at the tour's time (they follow at their next tick), a blinking notice lit."""
        from ui.main_window import MainWindow
        from ui.map.view import MapView

        for widget in QApplication.allWidgets():
            if isinstance(widget, MapView) and widget.isVisible():
                widget.repaint()
                self.settle(widget.base_is_current, timeout=30)
                widget.repaint()
            elif isinstance(widget, MainWindow) and widget.isVisible():
                widget._tick_clock()
                widget.banner._tick()
                for model in widget.findChildren(KeyedTableModel):  # ages and timers at the tour's time too
                    model.tick()
                notices = widget.notices
                notices._blink.stop()
                if notices.property("blink"):
                    notices._toggle_blink()
        self.settle()

    def side_tab(self, window: QMainWindow, panel: QWidget) -> None:
        tabs = window.side_tabs  # type: ignore[attr-defined]
        tabs.setCurrentIndex(tabs.indexOf(panel))
        self.settle()

    def operator(self) -> Iterator[Stop]:
        from ui.dispatch.dialog import DispatchDialog
        from ui.views.caller_history import CallerHistoryDialog
        from ui.views.handover import HandoverDialog
        from ui.views.incident_detail import IncidentDetailDialog

        desk = self.open_desk("operator1")
        window, panels = desk.window, desk.panels
        yield Stop("main-window-idle", window)
        for name, panel in (("missed-calls", panels.missed_panel), ("unit-board", panels.units_panel),
                            ("deliveries", panels.deliveries_panel)):
            self.side_tab(window, panel)
            yield Stop(name, window)
        assert desk.map.tab is not None
        self.side_tab(window, desk.map.tab)
        yield Stop("map-tab", window)
        desk.map.tab.view.highlight_desa(self.staged_desa)
        desk.map.tab.view.zoom_by(2.5)
        self.settle()
        yield Stop("map-desa-zoom", window)
        self.side_tab(window, panels.queue_panel)

        queue = panels.queue_panel
        queue.tabs.setCurrentIndex(1)
        self.settle(lambda: queue.all_model.rowCount() > 0)
        yield Stop("queue", window)
        fire = next(row for row in range(queue.all_model.rowCount())
                    if queue.all_model.data(queue.all_model.index(row, 0), KEY_ROLE) == self.forwarded_incident)
        queue.all_view.selectRow(fire)
        queue.all_view.setFocus()
        self.key(window, Qt.Key.Key_Return)
        detail = self.dialog(IncidentDetailDialog)
        yield Stop("incident-detail", detail)
        tabs = detail.side_tabs  # type: ignore[attr-defined]
        tabs.setCurrentIndex(tabs.count() - 1)
        self.settle()
        yield Stop("dispatch-timeline", detail)
        self.close(detail)

        for number in [self.prankster(), *CALLERS[:2]]:
            self.ring(number)
        self.ring(None, line="2")
        self.settle(lambda: len(window.banner.call_ids()) == 4)
        self.clock.advance(9)
        yield Stop("main-window", window, extra={"incoming-call": window.banner})

        self.key(window, Qt.Key.Key_F2)
        self.settle(lambda: window.mode == "call")
        yield Stop("call-answered", window)
        self.key(window, Qt.Key.Key_F3)
        history = self.dialog(CallerHistoryDialog)
        yield Stop("caller-history", history)
        self.close(history)

        self.key(window, Qt.Key.Key_F5)
        self.settle(lambda: window.mode == "incident")
        form = window.incident_form
        form.save()
        self.settle(lambda: bool(form.problem_text("description")))
        yield Stop("incident-validation", window)
        english = self.language == "en"
        form.category.setCurrentIndex(form.category.findText("Fire" if english else "Kebakaran"))
        form.kecamatan.setCurrentIndex(form.kecamatan.findText("Purwakarta"))
        form.desa.setCurrentIndex(form.desa.findText("Nagri Kaler"))
        form.address.setText("Jl. Veteran No. 21, RT 02/RW 05")
        form.landmark.setText("opposite Pasar Rebo" if english else "seberang Pasar Rebo")
        form.reporter_name.setText("Ibu Siti Aminah")
        form.description.setPlainText(
            "Thick smoke from a restaurant kitchen, the fire is growing. Two people still inside." if english else
            "Asap tebal dari dapur rumah makan, api mulai membesar. Dua orang masih di dalam.")
        form.clear_problems()
        form._want_suggestions()
        self.settle()
        yield Stop("incident-form", window, extra={"map-form-compact": window.stack})
        self.key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        self.settle(lambda: window.mode != "incident")
        self.key(window, Qt.Key.Key_F4)
        forward = self.dialog(DispatchDialog)
        self.settle(lambda: getattr(forward, "suggestions", None) is not None)
        yield Stop("dispatch-dialog", forward)
        self.close(forward)

        window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.DOWN,
                                                  "the device was unplugged (port closed)", NOW))
        self.settle()
        yield Stop("line-down", window)
        self.key(window, Qt.Key.Key_F1)
        yield Stop("shortcuts", window)
        self.key(window, Qt.Key.Key_Escape)
        desk.outage.set_outage("intake", "database is locked")
        self.settle()
        yield Stop("database-outage", window)
        desk.outage.set_outage("intake", None)
        window.line_strip.on_line_state(LineState("serial:COM3", "COM3 modem", LineStatus.UP, None, NOW))
        desk.lock.lock()
        self.settle()
        yield Stop("lock-screen", window)
        desk.lock.unlock()
        self.settle()

        panels.open_settings()
        settings = self.top_named("settings")
        yield Stop("settings-operator", settings)
        self.close(settings)
        for call in self.services.calls.ringing(limit=50):
            self.services.calls.end(self.actors["operator1"], call.id)
        self.settle()
        panels.request_logout()
        handover = self.dialog(HandoverDialog)
        yield Stop("handover", handover)
        handover.reject()
        self.close(window)

    def top_named(self, name: str) -> QWidget:
        self.settle()
        return next(w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible())

    def supervisor(self) -> Iterator[Stop]:
        from ui.reports_dialog import ReportsDialog
        from ui.supervisor import AuditLogDialog

        desk = self.open_desk("supervisor")
        window = desk.window
        for number in CALLERS[:2]:
            self.ring(number)
        self.ring(None, line="2")
        self.settle(lambda: len(window.banner.call_ids()) == 3)
        yield Stop("main-window-supervisor", window)
        self.key(window, Qt.Key.Key_F12)
        supervision = desk.supervision
        assert supervision is not None
        board, board_window = supervision.board, supervision.board_window
        assert board is not None and board_window is not None
        board.timer.stop()
        self.settle(lambda: board.snapshot is not None)
        board.incidents_view.clearSelection()
        yield Stop("supervisor-window", board_window)
        if supervision.phone_messages is not None:
            board_window.tabs.setCurrentWidget(supervision.phone_messages)
            self.settle()
            yield Stop("phone-messages", board_window)
        if supervision.map_panel is not None:
            board_window.tabs.setCurrentWidget(supervision.map_panel)
            bar = supervision.map_panel.choropleth_bar
            today = QDate(2026, 3, 2)  # the clock's day, not the PC's: the picture never changes by itself
            bar.date_from.setDate(today.addDays(-29))
            bar.date_to.setDate(today)
            self.settle()
            bar.show_button.click()
            self.settle()
            yield Stop("map-choropleth", board_window)
        board_window.tabs.setCurrentIndex(0)
        board_window.hide()
        self.settle()
        self.key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        audit = self.dialog(AuditLogDialog)
        audit.use_since.setChecked(False)  # type: ignore[attr-defined]
        audit.apply_filter()  # type: ignore[attr-defined]
        self.settle(lambda: audit.model.rowCount() > 0)  # type: ignore[attr-defined]
        audit.view.selectRow(3)  # type: ignore[attr-defined]
        yield Stop("audit-log", audit)
        self.close(audit)
        self.key(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        reports = self.dialog(ReportsDialog)
        yield Stop("reports", reports)
        self.close(reports)
        self.close(window)

    def admin(self) -> Iterator[Stop]:
        from ui.dispatch import AgencyAdminDialog, SmtpSettingsDialog, UnitAdminDialog

        desk = self.open_desk("admin")
        window = desk.window
        desk.panels.open_settings()
        settings = self.top_named("settings")
        tabs = settings.findChild(QTabWidget)
        assert tabs is not None
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            self.settle()
            yield Stop(f"settings-{index + 1}", settings)
        self.close(settings)
        from ui.reports_dialog import ReportsDialog

        self.key(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        reports = self.dialog(ReportsDialog)
        reports.range_radio.setChecked(True)  # type: ignore[attr-defined]  (an admin's period report)
        self.settle()
        yield Stop("reports-range", reports)
        self.close(reports)
        admin, agency_admin, worker = self.actors["admin"], self.services.agency_admin, self.parts.worker
        agencies = AgencyAdminDialog(worker, agency_admin, admin, window)
        window.open_dialog(agencies)
        self.settle(lambda: agencies.current_id is not None)
        yield Stop("admin-agencies", agencies)
        self.close(agencies)
        units = UnitAdminDialog(worker, agency_admin, admin, window)
        window.open_dialog(units)
        self.settle(lambda: units.current_id is not None)
        yield Stop("admin-units", units)
        self.close(units)
        smtp = SmtpSettingsDialog(worker, self.services.settings, admin, window)
        window.open_dialog(smtp)
        self.settle()
        yield Stop("smtp-settings", smtp)
        self.close(smtp)
        from ui.admin.operators import OperatorsDialog
        from ui.admin.questions import CategoryQuestionsDialog

        control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        self.key(window, Qt.Key.Key_O, control_shift)
        operators = self.dialog(OperatorsDialog)
        self.settle()
        yield Stop("admin-operators", operators)
        self.close(operators)
        self.key(window, Qt.Key.Key_K, control_shift)
        questions = self.dialog(CategoryQuestionsDialog)
        self.settle(lambda: questions.current is not None)
        yield Stop("admin-questions", questions)
        self.close(questions)
        self.close(window)

    def login(self) -> Iterator[Stop]:
        login = LoginDialog(self.parts.worker, self.services.auth, clock=self.clock)
        login.username.setText("operator1")
        login.show()
        login.move(self.screen.availableGeometry().center() - QPoint(login.width() // 2, login.height() // 2))
        self.settle()
        yield Stop("login", login)
        self.close(login)
