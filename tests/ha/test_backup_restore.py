"""Backups of the HA cluster as docs/deployment.md tells the admin to take them, and a restore that works:
a pg_basebackup (tar, compressed, with its WAL) plus the primary's WAL archive, restored to a moment in time.

Calls stored before the chosen moment are back, calls stored after it are not, and the program opens the
restored database (``main.py lookup``) as it opens any other.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.models import Call
from tests.ha.cluster import LOOPBACK, PatroniCluster, as_server_user, free_ports
from tests.ha.traffic import ring_calls
from tests.pg import SUPERUSER

pytestmark = [pytest.mark.ha, pytest.mark.slow]


def _archive_now(cluster: PatroniCluster) -> None:
    """Close the current WAL segment and wait until the primary has archived it (archive_timeout is 60 s)."""
    leader = cluster.leader()
    assert leader is not None
    with psycopg.connect(cluster.superuser_conninfo(leader), autocommit=True) as connection:
        row = connection.execute("SELECT pg_walfile_name(pg_switch_wal())").fetchone()
        assert row is not None
        wanted = str(row[0])
        deadline = time.monotonic() + 30
        while not (cluster.archive / wanted).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert (cluster.archive / wanted).exists(), f"{wanted} was not archived"


def _server(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(as_server_user(command), capture_output=True, text=True, timeout=120, check=True)


def test_base_backup_and_wal_archive_restore_to_a_moment(ha_cluster: PatroniCluster,
                                                        ha_operators: list[tuple[int, str]]) -> None:
    db = Database(ha_cluster.url())
    restore = ha_cluster.root / "restore"
    pg_ctl = str(ha_cluster.pg_bin / "pg_ctl")
    started = False
    try:
        ring_calls(db, [f"0812770000{i:02d}" for i in range(10)])
        leader = ha_cluster.leader()
        assert leader is not None
        backup = ha_cluster.root / "base"
        # As docs/deployment.md: tar, compressed, WAL streamed along, from the multi-host list.
        hosts = ",".join(LOOPBACK for _ in ha_cluster.nodes)
        ports = ",".join(str(node.pg_port) for node in ha_cluster.nodes)
        _server([str(ha_cluster.pg_bin / "pg_basebackup"), "-d",
                 f"host={hosts} port={ports} user=replicator password={ha_cluster.passwords['replication']}",
                 "-D", str(backup), "-Ft", "-z", "-Xs", "--checkpoint=fast"])
        ring_calls(db, [f"0812771111{i:02d}" for i in range(10)])
        time.sleep(1.1)
        moment = datetime.now(UTC)
        time.sleep(1.1)
        ring_calls(db, [f"0812779999{i:02d}" for i in range(5)])  # after the moment: must not come back
        _archive_now(ha_cluster)

        restore.mkdir(mode=0o700)
        with tarfile.open(backup / "base.tar.gz") as archive:
            archive.extractall(restore, filter="tar")
        with tarfile.open(backup / "pg_wal.tar.gz") as archive:
            archive.extractall(restore / "pg_wal", filter="tar")
        port = free_ports(1)[0]
        with (restore / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"restore_command = 'cp {ha_cluster.archive}/%f %p'\n"
                       f"recovery_target_time = '{moment.isoformat()}'\n"
                       "recovery_target_action = 'promote'\n"
                       # What the Patroni node's settings would otherwise carry over to the restored copy:
                       f"port = {port}\nlisten_addresses = '{LOOPBACK}'\nunix_socket_directories = '{restore}'\n"
                       f"hba_file = '{restore}/pg_hba.conf'\nident_file = '{restore}/pg_ident.conf'\n"
                       "archive_mode = off\nsynchronous_standby_names = ''\nprimary_conninfo = ''\n")
        (restore / "recovery.signal").touch()
        (restore / "standby.signal").unlink(missing_ok=True)
        ha_cluster.own_by_server_user(restore)
        _server([pg_ctl, "-D", str(restore), "-l", str(ha_cluster.root / "restore.log"), "-w", "-t", "60", "start"])
        started = True
        conninfo = (f"host={LOOPBACK} port={port} dbname=konsol112 user={SUPERUSER} "
                    f"password={ha_cluster.passwords['superuser']}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with psycopg.connect(conninfo) as connection:
                row = connection.execute("SELECT pg_is_in_recovery()").fetchone()
            if row is not None and row[0] is False:
                break
            time.sleep(0.3)
        url = (f"postgresql+psycopg://konsol:{ha_cluster.app_password}@/konsol112?host={LOOPBACK}&port={port}")
        restored = Database(url)
        try:
            with restored.read() as session:
                numbers = set(session.scalars(select(Call.number_raw).where(Call.number_raw.like("081277%"))))
        finally:
            restored.dispose()
        assert {f"0812770000{i:02d}" for i in range(10)} <= numbers  # in the base backup
        assert {f"0812771111{i:02d}" for i in range(10)} <= numbers  # from the WAL archive
        assert not any(n.startswith("0812779999") for n in numbers)  # after the moment chosen
        lookup = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[2] / "main.py"), "lookup",
                                 "081277111101", "--db", url], capture_output=True, text=True, timeout=60)
        assert lookup.returncode == 0, lookup.stderr
        assert '"e164": "+6281277111101"' in lookup.stdout
    finally:
        db.dispose()
        if started:
            subprocess.run(as_server_user([pg_ctl, "-D", str(restore), "-m", "immediate", "stop"]),
                           capture_output=True, timeout=60)
