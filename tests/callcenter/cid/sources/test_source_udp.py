"""The UDP source on loopback: CallerID.com Ethernet Link datagrams become events."""

from __future__ import annotations

import socket
import sys
import time
from datetime import datetime
from typing import Any

import pytest

from callcenter.cid import encode
from callcenter.cid.encode import CallFrame
from callcenter.cid.events import EventKind, Presentation
from callcenter.cid.sources import LineStatus, make_source

WHEN = datetime(2026, 11, 27, 15, 30)


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_datagrams_arrive_as_events(collector: Any, running: Any) -> None:
    port = free_udp_port()
    source = running(make_source(f"udp://127.0.0.1:{port}?format=callerid-com"), collector)
    collector.wait_status(LineStatus.UP, 2.0)
    calls = [CallFrame(WHEN, "081234500001", None, line="1", duration_s=12),
             CallFrame(WHEN, "0264211222", "TOKO MAJU", line="2"),
             CallFrame(WHEN, None, None, Presentation.PRIVATE, line="3")]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for call in calls:
            sender.sendto(encode.callerid_com_udp(encode.callerid_com_record(call)), ("127.0.0.1", port))
        ring = encode.callerid_com_detail("1", WHEN, "R")
        sender.sendto(encode.callerid_com_udp(ring), ("127.0.0.1", port))
        sender.sendto(encode.callerid_com_udp(encode.callerid_com_record(calls[0], end=True)),
                      ("127.0.0.1", port))
    live = collector.wait_live(3)
    assert [(e.number, e.name, e.presentation) for e in live] == [
        ("081234500001", None, Presentation.ALLOWED), ("0264211222", "TOKO MAJU", Presentation.ALLOWED),
        (None, None, Presentation.PRIVATE)]
    [end] = collector.wait_live(1, kind=EventKind.END)
    assert end.duration_s == 12 and end.number == "081234500001"
    assert collector.keys == {source.key}


def test_two_listeners_share_the_port(collector: Any, running: Any) -> None:
    port = free_udp_port()
    first = make_source(f"udp://127.0.0.1:{port}")
    second = make_source(f"udp://127.0.0.1:{port}")
    running(first, collector)
    collector.wait_status(LineStatus.UP, 2.0)
    second.subscribe(type(collector)())
    second.start()
    try:
        deadline = time.monotonic() + 2.0
        while second.state.status is not LineStatus.UP and time.monotonic() < deadline:
            time.sleep(0.02)
        assert second.state.status is LineStatus.UP  # SO_REUSEADDR: a second program on the PC may listen
    finally:
        second.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows lets SO_REUSEADDR take over a bound port")
def test_busy_port_without_reuse_is_down_with_reason(collector: Any, running: Any) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as hog:
        hog.bind(("127.0.0.1", 0))  # no SO_REUSEADDR on this one: the port is really taken
        port = hog.getsockname()[1]
        running(make_source(f"udp://127.0.0.1:{port}"), collector)
        state = collector.wait_status(LineStatus.DOWN, 1.0)
        assert "cannot listen" in (state.reason or "")
