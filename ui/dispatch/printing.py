"""Printing or saving a dispatch slip (PDF bytes from callcenter.forwarding.slip) through Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.dispatch.common import tr


def save_pdf(pdf: bytes, path: Path) -> Path:
    path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
    path.write_bytes(pdf)
    return path


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Render every page of ``pdf`` onto ``printer``; returns the number of pages printed."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(page, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()
        buffer.close()


def print_or_save(parent: QWidget, pdf: bytes, suggested_name: str, folder: Path) -> tuple[str | None, Path]:
    """Ask: print (Qt's print dialog), save as PDF (offered in ``folder``), or later. Returns "printed", "saved"
    or None (later, or cancelled), and the folder to offer next time."""
    box = QMessageBox(parent)
    box.setWindowTitle(tr("Dispatch slip"))
    box.setText(tr("Print the dispatch slip now, or save it as a PDF?"))
    print_button = box.addButton(tr("&Print…"), QMessageBox.ButtonRole.AcceptRole)
    save_button = box.addButton(tr("&Save as PDF…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(print_button)
    box.exec()
    if box.clickedButton() is print_button:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted and paint_pdf(pdf, printer):
            return "printed", folder
        return None, folder
    if box.clickedButton() is save_button:
        folder.mkdir(parents=True, exist_ok=True)
        name, _filter = QFileDialog.getSaveFileName(parent, tr("Save dispatch slip"), str(folder / suggested_name),
                                                    tr("PDF files (*.pdf)"))
        if name:
            saved = save_pdf(pdf, Path(name))
            return "saved", saved.parent
    return None, folder
