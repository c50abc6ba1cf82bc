"""Small widgets and helpers the console's forms share: searchable combo boxes and a text field that cuts
oversized pastes instead of taking them whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QWidget


def line_edit(combo: QComboBox) -> QLineEdit:
    """The editor of an editable combo (always present once the combo is editable)."""
    editor = combo.lineEdit()
    assert editor is not None
    return editor


def completer_of(combo: QComboBox) -> QCompleter:
    completer = combo.completer()
    assert completer is not None
    return completer


def searchable(combo: QComboBox) -> None:
    """Type-ahead: an editable combo whose completer matches anywhere in the name, ignoring case."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = completer_of(combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


def resolve(combo: QComboBox) -> object | None:
    """The item the operator means: the exact name typed, or the only name containing what was typed."""
    text = combo.currentText().strip()
    if not text:
        return None
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index < 0:
        matches = [i for i in range(combo.count()) if text.casefold() in combo.itemText(i).casefold()]
        if len(matches) != 1:
            return None
        index = matches[0]
    data: object = combo.itemData(index)
    return data


class LimitedTextEdit(QPlainTextEdit):
    """A paste (or drop) that would take the field beyond ``max_chars`` characters or ``max_lines`` lines is cut
    to what fits - what was typed before stays - and ``truncated`` says how much. Text typed or set otherwise is
    checked when saving (the core's limit), so nothing typed is ever thrown away silently."""

    truncated = Signal(int, int)  # characters offered, characters kept

    def __init__(self, max_chars: int, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_chars = max_chars
        self.max_lines = max_lines

    def _room(self) -> tuple[int, int]:
        cursor = self.textCursor()
        selected = cursor.selection().toPlainText()
        text = self.toPlainText()
        return (self.max_chars - (len(text) - len(selected)),
                self.max_lines - (text.count("\n") - selected.count("\n")))

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        offered = source.text()
        chars, newlines = self._room()
        kept = offered[:max(0, chars)]
        if kept.count("\n") > max(0, newlines - 1):
            kept = "\n".join(kept.split("\n")[:max(1, newlines)])
        if len(kept) < len(offered):
            self.insertPlainText(kept)
            self.truncated.emit(len(offered), len(kept))
        else:
            super().insertFromMimeData(source)


def fill_worded(combo: QComboBox, values: Iterable[str], words: Callable[[str], str]) -> None:
    """An editable combo of stored values shown in words ('rescue' reads 'penyelamatan'); anything else typed is
    kept as typed (``worded_value``)."""
    combo.clear()
    for value in values:
        combo.addItem(words(value), value)


def set_worded(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(value)


def worded_value(combo: QComboBox) -> str:
    """The stored value of the item shown, or the text typed when it names no item."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    data = combo.itemData(index) if index >= 0 else None
    return data if isinstance(data, str) else text
