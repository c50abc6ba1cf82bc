"""The category's questions beside the incident's description (Kebakaran: anyone trapped? what is burning?): one
short answer field each, shown as soon as the category is chosen. An admin edits the questions (the admin menu's
categories dialog); answers typed for a question survive switching the category back and forth."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from callcenter.services.questions import MAX_ANSWER, AnswerInput, QuestionChoice


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class QuestionsBox(QWidget):
    edited = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.questions: list[QuestionChoice] = []
        self.fields: list[QLineEdit] = []
        self._typed: dict[int, str] = {}
        """Answers by question id, kept while the operator tries another category."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel(_t("Ask the caller:"))
        self.title.setObjectName("fieldLabel")
        layout.addWidget(self.title)
        # The question gets the wider part, so that most fit on one line beside a short answer field.
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        layout.addLayout(self.grid)
        self.labels: list[QLabel] = []
        self.hide()

    def set_questions(self, questions: list[QuestionChoice]) -> None:
        self._remember()
        for widget in (*self.labels, *self.fields):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.questions = list(questions)
        self.fields = []
        self.labels = []
        for row, question in enumerate(self.questions):
            label = QLabel(question.prompt(self.language))
            label.setObjectName("questionLabel")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            field = QLineEdit(self._typed.get(question.id, ""))
            field.setMaxLength(MAX_ANSWER)
            field.setObjectName("questionAnswer")
            field.setAccessibleName(question.prompt(self.language))
            field.textEdited.connect(lambda _text: self.edited.emit())
            label.setBuddy(field)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(field, row, 1)
            self.labels.append(label)
            self.fields.append(field)
        self.setVisible(bool(self.questions))

    def _remember(self) -> None:
        for question, field in zip(self.questions, self.fields, strict=True):
            self._typed[question.id] = field.text()

    def clear(self) -> None:
        self._typed.clear()
        for field in self.fields:
            field.clear()

    def answers(self) -> tuple[AnswerInput, ...]:
        """Every answered question, with its Indonesian words (what the agency reads)."""
        return tuple(AnswerInput(question.id, question.prompt_id, field.text())
                     for question, field in zip(self.questions, self.fields, strict=True) if field.text().strip())

    def snapshot(self) -> dict[str, str]:
        """For the draft file: answers by question id (JSON keys are text)."""
        self._remember()
        return {str(question_id): text for question_id, text in self._typed.items() if text.strip()}

    def restore(self, answers: object) -> None:
        if not isinstance(answers, dict):
            return
        for key, text in answers.items():
            if str(key).isdigit() and isinstance(text, str):
                self._typed[int(key)] = text[:MAX_ANSWER]
        for question, field in zip(self.questions, self.fields, strict=True):
            field.setText(self._typed.get(question.id, ""))
