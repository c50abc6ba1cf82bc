"""The command line as a user runs it: real subprocesses, real databases."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime
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


def as_another_user(*args: str) -> list[str]:
    """Run as a user who may read but not write a file someone else owns: root without its capabilities (root
    would otherwise write anything), or simply this user when it is not root."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.fail("setpriv (util-linux) is needed to drop root's capabilities", pytrace=False)
        return [setpriv, "--bounding-set=-all", "--inh-caps=-all", *args]
    return list(args)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file ownership and modes")
def test_a_database_this_user_may_read_but_not_write(tmp_path: Path, sqlite_template: Path) -> None:
    theirs = tmp_path / "theirs.sqlite3"
    shutil.copyfile(sqlite_template, theirs)
    if os.geteuid() == 0:
        os.chown(theirs, 65534, -1)  # another user's file (nobody): root without capabilities cannot change it
        theirs.chmod(0o644)
    else:
        theirs.chmod(0o444)
    before = theirs.stat()
    url = f"sqlite:///{theirs}"
    env = {key: value for key, value in os.environ.items() if key != "CALLCENTER_DB"}
    lookup = subprocess.run(as_another_user(sys.executable, str(REPO / "main.py"), "lookup", "081234567890",
                                            "--db", url), capture_output=True, text=True, env=env, timeout=180)
    assert lookup.returncode == 0, lookup.stderr  # reading needs no write permission (and no chmod)
    assert json.loads(lookup.stdout)["history"]["call_count"] == 0
    added = subprocess.run(as_another_user(sys.executable, str(REPO / "main.py"), "user", "add", "budi", "--role",
                                           "operator", "--db", url), capture_output=True, text=True, env=env,
                           input="rahasia-123\n", timeout=180)
    assert added.returncode == 1 and "Traceback" not in added.stderr
    assert added.stderr.startswith("error: the database is read-only for this user")
    assert len(added.stderr.strip().splitlines()) == 1
    after = theirs.stat()
    assert (after.st_mode, after.st_uid) == (before.st_mode, before.st_uid)  # nobody reset the owner's choice


def test_only_db_upgrade_creates_a_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'konsol112.sqlite3'}"
    for args in (("lookup", "081234567890"), ("report", "range", "--from", "2026-03-01", "--to", "2026-03-01",
                                               "--out", str(tmp_path / "r.pdf"))):
        refused = run(*args, db=url, home=tmp_path)
        assert refused.returncode == 1 and "python main.py db upgrade" in refused.stderr
    assert not (tmp_path / "new").exists()
    assert run("db", "upgrade", db=url, home=tmp_path).returncode == 0
    created = tmp_path / "new" / "konsol112.sqlite3"
    if sys.platform != "win32":
        assert stat.S_IMODE(created.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe closed by `head`")
def test_an_export_into_a_pipe_closed_early_stops_quietly(tmp_path: Path, sqlite_template: Path) -> None:
    from callcenter.db.database import Database
    from callcenter.services.demo import seed_demo

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_demo(db, days=3, calls_per_day=300, seed=5, now=datetime(2026, 3, 3, 17, 0, tzinfo=UTC))
    db.dispose()
    env = {key: value for key, value in os.environ.items() if key != "CALLCENTER_DB"}
    for fmt in ("csv", "eido"):
        export = subprocess.Popen([sys.executable, str(REPO / "main.py"), "export", "incidents" if fmt == "eido"
                                   else "calls", "--from", "2026-03-01", "--to", "2026-03-03", "--format", fmt,
                                   "--db", f"sqlite:///{path}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=env)
        assert export.stdout is not None and export.stderr is not None
        head = export.stdout.read(100)  # `| head -c 100`: read a little, then close the pipe
        export.stdout.close()
        stderr = export.stderr.read().decode()
        status = export.wait(timeout=120)
        assert len(head) == 100
        assert stderr == "" and status == 1, (fmt, status, stderr)


def test_the_console_refuses_a_database_url_it_cannot_use_before_any_window(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from callcenter import cli

    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    for url in ("notaurl", "mysql://u@h/db", f"sqlite:///{tmp_path / 'notes.txt'}", f"sqlite:///{tmp_path}"):
        assert cli.preflight_console(cli.build_parser().parse_args(["--db", url])) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), lines
    for fine in ([], ["--demo"], ["--db", f"sqlite:///{tmp_path / 'first-run.sqlite3'}"]):
        assert cli.preflight_console(cli.build_parser().parse_args(fine)) is None
    assert not (tmp_path / "first-run.sqlite3").exists()  # the check opens nothing


def test_seed_demo_on_a_real_database_creates_no_login_unless_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    assert run("db", "upgrade", db=url, home=tmp_path).returncode == 0
    assert run("user", "add", "admin", "--role", "admin", db=url, stdin="rahasia-admin-1\n",
               home=tmp_path).returncode == 0
    plain = run("db", "seed-demo", "--days", "2", "--seed", "3", db=url, home=tmp_path)
    assert plain.returncode == 0, plain.stderr
    lines = plain.stdout.splitlines()
    assert lines[1] == ("demo operators created without a password (they cannot log in; with --with-logins they "
                        "could): operator1, operator2, operator3, operator4, operator5, operator6")
    assert lines[2] == "existing accounts kept as they were (passwords unchanged): admin"
    asked = run("db", "seed-demo", "--days", "2", "--seed", "4", "--with-logins", db=url, home=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.splitlines()[1:] == [
        "accounts created: supervisor, with the demo password 'konsol112'; each must choose its own password at "
        "its first login",
        "existing accounts kept as they were (passwords unchanged): operator1, operator2, operator3, operator4, "
        "operator5, operator6, admin"]


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
