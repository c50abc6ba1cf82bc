"""The automatic delivery channels: webhook (HTTP POST of the EIDO JSON) and e-mail over SMTP.

The SMTP password lives in the operating system's password store through ``keyring`` (Windows Credential
Manager on the operators' PCs); settings, logs, exports and the audit log only ever hold host, port and user.
"""

from __future__ import annotations

import json
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel
from callcenter.errors import UserFixableError, ValidationError
from callcenter.forwarding.outbox import DeliveryError, OutboxItem, Sender
from callcenter.forwarding.slip import render_slip
from callcenter.services.dispatch_messages import DispatchFacts

KEYRING_SERVICE = "Konsol 112 SMTP"
SMTP_SETTING = "smtp"
SECURITY = ("starttls", "ssl", "none")
USER_AGENT = "Konsol112/1.0 (+Call Center 112 Kabupaten Purwakarta)"


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    timeout: float = 20.0
    ca_file: str = ""
    """A PEM file with the CA of a mail server whose certificate is not from a public CA (often the case on a
    government network); empty: the system's trusted CAs."""

    def to_setting(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_setting(cls, value: Any) -> SmtpSettings:
        if not isinstance(value, dict):
            return cls()
        names = set(cls.__dataclass_fields__)
        return cls(**{key: item for key, item in value.items() if key in names})

    def validate(self) -> SmtpSettings:
        from callcenter.services.dispatch_types import check_email

        problems: dict[str, str] = {}
        if not self.host.strip() or any(ch.isspace() for ch in self.host.strip()):
            problems["host"] = "the mail server's name (e.g. smtp.purwakartakab.go.id)"
        if not 1 <= int(self.port) <= 65535:
            problems["port"] = "a port between 1 and 65535 (587 for STARTTLS, 465 for SSL)"
        if self.security not in SECURITY:
            problems["security"] = "STARTTLS, SSL or none"
        try:
            sender = check_email(self.sender)
            if sender is None:
                problems["sender"] = "the sender address (e.g. cc112@purwakartakab.go.id)"
        except ValueError as exc:
            problems["sender"] = str(exc)
        if problems:
            raise ValidationError(problems)
        return self


def _account(settings: SmtpSettings) -> str:
    return f"{settings.user}@{settings.host}"


def store_smtp_password(settings: SmtpSettings, password: str) -> None:
    """Keep the password in the OS password store (never in the database)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _account(settings), password)
    except KeyringError as exc:
        raise UserFixableError(f"the system password store is not available ({type(exc).__name__}); "
                               "the SMTP password cannot be saved") from None


def smtp_password(settings: SmtpSettings) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    if not settings.user:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _account(settings))
    except KeyringError:
        return None


def load_smtp_settings(db: Database) -> SmtpSettings:
    from callcenter.services.settings import read_setting

    with db.read() as session:
        return SmtpSettings.from_setting(read_setting(session, SMTP_SETTING))


def send_webhook(item: OutboxItem, timeout: float = 10.0) -> None:
    body = json.dumps(item.payload.get("eido"), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(item.target, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
        "X-Konsol112-Delivery": str(item.id)})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"the agency's server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise DeliveryError("connection refused: the agency's server is not listening") from None
        if isinstance(reason, socket.timeout | TimeoutError):
            raise DeliveryError(f"no answer from the agency's server within {timeout:g} s") from None
        raise DeliveryError(f"cannot reach the agency's server: {reason}") from None
    except TimeoutError:
        raise DeliveryError(f"no answer from the agency's server within {timeout:g} s") from None
    except OSError as exc:
        raise DeliveryError(f"cannot reach the agency's server: {exc.strerror or exc}") from None
    if not 200 <= status < 300:
        raise DeliveryError(f"the agency's server answered HTTP {status}")


def build_email(item: OutboxItem, settings: SmtpSettings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = item.target
    message["Subject"] = str(item.payload.get("subject") or "Call Center 112")
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(str(item.payload.get("body") or ""))
    facts = item.payload.get("facts")
    if isinstance(facts, dict):
        slip = render_slip(DispatchFacts.from_dict(facts))
        name = "slip-" + str(facts.get("incident_number", "112")).replace("/", "-") + ".pdf"
        message.add_attachment(slip, maintype="application", subtype="pdf", filename=name)
    return message


def make_email_sender(settings_source: Callable[[], SmtpSettings],
                      password_source: Callable[[SmtpSettings], str | None] = smtp_password) -> Sender:
    """A sender reading the SMTP settings on every send, so an admin's change applies without a restart."""

    def send(item: OutboxItem) -> None:
        settings = settings_source()
        if not settings.host or not settings.sender:
            raise DeliveryError("e-mail is not set up: an admin enters the mail server under Settings")
        message = build_email(item, settings)
        try:
            context = ssl.create_default_context(cafile=settings.ca_file or None)
        except (OSError, ssl.SSLError) as exc:
            raise DeliveryError(f"cannot read the mail server's CA file {settings.ca_file}: {exc}") from None
        try:
            if settings.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                        context=context)
            else:
                client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            with client:
                if settings.security == "starttls":
                    client.starttls(context=context)
                if settings.user:
                    password = password_source(settings)
                    if password is None:
                        raise DeliveryError("no SMTP password is stored for this user; an admin enters it "
                                            "under Settings")
                    client.login(settings.user, password)
                client.send_message(message)
        except smtplib.SMTPAuthenticationError:
            raise DeliveryError("the mail server refused the SMTP user name or password") from None
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError(f"the mail server refused the address {item.target}") from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError("the mail server does not offer STARTTLS; choose SSL or ask its admin")\
                from None
        except smtplib.SMTPException as exc:
            raise DeliveryError(f"the mail server refused the message: {type(exc).__name__}") from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"secure connection to the mail server failed: {exc.reason}") from None
        except ConnectionRefusedError:
            raise DeliveryError(f"connection refused by {settings.host}:{settings.port}") from None
        except TimeoutError:
            raise DeliveryError(f"no answer from {settings.host}:{settings.port}") from None
        except OSError as exc:
            raise DeliveryError(f"cannot reach {settings.host}:{settings.port}: {exc.strerror or exc}") from None

    return send


def default_senders(db: Database, *, webhook_timeout: float = 10.0) -> dict[DeliveryChannel, Sender]:
    return {
        DeliveryChannel.WEBHOOK: lambda item: send_webhook(item, webhook_timeout),
        DeliveryChannel.EMAIL: make_email_sender(lambda: load_smtp_settings(db)),
    }
