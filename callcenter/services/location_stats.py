"""The reports' phone-location figures: how many calls came with the caller's position (AML) and how precise."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from callcenter.db.models import Call, CallerLocation


@dataclass(frozen=True, slots=True)
class PhoneLocationStats:
    calls: int
    """Calls in the period with at least one phone location that has a position."""
    median_accuracy_m: float | None
    """Median over those calls of each call's best (smallest) radius; None when no fix gave a radius."""


def phone_location_stats(session: Session, calls_in_period: ColumnElement[bool]) -> PhoneLocationStats:
    best = session.execute(
        select(CallerLocation.call_id, func.min(CallerLocation.radius_m))
        .join(Call, Call.id == CallerLocation.call_id)
        .where(calls_in_period, CallerLocation.latitude.is_not(None))
        .group_by(CallerLocation.call_id)).all()
    radii = [float(radius) for _, radius in best if radius is not None]
    median = round(statistics.median(radii), 1) if radii else None
    return PhoneLocationStats(len(best), median)


NO_PHONE_LOCATIONS = PhoneLocationStats(0, None)
