from __future__ import annotations

import shutil
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from callcenter.db import migrate
from callcenter.db.database import Database, sqlite_url
from callcenter.errors import DatabaseMissing, DatabaseUrlError


def test_backend_is_ready(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM areas")).scalar() == 210


def test_a_new_database_file_is_private_and_an_existing_one_keeps_its_mode(tmp_path: Path,
                                                                             sqlite_template: Path) -> None:
    new = tmp_path / "folder" / "new.sqlite3"
    Database(sqlite_url(new)).dispose()  # created here: owner only (where the system has modes)
    assert new.exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        theirs = tmp_path / "theirs.sqlite3"
        shutil.copyfile(sqlite_template, theirs)
        theirs.chmod(0o640)  # an admin's choice (a group that makes backups): never reset
        db = Database(sqlite_url(theirs))
        migrate.check_schema(db)
        db.dispose()
        assert stat.S_IMODE(theirs.stat().st_mode) == 0o640


def test_only_an_explicit_create_makes_a_database_or_its_folder(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "folder" / "x.sqlite3"
    with pytest.raises(DatabaseMissing) as refused:
        Database(sqlite_url(missing), create=False)
    assert "db upgrade" in str(refused.value) and refused.value.code == "database.missing"
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("url", "code"), [
    ("notaurl", "database.bad_url"), ("mysql://u:secret@h/db", "database.unsupported"),
    ("postgresql+psycopg2://u@h/db", "database.no_driver"), ("postgresql://u:secret@h:port/db", "database.bad_url"),
])
def test_a_url_konsol_cannot_use_is_refused_before_anything_opens(url: str, code: str) -> None:
    with pytest.raises(DatabaseUrlError) as refused:
        Database(url)
    assert refused.value.code == code and "secret" not in str(refused.value)


def test_a_file_that_is_not_a_database_or_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    for path, code in ((tmp_path / "notes.txt", "database.not_sqlite"), (tmp_path, "database.folder")):
        with pytest.raises(DatabaseUrlError) as refused:
            Database(sqlite_url(path))
        assert refused.value.code == code
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a database"  # untouched
