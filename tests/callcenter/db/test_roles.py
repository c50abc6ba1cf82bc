"""db upgrade's role model: every table decided, unsafe application roles refused, the owner acting for postgres."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from callcenter.db import migrate
from callcenter.db.database import Database
from callcenter.db.models import Base
from callcenter.db.roles import (
    APP_ROLE,
    OWNER_ROLE,
    TABLE_PRIVILEGES,
    connection_warning,
    grant_application_role,
)
from callcenter.errors import DatabaseRoleError, DatabaseUnavailable
from tests.pg import PostgresCluster, as_role

_names = itertools.count(1)


def test_every_table_has_a_decision() -> None:
    """A new table is refused to the desks until someone writes down here what they may do with it."""
    assert set(TABLE_PRIVILEGES) == set(Base.metadata.tables) | {"alembic_version"}
    assert TABLE_PRIVILEGES["audit_log"] == ("SELECT", "INSERT")
    for privileges in TABLE_PRIVILEGES.values():
        assert set(privileges) <= {"SELECT", "INSERT", "UPDATE", "DELETE"}


@pytest.fixture
def probe_role(pg_cluster: PostgresCluster, pg_db: Database) -> Iterator[str]:
    """A throwaway role (roles belong to the whole cluster), dropped afterwards with what it was granted."""
    name = f"probe{os.getpid()}_{next(_names)}"
    pg_cluster._execute(f"CREATE ROLE {name} LOGIN")
    yield name
    pg_db.dispose()
    pg_cluster._execute(f"DROP OWNED BY {name}", database=str(pg_db.engine.url.database))
    pg_cluster._execute(f"DROP ROLE {name}")


@pytest.fixture
def fresh(pg_cluster: PostgresCluster) -> Iterator[str]:
    """An empty database of the owner role, as deployment.md creates it; the name."""
    name = f"roles{os.getpid()}_{next(_names)}"
    pg_cluster.create_empty_database(name)
    yield name


def test_upgrade_as_postgres_builds_everything_for_the_owner(pg_cluster: PostgresCluster, fresh: str) -> None:
    superuser = Database(pg_cluster.superuser_url(fresh))
    migrate.upgrade(superuser)
    summary = grant_application_role(superuser)
    with superuser.read() as session:
        owners = set(session.execute(text("SELECT DISTINCT tableowner FROM pg_tables "
                                          "WHERE schemaname = current_schema()")).scalars())
        functions = set(session.execute(text(
            "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE 'konsol112%'")).scalars())
    superuser.dispose()
    assert owners == functions == {OWNER_ROLE}
    assert summary.owner == OWNER_ROLE and summary.can_login
    described = "\n".join(summary.describe())
    assert f"application role {APP_ROLE}" in described and "operators.password_hash" in described


def test_the_desks_role_cannot_run_db_upgrade(pg_cluster: PostgresCluster, fresh: str) -> None:
    desk = Database(pg_cluster.url(fresh))
    with pytest.raises(DatabaseRoleError) as refused:
        migrate.upgrade(desk)
    desk.dispose()
    assert refused.value.reason == "not_owner" and OWNER_ROLE in str(refused.value)


def test_a_missing_application_role_is_named_with_how_to_create_it(pg_db: Database) -> None:
    owner = Database(as_role(pg_db.url, OWNER_ROLE))
    with pytest.raises(DatabaseRoleError) as refused:
        grant_application_role(owner, "konsol112_nobody")
    owner.dispose()
    assert refused.value.reason == "app_role_missing"
    assert "createuser --pwprompt konsol112_nobody" in str(refused.value)


@pytest.mark.parametrize(("make_unsafe", "reason"), [
    ("ALTER ROLE {role} SUPERUSER", "app_role_unsafe"),
    ("ALTER ROLE {role} CREATEROLE", "app_role_unsafe"),
    ("GRANT " + OWNER_ROLE + " TO {role}", "app_role_member"),
])
def test_an_application_role_that_could_undo_the_grants_is_refused(
        pg_cluster: PostgresCluster, pg_db: Database, probe_role: str, make_unsafe: str, reason: str) -> None:
    pg_cluster._execute(make_unsafe.format(role=probe_role))
    owner = Database(as_role(pg_db.url, OWNER_ROLE))
    with pytest.raises(DatabaseRoleError) as refused:
        grant_application_role(owner, probe_role)
    owner.dispose()
    assert refused.value.reason == reason and refused.value.code == "database.not_ready"


def test_the_owner_as_application_role_is_refused(pg_db: Database) -> None:
    owner = Database(as_role(pg_db.url, OWNER_ROLE))
    with pytest.raises(DatabaseRoleError) as refused:
        grant_application_role(owner, OWNER_ROLE)
    owner.dispose()
    assert refused.value.reason == "app_role_owns"


def test_a_desk_connected_as_the_owner_is_warned(pg_db: Database, sqlite_db: Database) -> None:
    assert connection_warning(pg_db) is None
    assert connection_warning(sqlite_db) is None
    owner = Database(as_role(pg_db.url, OWNER_ROLE))
    warning = connection_warning(owner)
    owner.dispose()
    assert warning is not None and OWNER_ROLE in warning and APP_ROLE in warning


def test_grants_follow_the_schema_again_and_again(pg_cluster: PostgresCluster, pg_db: Database,
                                                  probe_role: str) -> None:
    """Another application role, granted twice: the second run changes nothing and leaves no extra rights."""
    owner = Database(as_role(pg_db.url, OWNER_ROLE))
    grant_application_role(owner, probe_role)
    with owner.read() as session:
        first = session.execute(text("SELECT count(*) FROM information_schema.role_table_grants "
                                     "WHERE grantee = :r"), {"r": probe_role}).scalar()
    grant_application_role(owner, probe_role)
    with owner.read() as session:
        second = session.execute(text("SELECT count(*) FROM information_schema.role_table_grants "
                                      "WHERE grantee = :r"), {"r": probe_role}).scalar()
    owner.dispose()
    assert first == second == sum(len(p) for t, p in TABLE_PRIVILEGES.items() if t != "operators") + 2


def test_a_centre_set_up_before_roles_moves_to_them_as_the_guide_says(pg_cluster: PostgresCluster,
                                                                      probe_role: str) -> None:
    """docs/deployment.md, 'Centres set up before roles': one role owned everything and every desk used it."""
    legacy = probe_role
    name = f"legacy{os.getpid()}_{next(_names)}"
    pg_cluster._execute(f'CREATE DATABASE "{name}" OWNER {legacy}')
    old = Database(as_role(pg_cluster.superuser_url(name), legacy))
    migrate.upgrade(old)  # the old way: the desks' own role builds the schema
    with pytest.raises(DatabaseRoleError) as refused:  # db upgrade names the problem
        grant_application_role(old, legacy)
    assert refused.value.reason == "app_role_owns"
    old.dispose()
    pg_cluster._execute(f"REASSIGN OWNED BY {legacy} TO {OWNER_ROLE}", database=name)
    superuser = Database(pg_cluster.superuser_url(name))
    migrate.upgrade(superuser)
    grant_application_role(superuser)
    superuser.dispose()
    desk = Database(as_role(pg_cluster.superuser_url(name), APP_ROLE))
    with pytest.raises(DBAPIError, match="permission denied"), desk.write() as session:
        session.execute(text("DELETE FROM audit_log"))
    desk.dispose()
    old = Database(as_role(pg_cluster.superuser_url(name), legacy))  # the old role: not even let in any more
    with pytest.raises(DatabaseUnavailable, match="permission denied for database"), old.write() as session:
        session.execute(text("DELETE FROM audit_log"))
    old.dispose()
    pg_cluster._execute(f"DROP OWNED BY {legacy}", database=name)
