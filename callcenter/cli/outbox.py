"""``python main.py outbox ...``: the headless delivery service and a look at what is waiting.

    outbox run [--once] [--poll SECONDS]   send due e-mail and webhook messages until Ctrl+C (or one pass)
    outbox status [--all]                  JSON lines: messages not yet sent (with --all: every message)
    outbox smtp-password                   read the SMTP password from stdin into the OS password store

Wire with ``add_parser(commands)`` (the top-level subparsers); handlers are set with ``set_defaults``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from callcenter.cli.common import add_db_option, open_database
from callcenter.db.enums import OutboxState

UNSENT = (OutboxState.PENDING, OutboxState.FAILED, OutboxState.RETRYING, OutboxState.GAVE_UP)


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser("outbox", help="deliver forwarded incidents (e-mail, webhook) and show the queue")
    actions = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    run_parser = actions.add_parser("run", help="send due e-mail and webhook messages until interrupted")
    run_parser.add_argument("--once", action="store_true", help="one pass, then exit")
    run_parser.add_argument("--poll", type=float, default=2.0, metavar="SECONDS",
                            help="how often to look for due messages (default 2)")
    status = actions.add_parser("status", help="messages not yet sent, as JSON lines")
    status.add_argument("--all", action="store_true", help="every message, also the sent ones")
    actions.add_parser("smtp-password", help="store the SMTP password (read from stdin) in the OS password store")
    for sub in (run_parser, status, actions.choices["smtp-password"]):
        add_db_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    command = args.outbox_command
    if command == "status":
        return _status(db, bool(args.all))
    if command == "smtp-password":
        return _smtp_password(db)
    if args.poll <= 0:
        sys.stderr.write("error: --poll must be a positive number of seconds.\n")
        return 2
    return _run(db, once=bool(args.once), poll=float(args.poll))


def _run(db: Any, *, once: bool, poll: float) -> int:
    from callcenter.forwarding.channels import default_senders
    from callcenter.forwarding.outbox import OutboxWorker

    worker = OutboxWorker(db, default_senders(db), poll_interval=poll)
    if once:
        attempted = worker.run_once()
        print(json.dumps({"attempted": attempted, "sent": worker.sent, "failed": worker.failures}))
        return 0
    worker.start()
    stop = threading.Event()
    try:
        while worker.is_alive() and not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
    return 0


def _status(db: Any, everything: bool) -> int:
    from sqlalchemy import select

    from callcenter.db.models import Dispatch, Incident, OutboxMessage

    with db.read() as session:
        query = (select(OutboxMessage, Incident.number).outerjoin(Dispatch, Dispatch.id == OutboxMessage.dispatch_id)
                 .outerjoin(Incident, Incident.id == Dispatch.incident_id).order_by(OutboxMessage.id))
        if not everything:
            query = query.where(OutboxMessage.state.in_(UNSENT))
        for message, number in session.execute(query):
            print(json.dumps({
                "id": message.id, "incident": number, "channel": str(message.channel), "target": message.target,
                "state": str(message.state), "attempts": message.attempts,
                "next_attempt_at": message.next_attempt_at.isoformat(), "last_error": message.last_error,
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            }, ensure_ascii=False))
    return 0


def _smtp_password(db: Any) -> int:
    from callcenter.errors import UserFixableError
    from callcenter.forwarding.channels import load_smtp_settings, store_smtp_password

    settings = load_smtp_settings(db)
    if not settings.host or not settings.user:
        sys.stderr.write("error: set the SMTP host and user first (Settings, key 'smtp').\n")
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        sys.stderr.write("error: no password on stdin.\n")
        return 2
    try:
        store_smtp_password(settings, password)
    except UserFixableError as exc:
        sys.stderr.write(f"error: {exc}.\n")
        return 1
    print(f"SMTP password for {settings.user}@{settings.host} stored in the system password store.")
    return 0
