"""Fixtures for the high-availability tests: a real etcd + Patroni + PostgreSQL cluster (tests/ha/cluster.py).

The cluster is started once for tests/ha (package scope) and stopped at its end. Without patroni, etcd or
the PostgreSQL server binaries the tests are skipped, except in CI (CALLCENTER_REQUIRE_PG=1), where .ci/run
installs them and a skip would hide a broken failover.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from callcenter.db.database import Database
from callcenter.db.enums import Role
from tests.ha.cluster import PatroniCluster, missing_tools

REQUIRE = os.environ.get("CALLCENTER_REQUIRE_PG") == "1"
FIGURES: list[dict[str, Any]] = []
"""What the failover tests measured, printed at the end of the run (docs/reliability.md quotes them)."""


def record_figures(scenario: str, **figures: Any) -> None:
    FIGURES.append({"scenario": scenario, **figures})


@pytest.fixture(scope="package")
def ha_cluster() -> Iterator[PatroniCluster]:
    if sys.platform == "win32":
        pytest.skip("the HA cluster runs on Linux servers")
    missing = missing_tools()
    if missing:
        message = f"high-availability tests need {', '.join(missing)} (Debian: apt-get install patroni etcd-server)"
        if REQUIRE:
            pytest.fail(message + " but CALLCENTER_REQUIRE_PG=1", pytrace=False)
        pytest.skip(message)
    cluster = PatroniCluster.create(3)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="package")
def ha_operators(ha_cluster: PatroniCluster) -> list[tuple[int, str]]:
    """The schema, the reference data and two operators, written through the multi-host URL."""
    from callcenter.db import migrate
    from callcenter.db.refdata import load_reference_data
    from callcenter.services.auth import AuthService
    from callcenter.services.base import SYSTEM

    db = Database(ha_cluster.url())
    try:
        migrate.upgrade(db)
        with db.write() as session:
            load_reference_data(session, datetime(2026, 1, 1, tzinfo=UTC))
        auth = AuthService(db)
        operators = []
        for name in ("desk_a", "desk_b"):
            info = auth.create_operator(SYSTEM, name, name.title(), Role.OPERATOR, "rahasia-123456")
            operators.append((info.id, info.username))
        return operators
    finally:
        db.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("high availability: measured figures")
    for figures in FIGURES:
        terminalreporter.write_line("  ".join(f"{key}={value}" for key, value in figures.items()))
