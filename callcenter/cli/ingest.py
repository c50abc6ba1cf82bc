"""The headless line service (``ingest``): caller-ID sources -> intake -> database, with the local spool.

One log line per persisted call, written only after its commit. SIGINT/SIGTERM stop the sources, commit what
is queued and exit cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter.cli import aml_https
from callcenter.cli.common import UsageError, add_db_option

if TYPE_CHECKING:  # the service's own modules load when it runs, so `--help` and argument errors stay quick
    from callcenter.cid.events import CallerIdEvent, ParseWarning
    from callcenter.db.database import Database
    from callcenter.services.intake import CallNotice

log = logging.getLogger("konsol112.ingest")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ingest", help="headless line service: read caller-ID sources and store every call",
        description="Read one or more caller-ID sources and commit every call to the database. Events that "
                    "cannot be committed wait in a local spool file and are replayed when the database is back.")
    parser.add_argument("--source", action="append", metavar="URL", default=[],
                        help="caller-ID source URL (repeatable), e.g. serial:///dev/ttyUSB0?format=modem, "
                             "tcp://host:3333?format=ncid, udp://0.0.0.0:3520, sim://?rate=0.5; default: the "
                             "enabled sources configured for this computer")
    aml_https.add_options(parser)
    parser.add_argument("--spool", metavar="FILE", default=None,
                        help="spool file for events the database could not take (default: in the data folder)")
    parser.add_argument("--desk", metavar="NAME", default=None,
                        help="the name the supervisor board shows for this service (default: HOST#ingest, "
                             "HOST#ingest2 for a second one)")
    add_db_option(parser)
    parser.set_defaults(handler=run)


def default_spool_path() -> Path:
    from callcenter.db.database import data_dir

    return data_dir() / "spool" / "ingest.jsonl"


def configured_sources(db: Database) -> list[str]:
    from sqlalchemy import or_, select

    from callcenter.db.models import CidSource

    host = socket.gethostname()
    with db.read() as session:
        return list(session.scalars(select(CidSource.url).where(
            CidSource.enabled.is_(True), or_(CidSource.host.is_(None), CidSource.host == "", CidSource.host == host))))


def describe_notice(notice: CallNotice) -> str:
    from callcenter import phone

    if notice.e164:
        info = phone.describe(notice.e164)
        who = f"{info.national} ({phone.summary(info) or info.type})"
    else:
        who = notice.number or "tanpa caller ID"
    return f"call {notice.call_id} {notice.action} line {notice.line_id}: {who}"


def run(args: argparse.Namespace) -> int:
    from callcenter.cid.sources import LineState, make_source
    from callcenter.cid.sources import Subscriber as SourceSubscriber
    from callcenter.db import migrate
    from callcenter.db.database import Database, resolve_url
    from callcenter.db.roles import connection_warning
    from callcenter.errors import DatabaseUnavailable, ValidationError
    from callcenter.services.base import SYSTEM
    from callcenter.services.desk_identity import check_desk_name, claim_desk_identity
    from callcenter.services.intake import IntakeService, IntakeWorker
    from callcenter.services.presence import Heartbeat, PresenceService
    from callcenter.services.spool import Spool, SpoolError

    try:
        desk_override = check_desk_name(args.desk) if args.desk is not None else None
    except ValidationError as exc:
        raise UsageError(f"--desk: {exc.problems['desk']}") from exc
    spool = Spool(Path(args.spool) if args.spool else default_spool_path())
    try:
        spool.check()
    except SpoolError as exc:
        if args.spool:  # the path the user typed: bad input
            raise UsageError(str(exc)) from exc
        raise
    db = Database(resolve_url(getattr(args, "db", None)), create=False)
    try:
        migrate.check_schema(db)
        urls = list(args.source) or configured_sources(db)
        warning = connection_warning(db)
        if warning:
            log.warning(warning)
    except DatabaseUnavailable as exc:
        # Start anyway: calls are spooled until the database is back. Without --source there is nothing to read.
        if not args.source:
            raise
        log.error("database not reachable at start, spooling: %s", exc)
        urls = list(args.source)
    https_settings = aml_https.settings_from(args)
    if not urls and https_settings is None:
        raise UsageError("no caller-ID source given (--source URL) and none configured for this computer")
    try:
        sources = [make_source(url) for url in urls]
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    https_server = aml_https.start_server(https_settings, db) if https_settings is not None else None

    intake = IntakeService(db, spool=spool)

    def log_committed(notices: list[CallNotice]) -> None:
        for notice in notices:
            log.info(describe_notice(notice))

    intake.subscribe(log_committed)
    worker = IntakeWorker(intake)
    worker.start()
    # The supervisor sees the line service as a desk (line host): online while it runs, offline when it stops.
    identity = claim_desk_identity(kind="ingest")
    heartbeat = Heartbeat(PresenceService(db), SYSTEM, desk_override or identity.name, desk_key=identity.key,
                          line_host=True)
    heartbeat.start()

    def on_event(source_key: str, event: CallerIdEvent) -> None:
        worker.submit(source_key, event)

    def on_warning(source_key: str, warning: ParseWarning) -> None:
        log.warning("%s: %s: %r", source_key, warning.message, warning.raw[:200])

    def on_state(state: LineState) -> None:
        reason = f" ({state.reason})" if state.reason else ""
        log.info("line %s %s%s", state.display, state.status, reason)

    for source in sources:
        source.subscribe(SourceSubscriber(on_event=on_event, on_warning=on_warning, on_state=on_state))
        aml_https.take_sms(source, db)
        source.start()
    log.info("ingest running as desk %s: %d source(s), database %s, spool %s", heartbeat.desk, len(sources),
             db.display_url(), spool.path)

    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        log.info("stopping (signal %d)", signum)
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    if sys.platform == "win32":  # Ctrl+Break in a Windows console
        signal.signal(signal.SIGBREAK, request_stop)  # type: ignore[attr-defined,unused-ignore]
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for source in sources:
            source.stop()
        if https_server is not None:
            https_server.stop()
        worker.stop(timeout=30)
        heartbeat.stop()
        identity.release()
        pending = len(spool.pending())
        log.info("stopped: %d call(s) persisted, %d event(s) spooled, %d waiting in the spool",
                 intake.persisted, intake.spooled, pending)
        db.dispose()
    return 0


