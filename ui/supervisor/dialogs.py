"""The board's small dialogs: a short required text (a disposition, a reason) and a choice (an operator, a closed
incident) with an optional required reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


class TextDialog(QDialog):
    """A short required text (disposition, reason)."""

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.edit.setMaxLength(500)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.edit.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QFormLayout(self)
        layout.addRow(QLabel(label))
        layout.addRow(self.edit)
        layout.addRow(buttons)
        self.resize(440, self.sizeHint().height())

    def text(self) -> str:
        return self.edit.text().strip()


class ChoiceDialog(QDialog):
    """Pick one (operator, closed incident), optionally with a required reason."""

    def __init__(self, title: str, label: str, choices: list[tuple[str, int]], parent: QWidget | None = None,
                 *, reason_label: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo = QComboBox()
        for text, value in choices:
            self.combo.addItem(text, value)
        self.reason = QPlainTextEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QGridLayout(self)
        layout.addWidget(QLabel(label), 0, 0)
        layout.addWidget(self.combo, 0, 1)
        if reason_label is not None:
            ok.setEnabled(False)
            self.reason.textChanged.connect(lambda: ok.setEnabled(bool(self.reason.toPlainText().strip())))
            self.reason.setMaximumHeight(80)
            layout.addWidget(QLabel(reason_label), 1, 0)
            layout.addWidget(self.reason, 1, 1)
        else:
            self.reason.setVisible(False)
        layout.addWidget(buttons, 2, 0, 1, 2)
        self.resize(520, self.sizeHint().height())
