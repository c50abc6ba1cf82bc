"""A desk's database login cannot touch the audit trail, the schema or the password hashes (PostgreSQL).

Connected as the application role, as every desk and the line service are: everything an attacker with a desk's
credentials would try first is refused by the server itself, and the role holds exactly the privileges of
callcenter.db.roles.TABLE_PRIVILEGES, nothing more.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.roles import APP_ROLE, OWNER_ROLE, SECRET_COLUMNS, TABLE_PRIVILEGES, grant_application_role
from callcenter.services.auth import AuthService
from tests.callcenter.services.conftest import make_actor
from tests.pg import PostgresCluster, as_role

REFUSED = [
    ("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete", "must be owner"),
    ("ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner"),
    ("DELETE FROM audit_log", "permission denied"),
    ("UPDATE audit_log SET detail = 'nothing happened'", "permission denied"),
    ("TRUNCATE audit_log", "permission denied"),
    ("ALTER TABLE calls ADD COLUMN note text", "must be owner"),
    ("DROP TABLE change_feed", "must be owner"),
    ("CREATE TABLE loot (x text)", "permission denied"),
    ("CREATE TEMPORARY TABLE loot (x text)", "permission denied"),
    # The real attack: replace the append-only trigger's function with one that lets everything through.
    ("CREATE OR REPLACE FUNCTION konsol112_audit_append_only() RETURNS trigger LANGUAGE plpgsql "
     "AS 'BEGIN RETURN OLD; END'", "permission denied|must be owner"),
    ("SELECT password_hash FROM operators", "permission denied"),
    ("SELECT * FROM operators", "permission denied"),
    ("UPDATE alembic_version SET version_num = '0001'", "permission denied"),
    ("INSERT INTO areas (code, name, level, kind) VALUES ('99', 'x', 'kabupaten', 'x')", "permission denied"),
    ("DELETE FROM calls", "permission denied"),
    (f"SET ROLE {OWNER_ROLE}", "permission denied"),
    ("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1)", "permission denied"),
]


_names = itertools.count(1)


@pytest.fixture(scope="module")
def desk(pg_cluster: PostgresCluster) -> Iterator[Database]:
    """A desk's connection to a database whose roles were set by db upgrade itself (also the database-level
    grants, which a copy of the template does not carry), with one operator and one audit row to protect.
    Shared by the module: every statement below is refused, and each test checks that nothing changed."""
    from datetime import UTC, datetime

    url = pg_cluster.create_database(f"approle{os.getpid()}_{next(_names)}")
    owner = Database(as_role(url, OWNER_ROLE))
    grant_application_role(owner)
    owner.dispose()
    database = Database(url)
    make_actor(database, ManualClock(datetime(2026, 3, 2, 3, 0, tzinfo=UTC)), "asep", Role.OPERATOR)
    yield database
    database.dispose()


def _audit_rows(desk: Database) -> int:
    with desk.read() as session:
        return int(session.execute(text("SELECT count(*) FROM audit_log")).scalar() or 0)


@pytest.mark.parametrize(("statement", "refusal"), REFUSED, ids=[s.split(" (")[0][:48] for s, _ in REFUSED])
def test_the_application_role_is_refused(desk: Database, statement: str, refusal: str) -> None:
    before = _audit_rows(desk)
    with pytest.raises(DBAPIError, match=refusal), desk.write() as session:
        session.execute(text(statement))
    assert _audit_rows(desk) == before == 1  # and nothing happened


def test_granting_itself_more_gives_nothing(desk: Database) -> None:
    with desk.write() as session:  # PostgreSQL only warns "no privileges were granted"
        session.execute(text(f"GRANT DELETE, UPDATE, TRUNCATE ON audit_log TO {APP_ROLE}"))
    with pytest.raises(DBAPIError, match="permission denied"), desk.write() as session:
        session.execute(text("DELETE FROM audit_log"))
    assert _audit_rows(desk) == 1


def test_it_works_as_a_desk_and_never_sees_a_digest(desk: Database, clock: ManualClock) -> None:
    assert AuthService(desk, clock).authenticate("asep", "rahasia-123").username == "asep"
    owner = Database(as_role(desk.url, OWNER_ROLE))
    with owner.read() as session:
        operator_id, stored = session.execute(text("SELECT id, password_hash FROM operators")).one()
    owner.dispose()
    with desk.read() as session:
        setting, length = session.execute(text("SELECT * FROM konsol112_password_setting(:id)"),
                                          {"id": operator_id}).one()
        assert session.execute(text("SELECT konsol112_password_matches(:id, :c)"),
                               {"id": operator_id, "c": stored}).scalar() is True
        assert session.execute(text("SELECT konsol112_password_matches(:id, :c)"),
                               {"id": operator_id, "c": setting}).scalar() is False
        assert session.execute(text("SELECT username, role, failed_logins FROM operators")).one()[0] == "asep"
    digest = stored.rsplit("$", 1)[1]
    assert stored == f"{setting}${digest}" and length == len(digest) and digest not in setting


def test_it_holds_exactly_the_listed_privileges(desk: Database) -> None:
    with desk.read() as session:
        tables = session.execute(text(
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = :role AND table_schema = current_schema()"), {"role": APP_ROLE}).all()
        columns = session.execute(text(
            "SELECT table_name, column_name FROM information_schema.column_privileges "
            "WHERE grantee = :role AND privilege_type = 'SELECT' AND table_schema = current_schema()"),
            {"role": APP_ROLE}).all()
        owned = session.execute(text(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = :role"),
            {"role": APP_ROLE}).scalar()
    expected = {(table, privilege) for table, privileges in TABLE_PRIVILEGES.items() for privilege in privileges
                if not (privilege == "SELECT" and table in SECRET_COLUMNS)}
    assert set(tables) == expected
    readable = {column for table, column in columns if table == "operators"}
    assert "password_hash" not in readable and {"id", "username", "role", "locked_until"} <= readable
    assert owned == 0
