"""The AML HTTPS endpoint: mobile networks (or the handsets themselves) POST a caller's location here.

TLS always (the centre's certificate); every request must also prove who sent it, by a client certificate signed
by the CA the centre was given (``client_ca``) and/or by the shared secret: ``Authorization: Bearer <secret>``,
HTTP Basic with the secret as password, or a trailing ``&hmac=`` (HMAC-SHA1 of the body before it, hex).

Answers: 200 stored; 400 not an AML form body; 401 no credentials; 403 wrong credentials; 405 not a POST;
408 the body did not come in time; 411 no Content-Length; 413 a body over ``max_body``; 503 the database cannot
take it now (the sender should retry). A TLS handshake that fails (no or a wrong client certificate, plain
HTTP) closes the connection. The server never stops for a request, whatever it holds.
"""

from __future__ import annotations

import base64
import hmac
import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import monotonic
from typing import Any

from callcenter.aml.https_form import parse_https_body, signature_ok
from callcenter.aml.message import AmlMessage
from callcenter.clock import Clock, utcnow
from callcenter.errors import DatabaseUnavailable, MessageError

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024
"""An AML form body is a few hundred bytes; anything near this is not one."""
TIMEOUT_S = 10.0
MAX_CONNECTIONS = 32
DRAIN_S = 5.0
DRAIN_BYTES = 16 * 1024 * 1024

LocationHandler = Callable[[AmlMessage, datetime], object]


@dataclass(frozen=True, slots=True)
class HttpsSettings:
    host: str
    port: int
    cert_file: Path
    key_file: Path
    secret: bytes | None = None
    client_ca: Path | None = None
    max_body: int = MAX_BODY
    timeout_s: float = TIMEOUT_S
    max_connections: int = MAX_CONNECTIONS

    def __repr__(self) -> str:  # never the secret in a log
        secret = "set" if self.secret else None
        return f"HttpsSettings({self.host}:{self.port}, client_ca={self.client_ca}, secret={secret})"


def tls_context(settings: HttpsSettings) -> ssl.SSLContext:
    """The server's TLS context (TLS 1.2 or newer); raises OSError/ssl.SSLError for unreadable files."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(settings.cert_file), str(settings.key_file))
    if settings.client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=str(settings.client_ca))
    return context


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: AmlHttpsServer

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.owner.slots.acquire(blocking=False):
            log.warning("AML HTTPS: too many connections; %s refused", client_address[0])
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self.owner.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.owner.slots.release()

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The handshake happens here, in the connection's own thread: a slow or silent client holds up no one.
        request.settimeout(self.owner.settings.timeout_s)
        try:
            secure = self.owner.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log.warning("AML HTTPS: TLS handshake with %s failed: %s", client_address[0], exc)
            return
        try:
            _Handler(secure, client_address, self)
        finally:
            try:
                secure.close()
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.exception("AML HTTPS: request from %s failed", client_address[0] if client_address else "?")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Konsol112-AML"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("AML HTTPS %s: %s", self.client_address[0], format % args)

    def _reply(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        body = (text + "\n").encode("utf-8")
        self.close_connection = True
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client went away; nothing left to tell it

    def _drain(self) -> None:
        """Read and drop what the sender still sends for a while (a "lingering close"): closing on unread data
        resets the connection, and the sender would never read the answer it was given."""
        deadline = monotonic() + DRAIN_S
        left = DRAIN_BYTES
        try:
            self.connection.settimeout(0.5)
            while left > 0 and monotonic() < deadline:
                chunk = self.connection.recv(min(65536, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass  # it stopped sending, or went away: either way we are done

    def _not_allowed(self) -> None:
        self._reply(405, "method not allowed: POST the AML form", {"Allow": "POST"})

    do_GET = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def do_HEAD(self) -> None:
        self._not_allowed()

    def do_POST(self) -> None:
        owner = self.server.owner
        settings = owner.settings
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_text is None:
            self._reply(411, "a Content-Length is required")
            return
        if not length_text.strip().isdigit():
            self._reply(400, "the Content-Length is not a number")
            return
        length = int(length_text)
        if length > settings.max_body:
            self._reply(413, f"the body is over {settings.max_body} bytes")
            self._drain()
            return
        try:
            # Read (at most max_body) before answering even a refusal: closing on unread data resets the
            # connection, and the sender would never see why it was refused.
            body = self.rfile.read(length)
        except OSError:  # a timeout too
            self._reply(408, "the body did not come in time")
            return
        if len(body) < length:
            self._reply(400, "the body is shorter than its Content-Length")
            return
        header_verdict = self._header_credentials(settings.secret)
        if header_verdict is False:
            self._reply(403, "wrong credentials")
            return
        if settings.secret is not None and header_verdict is None:
            signed = signature_ok(body, settings.secret)
            if signed is None:
                self._reply(401, "credentials required", {"WWW-Authenticate": 'Basic realm="AML"'})
                return
            if not signed:
                self._reply(403, "wrong credentials")
                return
        try:
            message = parse_https_body(body)
        except MessageError as exc:
            self._reply(400, str(exc))
            return
        try:
            owner.handler(message, owner.clock())
        except DatabaseUnavailable:
            self._reply(503, "the location could not be stored now; send it again", {"Retry-After": "5"})
            return
        except Exception:
            log.exception("AML HTTPS: storing a location from %s failed", self.client_address[0])
            self._reply(500, "the location could not be stored")
            return
        owner.accepted += 1
        self._reply(200, "OK")

    def _header_credentials(self, secret: bytes | None) -> bool | None:
        """True/False for an Authorization header that matches or not; None when there is none (or no secret
        is configured, when the client certificate is the credential)."""
        if secret is None:
            return None
        value = self.headers.get("Authorization")
        if not value:
            return None
        scheme, _, credentials = value.strip().partition(" ")
        given = b""
        if scheme.lower() == "bearer":
            given = credentials.strip().encode("utf-8", "replace")
        elif scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(credentials.strip(), validate=True)
            except ValueError:
                return False
            given = decoded.partition(b":")[2]
        return hmac.compare_digest(given, secret)


class AmlHttpsServer:
    """Runs in its own threads; ``start()`` binds (port 0 picks a free one: see ``address``)."""

    def __init__(self, settings: HttpsSettings, handler: LocationHandler, *, clock: Clock = utcnow) -> None:
        if settings.secret is None and settings.client_ca is None:
            raise ValueError("the AML HTTPS endpoint needs a shared secret or a client CA: it never runs open")
        self.settings = settings
        self.handler = handler
        self.clock = clock
        self.context = tls_context(settings)
        self.slots = threading.BoundedSemaphore(settings.max_connections)
        self.accepted = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        assert self._server is not None, "not started"
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> None:
        server = _Server((self.settings.host, self.settings.port), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="aml-https", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)
