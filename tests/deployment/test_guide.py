"""docs/deployment.md, its unit files and tools/deploy-check.sh agree with each other and with the program.

deploy-check.sh runs the guide's marked blocks on a real machine (CI); these tests keep the parts it cannot see
in step: every marked block is run, the command without systemd is the unit's, the output the guide quotes is
what db upgrade prints, and no command puts a password on a command line.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from pathlib import Path

import pytest

from callcenter.cid.sources.url import SerialSpec, parse_source_url
from callcenter.db import migrate
from tests.conftest import REPO
from tests.pg import PostgresCluster

GUIDE = REPO / "docs" / "deployment.md"
SECURITY = REPO / "docs" / "security.md"
SCRIPT = REPO / "tools" / "deploy-check.sh"
INGEST_UNIT = REPO / "docs" / "konsol112-ingest.service"
MARKER = re.compile(r"^<!-- deploy-check: ([a-z0-9-]+) -->\n```\n(.*?)\n```$", re.M | re.S)


def marked_blocks() -> dict[str, str]:
    return {name: body for name, body in MARKER.findall(GUIDE.read_text(encoding="utf-8"))}


def all_blocks(text: str) -> list[str]:
    return re.findall(r"^```\n(.*?)\n```$", text, re.M | re.S)


def unit_settings(path: Path) -> dict[str, str]:
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings[key] = value
    return settings


def unescape_specifiers(value: str) -> str:
    """What systemd passes on: %% is %, and any other % specifier would be expanded (refuse it here)."""
    lone = re.findall(r"%[^%]", value.replace("%%", ""))
    assert not lone, f"unescaped systemd specifiers {lone} in {value!r}: write % as %% in a unit"
    return value.replace("%%", "%")


def test_every_marked_block_is_run_by_deploy_check_and_nothing_else() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    run = set(re.findall(r"^\s*(?:[a-z_]+=\$\()?run_guide ([a-z0-9-]+) ", script, re.M))
    run |= set(re.findall(r"guide_block ([a-z0-9-]+)\)", script))
    blocks = marked_blocks()
    assert set(blocks) == run
    assert {"roles", "install", "db-upgrade", "ingest-without-systemd", "restore", "restore-check"} <= set(blocks)
    assert "bash tools/deploy-check.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_command_without_systemd_is_the_units_and_its_source_is_right() -> None:
    unit = unit_settings(INGEST_UNIT)
    command = shlex.split(marked_blocks()["ingest-without-systemd"])
    assert command[:3] == ["sudo", "sh", "-c"]
    shell = command[3]
    assert f". {unit['EnvironmentFile']};" in shell and f"cd {unit['WorkingDirectory']} &&" in shell
    assert f"exec runuser -u {unit['User']} -- " in shell
    plain = shlex.split(shell.split(f"exec runuser -u {unit['User']} -- ", 1)[1])
    assert plain == shlex.split(unescape_specifiers(unit["ExecStart"]))
    source = plain[plain.index("--source") + 1]
    spec = parse_source_url(source)
    assert isinstance(spec, SerialSpec) and spec.init == ("ATZ", "AT#CID=1")
    assert "CHANGE-ME" in spec.port and "EDIT THE --source LINE" in INGEST_UNIT.read_text(encoding="utf-8")
    assert unit["User"] == "konsol112" and "--shell /usr/sbin/nologin" in marked_blocks()["install"]


def test_the_backup_units_run_the_installed_script_as_postgres() -> None:
    service = unit_settings(REPO / "docs" / "konsol112-backup.service")
    assert service["User"] == "postgres"
    assert f"docs/konsol112-backup {service['ExecStart']}" in marked_blocks()["backup-install"]
    assert "OnCalendar" in unit_settings(REPO / "docs" / "konsol112-backup.timer")
    script = (REPO / "docs" / "konsol112-backup").read_text(encoding="utf-8")
    assert "umask 077" in script and "-mtime" in script and os.access(REPO / "docs" / "konsol112-backup", os.X_OK)


def test_no_password_is_ever_on_a_command_line() -> None:
    """Not in a URL, not in SQL, not echoed into a program: prompts and 0600 files only."""
    for path in (GUIDE, INGEST_UNIT):
        text = path.read_text(encoding="utf-8")
        for block in [*all_blocks(text), *(text.splitlines() if path == INGEST_UNIT else [])]:
            assert not re.search(r"postgresql(\+psycopg)?://[^/@\s:]+:[^/@\s]+@", block), block
            assert not re.search(r"PASSWORD\s+'", block, re.I), block
            assert not re.search(r"echo\s+\S+\s*\|\s*(sudo\s+)?(\S*konsol112|psql|python)", block), block
    assert "createuser --pwprompt konsol112_app" in marked_blocks()["roles"]


def test_tls_is_required_and_security_md_has_the_section_the_guide_names() -> None:
    server = marked_blocks()["server"]
    assert re.search(r"^hostssl\s+konsol112,konsol112_restore\s+konsol112_app\s", server, re.M)
    assert not re.search(r"^host\s", server, re.M)
    assert "*TLS to PostgreSQL*" in GUIDE.read_text(encoding="utf-8")
    security = SECURITY.read_text(encoding="utf-8")
    assert "## TLS to PostgreSQL" in security and "hostssl" in security and "verify-full" in security
    for block in all_blocks(GUIDE.read_text(encoding="utf-8")):
        for url in re.findall(r"postgresql\+psycopg://konsol112_app@[^\s\"]+", block):
            assert "sslmode=require" in url, url


def test_the_guide_quotes_what_db_upgrade_prints(pg_cluster: PostgresCluster) -> None:
    """The revision and the role summary the guide shows are this program's (the issue: the guide named 0003
    while the program printed 0005)."""
    from callcenter.cli import run

    name = f"guide{os.getpid()}"
    url = pg_cluster.create_empty_database(name)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert run(["db", "upgrade", "--db", url]) == 0
    quoted = re.search(r"^<!-- db-upgrade-output -->\n```\n(.*?)\n```$", GUIDE.read_text(encoding="utf-8"),
                       re.M | re.S)
    assert quoted is not None
    quoted_lines, printed_lines = quoted.group(1).splitlines(), printed.getvalue().splitlines()
    assert f"schema empty -> {migrate.head_revision()};" in quoted_lines[0]
    assert quoted_lines[0].split(": schema ", 1)[1] == printed_lines[0].split(": schema ", 1)[1]
    assert quoted_lines[1:] == printed_lines[1:]
    assert f"`{migrate.head_revision()}` is the newest schema revision" in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [GUIDE, SECURITY])
def test_the_docs_name_files_that_exist(path: Path) -> None:
    for name in re.findall(r"`((?:docs|tools)/[A-Za-z0-9_./-]+)`", path.read_text(encoding="utf-8")):
        assert (REPO / name).exists(), name
