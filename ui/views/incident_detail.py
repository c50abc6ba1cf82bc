"""Everything about one incident: its fields (editable under the optimistic lock), its timeline, notes, close
and (for supervisors) reopen."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import IncidentStatus, Priority, Role
from callcenter.errors import ConflictError
from callcenter.services.base import Actor
from callcenter.services.callers import CallerService
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import LIMITS, IncidentService, IncidentView, TimelineEntry
from callcenter.services.lookups import AreaChoice, CategoryChoice, LookupService
from callcenter.services.queues import LinkedCall, QueueService
from ui.dispatch.manual import ManualDeliveries
from ui.dispatch.timeline import DispatchTimelineWidget
from ui.errors import error_text
from ui.geometry import fit_to_screen
from ui.table_model import SimpleTableModel
from ui.views.caller_history import CallerHistoryDialog
from ui.views.common import MessageBar, category_text, shortcut_tip, timeline_text
from ui.views.models import static_table
from ui.words import call_type_text, duration_text, incident_status_text, priority_text, when_text, wib_text
from ui.worker import DbWorker

SAVE_KEY = "Ctrl+S"
NOTE_KEY = "Ctrl+Return"
CLOSE_KEY = "Ctrl+Shift+T"
REOPEN_KEY = "Ctrl+Shift+O"
RELOAD_KEY = "F5"
HISTORY_KEY = "Ctrl+H"
TEXT_FIELDS = ("address", "landmark", "reporter_name", "callback_number")

PRIORITY_CHIP = {Priority.P1: ("#a1160f", "#fdeeed"), Priority.P2: ("#8a4b00", "#fff1d6"),
                 Priority.P3: ("#1f2933", "#e9edf2"), Priority.P4: ("#52606d", "#f1f3f5")}
STATUS_CHIP = {IncidentStatus.CLOSED: ("#ffffff", "#52606d")}


def chip(text: str, foreground: str, background: str) -> str:
    return (f'<span style="color:{foreground}; background-color:{background}; font-weight:600;">'
            f"&nbsp;{html.escape(text)}&nbsp;</span>")


class IncidentDetailDialog(QDialog):
    def __init__(self, worker: DbWorker, incidents: IncidentService, actor: Actor, incident_id: int,
                 parent: QWidget | None = None, *, dispatch: DispatchService | None = None,
                 manual: ManualDeliveries | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.manual = manual
        self.incidents = incidents
        # Closing frees the units first (finish_open), so the service is needed even without the console's.
        self.dispatch = dispatch or DispatchService(incidents.db, incidents.clock)
        self.dispatch_timeline: DispatchTimelineWidget | None = None
        self.lookups = LookupService(incidents.db, incidents.clock)
        self.queues = QueueService(incidents.db, incidents.clock)
        self.callers = CallerService(incidents.db, incidents.clock)
        self.calls: list[LinkedCall] = []
        self.history_dialog: QDialog | None = None
        self.actor = actor
        self.incident_id = incident_id
        self.view: IncidentView | None = None
        self.timeline: list[TimelineEntry] = []
        self.categories: list[CategoryChoice] = []
        self.kecamatan: list[AreaChoice] = []
        self.desa: list[AreaChoice] = []
        self._loading = False
        self.setWindowTitle(self.tr("Incident"))
        self.setObjectName("incidentDetail")
        self.setSizeGripEnabled(True)
        self._build()
        fit_to_screen(self, 1200, 720)
        self.reload()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("incidentHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setStyleSheet("QLabel#incidentHeader { font-size: 17px; }")
        self.subheader = QLabel(self)
        self.subheader.setObjectName("incidentSubheader")
        self.subheader.setStyleSheet("color:#52606d;")
        self.subheader.setWordWrap(True)
        self.message = MessageBar(self)

        # The conflict banner: someone else saved first; the operator reloads and decides again.
        self.conflict = QFrame(self)
        self.conflict.setObjectName("conflictBar")
        self.conflict.setStyleSheet("QFrame#conflictBar { background:#fff4d6; border:1px solid #f0d48a;"
                                    " border-radius:4px; } QLabel { color:#6b4a00; }")
        self.conflict_text = QLabel(self.tr(
            "This incident was changed by someone else after you opened it. Your changes were NOT saved. "
            "Reload to see the latest version, then make your change again."), self.conflict)
        self.conflict_text.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"), self.conflict)
        self.reload_button.setObjectName("reloadButton")
        shortcut_tip(self.reload_button, self.tr("Load the latest version"), RELOAD_KEY)
        self.reload_button.clicked.connect(self.reload)
        conflict_layout = QHBoxLayout(self.conflict)
        conflict_layout.addWidget(self.conflict_text, 1)
        conflict_layout.addWidget(self.reload_button)
        self.conflict.hide()

        # Fields
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        for priority in Priority:
            self.priority.addItem(priority_text(priority), priority)
        self.kecamatan_box = QComboBox(self)
        self.kecamatan_box.setObjectName("kecamatan")
        self.kecamatan_box.currentIndexChanged.connect(self._fill_desa)
        self.desa_box = QComboBox(self)
        self.desa_box.setObjectName("desa")
        self.address = QLineEdit(self)
        self.address.setMaxLength(LIMITS["address"])
        self.landmark = QLineEdit(self)
        self.landmark.setMaxLength(LIMITS["landmark"])
        self.reporter_name = QLineEdit(self)
        self.reporter_name.setMaxLength(LIMITS["reporter_name"])
        self.callback_number = QLineEdit(self)
        self.callback_number.setMaxLength(LIMITS["callback_number"])
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Kecamatan"), self.kecamatan_box)
        form.addRow(self.tr("Desa/kelurahan"), self.desa_box)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Landmark"), self.landmark)
        form.addRow(self.tr("Reporter"), self.reporter_name)
        form.addRow(self.tr("Callback number"), self.callback_number)
        form.addRow(self.tr("Description"), self.description)
        # The category's questions as asked when the incident was logged (read-only: they were the caller's words).
        self.answers = QLabel(self)
        self.answers.setObjectName("answers")
        self.answers.setTextFormat(Qt.TextFormat.PlainText)
        self.answers.setWordWrap(True)
        self.answers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._answers_label = QLabel(self.tr("Questions asked"), self)
        form.addRow(self._answers_label, self.answers)
        self.answers.hide()
        self._answers_label.hide()
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.setObjectName("saveButton")
        shortcut_tip(self.save_button, self.tr("Save the changed fields"), SAVE_KEY)
        self.save_button.clicked.connect(self.save)
        fields_box = QGroupBox(self.tr("Incident data"), self)
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.addLayout(form, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        fields_layout.addLayout(save_row)

        # Timeline and notes
        self.timeline_view = QTextBrowser(self)
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setOpenLinks(False)
        # Its table is as wide as the view and wraps: a rounding pixel must not bring a sideways scroll bar.
        self.timeline_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Write a note for the timeline…"))
        self.note.setMaximumHeight(80)
        self.note_button = QPushButton(self.tr("Add note"), self)
        self.note_button.setObjectName("noteButton")
        shortcut_tip(self.note_button, self.tr("Add the note to the timeline"), NOTE_KEY)
        self.note_button.clicked.connect(self.add_note)
        # The calls that reported it, with the way to each caller's history.
        self.calls_model = SimpleTableModel(
            (self.tr("Time"), self.tr("Number"), self.tr("Caller ID name"), self.tr("Type"), self.tr("Operator")),
            self._call_cell, self)
        self.calls_view = static_table(self.calls_model, self)
        self.calls_view.setObjectName("incidentCalls")
        self.calls_view.activated.connect(lambda _index: self.show_caller_history())
        self.history_button = QPushButton(self.tr("Caller history…"), self)
        self.history_button.setObjectName("callerHistoryButton")
        shortcut_tip(self.history_button, self.tr("All calls and incidents of the selected number"), HISTORY_KEY)
        self.history_button.clicked.connect(self.show_caller_history)
        # The button sits on a tab that may be hidden; the key works from anywhere in the dialog.
        self.history_button.setShortcut(QKeySequence())
        QShortcut(QKeySequence(HISTORY_KEY), self, self.show_caller_history)
        calls_page = QWidget(self)
        calls_layout = QVBoxLayout(calls_page)
        calls_layout.setContentsMargins(0, 0, 0, 0)
        calls_layout.addWidget(self.calls_view, 1)
        history_row = QHBoxLayout()
        history_row.addStretch(1)
        history_row.addWidget(self.history_button)
        calls_layout.addLayout(history_row)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.timeline_view, self.tr("Timeline"))
        self.side_tabs.addTab(calls_page, self.tr("Calls"))
        # Each forward's steps (diterima, menuju, tiba, selesai) recorded here as the agency reports back.
        self.dispatch_timeline = DispatchTimelineWidget(self.worker, self.dispatch, self.actor, self.incident_id,
                                                        self, manual=self.manual)
        self.dispatch_timeline.setObjectName("dispatchTimeline")
        self.dispatch_timeline.changed.connect(self._reload_if_untouched)
        self.side_tabs.addTab(self.dispatch_timeline, self.tr("Forwarding"))
        timeline_box = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(self.side_tabs, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignBottom)
        timeline_layout.addLayout(note_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(fields_box)
        splitter.addWidget(timeline_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([500, 600])  # the fields get their share at once, not only their size hint
        splitter.setChildrenCollapsible(False)

        # Close / reopen
        self.disposition = QComboBox(self)
        self.disposition.setObjectName("disposition")
        self.disposition.setEditable(True)
        self.disposition.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text in (self.tr("Handled, situation safe"), self.tr("Handed over to the agency"),
                     self.tr("Not found at the location"), self.tr("False report"),
                     self.tr("Duplicate of another incident")):
            self.disposition.addItem(text)
        self.disposition.setCurrentIndex(-1)
        line_edit = self.disposition.lineEdit()
        assert line_edit is not None
        line_edit.setMaxLength(LIMITS["disposition"])
        line_edit.setPlaceholderText(self.tr("How did it end? (required to close)"))
        self.close_button = QPushButton(self.tr("Close incident"), self)
        self.close_button.setObjectName("closeIncidentButton")
        shortcut_tip(self.close_button, self.tr("Close the incident with this disposition"), CLOSE_KEY)
        self.close_button.clicked.connect(self.close_incident)
        self.reopen_button = QPushButton(self.tr("Reopen…"), self)
        self.reopen_button.setObjectName("reopenButton")
        shortcut_tip(self.reopen_button, self.tr("Reopen the closed incident (supervisors)"), REOPEN_KEY)
        self.reopen_button.clicked.connect(self.ask_reopen)
        self.reopen_button.setVisible(self.actor.at_least(Role.SUPERVISOR))
        self.dismiss_button = QPushButton(self.tr("Done"), self)
        self.dismiss_button.setToolTip(self.tr("Close this window (Esc)"))
        self.dismiss_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Disposition"), self))
        bottom.addWidget(self.disposition, 1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.reopen_button)
        bottom.addSpacing(16)
        bottom.addWidget(self.dismiss_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        # The text box keeps Ctrl+Enter for itself; catch it there so the note goes in from the keyboard.
        self.note.installEventFilter(self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_subheader)
        self._ticker.start()
        self._set_enabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.add_note()
            return True
        return super().eventFilter(watched, event)

    def _call_cell(self, row: LinkedCall, column: int) -> str:
        values = (when_text(row.received_at, self.incidents.clock()), row.display_number or self.tr("(no caller ID)"),
                  row.cid_name or "", call_type_text(row.call_type), row.operator or "")
        return values[column]

    @Slot()
    def show_caller_history(self) -> None:
        """The history of the selected call's number (the first call's when none is selected)."""
        index = self.calls_view.currentIndex()
        row = self.calls_model.row_at(index.row()) if index.isValid() else (self.calls[0] if self.calls else None)
        if not isinstance(row, LinkedCall) or not (row.e164 or row.number_raw):
            return
        self.history_dialog = CallerHistoryDialog(self.worker, self.callers, self.actor,
                                                  row.e164 or row.number_raw or "", self)
        self.history_dialog.open()

    # -- loading ----------------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self._loading = True
        need_lists = not self.categories
        incidents, lookups, queues, incident_id = self.incidents, self.lookups, self.queues, self.incident_id

        def job() -> tuple[IncidentView, list[TimelineEntry], Any, list[LinkedCall]]:
            lists = (lookups.categories(), lookups.areas()) if need_lists else None
            return (incidents.get(incident_id), incidents.timeline(incident_id), lists,
                    queues.incident_calls(incident_id))

        self.worker.run(self, job, self._loaded, self._failed)

    def _loaded(self, result: tuple[IncidentView, list[TimelineEntry], Any, list[LinkedCall]]) -> None:
        view, timeline, lists, calls = result
        self.calls = calls
        self.calls_model.set_rows(calls)
        self.side_tabs.setTabText(1, self.tr("Calls (%1)").replace("%1", str(len(calls))))
        if calls and not self.calls_view.currentIndex().isValid():
            self.calls_view.setCurrentIndex(self.calls_model.index(0, 0))
        if lists is not None:
            self.categories = lists[0]
            self.kecamatan, self.desa = lists[1]
            self.category.clear()
            for choice in self.categories:
                self.category.addItem(category_text(choice.name_id, choice.name_en), choice.id)
            self.kecamatan_box.clear()
            self.kecamatan_box.addItem(self.tr("(not known)"), None)
            for area in self.kecamatan:
                self.kecamatan_box.addItem(area.name, area.code)
        self.view = view
        self.timeline = timeline
        self._fill_fields(view)
        self._render_timeline()
        self.conflict.hide()
        self._loading = False
        self._set_enabled(True)

    def _fill_fields(self, view: IncidentView) -> None:
        self.setWindowTitle(self.tr("Incident %1").replace("%1", view.number))
        self._select(self.category, view.category_id)
        self._select(self.priority, view.priority)
        self._select(self.kecamatan_box, view.kecamatan_code)
        self._fill_desa()
        self._select(self.desa_box, view.desa_code)
        for name in TEXT_FIELDS:
            widget = getattr(self, name)
            assert isinstance(widget, QLineEdit)
            widget.setText(getattr(view, name) or "")
            widget.setCursorPosition(0)
        self.description.setPlainText(view.description)
        if view.answers:  # a refreshed view from a list carries none: keep what was shown
            self.answers.setText("\n".join(f"{a.question} {a.answer}" for a in view.answers))
        self.answers.setVisible(bool(self.answers.text()))
        self._answers_label.setVisible(bool(self.answers.text()))
        category = category_text(view.category_name_id, view.category_name_en)
        priority_colors = PRIORITY_CHIP[view.priority]
        status_colors = STATUS_CHIP.get(view.status, ("#0b3d6e", "#e8f1fb"))
        self.header.setText(f"<b>{html.escape(view.number)}</b> &nbsp; {html.escape(category)} &nbsp; "
                            + chip(priority_text(view.priority), *priority_colors) + " "
                            + chip(incident_status_text(view.status), *status_colors))
        self._show_subheader()

    def _show_subheader(self) -> None:
        view = self.view
        if view is None:
            self.subheader.setText(self.tr("Loading…"))
            return
        parts = [self.tr("Opened %1").replace("%1", wib_text(view.created_at, seconds=False))]
        if view.created_by:
            parts.append(self.tr("by %1").replace("%1", view.created_by))
        if view.closed_at is None:
            parts.append(self.tr("open for %1").replace("%1", duration_text(self.incidents.clock() - view.created_at)))
        else:
            parts.append(self.tr("closed %1").replace("%1", wib_text(view.closed_at, seconds=False)))
            if view.disposition:
                parts.append(self.tr("disposition: %1").replace("%1", view.disposition))
        self.subheader.setText(" · ".join(parts))

    def _fill_desa(self) -> None:
        code = self.kecamatan_box.currentData()
        current = self.desa_box.currentData()
        self.desa_box.clear()
        self.desa_box.addItem(self.tr("(not known)"), None)
        for area in self.desa:
            if code is None or area.parent_code == code:
                self.desa_box.addItem(area.name, area.code)
        self._select(self.desa_box, current)

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:
        index = box.findData(value)
        box.setCurrentIndex(max(index, 0))

    def _render_timeline(self) -> None:
        kinds = {"note": self.tr("Note"), "created": self.tr("Created"), "updated": self.tr("Changed"),
                 "call_linked": self.tr("Call"), "status": self.tr("Status"), "dispatch": self.tr("Forwarded"),
                 "closed": self.tr("Closed"), "reopened": self.tr("Reopened")}
        now = self.incidents.clock()
        rows = []
        for entry in self.timeline:
            text = html.escape(timeline_text(entry.text)).replace("\n", "<br>")
            kind = html.escape(kinds.get(entry.kind, entry.kind))
            weight = "600" if entry.kind in ("note", "closed", "reopened") else "400"
            rows.append(
                f'<tr><td style="color:#52606d; white-space:nowrap; padding-right:8px;">'
                f"{html.escape(when_text(entry.at, now))}</td>"
                f'<td style="color:#52606d; padding-right:8px;">{html.escape(entry.operator or "—")}</td>'
                f'<td style="color:#0b3d6e; padding-right:8px;">{kind}</td>'
                f'<td style="font-weight:{weight};">{text}</td></tr>')
        if not rows:
            rows.append(f"<tr><td>{html.escape(self.tr('Nothing yet.'))}</td></tr>")
        self.timeline_view.setHtml('<table cellspacing="0" cellpadding="3" width="100%">' + "".join(rows)
                                   + "</table>")
        bar = self.timeline_view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _set_enabled(self, ready: bool) -> None:
        closed = self.view is not None and self.view.status is IncidentStatus.CLOSED
        editable = ready and not closed
        for widget in (self.category, self.priority, self.kecamatan_box, self.desa_box, self.address,
                       self.landmark, self.reporter_name, self.callback_number, self.save_button,
                       self.disposition, self.close_button):
            widget.setEnabled(editable)
        self.description.setReadOnly(not editable)
        self.note.setEnabled(ready)
        self.note_button.setEnabled(ready)
        self.reopen_button.setEnabled(ready and closed)

    # -- actions ----------------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields the operator changed, as the service takes them."""
        view = self.view
        if view is None:
            return {}
        current: dict[str, Any] = {
            "category_id": self.category.currentData(),
            "priority": Priority(self.priority.currentData()),
            "kecamatan_code": self.kecamatan_box.currentData(),
            "desa_code": self.desa_box.currentData(),
            "description": self.description.toPlainText(),
        }
        for name in TEXT_FIELDS:
            widget = getattr(self, name)
            current[name] = widget.text().strip() or None
        return {name: value for name, value in current.items()
                if (value.strip() if name == "description" else value) != getattr(view, name)}

    @Slot()
    def save(self) -> None:
        if self.view is None or self._loading:
            return
        changes = self.changes()
        if not changes:
            self.message.show_message(self.tr("Nothing was changed."), "info")
            return
        self.message.clear_message()
        incidents, actor, incident_id, version = self.incidents, self.actor, self.incident_id, self.view.version
        self.save_button.setEnabled(False)
        self.worker.run(self, lambda: (incidents.update(actor, incident_id, version, changes),
                        incidents.timeline(incident_id)),
               self._saved, self._failed)

    def _saved(self, result: tuple[IncidentView, list[TimelineEntry]]) -> None:
        self.view, self.timeline = result
        self._fill_fields(self.view)
        self._render_timeline()
        self._set_enabled(True)
        self.message.show_message(self.tr("Saved."), "ok")

    @Slot()
    def add_note(self) -> None:
        text = self.note.toPlainText()
        if not text.strip() or self.view is None:
            self.note.setFocus()
            return
        incidents, actor, incident_id = self.incidents, self.actor, self.incident_id
        self.note_button.setEnabled(False)
        def job() -> list[TimelineEntry]:
            incidents.add_note(actor, incident_id, text)
            return incidents.timeline(incident_id)

        self.worker.run(self, job, self._note_added, self._failed)

    def _note_added(self, timeline: list[TimelineEntry]) -> None:
        self.timeline = timeline
        self.note.clear()
        self.note_button.setEnabled(True)
        self._render_timeline()
        self.message.clear_message()
        self.note.setFocus()

    @Slot()
    def close_incident(self) -> None:
        if self.view is None or self.view.status is IncidentStatus.CLOSED:
            return
        disposition = self.disposition.currentText().strip()
        if not disposition:
            self.message.show_message(self.tr("Write or choose a disposition to close the incident."))
            self.disposition.setFocus()
            return
        incidents, actor, incident_id, dispatch = self.incidents, self.actor, self.incident_id, self.dispatch
        self.close_button.setEnabled(False)

        def job() -> tuple[IncidentView, list[TimelineEntry]]:
            # Clear or cancel what is still out first, so its units are free for the next incident.
            dispatch.finish_open(actor, incident_id, disposition)
            return incidents.close(actor, incident_id, disposition), incidents.timeline(incident_id)

        self.worker.run(self, job, self._status_changed, self._failed)

    def _reload_if_untouched(self) -> None:
        """A dispatch step changes the incident's status and timeline; fields being edited are never overwritten."""
        if not self._loading and not self.changes():
            self.reload()

    def on_changes(self, changes: list[Any]) -> None:
        """Another desk (or the outbox) changed this incident or its forwards: show it without a reload key."""
        mine = str(self.incident_id)
        if any(change.entity in ("dispatch", "outbox") for change in changes) and self.dispatch_timeline:
            self.dispatch_timeline.refresh()
        if any(change.entity == "incident" and change.entity_id == mine for change in changes):
            self._reload_if_untouched()

    def _status_changed(self, result: tuple[IncidentView, list[TimelineEntry]]) -> None:
        self.view, self.timeline = result
        self._fill_fields(self.view)
        self._render_timeline()
        self._set_enabled(True)
        self.message.show_message(incident_status_text(self.view.status) + ".", "ok")

    @Slot()
    def ask_reopen(self) -> None:
        if not self.reopen_button.isVisible() or not self.reopen_button.isEnabled():
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reopen incident"), self.tr("Why is it reopened?"))
        if ok:
            self.reopen(reason)

    def reopen(self, reason: str) -> None:
        incidents, actor, incident_id = self.incidents, self.actor, self.incident_id
        self.worker.run(self,
               lambda: (incidents.reopen(actor, incident_id, reason), incidents.timeline(incident_id)),
               self._status_changed, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self._set_enabled(self.view is not None)
        if isinstance(error, ConflictError) and "changed by someone else" in str(error):
            self.message.clear_message()
            self.conflict.show()
            self.reload_button.setFocus()
            return
        self.message.show_message(error_text(error))
