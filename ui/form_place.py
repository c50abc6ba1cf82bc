"""Where it happened, on the incident form: the kecamatan and desa/kelurahan pickers, which keep each other
consistent, and the coordinates a click on the map or the caller's phone fills (or the operator pastes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from callcenter.services.lookups import AreaChoice
from callcenter.services.reference import ReferenceData
from ui.form_widgets import line_edit, resolve, searchable, select_typed


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def parse_coordinate(text: str) -> float | None:
    """A coordinate as typed or pasted (a comma is read as the decimal point); None when empty."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    return float(cleaned)


class PlacePicker(QObject):
    """The kecamatan and desa/kelurahan combos (the form lays them out): a kecamatan narrows the desa list to its
    own desa; a desa typed alone fills its kecamatan."""

    desa_chosen = Signal()
    """A desa was chosen or typed (the form looks for open incidents there)."""

    def __init__(self, reference: ReferenceData, on_key: Callable[[QKeyEvent], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas = reference.desa
        self._kecamatan: dict[str, AreaChoice] = {a.code: a for a in reference.kecamatan}
        self._desa: dict[str, AreaChoice] = {a.code: a for a in reference.desa}
        self.kecamatan = QComboBox()
        searchable(self.kecamatan, on_key)
        for area in reference.kecamatan:
            self.kecamatan.addItem(area.name, area.code)
        self.kecamatan.setCurrentIndex(-1)
        line_edit(self.kecamatan).setPlaceholderText(_t("type the kecamatan"))
        self.desa = QComboBox()
        searchable(self.desa, on_key)
        line_edit(self.desa).setPlaceholderText(_t("type the desa/kelurahan"))
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        line_edit(self.kecamatan).editingFinished.connect(self.kecamatan_typed)
        self.desa.currentIndexChanged.connect(self._desa_changed)
        line_edit(self.desa).editingFinished.connect(self.desa_typed)
        self._fill_desa(None)

    def reset(self) -> None:
        with QSignalBlocker(self.kecamatan):
            self.kecamatan.setCurrentIndex(-1)
            self.kecamatan.setEditText("")
        self._fill_desa(None)

    def kecamatan_typed(self) -> None:
        select_typed(self.kecamatan)

    def desa_typed(self) -> None:
        code = resolve(self.desa)
        if code is not None and self.desa.currentData() != code:
            self.desa.setCurrentIndex(self.desa.findData(code))
        elif code is not None:
            self._desa_changed(self.desa.currentIndex())

    def set_place(self, desa_code: str) -> bool:
        """Choose the desa (and so its kecamatan) by its Kemendagri code; False for a code not in Purwakarta."""
        area = self._desa.get(desa_code)
        if area is None:
            return False
        with QSignalBlocker(self.kecamatan):
            self.kecamatan.setCurrentIndex(self.kecamatan.findData(area.parent_code))
        self._fill_desa(area.parent_code)
        self.desa.setCurrentIndex(self.desa.findData(desa_code))
        return True

    def desa_code(self) -> str | None:
        code = resolve(self.desa)
        return str(code) if code else None

    def _kecamatan_changed(self, index: int) -> None:
        code = self.kecamatan.itemData(index) if index >= 0 else None
        current_desa = resolve(self.desa)
        self._fill_desa(str(code) if code else None)
        if current_desa and self._desa.get(str(current_desa)) and self._desa[str(current_desa)].parent_code == code:
            self.desa.setCurrentIndex(self.desa.findData(current_desa))

    def _fill_desa(self, kecamatan_code: str | None) -> None:
        with QSignalBlocker(self.desa):
            self.desa.clear()
            for area in self._areas:
                if kecamatan_code is None:
                    # Without a kecamatan every desa is offered, with its kecamatan to tell namesakes apart.
                    parent = self._kecamatan.get(area.parent_code or "")
                    self.desa.addItem(f"{area.name} ({parent.name})" if parent else area.name, area.code)
                elif area.parent_code == kecamatan_code:
                    self.desa.addItem(area.name, area.code)
            self.desa.setCurrentIndex(-1)
            self.desa.setEditText("")

    def _desa_changed(self, index: int) -> None:
        code = self.desa.itemData(index) if index >= 0 else None
        area = self._desa.get(str(code)) if code else None
        if area is not None and resolve(self.kecamatan) != area.parent_code:
            # Typing a desa alone fills its kecamatan (and narrows the desa list to it).
            with QSignalBlocker(self.kecamatan):
                self.kecamatan.setCurrentIndex(self.kecamatan.findData(area.parent_code))
            self._fill_desa(area.parent_code)
            with QSignalBlocker(self.desa):
                self.desa.setCurrentIndex(self.desa.findData(area.code))
        self.desa_chosen.emit()


class CoordinatesField(QWidget):
    """Latitude and longitude side by side (one field of the form, one error line for both)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latitude = QLineEdit()
        self.latitude.setPlaceholderText(_t("latitude, e.g. -6.5569"))
        self.longitude = QLineEdit()
        self.longitude.setPlaceholderText(_t("longitude, e.g. 107.4433"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.latitude)
        layout.addWidget(self.longitude)

    def read(self) -> tuple[float | None, float | None, dict[str, str]]:
        """Latitude, longitude (None when empty) and the problems of those that are not numbers, by field."""
        problems: dict[str, str] = {}
        latitude = longitude = None
        try:
            latitude = parse_coordinate(self.latitude.text())
        except ValueError:
            problems["latitude"] = _t("latitude is not a number (use e.g. -6.5569)")
        try:
            longitude = parse_coordinate(self.longitude.text())
        except ValueError:
            problems["longitude"] = _t("longitude is not a number (use e.g. 107.4433)")
        return latitude, longitude, problems

    def set(self, latitude: float, longitude: float) -> None:
        """Six decimals: about 10 cm."""
        self.latitude.setText(f"{latitude:.6f}")
        self.longitude.setText(f"{longitude:.6f}")
