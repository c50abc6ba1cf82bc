"""The command line as a user runs it: real subprocesses, real databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run(*args: str, db: str | None = None, stdin: str | None = None, env_db: str | None = None,
        home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CALLCENTER_DB"}
    if env_db:
        env["CALLCENTER_DB"] = env_db
    if home is not None:  # keep the default data folder away from the real user's
        env["HOME"] = str(home)
        env["XDG_DATA_HOME"] = str(home / "data")
    command = [sys.executable, str(REPO / "main.py"), *args]
    if db:
        command += ["--db", db]
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=180, env=env)


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", home=tmp_path).stdout.startswith("Konsol 112 ")
    help_text = run("--help", home=tmp_path).stdout
    for command in ("db", "user", "lookup"):
        assert command in help_text


def test_lookup_without_database(tmp_path: Path) -> None:
    landline = json.loads(run("lookup", "0264 200123", home=tmp_path).stdout)
    assert landline["e164"] == "+62264200123" and landline["area"] == "Purwakarta/Cikampek"
    assert landline["history"] is None
    mobile = json.loads(run("lookup", "081234567890", home=tmp_path).stdout)
    assert mobile["carrier"] == "Telkomsel"
    garbage = run("lookup", "'; rm -rf / <b>", home=tmp_path)
    assert garbage.returncode == 0 and json.loads(garbage.stdout)["valid"] is False
    assert "Traceback" not in garbage.stderr


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_seed_user_and_lookup_history(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if backend == "sqlite":
        url = admin_url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    else:  # as deployment.md: an empty database of the owner role; db upgrade as its owner; desks as the app role
        cluster = request.getfixturevalue("pg_cluster")
        cluster.create_empty_database(f"cli{os.getpid()}")
        admin_url, url = cluster.owner_url(f"cli{os.getpid()}"), cluster.url(f"cli{os.getpid()}")
    upgrade = run("db", "upgrade", db=admin_url, home=tmp_path)
    assert upgrade.returncode == 0, upgrade.stderr
    assert "210 areas" in upgrade.stdout and "11 agencies" in upgrade.stdout
    if backend == "sqlite":
        assert "SQLite: one file and no database roles" in upgrade.stdout
    else:  # what the desks' role is and holds
        assert "application role konsol112_app" in upgrade.stdout and "operators.password_hash" in upgrade.stdout
    assert "0 areas" in run("db", "upgrade", db=admin_url, home=tmp_path).stdout  # idempotent
    seed = run("db", "seed-demo", "--days", "30", "--seed", "7", db=url, home=tmp_path)
    assert seed.returncode == 0, seed.stderr
    assert "calls" in seed.stdout
    added = run("user", "add", "kabid", "--role", "supervisor", "--full-name", "Kepala Bidang", db=url,
                stdin="rahasia-kabid\n", home=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "supervisor 'kabid'" in added.stdout
    duplicate = run("user", "add", "kabid", "--role", "operator", db=url, stdin="rahasia-kabid\n", home=tmp_path)
    assert duplicate.returncode == 1 and duplicate.stderr.startswith("error: ")
    assert len(duplicate.stderr.strip().splitlines()) == 1
    short = run("user", "add", "pendek", "--role", "operator", db=url, stdin="abc\n", home=tmp_path)
    assert short.returncode == 2 and "password" in short.stderr
    # A number from the demo history has one.
    from sqlalchemy import text

    from callcenter.db.database import Database

    database = Database(url)
    with database.read() as session:
        number = session.execute(text(
            "SELECT e164 FROM callers ORDER BY call_count DESC, e164 LIMIT 1")).scalar()
    database.dispose()
    result = json.loads(run("lookup", number, db=url, home=tmp_path).stdout)
    assert result["history"]["call_count"] > 1
    assert result["history"]["recent_calls"]


def test_errors_are_one_sentence_with_the_right_exit_status(tmp_path: Path) -> None:
    missing = run("user", "add", "x", "--role", "operator", db=f"sqlite:///{tmp_path / 'new.sqlite3'}",
                  stdin="rahasia-123\n", home=tmp_path)
    assert missing.returncode == 1 and "db upgrade" in missing.stderr and "Traceback" not in missing.stderr
    bad_role = run("user", "add", "x", "--role", "boss", home=tmp_path)
    assert bad_role.returncode == 2
    unreachable = run("db", "upgrade", db="postgresql+psycopg://nobody@127.0.0.1:1/none", home=tmp_path)
    assert unreachable.returncode == 1 and unreachable.stderr.startswith("error: ")
    assert "Traceback" not in unreachable.stderr


def test_user_add_reads_the_password_from_a_file_never_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    assert run("db", "upgrade", db=url, home=tmp_path).returncode == 0
    secret = tmp_path / "siti.password"
    secret.write_text("rahasia-siti-1\nignored second line\n", encoding="utf-8")
    secret.chmod(0o600)
    added = run("user", "add", "siti", "--role", "operator", "--password-file", str(secret), db=url, home=tmp_path)
    assert added.returncode == 0 and "operator 'siti'" in added.stdout and added.stderr == ""
    from callcenter.db.database import Database
    from callcenter.services.auth import AuthService

    database = Database(url)
    assert AuthService(database).authenticate("siti", "rahasia-siti-1").username == "siti"
    database.dispose()
    missing = run("user", "add", "budi", "--role", "operator", "--password-file", str(tmp_path / "nope"), db=url,
                  home=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("error: cannot read the password file")
    if sys.platform != "win32":
        secret.chmod(0o644)
        shared = run("user", "add", "budi", "--role", "operator", "--password-file", str(secret), db=url,
                     home=tmp_path)
        assert shared.returncode == 0 and "can be read by other users" in shared.stderr
