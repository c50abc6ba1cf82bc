"""Schema migrations through Alembic, and the refusal to open a database newer than this program."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from callcenter.db.database import Database
from callcenter.db.roles import act_as_owner
from callcenter.errors import DatabaseNotInitialised, DatabaseTooNew

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.connection() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database) -> tuple[str | None, str]:
    """Bring the schema to this program's head; returns (before, after). Refuses a newer database."""
    before = current_revision(db)
    if before is not None and before not in known_revisions():
        raise DatabaseTooNew(before, head_revision())
    with db.connection() as connection:
        if db.is_sqlite:
            # SQLite alters a table by copying it; with foreign keys enforced, dropping the old copy of a
            # referenced table fails. The standard recipe: off for the migration (it must be set outside a
            # transaction), then prove nothing dangles before switching it back on.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    command.upgrade(_config(connection), "head")
                    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if dangling:
                        raise RuntimeError(f"migration left {len(dangling)} dangling foreign key(s): {dangling[:3]}")
            finally:
                raw.execute("PRAGMA foreign_keys=ON")
        elif before != head_revision():  # at head there is nothing to do, and a desk's role may say so
            with connection.begin():
                # Whoever connected (the owner, or the postgres superuser), the schema belongs to the owner role.
                act_as_owner(connection)
                command.upgrade(_config(connection), "head")
    return before, head_revision()


def check_schema(db: Database) -> None:
    """Raise unless the database is at exactly this program's schema (called before anything opens it)."""
    revision = current_revision(db)
    if revision is None:
        with db.connection() as connection:
            has_tables = bool(inspect(connection).get_table_names())
        if not has_tables:
            raise DatabaseNotInitialised("the database has no Konsol 112 tables yet; run 'python main.py db upgrade'",
                                         code="database.empty")
        raise DatabaseNotInitialised("the database holds tables that are not Konsol 112's; point --db at another "
                                     "database", code="database.foreign")
    if revision not in known_revisions():
        raise DatabaseTooNew(revision, head_revision())
    if revision != head_revision():
        raise DatabaseNotInitialised(
            f"the database schema is older ({revision}) than this program; run 'python main.py db upgrade'",
            code="database.too_old", database=revision, program=head_revision())
