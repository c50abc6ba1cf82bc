"""A real high-availability PostgreSQL for the tests: one etcd and several PostgreSQL nodes under Patroni.

Everything listens on loopback ports and lives in one temporary folder. Patroni runs with docs/patroni.yml,
the configuration file the deployment guide tells a centre to use, with its placeholders filled in here.
When the tests run as root (CI does), etcd and Patroni run as the ``postgres`` user, as PostgreSQL refuses root.
Only processes started here are ever signalled, by their own process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from tests.pg import SUPERUSER, find_pg_bin

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "docs" / "patroni.yml"
LOOPBACK = "127.0.0.1"
APP_USER = "konsol"
APP_DATABASE = "konsol112"


class ClusterError(RuntimeError):
    """The cluster did not reach the state a test waits for; the message carries the logs' last lines."""


def missing_tools() -> list[str]:
    """What this machine lacks to run the cluster (empty: everything is there)."""
    missing = [tool for tool in ("patroni", "patronictl", "etcd") if shutil.which(tool) is None]
    if find_pg_bin() is None:
        missing.append("PostgreSQL server binaries (initdb, pg_ctl)")
    return missing


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports (held open together so none is handed out twice)."""
    sockets = []
    try:
        for _ in range(count):
            handle = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            handle.bind((LOOPBACK, 0))
            sockets.append(handle)
        return [handle.getsockname()[1] for handle in sockets]
    finally:
        for handle in sockets:
            handle.close()


def as_server_user(command: list[str]) -> list[str]:
    if sys.platform != "win32" and os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *command]
    return command


def _http_json(url: str, *, method: str = "GET", timeout: float = 2.0) -> tuple[int, Any]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:  # Patroni answers 503 with a JSON body for "not the primary"
        body = exc.read()
        try:
            return exc.code, json.loads(body or b"null")
        except ValueError:
            return exc.code, None


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait(what: str, condition: Any, timeout: float, logs: list[Path], interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except (OSError, psycopg.Error, ValueError):
            result = None
        if result:
            return result
        time.sleep(interval)
    raise ClusterError(f"timed out after {timeout:.0f} s waiting for {what}\n" +
                       "\n".join(f"--- {log.name}\n{_tail(log)}" for log in logs))


@dataclass
class Node:
    name: str
    pg_port: int
    rest_port: int
    root: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def config(self) -> Path:
        return self.root / "patroni.yml"

    @property
    def log(self) -> Path:
        return self.root / "patroni.log"

    @property
    def rest(self) -> str:
        return f"http://{LOOPBACK}:{self.rest_port}"

    def status(self) -> dict[str, Any]:
        _code, body = _http_json(self.rest + "/patroni")
        return body if isinstance(body, dict) else {}

    def role(self) -> str | None:
        try:
            role = self.status().get("role")
        except OSError:
            return None
        return "primary" if role == "master" else role  # Patroni 3.0 still says "master" here

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None


@dataclass
class PatroniCluster:
    """Start with :meth:`start`; ``url()`` is the multi-host URL the program is given."""

    root: Path
    nodes: list[Node]
    etcd_client_port: int
    etcd_peer_port: int
    passwords: dict[str, str]
    app_password: str
    pg_bin: Path
    etcd: subprocess.Popen[bytes] | None = None
    archive: Path = field(init=False)

    def __post_init__(self) -> None:
        self.archive = self.root / "archive"

    # -- lifecycle ---------------------------------------------------------------------------------------
    @classmethod
    def create(cls, members: int = 3) -> PatroniCluster:
        pg_bin = find_pg_bin()
        assert pg_bin is not None
        # A short path: PostgreSQL's unix socket path must stay under ~100 characters.
        root = Path(tempfile.mkdtemp(prefix="k112ha-", dir="/tmp"))
        ports = free_ports(2 + 2 * members)
        nodes = [Node(f"db{i + 1}", ports[2 + 2 * i], ports[3 + 2 * i], root / f"db{i + 1}") for i in range(members)]
        passwords = {name: secrets.token_urlsafe(18) for name in ("superuser", "replication", "rewind")}
        return cls(root, nodes, ports[0], ports[1], passwords, secrets.token_urlsafe(18), pg_bin)

    def start(self, timeout: float = 120.0) -> None:
        self.archive.mkdir()
        for node in self.nodes:
            node.root.mkdir()
            self._write_config(node)
        self.own_by_server_user(self.root)
        self._start_etcd()
        for node in self.nodes:
            self.start_node(node)
        self.wait_healthy(timeout)
        self._create_app_database()

    def own_by_server_user(self, path: Path) -> None:
        if sys.platform != "win32" and os.geteuid() == 0:
            for folder, _dirs, files in os.walk(path):
                shutil.chown(folder, SUPERUSER)
                for name in files:
                    shutil.chown(Path(folder) / name, SUPERUSER)
        os.chmod(path, 0o700)

    def _write_config(self, node: Node) -> None:
        values = {
            "NODE_NAME": node.name, "NODE_ADDRESS": LOOPBACK, "LISTEN_ADDRESS": LOOPBACK,
            "PG_PORT": str(node.pg_port), "RESTAPI_PORT": str(node.rest_port),
            "ETCD_HOSTS": f"{LOOPBACK}:{self.etcd_client_port}", "DATA_DIR": str(node.data_dir),
            "PG_BIN": str(self.pg_bin), "SOCKET_DIR": str(node.root), "PGPASS": str(node.root / "pgpass"),
            "ARCHIVE_DIR": str(self.archive), "CLIENT_NETWORK": "127.0.0.0/8",
            "SUPERUSER_PASSWORD": self.passwords["superuser"],
            "REPLICATION_PASSWORD": self.passwords["replication"], "REWIND_PASSWORD": self.passwords["rewind"],
        }
        text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)
        # Test-only speed-ups on top of the real file: no fsync (a throwaway cluster in /tmp). Synchronous
        # replication still waits for the standby to receive and flush, which is what the tests are about.
        text = text.replace("        synchronous_commit: \"on\"\n",
                            "        synchronous_commit: \"on\"\n        fsync: \"off\"\n"
                            "        shared_buffers: 16MB\n")
        node.config.write_text(text, encoding="utf-8")
        node.config.chmod(0o600)

    def _start_etcd(self) -> None:
        client = f"http://{LOOPBACK}:{self.etcd_client_port}"
        peer = f"http://{LOOPBACK}:{self.etcd_peer_port}"
        log = (self.root / "etcd.log").open("wb")
        self.etcd = subprocess.Popen(as_server_user([
            "etcd", "--name", "witness", "--data-dir", str(self.root / "etcd"),
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", f"witness={peer}", "--initial-cluster-state", "new",
            "--heartbeat-interval", "100", "--election-timeout", "1000"]),
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        _wait("etcd to answer", lambda: _http_json(client + "/health")[0] == 200, 30, [self.root / "etcd.log"])

    def start_node(self, node: Node) -> None:
        log = node.log.open("ab")
        env = dict(os.environ, PATRONI_LOG_LEVEL="INFO")
        env.pop("PYTHONPATH", None)  # Patroni runs on the system's Python with its own packages
        node.process = subprocess.Popen(as_server_user(["patroni", str(node.config)]), stdout=log,
                                        stderr=subprocess.STDOUT, env=env, start_new_session=True,
                                        cwd=node.root)
        log.close()

    def stop(self) -> None:
        """Stop every Patroni (which stops its PostgreSQL), then etcd; remove the folder."""
        for node in self.nodes:  # all at once: each Patroni takes a few seconds to stop its PostgreSQL
            if node.process is not None and node.process.poll() is None:
                node.process.send_signal(signal.SIGTERM)
        for node in self.nodes:
            self.stop_node(node)
        if self.etcd is not None:
            self._terminate(self.etcd)
            self.etcd = None
        shutil.rmtree(self.root, ignore_errors=True)

    def stop_node(self, node: Node, timeout: float = 30.0) -> None:
        if node.process is not None:
            self._terminate(node.process, timeout)
            node.process = None
        pid = node.postmaster_pid()
        if pid is not None:  # Patroni normally stops its PostgreSQL; make sure nothing is left running
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if _is_postmaster(pid, node.data_dir):
                    os.kill(pid, signal.SIGKILL)

    @staticmethod
    def _terminate(process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
        # runuser forwards SIGTERM to the program it runs; only this one process is signalled.
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)

    # -- state ---------------------------------------------------------------------------------------------
    def all_logs(self) -> list[Path]:
        return [self.root / "etcd.log", *(node.log for node in self.nodes)]

    def members(self) -> list[dict[str, Any]]:
        """Patroni's own view (GET /cluster on any answering member)."""
        for node in self.nodes:
            try:
                code, body = _http_json(node.rest + "/cluster")
            except OSError:
                continue
            if code == 200 and isinstance(body, dict):
                return list(body.get("members", []))
        return []

    def leader(self) -> Node | None:
        names = [m["name"] for m in self.members() if m.get("role") == "leader" and m.get("state") == "running"]
        return next((node for node in self.nodes if node.name in names), None)

    def node(self, name: str) -> Node:
        return next(node for node in self.nodes if node.name == name)

    def is_healthy(self, expected: int | None = None) -> bool:
        """A running leader, every expected replica streaming, one of them synchronous."""
        members = self.members()
        running = [m for m in members if m.get("state") in ("running", "streaming")]
        want = len(self.nodes) if expected is None else expected
        leaders = [m for m in running if m.get("role") == "leader"]
        sync = [m for m in running if m.get("role") == "sync_standby"]
        return len(running) >= want and len(leaders) == 1 and (want == 1 or len(sync) == 1)

    def wait_healthy(self, timeout: float = 60.0, expected: int | None = None) -> None:
        _wait("a healthy cluster (leader, streaming replicas, a synchronous standby)",
              lambda: self.is_healthy(expected), timeout, self.all_logs())

    def wait_leader(self, *, other_than: str | None = None, timeout: float = 30.0) -> Node:
        def found() -> Node | None:
            leader = self.leader()
            return leader if leader is not None and leader.name != other_than else None

        result: Node = _wait("a new leader", found, timeout, self.all_logs(), interval=0.05)
        return result

    # -- actions ---------------------------------------------------------------------------------------------
    def kill_postmaster(self, node: Node) -> float:
        """SIGKILL the node's postmaster (Patroni itself stays up); returns time.time() of the kill."""
        pid = node.postmaster_pid()
        if pid is None or not _is_postmaster(pid, node.data_dir):
            raise ClusterError(f"{node.name} has no running postmaster")
        os.kill(pid, signal.SIGKILL)
        return time.time()

    def kill_machine(self, node: Node) -> float:
        """The node's machine dies: its Patroni and its PostgreSQL get SIGKILL together, nothing says goodbye,
        so the others wait for the leader key to expire (ttl). Returns time.time() of the kill."""
        assert node.process is not None
        pid = node.postmaster_pid()
        moment = time.time()
        os.killpg(node.process.pid, signal.SIGKILL)  # the session started for this Patroni (runuser + patroni)
        if pid is not None and _is_postmaster(pid, node.data_dir):
            os.kill(pid, signal.SIGKILL)
        node.process.wait(10)
        node.process = None
        return moment

    def switchover(self, leader: Node, candidate: Node) -> float:
        """A planned switchover with patronictl; returns time.time() when it was asked for."""
        asked = time.time()
        done = subprocess.run(as_server_user(["patronictl", "-c", str(leader.config), "switchover", "--leader",
                                               leader.name, "--candidate", candidate.name, "--force"]),
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise ClusterError(f"patronictl switchover failed: {done.stdout}{done.stderr}")
        return asked

    def patronictl_list(self) -> str:
        done = subprocess.run(as_server_user(["patronictl", "-c", str(self.nodes[0].config), "list"]),
                              capture_output=True, text=True, timeout=30)
        return done.stdout + done.stderr

    # -- connections -------------------------------------------------------------------------------------
    def url(self, *, database: str = APP_DATABASE, user: str = APP_USER, password: str | None = None) -> str:
        """The multi-host URL a centre puts in CALLCENTER_DB (libpq's form, which SQLAlchemy understands)."""
        secret = self.app_password if password is None else password
        hosts = ",".join(LOOPBACK for _ in self.nodes)
        ports = ",".join(str(node.pg_port) for node in self.nodes)
        return (f"postgresql+psycopg://{user}:{secret}@/{database}?host={hosts}&port={ports}"
                "&target_session_attrs=read-write")

    def superuser_conninfo(self, node: Node, database: str = "postgres") -> str:
        return (f"host={LOOPBACK} port={node.pg_port} dbname={database} user={SUPERUSER} "
                f"password={self.passwords['superuser']} connect_timeout=3")

    def _create_app_database(self) -> None:
        leader = self.leader()
        assert leader is not None
        with psycopg.connect(self.superuser_conninfo(leader), autocommit=True) as connection:
            connection.execute(f"CREATE ROLE {APP_USER} LOGIN PASSWORD '{self.app_password}'")  # type: ignore[arg-type]
            connection.execute(f"CREATE DATABASE {APP_DATABASE} OWNER {APP_USER}")  # type: ignore[arg-type]


def _is_postmaster(pid: int, data_dir: Path) -> bool:
    """The pid still belongs to this node's postmaster (pids are reused)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(part.endswith(b"postgres") for part in command[:1]) and str(data_dir).encode() in b" ".join(command)
