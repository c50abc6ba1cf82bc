"""The console, assembled: ``run(args)`` is what ``python main.py`` (no command) does.

Order, each step logged with its time: the Qt application, the log file and the crash hook, the language (compiled
off the GUI thread), the database (the demo's, created; or the configured one, checked), then the session: the
background parts, the login, the window.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSplashScreen

from callcenter.db.database import resolve_url
from ui.app import create_application, icon
from ui.console.crash import CrashReporter, start_log_file
from ui.console.session import ConsoleSession
from ui.console.startup import database_ready, demo_database_path, in_background, open_database, prepare_demo_database
from ui.i18n import Translations
from ui.preferences import saved_language

log = logging.getLogger("konsol112.console")


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def step(text: str) -> None:
        log.info("[%5.2f s] %s", time.perf_counter() - started, text)

    app = create_application(sys.argv[:1])
    log_path = start_log_file()
    CrashReporter(log_path, app).install()
    splash = QSplashScreen(icon("app").pixmap(256, 256))
    splash.show()
    language = args.lang or saved_language()
    translations = Translations()
    in_background(app, lambda: translations.prepare(language))  # lrelease, off the GUI thread
    translations.install(language)
    step(f"Qt application and language '{language}' ready (log file {log_path})")

    def say(text: str) -> None:
        splash.showMessage(text, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)

    try:
        if args.demo:
            say(_t("Preparing the demo ..."))
            seed = random.randrange(1, 1_000_000)
            url = in_background(app, lambda: prepare_demo_database(demo_database_path(), seed=seed,
                                                                  progress=lambda m: log.info("demo: %s", m)))
            step(f"demo database ready at {demo_database_path()}")
        else:
            url = resolve_url(args.db)
        say(_t("Opening the database ..."))
        db = open_database(app, url)
        if db is None:
            splash.close()
            return 1
        if not database_ready(app, db):
            splash.close()
            db.dispose()
            return 1
        step(f"database {db.display_url()} checked")
        session = ConsoleSession(app, db, url, translations, splash, demo=args.demo, started=started, log_path=log_path)
        try:
            session.start()
            return session.run()
        finally:
            session.stop()
    finally:
        translations.remove()  # an early "no" leaves no language installed for whoever runs next
