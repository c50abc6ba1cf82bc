"""Shared fixtures: real SQLite files and a real, throwaway PostgreSQL cluster.

The Qt platform is set before anything can load Qt, so GUI tests run offscreen everywhere.
"""

from __future__ import annotations

import os
import tempfile

import tests.screens  # noqa: F401  (first: the Qt platform and its screens, before anything loads Qt)

# A profile of the test run's own: settings, drafts, spools and caches never touch the user's (or another run's).
os.environ["KONSOL112_TEST_PROFILE"] = tempfile.mkdtemp(prefix="konsol112-test-profile-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(os.environ["KONSOL112_TEST_PROFILE"], "config")
os.environ["XDG_DATA_HOME"] = os.path.join(os.environ["KONSOL112_TEST_PROFILE"], "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(os.environ["KONSOL112_TEST_PROFILE"], "cache")
os.environ["XDG_STATE_HOME"] = os.path.join(os.environ["KONSOL112_TEST_PROFILE"], "state")
# Environment noise, not defects: no audio server (pipewire) or font cache on a headless CI machine.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")

import itertools
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database, sqlite_url
from callcenter.db.roles import OWNER_ROLE
from tests.pg import PostgresCluster, find_pg_bin

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # the team's shared reference material, beside the repository


def shared_path(*parts: str) -> Path:
    """A file or folder of ``../shared``; a missing one fails the test with the reason (never a silent skip)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: these tests read the shared reference material found beside the "
                    "repository (../shared)", pytrace=False)
    return path
REQUIRE_PG = os.environ.get("CALLCENTER_REQUIRE_PG") == "1"
_pg_counter = itertools.count(1)
_pg_results = {"passed": 0, "failed": 0, "skipped": 0}


def _prepare(db: Database) -> None:
    from callcenter.db import migrate
    from callcenter.db.refdata import load_reference_data

    migrate.upgrade(db)
    with db.write() as session:
        load_reference_data(session, datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database with reference data; each test gets a copy (fast)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(sqlite_url(path))
    _prepare(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    url = os.environ.get("CALLCENTER_TEST_PG_URL")
    if url:
        cluster = PostgresCluster.external(url)
    else:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            message = "PostgreSQL server binaries (initdb, pg_ctl) not found: PostgreSQL tests skipped"
            if REQUIRE_PG:
                pytest.fail(message + " but CALLCENTER_REQUIRE_PG=1", pytrace=False)
            pytest.skip(message)
        cluster = PostgresCluster.start(bin_dir)
    try:
        # As db upgrade does it: the superuser connects, the migration acts as the owner, then the grants.
        from callcenter.db.roles import grant_application_role

        template = Database(cluster.superuser_url(cluster.template_name))
        _prepare(template)
        grant_application_role(template)
        template.dispose()
        yield cluster
    finally:
        cluster.stop()


def _sqlite_db(template: Path, tmp_path: Path) -> Database:
    path = tmp_path / "konsol112.sqlite3"
    shutil.copyfile(template, path)
    return Database(sqlite_url(path))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database with reference data, on each backend; on PostgreSQL connected as the
    application role, as every desk is (``owner_db`` is the same database as its owner, for admin work)."""
    if request.param == "sqlite":
        database = _sqlite_db(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        database = Database(cluster.create_database(f"t{os.getpid()}_{next(_pg_counter)}"))
    yield database
    database.dispose()


@pytest.fixture
def owner_db(db: Database) -> Iterator[Database]:
    """``db`` as the schema owner would see it (migrations, reference data, tampering by hand); on SQLite the same
    file, since one file has no roles."""
    if db.is_sqlite:
        yield db
        return
    from tests.pg import as_role

    database = Database(as_role(db.url, OWNER_ROLE))
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    database = _sqlite_db(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_cluster: PostgresCluster) -> Iterator[Database]:
    """A fresh PostgreSQL database connected as the application role (a desk)."""
    database = Database(pg_cluster.create_database(f"t{os.getpid()}_{next(_pg_counter)}"))
    yield database
    database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))  # 10:00 WIB, pagi shift


def _uses_pg(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("db") == "postgresql":
        return True
    return "pg_db" in getattr(item, "fixturenames", ()) or "pg_cluster" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if not _uses_pg(item):
        return
    if report.when == "call" and report.passed:
        _pg_results["passed"] += 1
    elif report.failed:
        _pg_results["failed"] += 1
    elif report.skipped and report.when == "setup":
        _pg_results["skipped"] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(
        f"PostgreSQL tests: {_pg_results['passed']} passed, {_pg_results['failed']} failed, "
        f"{_pg_results['skipped']} skipped"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["KONSOL112_TEST_PROFILE"], ignore_errors=True)
