"""What to ask a caller, per category: the prompts beside the description (Kebakaran: anyone trapped? what is
burning?), edited by admins, and the answers an incident keeps.

An admin saves a category's whole list at once (new, reworded, reordered, removed); a removed question stays in
the table inactive, so that ``db upgrade`` does not bring a shipped one back and old answers keep their link.
Every save is audited and goes through the change feed (entity ``category``, action ``questions``): the desks
reload their prompts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.db.enums import Role
from callcenter.db.models import Category, CategoryQuestion, IncidentAnswer
from callcenter.errors import NotFound, ValidationError
from callcenter.services.base import Actor, Service, audit, record_change

MAX_QUESTIONS = 8
"""Per category: more would not fit beside the description, nor in a call."""
MAX_PROMPT = 200
MAX_ANSWER = 500
FEED_ACTION = "questions"


@dataclass(frozen=True, slots=True)
class QuestionChoice:
    id: int
    category_id: int
    prompt_id: str
    prompt_en: str | None

    def prompt(self, language: str) -> str:
        return (self.prompt_en or self.prompt_id) if language == "en" else self.prompt_id


@dataclass(frozen=True, slots=True)
class QuestionInput:
    """One line of an admin's list: ``id`` of the question it rewords, or None for a new one."""

    prompt_id: str
    prompt_en: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """An answer typed beside the description (``question`` as shown in Indonesian: the words are kept)."""

    question_id: int | None
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class AnswerView:
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class CategoryQuestions:
    """A category as the admin's dialog lists it."""

    category_id: int
    code: str
    name_id: str
    name_en: str
    active: bool
    questions: tuple[QuestionChoice, ...]


def _choice(question: CategoryQuestion) -> QuestionChoice:
    return QuestionChoice(question.id, question.category_id, question.prompt_id, question.prompt_en)


def _active(session: Session, category_id: int | None = None) -> list[CategoryQuestion]:
    query = select(CategoryQuestion).where(CategoryQuestion.active.is_(True))
    if category_id is not None:
        query = query.where(CategoryQuestion.category_id == category_id)
    return list(session.scalars(query.order_by(CategoryQuestion.category_id, CategoryQuestion.sort_order,
                                               CategoryQuestion.id)))


def check_answers(answers: tuple[AnswerInput, ...]) -> tuple[list[AnswerInput], dict[str, str]]:
    """The answers worth keeping (blank ones dropped) and the problems, keyed ``answers``."""
    kept = [AnswerInput(a.question_id, a.question.strip()[:MAX_PROMPT], a.answer.strip()) for a in answers
            if a.answer.strip()]
    problems: dict[str, str] = {}
    too_long = [a for a in kept if len(a.answer) > MAX_ANSWER]
    if too_long:
        problems["answers"] = f"at most {MAX_ANSWER} characters per answer (now {len(too_long[0].answer):,})"
    elif len(kept) > MAX_QUESTIONS * 2:
        problems["answers"] = f"at most {MAX_QUESTIONS * 2} answers"
    return kept, problems


def save_answers(session: Session, incident_id: int, answers: list[AnswerInput]) -> None:
    """In the incident's own transaction; a question removed meanwhile keeps its words without the link."""
    known = set(session.scalars(select(CategoryQuestion.id).where(
        CategoryQuestion.id.in_([a.question_id for a in answers if a.question_id is not None]))))
    for position, answer in enumerate(answers):
        session.add(IncidentAnswer(incident_id=incident_id, position=position,
                                   question_id=answer.question_id if answer.question_id in known else None,
                                   question=answer.question or "-", answer=answer.answer))


def answers_of(session: Session, incident_id: int) -> tuple[AnswerView, ...]:
    rows = session.execute(select(IncidentAnswer.question, IncidentAnswer.answer)
                           .where(IncidentAnswer.incident_id == incident_id).order_by(IncidentAnswer.position))
    return tuple(AnswerView(question, answer) for question, answer in rows)


class QuestionService(Service):
    def all_active(self) -> dict[int, list[QuestionChoice]]:
        """Every category's questions in order (the desk loads them once, and again when an admin saves)."""
        result: dict[int, list[QuestionChoice]] = defaultdict(list)
        with self.db.read() as session:
            for question in _active(session):
                result[question.category_id].append(_choice(question))
        return dict(result)

    def categories(self) -> list[CategoryQuestions]:
        """Every category (active or not) with its questions, for the admin's dialog."""
        with self.db.read() as session:
            by_category: dict[int, list[QuestionChoice]] = defaultdict(list)
            for question in _active(session):
                by_category[question.category_id].append(_choice(question))
            return [CategoryQuestions(c.id, c.code, c.name_id, c.name_en, c.active, tuple(by_category[c.id]))
                    for c in session.scalars(select(Category).order_by(Category.sort_order, Category.name_id))]

    def save(self, actor: Actor, category_id: int, questions: list[QuestionInput]) -> list[QuestionChoice]:
        """Replace the category's list: in this order, rewording the questions named by id, adding the others,
        removing (deactivating) the ones left out."""
        cleaned = [QuestionInput(" ".join(q.prompt_id.split()), " ".join(q.prompt_en.split()), q.id)
                   for q in questions]
        cleaned = [q for q in cleaned if q.prompt_id or q.prompt_en]
        problems: dict[str, str] = {}
        for number, question in enumerate(cleaned, start=1):
            if not question.prompt_id:
                problems[f"question_{number}"] = "the Indonesian question is required"
            elif len(question.prompt_id) > MAX_PROMPT or len(question.prompt_en) > MAX_PROMPT:
                problems[f"question_{number}"] = f"at most {MAX_PROMPT} characters"
        if len(cleaned) > MAX_QUESTIONS:
            problems["questions"] = f"at most {MAX_QUESTIONS} questions per category"
        seen = [q.prompt_id.casefold() for q in cleaned]
        if len(set(seen)) != len(seen):
            problems["questions"] = "the same question is listed twice"
        if problems:
            raise ValidationError(problems)
        now = self.clock()
        self.require(actor, Role.ADMIN, "edit the category questions")
        with self.db.write() as session:
            category = session.get(Category, category_id)
            if category is None:
                raise NotFound("category", category_id)
            current = {q.id: q for q in _active(session, category_id)}
            before = [{"id": q.id, "prompt_id": q.prompt_id, "prompt_en": q.prompt_en} for q in current.values()]
            kept: set[int] = set()
            for order, item in enumerate(cleaned):
                existing = current.get(item.id) if item.id is not None else None
                if existing is None:
                    existing = CategoryQuestion(category_id=category_id, active=True)
                    session.add(existing)
                existing.prompt_id = item.prompt_id
                existing.prompt_en = item.prompt_en or None
                existing.sort_order = order
                existing.updated_at = now
                if existing.id is not None:
                    kept.add(existing.id)
            for question_id, removed in current.items():
                if question_id not in kept:
                    removed.active = False
                    removed.updated_at = now
            session.flush()
            saved = _active(session, category_id)
            audit(session, actor, "category.questions", "category", category_id, now, before={"questions": before},
                  after={"questions": [{"id": q.id, "prompt_id": q.prompt_id, "prompt_en": q.prompt_en}
                                       for q in saved]},
                  detail=category.code)
            record_change(session, "category", category_id, FEED_ACTION, now)
            return [_choice(q) for q in saved]
