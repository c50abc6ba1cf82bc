"""Category questions: shipped for every category, edited by admins (audited, on the change feed), answered in an
incident and carried to the agency (slip, WhatsApp, e-mail)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel
from callcenter.db.models import AuditEntry, CategoryQuestion, ChangeFeedEntry
from callcenter.db.refdata import load_reference_data
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.forwarding.slip import render_slip
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_messages import DispatchFacts, email_body, whatsapp_text
from callcenter.services.incidents import IncidentDraft, IncidentService
from callcenter.services.questions import MAX_ANSWER, AnswerInput, QuestionInput, QuestionService
from tests.callcenter.services.dispatch_helpers import NAGRI_KIDUL, agency_id, category_id


def fire_questions(db: Database, clock: ManualClock) -> list[tuple[int, str]]:
    questions = QuestionService(db, clock).all_active()[category_id(db, "kebakaran")]
    return [(q.id, q.prompt_id) for q in questions]


def test_every_category_ships_with_questions_in_indonesian_and_english(db: Database, clock: ManualClock) -> None:
    service = QuestionService(db, clock)
    categories = service.categories()
    assert len(categories) == 19
    assert all(category.questions for category in categories), [c.code for c in categories if not c.questions]
    fire = next(c for c in categories if c.code == "kebakaran")
    assert fire.questions[0].prompt("id") == "Ada orang yang terjebak di dalam?"
    assert fire.questions[0].prompt("en") == "Is anyone trapped inside?"
    accident = next(c for c in categories if c.code == "kecelakaan_lalu_lintas")
    assert "luka" in accident.questions[0].prompt_id


def test_an_admin_rewords_reorders_adds_and_removes_and_it_is_audited(db: Database, owner_db: Database,
                                                                      clock: ManualClock, admin: Actor) -> None:
    service = QuestionService(db, clock)
    fire = category_id(db, "kebakaran")
    (trapped, _), (burning, _), (injured, _), (gas, _) = fire_questions(db, clock)
    saved = service.save(admin, fire, [
        QuestionInput("Apa yang terbakar?", "What is burning?", burning),
        QuestionInput("  Ada  orang terjebak? ", "", trapped),
        QuestionInput("Apakah api sudah menjalar ke rumah tetangga?", "Has it spread next door?"),
        QuestionInput("", ""),  # an empty line of the dialog: ignored
    ])
    assert [q.prompt_id for q in saved] == ["Apa yang terbakar?", "Ada orang terjebak?",
                                           "Apakah api sudah menjalar ke rumah tetangga?"]
    assert [q.id for q in saved[:2]] == [burning, trapped]
    assert saved[1].prompt_en is None and saved[1].prompt("en") == "Ada orang terjebak?"  # falls back
    assert service.all_active()[fire] == saved
    with db.read() as session:
        removed = session.scalars(select(CategoryQuestion).where(CategoryQuestion.id.in_([injured, gas]))).all()
        assert [q.active for q in removed] == [False, False]  # kept, so that db upgrade does not bring them back
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "category.questions")).one()
        assert entry.username == "admin" and entry.entity_id == str(fire)
        assert len(entry.before["questions"]) == 4 and len(entry.after["questions"]) == 3
        assert session.scalar(select(ChangeFeedEntry.action).where(ChangeFeedEntry.entity == "category")) == \
            "questions"
    with owner_db.write() as session:  # db upgrade again
        assert load_reference_data(session, datetime.now(UTC)).questions == 0
    assert [q.prompt_id for q in service.all_active()[fire]] == [q.prompt_id for q in saved]


def test_only_admins_edit_questions_and_nonsense_is_refused(db: Database, clock: ManualClock, operator: Actor,
                                                            admin: Actor) -> None:
    service = QuestionService(db, clock)
    fire = category_id(db, "kebakaran")
    with pytest.raises(PermissionDenied):
        service.save(operator, fire, [QuestionInput("Ada yang terjebak?")])
    with db.read() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.operator_id == operator.id)) == \
            "permission_denied"
    with pytest.raises(ValidationError) as refused:
        service.save(admin, fire, [QuestionInput("", "Only English?"), QuestionInput("x" * 201)])
    assert set(refused.value.problems) == {"question_1", "question_2"}
    with pytest.raises(ValidationError) as refused:
        service.save(admin, fire, [QuestionInput(f"Pertanyaan {n}?") for n in range(9)])
    assert "questions" in refused.value.problems
    with pytest.raises(ValidationError) as refused:
        service.save(admin, fire, [QuestionInput("Ada korban?"), QuestionInput("ada KORBAN?")])
    assert refused.value.problems == {"questions": "the same question is listed twice"}
    assert len(service.all_active()[fire]) == 4  # nothing changed


def test_answers_are_kept_with_the_incident_even_after_the_question_changes(db: Database, clock: ManualClock,
                                                                            operator: Actor,
                                                                            admin: Actor) -> None:
    (trapped, trapped_text), (burning, burning_text), *_ = fire_questions(db, clock)
    incidents = IncidentService(db, clock)
    draft = IncidentDraft(category_id=category_id(db, "kebakaran"), desa_code=NAGRI_KIDUL,
                          description="Rumah terbakar", answers=(
                              AnswerInput(trapped, trapped_text, "Ya, dua anak di lantai 2 <b>&</b>"),
                              AnswerInput(burning, burning_text, "   "),  # not answered: not kept
                              AnswerInput(None, "Tabung gas?", "ada tiga tabung")))
    created = incidents.create(operator, draft)
    assert [(a.question, a.answer) for a in created.answers] == [
        (trapped_text, "Ya, dua anak di lantai 2 <b>&</b>"), ("Tabung gas?", "ada tiga tabung")]
    QuestionService(db, clock).save(admin, created.category_id, [QuestionInput("Siapa yang terjebak?")])
    assert incidents.get(created.id).answers == created.answers  # the words as they were asked
    with db.read() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "incident.create")).one()
        assert logged.after["answers"][0] == [trapped_text, "Ya, dua anak di lantai 2 <b>&</b>"]
    with pytest.raises(ValidationError) as refused:
        incidents.create(operator, IncidentDraft(
            category_id=category_id(db, "kebakaran"), desa_code=NAGRI_KIDUL, description="Rumah terbakar",
            answers=(AnswerInput(trapped, trapped_text, "y" * (MAX_ANSWER + 1)),)))
    assert refused.value.problems == {"answers": f"at most {MAX_ANSWER} characters per answer (now 501)"}


def test_the_answers_reach_the_slip_whatsapp_and_email(db: Database, clock: ManualClock, operator: Actor) -> None:
    (trapped, trapped_text), (burning, burning_text), *_ = fire_questions(db, clock)
    incident = IncidentService(db, clock).create(operator, IncidentDraft(
        category_id=category_id(db, "kebakaran"), desa_code=NAGRI_KIDUL, description="Rumah terbakar",
        answers=(AnswerInput(trapped, trapped_text, "Ya, dua anak"),
                 AnswerInput(burning, burning_text, "rumah kayu & gudang <beras>"))))
    dispatch = DispatchService(db, clock)
    [forwarded] = dispatch.forward(operator, incident.id, [agency_id(db, "damkar")], [],
                                   [DeliveryChannel.PRINT, DeliveryChannel.WHATSAPP])
    by_channel = {d.channel: d for d in forwarded.deliveries}
    slip_facts = DispatchFacts.from_dict(dispatch.delivery_content(by_channel[DeliveryChannel.PRINT].id)["facts"])
    assert slip_facts.answers == ((trapped_text, "Ya, dua anak"), (burning_text, "rumah kayu & gudang <beras>"))
    reader = PdfReader(io.BytesIO(render_slip(slip_facts)))
    printed = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) == 1
    assert f"{trapped_text} Ya, dua anak" in printed
    assert f"{burning_text} rumah kayu & gudang <beras>" in printed
    text = dispatch.delivery_content(by_channel[DeliveryChannel.WHATSAPP].id)["text"]
    assert f"- {trapped_text} Ya, dua anak" in text
    assert f"- {burning_text} rumah kayu & gudang <beras>" in email_body(slip_facts)
    assert text == whatsapp_text(slip_facts)


def test_facts_stored_before_answers_existed_still_read() -> None:
    old = {"incident_number": "112/2026/000001", "category": "Kebakaran", "category_code": "kebakaran",
           "priority": "P1", "kecamatan": None, "desa": None, "address": None, "landmark": None, "latitude": None,
           "longitude": None, "description": "Api", "reporter_name": None, "callback_number": None,
           "agency": "Damkar", "agency_short": "Damkar", "unit": None, "unit_type": None, "operator": "asep",
           "created_at": "2026-03-02T03:00:00+00:00", "dispatched_at": "2026-03-02T03:01:30+00:00"}
    assert DispatchFacts.from_dict(old).answers == ()
    assert DispatchFacts.from_dict({**old, "answers": [["Q?", "A"], "garbage", [1]]}).answers == (("Q?", "A"),)
