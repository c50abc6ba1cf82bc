"""The translation pipeline (tools/translations.py): every .ts is what lupdate finds in the sources, and every
string a user can see has its Indonesian."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import translations


@pytest.fixture(scope="module")
def plan() -> translations.Plan:
    return translations.plan()


def test_every_shipped_ts_is_fresh_from_the_sources(plan: translations.Plan) -> None:
    """A string added to the code without `python tools/translations.py` fails here (the .ts would lack it)."""
    assert translations.stale(plan) == []


def test_every_source_string_has_its_indonesian(plan: translations.Plan) -> None:
    """Every context: the console's, the views', the dispatch screens', the vocabulary, the errors, Qt's own."""
    missing = [f"{name}: [{m.context}] {m.source}" for name, messages in plan.unfinished().items() for m in messages]
    missing += [f"{name}: [{m.context}] {m.source}" for name, m in translations.hand_kept_unfinished()]
    assert missing == []


def test_the_pipeline_finds_each_modules_context(plan: translations.Plan) -> None:
    """Helpers named tr/_t (defined or imported) give their context; the class gives self.tr's."""
    contexts = {name: {m.context for m in messages if not m.vanished} for name, messages in plan.files.items()}
    assert "Dispatch" in contexts["dispatch"] and "Map" in contexts["map"] and "Words" in contexts["words"]
    assert {"AuditLogDialog", "SupervisorBoard", "IncidentsModel"} <= contexts["supervisor"]
    assert {"", } <= contexts["console"] and "ReportsDialog" in contexts["reports"]
    assert {"Errors", "CoreMessages"} <= contexts["errors"]
    everything = [context for found in contexts.values() for context in found]
    assert len(everything) == len(set(everything)), "one context lives in one .ts"


def test_a_module_with_two_helper_contexts_is_refused(tmp_path: Path) -> None:
    """lupdate gives every helper the empty context: two helpers of different contexts in one module would mix."""
    module = tmp_path / "two.py"
    module.write_text('from PySide6.QtCore import QCoreApplication\n\n\n'
                      'def tr(text):\n    return QCoreApplication.translate("Errors", text)\n\n\n'
                      'def _t(text):\n    return QCoreApplication.translate("", text)\n', encoding="utf-8")
    with pytest.raises(translations.PipelineError, match="several contexts"):
        translations.bare_context(module)
    module.write_text('from PySide6.QtCore import QCoreApplication\n\n\n'
                      'def tr(text):\n    return QCoreApplication.translate("Errors", text)\n\n\n'
                      'X = QCoreApplication.translate("", "hello")\n', encoding="utf-8")
    with pytest.raises(translations.PipelineError, match="empty context"):
        translations.bare_context(module)


def test_a_merged_branchs_words_can_be_taken_from_git() -> None:
    """After a merge whose .ts conflicted (ours kept), --words-from BRANCH brings that branch's translations."""
    pool = translations.existing_translations(["HEAD"])
    words = {(m.context, m.source): m.translation for m in translations._read_revision("HEAD")}
    assert words[("", "Answer")] == "Angkat" == pool[("", "Answer", "")]
    with pytest.raises(translations.PipelineError, match="git cannot list"):
        list(translations._read_revision("no-such-revision-here"))
