"""Translations compile from the .ts sources with the lrelease inside the installed PySide6, never via PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PROBE = """
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ui.i18n import Translations
loaded = Translations().install("id")
print(len(loaded))
print(QCoreApplication.translate("", "Answer"))
"""


def test_the_console_comes_up_in_indonesian_with_an_empty_path(tmp_path: Path) -> None:
    # As `venv/bin/python main.py` runs it: the environment's scripts folder is not on PATH, nor is anything else.
    env = {key: value for key, value in os.environ.items() if key != "PATH"}
    env.update(PATH="", XDG_CACHE_HOME=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    count, answer = result.stdout.split("\n")[:2]
    assert int(count) == len(list((REPO / "resources" / "translations").glob("*_id.ts")))
    assert answer == "Angkat"
    assert sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache").rglob("*.qm")) == sorted(
        p.stem for p in (REPO / "resources" / "translations").glob("*_id.ts"))


def test_a_changed_ts_is_compiled_again_whatever_its_time_says(tmp_path: Path) -> None:
    """An upgrade may bring a .ts older (by its time) than the .qm compiled from the previous version, and
    several installations may share one cache: the .qm follows the contents, never the time."""
    import os

    from ui.i18n import compile_ts

    ts = tmp_path / "demo_id.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="id_ID">\n'
                  "<context><name></name><message><source>Answer</source><translation>Angkat</translation>"
                  "</message></context></TS>\n", encoding="utf-8")
    first = compile_ts(ts, tmp_path / "cache")
    ts.write_text(ts.read_text(encoding="utf-8").replace("Angkat", "Jawab"), encoding="utf-8")
    os.utime(ts, (0, 0))  # the new words carry an old time
    second = compile_ts(ts, tmp_path / "cache")
    assert second != first and second.read_bytes() != first.read_bytes()
    assert compile_ts(ts, tmp_path / "cache") == second  # unchanged contents: compiled once


def test_qts_own_dialogs_speak_indonesian(qtbot: object, translations: object) -> None:
    """Qt ships no Indonesian for its own dialogs; resources/translations/qtbase_id.ts does."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

    from ui.i18n import Translations

    assert isinstance(translations, Translations)
    translations.install("id")
    dialog = QFileDialog(None, "Simpan slip")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Cari di:", "&Nama berkas:", "&Jenis berkas:"} <= texts
    buttons = {button.text() for button in dialog.findChildren(QDialogButtonBox)[0].buttons()}
    assert buttons == {"&Simpan", "Batal"}
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {b.text() for b in box.buttons()} == {"&Ya", "&Tidak"}
    dialog.deleteLater()
    box.deleteLater()
