from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, OutboxState
from callcenter.db.models import Agency, AuditEntry, OutboxMessage
from callcenter.forwarding.channels import send_webhook
from callcenter.forwarding.outbox import OutboxItem, OutboxWorker, RetryPolicy
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from tests.callcenter.forwarding.servers import closed_port, http_endpoint
from tests.callcenter.services.dispatch_helpers import make_fire, make_fleet


def _webhook_dispatch(db: Database, clock: ManualClock, operator: Actor, admin: Actor, url: str) -> int:
    service = DispatchService(db, clock)
    fleet = make_fleet(db, clock, admin)
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(webhook_url=url))
    fire = make_fire(db, clock, operator)
    [dispatch] = service.forward(operator, fire, [], [fleet.damkar_hills], [DeliveryChannel.WEBHOOK])
    return dispatch.deliveries[0].id


def _message(db: Database, message_id: int) -> OutboxMessage:
    with db.read() as session:
        message = session.get(OutboxMessage, message_id)
        assert message is not None
        session.expunge(message)
        return message


def test_webhook_retries_with_backoff_until_the_server_accepts(db: Database, clock: ManualClock, operator: Actor,
                                                               admin: Actor) -> None:
    with http_endpoint(fail_first=2) as (url, log):
        message_id = _webhook_dispatch(db, clock, operator, admin, url)
        assert _message(db, message_id).state is OutboxState.PENDING
        seen_during_send: list[OutboxState] = []
        log.on_request = lambda _handler: seen_during_send.append(_message(db, message_id).state)
        worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock,
                              policy=RetryPolicy(base_delay=30, max_delay=600, max_attempts=5))

        assert worker.run_once() == 1
        first = _message(db, message_id)
        assert first.state is OutboxState.FAILED and first.attempts == 1
        assert first.last_error == "the agency's server answered HTTP 500 Internal Server Error"
        assert first.next_attempt_at == clock() + timedelta(seconds=30)
        assert worker.run_once() == 0  # backing off: not due yet
        clock.advance(30)
        assert worker.run_once() == 1
        second = _message(db, message_id)
        assert second.state is OutboxState.FAILED and second.attempts == 2
        assert second.next_attempt_at == clock() + timedelta(seconds=60)  # doubled
        clock.advance(59)
        assert worker.run_once() == 0
        clock.advance(1)
        assert worker.run_once() == 1
        done = _message(db, message_id)
        assert done.state is OutboxState.SENT and done.attempts == 3 and done.sent_at == clock()
        assert done.last_error is None and done.claimed_by is None
        assert seen_during_send == [OutboxState.PENDING, OutboxState.RETRYING, OutboxState.RETRYING]
        assert len(log.requests) == 3
        posted = log.requests[-1]
        assert posted["headers"]["Content-Type"].startswith("application/json")
        assert posted["json"]["eidoVersion"] == "1.0"
        assert posted["json"]["$id"].startswith("urn:emergency:uid:incidentid:112-")
    with db.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "outbox")))
    assert actions.count("outbox.failed") == 2 and actions.count("outbox.sent") == 1


def test_dead_endpoint_shows_failed_with_reason_and_keeps_retrying(db: Database, clock: ManualClock,
                                                                   operator: Actor, admin: Actor) -> None:
    message_id = _webhook_dispatch(db, clock, operator, admin, f"http://127.0.0.1:{closed_port()}/eido")
    # A real background worker on the real clock, fast backoff: it must fail, wait, and try again by itself.
    worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: lambda item: send_webhook(item, timeout=2)},
                          policy=RetryPolicy(base_delay=0.2, max_delay=1.0, max_attempts=50), poll_interval=0.05)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while _message(db, message_id).attempts < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    failed = _message(db, message_id)
    assert failed.attempts >= 3
    assert failed.state is OutboxState.FAILED
    assert failed.last_error == "connection refused: the agency's server is not listening"
    assert failed.next_attempt_at > datetime.now(UTC) - timedelta(seconds=5)

    service = DispatchService(db, clock)
    retried = service.retry(operator, message_id)  # the operator's Retry button: due now
    assert retried.state is OutboxState.RETRYING and retried.next_attempt_at == clock()


def test_gives_up_after_the_attempt_cap_until_an_operator_retries(db: Database, clock: ManualClock,
                                                                  operator: Actor, admin: Actor) -> None:
    message_id = _webhook_dispatch(db, clock, operator, admin, f"http://127.0.0.1:{closed_port()}/eido")
    worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock,
                          policy=RetryPolicy(base_delay=1, max_delay=4, max_attempts=3))
    for _ in range(3):
        assert worker.run_once() == 1
        clock.advance(10)
    assert _message(db, message_id).state is OutboxState.GAVE_UP
    assert worker.run_once() == 0
    DispatchService(db, clock).retry(operator, message_id)
    assert worker.run_once() == 1
    assert _message(db, message_id).attempts == 4


def test_a_crashed_send_is_retried_by_another_desk_after_the_lease(db: Database, clock: ManualClock,
                                                                   operator: Actor, admin: Actor) -> None:
    with http_endpoint() as (url, log):
        message_id = _webhook_dispatch(db, clock, operator, admin, url)
        crashed = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock, worker_id="desk-1",
                               lease=timedelta(seconds=60))
        assert [item.id for item in crashed.outbox.claim([DeliveryChannel.WEBHOOK])] == [message_id]
        # desk-1 dies here without a word. The message is still in the table, claimed.
        other = OutboxWorker(db, {DeliveryChannel.WEBHOOK: send_webhook}, clock=clock, worker_id="desk-2")
        assert other.run_once() == 0
        clock.advance(61)
        assert other.run_once() == 1
        assert _message(db, message_id).state is OutboxState.SENT and len(log.requests) == 1


def test_two_workers_never_send_one_message_twice(db: Database, clock: ManualClock, operator: Actor,
                                                  admin: Actor) -> None:
    with http_endpoint() as (url, log):
        first = _webhook_dispatch(db, clock, operator, admin, url)
        template = _message(db, first)
        with db.write() as session:
            session.add_all([OutboxMessage(dispatch_id=template.dispatch_id, channel=DeliveryChannel.WEBHOOK,
                                           target=url, payload={"eido": {"n": n}}, state=OutboxState.PENDING,
                                           attempts=0, next_attempt_at=clock(), created_at=clock())
                             for n in range(40)])
        senders = {DeliveryChannel.WEBHOOK: send_webhook}
        workers = [OutboxWorker(db, senders, clock=clock, worker_id=f"desk-{n}") for n in range(2)]
        barrier = threading.Barrier(2)

        def drain(worker: OutboxWorker) -> None:
            barrier.wait()
            while worker.run_once():
                pass

        threads = [threading.Thread(target=drain, args=(worker,)) for worker in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        delivered = [request["headers"]["X-Konsol112-Delivery"] for request in log.requests]
        assert len(delivered) == 41 and len(set(delivered)) == 41
        assert sum(worker.sent for worker in workers) == 41
    with db.read() as session:
        states = dict(session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all())
    assert states == {OutboxState.SENT: 41}


def test_a_sender_bug_is_a_visible_failure_not_a_dead_worker(db: Database, clock: ManualClock, operator: Actor,
                                                             admin: Actor) -> None:
    message_id = _webhook_dispatch(db, clock, operator, admin, "http://127.0.0.1:9/eido")

    def broken(item: OutboxItem) -> None:
        raise KeyError("eido")

    worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: broken}, clock=clock)
    assert worker.run_once() == 1
    assert _message(db, message_id).last_error == "KeyError: 'eido'"


@pytest.mark.parametrize("attempts,seconds", [(1, 10), (2, 20), (3, 40), (10, 900)])
def test_backoff_doubles_up_to_the_cap(attempts: int, seconds: int) -> None:
    assert RetryPolicy(base_delay=10, max_delay=900).delay(attempts) == timedelta(seconds=seconds)
