"""The one error mapper: every code the core raises has words, in both languages."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from callcenter import errors
from callcenter.errors import AccountLocked, AlreadyClaimed, ConflictError, DatabaseUnavailable, ValidationError
from tests.conftest import REPO
from ui.errors import MESSAGES, core_text, error_text
from ui.i18n import Translations

# Codes that deliberately fall back to the class's words (the core's own sentence is the message).
GENERIC = {"error", "fixable", "invalid", "source.unavailable"}


def raised_codes() -> set[str]:
    """Every code in callcenter/: ``code="..."`` at a raise and every class's ``default_code``."""
    found: set[str] = set()
    for path in (REPO / "callcenter").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bcode="([a-z_.]+)"', text))
        found |= set(re.findall(r'default_code = "([a-z_.]+)"', text))
    return found


def test_every_code_the_core_raises_has_words() -> None:
    codes = raised_codes()
    assert len(codes) > 30
    assert sorted(codes - set(MESSAGES) - GENERIC) == []


def test_the_words_follow_the_code_not_the_message(qapp: object, translations: Translations) -> None:
    translations.install("id")
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    assert error_text(AlreadyClaimed(7, "Dewi")) == "Dewi sudah mengangkat panggilan ini."
    assert error_text(AlreadyClaimed(7, None)) == "meja lain sudah mengangkat panggilan ini."
    locked = error_text(AccountLocked("asep", now + timedelta(minutes=4)), now)
    assert "10:04 WIB" in locked and "4 menit" in locked
    # The same English message with another code reads differently: the code decides.
    assert error_text(ConflictError("x", code="dispatch.backwards")) != error_text(
        ConflictError("x", code="dispatch.acknowledge_first"))
    assert error_text(DatabaseUnavailable("disk I/O error")).startswith("Basis data tidak dapat dihubungi.")
    assert error_text(ValidationError({"description": "describe what happened"})) == \
        "Uraian: uraikan apa yang terjadi"
    assert QCoreApplication.translate("Errors", str(MESSAGES["cancelled"])) == "Dibatalkan."
    translations.remove()
    assert error_text(AlreadyClaimed(7, "Dewi")) == "Dewi already answered this call."


def test_an_unexpected_error_is_shown_calmly_and_logged(caplog: object) -> None:
    text = error_text(ZeroDivisionError("division by zero"))
    assert text.startswith("Something went wrong (ZeroDivisionError: division by zero)")


def test_the_error_classes_all_carry_a_code() -> None:
    classes = [value for value in vars(errors).values() if isinstance(value, type)
               and issubclass(value, errors.KonsolError)]
    assert all(cls.default_code for cls in classes) and len(classes) >= 12


def _validation_sentences() -> list[str]:
    """Every sentence the core puts in a ValidationError's problems, an f-string's values filled with '7'."""
    found: list[str] = []
    for path in (REPO / "callcenter").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Dict)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "ValidationError"):
                continue
            for value in node.args[0].values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.append(value.value)
                elif isinstance(value, ast.JoinedStr):
                    found.append("".join(part.value if isinstance(part, ast.Constant) else "7"
                                         for part in value.values))
    return found


def test_every_problem_the_core_words_reads_in_indonesian(qapp: object, translations: Translations) -> None:
    """A field's problem next to it (or in a report dialog) is never left in English."""
    sentences = _validation_sentences()
    assert len(sentences) > 25 and "the end date is before the start date" in sentences
    translations.install("id")
    try:
        untranslated = [text for text in sentences if core_text(text) == text]
    finally:
        translations.remove()
    assert untranslated == []
