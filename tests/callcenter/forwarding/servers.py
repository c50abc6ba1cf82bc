"""Real local servers for the delivery tests: an HTTP endpoint that fails on demand and a tiny SMTP server."""

from __future__ import annotations

import base64
import http.server
import json
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class HttpLog:
    fail_first: int = 0
    """Answer 500 to this many requests, then 200."""
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_request: Any = None


@contextmanager
def http_endpoint(fail_first: int = 0) -> Iterator[tuple[str, HttpLog]]:
    log = HttpLog(fail_first=fail_first)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if log.on_request is not None:
                log.on_request(self)
            with log.lock:
                log.requests.append({"path": self.path, "headers": dict(self.headers),
                                     "json": json.loads(body.decode("utf-8"))})
                failing = len(log.requests) <= log.fail_first
            self.send_response(500 if failing else 200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"boom" if failing else b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/eido", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    password: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)


@contextmanager
def smtp_server(user: str, password: str, *, tls: ssl.SSLContext | None = None,
                implicit_tls: bool = False) -> Iterator[tuple[int, Mailbox]]:
    """Just enough SMTP (RFC 5321) for smtplib: EHLO, STARTTLS (with ``tls``), AUTH PLAIN, MAIL, RCPT, DATA,
    QUIT; ``implicit_tls`` speaks TLS from the first byte (port 465 style)."""
    box = Mailbox(password=password)

    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write((line + "\r\n").encode("ascii"))

        def start_tls(self) -> None:
            assert tls is not None
            self.connection = tls.wrap_socket(self.connection, server_side=True)
            self.rfile = self.connection.makefile("rb")
            self.wfile = self.connection.makefile("wb", buffering=0)
            box.transcript.append("<TLS>")

        def handle(self) -> None:
            if implicit_tls:
                self.start_tls()
            self.reply("220 test.smtp ESMTP")
            sender, recipients = "", []
            while True:
                raw = self.rfile.readline()
                if not raw:
                    return
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                box.transcript.append(line)
                verb = line.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    starttls = b"250-STARTTLS\r\n" if tls is not None and not implicit_tls else b""
                    self.wfile.write(b"250-test.smtp\r\n" + starttls + b"250-AUTH PLAIN\r\n250 8BITMIME\r\n")
                elif verb == "STARTTLS":
                    self.reply("220 2.0.0 Ready to start TLS")
                    self.start_tls()
                elif verb == "AUTH":
                    parts = line.split()
                    decoded = base64.b64decode(parts[2]).split(b"\0")
                    login, secret = decoded[1].decode(), decoded[2].decode()
                    box.logins.append((login, secret))
                    if (login, secret) == (user, box.password):
                        self.reply("235 2.7.0 Authentication successful")
                    else:
                        self.reply("535 5.7.8 Authentication credentials invalid")
                elif verb == "MAIL":
                    sender = line.split(":", 1)[1].split()[0].strip("<>")
                    self.reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 End data with <CR><LF>.<CR><LF>")
                    chunks = []
                    while True:
                        data = self.rfile.readline()
                        if data in (b".\r\n", b""):
                            break
                        chunks.append(data[1:] if data.startswith(b"..") else data)
                    box.messages.append({"from": sender, "to": recipients, "data": b"".join(chunks)})
                    self.reply("250 OK queued")
                elif verb == "QUIT":
                    self.reply("221 Bye")
                    return
                else:
                    self.reply("250 OK")

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1]), box
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
