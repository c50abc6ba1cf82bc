from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from callcenter.db.enums import DispatchStatus
from tools.make_dispatch_ts import INDONESIAN, source_strings
from ui.dispatch.common import dispatch_status_text, tr
from ui.i18n import compile_ts

TS = Path(__file__).resolve().parents[3] / "resources" / "translations" / "dispatch_id.ts"


def test_every_dispatch_string_has_indonesian_in_the_shipped_ts() -> None:
    root = ET.parse(TS).getroot()
    shipped = {m.findtext("source"): m.findtext("translation") for m in root.iter("message")}
    assert set(source_strings()) <= set(shipped)
    assert all(shipped[text] for text in source_strings())
    assert all(shipped[text] == INDONESIAN[text] for text in source_strings())  # the .ts is regenerated


def test_compiled_translation_turns_the_screens_indonesian(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "dispatch_id.qm"
    compile_ts(TS, tmp_path)
    translator = QTranslator()
    assert translator.load(str(target))
    QCoreApplication.installTranslator(translator)
    try:
        assert dispatch_status_text(DispatchStatus.ON_SCENE) == "tiba di lokasi"
        assert tr("Forward") == "Teruskan"
    finally:
        QCoreApplication.removeTranslator(translator)
