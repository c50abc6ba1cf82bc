"""Nothing is cut at 1366x768 or 1280x720, in Indonesian or English (issue 14: "A screen that stays still").

The tour (tools/tour.py, the same one the screenshots take) opens every window and dialog of the console on a
seeded demo centre: the operator's desk idle, with calls ringing, a call in hand, the incident form, a line down,
the database away, locked, the F1 key list, every side panel; incident detail, caller history, forwarding,
settings, the handover; the supervisor's desk, board window, audit log and reports; the admin's settings (every
tab), agencies, units and SMTP; the map; the login. At each stop every tab of every visible tab widget is shown in
turn and every visible text is measured (tests/ui/fitting.py): labels, buttons, check boxes, group box titles,
tabs, table headers, chart titles, legends and axes; every window lies on its screen.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from callcenter.db.database import Database, sqlite_url
from tests.screens import SCREENS
from tests.ui.conftest import Console
from tests.ui.fitting import Cut, cuts, describe, visible_windows
from tools.tour import Tour, prepare
from ui.i18n import Translations
from ui.notice_bar import NoticeBar


@pytest.fixture(scope="session")
def demo_centre(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tour's demo centre, seeded once; each test gets a copy."""
    path = tmp_path_factory.mktemp("tour") / "centre.sqlite3"
    db = Database(sqlite_url(path))
    prepare(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def centre(demo_centre: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "centre.sqlite3"
    shutil.copyfile(demo_centre, copy)
    db = Database(sqlite_url(copy))
    yield db
    db.dispose()


def screen_named(app: QApplication, name: str) -> object:
    screens = {screen.name(): screen for screen in app.screens()}
    assert name in screens, f"no {name} screen: the tests must run on tests/screens.py's platform ({screens})"
    return screens[name]


class Measure:
    """Measures every visible window, and every tab of each tab widget (nested ones too) once per tour."""

    def __init__(self, tour: Tour) -> None:
        self.tour = tour
        self.found: dict[tuple[str, str, str, str], tuple[str, Cut]] = {}
        self.toured: set[str] = set()

    def take(self, stop: str) -> None:
        for window in visible_windows():
            self._window(stop, window)
            self._tabs(stop, window, window)

    def _window(self, stop: str, window: QWidget) -> None:
        for cut in cuts(window):
            key = (type(window).__name__, cut.widget, cut.text, cut.problem.split(":")[0])
            self.found.setdefault(key, (stop, cut))

    def _tabs(self, stop: str, window: QWidget, inside: QWidget) -> None:
        for tabs in inside.findChildren(QTabWidget):
            where = f"{type(window).__name__} {describe(tabs)} {tabs.count()}"
            if not tabs.isVisible() or where in self.toured or tabs.window() is not window:
                continue
            self.toured.add(where)
            current = tabs.currentIndex()
            for index in range(tabs.count()):
                if index == current or not tabs.isTabVisible(index):
                    continue
                tabs.setCurrentIndex(index)
                self.tour.settle()
                self._window(f"{stop}, tab {tabs.tabText(index)!r}", window)
                page = tabs.widget(index)
                if page is not None:
                    self._tabs(stop, window, page)
            tabs.setCurrentIndex(current)
            self.tour.settle()

    def report(self) -> str:
        return "\n".join(f"[{stop}] {cut}" for stop, cut in self.found.values())


@pytest.mark.slow
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_nothing_is_cut_on_any_window(qtbot: QtBot, styled: QApplication, centre: Database,
                                      translations: Translations, language: str, screen: str) -> None:
    translations.install(language)
    tour = Tour(styled, centre, language, screen_named(styled, screen))  # type: ignore[arg-type]
    measure = Measure(tour)
    stops = []
    for stop in tour.stops():
        stops.append(stop.name)
        measure.take(stop.name)
    # The tour went everywhere it says (a stop that silently dropped out would measure nothing).
    assert {"main-window-idle", "missed-calls", "unit-board", "deliveries", "map-tab", "incident-detail",
            "dispatch-timeline", "main-window", "call-answered", "caller-history", "incident-validation",
            "incident-form", "dispatch-dialog", "line-down", "shortcuts", "database-outage", "lock-screen",
            "settings-operator", "handover", "main-window-supervisor", "supervisor-window", "phone-messages",
            "map-choropleth", "audit-log", "reports", "settings-3", "admin-agencies", "admin-units", "smtp-settings",
            "admin-operators", "admin-questions", "login"} <= set(stops)
    assert not measure.found, f"{len(measure.found)} texts cut at {screen} ({language}):\n{measure.report()}"


# -- what the text measure cannot see: painted areas, chart ticks, colours --------------------------------------

def test_the_key_list_is_solid_and_the_ringing_calls_stay_in_sight(qtbot: QtBot, styled: QApplication,
                                                                   console: Console) -> None:
    window = console.window
    window.resize(1366, 768)
    console.ring("081234567801")
    qtbot.waitUntil(lambda: len(window.banner.call_ids()) == 1, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=3000)
    # Solid: what lies under the list (here the side panel, switched from one tab to another) never shows through.
    area = QRect(overlay.mapTo(window, QPoint(0, 0)), overlay.size())
    tabs = window.side_tabs
    assert tabs is not None
    pictures = []
    for index in (0, 2):
        tabs.setCurrentIndex(index)
        console.idle(qtbot)
        qtbot.wait(50)
        pictures.append(window.grab(area).toImage())
    assert pictures[0] == pictures[1]
    # The ringing banner stays visible above the list: a call never hides behind it.
    banner = window.banner
    assert banner.isVisible() and not overlay.geometry().intersects(banner.geometry())
    assert overlay.geometry().top() == banner.geometry().bottom() + 1


def test_a_line_down_is_written_white_on_red(qtbot: QtBot, styled: QApplication) -> None:
    bar = NoticeBar()
    qtbot.addWidget(bar)
    bar.show()
    calm = bar.label.palette().color(QPalette.ColorRole.WindowText)
    bar.set_notice("lines", "line", "SALURAN TERPUTUS: COM3 modem")
    assert bar.label.palette().color(QPalette.ColorRole.WindowText) == QColor("#ffffff") != calm
    bar.set_notice("lines", None)
    assert bar.label.palette().color(QPalette.ColorRole.WindowText) == calm
