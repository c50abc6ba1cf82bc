"""The open incidents a call may belong to (gabungkan), beside the incident form's description: same desa or same
category in the last two hours. The form links the call to the one chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from callcenter.services.incidents import IncidentView
from ui.words import time_text

SUGGESTIONS_ALONE = 110
SUGGESTIONS_BESIDE_QUESTIONS = 66  # three rows


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


class SuggestionsBox(QWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(_t("Same incident already open? Link this report to it (gabungkan):"))
        self.title.setObjectName("fieldLabel")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.incident_list = QListWidget()
        self.incident_list.setMaximumHeight(SUGGESTIONS_ALONE)
        # Beside the compact map the column is narrow: an open incident's line wraps rather than scrolling away.
        self.incident_list.setProperty("wrapping", True)
        self.incident_list.setWordWrap(True)
        self.incident_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.incident_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.incident_list)
        self.nothing = QLabel(_t("No open incident in the same desa or of the same category in the last "
                                 "two hours."))
        self.nothing.setObjectName("muted")
        self.nothing.setWordWrap(True)
        layout.addWidget(self.nothing)
        self.incident_list.hide()
        layout.addStretch(1)

    def set_incidents(self, incidents: list[IncidentView], *, asking: bool) -> None:
        """List them (``asking``: the category's questions share the column)."""
        self.incident_list.clear()
        for incident in incidents:
            category = incident.category_name_en if self.language == "en" else incident.category_name_id
            place = incident.desa_name or incident.kecamatan_name or incident.address or "-"
            created = time_text(incident.created_at, seconds=False)
            item = QListWidgetItem(f"{incident.number}  ·  {incident.priority}  ·  {category}  ·  {place}  ·  "
                                   f"{created}")
            item.setData(Qt.ItemDataRole.UserRole, incident.id)
            item.setToolTip(incident.description[:300])
            self.incident_list.addItem(item)
        self.incident_list.setVisible(bool(incidents))
        self.fit(asking=asking)

    def clear(self, *, asking: bool) -> None:
        self.incident_list.clear()
        self.incident_list.hide()
        self.fit(asking=asking)

    def fit(self, *, asking: bool) -> None:
        """"Nothing to link" only while no questions take the room beside the description (the form keeps its
        height when a category is chosen); with questions, a shorter list of open incidents."""
        listed = not self.incident_list.isHidden()
        self.nothing.setVisible(not asking and not listed)
        self.title.setVisible(not asking or listed)
        self.incident_list.setMaximumHeight(SUGGESTIONS_BESIDE_QUESTIONS if asking else SUGGESTIONS_ALONE)

    def ids(self) -> list[int]:
        return [int(self.incident_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.incident_list.count())]

    def selected_id(self) -> int | None:
        item = self.incident_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))
