"""Socket helpers shared by the TCP, UDP and AMI sources."""

from __future__ import annotations

import errno
import os
import select
import socket
import threading
from time import monotonic

from callcenter.cid.sources.base import POLL_S, SourceDown

CONNECT_TIMEOUT_S = 3.0


def connect(host: str, port: int, stop: threading.Event, timeout: float = CONNECT_TIMEOUT_S) -> socket.socket:
    """A connected TCP socket (read timeout ``POLL_S``); gives up early when ``stop`` is set."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise SourceDown("net.resolve", host=host, detail=exc.strerror or exc) from None
    reason = SourceDown("net.connect", host=host, port=port, detail="no address")
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            sock.connect_ex(address)
            deadline = monotonic() + timeout
            # A non-blocking connect polled in short steps, so stop() never waits for a slow host.
            while not stop.is_set() and monotonic() < deadline:
                _, writable, failed = select.select([], [sock], [sock], POLL_S)
                if writable or failed:
                    break
            if stop.is_set():
                raise SourceDown("stopped")
            error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error == 0:
                try:  # not connected yet (timed out) shows here
                    sock.getpeername()
                except OSError:
                    error = -1
            if error == 0:
                sock.setblocking(True)
                sock.settimeout(POLL_S)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
                return sock
            if error == errno.ECONNREFUSED:
                reason = SourceDown("net.refused", host=host, port=port)
            elif error > 0:
                reason = SourceDown("net.connect", host=host, port=port, detail=_error_text(error))
            else:
                reason = SourceDown("net.timeout", host=host, port=port, seconds=f"{timeout:g}")
        except BaseException:
            sock.close()
            raise
        sock.close()
    raise reason


def _error_text(error: int) -> str:
    return os.strerror(error).lower() if error else "unknown error"


def recv(sock: socket.socket, closed_code: str = "net.closed") -> bytes | None:
    """Bytes, ``None`` after a quiet ``POLL_S``, ``SourceDown(closed_code)`` when the peer closed the connection."""
    try:
        data = sock.recv(65536)
    except TimeoutError:
        return None
    if not data:
        raise SourceDown(closed_code)
    return data
