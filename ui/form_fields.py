"""A form's grid of labelled fields, each with its error line underneath, so that a validation problem appears
next to the field it concerns (and the field is marked for the style sheet's red frame)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldGrid:
    """Fields by name (the core's names for them, e.g. ``kecamatan_code``), in the order they were added."""

    def __init__(self, grid: QGridLayout) -> None:
        self.grid = grid
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, row: int, column: int, name: str, label_text: str, widget: QWidget, span: int = 1) -> QLabel:
        """The label at (row, column), the field beside it, its error line in the row below; returns the label."""
        label = QLabel(label_text)
        label.setObjectName("fieldLabel")
        label.setBuddy(widget)
        self.grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(widget, row, column + 1, 1, span)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.grid.addWidget(error, row + 1, column + 1, 1, span)
        self.errors[name] = error
        self.widgets[name] = widget
        return label

    def share(self, name: str, widget: QWidget, with_name: str) -> None:
        """A field that lies inside another one's widget and shows its problems on that one's error line."""
        self.widgets[name] = widget
        self.errors[name] = self.errors[with_name]

    def clear(self) -> None:
        for name, label in self.errors.items():
            label.hide()
            label.clear()
            widget = self.widgets.get(name)
            if widget is not None and widget.property("invalid"):
                _mark_invalid(widget, False)

    def show(self, problems: dict[str, str]) -> tuple[QWidget | None, list[str]]:
        """Each problem (already in words) under its field, in the fields' order. Returns the first field marked
        and, in order, the problems of names no field has."""
        first: QWidget | None = None
        unplaced: list[str] = []
        order = list(self.widgets)
        for name in sorted(problems, key=lambda n: order.index(n) if n in order else len(order)):
            text = problems[name]
            label = self.errors.get(name)
            if label is None:
                unplaced.append(text)
                continue
            label.setText((label.text() + "; " if label.text() else "") + text)
            label.show()
            widget = self.widgets.get(name)
            if widget is not None:
                _mark_invalid(widget, True)
                first = first or widget
        return first, unplaced

    def show_text(self, name: str, text: str) -> None:
        label = self.errors[name]
        label.setText(text)
        label.show()

    def text(self, name: str) -> str:
        """The problem shown under the field ("" when none is)."""
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""
