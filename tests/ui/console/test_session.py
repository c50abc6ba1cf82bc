"""The console's session as ui.console runs it: the lines opened before the login show in the window's strip."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QSplashScreen
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.services.base import SYSTEM
from callcenter.services.source_config import SourceConfigService
from tests.ui.conftest import make_actor
from ui.console.session import ConsoleSession
from ui.i18n import Translations


def test_a_line_opened_before_the_login_shows_in_the_new_window(qtbot: QtBot, sqlite_db: Database,
                                                                 clock: ManualClock, translations: Translations,
                                                                 tmp_path: Path) -> None:
    SourceConfigService(sqlite_db, clock).add(SYSTEM, "Telkom 112", "sim://?rate=0.01&seed=3", socket.gethostname())
    actor = make_actor(sqlite_db, clock, "asep")
    translations.install("id")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    session = ConsoleSession(app, sqlite_db, str(sqlite_db.url), translations, QSplashScreen(), demo=False,
                             started=time.perf_counter(), log_path=None)
    try:
        session.start()
        desk = session._build(actor, "id")
        desk.window.confirm_close = False
        qtbot.addWidget(desk.window)
        [source] = session.lines.sources
        qtbot.waitUntil(lambda: desk.window.line_strip.chip_text(source.key).startswith("Telkom 112"), timeout=5000)
    finally:
        session.stop()
