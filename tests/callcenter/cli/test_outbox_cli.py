from __future__ import annotations

import argparse
import json

import pytest
from sqlalchemy import update

from callcenter.cli import outbox as cli
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, Role
from callcenter.db.models import Agency
from callcenter.services.dispatch import DispatchService
from tests.callcenter.forwarding.servers import http_endpoint
from tests.callcenter.services.conftest import make_actor
from tests.callcenter.services.dispatch_helpers import make_fire, make_fleet


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    cli.add_parser(commands)
    return parser.parse_args(list(argv))


def test_outbox_status_and_one_pass(sqlite_db: Database, clock: ManualClock,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    operator = make_actor(sqlite_db, clock, "asep", Role.OPERATOR)
    admin = make_actor(sqlite_db, clock, "admin", Role.ADMIN)
    service = DispatchService(sqlite_db, clock)
    fleet = make_fleet(sqlite_db, clock, admin)
    with http_endpoint(fail_first=1) as (url, log):
        with sqlite_db.write() as session:
            session.execute(update(Agency).where(Agency.code == "damkar").values(webhook_url=url))
        fire = make_fire(sqlite_db, clock, operator)
        service.forward(operator, fire, [], [fleet.damkar_hills], [DeliveryChannel.WEBHOOK])
        args = _parse("outbox", "status", "--db", sqlite_db.url)
        assert args.handler(args) == 0
        [line] = capsys.readouterr().out.splitlines()
        waiting = json.loads(line)
        assert (waiting["incident"], waiting["channel"], waiting["state"]) == ("112/2026/000001", "webhook",
                                                                              "pending")
        once = _parse("outbox", "run", "--once", "--db", sqlite_db.url)
        assert once.handler(once) == 0
        assert json.loads(capsys.readouterr().out) == {"attempted": 1, "sent": 0, "failed": 1}
        assert len(log.requests) == 1
        assert args.handler(args) == 0
        failed = json.loads(capsys.readouterr().out)
        assert failed["state"] == "failed" and "HTTP 500" in failed["last_error"]
