from __future__ import annotations

from sqlalchemy import text

from callcenter.db.database import Database


def test_backend_is_ready(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM areas")).scalar() == 210
