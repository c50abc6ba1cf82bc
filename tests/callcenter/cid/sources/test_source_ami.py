"""The AMI source against a small Asterisk manager written here: login, events, keepalive, bad secret."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from typing import Any

from callcenter.cid import encode
from callcenter.cid.encode import CallFrame
from callcenter.cid.events import EventKind, Presentation
from callcenter.cid.sources import LineStatus, make_source
from callcenter.cid.sources.ami import AmiSource

WHEN = datetime(2026, 11, 27, 15, 30)


def blocks(sock: socket.socket, buffer: bytearray) -> dict[str, str] | None:
    """The next ``Key: Value`` block a client sends, or None when it closes."""
    while b"\r\n\r\n" not in buffer:
        try:
            data = sock.recv(4096)
        except OSError:
            return None
        if not data:
            return None
        buffer += data
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    buffer[:] = rest
    fields = {}
    for line in head.decode().split("\r\n"):
        key, _, value = line.partition(": ")
        fields[key] = value
    return fields


class AmiServer:
    def __init__(self, username: str = "konsol", secret: str = "rahasia") -> None:
        self.username, self.secret = username, secret
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port: int = self.server.getsockname()[1]
        self.actions: list[dict[str, str]] = []
        self.clients: list[socket.socket] = []
        self.logged_in = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            client.sendall(encode.ami_banner())
            buffer = bytearray()
            while (action := blocks(client, buffer)) is not None:
                with self._lock:
                    self.actions.append(action)
                ref = action.get("ActionID", "")
                if action.get("Action") == "Login":
                    if action.get("Username") == self.username and action.get("Secret") == self.secret:
                        client.sendall(f"Response: Success\r\nActionID: {ref}\r\nMessage: Authentication "
                                       "accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\n"
                                       "Status: Fully Booted\r\n\r\n".encode())
                        with self._lock:
                            self.clients.append(client)
                        self.logged_in.set()
                    else:
                        client.sendall(f"Response: Error\r\nActionID: {ref}\r\nMessage: Authentication "
                                       "failed\r\n\r\n".encode())
                        client.close()
                        return
                elif action.get("Action") == "Ping":
                    client.sendall(f"Response: Success\r\nActionID: {ref}\r\nPing: Pong\r\n"
                                   f"Timestamp: {time.time():.6f}\r\n\r\n".encode())
        except OSError:  # stopped mid-answer: the manager went away, as the test means it to
            return

    def send(self, data: bytes) -> None:
        with self._lock:
            for client in self.clients:
                client.sendall(data)

    def stop(self) -> None:
        self._stop.set()
        self.server.close()
        with self._lock:
            for client in self.clients:
                try:
                    client.shutdown(socket.SHUT_RDWR)  # wakes the serving thread blocked in recv
                except OSError:
                    pass
                client.close()


def test_login_and_one_incoming_per_call(collector: Any, running: Any) -> None:
    server = AmiServer()
    try:
        source = running(make_source(f"ami://konsol:rahasia@127.0.0.1:{server.port}"), collector)
        collector.wait_status(LineStatus.UP, 3.0)
        assert server.logged_in.wait(1.0)
        login = server.actions[0]
        assert (login["Action"], login["Username"], login["Secret"]) == ("Login", "konsol", "rahasia")
        calls = [CallFrame(WHEN, "081234567001", "ASEP", line="1", call_ref="1764228600.2",
                           dest_ref="1764228600.3"),
                 CallFrame(WHEN, None, None, Presentation.PRIVATE, line="2", call_ref="1764228600.4",
                           dest_ref="1764228600.5")]
        for call in calls:
            # Caller ID arrives twice (Newchannel, then NewCallerid) and the PBX dials: still one INCOMING.
            server.send(b"".join(encode.incoming_frames("ami", call)) + encode.ami_newcallerid(call))
        live = collector.wait_live(2)
        for call in calls:
            server.send(b"".join(encode.end_frames("ami", call)))
        ends = collector.wait_live(2, kind=EventKind.END)
        time.sleep(0.4)
        assert len(collector.live()) == 2
        assert [(e.number, e.presentation, e.line) for e in live] == [
            ("081234567001", Presentation.ALLOWED, "DAHDI/1"), (None, Presentation.PRIVATE, "DAHDI/2")]
        assert [e.call_ref for e in ends] == ["1764228600.2", "1764228600.4"]
        assert not collector.warnings
        assert "rahasia" not in source.display and "rahasia" not in repr(collector.states)
    finally:
        server.stop()


def test_bad_secret_is_down_login_failed(collector: Any, running: Any) -> None:
    server = AmiServer()
    try:
        running(make_source(f"ami://konsol:salah@127.0.0.1:{server.port}"), collector)
        state = collector.wait_status(LineStatus.DOWN, 2.0)
        assert state.reason == "login failed" and state.reason_code == "ami.login_failed"
        assert not server.logged_in.is_set()
    finally:
        server.stop()


def test_keepalive_ping_is_sent_and_answered_quietly(collector: Any, running: Any) -> None:
    server = AmiServer()
    try:
        source = make_source(f"ami://konsol:rahasia@127.0.0.1:{server.port}")
        assert isinstance(source, AmiSource)
        source.ping_interval_s = 0.2  # the default is 20 s; the mechanism is the same
        running(source, collector)
        collector.wait_status(LineStatus.UP, 3.0)
        deadline = time.monotonic() + 3.0
        while sum(a.get("Action") == "Ping" for a in server.actions) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sum(a.get("Action") == "Ping" for a in server.actions) >= 2
        assert source.state.status is LineStatus.UP
        assert not collector.warnings and not collector.events
    finally:
        server.stop()


def test_manager_going_away_shows_down(collector: Any, running: Any) -> None:
    server = AmiServer()
    running(make_source(f"ami://konsol:rahasia@127.0.0.1:{server.port}"), collector)
    collector.wait_status(LineStatus.UP, 3.0)
    assert server.logged_in.wait(1.0)
    mark = len(collector.states)
    server.stop()
    state = collector.wait_status(LineStatus.DOWN, 1.0, after=mark)
    assert state.reason and "closed" in state.reason
