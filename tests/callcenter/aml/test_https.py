"""The AML HTTPS endpoint against a real TLS client on loopback: good posts stored and attached; bad secrets,
bad or missing client certificates, a server the client does not trust, 10 MB bodies, wrong methods and
malformed bodies refused with the right status, and the server still answering afterwards."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import socket
import ssl
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from callcenter.aml.https_form import parse_https_body, signature_ok
from callcenter.aml.https_server import AmlHttpsServer, HttpsSettings
from callcenter.aml.message import AmlMessage
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.errors import DatabaseUnavailable, MessageError
from callcenter.services.location_views import LocationViews
from callcenter.services.locations import LocationService
from tests.callcenter.aml.certs import Authority, Issued
from tests.callcenter.services.conftest import ring

SECRET = b"purwakarta-112-rahasia-bersama"
BODY = (b"v=1&emergency_number=112&device_number=%2B6281234567890&location_latitude=-6.55612&"
        b"location_longitude=107.44321&location_time=1772420401000&location_accuracy=10.4&location_source=GPS&"
        b"location_confidence=0.68&device_imei=358239059042542&cell_network_mcc=510&cell_network_mnc=10")
# Published with the aml-lib crate (key "AML"): a signed body and its HMAC-SHA1.
SIGNED_EXAMPLE = (b"v=1&device_number=%2B33611223344&location_latitude=0.85732&location_longitude=-4.26325&"
                  b"location_time=1604912121000&location_accuracy=10.4&location_source=GPS&location_certainty=83&"
                  b"hmac=f64c70eb238bb239e00e8ac8c023bf2b5d3c41dd")


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, Issued]:
    centre = Authority(tmp_path, "centre-ca")
    operator = Authority(tmp_path, "operator-ca")
    rogue = Authority(tmp_path, "rogue-ca")
    return {"server": centre.issue("aml-server", server=True), "centre_ca": centre.files,
            "operator_ca": operator.files, "client": operator.issue("telkomsel-gmlc", server=False),
            "rogue_client": rogue.issue("somebody", server=False), "rogue_ca": rogue.files}


class Received:
    def __init__(self) -> None:
        self.messages: list[AmlMessage] = []
        self.down = False

    def __call__(self, message: AmlMessage, received_at: datetime) -> None:
        if self.down:
            raise DatabaseUnavailable("database down")
        self.messages.append(message)


def serve(pki: dict[str, Issued], handler: object, *, secret: bytes | None = SECRET,
          client_ca: bool = False, clock: ManualClock | None = None) -> AmlHttpsServer:
    settings = HttpsSettings("127.0.0.1", 0, pki["server"].cert, pki["server"].key, secret=secret,
                             client_ca=pki["operator_ca"].cert if client_ca else None, timeout_s=3.0)
    server = AmlHttpsServer(settings, handler, **({"clock": clock} if clock else {}))  # type: ignore[arg-type]
    server.start()
    return server


@pytest.fixture
def started() -> Iterator[list[AmlHttpsServer]]:
    servers: list[AmlHttpsServer] = []
    yield servers
    for server in servers:
        server.stop()


def client_context(pki: dict[str, Issued], *, trust: str = "centre_ca", cert: str | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(pki[trust].cert))
    if cert is not None:
        context.load_cert_chain(str(pki[cert].cert), str(pki[cert].key))
    return context


def post(server: AmlHttpsServer, context: ssl.SSLContext, body: bytes = BODY, *, method: str = "POST",
         headers: dict[str, str] | None = None) -> tuple[int, str]:
    host, port = server.address
    connection = http.client.HTTPSConnection(host, port, context=context, timeout=5)
    try:
        connection.request(method, "/aml", body=body if method == "POST" else None, headers={
            "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def bearer(secret: bytes = SECRET) -> dict[str, str]:
    return {"Authorization": "Bearer " + secret.decode()}


def test_a_post_with_the_secret_is_stored_and_attached(pki: dict[str, Issued], started: list[AmlHttpsServer],
                                                       db: Database, clock: ManualClock) -> None:
    call_id = ring(db, clock, "081234567890")
    locations = LocationService(db, clock)
    server = serve(pki, lambda message, at: locations.receive_https(message, source_key="https", received_at=at),
                   clock=clock)
    started.append(server)
    assert post(server, client_context(pki), headers=bearer()) == (200, "OK\n")
    basic = base64.b64encode(b"telkomsel:" + SECRET).decode()
    assert post(server, client_context(pki), headers={"Authorization": f"Basic {basic}"})[0] == 200
    located = LocationViews(db, clock).for_call(call_id)
    assert located.count == 2 and located.best is not None
    assert (located.best.latitude, located.best.radius_m, located.best.confidence) == (-6.55612, 10.4, 68)


def test_unauthenticated_and_wrong_secrets_are_refused(pki: dict[str, Issued],
                                                       started: list[AmlHttpsServer]) -> None:
    received = Received()
    server = serve(pki, received)
    started.append(server)
    context = client_context(pki)
    assert post(server, context)[0] == 401
    assert post(server, context, headers=bearer(b"purwakarta-112-rahasia-salah!!"))[0] == 403
    assert post(server, context, headers={"Authorization": "Basic !!notbase64"})[0] == 403
    signed_wrong = BODY + b"&hmac=" + hmac.new(b"another secret", BODY, hashlib.sha1).hexdigest().encode()
    assert post(server, context, signed_wrong)[0] == 403
    signed = BODY + b"&hmac=" + hmac.new(SECRET, BODY, hashlib.sha1).hexdigest().encode()
    assert post(server, context, signed)[0] == 200
    assert len(received.messages) == 1


def test_the_published_hmac_example_verifies(pki: dict[str, Issued], started: list[AmlHttpsServer]) -> None:
    assert signature_ok(SIGNED_EXAMPLE, b"AML") is True
    assert signature_ok(SIGNED_EXAMPLE, b"AMX") is False
    received = Received()
    server = serve(pki, received, secret=b"AML")
    started.append(server)
    assert post(server, client_context(pki), SIGNED_EXAMPLE)[0] == 200
    assert received.messages[0].confidence == 83 and received.messages[0].device_number == "+33611223344"


def test_oversized_chunked_wrong_method_and_malformed(pki: dict[str, Issued], started: list[AmlHttpsServer]) -> None:
    received = Received()
    server = serve(pki, received)
    started.append(server)
    context = client_context(pki)
    host, port = server.address
    # 10 MB announced: refused from the headers, before a byte of the body is read.
    with socket.create_connection((host, port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        tls.sendall(b"POST /aml HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SECRET +
                    b"\r\nContent-Length: 10485760\r\n\r\n")
        tls.sendall(b"v=1&" + b"x" * (10 * 1024 * 1024 - 4))  # the whole 10 MB, as a careless sender would
        assert tls.recv(200).startswith(b"HTTP/1.1 413")
    with socket.create_connection((host, port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        tls.sendall(b"POST /aml HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nv=1&x\r\n0\r\n\r\n")
        assert tls.recv(200).startswith(b"HTTP/1.1 411")
    assert post(server, context, method="GET")[0] == 405
    assert post(server, context, method="DELETE")[0] == 405
    assert post(server, context, b"<aml><lat>1</lat></aml>", headers=bearer())[0] == 400
    assert post(server, context, b"\xff\xfe\x00", headers=bearer())[0] == 400
    assert post(server, context, b"name=budi&pesan=halo", headers=bearer())[0] == 400
    assert received.messages == []
    assert post(server, context, headers=bearer())[0] == 200  # still answering


def test_a_database_outage_asks_the_sender_to_retry(pki: dict[str, Issued], started: list[AmlHttpsServer]) -> None:
    received = Received()
    received.down = True
    server = serve(pki, received)
    started.append(server)
    assert post(server, client_context(pki), headers=bearer())[0] == 503
    received.down = False
    assert post(server, client_context(pki), headers=bearer())[0] == 200


def test_client_certificates(pki: dict[str, Issued], started: list[AmlHttpsServer]) -> None:
    received = Received()
    server = serve(pki, received, secret=None, client_ca=True)
    started.append(server)
    assert post(server, client_context(pki, cert="client"))[0] == 200  # the certificate is the credential
    for context in (client_context(pki), client_context(pki, cert="rogue_client")):
        with pytest.raises((ssl.SSLError, ConnectionError, OSError)):
            post(server, context)
    assert len(received.messages) == 1
    assert post(server, client_context(pki, cert="client"))[0] == 200


def test_a_client_that_does_not_trust_the_server_sends_nothing(pki: dict[str, Issued],
                                                               started: list[AmlHttpsServer]) -> None:
    received = Received()
    server = serve(pki, received)
    started.append(server)
    with pytest.raises(ssl.SSLCertVerificationError):
        post(server, client_context(pki, trust="rogue_ca"), headers=bearer())
    host, port = server.address
    with socket.create_connection((host, port), timeout=5) as plain:  # plain HTTP to a TLS port
        plain.sendall(b"POST /aml HTTP/1.1\r\nContent-Length: 3\r\n\r\nv=1")
        try:
            answer = plain.recv(100)
        except ConnectionResetError:
            answer = b""  # the server dropped the connection: what a failed handshake does
        assert b"200" not in answer
    assert received.messages == []


def test_an_open_endpoint_is_refused(pki: dict[str, Issued]) -> None:
    with pytest.raises(ValueError, match="never runs open"):
        AmlHttpsServer(HttpsSettings("127.0.0.1", 0, pki["server"].cert, pki["server"].key), Received())


def test_form_fields_and_their_problems() -> None:
    message = parse_https_body(BODY)
    assert (message.method, message.mcc, message.mnc, message.emergency_number) == ("gnss", "510", "10", "112")
    assert message.positioned_at is not None and message.positioned_at.year == 2026
    odd = parse_https_body(b"v=1&location_latitude=91&location_longitude=nan&location_source=radar")
    assert not odd.has_fix and len(odd.problems) == 3
    with pytest.raises(MessageError):
        parse_https_body(b"")
