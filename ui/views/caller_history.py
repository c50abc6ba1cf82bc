"""A number's history: every call and incident, counts, and the 1x24 h block flag (supervisors unblock)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import Role
from callcenter.services.base import Actor
from callcenter.services.callers import MAX_REASON, CallerHistory, CallerService, CallSummary, IncidentSummary
from ui.errors import error_text
from ui.geometry import fit_to_screen
from ui.table_model import SimpleTableModel
from ui.views.common import MessageBar, category_text, shortcut_tip
from ui.views.models import static_table
from ui.words import call_state_text, call_type_text, datetime_text, incident_status_text, wib_text
from ui.worker import DbWorker

BLOCK_KEY = "Ctrl+B"
UNBLOCK_KEY = "Ctrl+U"


class CallerHistoryDialog(QDialog):
    def __init__(self, worker: DbWorker, callers: CallerService, actor: Actor, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.callers = callers
        self.actor = actor
        self.number = number
        self.history: CallerHistory | None = None
        self.setObjectName("callerHistory")
        self.setWindowTitle(self.tr("Caller history"))
        self.setSizeGripEnabled(True)

        self.title = QLabel(self)
        self.title.setObjectName("callerTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setStyleSheet("QLabel#callerTitle { font-size: 17px; }")
        self.block_state = QLabel(self)
        self.block_state.setObjectName("blockState")
        self.block_state.setWordWrap(True)
        self.message = MessageBar(self)

        self.counts: dict[str, QLabel] = {}
        counts_box = QGroupBox(self.tr("Counts"), self)
        grid = QGridLayout(counts_box)
        labels = (("total", self.tr("All calls")), ("recent", self.tr("Last 30 days")),
                  ("prank", self.tr("Prank")), ("ghost", self.tr("Ghost")), ("incidents", self.tr("Incidents")),
                  ("first", self.tr("First call")), ("last", self.tr("Last call")))
        for column, (key, text) in enumerate(labels):
            caption = QLabel(text, counts_box)
            caption.setStyleSheet("color:#52606d;")
            value = QLabel("—", counts_box)
            value.setObjectName(f"count_{key}")
            value.setStyleSheet("font-size:15px; font-weight:600;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.counts[key] = value

        self.calls_model = SimpleTableModel(
            (self.tr("Time (WIB)"), self.tr("Status"), self.tr("Type"), self.tr("Operator"), self.tr("Incident")),
            self._call_cell, self)
        self.incidents_model = SimpleTableModel(
            (self.tr("Number"), self.tr("Opened (WIB)"), self.tr("Category"), self.tr("Priority"),
             self.tr("Status")),
            self._incident_cell, self)
        self.tabs = QTabWidget(self)
        self.calls_view = static_table(self.calls_model, self)
        self.incidents_view = static_table(self.incidents_model, self)
        self.tabs.addTab(self.calls_view, self.tr("Calls"))
        self.tabs.addTab(self.incidents_view, self.tr("Incidents"))

        self.reason = QLineEdit(self)
        self.reason.setObjectName("blockReason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Reason for the block (required), e.g. 'repeated prank calls'"))
        self.reason.returnPressed.connect(self.block)
        self.block_button = QPushButton(self.tr("Block 1x24 hours"), self)
        self.block_button.setObjectName("blockButton")
        shortcut_tip(self.block_button, self.tr("Flag this number for 24 hours (calls still ring)"), BLOCK_KEY)
        self.block_button.clicked.connect(self.block)
        self.unblock_button = QPushButton(self.tr("Unblock"), self)
        self.unblock_button.setObjectName("unblockButton")
        shortcut_tip(self.unblock_button, self.tr("Remove the block (supervisors)"), UNBLOCK_KEY)
        self.unblock_button.clicked.connect(self.unblock)
        self.unblock_button.setVisible(actor.at_least(Role.SUPERVISOR))
        done = QPushButton(self.tr("Done"), self)
        done.setToolTip(self.tr("Close this window (Esc)"))
        done.clicked.connect(self.reject)
        block_box = QGroupBox(self.tr("Block"), self)
        block_layout = QVBoxLayout(block_box)
        note = QLabel(self.tr("A block only flags the number on every desk; its calls to 112 still ring."), self)
        note.setStyleSheet("color:#52606d;")
        note.setWordWrap(True)
        block_row = QHBoxLayout()
        block_row.addWidget(self.reason, 1)
        block_row.addWidget(self.block_button)
        block_row.addWidget(self.unblock_button)
        block_layout.addWidget(self.block_state)
        block_layout.addLayout(block_row)
        block_layout.addWidget(note)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(counts_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(block_box)
        layout.addLayout(bottom)
        fit_to_screen(self, 900, 640)
        self._set_enabled(False)
        self.reload()

    # -- cells ------------------------------------------------------------------------------------------

    def _call_cell(self, row: CallSummary, column: int) -> str:
        values = (datetime_text(row.received_at), call_state_text(row.state), call_type_text(row.call_type),
                  row.operator or "", row.incident_number or "")
        return values[column]

    def _incident_cell(self, row: IncidentSummary, column: int) -> str:
        values = (row.number, datetime_text(row.created_at), category_text(row.category_id, row.category_en),
                  row.priority, incident_status_text(row.status))
        return values[column]

    # -- loading ----------------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        callers, number = self.callers, self.number
        self.worker.run(self, lambda: callers.history(number), self._loaded, self._failed)

    def _loaded(self, history: CallerHistory) -> None:
        self.history = history
        info = history.info
        shown = info.national or self.number
        details = [part for part in (info.carrier, info.area) if part]
        if not info.valid:
            details.append(self.tr("not a valid number"))
        self.setWindowTitle(self.tr("Caller history — %1").replace("%1", shown))
        self.title.setText(f"<b>{html.escape(shown)}</b>"
                           + (f' &nbsp; <span style="color:#52606d;">{html.escape(" · ".join(details))}</span>'
                              if details else ""))
        self.counts["total"].setText(str(history.call_count))
        self.counts["recent"].setText(str(history.calls_last_30_days))
        self.counts["prank"].setText(str(history.prank_count))
        self.counts["ghost"].setText(str(history.ghost_count))
        self.counts["incidents"].setText(str(len(history.incidents)))
        self.counts["first"].setText(datetime_text(history.first_seen, seconds=False) or "—")
        self.counts["last"].setText(datetime_text(history.last_seen, seconds=False) or "—")
        for key in ("prank", "ghost"):
            self.counts[key].setStyleSheet("font-size:15px; font-weight:600;"
                                           + (" color:#a1160f;" if int(self.counts[key].text()) else ""))
        self.calls_model.set_rows(history.recent_calls)
        self.incidents_model.set_rows(history.incidents)
        self.tabs.setTabText(0, self.tr("Calls (%1)").replace("%1", str(len(history.recent_calls))))
        self.tabs.setTabText(1, self.tr("Incidents (%1)").replace("%1", str(len(history.incidents))))
        if history.is_blocked(self.callers.clock()):
            self.block_state.setText(self.tr("Blocked until %1. Reason: %2")
                                     .replace("%1", wib_text(history.blocked_until, seconds=False))
                                     .replace("%2", history.block_reason or "—"))
            self.block_state.setStyleSheet("color:#a1160f; font-weight:600;")
        else:
            self.block_state.setText(self.tr("Not blocked."))
            self.block_state.setStyleSheet("color:#1b5e20;")
        self._set_enabled(True)

    def _set_enabled(self, ready: bool) -> None:
        valid = ready and self.history is not None and self.history.e164 is not None
        blocked = valid and self.history is not None and self.history.is_blocked(self.callers.clock())
        self.reason.setEnabled(valid)
        self.block_button.setEnabled(valid)
        self.unblock_button.setEnabled(bool(blocked))

    # -- actions ----------------------------------------------------------------------------------------

    @Slot()
    def block(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.message.show_message(self.tr("Write the reason for the block first."))
            self.reason.setFocus()
            return
        callers, actor, number = self.callers, self.actor, self.number
        self.worker.run(self, lambda: callers.block(actor, number, reason), lambda _until: self._changed(
self.tr("Number blocked for 24 hours.")), self._failed)

    @Slot()
    def unblock(self) -> None:
        callers, actor, number = self.callers, self.actor, self.number
        self.worker.run(self, lambda: callers.unblock(actor, number),
               lambda _none: self._changed(self.tr("Block removed.")), self._failed)

    def _changed(self, text: str) -> None:
        self.reason.clear()
        self.message.show_message(text, "ok")
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.message.show_message(error_text(error))
        self._set_enabled(self.history is not None)
