from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from callcenter.db.enums import DispatchStatus
from ui.dispatch.common import tr
from ui.i18n import compile_ts
from ui.words import dispatch_status_text

TRANSLATIONS = Path(__file__).resolve().parents[3] / "resources" / "translations"


def test_compiled_translation_turns_the_screens_indonesian(qtbot: QtBot, tmp_path: Path) -> None:
    """The dispatch screens' own words (context Dispatch) and the statuses from the one vocabulary (Words)."""
    translators = []
    for name in ("dispatch_id", "words_id"):
        qm = compile_ts(TRANSLATIONS / f"{name}.ts", tmp_path)
        translator = QTranslator()
        assert translator.load(str(qm))
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    try:
        assert dispatch_status_text(DispatchStatus.ON_SCENE) == "tiba di lokasi"
        assert tr("Forward") == "Teruskan"
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
