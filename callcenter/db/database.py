"""Engine and sessions for SQLite (one desk, WAL) and PostgreSQL (a whole centre).

``Database.read()`` gives a session for queries; ``Database.write()`` a session whose transaction takes the
write lock up front on SQLite (BEGIN IMMEDIATE), so a read-then-write never fails half way, and commits on
success. Environment failures surface as ``DatabaseUnavailable`` (``DatabaseSwitching`` while a PostgreSQL
failover is under way); everything else propagates untouched. ``Database.health`` tells the console whether the
database is live, switching or away.

PostgreSQL may be given as several servers (libpq multi-host, see ``callcenter.db.urls``): connections then go
to whichever is the primary, and an error meaning "this server is no longer the primary" (read-only, shutting
down, in recovery) throws away the whole pool, so the next attempt connects to the new one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from callcenter.db import urls
from callcenter.db.health import HealthMonitor, LinkState
from callcenter.errors import DatabaseMissing, DatabaseSwitching, DatabaseUnavailable, DatabaseUrlError
from callcenter.redact import redact_url

APP_NAME = "Konsol112"
APP_AUTHOR = "Diskominfo Purwakarta"
ENV_DB = "CALLCENTER_DB"
SQLITE_BUSY_TIMEOUT_MS = 5000
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
SQLITE_HEADER = b"SQLite format 3\x00"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_sqlite_path() -> Path:
    return data_dir() / "konsol112.sqlite3"


def resolve_url(explicit: str | None) -> str:
    """``--db`` wins, then ``$CALLCENTER_DB``, then the SQLite file in the user data directory."""
    if explicit:
        return explicit
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return from_env
    return sqlite_url(default_sqlite_path())


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def parse_database_url(url: str) -> URL:
    """The parsed URL (a PostgreSQL host list in libpq's form, see ``callcenter.db.urls``), or
    ``DatabaseUrlError`` saying in one sentence why Konsol 112 cannot use it. Opens nothing."""
    url = urls.normalize_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseUrlError(
            f"{redact_url(url)!r} is not a database URL; write sqlite:///PATH/konsol112.sqlite3 or "
            "postgresql+psycopg://USER@HOST/DATABASE", code="database.bad_url", url=redact_url(url)) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseUrlError(f"Konsol 112 works with SQLite and PostgreSQL databases, not {backend!r}",
                               code="database.unsupported", backend=backend)
    try:
        parsed.get_dialect().import_dbapi()
    except (ImportError, NoSuchModuleError):
        raise DatabaseUrlError(
            f"the database driver {parsed.get_driver_name()!r} is not installed; write "
            f"{'postgresql+psycopg' if backend == 'postgresql' else 'sqlite'}:// to use the one Konsol 112 brings",
            code="database.no_driver", driver=parsed.get_driver_name()) from None
    return parsed


def sqlite_file(parsed: URL) -> Path | None:
    """The file a SQLite URL names; None for an in-memory or ``file:`` URI database (and for PostgreSQL)."""
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def check_sqlite_file(path: Path) -> bool:
    """True when ``path`` is an existing SQLite database file, False when nothing is there yet; raises when it is a
    folder or a file of another kind. Reads 16 bytes and changes nothing."""
    if path.is_dir():
        raise DatabaseUrlError(f"{path} is a folder, not a database file", code="database.folder", path=str(path))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DatabaseUnavailable(f"the database file {path} cannot be read: {exc.strerror or exc}",
                                  path=str(path)) from exc
    if header and header != SQLITE_HEADER:  # an empty file is a new, empty SQLite database
        raise DatabaseUrlError(f"{path} is not a SQLite database file", code="database.not_sqlite", path=str(path))
    return True


def create_sqlite_file(path: Path) -> None:
    """Create a new database file (and its folder), readable and writable by its owner only.

    The mode is set here, when this program creates the file, and nowhere else: a file someone else made keeps the
    mode they gave it (SQLite gives its -wal and -shm files the mode of the database file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR))
    except FileExistsError:
        pass  # created a moment ago by another process: theirs, and left as it is
    except OSError as exc:
        raise DatabaseUnavailable(f"the database file {path} cannot be created: {exc.strerror or exc}",
                                  path=str(path)) from exc


# SQLSTATEs of a server that is no longer (or not yet) the primary: read-only transaction (a standby, or a
# primary Patroni demoted), administrator/crash shutdown, "cannot connect now" (starting up, in recovery).
NOT_PRIMARY_SQLSTATES = frozenset({"25006", "57P01", "57P02", "57P03"})


def make_engine(url: str, *, create: bool = True, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
                **kwargs: Any) -> Engine:
    """An engine for ``url``. A SQLite file that does not exist is created only with ``create`` (``db upgrade``,
    the console's first-run set-up, tests and tools); otherwise ``DatabaseMissing`` says how to create it."""
    url = urls.normalize_url(url)
    parsed = parse_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(parsed)
        if path is not None and not check_sqlite_file(path):
            if not create:
                raise DatabaseMissing(f"there is no database at {path}; create it with 'python main.py db upgrade "
                                      f"--db {url}'", path=str(path))
            create_sqlite_file(path)
        engine = create_engine(
            parsed,
            connect_args={"timeout": sqlite_busy_timeout_ms / 1000, "check_same_thread": False},
            **kwargs,
        )
        _configure_sqlite(engine, sqlite_busy_timeout_ms)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 5)
    kwargs.setdefault("max_overflow", 10)
    if parsed.get_backend_name() == "postgresql":
        kwargs["connect_args"] = urls.missing_connect_defaults(url) | dict(kwargs.get("connect_args", {}))
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "handle_error", _drop_pool_when_not_primary)
    return engine


def _sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", error)
    state = getattr(original, "sqlstate", None)
    return state if isinstance(state, str) else None


def _drop_pool_when_not_primary(context: ExceptionContext) -> None:
    """A server that turned read-only or is shutting down will not be the primary again soon: treat it as a
    disconnect, so SQLAlchemy invalidates this connection and every other one pooled before it."""
    state = _sqlstate(context.original_exception)
    if state in NOT_PRIMARY_SQLSTATES or (state or "").startswith("08"):
        context.is_disconnect = True


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed call survives a power cut. In WAL mode NORMAL may lose the last transactions when
        # the machine (not the program) stops; FULL syncs the WAL at every commit (DESIGN: reliability).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_unavailable(error: BaseException) -> bool:
    """True when a DBAPI error means the database cannot be reached or written (not a defect)."""
    if isinstance(error, OperationalError):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    state = _sqlstate(error)
    if state in NOT_PRIMARY_SQLSTATES or (state or "").startswith("08"):
        return True
    # SQLite reports these conditions only in words (no SQLSTATE).
    text = str(getattr(error, "orig", error)).lower()
    return any(marker in text for marker in ("readonly", "read-only", "disk is full", "database is locked",
                                             "file is not a database"))


class Database:
    """The engine plus session factories; the one object services share to reach the data."""

    def __init__(self, url: str, *, engine: Engine | None = None, create: bool = True, **engine_kwargs: Any) -> None:
        self.url = urls.normalize_url(url)
        self.engine = engine if engine is not None else make_engine(self.url, create=create, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.multi_host = urls.is_multi_host(self.url)
        self.health = HealthMonitor()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def display_url(self) -> str:
        """The address for people and logs: passwords hidden, every server of a multi-host URL listed."""
        return urls.display_url(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            if is_unavailable(exc):
                raise self._unavailable(exc) from exc
            raise
        self.health.ok()

    @contextmanager
    def write(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                if self.is_sqlite:
                    session.connection(execution_options={"sqlite_immediate": True})
                yield session
                session.commit()
        except DBAPIError as exc:
            if is_unavailable(exc):
                raise self._unavailable(exc) from exc
            raise
        self.health.ok()

    @contextmanager
    def connection(self, *, transaction: bool = False) -> Iterator[Connection]:
        """A plain connection (migrations, bulk Core work), with the same error translation."""
        try:
            with (self.engine.begin() if transaction else self.engine.connect()) as connection:
                yield connection
        except DBAPIError as exc:
            if is_unavailable(exc):
                raise self._unavailable(exc) from exc
            raise
        self.health.ok()

    def is_switching_error(self, error: DBAPIError) -> bool:
        """A failover rather than an outage: the server says it is not the primary (any URL), or a server of
        a multi-host URL went away (Patroni will promote another)."""
        if self.is_sqlite:
            return False
        state = _sqlstate(error)
        if state in NOT_PRIMARY_SQLSTATES:
            return True
        return self.multi_host and (isinstance(error, OperationalError) or error.connection_invalidated
                                    or (state or "").startswith("08"))

    def _unavailable(self, exc: DBAPIError) -> DatabaseUnavailable:
        detail = _first_line(exc)
        state = self.health.failed(switching=self.is_switching_error(exc), detail=detail)
        if state is LinkState.SWITCHING:
            return DatabaseSwitching(f"the database is switching to another server: {detail}", detail=detail)
        if "readonly" in detail.lower():  # SQLite: the file (or its folder) may be read but not written by this user
            return DatabaseUnavailable(f"the database is read-only for this user ({detail}); ask for write "
                                       "permission or use another copy", detail=detail)
        return DatabaseUnavailable(f"the database cannot be used right now: {detail}", detail=detail)

    def dispose(self) -> None:
        self.engine.dispose()


def _first_line(exc: DBAPIError) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
