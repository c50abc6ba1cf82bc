"""The call-answering figures, with one definition for every place that shows them: the supervisor board, the
shift and range reports, and the range report's CSV.

Which calls count, and how (the reports print this as a footnote, ``FOOTNOTE`` in callcenter.reports.strings):

- An incoming call counts once it has stopped ringing: answered, or ended without an answer (missed, or abandoned
  by the caller). A call still ringing when the figures are made counts only in ``arrived`` until it ends.
- Answer time runs from the call's arrival at the centre (``received_at``: the caller-ID frame reached Konsol 112;
  NENA-STA-020.1 measures from arrival at the PSAP) to the operator's answer, in seconds rounded to a tenth (the
  precision the calls CSV prints, so a spreadsheet recomputes the same shares).
- "Answered within N s" is the share of *all counted calls* answered in at most N seconds: an abandoned call
  counts against every mark, however soon the caller hung up, because nobody answered it.
- The unanswered share is unanswered calls over counted calls.
- Median and 90th percentile are taken over the answer times of the answered calls (an abandoned call has none):
  the median of an even number of values is the mean of the two middle ones; the 90th percentile is the
  nearest-rank value.
- Percentages and seconds are rounded to one decimal here, once, so every place prints the same digits.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, DateTime, and_, case, select, type_coerce
from sqlalchemy.orm import Session

from callcenter.db.enums import CallState, Direction
from callcenter.db.models import Call

ANSWER_MARKS_S = (10, 15, 20)
NENA_TARGET = (15, 90.0)  # NENA-STA-020.1: 90 % of calls answered within 15 s ...
NENA_TARGET_20 = (20, 95.0)  # ... and 95 % within 20 s
NFPA_TARGET = (10, 90.0)  # NFPA 1225: 90 % within 10 s
ANSWER_BUCKETS = (5, 10, 15, 20, 30, 60)
"""The board's answer-time histogram: upper bounds in seconds (inclusive); the last bucket is open-ended."""


def answer_seconds(received_at: datetime, answered_at: datetime) -> float:
    """A call's answer time as every figure uses it: arrival to answer, never negative, to a tenth of a second."""
    return round(max(0.0, (answered_at - received_at).total_seconds()), 1)


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile (the value at rank ceil(fraction * n)); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return float(ordered[rank - 1])


def median(values: Sequence[float]) -> float | None:
    """The middle value; for an even count the mean of the two middle values. None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True, slots=True)
class CallFigures:
    arrived: int
    """Every incoming call that arrived in the period, still ringing or not."""
    answered: int
    unanswered: int
    """Ended without an answer: missed, or abandoned by the caller."""
    ringing: int
    """Still ringing when the figures were made (not counted yet)."""
    within: tuple[tuple[int, int], ...]
    """(seconds, answered calls with an answer time of at most that many seconds) for each of ANSWER_MARKS_S."""
    median_s: float | None
    p90_s: float | None
    buckets: tuple[int, ...]
    """Answered calls per ANSWER_BUCKETS bucket (len(ANSWER_BUCKETS) + 1 counts, the last open-ended)."""

    @property
    def counted(self) -> int:
        """The calls the shares are taken of: answered plus unanswered."""
        return self.answered + self.unanswered

    def within_count(self, seconds: int) -> int:
        return dict(self.within)[seconds]

    def within_pct(self, seconds: int) -> float | None:
        """Percentage of counted calls answered within ``seconds`` (one of ANSWER_MARKS_S); None before any."""
        return _share(self.within_count(seconds), self.counted)

    @property
    def answered_pct(self) -> float | None:
        return _share(self.answered, self.counted)

    @property
    def unanswered_pct(self) -> float | None:
        return _share(self.unanswered, self.counted)

    def meets(self, target: tuple[int, float]) -> bool | None:
        pct = self.within_pct(target[0])
        return None if pct is None else pct >= target[1]


def call_figures(answer_times: Iterable[float], *, unanswered: int, ringing: int = 0) -> CallFigures:
    """The figures from the answer times (``answer_seconds``) of the answered calls and the other two counts."""
    times = sorted(answer_times)
    within = tuple((mark, bisect_right(times, mark)) for mark in ANSWER_MARKS_S)
    upto = [bisect_right(times, bound) for bound in ANSWER_BUCKETS] + [len(times)]
    buckets = [upto[0], *(upto[i] - upto[i - 1] for i in range(1, len(upto)))]
    answered = len(times)
    return CallFigures(answered + unanswered + ringing, answered, unanswered, ringing, within,
                       _round(median(times)), _round(percentile(times, 0.9)), tuple(buckets))


def incoming_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Incoming calls that arrived in [start, end)."""
    return and_(Call.received_at >= start, Call.received_at < end, Call.direction == Direction.INCOMING)


class CallTiming(NamedTuple):
    """What the figures need of one call."""

    received_at: datetime
    """Naive UTC, as stored."""
    answer_s: float | None
    """``answer_seconds``; None when nobody answered."""
    ringing: bool

    def day(self, utc_offset: timedelta) -> date:
        """The local date the call arrived on (WIB has one fixed offset)."""
        return (self.received_at + utc_offset).date()


def call_timings(session: Session, start: datetime, end: datetime) -> list[CallTiming]:
    """The incoming calls of [start, end), oldest first: one narrow query, the arithmetic done in Python so that
    SQLite and PostgreSQL give the same tenths of a second. (A month holds some 45,000 calls: the columns are read
    as plain naive-UTC datetimes, skipping the per-value conversion of the model's UTC type.)"""
    ringing = case((and_(Call.answered_at.is_(None), Call.state == CallState.RINGING), 1), else_=0)
    rows = session.execute(select(type_coerce(Call.received_at, DateTime()), type_coerce(Call.answered_at, DateTime()),
                                  ringing).where(incoming_between(start, end)).order_by(Call.received_at)).all()
    return [CallTiming(received, None if answered is None else answer_seconds(received, answered), bool(is_ringing))
            for received, answered, is_ringing in rows]


def figures_of(timings: Iterable[CallTiming]) -> CallFigures:
    times: list[float] = []
    unanswered = ringing = 0
    for timing in timings:
        if timing.answer_s is not None:
            times.append(timing.answer_s)
        elif timing.ringing:
            ringing += 1
        else:
            unanswered += 1
    return call_figures(times, unanswered=unanswered, ringing=ringing)


def period_figures(session: Session, start: datetime, end: datetime) -> CallFigures:
    """The figures for the incoming calls that arrived in [start, end)."""
    return figures_of(call_timings(session, start, end))


__all__ = [
    "ANSWER_BUCKETS", "ANSWER_MARKS_S", "NENA_TARGET", "NENA_TARGET_20", "NFPA_TARGET", "CallFigures", "CallTiming",
    "answer_seconds", "call_figures", "call_timings", "figures_of", "incoming_between", "median", "percentile",
    "period_figures",
]
