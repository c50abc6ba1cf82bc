"""The audit trail viewer: filter by who, action, entity and time; page in lazily; export to CSV."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import WIB, to_wib, utcnow
from callcenter.services.audit_trail import AUDIT_PAGE, AuditFacets, AuditFilter, AuditRow, AuditTrailService
from callcenter.services.base import Actor
from ui.columns import fit_columns
from ui.errors import error_text
from ui.geometry import fit_to_screen
from ui.table_model import KeyedTableModel
from ui.words import QT_DATE_FORMAT, datetime_text, integer_text, wib_text
from ui.words.audit import action_group_text, action_text, change_lines, detail_text, entity_text, user_text
from ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditLogDialog", text)


class AuditLogModel(KeyedTableModel):
    """Audit rows newest first, paged in from the worker as the view scrolls (canFetchMore/fetchMore)."""

    TIME, USER, ACTION, ENTITY, ENTITY_ID, DETAIL = range(6)

    def __init__(self, worker: DbWorker, trail: AuditTrailService, actor: Actor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.trail = trail
        self.actor = actor
        self.filter = AuditFilter()
        self._bind(self.filter)

    def _bind(self, flt: AuditFilter) -> None:
        trail, actor = self.trail, self.actor  # the worker thread reads plain values only
        self.filter = flt
        self.load_by_page(self.worker, lambda offset, limit: trail.audit_log(actor, flt, offset=offset,
                                                                             limit=limit), page=AUDIT_PAGE)

    def set_filter(self, flt: AuditFilter) -> None:
        """Show the entries ``flt`` selects; pages of an older filter arriving late are dropped."""
        self._bind(flt)
        self.reload()

    def headers(self) -> list[str]:
        return [self.tr("Time (WIB)"), self.tr("Who"), self.tr("Action"), self.tr("Entity"), self.tr("Id"),
                self.tr("Detail")]

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return [datetime_text(row.at), user_text(row.username), action_text(row.action), entity_text(row.entity),
                    row.entity_id or "", detail_text(row.action, row.detail).replace("\n", " ")[:200]][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ACTION:
                return row.action  # the raw code, for a technician (and the filter)
            if column == self.ENTITY:
                return row.entity
            if column == self.DETAIL:
                return detail_text(row.action, row.detail)
        return None


def _qdatetime(moment: datetime) -> QDateTime:
    local = to_wib(moment)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _from_edit(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    date, clock = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute(), tzinfo=WIB)


class AuditLogDialog(QDialog):
    exported = Signal(str, int)
    """Path and number of rows of a finished export."""

    def __init__(self, worker: DbWorker, trail: AuditTrailService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.trail = trail
        self.actor = actor
        self.setWindowTitle(tr("Audit log"))
        self.model = AuditLogModel(worker, trail, actor, self)

        self.user = self._combo()
        self.action = self._combo()
        self.entity = self._combo()
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText(tr("any"))
        self.entity_id.setMaxLength(40)
        now = trail.clock()  # the centre's clock (a test's or a demo's fixed one), not the PC's
        today = datetime.combine(to_wib(now).date(), time(0, 0), tzinfo=WIB)
        self.use_since = QCheckBox(tr("From"))
        self.use_since.setChecked(True)
        self.since = QDateTimeEdit(_qdatetime(today - timedelta(days=7)))
        self.use_until = QCheckBox(tr("Until"))
        self.until = QDateTimeEdit(_qdatetime(today + timedelta(days=1)))
        for edit in (self.since, self.until):
            edit.setDisplayFormat(f"{QT_DATE_FORMAT} HH:mm")
            edit.setCalendarPopup(True)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        self.until.setEnabled(False)

        self.apply_button = QPushButton(tr("Apply filter"))
        self.apply_button.setToolTip(tr("Apply filter (Enter)"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_filter)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.setToolTip(tr("Export the filtered log to a CSV file (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_dialog)
        export_action = QAction(self)
        export_action.setShortcut(QKeySequence("Ctrl+E"))
        export_action.triggered.connect(self.export_dialog)
        self.addAction(export_action)

        filters = QGridLayout()
        filters.addWidget(QLabel(tr("Who")), 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(QLabel(tr("Action")), 0, 2)
        filters.addWidget(self.action, 0, 3)
        filters.addWidget(QLabel(tr("Entity")), 0, 4)
        filters.addWidget(self.entity, 0, 5)
        filters.addWidget(QLabel(tr("Id")), 0, 6)
        filters.addWidget(self.entity_id, 0, 7)
        filters.addWidget(self.use_since, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.use_until, 1, 2)
        filters.addWidget(self.until, 1, 3)
        filters.addWidget(self.apply_button, 1, 5)
        filters.addWidget(self.export_button, 1, 6, 1, 2)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        # Time, who, action, entity and id show whole; the detail gives way (its tooltip has it whole).
        fit_columns(self.view, whole={column: None for column in range(AuditLogModel.DETAIL)},
                    elide=[AuditLogModel.DETAIL])
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(tr("Select a row to see what changed (before / after)."))
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model.failed.connect(lambda error: self.status.setText(error_text(error)))
        self.model.reloaded.connect(self._update_status)
        self.model.rowsInserted.connect(self._update_status)
        self.total: int | None = None

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 1200, 680)

        self.worker.run(self, lambda: self.trail.audit_facets(self.actor), self._fill_facets,
                           lambda error: self.status.setText(error_text(error)))
        self.apply_filter()

    def _combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItem(tr("(all)"), None)
        combo.setMinimumWidth(150)
        line_edit = combo.lineEdit()
        assert line_edit is not None  # the combo is editable
        line_edit.returnPressed.connect(self.apply_filter)
        return combo

    def _fill_facets(self, facets: AuditFacets) -> None:
        prefixes = sorted({action.split(".")[0] + "." for action in facets.actions if "." in action})
        for username in facets.usernames:
            self.user.addItem(user_text(username), username)
        # Words in the list, the code as its value (and in its tooltip): picking one filters by the code.
        for prefix in prefixes:
            self._add_coded(self.action, action_group_text(prefix), prefix)
        for action in facets.actions:
            self._add_coded(self.action, action_text(action), action)
        for entity in facets.entities:
            self._add_coded(self.entity, entity_text(entity), entity)

    @staticmethod
    def _add_coded(combo: QComboBox, words: str, code: str) -> None:
        combo.addItem(words, code)
        combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)

    @staticmethod
    def _value(combo: QComboBox) -> str | None:
        """The code of the item chosen, or what was typed (a code, or the start of one such as 'call.')."""
        text = combo.currentText().strip()
        if not text or text == tr("(all)"):
            return None
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        data = combo.itemData(index) if index > 0 else None
        return data if isinstance(data, str) else text

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            username=self._value(self.user), action=self._value(self.action), entity=self._value(self.entity),
            entity_id=self.entity_id.text().strip() or None,
            since=_from_edit(self.since) if self.use_since.isChecked() else None,
            until=_from_edit(self.until) if self.use_until.isChecked() else None,
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt.since and flt.until and flt.until <= flt.since:
            self.status.setText(tr("'Until' must be after 'From'."))
            return
        self.total = None
        self.status.setText(tr("Loading…"))
        self.model.set_filter(flt)
        self.worker.run(self, lambda: self.trail.audit_count(self.actor, flt),
                           lambda total: self._got_total(flt, total),
                           lambda error: self.status.setText(error_text(error)))

    def _got_total(self, flt: AuditFilter, total: int) -> None:
        if flt is not self.model.filter:
            return  # the count of a filter the supervisor has since replaced
        self.total = total
        self._update_status()

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        if self.total is None:
            self.status.setText(tr("%1 entries shown").replace("%1", integer_text(shown)))
        elif shown >= self.total:
            self.status.setText(tr("%1 entries").replace("%1", integer_text(self.total)))
        else:
            self.status.setText(tr("%1 of %2 entries shown (scroll for more)").replace("%1", integer_text(shown))
                                .replace("%2", integer_text(self.total)))

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        row = self.model.row_at(current.row())
        parts = [f"{action_text(row.action)} ({row.action}) · {entity_text(row.entity)} {row.entity_id or ''} · "
                 f"{user_text(row.username)} · {wib_text(row.at)}"]
        if row.detail:
            parts.append(detail_text(row.action, row.detail))
        if row.before is not None:
            parts += [tr("Before:"), *change_lines(row.entity, row.before)]
        if row.after is not None:
            parts += [tr("After:"), *change_lines(row.entity, row.after)]
        self.details.setPlainText("\n".join(parts))

    def export_dialog(self) -> None:
        name = f"audit-{to_wib(utcnow()).strftime('%Y%m%d-%H%M')}.csv"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export audit log"), str(Path.home() / name),
                                              tr("CSV files (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        flt = self.current_filter()
        self.status.setText(tr("Exporting…"))

        def done(count: int) -> None:
            self.status.setText(tr("%1 entries exported to %2").replace("%1", integer_text(count))
                                .replace("%2", str(path)))
            self.exported.emit(str(path), count)

        self.worker.run(self, lambda: self.trail.export_audit_csv(self.actor, flt, path), done,
                           lambda error: self.status.setText(error_text(error)))
