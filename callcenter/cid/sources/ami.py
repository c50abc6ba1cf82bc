"""Asterisk Manager Interface source: log in, keep the session alive, feed events to the ami parser."""

from __future__ import annotations

import socket
from time import monotonic

from callcenter.cid.sources.base import SourceDown, StreamSource
from callcenter.cid.sources.net import connect, recv
from callcenter.cid.sources.url import AmiSpec

PING_INTERVAL_S = 20.0
SILENCE_LIMIT_S = 2 * PING_INTERVAL_S + 5.0
"""No byte at all (not even a Pong) for this long means the manager is gone though TCP did not say so."""
HANDSHAKE_TIMEOUT_S = 5.0


class AmiSource(StreamSource):
    spec: AmiSpec
    ping_interval_s: float = PING_INTERVAL_S

    def _session(self) -> None:
        spec = self.spec
        sock = connect(spec.host, spec.port, self._stop)
        try:
            buffer = bytearray()
            banner = self._read_until(sock, buffer, b"\n")
            if b"Asterisk Call Manager" not in banner and b"Manager" not in banner:
                raise SourceDown("ami.not_manager", host=spec.host, port=spec.port)
            # Events: the call class (Newchannel, NewCallerid, Dial*, Bridge*, Hangup) and the agent class
            # (AgentConnect: a queue member took the call) and nothing else.
            sock.sendall(_action("Login", ActionID="konsol112-login", Username=spec.username,
                                 Secret=spec.password, Events="call,agent"))
            while True:
                block = self._read_until(sock, buffer, b"\r\n\r\n")
                fields = _fields(block)
                if "response" in fields:
                    break
            if fields["response"].lower() != "success":
                raise SourceDown("ami.login_failed")
            parser = self._parser_factory()
            self._set_up()
            if buffer:
                self._deliver(parser.feed(bytes(buffer), self.clock()))
            last_rx = monotonic()
            last_ping = monotonic()
            pings = 0

            def read() -> bytes | None:
                nonlocal last_rx
                data = recv(sock, "ami.closed")
                if data:
                    last_rx = monotonic()
                return data

            def keepalive() -> None:
                nonlocal last_ping, pings
                now = monotonic()
                if now - last_rx > max(SILENCE_LIMIT_S, 2 * self.ping_interval_s + 1):
                    raise SourceDown("ami.silent")
                if now - last_ping >= self.ping_interval_s:
                    pings += 1
                    last_ping = now
                    sock.sendall(_action("Ping", ActionID=f"konsol112-ping-{pings}"))

            self._pump(read, parser, keepalive)
        finally:
            sock.close()

    def _read_until(self, sock: socket.socket, buffer: bytearray, end: bytes) -> bytes:
        """Bytes up to and including ``end``; the rest stays in ``buffer``."""
        deadline = monotonic() + HANDSHAKE_TIMEOUT_S
        while end not in buffer:
            if self.stopping:
                raise SourceDown("stopped")
            if monotonic() > deadline or len(buffer) > 65536:
                raise SourceDown("ami.login_timeout")
            data = recv(sock, "ami.closed")
            if data:
                buffer += data
        cut = buffer.index(end) + len(end)
        head = bytes(buffer[:cut])
        del buffer[:cut]
        return head


def _action(name: str, **fields: str) -> bytes:
    lines = [f"Action: {name}"] + [f"{key}: {value}" for key, value in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def _fields(block: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip().lower(), value.strip())
    return fields
