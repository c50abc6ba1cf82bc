"""The audit trail cannot be rewritten: not by the services (they only insert), not by hand in SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from tests.callcenter.services.conftest import make_actor
from tests.conftest import REPO


def test_update_and_delete_are_refused_by_the_database(db: Database, owner_db: Database, clock: ManualClock) -> None:
    make_actor(db, clock, "asep", Role.OPERATOR)  # writes an audit row
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar()
    # A desk (on PostgreSQL the application role) lacks the privilege; even the schema's owner, who has it,
    # meets the append-only triggers. SQLite has no roles: the triggers alone.
    for database, refusal in ((db, "append-only" if db.is_sqlite else "permission denied"),
                              (owner_db, "append-only")):
        for statement in ("UPDATE audit_log SET username = 'someone else'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError) as refused, database.write() as session:
                session.execute(text(statement))
            assert refusal in str(refused.value)
        if db.dialect == "postgresql":
            with pytest.raises(DBAPIError), database.write() as session:
                session.execute(text("TRUNCATE audit_log"))
    with db.read() as session:
        assert session.execute(text("SELECT username FROM audit_log")).scalars().all() == ["system"]


def test_no_code_updates_or_deletes_audit_rows() -> None:
    """The services write AuditEntry rows only through insert(); nothing calls update()/delete() on it."""
    offenders = []
    for path in (REPO / "callcenter").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("update", "delete")
                    and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == "AuditEntry"):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
        source = path.read_text(encoding="utf-8").lower()
        if "update audit_log" in source or "delete from audit_log" in source:
            offenders.append(str(Path(path).relative_to(REPO)))
    assert offenders == []
