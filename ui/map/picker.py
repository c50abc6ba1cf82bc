"""PositionDialog: an admin clicks on the map where an agency's post (or a unit's base) is; OK returns the point.
The caller saves it with ``MapService.set_agency_position`` / ``set_unit_position`` on the worker thread."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from callcenter.geo.regions import Geography
from ui.geometry import fit_to_screen
from ui.map.panel import MapPanel
from ui.map.style import location_warning_text, tr


class PositionDialog(QDialog):
    def __init__(self, geography: Geography, title: str, latitude: float | None = None,
                 longitude: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 900, 680)
        self.geography = geography
        self.point: tuple[float, float] | None = None
        layout = QVBoxLayout(self)
        hint = QLabel(tr("Click the map where it is (or move with the arrow keys and press Enter). Ctrl+F finds "
                         "a desa."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.panel = MapPanel(geography, parent=self)
        self.panel.view.set_legend_visible(False)
        layout.addWidget(self.panel, 1)
        self.where = QLabel(tr("No point chosen yet."))
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.panel.view.locationPicked.connect(self.choose)
        if latitude is not None and longitude is not None:
            self.choose(latitude, longitude, None)
            self.panel.view.centre_on(latitude, longitude, 0.05)
        self._update_ok()

    def choose(self, latitude: float, longitude: float, desa_code: object = None) -> None:
        del desa_code  # located again below, with the warning
        self.point = (latitude, longitude)
        self.panel.view.set_pin(latitude, longitude)
        found = self.geography.locate(latitude, longitude)
        place = self.geography.desa[found.desa_code].display_name if found.desa_code else ""
        warning = location_warning_text(found.warning, found.distance_m)
        self.where.setText(" — ".join(part for part in (f"{latitude:.6f}, {longitude:.6f}", place, warning)
                                      if part))
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.point is not None)
