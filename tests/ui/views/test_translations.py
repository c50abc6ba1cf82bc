from __future__ import annotations

import xml.etree.ElementTree as ET
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


def test_every_view_string_has_an_indonesian_translation() -> None:
    root = ET.parse(TS).getroot()
    unfinished = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") or not (translation.text or "").strip():
            unfinished.append(message.findtext("source"))
    assert unfinished == []


def test_the_compiled_translation_turns_the_views_indonesian(qtbot: QtBot, tmp_path: Path, worker: DbWorker,
                                                             db: Database, clock: ManualClock,
                                                             operator: Actor) -> None:
    qm = tmp_path / "views_id.qm"
    compile_ts(TS, tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
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
        app.removeTranslator(translator)
    assert current_language() == "en"
