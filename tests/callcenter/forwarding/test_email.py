from __future__ import annotations

import email
import json
import logging
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select, update

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, OutboxState
from callcenter.db.models import Agency, AuditEntry, OutboxMessage, Setting
from callcenter.errors import ValidationError
from callcenter.forwarding.channels import (
    KEYRING_SERVICE,
    SMTP_SETTING,
    SmtpSettings,
    default_senders,
    store_smtp_password,
)
from callcenter.forwarding.outbox import OutboxWorker
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.settings import SettingsService
from tests.callcenter.forwarding.servers import smtp_server
from tests.callcenter.services.dispatch_helpers import make_fire, make_fleet

SECRET = "Rahasia-SMTP-9f3b!"


class MemoryKeyring(KeyringBackend):
    """The OS password store, in memory for the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _parts(message: Message) -> dict[str, Message]:
    return {part.get_content_type(): part for part in message.walk()}


def test_email_reaches_the_smtp_server_with_the_slip_and_the_password_stays_in_the_keyring(
        db: Database, clock: ManualClock, operator: Actor, admin: Actor, memory_keyring: MemoryKeyring,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with smtp_server("cc112", SECRET) as (port, box):
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", user="cc112",
                                sender="cc112@purwakartakab.go.id", timeout=5).validate()
        SettingsService(db, clock).set(admin, SMTP_SETTING, settings.to_setting())
        store_smtp_password(settings, SECRET)
        assert memory_keyring.items == {(KEYRING_SERVICE, "cc112@127.0.0.1"): SECRET}

        service = DispatchService(db, clock)
        fleet = make_fleet(db, clock, admin)
        with db.write() as session:
            session.execute(update(Agency).where(Agency.code == "damkar").values(email="posko@damkar.example"))
        fire = make_fire(db, clock, operator, description="Gudang <kayu> & jerami terbakar 🔥")
        [dispatch] = service.forward(operator, fire, [], [fleet.damkar_hills], [DeliveryChannel.EMAIL])
        worker = OutboxWorker(db, default_senders(db), clock=clock)
        assert worker.run_once() == 1

        assert box.logins == [("cc112", SECRET)]
        [received] = box.messages
        assert received["from"] == "cc112@purwakartakab.go.id" and received["to"] == ["posko@damkar.example"]
        parsed = email.message_from_bytes(received["data"])
        assert "Kebakaran" in str(email.header.make_header(email.header.decode_header(parsed["Subject"])))
        parts = _parts(parsed)
        body = parts["text/plain"].get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
        assert "Gudang <kayu> & jerami terbakar 🔥" in body and "DAMKAR-03" in body
        slip = parts["application/pdf"].get_payload(decode=True)
        assert isinstance(slip, bytes) and slip.startswith(b"%PDF")
        message = service.get(dispatch.id).deliveries[0]
        assert message.state is OutboxState.SENT

        # A wrong password stored: a clear failure, and still no password anywhere.
        memory_keyring.set_password(KEYRING_SERVICE, "cc112@127.0.0.1", "salah")
        again = service.forward(operator, fire, [fleet.damkar], [], [DeliveryChannel.EMAIL], confirm_busy=True)
        assert worker.run_once() == 1
        failed = service.get(again[0].id).deliveries[0]
        assert failed.state is OutboxState.FAILED
        assert failed.last_error == "the mail server refused the SMTP user name or password"

    with db.read() as session:
        stored = [json.dumps([row.before, row.after, row.detail], ensure_ascii=False)
                  for row in session.scalars(select(AuditEntry))]
        stored += [json.dumps(value, ensure_ascii=False) for value in session.scalars(select(Setting.value))]
        stored += [json.dumps([m.payload, m.last_error], ensure_ascii=False)
                   for m in session.scalars(select(OutboxMessage))]
    assert stored and not any(SECRET in text for text in stored)
    assert SECRET not in caplog.text


def test_missing_password_or_server_is_a_clear_failure(db: Database, clock: ManualClock, operator: Actor,
                                                       admin: Actor, memory_keyring: MemoryKeyring) -> None:
    service = DispatchService(db, clock)
    fleet = make_fleet(db, clock, admin)
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(email="posko@damkar.example"))
    fire = make_fire(db, clock, operator)
    service.forward(operator, fire, [fleet.damkar], [], [DeliveryChannel.EMAIL])
    worker = OutboxWorker(db, default_senders(db), clock=clock)
    worker.run_once()
    [message] = service.deliveries(incident_id=fire)
    assert message.last_error == "e-mail is not set up: an admin enters the mail server under Settings"
    with smtp_server("cc112", SECRET) as (port, _box):
        SettingsService(db, clock).set(admin, SMTP_SETTING, SmtpSettings(
            "127.0.0.1", port, "none", "cc112", "cc112@purwakartakab.go.id", 5).to_setting())
        clock.advance(3600)
        worker.run_once()
    [message] = service.deliveries(incident_id=fire)
    assert message.last_error is not None and "no SMTP password is stored" in message.last_error


def test_smtp_settings_are_validated() -> None:
    with pytest.raises(ValidationError) as refused:
        SmtpSettings(host="", port=0, security="tls", sender="nobody").validate()
    assert set(refused.value.problems) == {"host", "port", "security", "sender"}


def _certificates(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A private CA and a certificate for 127.0.0.1 signed by it (like a mail server on a closed network)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Diskominfo Test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    chain = folder / "server.pem"
    chain.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(chain)
    return ca_file, server


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_email_over_starttls_and_ssl_with_the_centres_ca(security: str, tmp_path: Path,
                                                         memory_keyring: MemoryKeyring) -> None:
    from callcenter.forwarding.channels import make_email_sender
    from callcenter.forwarding.outbox import DeliveryError, OutboxItem

    ca_file, server_context = _certificates(tmp_path)
    item = OutboxItem(1, DeliveryChannel.EMAIL, "posko@damkar.example",
                      {"subject": "Uji", "body": "Isi pesan"}, 1)
    with smtp_server("cc112", SECRET, tls=server_context, implicit_tls=security == "ssl") as (port, box):
        settings = SmtpSettings("127.0.0.1", port, security, "cc112", "cc112@purwakartakab.go.id", 5, str(ca_file))
        store_smtp_password(settings, SECRET)
        make_email_sender(lambda: settings)(item)
        assert box.logins == [("cc112", SECRET)] and len(box.messages) == 1
        assert "<TLS>" in box.transcript
        if security == "starttls":  # the password only travels after TLS is up
            assert box.transcript.index("<TLS>") < next(i for i, line in enumerate(box.transcript)
                                                         if line.startswith("AUTH"))
        untrusted = SmtpSettings("127.0.0.1", port, security, "cc112", "cc112@purwakartakab.go.id", 5)
        with pytest.raises(DeliveryError, match="secure connection to the mail server failed"):
            make_email_sender(lambda: untrusted)(item)
