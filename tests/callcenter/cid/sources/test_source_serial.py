"""The serial source through a real pty pair: frames, modem init, cable pulled and plugged back."""

from __future__ import annotations

import os
import select
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from callcenter.cid import encode
from callcenter.cid.encode import CallFrame
from callcenter.cid.events import EventKind
from callcenter.cid.sources import LineStatus, make_source

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals exist on POSIX only")

WHEN = datetime(2026, 11, 27, 15, 30)


class FakeModem:
    """The master side of a pty: what the serial source opens looks like a modem on /dev/ttyUSB0."""

    def __init__(self) -> None:
        import tty

        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self._slave: int | None = slave
        self.received = b""

    def release_slave(self) -> None:
        """Close our own handle on the slave once the source holds it (else a hang-up goes unnoticed)."""
        if self._slave is not None:
            os.close(self._slave)
            self._slave = None

    def answer_init(self, timeout: float = 3.0, commands: int = 2) -> bytes:
        """Read the init commands the source sends and answer each with OK, as a modem does."""
        deadline = time.monotonic() + timeout
        answered = 0
        while answered < commands and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                self.received += os.read(self.master, 1024)
                while self.received.count(b"\r") > answered:
                    answered += 1
                    os.write(self.master, b"\r\nOK\r\n")
        return self.received

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        self.release_slave()
        os.close(self.master)


def calls(numbers: list[str]) -> list[CallFrame]:
    return [CallFrame(WHEN, number, None) for number in numbers]


def test_frames_arrive_and_init_is_sent_on_open(tmp_path: Path, collector: Any, running: Any) -> None:
    modem = FakeModem()
    try:
        source = running(make_source(f"serial://{modem.path}?format=modem&baud=1200"), collector)
        assert modem.answer_init() == b"ATE0\rAT+VCID=1\r"
        collector.wait_status(LineStatus.UP, 2.0)
        modem.release_slave()
        numbers = ["081234567890", "0264200123", "085712345678"]
        for frame in calls(numbers):
            modem.write(encode.modem_incoming(frame))
        events = collector.wait_live(3)
        assert [e.number for e in events] == numbers
        assert all(e.format == "modem" for e in events)
        assert collector.keys == {source.key} == {f"serial:{modem.path}"}
        assert not collector.warnings
    finally:
        modem.close()


def test_last_line_without_newline_is_flushed_after_idle(collector: Any, running: Any) -> None:
    modem = FakeModem()
    try:
        running(make_source(f"serial://{modem.path}?format=modem&init="), collector)
        collector.wait_status(LineStatus.UP, 2.0)
        modem.release_slave()
        modem.write(b"RING\r\nDATE = 1127\r\nTIME = 1530\r\nNMBR = 081299887766")
        [event] = collector.wait_live(1, timeout=2.0)
        assert event.number == "081299887766"
        assert modem.received == b""  # init= turned the init string off
    finally:
        modem.close()


def test_cable_pulled_shows_down_and_comes_back(tmp_path: Path, collector: Any, running: Any) -> None:
    link = tmp_path / "ttyCID"  # the URL names a stable path; each new pty is plugged in behind it
    first = FakeModem()
    link.symlink_to(first.path)
    running(make_source(f"serial://{link}?format=modem"), collector)
    first.answer_init()
    collector.wait_status(LineStatus.UP, 2.0)
    first.release_slave()
    first.write(encode.modem_incoming(calls(["081111111111"])[0]))
    collector.wait_live(1)

    mark = len(collector.states)
    pulled = time.monotonic()
    first.close()
    down = collector.wait_status(LineStatus.DOWN, 1.0, after=mark)
    assert time.monotonic() - pulled < 1.0
    assert down.reason
    # The console words the reason from its code (in its own language); the English sentence is for the logs.
    assert down.reason_code == "serial.gone" and down.reason_params["port"] == str(link)

    second = FakeModem()
    try:
        replacement = tmp_path / "ttyCID.new"
        replacement.symlink_to(second.path)
        os.replace(replacement, link)
        mark = len(collector.states)
        plugged = time.monotonic()
        init = second.answer_init(timeout=5.0)
        assert init == b"ATE0\rAT+VCID=1\r"  # re-sent on every open: a modem forgets AT+VCID=1 on reset
        collector.wait_status(LineStatus.UP, 5.0, after=mark)
        assert time.monotonic() - plugged < 4.0
        second.release_slave()
        numbers = [f"0812000000{i:02d}" for i in range(20)]
        for frame in calls(numbers):
            second.write(encode.modem_incoming(frame))
        events = collector.wait_live(21)
        assert [e.number for e in events[1:]] == numbers
    finally:
        second.close()


def test_missing_port_is_down_with_reason_and_retried(tmp_path: Path, collector: Any, running: Any) -> None:
    source = running(make_source(f"serial://{tmp_path / 'nothing-here'}"), collector)
    state = collector.wait_status(LineStatus.DOWN, 1.0)
    assert "nothing-here" in (state.reason or "")
    assert state.reason_code == "serial.missing" and state.reason_params["port"].endswith("nothing-here")
    assert source.running
    assert collector.states[0].status is LineStatus.CONNECTING
    # Retrying does not flap through "connecting": the line stays down until it is up.
    time.sleep(1.0)
    assert [s.status for s in collector.states[1:]] == [LineStatus.DOWN] * (len(collector.states) - 1)


def test_modem_error_reply_is_reported(collector: Any, running: Any) -> None:
    modem = FakeModem()
    try:
        running(make_source(f"serial://{modem.path}?format=modem&init=AT%2BVCID%3D1"), collector)
        deadline = time.monotonic() + 3.0
        while b"\r" not in modem.received and time.monotonic() < deadline:
            if select.select([modem.master], [], [], 0.05)[0]:
                modem.received += os.read(modem.master, 1024)
        modem.write(b"\r\nERROR\r\n")
        collector.wait_status(LineStatus.UP, 2.0)
        assert collector.wait(lambda: bool(collector.warnings), 2.0)
        assert "ERROR" in collector.warnings[0].message and "init=" in collector.warnings[0].message
        assert not [e for e in collector.events if e.kind is not EventKind.RING]
    finally:
        modem.close()


def test_a_burst_in_one_read_gets_distinct_receive_times(collector: Any, running: Any) -> None:
    modem = FakeModem()
    try:
        running(make_source(f"serial://{modem.path}?format=modem&init="), collector)
        collector.wait_status(LineStatus.UP, 2.0)
        modem.release_slave()
        # The same prank caller three times, and two others, all in one write: one read, one receive time.
        frames = [CallFrame(WHEN.replace(minute=m), number, None) for m, number in enumerate(
            ["089912345678", "081234567890", "089912345678", "0264200123", "089912345678"])]
        modem.write(b"".join(encode.modem_incoming(frame) for frame in frames))
        events = collector.wait_live(5)
        times = [e.received_at for e in events]
        assert times == sorted(times) and len(set(times)) == 5
        assert times[-1] - times[0] < timedelta(seconds=1)
    finally:
        modem.close()
