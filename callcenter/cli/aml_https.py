"""The AML receivers of ``ingest``: the HTTPS endpoint's options and start-up, and the GSM modem sources' hand-over
of received SMS to the caller-location service. Kept apart so ``ingest`` itself stays about caller ID."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter.cli.common import UsageError
from callcenter.db.database import Database

if TYPE_CHECKING:  # the server (ssl, http.server) loads only when the endpoint is asked for
    from callcenter.aml.https_server import AmlHttpsServer, HttpsSettings

log = logging.getLogger("konsol112.ingest")
SECRET_ENV = "KONSOL112_AML_SECRET"
MIN_SECRET = 16


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("caller locations by HTTPS (Advanced Mobile Location)")
    group.add_argument("--aml-https", metavar="HOST:PORT", default=None,
                       help="receive AML locations by HTTPS POST on this address, e.g. 0.0.0.0:8443")
    group.add_argument("--aml-cert", metavar="FILE", default=None, help="the server's certificate (PEM, with chain)")
    group.add_argument("--aml-key", metavar="FILE", default=None, help="the server's private key (PEM)")
    group.add_argument("--aml-secret-file", metavar="FILE", default=None,
                       help=f"a file holding the shared secret senders must show (or ${SECRET_ENV})")
    group.add_argument("--aml-client-ca", metavar="FILE", default=None,
                       help="accept only clients with a certificate signed by this CA (PEM)")


def _secret(args: argparse.Namespace) -> bytes | None:
    if args.aml_secret_file:
        try:
            text = Path(args.aml_secret_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageError(f"cannot read the AML secret file {args.aml_secret_file}: {exc.strerror or exc}") \
                from None
    else:
        text = os.environ.get(SECRET_ENV, "").strip()
    if not text:
        return None
    if len(text) < MIN_SECRET:
        raise UsageError(f"the AML shared secret must be at least {MIN_SECRET} characters long")
    return text.encode("utf-8")


def settings_from(args: argparse.Namespace) -> HttpsSettings | None:
    address = getattr(args, "aml_https", None)
    if not address:
        return None
    host, sep, port_text = address.rpartition(":")
    if not sep or not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise UsageError(f"--aml-https {address!r}: give HOST:PORT, e.g. 0.0.0.0:8443")
    if not args.aml_cert or not args.aml_key:
        raise UsageError("--aml-https needs --aml-cert and --aml-key: locations travel only over TLS")
    secret = _secret(args)
    from callcenter.aml.https_server import HttpsSettings

    if secret is None and not args.aml_client_ca:
        raise UsageError("--aml-https needs a shared secret (--aml-secret-file) or --aml-client-ca: "
                         "the endpoint never accepts locations from anyone")
    return HttpsSettings(host=host.strip("[]") or "0.0.0.0", port=int(port_text), cert_file=Path(args.aml_cert),
                         key_file=Path(args.aml_key), secret=secret,
                         client_ca=Path(args.aml_client_ca) if args.aml_client_ca else None)


def start_server(settings: HttpsSettings, db: Database) -> AmlHttpsServer:
    import ssl
    from datetime import datetime

    from callcenter.aml.https_server import AmlHttpsServer
    from callcenter.aml.message import AmlMessage
    from callcenter.services.locations import LocationService

    locations = LocationService(db)

    def store(message: AmlMessage, received_at: datetime) -> None:
        stored = locations.receive_https(message, source_key=f"https://{host}:{port}", received_at=received_at)
        log.info("AML location %d by HTTPS from %s%s", stored.id, message.device_number or "an unknown number",
                 f" attached to call {stored.call_id}" if stored.call_id else ", waiting for its call")

    try:
        server = AmlHttpsServer(settings, store)
        server.start()
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise UsageError(f"the AML HTTPS endpoint cannot start on {settings.host}:{settings.port}: {exc}") from None
    host, port = server.address
    log.info("AML HTTPS endpoint on %s:%d (%s)", host, port,
             "client certificate" + (" and shared secret" if settings.secret else "") if settings.client_ca
             else "shared secret")
    return server


def take_sms(source: Any, db: Database) -> None:
    """A GSM modem source hands every received SMS to the caller-location service (location or kept SMS)."""
    from callcenter.assembly import receive_phone_messages

    receive_phone_messages(source, db)
