"""``cid decode`` on endless and huge input (issue 12): it streams, holds bounded memory, and ``| head`` ends it
quietly. Each test runs the real command in a subprocess, fed through a real pipe."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
CID_LINE = b"CID: *DATE*12062026*TIME*1200*LINE*1*NMBR*0264200112*MESG*NONE*NAME*RSUD BAYU ASIH*\n"


def start_decode(*args: str, stdout: int = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "callcenter.cid.decode", *args], stdin=subprocess.PIPE,
                            stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=REPO)


def read_line(stream: object, timeout: float) -> bytes:
    fd = stream.fileno()  # type: ignore[attr-defined]
    buffer = b""
    deadline = time.monotonic() + timeout
    while not buffer.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        buffer += chunk
    return buffer


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX")
def test_each_event_is_printed_as_its_frame_completes_on_an_endless_input() -> None:
    process = start_decode("--format", "ncid")
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(CID_LINE)
        process.stdin.flush()
        # The input stays open (a serial port, a socket): the event must come out now, not at the end.
        first = read_line(process.stdout, timeout=20)
        assert b'"number": "0264200112"' in first
        process.stdin.write(CID_LINE.replace(b"0264200112", b"081234567890"))
        process.stdin.flush()
        assert b'"number": "081234567890"' in read_line(process.stdout, timeout=20)
    finally:
        process.stdin.close()
        process.wait(timeout=30)
    assert process.returncode == 0


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
def test_a_huge_input_is_decoded_in_bounded_memory() -> None:
    process = start_decode("--format", "ncid", stdout=subprocess.DEVNULL)
    assert process.stdin is not None
    comment = b"#" + b"x" * 4000 + b"\n"
    block = comment * 256 + CID_LINE  # ~1 MB
    peak = 0
    for _ in range(300):  # ~300 MB through the pipe, never all in memory
        process.stdin.write(block)
        peak = max(peak, peak_rss_kib(process.pid))
    process.stdin.flush()
    peak = max(peak, peak_rss_kib(process.pid))
    process.stdin.close()
    assert process.stderr is not None
    errors = process.stderr.read()
    process.wait(timeout=120)
    assert process.returncode == 0, errors
    assert peak < 150 * 1024, f"peak RSS {peak} KiB"


def test_a_reader_that_goes_away_ends_the_run_quietly() -> None:
    """``cid decode big.txt | head -c 100``: exit status 0, no traceback, no error sentence."""
    process = start_decode("--format", "ncid")
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None

    def feed() -> None:
        try:
            for _ in range(2000):
                process.stdin.write(CID_LINE * 100)  # type: ignore[union-attr]
            process.stdin.close()  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError):
            pass  # decode stopped reading: that is the point

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    head = process.stdout.read(100)
    process.stdout.close()
    errors = process.stderr.read()
    process.wait(timeout=60)
    writer.join(timeout=30)
    assert len(head) == 100
    assert process.returncode == 0
    assert b"Traceback" not in errors and errors == b""
