"""What the map plots, as plain values. Build them from ``callcenter.services.map_data`` rows with the
``from_*`` helpers (or by hand: the widgets need nothing else)."""

from __future__ import annotations

from dataclasses import dataclass

from callcenter.services.map_data import IncidentPoint, PostPoint, UnitPoint
from ui.map.style import priority_text, status_text, tr, unit_status_text


@dataclass(frozen=True, slots=True)
class IncidentMarker:
    incident_id: int
    number: str
    priority: str
    """P1..P4: the marker's colour."""
    status: str
    """IncidentStatus value: the marker's ring (black: not yet forwarded; dot: being handled; faded: resolved)."""
    latitude: float | None
    longitude: float | None
    desa_code: str | None
    """Used (at the desa's centroid, drawn as a dashed diamond) when there are no coordinates."""
    summary: str = ""
    """The hover text's first line (category, place)."""

    @property
    def exact(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @classmethod
    def from_point(cls, point: IncidentPoint, english: bool = False) -> IncidentMarker:
        category = point.category_en if english else point.category
        place = ", ".join(part for part in (point.address, point.desa and f"{point.desa}",
                                            point.kecamatan and f"Kec. {point.kecamatan}") if part)
        return cls(point.id, point.number, point.priority, str(point.status), point.latitude, point.longitude,
                   point.desa_code, f"{category} — {place}" if place else category)

    def tooltip(self) -> str:
        where = tr("exact coordinates") if self.exact else tr("desa centroid (no coordinates)")
        return "\n".join(part for part in (
            f"{self.number} · {self.priority}", self.summary, f"{priority_text(self.priority)}",
            status_text(self.status), where, tr("Double-click to open")) if part)


@dataclass(frozen=True, slots=True)
class PostMarker:
    agency_id: int
    short_name: str
    name: str
    latitude: float
    longitude: float

    @classmethod
    def from_point(cls, point: PostPoint) -> PostMarker:
        return cls(point.agency_id, point.short_name, point.name, point.latitude, point.longitude)

    def tooltip(self) -> str:
        return f"{self.name}\n{tr('Agency post')}"


@dataclass(frozen=True, slots=True)
class UnitMarker:
    unit_id: int
    call_sign: str
    agency_short: str
    status: str
    latitude: float
    longitude: float
    approximate: bool = False
    incident_number: str | None = None

    @classmethod
    def from_point(cls, point: UnitPoint) -> UnitMarker:
        return cls(point.unit_id, point.call_sign, point.agency_short, str(point.status), point.latitude,
                   point.longitude, point.approximate, point.incident_number)

    def tooltip(self) -> str:
        lines = [f"{self.call_sign} ({self.agency_short})", unit_status_text(self.status)]
        if self.incident_number:
            lines.append(self.incident_number)
        if self.approximate:
            lines.append(tr("home desa centroid (no position set)"))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class CallerLocation:
    """A phone's location (AML or a shared location), with its accuracy radius."""

    latitude: float
    longitude: float
    radius_m: float | None = None
    label: str = ""
