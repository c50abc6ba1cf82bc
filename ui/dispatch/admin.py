"""Admin dialogs: agencies (contact addresses, default categories) and units (call sign, type, home base)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callcenter.errors import ValidationError
from callcenter.forwarding.channels import SMTP_SETTING, SmtpSettings, smtp_password, store_smtp_password
from callcenter.services.agency_admin import AgencyAdminService, AgencyInput, AgencyRecord, UnitInput
from callcenter.services.base import Actor
from callcenter.services.dispatch_types import (
    AGENCY_KINDS,
    UNIT_TYPES,
    UnitBoardRow,
    check_email,
    check_url,
    check_whatsapp,
)
from callcenter.services.settings import SettingsService
from ui.dispatch.common import tr
from ui.errors import core_text, error_text
from ui.form_widgets import fill_worded, set_worded, worded_value
from ui.geometry import fit_to_screen
from ui.words import agency_kind_text, unit_type_text
from ui.worker import DbWorker

ID_ROLE = Qt.ItemDataRole.UserRole
ERROR_STYLE = "color: #b91c1c;"


class _AdminDialog(QDialog):
    """A list on the left, a form on the right, per-field messages under each field; Ctrl+S saves,
    Ctrl+N starts a new entry."""

    def __init__(self, worker: DbWorker, admin: AgencyAdminService, actor: Actor, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.admin = admin
        self.actor = actor
        self.current_id: int | None = None
        self._pending_status: str | None = None
        self.setWindowTitle(title)
        self.setMinimumSize(760, 500)
        self.list = QListWidget(self)
        self.list.setProperty("wrapping", True)
        self.list.setWordWrap(True)  # a long official name wraps instead of hiding its end
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # and wraps again when a scroll bar appears
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._selected)
        self.new_button = QPushButton(tr("New (Ctrl+N)"), self)
        self.new_button.clicked.connect(self.new)
        self.delete_button = QPushButton(tr("Delete…"), self)
        self.delete_button.setToolTip(tr("Delete an entry made by mistake; one with history is made inactive "
                                         "instead (Ctrl+Del)"))
        self.delete_button.clicked.connect(self.delete)
        QShortcut(QKeySequence("Ctrl+Del"), self, self.delete)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.new_button)
        left_buttons.addWidget(self.delete_button)
        left_layout.addLayout(left_buttons)
        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.errors: dict[str, QLabel] = {}
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.form_widget)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 780])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(tr("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setToolTip(tr("Save this entry (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        close = self.buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setToolTip(tr("Close (Esc)"))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 1100, 640)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        error = QLabel(self.form_widget)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        box = QWidget(self.form_widget)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(label, self.form_widget)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)

    def show_problem(self, name: str, text: str | None) -> None:
        label = self.errors.get(name)
        if label is None:
            return
        label.setText(core_text(text) if text else "")
        label.setVisible(bool(text))

    def clear_problems(self) -> None:
        for name in self.errors:
            self.show_problem(name, None)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.clear_problems()
            shown = False
            for name, text in exc.problems.items():
                if name in self.errors:
                    self.show_problem(name, text)
                    shown = True
            self.status.setText(tr("Not saved: correct the fields marked in red.") if shown else error_text(exc))
        else:
            self.status.setText(error_text(exc))
        self.status.setStyleSheet(ERROR_STYLE)

    def _saved_message(self, name: str) -> None:
        self.save_button.setEnabled(True)
        self.clear_problems()
        self.status.setStyleSheet("color: #15803d;")
        self.status.setText(tr("Saved: %1").replace("%1", name))

    def _selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.load(int(current.data(ID_ROLE)))

    def _fill_list(self, entries: list[tuple[str, int, bool]], select: int | None) -> None:
        """The list of (label, id, active) entries, ``select`` (else the first) chosen, the list in focus."""
        self.list.blockSignals(True)
        self.list.clear()
        for label, entry_id, active in entries:
            item = QListWidgetItem(label + ("" if active else "  " + tr("(inactive)")), self.list)
            item.setData(ID_ROLE, entry_id)
        self.list.blockSignals(False)
        target = select if select is not None else (entries[0][1] if entries else None)
        if target is not None:
            self.select_id(target)
        self.list.setFocus()
        self._show_pending()

    def select_id(self, entry_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == entry_id:
                self.list.setCurrentRow(row)
                return

    def delete(self) -> None:
        entry_id = self.current_id
        item = self.list.currentItem()
        if entry_id is None or item is None:
            return
        answer = QMessageBox.question(self, self.windowTitle(), tr("Delete %1?").replace("%1", item.text()),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(_result: object) -> None:
            self.current_id = None
            self._pending_status = tr("Deleted.")
            self.reload()

        self.worker.run(self, lambda: self.delete_entry(entry_id), deleted, self._failed)

    def delete_entry(self, entry_id: int) -> None:
        raise NotImplementedError

    def _show_pending(self) -> None:
        """A message that must survive the reload's selection (which clears the status line)."""
        if self._pending_status:
            self.status.setStyleSheet("color: #15803d;")
            self.status.setText(self._pending_status)
            self._pending_status = None

    def reload(self) -> None:
        raise NotImplementedError

    def new(self) -> None:
        raise NotImplementedError

    def load(self, entry_id: int) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError


class AgencyAdminDialog(_AdminDialog):
    def __init__(self, worker: DbWorker, admin: AgencyAdminService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(worker, admin, actor, tr("Agencies"), parent)
        self.records: dict[int, AgencyRecord] = {}
        self.code = QLineEdit(self)
        self.code.setMaxLength(40)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.short_name = QLineEdit(self)
        self.short_name.setMaxLength(40)
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        fill_worded(self.kind, AGENCY_KINDS, agency_kind_text)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("(0264) 200113")
        self.whatsapp = QLineEdit(self)
        self.whatsapp.setPlaceholderText("0812-3456-7890")
        self.email = QLineEdit(self)
        self.email.setPlaceholderText("posko@damkar.purwakartakab.go.id")
        self.webhook = QLineEdit(self)
        self.webhook.setPlaceholderText("https://server.instansi.go.id/eido")
        self.categories = QListWidget(self)
        self.categories.setMaximumHeight(170)
        self.categories.setProperty("wrapping", True)
        self.categories.setWordWrap(True)
        self.categories.setResizeMode(QListView.ResizeMode.Adjust)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.active = QCheckBox(tr("Active (offered when forwarding)"), self)
        for name, label, widget in (("code", tr("&Code"), self.code), ("name", tr("&Name"), self.name),
                                    ("short_name", tr("S&hort name"), self.short_name),
                                    ("kind", tr("&Kind"), self.kind), ("phone", tr("&Phone"), self.phone),
                                    ("whatsapp", tr("&WhatsApp"), self.whatsapp),
                                    ("email", tr("&E-mail"), self.email),
                                    ("webhook_url", tr("Web&hook URL"), self.webhook),
                                    ("category_ids", tr("Default for\ncategories"), self.categories),
                                    ("active", "", self.active)):
            self.add_field(name, label, widget)
        # Checked as the admin leaves the field, so a typo is seen at once (the service checks again on save).
        for name, field, check in (("whatsapp", self.whatsapp, check_whatsapp), ("email", self.email, check_email),
                                   ("webhook_url", self.webhook, check_url)):
            field.editingFinished.connect(lambda n=name, f=field, c=check: self._check(n, f, c))
        self.reload()

    def reload(self) -> None:
        self.worker.run(self, lambda: (self.admin.agencies(), self.admin.categories()), self._loaded, self._failed)

    def delete_entry(self, entry_id: int) -> None:
        self.admin.delete_agency(self.actor, entry_id)

    def _check(self, name: str, field: QLineEdit, check: Any) -> None:
        try:
            check(field.text())
        except ValueError as exc:
            self.show_problem(name, str(exc))
        else:
            self.show_problem(name, None)

    def _loaded(self, result: tuple[list[AgencyRecord], list[tuple[int, str, str]]], select: int | None = None) -> None:
        records, categories = result
        self.records = {record.id: record for record in records}
        if not self.categories.count():
            for category_id, _code, name in categories:
                item = QListWidgetItem(name, self.categories)
                item.setData(ID_ROLE, category_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        self._fill_list([(f"{record.short_name} — {record.name}", record.id, record.active) for record in records],
                        select)

    def new(self) -> None:
        self.current_id = None
        self.list.clearSelection()
        for field in (self.code, self.name, self.short_name, self.phone, self.whatsapp, self.email, self.webhook):
            field.clear()
        set_worded(self.kind, "lainnya")
        self.active.setChecked(True)
        for row in range(self.categories.count()):
            self.categories.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.clear_problems()
        self.status.clear()
        self.code.setFocus()

    def load(self, entry_id: int) -> None:
        record = self.records.get(entry_id)
        if record is None:
            return
        self.current_id = entry_id
        self.code.setText(record.code)
        self.name.setText(record.name)
        self.short_name.setText(record.short_name)
        set_worded(self.kind, record.kind)
        self.phone.setText(record.phone or "")
        self.whatsapp.setText("+" + record.whatsapp if record.whatsapp else "")
        self.email.setText(record.email or "")
        self.webhook.setText(record.webhook_url or "")
        for field in (self.name, self.email, self.webhook):
            field.setCursorPosition(0)  # long texts show their beginning
        self.active.setChecked(record.active)
        chosen = set(record.category_ids)
        for row in range(self.categories.count()):
            item = self.categories.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in chosen else Qt.CheckState.Unchecked)
        self.clear_problems()
        self.status.clear()

    def form_input(self) -> AgencyInput:
        return AgencyInput(
            code=self.code.text(), name=self.name.text(), short_name=self.short_name.text(),
            kind=worded_value(self.kind), phone=self.phone.text(), whatsapp=self.whatsapp.text(),
            email=self.email.text(), webhook_url=self.webhook.text(), active=self.active.isChecked(),
            category_ids=[int(self.categories.item(row).data(ID_ROLE)) for row in range(self.categories.count())
                          if self.categories.item(row).checkState() == Qt.CheckState.Checked])

    def save(self) -> None:
        data, agency_id = self.form_input(), self.current_id
        self.save_button.setEnabled(False)

        def work() -> tuple[AgencyRecord, list[AgencyRecord], list[tuple[int, str, str]]]:
            saved = self.admin.save_agency(self.actor, agency_id, data)
            return saved, self.admin.agencies(), self.admin.categories()

        def done(result: tuple[AgencyRecord, list[AgencyRecord], list[tuple[int, str, str]]]) -> None:
            saved, records, categories = result
            self._loaded((records, categories), select=saved.id)
            self._saved_message(saved.short_name)

        self.worker.run(self, work, done, self._failed)


class UnitAdminDialog(_AdminDialog):
    def __init__(self, worker: DbWorker, admin: AgencyAdminService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(worker, admin, actor, tr("Units"), parent)
        self.rows: dict[int, UnitBoardRow] = {}
        self.homes: dict[int, str | None] = {}
        self.call_sign = QLineEdit(self)
        self.call_sign.setMaxLength(40)
        self.call_sign.setPlaceholderText("DAMKAR-04")
        self.unit_type = QComboBox(self)
        self.unit_type.setEditable(True)
        fill_worded(self.unit_type, UNIT_TYPES, unit_type_text)
        self.agency = QComboBox(self)
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the chosen name whole
        self.home = QComboBox(self)
        self.home.setEditable(True)
        self.home.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.active = QCheckBox(tr("Active (on the board and offered when forwarding)"), self)
        for name, label, widget in (("call_sign", tr("&Call sign"), self.call_sign),
                                    ("unit_type", tr("&Type"), self.unit_type), ("agency_id", tr("&Agency"),
                                                                                  self.agency),
                                    ("home_desa_code", tr("&Home base"), self.home), ("active", "", self.active)):
            self.add_field(name, label, widget)
        hint = QLabel(tr("The home base ranks units by distance when forwarding (desa centroid)."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.form.addRow("", hint)
        self.reload()

    def reload(self) -> None:
        self.worker.run(self, lambda: (self.admin.units(), self.admin.agencies(), self.admin.home_areas(),
                                       self._home_codes()), self._loaded, self._failed)

    def delete_entry(self, entry_id: int) -> None:
        self.admin.delete_unit(self.actor, entry_id)

    def _home_codes(self) -> dict[int, str | None]:
        return {row.unit_id: self.admin.unit_home(row.unit_id) for row in self.admin.units()}

    def _loaded(self, result: tuple[list[UnitBoardRow], list[AgencyRecord], list[tuple[str, str]],
                                    dict[int, str | None]], select: int | None = None) -> None:
        rows, agencies, areas, homes = result
        self.rows = {row.unit_id: row for row in rows}
        self.homes = homes
        if not self.agency.count():
            for record in agencies:
                self.agency.addItem(f"{record.short_name} — {record.name}", record.id)
            self.home.addItem(tr("(not set)"), None)
            for code, label in areas:
                self.home.addItem(label, code)
        self._fill_list([(f"{row.call_sign} — {unit_type_text(row.unit_type)}, {row.agency_short}", row.unit_id,
                          row.active) for row in rows], select)

    def new(self) -> None:
        self.current_id = None
        self.list.clearSelection()
        self.call_sign.clear()
        self.unit_type.setCurrentIndex(0)
        self.home.setCurrentIndex(0)
        self.active.setChecked(True)
        self.clear_problems()
        self.status.clear()
        self.call_sign.setFocus()

    def load(self, entry_id: int) -> None:
        row = self.rows.get(entry_id)
        if row is None:
            return
        self.current_id = entry_id
        self.call_sign.setText(row.call_sign)
        set_worded(self.unit_type, row.unit_type)
        self.agency.setCurrentIndex(max(0, self.agency.findData(row.agency_id)))
        self.home.setCurrentIndex(max(0, self.home.findData(self.homes.get(entry_id))))
        self.active.setChecked(row.active)
        self.clear_problems()
        self.status.clear()

    def form_input(self) -> UnitInput:
        home = self.home.currentData()
        if self.home.currentText() != self.home.itemText(self.home.currentIndex()):
            home = "?"  # typed text matching no desa: let the service say so
        return UnitInput(call_sign=self.call_sign.text(), unit_type=worded_value(self.unit_type),
                         agency_id=self.agency.currentData(), home_desa_code=home, active=self.active.isChecked())

    def save(self) -> None:
        data, unit_id = self.form_input(), self.current_id
        self.save_button.setEnabled(False)

        def work() -> tuple[UnitBoardRow, tuple[Any, ...]]:
            saved = self.admin.save_unit(self.actor, unit_id, data)
            return saved, (self.admin.units(), self.admin.agencies(), self.admin.home_areas(), self._home_codes())

        def done(result: tuple[UnitBoardRow, tuple[Any, ...]]) -> None:
            saved, loaded = result
            self._loaded(loaded, select=saved.unit_id)
            self._saved_message(saved.call_sign)

        self.worker.run(self, work, done, self._failed)




class SmtpSettingsDialog(QDialog):
    """The mail server for the e-mail channel. The password goes to the OS password store (keyring), never to
    the database; the field stays empty when a password is already stored (type a new one to replace it)."""

    def __init__(self, worker: DbWorker, settings: SettingsService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.settings = settings
        self.actor = actor
        self.setWindowTitle(tr("E-mail server (SMTP)"))
        self.setMinimumWidth(560)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("smtp.purwakartakab.go.id")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security = QComboBox(self)
        for value, label in (("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", tr("none (not encrypted)"))):
            self.security.addItem(label, value)
        self.security.currentIndexChanged.connect(self._default_port)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_address = QLineEdit(self)
        self.sender_address.setPlaceholderText("cc112@purwakartakab.go.id")
        self.ca_file = QLineEdit(self)
        self.ca_file.setPlaceholderText(tr("only for a mail server with a private certificate authority"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, widget in (("host", tr("&Server"), self.host), ("port", tr("&Port"), self.port),
                                    ("security", tr("&Encryption"), self.security), ("user", tr("&User"), self.user),
                                    ("password", tr("Pass&word"), self.password),
                                    ("sender", tr("Sen&der address"), self.sender_address),
                                    ("ca_file", tr("&CA file (PEM)"), self.ca_file)):
            error = QLabel(self)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            form.addRow(caption, box)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(tr("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.clicked.connect(self.save)
        close = buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.worker.run(self, lambda: self._current(), self._show, lambda exc: self.status.setText(error_text(exc)))

    def _current(self) -> tuple[SmtpSettings, bool]:
        current = SmtpSettings.from_setting(self.settings.get(SMTP_SETTING))
        return current, smtp_password(current) is not None

    def _show(self, result: tuple[SmtpSettings, bool]) -> None:
        current, has_password = result
        self.host.setText(current.host)
        self.security.setCurrentIndex(max(0, self.security.findData(current.security)))
        self.port.setValue(current.port)
        self.user.setText(current.user)
        self.sender_address.setText(current.sender)
        self.ca_file.setText(current.ca_file)
        self.password.setPlaceholderText(tr("stored in the system password store") if has_password else "")

    def _default_port(self) -> None:
        if self.port.value() in (25, 465, 587):
            self.port.setValue({"ssl": 465, "starttls": 587, "none": 25}[str(self.security.currentData())])

    def save(self) -> None:
        settings = SmtpSettings(host=self.host.text().strip(), port=self.port.value(),
                                security=str(self.security.currentData()), user=self.user.text().strip(),
                                sender=self.sender_address.text().strip(), ca_file=self.ca_file.text().strip())
        password = self.password.text()

        def work() -> None:
            settings.validate()
            self.settings.set(self.actor, SMTP_SETTING, settings.to_setting())
            if password:
                store_smtp_password(settings, password)

        def done(_result: object) -> None:
            self.password.clear()
            self.password.setPlaceholderText(tr("stored in the system password store"))
            for label in self.errors.values():
                label.hide()
            self.status.setStyleSheet("color: #15803d;")
            self.status.setText(tr("Saved: %1").replace("%1", f"{settings.host}:{settings.port}"))

        def failed(exc: BaseException) -> None:
            for label in self.errors.values():
                label.hide()
            if isinstance(exc, ValidationError):
                for name, text in exc.problems.items():
                    if name in self.errors:
                        self.errors[name].setText(core_text(text))
                        self.errors[name].show()
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(error_text(exc))

        self.worker.run(self, work, done, failed)
