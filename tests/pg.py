"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl, unix socket in a short /tmp path, fsync off.

When the tests run as root (CI does), the server runs as the ``postgres`` user, as PostgreSQL refuses root.

The roles are the product's (callcenter.db.roles): every database belongs to the owner role, the template is
migrated by the superuser (so ``db upgrade``'s switch to the owner is exercised on every run) and granted to the
application role, and ``url()`` connects as the application role, as a desk does. ``owner_url()`` and
``superuser_url()`` are for the tests that act as the admin.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from callcenter.db.roles import APP_ROLE, OWNER_ROLE

SUPERUSER = "postgres"


def find_pg_bin() -> Path | None:
    candidates = []
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def _as_server_user(command: list[str]) -> list[str]:
    if sys.platform != "win32" and os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *command]
    return command


class PostgresCluster:
    template_name = "konsol112_template"

    def __init__(self, base_url: str, *, bin_dir: Path | None = None, root: Path | None = None) -> None:
        self.base_url = base_url  # the superuser's, without a database name
        self.bin_dir = bin_dir
        self.root = root

    # -- lifecycle ---------------------------------------------------------------------------------------
    @classmethod
    def start(cls, bin_dir: Path) -> PostgresCluster:
        root = Path(tempfile.mkdtemp(prefix="k112pg-", dir="/tmp"))
        data, sock = root / "data", root / "s"
        data.mkdir()
        sock.mkdir()
        if os.geteuid() == 0:
            shutil.chown(root, SUPERUSER)
            for path in (data, sock):
                shutil.chown(path, SUPERUSER)
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                                        "--auth=trust", "--encoding=UTF8", "--no-sync", "-N"]),
                       check=True, capture_output=True)
        # In the configuration file (not -o) so a restart in a test keeps the same socket and settings.
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"\nlisten_addresses = ''\nunix_socket_directories = '{sock}'\nfsync = off\n"
                       "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n")
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l",
                                        str(root / "server.log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)
        cluster = cls(f"postgresql+psycopg://{SUPERUSER}@/{{db}}?host={sock}", bin_dir=bin_dir, root=root)
        cluster._create_roles()
        cluster._execute(f'CREATE DATABASE "{cls.template_name}" OWNER {OWNER_ROLE}')
        return cluster

    @classmethod
    def external(cls, url: str) -> PostgresCluster:
        """A server someone else runs (``CALLCENTER_TEST_PG_URL``, a superuser's URL); the owner and application
        roles must be able to log in the same way (trust, or a pgpass entry)."""
        base = url.rsplit("/", 1)[0] + "/{db}"
        cluster = cls(base)
        cluster._create_roles()
        cluster._execute(f'DROP DATABASE IF EXISTS "{cls.template_name}" WITH (FORCE)')
        cluster._execute(f'CREATE DATABASE "{cls.template_name}" OWNER {OWNER_ROLE}')
        return cluster

    def _create_roles(self) -> None:
        # The owner may log in here so that tests can act as it directly; deployment.md's owner cannot.
        for role in (OWNER_ROLE, APP_ROLE):
            self._execute(f"DO $$ BEGIN CREATE ROLE {role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")

    def stop(self) -> None:
        if self.bin_dir is None or self.root is None:
            return
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m",
                                        "immediate", "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def stop_server(self) -> None:
        """Stop the server for real: clients see their connections dropped and new ones refused."""
        assert self.bin_dir is not None and self.root is not None, "an external server cannot be stopped"
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast",
                                        "-w", "stop"]), check=True, capture_output=True)

    def start_server(self) -> None:
        assert self.bin_dir is not None and self.root is not None
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-l",
                                        str(self.root / "server.log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)

    def restart(self, *, down_for: float = 0.0) -> None:
        self.stop_server()
        time.sleep(down_for)
        self.start_server()

    # -- databases ---------------------------------------------------------------------------------------
    def superuser_url(self, name: str) -> str:
        return self.base_url.replace("{db}", name)

    def url(self, name: str) -> str:
        """The application role's URL: what desks and the line service use."""
        return as_role(self.superuser_url(name), APP_ROLE)

    def owner_url(self, name: str) -> str:
        return as_role(self.superuser_url(name), OWNER_ROLE)

    def create_database(self, name: str) -> str:
        """A copy of the migrated template, owned by the owner role; returns the application role's URL."""
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}" OWNER {OWNER_ROLE}')
        return self.url(name)

    def create_empty_database(self, name: str) -> str:
        """As deployment.md creates it: empty, owned by the owner role; returns the superuser's URL."""
        self._execute(f'CREATE DATABASE "{name}" OWNER {OWNER_ROLE}')
        return self.superuser_url(name)

    def _execute(self, sql: str, *, database: str = "postgres") -> None:
        url = self.superuser_url(database).replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]


def as_role(url: str, role: str) -> str:
    """The same server and database as ``url``, logged in as ``role`` (no password: trust or pgpass)."""
    return make_url(url).set(username=role, password=None).render_as_string(hide_password=False)
