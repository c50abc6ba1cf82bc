"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl, unix socket in a short /tmp path, fsync off.

When the tests run as root (CI does), the server runs as the ``postgres`` user, as PostgreSQL refuses root.
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
        self.base_url = base_url  # without a database name
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
        cluster._execute(f'CREATE DATABASE "{cls.template_name}"')
        return cluster

    @classmethod
    def external(cls, url: str) -> PostgresCluster:
        base = url.rsplit("/", 1)[0] + "/{db}"
        cluster = cls(base)
        cluster._execute(f'DROP DATABASE IF EXISTS "{cls.template_name}" WITH (FORCE)')
        cluster._execute(f'CREATE DATABASE "{cls.template_name}"')
        return cluster

    def stop(self) -> None:
        if self.bin_dir is None or self.root is None:
            return
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m",
                                        "immediate", "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def restart(self, *, down_for: float = 0.0) -> None:
        """Stop the server for real (clients see it gone), then start it again."""
        assert self.bin_dir is not None and self.root is not None
        data = str(self.root / "data")
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", data, "-m", "fast", "stop"]),
                       check=True, capture_output=True)
        time.sleep(down_for)
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", data, "-l",
                                        str(self.root / "server.log"), "-w", "start"]),
                       check=True, capture_output=True)

    # -- databases ---------------------------------------------------------------------------------------
    def url(self, name: str) -> str:
        return self.base_url.replace("{db}", name)

    def create_database(self, name: str) -> str:
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
        return self.url(name)

    def _execute(self, sql: str) -> None:
        url = self.url("postgres").replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]
