"""``simulate`` as a subprocess: into a pty, as an NCID server read by the tcp source, over UDP."""

from __future__ import annotations

import argparse
import io
import os
import select
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from callcenter.cid.events import CallerIdEvent
from callcenter.cid.registry import make_parser
from callcenter.cid.simulate import add_parser, run
from callcenter.cid.sources import LineStatus, make_source
from callcenter.cid.traffic import TrafficGenerator

ROOT = Path(__file__).resolve().parents[4]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGTERM are POSIX")


def simulate(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "callcenter.cid.simulate", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def expected_numbers(seed: int, count: int) -> list[str | None]:
    generator = TrafficGenerator(seed)
    return [next(generator).number for _ in range(count)]


@posix_only
def test_simulate_into_a_pty() -> None:
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    try:
        process = simulate("--to", f"serial://{path}", "--format", "modem", "--count", "25", "--rate", "0",
                           "--seed", "4")
        out, err = process.communicate(timeout=20)
        assert process.returncode == 0, err
        data = b""
        while select.select([master], [], [], 0.3)[0]:
            data += os.read(master, 65536)
    finally:
        os.close(master)
        os.close(slave)
    parser = make_parser("modem")
    now = datetime.now(UTC)
    events = [e for e in parser.feed(data, now) + parser.flush(now) if isinstance(e, CallerIdEvent)]
    incoming = [e for e in events if e.kind == "incoming"]
    assert [e.number for e in incoming] == expected_numbers(4, 25)
    assert len(out.decode().splitlines()) == 25  # one line per frame (modem has no end frames)


def test_simulate_as_ncid_server_read_by_the_tcp_source(collector: Any, running: Any) -> None:
    process = simulate("--to", "tcp://127.0.0.1:0", "--count", "30", "--rate", "0", "--seed", "8")
    try:
        assert process.stderr is not None
        line = process.stderr.readline().decode()
        assert "listening on tcp://127.0.0.1:" in line, line
        port = int(line.rsplit(":", 1)[1].split()[0])
        running(make_source(f"tcp://127.0.0.1:{port}?format=ncid"), collector)
        collector.wait_status(LineStatus.UP, 3.0)
        events = collector.wait_live(30, timeout=10.0)
        assert [e.number for e in events] == expected_numbers(8, 30)
        assert process.wait(10) == 0
    finally:
        process.kill()
        process.wait()


def test_simulate_udp_datagrams_reach_a_listener() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.settimeout(5.0)
        port = listener.getsockname()[1]
        process = simulate("--to", f"udp://127.0.0.1:{port}", "--count", "5", "--rate", "0", "--seed", "2",
                           "--quiet")
        packets = []
        while len(packets) < 5:
            packets.append(listener.recv(2048))
        _, err = process.communicate(timeout=10)
        assert process.returncode == 0
    assert all(p.startswith(b"^^<U>") and len(p) == 83 for p in packets[:1])
    assert b"sent 5 calls" in err


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="konsol112")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["simulate", *argv])


@pytest.mark.parametrize("url", ["ftp://x", "sim://?rate=1", "ami://u:p@pbx", "tcp://127.0.0.1:99999",
                                 "serial:///dev/x?format=nope"])
def test_bad_target_exits_2_with_one_sentence(url: str) -> None:
    err = io.StringIO()
    assert run(_args("--to", url), out=io.StringIO(), err=err) == 2
    assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("error: ")


def test_unencodable_format_and_bad_numbers_exit_2() -> None:
    for argv in (["--to", "udp://127.0.0.1:3520", "--format", "auto"],):
        with pytest.raises(SystemExit) as info:
            _args(*argv)
        assert info.value.code == 2
    for argv in (["--to", "udp://127.0.0.1:3520", "--count", "-1"], ["--to", "udp://127.0.0.1:3520",
                                                                      "--rate", "-2"]):
        assert run(_args(*argv), out=io.StringIO(), err=io.StringIO()) == 2


def test_unopenable_serial_port_exits_1(tmp_path: Path) -> None:
    err = io.StringIO()
    assert run(_args("--to", f"serial://{tmp_path / 'no-such-port'}"), out=io.StringIO(), err=err) == 1
    assert "no-such-port" in err.getvalue()


@posix_only
def test_sigterm_ends_a_run_cleanly() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        process = simulate("--to", f"udp://127.0.0.1:{port}", "--rate", "20")
        listener.settimeout(5.0)
        listener.recv(2048)  # it is running
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=5)
    assert process.returncode == 0
    assert time.monotonic() - started < 2.0
    assert b"sent" in err and out.count(b"\n") >= 1


def test_burst_through_pyserial_socket_url_loses_nothing(collector: Any, running: Any) -> None:
    # simulate serves raw modem frames on TCP; the serial source reads them through pyserial's socket://.
    # A burst repeats prank callers within a second: the simulator must keep such frames distinct, or the
    # parser's repeat filter (units repeat records) would drop real calls.
    process = simulate("--to", "tcp://127.0.0.1:0", "--format", "modem", "--count", "400", "--rate", "0",
                       "--seed", "12", "--quiet")
    try:
        assert process.stderr is not None
        line = process.stderr.readline().decode()
        port = int(line.rsplit(":", 1)[1].split()[0])
        running(make_source(f"socket://127.0.0.1:{port}?format=modem&init="), collector)
        events = collector.wait_live(400, timeout=20.0)
        assert [e.number for e in events] == expected_numbers(12, 400)
        assert process.wait(10) == 0
    finally:
        process.kill()
        process.wait()


@posix_only
@pytest.mark.parametrize("fmt", ["modem", "mdmf"])
def test_simulate_makes_its_own_pty_and_the_serial_source_gets_every_call(
        fmt: str, tmp_path: Path, collector: Any, running: Any) -> None:
    link = tmp_path / "cid0"
    process = simulate("--to", f"pty://?link={link}", "--format", fmt, "--count", "200", "--rate", "0",
                       "--seed", "21", "--quiet")
    try:
        assert process.stderr is not None
        line = process.stderr.readline().decode()
        assert f"read it with serial://{link}" in line, line
        running(make_source(f"serial://{link}?format={fmt}"), collector)
        events = collector.wait_live(200, timeout=15.0)
        assert [e.number for e in events] == expected_numbers(21, 200)
        assert process.wait(10) == 0
        assert not link.exists()  # the simulator removes its link when it is done
        assert not collector.warnings
    finally:
        process.kill()
        process.wait()


def test_pty_target_is_checked() -> None:
    err = io.StringIO()
    assert run(_args("--to", "pty://somewhere"), out=io.StringIO(), err=err) == 2
    assert run(_args("--to", "pty://?size=9"), out=io.StringIO(), err=io.StringIO()) == 2
