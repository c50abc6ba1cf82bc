from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.errors import ValidationError
from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentService
from callcenter.services.queues import QueueService
from tests.ui.views.conftest import settle, show
from ui.errors import error_text
from ui.i18n import compile_ts
from ui.views.common import current_language
from ui.views.queue import QueuePanel
from ui.worker import DbWorker

TS = Path(__file__).resolve().parents[3] / "resources" / "translations" / "views_id.ts"


def test_the_compiled_translation_turns_the_views_indonesian(qtbot: QtBot, tmp_path: Path, worker: DbWorker,
                                                             db: Database, clock: ManualClock,
                                                             operator: Actor) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = []
    for name in ("views_id", "words_id", "errors_id"):  # the views, the vocabulary and the error words
        qm = compile_ts(TS.parent / f"{name}.ts", tmp_path)
        translator = QTranslator()
        assert translator.load(str(qm))
        app.installTranslator(translator)
        translators.append(translator)
    try:
        assert current_language() == "id"
        panel = QueuePanel(worker, IncidentService(db, clock), QueueService(db, clock), operator)
        show(qtbot, panel)
        settle(qtbot, worker)
        assert panel.tabs.tabText(0) == "Kejadian saya (0)"
        assert panel.tabs.tabText(1) == "Semua kejadian terbuka (0)"
        assert panel.mine_model.headerData(1, Qt.Orientation.Horizontal) == "Umur"
        message = error_text(ValidationError({"description": "describe what happened",
                                              "note": "at most 500 characters (now 612)"}))
        assert message == "Uraian: uraikan apa yang terjadi\nCatatan: paling banyak 500 karakter (sekarang 612)"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert current_language() == "en"
