""""Teruskan": forward an incident to agencies and units, choosing the delivery channels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter.db.enums import DeliveryChannel, UnitStatus
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.dispatch_types import DispatchView, Suggestions, UnitBusy
from ui.columns import fit_columns
from ui.dispatch.common import UNIT_COLOURS, tr
from ui.dispatch.manual import ManualDeliveries
from ui.errors import error_text
from ui.geometry import fit_to_screen
from ui.words import channel_text, km_text, unit_status_text, unit_type_text
from ui.worker import DbWorker

UNIT_ROLE = Qt.ItemDataRole.UserRole


def distance_text(km: float | None) -> str:
    return "-" if km is None else km_text(km)


class DispatchDialog(QDialog):
    """Agencies (the category's defaults ticked), units (the nearest free unit of each default agency ticked),
    channels and a note; Ctrl+Enter forwards. A busy unit is only assigned after the operator confirms."""

    forwarded = Signal(list)  # list[DispatchView]

    def __init__(self, worker: DbWorker, dispatch: DispatchService, actor: Actor, incident_id: int,
                 parent: QWidget | None = None, *, manual: ManualDeliveries | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.dispatch = dispatch
        self.actor = actor
        self.incident_id = incident_id
        self.manual = manual
        """The desk's deliveries (slip, WhatsApp): they outlive this dialog."""
        self.suggestions: Suggestions | None = None
        self.result_views: list[DispatchView] = []
        self.setWindowTitle(tr("Forward incident"))
        self.setMinimumSize(760, 500)

        self.header = QLabel(tr("Loading…"), self)
        header_font = QFont(self.header.font())
        header_font.setPointSizeF(header_font.pointSizeF() * 1.25)
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.location = QLabel(self)
        self.location.setWordWrap(True)

        self.agencies = QListWidget(self)
        self.agencies.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agencies.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agencies.setProperty("wrapping", True)
        self.agencies.setWordWrap(True)  # a long official name wraps rather than losing its end
        self.agencies.setResizeMode(QListView.ResizeMode.Adjust)  # and wraps again when the dialog is resized
        self.agencies.itemChanged.connect(self._update_channels)
        agency_box = QGroupBox(tr("&Agencies"), self)
        agency_label = QLabel(tr("Space ticks or unticks. Ticked agencies with no unit ticked are notified as "
                                 "an agency."), agency_box)
        agency_label.setWordWrap(True)
        agency_layout = QVBoxLayout(agency_box)
        agency_layout.addWidget(self.agencies)
        agency_layout.addWidget(agency_label)

        self.units = QTreeWidget(self)
        self.units.setColumnCount(6)
        self.units.setHeaderLabels([tr("Unit"), tr("Type"), tr("Agency"), tr("Status"), tr("Distance"),
                                    tr("On incident")])
        self.units.setRootIsDecorated(False)
        self.units.setAlternatingRowColors(True)
        # Unit, status, distance and its incident show whole; type and agency give way (each cell's tooltip).
        fit_columns(self.units, whole={0: None, 3: [unit_status_text(status) for status in UnitStatus],
                                       4: [distance_text(99.9)], 5: ["112/2026/000000"]}, elide=[1, 2])
        self.units.itemChanged.connect(self._update_channels)
        unit_box = QGroupBox(tr("U&nits (nearest first)"), self)
        unit_layout = QVBoxLayout(unit_box)
        unit_layout.addWidget(self.units)

        self.channel_boxes: dict[DeliveryChannel, QCheckBox] = {}
        channel_box = QGroupBox(tr("Deliver by"), self)
        channel_layout = QHBoxLayout(channel_box)
        for channel, keys in ((DeliveryChannel.PRINT, "Alt+1"), (DeliveryChannel.WHATSAPP, "Alt+2"),
                              (DeliveryChannel.EMAIL, "Alt+3"), (DeliveryChannel.WEBHOOK, "Alt+4")):
            box = QCheckBox(channel_text(channel), channel_box)
            box.setShortcut(QKeySequence(keys))
            box.setToolTip(f"{channel_text(channel)} ({keys})")
            channel_layout.addWidget(box)
            self.channel_boxes[channel] = box
        channel_layout.addStretch(1)
        self.channel_boxes[DeliveryChannel.PRINT].setChecked(True)
        self.channel_boxes[DeliveryChannel.WHATSAPP].setChecked(True)
        self.channel_hint = QLabel(self)
        self.channel_hint.setWordWrap(True)
        self.channel_hint.setStyleSheet("color: #b45309;")

        self.note = QLineEdit(self)
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(tr("Note for the record (optional), e.g. \"confirmed by phone with the duty "
                                        "officer\""))
        note_label = QLabel(tr("N&ote:"), self)
        note_label.setBuddy(self.note)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(self)
        self.forward_button = self.buttons.addButton(tr("Forward"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.forward_button.setToolTip(tr("Forward to the ticked agencies and units (Ctrl+Enter)"))
        self.forward_button.setDefault(True)
        self.forward_button.setEnabled(False)
        cancel = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip(tr("Close without forwarding (Esc)"))
        self.forward_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        QShortcut(QKeySequence("Alt+A"), self, self.agencies.setFocus)
        QShortcut(QKeySequence("Alt+N"), self, self.units.setFocus)

        lists = QGridLayout()
        lists.addWidget(agency_box, 0, 0)
        lists.addWidget(unit_box, 0, 1)
        lists.setColumnStretch(0, 2)
        lists.setColumnStretch(1, 3)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.location)
        layout.addLayout(lists, 1)
        layout.addWidget(channel_box)
        layout.addWidget(self.channel_hint)
        layout.addLayout(note_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 1240, 700)

        self.worker.run(self, lambda: self.dispatch.suggestions(incident_id), self._show, self._load_failed)

    # -- loading ---------------------------------------------------------------------------------------------
    def _show(self, hints: Suggestions) -> None:
        self.suggestions = hints
        self.header.setText(tr("Forward %1 — %2 (%3)").replace("%1", hints.incident_number)
                            .replace("%2", hints.category_name).replace("%3", hints.priority))
        self.location.setText(tr("Location: %1").replace("%1", hints.location))
        self.agencies.blockSignals(True)
        self.units.blockSignals(True)
        for agency in hints.agencies:
            label = agency.short_name + ("  ★ " + tr("default") if agency.default else "") + f" — {agency.name}"
            item = QListWidgetItem(label, self.agencies)
            item.setToolTip(agency.name + ("\n" + tr("Default agency for this category") if agency.default else ""))
            item.setData(UNIT_ROLE, agency.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if agency.default else Qt.CheckState.Unchecked)
            if agency.default:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        for unit in hints.units:
            row_item = QTreeWidgetItem(self.units, [unit.call_sign, unit_type_text(unit.unit_type), unit.agency_short,
                                                unit_status_text(unit.status), distance_text(unit.distance_km),
                                                unit.incident_number or ""])
            row_item.setToolTip(1, unit_type_text(unit.unit_type))
            row_item.setToolTip(2, unit.agency_short)
            row_item.setData(0, UNIT_ROLE, unit.id)
            row_item.setFlags(row_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row_item.setCheckState(0, Qt.CheckState.Checked if unit.suggested else Qt.CheckState.Unchecked)
            row_item.setForeground(3, QBrush(UNIT_COLOURS[unit.status]))
            if unit.suggested:
                row_item.setText(0, unit.call_sign + "  ★")
                row_item.setToolTip(0, tr("Nearest available unit of a default agency"))
                for column in range(6):
                    font = row_item.font(column)
                    font.setBold(True)
                    row_item.setFont(column, font)
            if unit.status is not UnitStatus.AVAILABLE:
                row_item.setToolTip(3, tr("Busy: you will be asked to confirm before it is assigned"))
        self.agencies.blockSignals(False)
        self.units.blockSignals(False)
        first = self.units.topLevelItem(0)
        if first is not None:
            self.units.setCurrentItem(first)
        self.agencies.setCurrentRow(0)
        for channel in (DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK):
            wanted = [a for a in hints.agencies if a.default]
            has = all((a.email if channel is DeliveryChannel.EMAIL else a.webhook_url) for a in wanted)
            self.channel_boxes[channel].setChecked(bool(wanted) and has)
        for box in self.channel_boxes.values():
            box.toggled.connect(self._update_channels)
        self.forward_button.setEnabled(True)
        self._update_channels()
        self.units.setFocus()

    def _load_failed(self, exc: BaseException) -> None:
        self.header.setText(tr("Cannot forward"))
        self.status.setText(error_text(exc))

    # -- choices -----------------------------------------------------------------------------------------------
    def chosen_agencies(self) -> list[int]:
        return [int(self.agencies.item(row).data(UNIT_ROLE)) for row in range(self.agencies.count())
                if self.agencies.item(row).checkState() == Qt.CheckState.Checked]

    def chosen_units(self) -> list[int]:
        return [int(item.data(0, UNIT_ROLE)) for item in
                (self.units.topLevelItem(row) for row in range(self.units.topLevelItemCount()))
                if item is not None and item.checkState(0) == Qt.CheckState.Checked]

    def chosen_channels(self) -> list[DeliveryChannel]:
        return [channel for channel, box in self.channel_boxes.items() if box.isChecked()]

    def _update_channels(self, *_args: object) -> None:
        if self.suggestions is None:
            return
        units = {u.id: u for u in self.suggestions.units}
        agency_ids = set(self.chosen_agencies()) | {units[u].agency_id for u in self.chosen_units()}
        agencies = [a for a in self.suggestions.agencies if a.id in agency_ids]
        missing = []
        if self.channel_boxes[DeliveryChannel.EMAIL].isChecked():
            missing += [tr("%1 has no e-mail address").replace("%1", a.short_name) for a in agencies if not a.email]
        if self.channel_boxes[DeliveryChannel.WEBHOOK].isChecked():
            missing += [tr("%1 has no webhook").replace("%1", a.short_name) for a in agencies if not a.webhook_url]
        if self.channel_boxes[DeliveryChannel.WHATSAPP].isChecked():
            no_number = [a.short_name for a in agencies if not a.whatsapp]
            if no_number:
                missing.append(tr("no WhatsApp number for %1: the text is copied, choose the chat yourself")
                               .replace("%1", ", ".join(no_number)))
        self.channel_hint.setText("; ".join(missing))

    # -- forwarding ------------------------------------------------------------------------------------------
    def submit(self, confirm_busy: bool = False) -> None:
        if self.suggestions is None or not self.forward_button.isEnabled():
            return
        agencies, units, channels = self.chosen_agencies(), self.chosen_units(), self.chosen_channels()
        if not agencies and not units:
            self.status.setText(tr("Tick at least one agency or unit."))
            return
        note = self.note.text().strip() or None
        self.forward_button.setEnabled(False)
        self.status.setText(tr("Forwarding…"))
        self.worker.run(self,
            lambda: self.dispatch.forward(self.actor, self.incident_id, agencies, units, channels,
                                          confirm_busy=confirm_busy, note=note),
            self._done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.forward_button.setEnabled(True)
        if isinstance(exc, UnitBusy):
            self.status.clear()
            lines = [tr("%1 is %2").replace("%1", unit.call_sign).replace("%2", unit_status_text(unit.status))
                     + (tr(" on %1").replace("%1", unit.incident_number) if unit.incident_number else "")
                     for unit in exc.units]
            answer = QMessageBox.warning(
                self, tr("Unit already busy"),
                "\n".join(lines) + "\n\n" + tr("Assign it to this incident anyway? It will leave its current "
                                              "status for this incident."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.submit(confirm_busy=True)
            return
        self.status.setText(error_text(exc))

    def _done(self, views: list[DispatchView]) -> None:
        self.result_views = views
        self.status.clear()
        self.forwarded.emit(views)
        if self.manual is not None:
            self.manual.deliver(views)  # the desk's part goes on after this dialog has closed
        self.accept()
