"""Categories and their questions (admins): what the operator is prompted to ask beside the description when the
category is chosen (Kebakaran: anyone trapped? what is burning?).

A list of the categories on the left; on the right up to eight questions, each in Indonesian (what the operator
reads and the agency gets on the slip) and, optionally, in English (the English console). An emptied line removes
its question; Alt+Up and Alt+Down move the question the cursor is in. Ctrl+S saves; every desk asks the new
questions from its next incident.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.errors import ValidationError
from callcenter.services.base import Actor
from callcenter.services.questions import MAX_PROMPT, MAX_QUESTIONS, CategoryQuestions, QuestionInput, QuestionService
from ui.errors import core_text, error_text
from ui.views.common import MessageBar
from ui.worker import DbWorker

ID_ROLE = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class CategoryQuestionsDialog(QDialog):
    def __init__(self, worker: DbWorker, questions: QuestionService, actor: Actor, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.service = questions
        self.actor = actor
        self.language = language
        self.categories: dict[int, CategoryQuestions] = {}
        self.current: CategoryQuestions | None = None
        self._ids: list[int | None] = [None] * MAX_QUESTIONS
        self._loaded_texts: list[tuple[str, str]] = []
        self.setWindowTitle(_t("Categories and questions"))
        self.setMinimumSize(1180, 540)

        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._selected)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setObjectName("sectionTitle")
        column.addWidget(self.heading)
        hint = QLabel(_t("The operator sees these questions beside the description when this category is chosen; "
                         "the answers are printed on the dispatch slip. Empty a line to remove its question; "
                         "Alt+Up and Alt+Down move a question."), right)
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        column.addWidget(hint)
        grid = QGridLayout()
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(2, 4)
        grid.addWidget(QLabel(_t("Question (Indonesian)"), right), 0, 1)
        grid.addWidget(QLabel(_t("In English (optional)"), right), 0, 2)
        self.prompts_id: list[QLineEdit] = []
        self.prompts_en: list[QLineEdit] = []
        self.row_errors: list[QLabel] = []
        for index in range(MAX_QUESTIONS):
            number = QLabel(f"{index + 1}.", right)
            indonesian, english = QLineEdit(right), QLineEdit(right)
            for field in (indonesian, english):
                field.setMaxLength(MAX_PROMPT)
            number.setBuddy(indonesian)
            error = QLabel(right)
            error.setObjectName("fieldError")
            error.hide()
            grid.addWidget(number, 1 + index * 2, 0)
            grid.addWidget(indonesian, 1 + index * 2, 1)
            grid.addWidget(english, 1 + index * 2, 2)
            grid.addWidget(error, 2 + index * 2, 1, 1, 2)
            self.prompts_id.append(indonesian)
            self.prompts_en.append(english)
            self.row_errors.append(error)
        grid.setVerticalSpacing(2)
        column.addLayout(grid)
        column.addStretch(1)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 780])
        self.message = MessageBar(self)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_t("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.clicked.connect(self.save)
        close = buttons.addButton(_t("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setToolTip(_t("Close (Esc)"))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_focused(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_focused(1))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    # -- loading -------------------------------------------------------------------------------------------
    def reload(self, select: int | None = None, then: Callable[[], None] | None = None) -> None:
        def loaded(rows: list[CategoryQuestions]) -> None:
            self._loaded(rows, select)
            if then is not None:
                then()

        self.worker.run(self, self.service.categories, loaded, lambda exc: self.message.show_message(error_text(exc)))

    def _loaded(self, rows: list[CategoryQuestions], select: int | None) -> None:
        self.categories = {row.category_id: row for row in rows}
        wanted = select if select is not None else (self.current.category_id if self.current else None)
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            name = row.name_en if self.language == "en" else row.name_id
            text = _t("{name} ({count})").format(name=name, count=len(row.questions))
            if not row.active:
                text += " - " + _t("inactive")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.category_id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [row.category_id for row in rows]
        self.list.setCurrentRow(ids.index(wanted) if wanted in ids else 0)

    def _selected(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        if previous is not None and self.is_dirty() and not self._may_leave():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.show_category(self.categories[int(current.data(ID_ROLE))])

    def _may_leave(self) -> bool:
        answer = QMessageBox.question(
            self, self.windowTitle(), _t("The questions of {name} are not saved. Save them now?").format(
                name=self.heading.text()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save()
            return False  # the list moves on once the save is done (it reloads)
        return answer == QMessageBox.StandardButton.Discard

    def show_category(self, category: CategoryQuestions) -> None:
        self.current = category
        self.heading.setText(category.name_en if self.language == "en" else category.name_id)
        self._ids = [None] * MAX_QUESTIONS
        for index in range(MAX_QUESTIONS):
            question = category.questions[index] if index < len(category.questions) else None
            self._ids[index] = question.id if question else None
            self.prompts_id[index].setText(question.prompt_id if question else "")
            self.prompts_en[index].setText((question.prompt_en or "") if question else "")
            for field in (self.prompts_id[index], self.prompts_en[index]):
                field.setCursorPosition(0)  # the start of a long question in view, not its end
        self._loaded_texts = self._texts()
        self._show_problems({})

    # -- editing ---------------------------------------------------------------------------------------------
    def _texts(self) -> list[tuple[str, str]]:
        return [(i.text(), e.text()) for i, e in zip(self.prompts_id, self.prompts_en, strict=True)]

    def is_dirty(self) -> bool:
        return self.current is not None and self._texts() != self._loaded_texts

    def move_focused(self, step: int) -> None:
        focused = QApplication.focusWidget()
        for fields in (self.prompts_id, self.prompts_en):
            if focused in fields:
                index = fields.index(focused)
                target = index + step
                if 0 <= target < MAX_QUESTIONS:
                    self._swap(index, target)
                    fields[target].setFocus()
                return

    def _swap(self, first: int, second: int) -> None:
        for fields in (self.prompts_id, self.prompts_en):
            a, b = fields[first].text(), fields[second].text()
            fields[first].setText(b)
            fields[second].setText(a)
        self._ids[first], self._ids[second] = self._ids[second], self._ids[first]

    def inputs(self) -> list[QuestionInput]:
        return [QuestionInput(indonesian.text(), english.text(), self._ids[index])
                for index, (indonesian, english) in enumerate(zip(self.prompts_id, self.prompts_en, strict=True))
                if indonesian.text().strip() or english.text().strip()]

    # -- saving ----------------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.current is None:
            return
        category_id, inputs = self.current.category_id, self.inputs()
        service, actor = self.service, self.actor
        self.save_button.setEnabled(False)
        self.worker.run(self, lambda: service.save(actor, category_id, inputs),
                        lambda _saved: self._saved(category_id), self._failed)

    def _saved(self, category_id: int) -> None:
        self.save_button.setEnabled(True)
        self._loaded_texts = self._texts()  # the reload below shows what was stored
        text = _t("Saved: {name}. Every desk asks these questions from its next incident.").format(
            name=self.heading.text())
        self.reload(category_id, lambda: self.message.show_message(text, "ok"))

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self._show_problems(exc.problems)
            return
        self.message.show_message(error_text(exc))

    def _show_problems(self, problems: dict[str, str]) -> None:
        # The service numbers the questions it kept (empty lines left out): map them back to the lines.
        filled = [index for index in range(MAX_QUESTIONS)
                  if self.prompts_id[index].text().strip() or self.prompts_en[index].text().strip()]
        for label in self.row_errors:
            label.hide()
        for name, text in problems.items():
            number = name.removeprefix("question_")
            if number.isdigit() and int(number) - 1 < len(filled):
                label = self.row_errors[filled[int(number) - 1]]
                label.setText(core_text(text))
                label.show()
        general = [core_text(text) for name, text in problems.items() if not name.startswith("question_")]
        if general:
            self.message.show_message("\n".join(general))
        elif problems:
            self.message.show_message(_t("Not saved: see the lines marked in red."))
        else:
            self.message.clear_message()
