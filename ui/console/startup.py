"""Before the login: the database the console will use, made ready (or explained) without freezing the splash.

Slow steps (creating the demo database, checking or upgrading the schema, compiling translations) run on a
thread while the GUI thread keeps painting; the questions and explanations are dialogs on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QMessageBox

from callcenter.clock import utcnow
from callcenter.db import migrate
from callcenter.db.database import Database, data_dir, sqlite_url
from callcenter.db.refdata import load_reference_data
from callcenter.errors import (
    DatabaseMissing,
    DatabaseNotInitialised,
    DatabaseTooNew,
    DatabaseUnavailable,
    UserFixableError,
)
from callcenter.services.demo import DemoLogins, seed_demo
from ui.errors import error_text

log = logging.getLogger("konsol112.console")
T = TypeVar("T")


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def in_background(app: QApplication, work: Callable[[], T]) -> T:
    """Run slow start-up work off the GUI thread while the splash keeps painting; its error is raised here."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised on the GUI thread below
            result["error"] = exc

    thread = threading.Thread(target=target, name="startup", daemon=True)
    thread.start()
    while thread.is_alive():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.02)
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]


def demo_database_path() -> Path:
    return data_dir() / "demo" / "konsol112-demo.sqlite3"


def prepare_demo_database(path: Path, *, seed: int, progress: Callable[[str], None]) -> str:
    """Create (or re-create) the demo database: schema, reference data and three days of history."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.unlink()
    url = sqlite_url(path)
    db = Database(url)
    try:
        progress(_t("Creating the demo database ..."))
        _set_up(db)
        progress(_t("Adding three days of demo history ..."))
        seed_demo(db, days=3, calls_per_day=150, seed=seed, progress=progress, logins=DemoLogins.DEMO)
    finally:
        db.dispose()
    return url


def _set_up(db: Database) -> None:
    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, utcnow())


def _schema_problem(db: Database) -> UserFixableError | None:
    try:
        migrate.check_schema(db)
    except UserFixableError as exc:
        return exc
    return None


def database_ready(app: QApplication, db: Database) -> bool:
    """True when the schema is right; otherwise explain in plain words (and offer to set up an empty
    database). The checks and the set-up run off the GUI thread."""
    problem = in_background(app, lambda: _schema_problem(db))
    if problem is None:
        return True
    where = db.display_url()
    if isinstance(problem, DatabaseTooNew):
        QMessageBox.critical(None, _t("Konsol 112 is too old for this database"), error_text(problem))
    elif isinstance(problem, DatabaseNotInitialised) and problem.code == "database.empty":
        if QMessageBox.question(None, _t("The database is empty"), _t(
                "The database {db} has no Konsol 112 tables yet. Set it up now?").format(db=where)) \
                == QMessageBox.StandardButton.Yes:
            try:
                in_background(app, lambda: _set_up(db))
            except UserFixableError as exc:
                QMessageBox.critical(None, _t("The database is not ready"), error_text(exc))
                return False
            return True
    elif isinstance(problem, DatabaseNotInitialised):
        QMessageBox.critical(None, _t("The database is not ready"), _t(
            "The database {db} cannot be used as it is: {detail}.").format(db=where, detail=error_text(problem)))
    elif isinstance(problem, DatabaseUnavailable):
        QMessageBox.critical(None, _t("The database cannot be reached"), _t(
            "Konsol 112 cannot open the database {db}: {detail}. Check the network cable or the server, "
            "then start Konsol 112 again.").format(db=where, detail=problem))
    else:
        QMessageBox.critical(None, _t("The database is not ready"), error_text(problem))
    return False


def open_database(app: QApplication, url: str) -> Database | None:
    """The database at ``url``, or None after saying why it cannot be used (a bad URL, a missing driver). A SQLite
    file that is not there yet is created (and set up) only after the admin says yes: a mistyped path must not
    leave an empty database and its folders behind."""
    try:
        return Database(url, create=False)
    except DatabaseMissing as exc:
        return _offer_new_database(app, url, exc)
    except UserFixableError as exc:
        log.error("database %s not opened: %s", url, exc)
        QMessageBox.critical(None, _t("The database cannot be reached"), error_text(exc))
        return None
    except Exception as exc:
        log.error("database %s not opened: %s", url, exc)
        QMessageBox.critical(None, _t("The database cannot be reached"), _t(
            "Konsol 112 cannot use the database address {db}: {detail}").format(db=url, detail=exc))
        return None


def _offer_new_database(app: QApplication, url: str, missing: DatabaseMissing) -> Database | None:
    answer = QMessageBox.question(None, _t("There is no database yet"), _t(
        "There is no Konsol 112 database at {db}. Create a new, empty one there now?").format(
            db=missing.params.get("path", url)))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        db = Database(url, create=True)
    except UserFixableError as exc:
        QMessageBox.critical(None, _t("The database is not ready"), error_text(exc))
        return None
    try:
        in_background(app, lambda: _set_up(db))
    except UserFixableError as exc:
        db.dispose()
        QMessageBox.critical(None, _t("The database is not ready"), error_text(exc))
        return None
    return db
