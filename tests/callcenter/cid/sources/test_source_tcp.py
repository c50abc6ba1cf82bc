"""The TCP source against a real NCID server on loopback: history, live calls, server restart."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from typing import Any

from callcenter.cid import encode
from callcenter.cid.encode import CallFrame
from callcenter.cid.sources import LineStatus, make_source

WHEN = datetime(2026, 11, 27, 15, 30)


class NcidServer:
    """A minimal NCID server: greeting, call-log replay, then whatever the test sends."""

    def __init__(self, port: int = 0, log: list[CallFrame] | None = None) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.1)
        self.port: int = self.server.getsockname()[1]
        self.log = log or []
        self.clients: list[socket.socket] = []
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            greeting = encode.ncid_banner() + b"".join(encode.ncid_cid(c, log=True) for c in self.log)
            client.sendall(greeting + encode.ncid_end_of_startup(len(self.log)))
            with self._lock:
                self.clients.append(client)
            self.connected.set()

    def send(self, data: bytes) -> None:
        with self._lock:
            for client in self.clients:
                client.sendall(data)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1.0)
        self.server.close()
        with self._lock:
            for client in self.clients:
                client.close()


def frames(numbers: list[str]) -> list[CallFrame]:
    return [CallFrame(WHEN, number, "WARGA", line="1") for number in numbers]


def test_events_and_history(collector: Any, running: Any) -> None:
    server = NcidServer(log=frames(["081200000001", "081200000002"]))
    try:
        source = running(make_source(f"tcp://127.0.0.1:{server.port}?format=ncid"), collector)
        collector.wait_status(LineStatus.UP, 3.0)
        assert server.connected.wait(2.0)
        assert collector.wait(lambda: sum(e.history for e in collector.events) == 2, 3.0)
        numbers = ["085711112222", "0264211111", "089612345678"]
        for frame in frames(numbers):
            server.send(encode.ncid_cid(frame))
        live = collector.wait_live(3)
        assert [e.number for e in live] == numbers
        assert [e.number for e in collector.events if e.history] == ["081200000001", "081200000002"]
        assert all(e.line == "1" and e.name == "WARGA" for e in live)
        assert collector.keys == {source.key}
    finally:
        server.stop()


def test_server_restart_reconnects_and_loses_nothing(collector: Any, running: Any) -> None:
    server = NcidServer()
    port = server.port
    running(make_source(f"tcp://127.0.0.1:{port}"), collector)
    collector.wait_status(LineStatus.UP, 3.0)
    assert server.connected.wait(2.0)
    server.send(encode.ncid_cid(frames(["081300000000"])[0]))
    collector.wait_live(1)

    mark = len(collector.states)
    stopped = time.monotonic()
    server.stop()
    down = collector.wait_status(LineStatus.DOWN, 1.0, after=mark)
    assert time.monotonic() - stopped < 1.0
    assert down.reason and "closed" in down.reason

    time.sleep(0.5)  # the server is away for a while; the source keeps retrying
    mark = len(collector.states)
    restarted = NcidServer(port=port)
    try:
        began = time.monotonic()
        collector.wait_status(LineStatus.UP, 4.0, after=mark)
        assert time.monotonic() - began < 2.5
        assert restarted.connected.wait(2.0)
        numbers = [f"08770000{i:04d}" for i in range(50)]
        for frame in frames(numbers):
            restarted.send(encode.ncid_cid(frame))
        live = collector.wait_live(51)
        assert [e.number for e in live[1:]] == numbers
    finally:
        restarted.stop()


def test_unreachable_server_is_down_and_stop_is_quick(collector: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # a port nobody listens on
    source = make_source(f"tcp://127.0.0.1:{port}")
    source.subscribe(collector)
    source.start()
    state = collector.wait_status(LineStatus.DOWN, 1.0)
    assert "refused" in (state.reason or "").lower()
    assert state.reason_code == "net.refused" and state.reason_params == {"host": "127.0.0.1", "port": str(port)}
    started = time.monotonic()
    source.stop(2.0)
    assert not source.running and time.monotonic() - started < 1.0


def test_last_line_without_newline_survives_the_server_closing(collector: Any, running: Any) -> None:
    server = NcidServer()
    try:
        running(make_source(f"tcp://127.0.0.1:{server.port}"), collector)
        collector.wait_status(LineStatus.UP, 3.0)
        assert server.connected.wait(2.0)
        mark = len(collector.states)
        server.send(encode.ncid_cid(frames(["081355556666"])[0]).rstrip(b"\r\n"))
    finally:
        server.stop()  # straight away: the frame's terminator never comes
    [event] = collector.wait_live(1, timeout=2.0)
    assert event.number == "081355556666"
    down = collector.wait_status(LineStatus.DOWN, 1.0, after=mark)
    assert collector.events.index(event) >= 0 and down.since >= event.received_at
