"""The incident form: what happened, where, who reported it - or link the call to an incident already open.

Used for a Normal call (pre-filled from caller ID) and for reports that came another way (WhatsApp Center,
SP4N LAPOR, Ogan Lopian, walk-in) with no call. Ctrl+S saves; the core's validation problems appear next to
each field, in the operator's language.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import Channel, Priority
from callcenter.services.incidents import LIMITS, IncidentDraft, IncidentView
from callcenter.services.lookups import CategoryChoice
from callcenter.services.questions import QuestionChoice
from callcenter.services.reference import ReferenceData
from ui.app import icon
from ui.errors import translate_problem
from ui.form_fields import FieldGrid
from ui.form_place import CoordinatesField, PlacePicker
from ui.form_questions import QuestionsBox
from ui.form_suggestions import SuggestionsBox
from ui.form_widgets import LimitedTextEdit, completer_of, line_edit, resolve, searchable, select_typed
from ui.shortcuts import LINK, SAVE, with_key
from ui.words import integer_text, priority_text, report_channel_text

SUGGEST_DELAY_MS = 250
MAX_SHOWN_PROBLEM = 300
MAX_DESCRIPTION_LINES = 1000
LINE_FIELDS = ("address", "landmark", "reporter_name", "callback_number")
SNAPSHOT_TEXTS = ("address", "landmark", "latitude", "longitude", "reporter_name", "callback_number")


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def channel_names() -> dict[Channel, str]:
    return {channel: report_channel_text(channel) for channel in Channel}


def priority_names() -> dict[Priority, str]:
    return {priority: priority_text(priority) for priority in Priority}


class IncidentForm(QFrame):
    save_requested = Signal(object)           # IncidentDraft
    link_requested = Signal(int)              # incident id
    suggestions_wanted = Signal(object, object)  # desa code | None, category id | None
    cancel_requested = Signal()
    edited = Signal()
    """Any field changed (the main window saves a draft, debounced)."""

    def __init__(self, reference: ReferenceData, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.reference = reference
        self.language = language
        self.call_id: int | None = None
        self._priority_touched = False
        self._categories: dict[int, CategoryChoice] = {c.id: c for c in reference.categories}
        self._questions: dict[int, list[QuestionChoice]] = dict(reference.questions)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self._want_suggestions)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(6)
        self.title = QLabel(_t("New incident"))
        self.title.setObjectName("sectionTitle")
        outer.addWidget(self.title)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)
        self.fields = FieldGrid(grid)
        self.errors = self.fields.errors

        self.channel = QComboBox()
        for channel, name in channel_names().items():
            self.channel.addItem(name, channel.value)
        self.category = QComboBox()
        searchable(self.category, self._key_in_list)
        for option in reference.categories:
            self.category.addItem(option.name_en if language == "en" else option.name_id, option.id)
        self.category.setCurrentIndex(-1)
        line_edit(self.category).setPlaceholderText(_t("type to search, e.g. kebakaran"))
        self.priority = QComboBox()
        for priority, name in priority_names().items():
            self.priority.addItem(name, priority.value)
        self.priority.setCurrentIndex(-1)
        self.place = PlacePicker(reference, self._key_in_list, self)
        self.kecamatan = self.place.kecamatan
        self.desa = self.place.desa
        self.address = QLineEdit()
        self.address.setPlaceholderText(_t("street, house number, RT/RW"))
        self.landmark = QLineEdit()
        self.landmark.setPlaceholderText(_t("near the mosque, opposite the market ..."))
        self.coordinates = CoordinatesField()
        self.latitude = self.coordinates.latitude
        self.longitude = self.coordinates.longitude
        self.reporter_name = QLineEdit()
        self.callback_number = QLineEdit()
        self.description = LimitedTextEdit(LIMITS["description"], MAX_DESCRIPTION_LINES)
        self.description.setObjectName("incidentDescription")
        self.description.truncated.connect(self._description_truncated)
        self.description.setPlaceholderText(_t("What happened? Who is hurt? What is needed?"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(64)
        self.description.setMaximumHeight(130)  # keep Save in view at 1366x768

        # Reading order is typing order: what and where, the description, then what is optional (the priority
        # follows the category by itself).
        row = 0
        self._channel_row = row
        self._channel_label = self.fields.add(row, 0, "channel", _t("Channel"), self.channel)
        row += 2
        self.fields.add(row, 0, "category_id", _t("Category *"), self.category)
        self.fields.add(row, 2, "priority", _t("Priority"), self.priority)
        row += 2
        self.fields.add(row, 0, "kecamatan_code", _t("Kecamatan *"), self.kecamatan)
        self.fields.add(row, 2, "desa_code", _t("Desa/Kelurahan"), self.desa)
        row += 2
        self.fields.add(row, 0, "description", _t("Description *"), self.description)

        # Beside the description, so that both and the Save button fit a 1366x768 screen: the category's
        # questions, then the open incidents this report may belong to.
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.setSpacing(4)
        self.questions_box = QuestionsBox(language)
        self.questions_box.edited.connect(self._emit_edited)
        side_box.addWidget(self.questions_box)
        self.suggestions_box = SuggestionsBox(language)
        self.suggestions = self.suggestions_box.incident_list
        self.suggestions.itemActivated.connect(lambda _item: self._link())
        side_box.addWidget(self.suggestions_box, 1)
        grid.addWidget(side, row, 2, 2, 2)
        row += 2
        self.fields.add(row, 0, "address", _t("Address"), self.address, span=3)
        row += 2
        self.fields.add(row, 0, "landmark", _t("Landmark (patokan)"), self.landmark)
        self.fields.add(row, 2, "latitude", _t("Coordinates"), self.coordinates)
        self.fields.share("longitude", self.longitude, with_name="latitude")
        row += 2
        self.fields.add(row, 0, "reporter_name", _t("Reporter name"), self.reporter_name)
        self.fields.add(row, 2, "callback_number", _t("Callback number"), self.callback_number)

        self.action_bar = QWidget()
        """The status line and the buttons: the desk's window pins it below the scrolling form, so Save stays in
        sight at 1366x768 whatever the form's height (``place_action_bar``)."""
        self.action_bar.setObjectName("formActions")
        buttons = QHBoxLayout(self.action_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        self.status.setObjectName("fieldError")
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        self.cancel_button = QPushButton(_t("Cancel"))
        self.cancel_button.setToolTip(with_key(_t("Discard this report"), "Esc"))
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        buttons.addWidget(self.cancel_button)
        self.link_button = QPushButton(icon("link"), _t("Link to selected"))
        self.link_button.setToolTip(with_key(_t("Link this call to the selected open incident"), LINK))
        self.link_button.clicked.connect(self._link)
        self.link_button.setEnabled(False)
        buttons.addWidget(self.link_button)
        self.save_button = QPushButton(icon("save"), _t("Save incident"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(with_key(_t("Save the incident"), SAVE))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        outer.addWidget(self.action_bar)
        self._bar_taken = False
        self._chain_tab_order()

        self.category.currentIndexChanged.connect(self._category_changed)
        line_edit(self.category).editingFinished.connect(lambda: select_typed(self.category))
        # editingFinished is not emitted when focus leaves while the completer popup is open: watch focus too.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.priority.activated.connect(self._priority_chosen)
        self.place.desa_chosen.connect(self._suggest_timer.start)
        self.suggestions.currentRowChanged.connect(lambda row_: self.link_button.setEnabled(row_ >= 0))
        # Long pastes are cut at the core's limits, with a message instead of a refusal at save time.
        for name in LINE_FIELDS:
            field: QLineEdit = getattr(self, name)
            field.setMaxLength(LIMITS[name])
            field.inputRejected.connect(lambda name=name: self._line_rejected(name))
        for line in (self.address, self.landmark, self.latitude, self.longitude, self.reporter_name,
                     self.callback_number):
            line.textEdited.connect(self._emit_edited)
        self.description.textChanged.connect(self._emit_edited)
        for combo in (self.channel, self.category, self.priority, self.kecamatan, self.desa):
            combo.currentIndexChanged.connect(self._emit_edited)
            if combo.isEditable():
                line_edit(combo).textEdited.connect(self._emit_edited)

    def place_action_bar(self, layout: QBoxLayout) -> None:
        """Put the status line and buttons in the host's ``layout``, where they always show (below a scroll area);
        they are shown and hidden with the form from then on, and keep their place in the tab order."""
        self.layout().removeWidget(self.action_bar)  # type: ignore[union-attr]
        layout.addWidget(self.action_bar)
        self._bar_taken = True
        self.action_bar.setVisible(self.isVisible())
        self._chain_tab_order()  # a new parent put the buttons last in the window's chain

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._bar_taken and not event.spontaneous():
            self.action_bar.show()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._bar_taken and not event.spontaneous():
            self.action_bar.hide()

    def _chain_tab_order(self) -> None:
        """Tab goes category -> kecamatan -> desa -> description, then the optional fields, then the buttons."""
        chain: list[QWidget] = [self.channel, self.category, self.kecamatan, self.desa, self.description,
                                *self.questions_box.fields, self.priority, self.address, self.landmark,
                                self.latitude, self.longitude, self.reporter_name, self.callback_number,
                                self.suggestions, self.cancel_button, self.link_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _key_in_list(self, event: QKeyEvent) -> bool:
        """A key pressed while a combo's list is open (the list has the keyboard): Ctrl+S still saves."""
        if QKeySequence(event.keyCombination()).matches(QKeySequence(SAVE)) == QKeySequence.SequenceMatch.ExactMatch:
            self.save()
            return True
        return False

    # -- modes -----------------------------------------------------------------------------------------
    def start_for_call(self, call_id: int, callback_number: str | None, reporter_name: str | None) -> None:
        """A Normal call: telephone channel, caller ID pre-filled, focus on the category."""
        self._reset()
        self.call_id = call_id
        self.title.setText(_t("Incident for this call"))
        self.channel.setCurrentIndex(self.channel.findData(Channel.TELEPON_112.value))
        self._set_channel_visible(False)
        self.callback_number.setText(callback_number or "")
        self.reporter_name.setText(reporter_name or "")
        self.link_button.setVisible(True)
        self.suggestions_box.setVisible(True)
        self.category.setFocus()
        self._want_suggestions()

    def start_without_call(self) -> None:
        """A report that came another way: choose the channel first."""
        self._reset()
        self.call_id = None
        self.title.setText(_t("New report (not by telephone)"))
        self.channel.setCurrentIndex(self.channel.findData(Channel.WHATSAPP.value))
        self._set_channel_visible(True)
        self.link_button.setVisible(False)
        self.suggestions_box.setVisible(False)  # a report without a call is always a new incident
        self.channel.setFocus()

    def _set_channel_visible(self, visible: bool) -> None:
        self.channel.setVisible(visible)
        self._channel_label.setVisible(visible)

    def _reset(self) -> None:
        for combo in (self.category, self.priority):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(-1)
                if combo.isEditable():
                    combo.setEditText("")
        self.place.reset()
        for line in (self.address, self.landmark, self.latitude, self.longitude, self.reporter_name,
                     self.callback_number):
            line.clear()
        self.description.clear()
        self.questions_box.clear()
        self._show_questions(None)
        self._priority_touched = False
        self.suggestions_box.clear(asking=bool(self.questions_box.questions))
        self.clear_problems()
        self.set_busy(False)

    def _emit_edited(self, *_args: object) -> None:
        self.edited.emit()

    # -- limits --------------------------------------------------------------------------------------------
    def _description_truncated(self, offered: int, kept: int) -> None:
        text = _t("Too long: the description holds at most {limit} characters and {lines} lines; "
                  "{cut} pasted characters were left out (they are still on the clipboard).").format(
            limit=integer_text(LIMITS["description"]), lines=integer_text(MAX_DESCRIPTION_LINES),
            cut=integer_text(max(0, offered - kept)))
        self.show_limit(text, "description")

    def _line_rejected(self, name: str) -> None:
        field: QLineEdit = getattr(self, name)
        if len(field.text()) >= field.maxLength():
            self.show_limit(_t("Too long: at most {limit} characters here; the rest was left out.").format(
                limit=integer_text(field.maxLength())), name)

    def show_limit(self, text: str, name: str) -> None:
        self.fields.show_text(name, text)

    # -- drafts ----------------------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, object]:
        """Everything typed, as plain JSON-able values (for the draft file)."""
        data: dict[str, object] = {name: getattr(self, name).text() for name in SNAPSHOT_TEXTS}
        data.update(
            call_id=self.call_id, channel=self.channel.currentData(), priority=self.priority.currentData(),
            category=self.category.currentText(), kecamatan=self.kecamatan.currentText(),
            desa=self.desa.currentText(), description=self.description.toPlainText(),
            answers=self.questions_box.snapshot())
        return data

    def is_blank(self) -> bool:
        data = self.snapshot()
        return not any(str(data[name] or "").strip() for name in
                       ("address", "landmark", "latitude", "longitude", "category", "kecamatan", "desa",
                        "description", "answers"))

    def restore(self, data: dict[str, object]) -> None:
        """Fill the form from a draft (after start_for_call or start_without_call chose the mode)."""
        def text(name: str) -> str:
            value = data.get(name)
            return str(value) if value is not None else ""

        if data.get("channel") and self.channel.isVisible():
            self.channel.setCurrentIndex(max(0, self.channel.findData(data["channel"])))
        for combo, name in ((self.category, "category"), (self.kecamatan, "kecamatan")):
            if text(name):
                line_edit(combo).setText(text(name))
                select_typed(combo)
        if text("desa"):
            line_edit(self.desa).setText(text("desa"))
            self.place.desa_typed()
        if data.get("priority"):
            self.priority.setCurrentIndex(max(0, self.priority.findData(data["priority"])))
            self._priority_touched = True
        for name in SNAPSHOT_TEXTS:
            if text(name):
                getattr(self, name).setText(text(name))
        self.description.setPlainText(text("description"))
        self.questions_box.restore(data.get("answers"))

    # -- reading the form --------------------------------------------------------------------------------
    def draft(self) -> IncidentDraft | None:
        """The form as a draft; None (with messages shown) when a field cannot even be read."""
        latitude, longitude, local = self.coordinates.read()
        category = resolve(self.category)
        if self.category.currentText().strip() and category is None:
            local["category_id"] = _t("no category matches '{text}': pick one from the list").format(
                text=self.category.currentText().strip()[:60])
        kecamatan = resolve(self.kecamatan)
        if self.kecamatan.currentText().strip() and kecamatan is None:
            local["kecamatan_code"] = _t("unknown kecamatan: pick one from the list")
        desa = resolve(self.desa)
        if self.desa.currentText().strip() and desa is None:
            local["desa_code"] = _t("unknown desa/kelurahan: pick one from the list")
        if local:
            self.show_problems(local, translated=True)
            return None
        priority_value = self.priority.currentData()
        return IncidentDraft(
            category_id=int(category) if isinstance(category, int) else None,
            priority=Priority(priority_value) if priority_value else None,
            channel=Channel(self.channel.currentData() or Channel.TELEPON_112.value),
            kecamatan_code=str(kecamatan) if kecamatan else None,
            desa_code=str(desa) if desa else None,
            address=self.address.text(),
            landmark=self.landmark.text(),
            latitude=latitude,
            longitude=longitude,
            reporter_name=self.reporter_name.text(),
            callback_number=self.callback_number.text(),
            description=self.description.toPlainText(),
            call_id=self.call_id,
            answers=self.questions_box.answers(),
        )

    def save(self) -> None:
        self.clear_problems()
        draft = self.draft()
        if draft is not None:
            self.set_busy(True)
            self.save_requested.emit(draft)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.link_button.setEnabled(not busy and self.suggestions.currentRow() >= 0)

    # -- problems ----------------------------------------------------------------------------------------
    def clear_problems(self) -> None:
        self.fields.clear()
        self.status.clear()

    def show_problems(self, problems: dict[str, str], *, translated: bool = False) -> None:
        """Each problem next to its field; focus goes to the first field that needs attention."""
        worded = problems if translated else {name: translate_problem(text) for name, text in problems.items()}
        first, unplaced = self.fields.show(worded)
        for text in unplaced:
            self.status.setText((self.status.text() + "\n" if self.status.text() else "") + text)
        if problems and not self.status.text():
            self.status.setText(_t("Not saved yet: fix the fields marked in red."))
        if first is not None:
            target = self.latitude if first is self.coordinates else first
            target.setFocus()

    def problem_text(self, name: str) -> str:
        return self.fields.text(name)

    # -- suggestions (gabungkan) ----------------------------------------------------------------------
    def set_suggestions(self, incidents: list[IncidentView]) -> None:
        self.suggestions_box.set_incidents(incidents, asking=bool(self.questions_box.questions))
        self.link_button.setEnabled(False)

    def suggestion_ids(self) -> list[int]:
        return self.suggestions_box.ids()

    def link_selected(self) -> None:
        """Ctrl+G: link to the selected suggestion (the first one when none is selected)."""
        if self.call_id is None or self.suggestions.count() == 0:
            return
        if self.suggestions.currentRow() < 0:
            self.suggestions.setCurrentRow(0)
        self._link()

    def _link(self) -> None:
        incident_id = self.suggestions_box.selected_id()
        if incident_id is None or self.call_id is None:
            return
        self.set_busy(True)
        self.link_requested.emit(incident_id)

    def _want_suggestions(self) -> None:
        desa = resolve(self.desa)
        category = resolve(self.category)
        self.suggestions_wanted.emit(str(desa) if desa else None, int(category) if isinstance(category, int) else None)

    # -- field behaviour -----------------------------------------------------------------------------------
    def _category_changed(self, index: int) -> None:
        category_id = self.category.itemData(index) if index >= 0 else None
        option = self._categories.get(category_id) if isinstance(category_id, int) else None
        if option is not None and not self._priority_touched:
            self.priority.setCurrentIndex(self.priority.findData(option.default_priority.value))
        self._show_questions(category_id if isinstance(category_id, int) else None)
        self._suggest_timer.start()

    def _show_questions(self, category_id: int | None) -> None:
        self.questions_box.set_questions(self._questions.get(category_id, []) if category_id is not None else [])
        self.suggestions_box.fit(asking=bool(self.questions_box.questions))
        self._chain_tab_order()


    def set_question_lists(self, questions: dict[int, list[QuestionChoice]]) -> None:
        """An admin changed the questions: the next category chosen (and the one chosen now) asks the new ones."""
        self._questions = dict(questions)
        category = self.category.currentData()
        self._show_questions(category if isinstance(category, int) else None)

    def _priority_chosen(self, _index: int) -> None:
        self._priority_touched = True

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        handlers: tuple[tuple[QComboBox, Callable[[], None]], ...] = (
            (self.category, lambda: select_typed(self.category)), (self.kecamatan, self.place.kecamatan_typed),
            (self.desa, self.place.desa_typed))
        for combo, handler in handlers:
            if old is not None and (old is combo or old is combo.lineEdit()):
                popup = completer_of(combo).popup()
                if popup is not None:
                    popup.hide()
                handler()

    # -- where, from the map or the caller's phone ----------------------------------------------------------
    def set_coordinates(self, latitude: float, longitude: float) -> None:
        """Fill the coordinates as a click on the map or a phone location gives."""
        self.coordinates.set(latitude, longitude)
        self._emit_edited()

    def set_place(self, desa_code: str) -> None:
        """Choose the desa (and so its kecamatan) by its Kemendagri code."""
        if self.place.set_place(desa_code):
            self._emit_edited()

    def desa_code(self) -> str | None:
        return self.place.desa_code()
