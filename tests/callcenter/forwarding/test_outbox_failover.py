"""The outbox across a database switch: a message sent while the database could not record it is not sent
again, and a claim whose answer was lost is this worker's to take at once."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from sqlalchemy.engine import make_url

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, OutboxState, Role
from callcenter.db.urls import libpq_conninfo
from callcenter.errors import DatabaseUnavailable
from callcenter.forwarding.channels import send_webhook
from callcenter.forwarding.outbox import OutboxItem, OutboxWorker
from callcenter.services.base import Actor
from tests.callcenter.forwarding.servers import http_endpoint
from tests.callcenter.forwarding.test_outbox import _message, _webhook_dispatch
from tests.callcenter.services.conftest import make_actor
from tests.pg import PostgresCluster


def test_a_message_sent_while_the_database_switches_is_not_sent_again(pg_cluster: PostgresCluster, pg_db: Database,
                                                                      clock: ManualClock) -> None:
    name = make_url(pg_db.url).database
    operator = make_actor(pg_db, clock, "asep", Role.OPERATOR)
    admin = make_actor(pg_db, clock, "admin", Role.ADMIN)

    def demote() -> None:  # what a failover looks like from here: the server turns read-only, connections drop
        pg_cluster._execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        with psycopg.connect(libpq_conninfo(pg_cluster.url("postgres")), autocommit=True) as connection:
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))

    with http_endpoint() as (url, log):
        message_id = _webhook_dispatch(pg_db, clock, operator, admin, url)

        def send_then_switch(item: OutboxItem) -> None:
            send_webhook(item)
            demote()

        worker = OutboxWorker(pg_db, {DeliveryChannel.WEBHOOK: send_then_switch}, clock=clock, worker_id="desk-1",
                              lease=timedelta(seconds=60))
        with pytest.raises(DatabaseUnavailable):
            worker.run_once()  # sent, but "sent" could not be written
        assert len(log.requests) == 1
        pg_cluster._execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
        clock.advance(120)  # long past the lease: any other worker would now send it again
        worker.senders = {DeliveryChannel.WEBHOOK: send_webhook}
        assert worker.run_once() == 0  # records the send first, then finds nothing due
        assert len(log.requests) == 1
        assert _message(pg_db, message_id).state is OutboxState.SENT


def test_a_claim_whose_answer_was_lost_is_taken_again_at_once(db: Database, clock: ManualClock, operator: Actor,
                                                              admin: Actor) -> None:
    with http_endpoint() as (url, log):
        message_id = _webhook_dispatch(db, clock, operator, admin, url)
        worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock, worker_id="desk-1",
                              lease=timedelta(minutes=2))
        worker.outbox.claim([DeliveryChannel.WEBHOOK])  # committed; the answer never reached the worker
        other = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock, worker_id="desk-2")
        assert other.run_once() == 0  # another desk respects the lease
        assert worker.run_once() == 1  # the lease is this worker's own: no two-minute wait
        assert _message(db, message_id).state is OutboxState.SENT and len(log.requests) == 1
