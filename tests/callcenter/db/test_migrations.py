from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text, update

from callcenter.db import migrate
from callcenter.db.database import Database
from callcenter.db.enums import AreaLevel
from callcenter.db.models import Agency, Area, Base, Category, ShiftDefinition
from callcenter.db.refdata import load_reference_data
from callcenter.errors import DatabaseNotInitialised, DatabaseTooNew


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       Base.metadata)
    assert differences == []


def test_reference_data_is_purwakarta(db: Database) -> None:
    with db.read() as session:
        counts = dict(session.execute(select(Area.level, func.count()).group_by(Area.level)).all())
        assert counts == {AreaLevel.KABUPATEN: 1, AreaLevel.KECAMATAN: 17, AreaLevel.DESA_KELURAHAN: 192}
        kelurahan = session.scalar(select(func.count()).select_from(Area).where(Area.kind == "kelurahan"))
        assert kelurahan == 9
        nagri_kidul = session.get(Area, "32.14.01.1001")
        assert nagri_kidul is not None and nagri_kidul.parent_code == "32.14.01"
        assert nagri_kidul.latitude is not None and -7 < nagri_kidul.latitude < -6
        damkar = session.scalar(select(Agency).where(Agency.code == "damkar"))
        assert damkar is not None and damkar.phone is None  # no numbers shipped: the admin enters them
        fire = session.scalar(select(Category).where(Category.code == "kebakaran"))
        assert fire is not None and [a.code for a in fire.default_agencies] == ["damkar"]
        night = session.scalar(select(ShiftDefinition).where(ShiftDefinition.code == "malam"))
        assert night is not None and (night.start_time.hour, night.end_time.hour) == (23, 7)


def test_upgrade_again_keeps_admin_edits_and_adds_nothing_twice(db: Database, owner_db: Database) -> None:
    from datetime import UTC, datetime

    with db.write() as session:  # an admin's edit at a desk
        session.execute(update(Agency).where(Agency.code == "damkar").values(phone="(0264) 200113"))
    migrate.upgrade(owner_db)
    with owner_db.write() as session:
        counts = load_reference_data(session, datetime.now(UTC))
    assert counts.areas == counts.agencies == counts.categories == counts.shifts == counts.questions == 0
    with db.read() as session:
        assert session.scalar(select(Agency.phone).where(Agency.code == "damkar")) == "(0264) 200113"


def test_a_database_newer_than_the_program_is_refused(db: Database, owner_db: Database) -> None:
    migrate.check_schema(db)  # at head: fine
    with owner_db.write() as session:  # a newer program's db upgrade
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(DatabaseTooNew) as refused:
        migrate.check_schema(db)
    assert "newer" in str(refused.value)
    with pytest.raises(DatabaseTooNew):
        migrate.upgrade(owner_db)


def test_an_empty_database_asks_for_db_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from callcenter.db.database import sqlite_url

    empty = Database(sqlite_url(tmp_path / "empty.sqlite3"))
    with pytest.raises(DatabaseNotInitialised) as missing:
        migrate.check_schema(empty)
    assert "db upgrade" in str(missing.value)


def test_sqlite_file_is_private_and_in_wal_mode(sqlite_db: Database) -> None:
    import os
    import stat
    import sys
    from pathlib import Path

    with sqlite_db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    if sys.platform != "win32":
        path = Path(sqlite_db.engine.url.database or "")
        fresh = path.with_name("fresh.sqlite3")
        Database(f"sqlite:///{fresh}").engine.connect().close()
        assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o600


def test_upgrade_keeps_existing_data_across_every_migration(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database created by the first release, with real rows that later migrations alter, upgrades cleanly."""
    from datetime import UTC, datetime

    from alembic import command

    from callcenter.db.database import sqlite_url

    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    with db.connection(transaction=True) as connection:
        command.upgrade(migrate._config(connection), "0001")
    with db.connection(transaction=True) as connection:
        # Rows as the first release wrote them, in its own columns (today's ORM models have columns it lacked).
        connection.exec_driver_sql(
            "INSERT INTO agencies (id, code, name, short_name, kind, active) "
            "VALUES (1, 'damkar', 'Dinas Pemadam Kebakaran', 'Damkar', 'pemadam_kebakaran', 1)")
        connection.exec_driver_sql(
            "INSERT INTO categories (id, code, name_id, name_en, kind, default_priority, active, sort_order) "
            "VALUES (1, 'kebakaran', 'Kebakaran', 'Fire', 'emergency', 'P1', 1, 1)")
        connection.exec_driver_sql(
            "INSERT INTO operators (id, username, full_name, role, password_hash, active, failed_logins, created_at)"
            " VALUES (1, 'asep', 'Asep', 'operator', 'x', 1, 0, '2026-01-01 00:00:00')")
        connection.exec_driver_sql(
            "INSERT INTO units (id, agency_id, call_sign, unit_type, status, status_since, active) "
            "SELECT 1, id, 'DAMKAR-01', 'mobil damkar', 'available', '2026-01-01 00:00:00', 1 FROM agencies "
            "WHERE code = 'damkar'")
        connection.exec_driver_sql(
            "INSERT INTO incidents (id, number, year, seq, channel, category_id, priority, status, description, "
            "created_at, updated_at, version) SELECT 1, '112/2026/000001', 2026, 1, 'telepon_112', id, 'P1', "
            "'dispatched', 'Kebakaran', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1 FROM categories "
            "WHERE code = 'kebakaran'")
        connection.exec_driver_sql(
            "INSERT INTO dispatches (id, incident_id, agency_id, unit_id, status, created_at, updated_at) "
            "SELECT 1, 1, agency_id, 1, 'notified', '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM units")
    migrate.upgrade(db)
    migrate.check_schema(db)
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM dispatches WHERE unit_id = 1")).scalar() == 1
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("SELECT latitude, longitude FROM agencies WHERE id = 1")).one() == (None, None)
    with db.write() as session:  # today's reference data loads on top of the upgraded rows
        load_reference_data(session, datetime(2026, 1, 1, tzinfo=UTC))
    db.dispose()
