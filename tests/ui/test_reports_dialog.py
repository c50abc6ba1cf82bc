"""The Reports dialog: preview, print (to a PDF printer), save, export with progress and cancel, roles."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.db.database import Database
from callcenter.db.models import AuditEntry
from callcenter.reports import export
from callcenter.reports.export import ExportService
from callcenter.services.base import Actor
from callcenter.services.report_data import ReportService
from tests.callcenter.reports.dataset import Known, build
from ui.i18n import Translations
from ui.reports_dialog import RANGE, ReportsDialog
from ui.worker import DbWorker

# The offscreen platform plugin reports every top-level size-hint change it cannot pass on: noise, not a defect.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def known(sqlite_db: Database) -> Known:
    return build(sqlite_db)


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.stop()


def open_dialog(qtbot: QtBot, db: Database, known: Known, worker: DbWorker, actor: Actor,
                language: str = "en") -> ReportsDialog:
    dialog = ReportsDialog(worker, ReportService(db, known.clock), ExportService(db, known.clock), actor, language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.shift_combo.count() == 3)
    return dialog


def build_and_wait(qtbot: QtBot, dialog: ReportsDialog) -> None:
    dialog.build_report()
    assert dialog.busy() and not dialog.build_button.isEnabled() and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_supervisor_previews_prints_and_saves_the_last_shift(qtbot: QtBot, sqlite_db: Database, known: Known,
                                                             worker: DbWorker, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, sqlite_db, known, worker, known.supervisor, "id")
    # 09:00 WIB on 2 March: the shift that just ended is the malam shift that began on 1 March
    assert dialog.shift_combo.currentData() == "malam"
    assert dialog.shift_date.date().toPython() == date(2026, 3, 1)
    assert not dialog.range_radio.isVisibleTo(dialog) and not dialog.export_button.isVisibleTo(dialog)
    assert not dialog.print_button.isEnabled()
    assert "Ctrl+P" in dialog.print_button.toolTip()

    build_and_wait(qtbot, dialog)
    assert dialog.view.isVisible() and dialog.document.pageCount() >= 2
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "LAPORAN SHIFT MALAM" in dialog.status.text()
    assert dialog._built is not None
    assert "Panggilan masuk 10 Dijawab 8 80,0%" in pdf_text(dialog._built.pdf)

    saved = tmp_path / "laporan"
    monkeypatch.setattr(dialog, "ask_save_path", lambda *_args: saved)
    dialog.save_pdf()
    assert "Panggilan masuk 10 Dijawab 8 80,0%" in pdf_text(saved.with_suffix(".pdf"))

    printed = tmp_path / "printed.pdf"

    def to_pdf_printer(printer: QPrinter) -> bool:  # no printer here: Qt's PDF printer stands in
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(dialog, "ask_printer", to_pdf_printer)
    dialog.print_report()
    assert len(PdfReader(str(printed)).pages) == dialog.document.pageCount()
    dialog.cleanup()


def test_refusals_are_shown(qtbot: QtBot, sqlite_db: Database, known: Known, worker: DbWorker) -> None:
    supervisor = open_dialog(qtbot, sqlite_db, known, worker, known.supervisor)
    supervisor.set_mode(RANGE)  # forced: the choice is hidden from supervisors
    build_and_wait(qtbot, supervisor)
    assert "Not allowed for your role (supervisor)" in supervisor.status.text()
    operator = open_dialog(qtbot, sqlite_db, known, worker, known.operator)
    build_and_wait(qtbot, operator)
    assert "Not allowed for your role (operator)" in operator.status.text()
    assert not operator.view.isVisible()
    with sqlite_db.read() as session:
        refused = session.scalars(select(AuditEntry.username).where(AuditEntry.action == "permission_denied")
                                  .order_by(AuditEntry.id)).all()
    assert refused == ["hendra", "asep"]
    supervisor.cleanup()
    operator.cleanup()


def test_admin_range_report_export_progress_and_cancel(qtbot: QtBot, sqlite_db: Database, known: Known,
                                                       worker: DbWorker, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, sqlite_db, known, worker, known.admin)
    assert dialog.range_radio.isVisibleTo(dialog)
    dialog.set_mode(RANGE)
    assert dialog.range_box.isVisibleTo(dialog) and not dialog.shift_box.isVisibleTo(dialog)
    dialog.date_from.setDate(date(2026, 3, 1))
    dialog.date_to.setDate(date(2026, 3, 2))
    build_and_wait(qtbot, dialog)
    assert "PERIOD REPORT" in dialog.status.text()

    target = tmp_path / "calls.csv"
    monkeypatch.setattr(dialog, "ask_save_path", lambda *_args: target)
    dialog.export_calls_action.trigger()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    assert "Exported 12 rows" in dialog.status.text()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 12

    days = tmp_path / "days.csv"
    monkeypatch.setattr(dialog, "ask_save_path", lambda *_args: days)
    dialog.export_days_action.trigger()
    assert days.read_text(encoding="utf-8-sig").splitlines()[-1] == "Total,12,10,2,6,4,50.0,66.7,75.0,8.5,18.0,16.7"

    # Cancel: the worker is held busy, the export waits behind it, the window stays usable and Cancel wins.
    monkeypatch.setattr(export, "CHUNK", 5)
    release = threading.Event()
    worker.run(worker, lambda: release.wait(10))
    cancelled_target = tmp_path / "incidents.csv"
    monkeypatch.setattr(dialog, "ask_save_path", lambda *_args: cancelled_target)
    dialog.export_incidents_action.trigger()
    qtbot.wait(50)
    assert dialog.busy() and dialog.cancel_button.isEnabled() and dialog.progress_bar.isVisible()
    dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    assert dialog.status.text() == "Cancelled. Nothing was saved."
    assert not cancelled_target.exists() and list(tmp_path.glob(".konsol112-*")) == []

    dialog.date_to.setDate(date(2026, 2, 1))
    dialog.build_report()
    assert not dialog.busy() and "end date is before the start date" in dialog.status.text()
    dialog.cleanup()


def test_indonesian_translation(qtbot: QtBot, sqlite_db: Database, known: Known, worker: DbWorker,
                                tmp_path: Path) -> None:
    translations = Translations(out_dir=tmp_path)  # compiles every *_id.ts, reports_id.ts among them
    assert any(qm.name.startswith("reports_id-") for qm in translations.install("id"))
    try:
        dialog = open_dialog(qtbot, sqlite_db, known, worker, known.admin, "id")
        assert dialog.windowTitle() == "Laporan"
        assert dialog.build_button.text() == "&Pratinjau"
        assert dialog.cancel_button.text() == "Batal"
        assert dialog.range_radio.text() == "Laporan pe&riode"
        assert dialog.language.currentData() == "id"
        dialog.cleanup()
    finally:
        translations.remove()
