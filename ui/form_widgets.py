"""Small widgets and helpers the console's forms share: searchable combo boxes and a text field that cuts
oversized pastes instead of taking them whole.

A searchable combo is typed into: the list offers every name containing the letters, the best of them is
highlighted (a name that starts with the letters, then one with a word that does), and Enter or Tab takes it and
goes on to the next field, so "pur" and Tab is Purwakarta. A key with Ctrl, Alt or an F-key pressed while the list
is open takes the highlighted name too and is then handed to the form (``on_key``), so Ctrl+S saves from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QWidget

ACCEPT_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def line_edit(combo: QComboBox) -> QLineEdit:
    """The editor of an editable combo (always present once the combo is editable)."""
    editor = combo.lineEdit()
    assert editor is not None
    return editor


def completer_of(combo: QComboBox) -> QCompleter:
    completer = combo.completer()
    assert completer is not None
    return completer


def searchable(combo: QComboBox, on_key: Callable[[QKeyEvent], bool] | None = None) -> None:
    """Type-ahead: an editable combo whose completer matches anywhere in the name, ignoring case, highlights the
    best match and takes it on Enter or Tab (see the module's docstring). ``on_key`` gets the keys with Ctrl, Alt
    or an F-key pressed while the list is open; it returns True when it handled one."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = completer_of(combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    keys = _TypeAhead(combo, on_key)
    line_edit(combo).installEventFilter(keys)
    popup = completer.popup()
    if popup is not None:
        popup.installEventFilter(keys)
    # Each time the completer has filtered its list for the letters typed so far.
    completer.completionModel().modelReset.connect(keys.highlight_best)
    completer.completionModel().layoutChanged.connect(keys.highlight_best)


def _rank(name: str, text: str) -> int | None:
    """0: the name starts with the text; 1: one of its words does; 2: it contains it; None: no match."""
    name, text = name.casefold(), text.casefold()
    if name.startswith(text):
        return 0
    if any(word.startswith(text) for word in name.replace("(", " ").replace("/", " ").split()):
        return 1
    return 2 if text in name else None


def best_index(combo: QComboBox, text: str | None = None) -> int:
    """The item the operator means by what was typed, or -1: the exact name; else the only name containing it;
    else the first name that starts with it, or has a word that does. Letters found only inside several names
    mean nothing yet (type more)."""
    typed = (combo.currentText() if text is None else text).strip()
    if not typed:
        return -1
    exact = combo.findText(typed, Qt.MatchFlag.MatchFixedString)
    if exact >= 0:
        return exact
    ranked = sorted((rank, i) for i in range(combo.count())
                    if (rank := _rank(combo.itemText(i), typed)) is not None)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == 2):
        return -1
    return ranked[0][1]


def resolve(combo: QComboBox) -> object | None:
    """The data of the item the operator means (``best_index``), or None."""
    index = best_index(combo)
    if index < 0:
        return None
    data: object = combo.itemData(index)
    return data


def choose_typed(combo: QComboBox) -> bool:
    """Select the item the typed text means (its full name replaces the letters); False when it means none."""
    index = best_index(combo)
    if index < 0:
        return False
    if combo.currentIndex() != index:
        combo.setCurrentIndex(index)
    if combo.currentText() != combo.itemText(index):
        combo.setEditText(combo.itemText(index))
    return True


def select_typed(combo: QComboBox) -> None:
    """Leaving a combo after typing part of a name selects the item it names (as choosing it would)."""
    value = resolve(combo)
    if value is not None and combo.currentData() != value:
        combo.setCurrentIndex(combo.findData(value))


class _TypeAhead(QObject):
    """The keys of one searchable combo, on its editor and on its completer's list."""

    def __init__(self, combo: QComboBox, on_key: Callable[[QKeyEvent], bool] | None) -> None:
        super().__init__(combo)
        self.combo = combo
        self.on_key = on_key

    def highlight_best(self) -> None:
        """Mark the best match in the list without putting it into the editor (the operator keeps typing)."""
        if not shiboken6.isValid(self.combo):  # the list is emptied while the form is destroyed
            return
        completer = completer_of(self.combo)
        popup = completer.popup()
        index = best_index(self.combo, completer.completionPrefix())
        if popup is None or index < 0:
            return
        name = self.combo.itemText(index)
        model = completer.completionModel()
        for row in range(model.rowCount()):
            if model.index(row, 0).data() == name:
                selection = popup.selectionModel()
                with QSignalBlocker(selection):  # the completer would write the name into the editor
                    selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                popup.viewport().update()
                return

    def _take(self) -> None:
        """The highlighted name in the open list, else the best match of the typed letters."""
        completer = completer_of(self.combo)
        popup = completer.popup()
        if popup is not None and popup.isVisible():
            current = popup.currentIndex()
            if current.isValid():
                self.combo.setEditText(str(current.data()))
            popup.hide()
        choose_typed(self.combo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in ACCEPT_KEYS:
            self._take()
            editor = line_edit(self.combo)
            if watched is not editor or key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter goes on like Tab; a key the list swallowed is given back to the editor as Tab.
                forward = key != Qt.Key.Key_Backtab
                QApplication.sendEvent(editor, QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_Tab if forward else Qt.Key.Key_Backtab,
                    Qt.KeyboardModifier.NoModifier if forward else Qt.KeyboardModifier.ShiftModifier))
                return True
            return False
        popup = completer_of(self.combo).popup()
        modified = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        function_key = Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35
        modifier_alone = key in (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta)
        if watched is popup and (modified or function_key) and not modifier_alone and self.on_key is not None:
            self._take()
            return self.on_key(event)
        return False


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
