"""The issue's "done when", on a seeded demo database: a fire forwarded to Damkar and the nearest unit,
acknowledged -> on scene -> cleared, the slip printed (saved), every step on the incident timeline with its time;
a webhook to a dead endpoint shows as failed and is retried."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select, update

from callcenter.clock import ManualClock, to_wib
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, IncidentStatus, OutboxState, UnitStatus
from callcenter.db.models import Agency, Category
from callcenter.forwarding.channels import send_webhook
from callcenter.forwarding.outbox import OutboxWorker, RetryPolicy
from callcenter.forwarding.slip import render_slip
from callcenter.services.auth import AuthService
from callcenter.services.demo import seed_demo
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_messages import DispatchFacts
from callcenter.services.incidents import IncidentDraft, IncidentService
from tests.callcenter.forwarding.servers import closed_port


def test_demo_fire_from_forward_to_cleared(sqlite_db: Database, clock: ManualClock) -> None:
    db = sqlite_db
    seed_demo(db, days=1, calls_per_day=60, seed=3, now=clock() - timedelta(minutes=5))
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(
            webhook_url=f"http://127.0.0.1:{closed_port()}/eido"))
        fire_category = session.scalar(select(Category.id).where(Category.code == "kebakaran"))
    operator = AuthService(db, clock).authenticate("operator1", "konsol112").as_actor()
    incidents = IncidentService(db, clock)
    fire = incidents.create(operator, IncidentDraft(
        category_id=fire_category, desa_code="32.14.04.2005", address="Jl. Raya Plered No. 12",
        callback_number="0813-2222-3333", description="Kebakaran gudang kayu, api membesar"))
    dispatch = DispatchService(db, clock)
    hints = dispatch.suggestions(fire.id)
    damkar = next(a for a in hints.agencies if a.code == "damkar")
    assert hints.default_agency_ids == [damkar.id]
    [nearest] = hints.suggested_unit_ids
    nearest_unit = next(u for u in hints.units if u.id == nearest)
    assert nearest_unit.call_sign == "DAMKAR-02" and nearest_unit.home == "Plered"  # stationed in Plered

    clock.advance(60)
    [forwarded] = dispatch.forward(operator, fire.id, hints.default_agency_ids, [nearest],
                                   [DeliveryChannel.PRINT, DeliveryChannel.WEBHOOK])
    for status, wait in ((DispatchStatus.ACKNOWLEDGED, 90), (DispatchStatus.ON_SCENE, 600),
                         (DispatchStatus.CLEARED, 2400)):
        clock.advance(wait)
        dispatch.update_status(operator, forwarded.id, status)
    assert incidents.get(fire.id).status is IncidentStatus.RESOLVED
    board = {row.call_sign: row for row in dispatch.unit_board()}
    assert board["DAMKAR-02"].status is UnitStatus.AVAILABLE

    slip_message = next(d for d in forwarded.deliveries if d.channel is DeliveryChannel.PRINT)
    facts = DispatchFacts.from_dict(dispatch.delivery_content(slip_message.id)["facts"])
    text = PdfReader(io.BytesIO(render_slip(facts))).pages[0].extract_text()
    assert fire.number in text and "0813-2222-3333" in text and "DAMKAR-02" in text
    assert dispatch.mark_delivered(operator, slip_message.id, "saved").state is OutboxState.SENT

    timeline = [(to_wib(e.at).strftime("%H:%M:%S"), e.text, e.operator) for e in incidents.timeline(fire.id)]
    texts = [text for _, text, _ in timeline]
    for expected in ("Diteruskan ke Damkar (DAMKAR-02) via slip cetak, webhook", "Damkar (DAMKAR-02): diterima",
                     "Damkar (DAMKAR-02): tiba di lokasi", "Damkar (DAMKAR-02): selesai"):
        assert expected in texts
    assert [at for at, text, _ in timeline if text.startswith("Damkar (DAMKAR-02)")] == [
        "10:02:30", "10:12:30", "10:52:30"]
    assert {who for _, _, who in timeline} == {"operator1"}

    worker = OutboxWorker(db, {DeliveryChannel.WEBHOOK: lambda item: send_webhook(item, timeout=2)}, clock=clock,
                          policy=RetryPolicy(base_delay=30, max_delay=600, max_attempts=10))
    worker.run_once()
    clock.advance(30)
    worker.run_once()
    webhook = next(d for d in dispatch.deliveries(incident_id=fire.id) if d.channel is DeliveryChannel.WEBHOOK)
    assert webhook.state is OutboxState.FAILED and webhook.attempts == 2
    assert webhook.last_error == "connection refused: the agency's server is not listening"
    assert webhook.next_attempt_at == clock() + timedelta(seconds=60)
