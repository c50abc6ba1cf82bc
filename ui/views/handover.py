"""Shift handover at logout: what is still open, and the note for the next shift (required)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtNetwork import QHostInfo
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.services.base import Actor
from callcenter.services.incidents import IncidentService, IncidentView
from callcenter.services.shifts import MAX_HANDOVER, PendingCall, ShiftService
from callcenter.shift_windows import ShiftWindow
from ui.errors import error_text
from ui.geometry import fit_to_screen
from ui.table_model import SimpleTableModel
from ui.views.common import MessageBar, category_text, shortcut_tip
from ui.views.models import static_table
from ui.words import date_text, duration_text, incident_status_text, integer_text, time_text, when_text
from ui.worker import DbWorker

SAVE_KEY = "Ctrl+S"
INSERT_KEY = "Ctrl+L"


@dataclass(frozen=True, slots=True)
class _Open:
    window: ShiftWindow
    incidents: list[IncidentView]
    missed: list[PendingCall]
    missed_total: int


class HandoverDialog(QDialog):
    """exec() returns Accepted once the note is saved and the shift session ended."""

    def __init__(self, worker: DbWorker, shifts: ShiftService, incidents: IncidentService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.shifts = shifts
        self.incidents = incidents
        self.actor = actor
        self.state: _Open | None = None
        self.saved_session: int | None = None
        self.setObjectName("handover")
        self.setWindowTitle(self.tr("Shift handover"))
        self.setSizeGripEnabled(True)

        self.title = QLabel(self)
        self.title.setObjectName("handoverTitle")
        self.title.setStyleSheet("QLabel#handoverTitle { font-size: 17px; font-weight: 600; }")
        self.subtitle = QLabel(self)
        self.subtitle.setStyleSheet("color:#52606d;")
        self.message = MessageBar(self)

        now = shifts.clock
        self.incident_model = SimpleTableModel(
            (self.tr("Number"), self.tr("Age"), self.tr("Priority"), self.tr("Status"), self.tr("Category")),
            lambda row, column: (row.number, duration_text(now() - row.created_at), str(row.priority),
                                 incident_status_text(row.status), category_text(row.category_name_id,
                                                                        row.category_name_en))[column], self)
        self.missed_model = SimpleTableModel(
            (self.tr("Time"), self.tr("Number")),
            lambda row, column: (when_text(row.received_at, now()),
                                 row.display_number or self.tr("(no caller ID)"))[column], self)
        self.incident_box = QGroupBox(self)
        incident_layout = QVBoxLayout(self.incident_box)
        self.incident_view: QTableView = static_table(self.incident_model, self.incident_box)
        incident_layout.addWidget(self.incident_view)
        self.missed_box = QGroupBox(self)
        missed_layout = QVBoxLayout(self.missed_box)
        self.missed_view: QTableView = static_table(self.missed_model, self.missed_box)
        missed_layout.addWidget(self.missed_view)
        lists = QHBoxLayout()
        lists.addWidget(self.incident_box, 3)
        lists.addWidget(self.missed_box, 2)

        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handoverNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr(
            "What must the next shift know? Open incidents, callbacks still to make, equipment problems… "
            "Write 'nihil' if there is nothing to hand over."))
        self.note.installEventFilter(self)
        self.insert_button = QPushButton(self.tr("Insert the open items"), self)
        self.insert_button.setObjectName("insertButton")
        shortcut_tip(self.insert_button, self.tr("Copy the open incidents and missed calls into the note"),
                     INSERT_KEY)
        self.insert_button.clicked.connect(self.insert_open_items)
        self.save_button = QPushButton(self.tr("Save and end shift"), self)
        self.save_button.setObjectName("saveHandover")
        self.save_button.setDefault(True)
        shortcut_tip(self.save_button, self.tr("Save the handover note and end your shift session"), SAVE_KEY)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setToolTip(self.tr("Back to the console (Esc)"))
        cancel.clicked.connect(self.reject)
        note_box = QGroupBox(self.tr("Handover note"), self)
        note_layout = QVBoxLayout(note_box)
        note_layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.message)
        layout.addLayout(lists, 3)
        layout.addWidget(note_box, 2)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 640)
        self._update_boxes()
        self.save_button.setEnabled(False)
        self.note.setFocus()
        self.reload()

    @Slot()
    def reload(self) -> None:
        shifts, incidents, actor = self.shifts, self.incidents, self.actor

        def job() -> _Open:
            mine = incidents.open_incidents(assigned_to=actor.id) if actor.id is not None else []
            return _Open(shifts.current_window(), mine, shifts.pending_missed_calls(),
                         shifts.count_pending_missed_calls())

        self.worker.run(self, job, self._loaded, self._failed)

    def _loaded(self, state: _Open) -> None:
        self.state = state
        window = state.window
        self.title.setText(self.tr("Handover — shift %1").replace("%1", window.spec.name))
        start, end = window.start_utc, window.end_utc
        self.subtitle.setText(self.tr("%1, %2–%3 WIB · %4").replace("%1", date_text(start))
                              .replace("%2", time_text(start, seconds=False))
                              .replace("%3", time_text(end, seconds=False))
                              .replace("%4", self.actor.full_name or self.actor.username))
        # Most urgent first, then oldest: the order the next shift should look at them.
        self.incident_model.set_rows(sorted(state.incidents, key=lambda i: (i.priority, i.created_at)))
        self.missed_model.set_rows(state.missed)
        self._update_boxes()
        self.save_button.setEnabled(True)

    def _update_boxes(self) -> None:
        incidents = len(self.state.incidents) if self.state else 0
        missed = self.state.missed_total if self.state else 0
        self.incident_box.setTitle(self.tr("My incidents still open (%1)").replace("%1", str(incidents)))
        self.missed_box.setTitle(self.tr("Missed calls not called back (%1)").replace("%1", str(missed)))

    @Slot()
    def insert_open_items(self) -> None:
        if self.state is None:
            return
        lines = []
        for incident in self.state.incidents:
            lines.append(f"- {incident.number} {category_text(incident.category_name_id, incident.category_name_en)}"
                         f" ({incident.priority}, {incident_status_text(incident.status)})")
        if self.state.missed_total:
            lines.append("- " + self.tr("%1 missed calls not called back yet").replace(
                "%1", str(self.state.missed_total)))
        if not lines:
            lines.append(self.tr("Nothing open."))
        cursor = self.note.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        prefix = "\n" if self.note.toPlainText() and not self.note.toPlainText().endswith("\n") else ""
        cursor.insertText(prefix + "\n".join(lines) + "\n")
        self.note.setFocus()

    @Slot()
    def save(self) -> None:
        text = self.note.toPlainText().strip()
        if not text:
            self.message.show_message(self.tr("Write the handover note first (write 'nihil' if nothing is open)."))
            self.note.setFocus()
            return
        if len(text) > MAX_HANDOVER:
            self.message.show_message(self.tr("The note is too long: at most %1 characters (now %2).")
                                      .replace("%1", integer_text(MAX_HANDOVER)).replace("%2", integer_text(len(text))))
            return
        shifts, actor = self.shifts, self.actor
        desk = QHostInfo.localHostName() or None
        self.save_button.setEnabled(False)
        self.worker.run(self, lambda: shifts.hand_over(actor, text, desk), self._saved, self._failed)

    def _saved(self, session_id: int) -> None:
        self.saved_session = session_id
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.show_message(error_text(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+S inside the note box saves (the text box would otherwise swallow it).
        if watched is self.note and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_S and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return True
        return super().eventFilter(watched, event)
