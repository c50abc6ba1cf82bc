"""Settings: the UI language (per PC) and, for admins, the caller-ID sources and the repeat-prank rule."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtNetwork import QHostInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from serial.tools import list_ports

from callcenter.cid.sources import LineState, LineStatus, parse_source_url
from callcenter.cid.sources.url import DEFAULT_BAUD
from callcenter.db.enums import Role
from callcenter.errors import ValidationError
from callcenter.services.base import Actor
from callcenter.services.desk_identity import MAX_DESK_NAME, DeskIdentity
from callcenter.services.settings import SettingsService
from callcenter.services.source_config import MAX_HOST, MAX_NAME, MAX_URL, SourceConfig, SourceConfigService
from ui.errors import core_text, error_text
from ui.preferences import LANGUAGE_KEY, LANGUAGES, local_settings
from ui.table_model import SimpleTableModel
from ui.views.common import MessageBar, shortcut_tip
from ui.worker import DbWorker

BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
SERIAL_FORMATS = ("modem", "mdmf", "callerid-com", "tci", "ncid", "auto")
TEST_SECONDS = 3.0


def serial_url(device: str, baud: int = DEFAULT_BAUD, fmt: str = "modem") -> str:
    """serial:///dev/ttyUSB0?baud=1200&format=modem, or serial://COM3?... on Windows."""
    return f"serial://{device}?baud={baud}&format={fmt}"  # a device path brings its own third slash


class SettingsDialog(QDialog):
    language_changed = Signal(str)
    sources_changed = Signal()
    desk_renamed = Signal(str)

    def __init__(self, worker: DbWorker, sources: SourceConfigService, settings: SettingsService, actor: Actor,
                 language: str, parent: QWidget | None = None, *, desk: DeskIdentity | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.worker = worker
        self.sources = sources
        self.settings = settings
        self.actor = actor
        self.language = language
        self.editing: SourceConfig | None = None
        self.last_test: LineState | None = None
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Settings"))
        self.setSizeGripEnabled(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._language_tab(), self.tr("Language"))
        self.is_admin = actor.at_least(Role.ADMIN)
        if self.is_admin:
            self.tabs.addTab(self._sources_tab(), self.tr("Caller-ID sources"))
            self.tabs.addTab(self._prank_tab(), self.tr("Prank rule"))
        done = QPushButton(self.tr("Done"), self)
        done.setToolTip(self.tr("Close this window (Esc)"))
        done.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        if self.is_admin:
            self.resize(900, 640)
        else:
            self.resize(560, 220)
        if self.is_admin:
            self.reload_sources()
            self.reload_prank_rule()
            self.refresh_ports()

    # -- language ---------------------------------------------------------------------------------------

    def _language_tab(self) -> QWidget:
        page = QWidget(self)
        self.language_box = QComboBox(page)
        self.language_box.setObjectName("language")
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.language)))
        self.language_box.currentIndexChanged.connect(self._language_picked)
        hint = QLabel(self.tr("The language is remembered on this computer for every operator."), page)
        hint.setStyleSheet("color:#52606d;")
        hint.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Language of the console"), self.language_box)
        form.addRow(hint)
        if self.desk is not None:
            self.desk_name = QLineEdit(self.desk.name, page)
            self.desk_name.setObjectName("deskName")
            self.desk_name.setMaxLength(MAX_DESK_NAME)
            rename = QPushButton(self.tr("Rename the desk"), page)
            rename.clicked.connect(self.rename_desk)
            self.desk_name.returnPressed.connect(self.rename_desk)
            row = QHBoxLayout()
            row.addWidget(self.desk_name, 1)
            row.addWidget(rename)
            form.addRow(self.tr("This console's desk"), row)
            self.desk_message = MessageBar(page)
            form.addRow(self.desk_message)
        return page

    def rename_desk(self) -> None:
        """Another desk name for this console (two consoles on one PC are two desks, each with its own name)."""
        assert self.desk is not None
        name = self.desk_name.text().strip()
        if name == self.desk.name:
            return
        try:
            self.desk.rename(name)
        except (ValidationError, OSError) as exc:
            self.desk_message.show_message(error_text(exc))
            return
        self.desk_message.show_message(self.tr("This console is now desk %1.").replace("%1", self.desk.name), "ok")
        self.desk_renamed.emit(self.desk.name)

    def _language_picked(self) -> None:
        code = self.language_box.currentData()
        if code == self.language:
            return
        self.language = code
        local_settings().setValue(LANGUAGE_KEY, code)
        self.language_changed.emit(code)

    # -- caller-ID sources ------------------------------------------------------------------------------

    def _sources_tab(self) -> QWidget:
        page = QWidget(self)
        self.source_message = MessageBar(page)
        self.source_model = SimpleTableModel(
            (self.tr("Name"), self.tr("URL"), self.tr("Desk"), self.tr("Enabled")), self._source_cell, page)
        self.source_view = QTableView(page)
        self.source_view.setObjectName("sourceTable")
        self.source_view.setModel(self.source_model)
        self.source_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.source_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.source_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.source_view.verticalHeader().hide()
        header = self.source_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.source_view.activated.connect(lambda _index: self.edit_selected())

        self.new_button = QPushButton(self.tr("New"), page)
        shortcut_tip(self.new_button, self.tr("Add a new source"), "Ctrl+N")
        self.new_button.clicked.connect(self.new_source)
        self.edit_button = QPushButton(self.tr("Edit"), page)
        shortcut_tip(self.edit_button, self.tr("Edit the selected source"), "Ctrl+E")
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button = QPushButton(self.tr("Enable/disable"), page)
        self.toggle_button.setObjectName("toggleButton")
        shortcut_tip(self.toggle_button, self.tr("Switch the selected source on or off"), "Ctrl+D")
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.remove_button = QPushButton(self.tr("Remove"), page)
        shortcut_tip(self.remove_button, self.tr("Remove the selected source"), "Ctrl+Del")
        self.remove_button.clicked.connect(self.remove_selected)
        list_buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.toggle_button, self.remove_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)

        self.editor = QGroupBox(self.tr("New source"), page)
        self.name = QLineEdit(self.editor)
        self.name.setObjectName("sourceName")
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("e.g. 112 line modem"))
        self.url = QLineEdit(self.editor)
        self.url.setObjectName("sourceUrl")
        self.url.setMaxLength(MAX_URL)
        self.url.setPlaceholderText("serial://COM3?baud=1200&format=modem · tcp://10.0.0.5:3333 · "
                                    "udp://0.0.0.0:3520 · ami://user:secret@10.0.0.6 · sim://?rate=0.2")
        self.url.textChanged.connect(self._check_url)
        self.url_state = QLabel(self.editor)
        self.url_state.setObjectName("urlState")
        self.url_state.setWordWrap(True)
        self.url_state.setTextFormat(Qt.TextFormat.PlainText)
        self.host = QLineEdit(self.editor)
        self.host.setObjectName("sourceHost")
        self.host.setMaxLength(MAX_HOST)
        self.host.setPlaceholderText(self.tr("(every desk)"))
        this_pc = QPushButton(self.tr("This computer"), self.editor)
        this_pc.setToolTip(self.tr("Only this computer (%1) opens the source").replace(
            "%1", QHostInfo.localHostName()))
        this_pc.clicked.connect(lambda: self.host.setText(QHostInfo.localHostName()))
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        host_row.addWidget(this_pc)

        self.port_box = QComboBox(self.editor)
        self.port_box.setObjectName("serialPorts")
        self.port_box.setMinimumContentsLength(18)
        self.baud_box = QComboBox(self.editor)
        self.baud_box.setObjectName("baud")
        for baud in BAUDS:
            self.baud_box.addItem(str(baud), baud)
        self.format_box = QComboBox(self.editor)
        self.format_box.setObjectName("serialFormat")
        for fmt in SERIAL_FORMATS:
            self.format_box.addItem(fmt, fmt)
        refresh = QPushButton(self.tr("Refresh"), self.editor)
        refresh.setToolTip(self.tr("Look for serial ports again (after plugging in a USB adapter)"))
        refresh.clicked.connect(self.refresh_ports)
        self.use_port = QPushButton(self.tr("Use this port"), self.editor)
        self.use_port.setObjectName("usePort")
        self.use_port.setToolTip(self.tr("Fill in the URL for the chosen serial port"))
        self.use_port.clicked.connect(self.use_serial_port)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port_box, 2)
        port_row.addWidget(QLabel(self.tr("Baud"), self.editor))
        port_row.addWidget(self.baud_box)
        port_row.addWidget(QLabel(self.tr("Format"), self.editor))
        port_row.addWidget(self.format_box)
        port_row.addWidget(refresh)
        port_row.addWidget(self.use_port)

        self.test_button = QPushButton(self.tr("Test"), self.editor)
        self.test_button.setObjectName("testButton")
        shortcut_tip(self.test_button, self.tr("Open the source for a few seconds and report whether it works"),
                     "Ctrl+T")
        self.test_button.clicked.connect(self.test_source)
        self.test_state = QLabel(self.editor)
        self.test_state.setObjectName("testState")
        self.test_state.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save source"), self.editor)
        self.save_button.setObjectName("saveSource")
        shortcut_tip(self.save_button, self.tr("Save the source"), "Ctrl+S")
        self.save_button.clicked.connect(self.save_source)
        action_row = QHBoxLayout()
        action_row.addWidget(self.test_button)
        action_row.addWidget(self.test_state, 1)
        action_row.addWidget(self.save_button)

        form = QFormLayout(self.editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Serial port"), port_row)
        form.addRow(self.tr("URL"), self.url)
        form.addRow("", self.url_state)
        form.addRow(self.tr("Desk"), host_row)
        form.addRow(action_row)

        layout = QVBoxLayout(page)
        layout.addWidget(self.source_message)
        layout.addWidget(self.source_view, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(self.editor)
        self.source_view.setMinimumHeight(120)
        self._check_url()
        return page

    def _source_cell(self, row: SourceConfig, column: int) -> str:
        values = (row.name, row.display, row.host or self.tr("(every desk)"),
                  self.tr("yes") if row.enabled else self.tr("no"))
        return values[column]

    @Slot()
    def reload_sources(self) -> None:
        sources = self.sources
        self.worker.run(self, sources.list, self._sources_loaded, self._source_failed)

    def _sources_loaded(self, rows: list[SourceConfig]) -> None:
        selected = self.selected_source()
        self.source_model.set_rows(rows)
        for position, row in enumerate(rows):
            if selected is not None and row.id == selected.id:
                self.source_view.selectRow(position)

    def selected_source(self) -> SourceConfig | None:
        index = self.source_view.currentIndex()
        row = self.source_model.row_at(index.row()) if index.isValid() else None
        return row if isinstance(row, SourceConfig) else None

    @Slot()
    def refresh_ports(self) -> None:
        """Serial ports as pyserial sees them (COM3 on Windows, /dev/ttyUSB0 on Linux)."""
        self.port_box.clear()
        for port in sorted(list_ports.comports(), key=lambda p: p.device):
            description = port.description if port.description and port.description != "n/a" else ""
            self.port_box.addItem(f"{port.device} — {description}" if description else port.device, port.device)
        if not self.port_box.count():
            self.port_box.addItem(self.tr("(no serial port found)"), None)
        self.use_port.setEnabled(self.port_box.currentData() is not None)

    def serial_ports(self) -> list[str]:
        return [self.port_box.itemData(i) for i in range(self.port_box.count()) if self.port_box.itemData(i)]

    @Slot()
    def use_serial_port(self) -> None:
        device = self.port_box.currentData()
        if not device:
            return
        self.url.setText(serial_url(device, self.baud_box.currentData(), self.format_box.currentData()))
        if not self.name.text().strip():
            self.name.setText(self.tr("Modem %1").replace("%1", device))

    def _check_url(self) -> bool:
        text = self.url.text().strip()
        if not text:
            self.url_state.setText(self.tr("Give the source's URL, or pick a serial port above."))
            self.url_state.setStyleSheet("color:#52606d;")
            return False
        try:
            spec = parse_source_url(text)
        except ValueError as exc:
            self.url_state.setText(core_text(str(exc)))
            self.url_state.setStyleSheet("color:#a1160f;")
            return False
        self.url_state.setText(self.tr("Valid: %1").replace("%1", spec.display))
        self.url_state.setStyleSheet("color:#1b5e20;")
        return True

    @Slot()
    def new_source(self) -> None:
        self.editing = None
        self.editor.setTitle(self.tr("New source"))
        self.name.clear()
        self.url.clear()
        self.host.clear()
        self.test_state.clear()
        self.name.setFocus()

    @Slot()
    def edit_selected(self) -> None:
        row = self.selected_source()
        if row is None:
            return
        self.editing = row
        self.editor.setTitle(self.tr("Edit source: %1").replace("%1", row.name))
        self.name.setText(row.name)
        # A stored secret (AMI password) is never put on the screen: the field shows the display form, and
        # saving or testing it unchanged uses the stored URL.
        self.url.setText(row.display if row.display != "(invalid URL)" else row.url)
        self.host.setText(row.host or "")
        self.test_state.clear()
        self.name.setFocus()

    @Slot()
    def effective_url(self) -> str:
        """The URL to save or test: the stored one when the field still shows its (password-free) display form."""
        text = self.url.text().strip()
        if self.editing is not None and text == self.editing.display:
            return self.editing.url
        return text

    def save_source(self) -> None:
        self.source_message.clear_message()
        sources, actor = self.sources, self.actor
        name, url, host = self.name.text(), self.effective_url(), self.host.text()
        editing = self.editing
        if editing is None:
            self.worker.run(self, lambda: sources.add(actor, name, url, host), lambda _id: self._source_saved(),
                   self._source_failed)
        else:
            self.worker.run(self, lambda: sources.update(actor, editing.id, name=name, url=url, host=host),
                   lambda _none: self._source_saved(), self._source_failed)

    def _source_saved(self) -> None:
        self.source_message.show_message(self.tr("Source saved. The desks reconnect their lines."), "ok")
        self.new_source()
        self.reload_sources()
        self.sources_changed.emit()

    @Slot()
    def toggle_selected(self) -> None:
        row = self.selected_source()
        if row is None:
            return
        sources, actor = self.sources, self.actor
        self.worker.run(self, lambda: sources.set_enabled(actor, row.id, not row.enabled),
               lambda _none: self._source_done(), self._source_failed)

    @Slot()
    def remove_selected(self) -> None:
        row = self.selected_source()
        if row is None:
            return
        sources, actor = self.sources, self.actor
        self.worker.run(self, lambda: sources.remove(actor, row.id), lambda _none: self._source_done(),
               self._source_failed)

    def _source_done(self) -> None:
        self.source_message.clear_message()
        self.reload_sources()
        self.sources_changed.emit()

    def _source_failed(self, error: BaseException) -> None:
        self.source_message.show_message(error_text(error))

    @Slot()
    def test_source(self) -> None:
        if not self._check_url():
            self.source_message.show_message(self.url_state.text())
            return
        url = self.effective_url()
        sources = self.sources
        self.test_button.setEnabled(False)
        self.test_state.setStyleSheet("color:#52606d;")
        self.test_state.setText(self.tr("Testing for up to %1 seconds…").replace("%1", f"{TEST_SECONDS:g}"))
        self.worker.run(self, lambda: sources.test(url, TEST_SECONDS), self._tested, self._test_failed)

    def _tested(self, state: LineState) -> None:
        self.last_test = state
        self.test_button.setEnabled(True)
        if state.status is LineStatus.UP:
            self.test_state.setText(self.tr("Works: the line is up."))
            self.test_state.setStyleSheet("color:#1b5e20; font-weight:600;")
        else:
            self.test_state.setText(self.tr("Does not work: %1").replace("%1", core_text(state.reason or "?")))
            self.test_state.setStyleSheet("color:#a1160f; font-weight:600;")

    def _test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_state.clear()
        self.source_message.show_message(error_text(error))

    # -- prank rule -------------------------------------------------------------------------------------

    def _prank_tab(self) -> QWidget:
        page = QWidget(self)
        self.prank_message = MessageBar(page)
        self.prank_count = QSpinBox(page)
        self.prank_count.setRange(1, 100)
        self.prank_window = QSpinBox(page)
        self.prank_window.setRange(1, 24 * 30)
        self.prank_window.setSuffix(self.tr(" hours"))
        self.prank_block = QSpinBox(page)
        self.prank_block.setRange(1, 24 * 30)
        self.prank_block.setSuffix(self.tr(" hours"))
        for spin in (self.prank_count, self.prank_window, self.prank_block):
            spin.setMaximumWidth(160)
        save = QPushButton(self.tr("Save rule"), page)
        save.setToolTip(self.tr("Save the repeat-prank rule for every desk"))
        save.clicked.connect(self.save_prank_rule)
        explanation = QLabel(self.tr(
            "A number that makes this many prank or ghost calls within the window is flagged (blocked) "
            "automatically. Its calls still ring; every desk sees the flag."), page)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color:#52606d;")
        form = QFormLayout()
        form.addRow(self.tr("Prank/ghost calls"), self.prank_count)
        form.addRow(self.tr("Within"), self.prank_window)
        form.addRow(self.tr("Block for"), self.prank_block)
        layout = QVBoxLayout(page)
        layout.addWidget(self.prank_message)
        layout.addWidget(explanation)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def reload_prank_rule(self) -> None:
        settings = self.settings
        self.worker.run(self, lambda: settings.get("prank_rule"), self._prank_loaded,
               lambda error: self.prank_message.show_message(error_text(error)))

    def _prank_loaded(self, rule: dict[str, Any]) -> None:
        self.prank_count.setValue(int(rule["count"]))
        self.prank_window.setValue(int(float(rule["window_hours"])))
        self.prank_block.setValue(int(float(rule["block_hours"])))

    @Slot()
    def save_prank_rule(self) -> None:
        rule = {"count": self.prank_count.value(), "window_hours": self.prank_window.value(),
                "block_hours": self.prank_block.value()}
        settings, actor = self.settings, self.actor
        self.worker.run(self, lambda: settings.set(actor, "prank_rule", rule),
               lambda _none: self.prank_message.show_message(self.tr("Rule saved."), "ok"),
               lambda error: self.prank_message.show_message(error_text(error)))
