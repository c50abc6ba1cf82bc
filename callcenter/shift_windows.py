"""Shift arithmetic: which shift a moment falls in, and a shift's exact UTC bounds (night shift crosses midnight)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from callcenter.clock import WIB


@dataclass(frozen=True, slots=True)
class ShiftSpec:
    code: str
    name: str
    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


@dataclass(frozen=True, slots=True)
class ShiftWindow:
    spec: ShiftSpec
    shift_date: date
    """The local date the shift starts on (the malam shift of 1 March runs 1 March 23:00 - 2 March 07:00)."""
    start_utc: datetime
    end_utc: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start_utc <= moment < self.end_utc


def shift_start_utc(spec: ShiftSpec, shift_date: date) -> datetime:
    """When the shift of ``shift_date`` starts (without computing its end, which may lie past the calendar's last
    day). OverflowError for a date at the calendar's very edge."""
    return datetime.combine(shift_date, spec.start, tzinfo=WIB).astimezone(UTC)


def window(spec: ShiftSpec, shift_date: date) -> ShiftWindow:
    end_day = shift_date + timedelta(days=1) if spec.crosses_midnight else shift_date
    end_local = datetime.combine(end_day, spec.end, tzinfo=WIB)
    return ShiftWindow(spec, shift_date, shift_start_utc(spec, shift_date), end_local.astimezone(UTC))


def window_at(specs: list[ShiftSpec], moment: datetime) -> ShiftWindow:
    """The shift that ``moment`` (aware) falls in."""
    local = moment.astimezone(WIB)
    for day in (local.date(), local.date() - timedelta(days=1)):
        for spec in specs:
            candidate = window(spec, day)
            if candidate.contains(moment):
                return candidate
    raise ValueError(f"no shift covers {local.isoformat()}; the shift definitions leave a gap")
