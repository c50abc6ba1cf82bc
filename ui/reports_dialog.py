"""The Reports dialog: shift or date-range report, language, page preview (QtPdf), print, save PDF, export CSV.

Every database query, PDF build and export runs on the database worker; progress comes back through a signal
and a Cancel button sets a flag the job checks between steps and chunks, so the window stays responsive.
Range reports and exports are admin-only: the dialog hides them for others, and the service refuses them
anyway (the refusal is shown here if it ever happens).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import to_wib
from callcenter.db.enums import Role
from callcenter.errors import DatabaseUnavailable, KonsolError, NotFound, PermissionDenied, ValidationError
from callcenter.files import replace_atomically
from callcenter.reports.export import Cancelled, ExportService, open_csv
from callcenter.services.base import Actor
from callcenter.services.report_data import RangeReportData, ReportService, ShiftReportData
from callcenter.shift_windows import ShiftSpec, window_at
from ui.errors import core_text, error_text
from ui.geometry import fit_to_screen
from ui.words import role_text
from ui.worker import DbWorker

SHIFT, RANGE = "shift", "range"


@dataclass(frozen=True)
class _Built:
    pdf: Path
    data: ShiftReportData | RangeReportData
    title: str


class ReportsDialog(QDialog):
    progress = Signal(int, int)
    """(done, total) from the job on the worker thread; queued to the GUI thread."""

    def __init__(self, worker: DbWorker, reports: ReportService, exports: ExportService, actor: Actor,
                 language: str = "id", parent: QWidget | None = None, *, render: DbWorker | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.slow = render or worker
        """Builds and exports run here (the console's render queue), so ringing calls never wait behind them."""
        self.reports = reports
        self.exports = exports
        self.actor = actor
        self.is_admin = actor.at_least(Role.ADMIN)
        self._cancel: threading.Event | None = None
        self._built: _Built | None = None
        self._specs: list[ShiftSpec] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="konsol112-reports-")
        self._serial = 0
        self.setWindowTitle(self.tr("Reports"))
        fit_to_screen(self, 1180, 820)
        self._build_ui(language)
        self.progress.connect(self._on_progress)
        self._set_busy(False)
        self.worker.run(self, self.reports.shift_specs, self._on_specs, self._on_error)

    # -- layout ------------------------------------------------------------------------------------------------
    def _build_ui(self, language: str) -> None:
        today = to_wib(self.reports.clock()).date()
        side = QVBoxLayout()

        kind = QGroupBox(self.tr("Report"))
        kind_layout = QVBoxLayout(kind)
        self.shift_radio = QRadioButton(self.tr("&Shift report"))
        self.range_radio = QRadioButton(self.tr("&Date range report"))
        self.shift_radio.setChecked(True)
        kind_layout.addWidget(self.shift_radio)
        kind_layout.addWidget(self.range_radio)
        self.range_radio.setVisible(self.is_admin)
        self.shift_radio.toggled.connect(self._on_kind_changed)
        side.addWidget(kind)

        self.shift_box = QGroupBox(self.tr("Shift"))
        shift_form = QFormLayout(self.shift_box)
        shift_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the shift's name and hours show whole
        self.shift_date = QDateEdit(_qdate(today))
        self.shift_date.setCalendarPopup(True)
        self.shift_date.setDisplayFormat("dd-MM-yyyy")
        self.shift_combo = QComboBox()
        shift_form.addRow(self.tr("Date the shift starts:"), self.shift_date)
        shift_form.addRow(self.tr("Shift:"), self.shift_combo)
        side.addWidget(self.shift_box)

        self.range_box = QGroupBox(self.tr("Date range"))
        range_form = QFormLayout(self.range_box)
        first = today.replace(day=1)
        self.date_from = QDateEdit(_qdate(first))
        self.date_to = QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        range_form.addRow(self.tr("From:"), self.date_from)
        range_form.addRow(self.tr("To:"), self.date_to)
        quick = QGridLayout()
        spans = ((self.tr("Today"), "today"), (self.tr("Last 7 days"), "week"),
                 (self.tr("This month"), "month"), (self.tr("Last month"), "last_month"))
        for index, (label, span) in enumerate(spans):
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=span: self.set_span(s))
            quick.addWidget(button, index // 2, index % 2)
        range_form.addRow(quick)
        side.addWidget(self.range_box)

        lang_box = QGroupBox(self.tr("Language of the report"))
        lang_form = QFormLayout(lang_box)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if language == "en" else 0)
        lang_form.addRow(self.language)
        side.addWidget(lang_box)

        self.build_button = QPushButton(self.tr("&Preview"))
        self.build_button.setDefault(True)
        self._shortcut(self.build_button, QKeySequence("Ctrl+Return"), self.tr("Build the report and show its pages"))
        self.build_button.clicked.connect(self.build_report)
        self.print_button = QPushButton(self.tr("P&rint…"))
        self._shortcut(self.print_button, QKeySequence.StandardKey.Print, self.tr("Print the report"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(self.tr("Save &PDF…"))
        self._shortcut(self.save_button, QKeySequence.StandardKey.Save, self.tr("Save the report as a PDF file"))
        self.save_button.clicked.connect(self.save_pdf)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self._shortcut(self.export_button, QKeySequence("Ctrl+E"),
                       self.tr("Export the calls or incidents of the date range as CSV"))
        menu = QMenu(self.export_button)
        self.export_calls_action = menu.addAction(self.tr("Calls (one row per call)"))
        self.export_calls_action.triggered.connect(lambda: self.export_csv("calls"))
        self.export_incidents_action = menu.addAction(self.tr("Incidents (one row per incident)"))
        self.export_incidents_action.triggered.connect(lambda: self.export_csv("incidents"))
        self.export_days_action = menu.addAction(self.tr("Figures per day (of the previewed report)"))
        self.export_days_action.triggered.connect(lambda: self.export_csv("days"))
        self.export_button.setMenu(menu)
        self.export_button.setVisible(self.is_admin)
        for button in (self.build_button, self.print_button, self.save_button, self.export_button):
            side.addWidget(button)

        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self._shortcut(self.cancel_button, QKeySequence("Esc"), self.tr("Stop building the report or export"))
        self.cancel_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress_bar, 1)
        busy.addWidget(self.cancel_button)
        side.addLayout(busy)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.status)
        side.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        side.addWidget(close)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.placeholder = QLabel(self.tr("Choose a shift or a date range, then press Preview (Ctrl+Enter)."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(330)
        right = QVBoxLayout()
        right.addWidget(self.placeholder)
        right.addWidget(self.view, 1)
        self.view.setVisible(False)  # until there is something to show
        root = QHBoxLayout(self)
        root.addWidget(panel)
        root.addLayout(right, 1)
        self._on_kind_changed()

    def _shortcut(self, button: QPushButton, keys: QKeySequence | QKeySequence.StandardKey, what: str) -> None:
        sequence = QKeySequence(keys)
        if sequence.matches(QKeySequence("Esc")) == QKeySequence.SequenceMatch.ExactMatch:
            QShortcut(sequence, self, self._escape)
        else:
            button.setShortcut(sequence)
        button.setToolTip(f"{what} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")

    # -- state ---------------------------------------------------------------------------------------------
    def mode(self) -> str:
        return RANGE if self.range_radio.isChecked() else SHIFT

    def set_mode(self, mode: str) -> None:
        """Switch between shift and range (a supervisor never sees the range choice; the service refuses it)."""
        (self.range_radio if mode == RANGE else self.shift_radio).setChecked(True)

    def set_span(self, span: str) -> None:
        today = to_wib(self.reports.clock()).date()
        start, end = today, today
        if span == "week":
            start = today - timedelta(days=6)
        elif span == "month":
            start = today.replace(day=1)
        elif span == "last_month":
            end = today.replace(day=1) - timedelta(days=1)
            start = end.replace(day=1)
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))

    @Slot()
    def _on_kind_changed(self) -> None:
        self.shift_box.setVisible(self.mode() == SHIFT)
        self.range_box.setVisible(self.mode() == RANGE)
        self._update_buttons()

    def busy(self) -> bool:
        return self._cancel is not None

    def _set_busy(self, busy: bool, total: int = 0) -> None:
        for widget in (self.build_button, self.shift_box, self.range_box, self.shift_radio, self.range_radio,
                       self.language):
            widget.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._built is not None and not self.busy()
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.export_button.setEnabled(not self.busy() and self.mode() == RANGE)
        self.export_days_action.setEnabled(ready and isinstance(self._built.data if self._built else None,
                                                                RangeReportData))

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #a11d1d; font-weight: bold;" if error else "")

    # -- shifts ------------------------------------------------------------------------------------------------
    def _on_specs(self, specs: list[ShiftSpec]) -> None:
        self._specs = specs
        self.shift_combo.clear()
        for spec in specs:
            self.shift_combo.addItem(f"{spec.name} ({spec.start:%H:%M}–{spec.end:%H:%M})", spec.code)
        if not specs:
            return
        # Default to the shift that ended last: the one a supervisor prints at handover.
        try:
            current = window_at(specs, self.reports.clock())
            previous = window_at(specs, current.start_utc - timedelta(seconds=1))
        except ValueError:
            return
        self.shift_date.setDate(_qdate(previous.shift_date))
        self.shift_combo.setCurrentIndex(max(0, self.shift_combo.findData(previous.spec.code)))

    # -- building ----------------------------------------------------------------------------------------------
    @Slot()
    def build_report(self) -> None:
        if self.busy():
            return
        lang = str(self.language.currentData())
        mode = self.mode()
        cancel = threading.Event()
        self._serial += 1
        target = Path(self._tmp.name) / f"report-{self._serial}.pdf"
        if mode == SHIFT:
            code = self.shift_combo.currentData()
            if code is None:
                self._say(self.tr("There are no shifts defined; an admin sets them up."), error=True)
                return
            shift_date = _pydate(self.shift_date.date())
            job = self._shift_job(shift_date, str(code), lang, target, cancel)
        else:
            if not self._range_ok():
                return
            job = self._range_job(_pydate(self.date_from.date()), _pydate(self.date_to.date()), lang, target, cancel)
        self._start(cancel, 3, self.tr("Building the report…"))
        self.slow.run(self, job, self._on_built, self._on_error)

    def _shift_job(self, shift_date: date, code: str, lang: str, target: Path,
                   cancel: threading.Event) -> Callable[[], _Built]:
        from callcenter.reports.shift import render_shift_report, shift_title
        from callcenter.reports.strings import Strings

        def job() -> _Built:
            self.progress.emit(0, 3)
            data = self.reports.shift_report_data(self.actor, shift_date, code)
            return self._render(data, lambda: render_shift_report(data, target, lang),
                                shift_title(data, Strings(lang)), target, cancel)
        return job

    def _range_job(self, date_from: date, date_to: date, lang: str, target: Path,
                   cancel: threading.Event) -> Callable[[], _Built]:
        from callcenter.reports.range import range_title, render_range_report
        from callcenter.reports.strings import Strings

        def job() -> _Built:
            self.progress.emit(0, 3)
            data = self.reports.range_report_data(self.actor, date_from, date_to)
            return self._render(data, lambda: render_range_report(data, target, lang),
                                range_title(data, Strings(lang)), target, cancel)
        return job

    def _render(self, data: ShiftReportData | RangeReportData, render: Callable[[], None], title: str,
                target: Path, cancel: threading.Event) -> _Built:
        """Worker thread: between the query and the layout, and after it, honour Cancel."""
        self.progress.emit(1, 3)
        if cancel.is_set():
            raise Cancelled()
        render()
        if cancel.is_set():
            target.unlink(missing_ok=True)
            raise Cancelled()
        self.progress.emit(2, 3)
        return _Built(target, data, title)

    def _range_ok(self) -> bool:
        if self.date_to.date() < self.date_from.date():
            self._say(self.tr("The end date is before the start date."), error=True)
            self.date_to.setFocus()
            return False
        return True

    def _start(self, cancel: threading.Event, total: int, message: str) -> None:
        self._cancel = cancel
        self._set_busy(True, total)
        self._say(message)

    def _finish(self) -> None:
        self._cancel = None
        self._set_busy(False)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.busy():
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    def _on_built(self, built: _Built) -> None:
        self._finish()
        self.document.close()
        error = self.document.load(str(built.pdf))
        if error != QPdfDocument.Error.None_:
            self._say(self.tr("The report was built but cannot be shown ({0}).").format(error.name), error=True)
            return
        previous, self._built = self._built, built
        if previous is not None and previous.pdf != built.pdf:
            previous.pdf.unlink(missing_ok=True)
        self.placeholder.setVisible(False)
        self.view.setVisible(True)
        self.setWindowTitle(f"{self.tr('Reports')} — {built.title}")
        self._say(self.tr("{0}: {1} pages.").format(built.title, self.document.pageCount()))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._say(self.tr("Cancelling…"))

    def _escape(self) -> None:
        if self.busy():
            self.cancel()
        else:
            self.reject()

    def _on_error(self, error: BaseException) -> None:
        self._finish()
        self._say(self.describe(error), error=not isinstance(error, Cancelled))

    def describe(self, error: BaseException) -> str:
        if isinstance(error, Cancelled):
            return self.tr("Cancelled. Nothing was saved.")
        if isinstance(error, PermissionDenied):
            return self.tr("Not allowed for your role ({0}): range reports and exports are for admins, shift "
                           "reports for supervisors and admins.").format(role_text(str(error.role)))
        if isinstance(error, ValidationError):
            return self.tr("Please check the dates: {0}.").format("; ".join(map(core_text, error.problems.values())))
        if isinstance(error, NotFound):
            return self.tr("This shift no longer exists; choose another one.")
        if isinstance(error, DatabaseUnavailable):
            return self.tr("The database cannot be reached right now; try again in a moment. ({0})").format(error)
        if isinstance(error, OSError):
            return self.tr("The file cannot be written: {0}").format(error.strerror or error)
        if isinstance(error, KonsolError):
            return self.tr("The report could not be made: {0}").format(error_text(error))
        return self.tr("The report could not be made because of an unexpected error: {0}").format(error)

    # -- output ------------------------------------------------------------------------------------------------
    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        """Ask where to save (tests replace this; the native dialog cannot run headless)."""
        name, _ = QFileDialog.getSaveFileName(self, caption, str(Path.home() / suggested), file_filter)
        return Path(name) if name else None

    def ask_printer(self, printer: QPrinter) -> bool:
        """Show the print dialog (tests replace this; no printer here)."""
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    @Slot()
    def save_pdf(self) -> None:
        if self._built is None or self.busy():
            return
        suggested = _file_name(self._built.title) + ".pdf"
        path = self.ask_save_path(self.tr("Save the report"), suggested, self.tr("PDF files (*.pdf)"))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            data = self._built.pdf.read_bytes()
            replace_atomically(path, lambda temporary: temporary.write_bytes(data))
        except OSError as exc:
            self._say(self.describe(exc), error=True)
            return
        self._say(self.tr("Saved to {0}.").format(path))

    @Slot()
    def print_report(self) -> None:
        if self._built is None or self.busy():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._built.title)
        printer.setFromTo(1, self.document.pageCount())
        if not self.ask_printer(printer):
            return
        pages = range(self.document.pageCount())
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = range(printer.fromPage() - 1, min(printer.toPage(), self.document.pageCount()))
        painter = QPainter()
        if not painter.begin(printer):
            self._say(self.tr("The printer cannot be used."), error=True)
            return
        try:
            dpi = min(printer.resolution(), 300)
            for count, index in enumerate(pages):
                if count:
                    printer.newPage()
                size = self.document.pagePointSize(index)
                image = self.document.render(index, QSize(round(size.width() / 72 * dpi),
                                                          round(size.height() / 72 * dpi)))
                area = painter.viewport()
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(QPoint(area.x(), area.y()), scaled), image)
        finally:
            painter.end()
        self._say(self.tr("Sent {0} pages to the printer.").format(len(pages)))

    def export_csv(self, what: str) -> None:
        if self.busy():
            return
        if not self._range_ok():
            return
        date_from, date_to = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        names = {"calls": self.tr("calls"), "incidents": self.tr("incidents"), "days": self.tr("per-day")}
        suggested = f"{what}-{date_from.isoformat()}-{date_to.isoformat()}.csv"
        path = self.ask_save_path(self.tr("Export {0} as CSV").format(names[what]), suggested,
                                  self.tr("CSV files (*.csv)"))
        if path is None:
            return
        if what == "days":
            built = self._built
            if built is None or not isinstance(built.data, RangeReportData):
                return
            from callcenter.reports.range import write_days_csv

            lang = str(self.language.currentData())

            def write_days(temporary: Path) -> None:
                with open_csv(temporary) as handle:
                    write_days_csv(built.data, handle, lang)  # type: ignore[arg-type]
            try:
                replace_atomically(path, write_days)
            except OSError as exc:
                self._say(self.describe(exc), error=True)
                return
            self._say(self.tr("Saved to {0}.").format(path))
            return
        cancel = threading.Event()
        method = self.exports.write_calls_csv if what == "calls" else self.exports.write_incidents_csv

        def job() -> int:
            counted: list[int] = []

            def write(temporary: Path) -> None:
                with open_csv(temporary) as handle:
                    counted.append(method(self.actor, date_from, date_to, handle,
                                          progress=self.progress.emit, cancelled=cancel.is_set))
            replace_atomically(path, write)
            return counted[0]

        self._start(cancel, 0, self.tr("Exporting {0}…").format(names[what]))
        self.slow.run(self, job, lambda rows: self._on_exported(rows, path), self._on_error)

    def _on_exported(self, rows: int, path: Path) -> None:
        self._finish()
        self._say(self.tr("Exported {0} rows to {1}.").format(rows, path))

    # -- closing -------------------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.busy():
            self.cancel()
        self.document.close()
        super().done(result)

    def closeEvent(self, event: Any) -> None:
        if self.busy():
            self.cancel()
        super().closeEvent(event)

    def cleanup(self) -> None:
        """Remove the temporary preview files (called when the dialog is done for good)."""
        self.document.close()
        self._tmp.cleanup()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _file_name(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in title.lower())
    return "-".join(part for part in keep.split("-") if part)[:80] or "laporan"

