"""The one definition of the call-answering figures, on numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from callcenter.services.call_figures import CallTiming, answer_seconds, call_figures, figures_of

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def test_answer_time_is_arrival_to_answer_in_tenths_never_negative() -> None:
    assert answer_seconds(T0, T0 + timedelta(seconds=9.96)) == 10.0
    assert answer_seconds(T0, T0 + timedelta(seconds=10.04)) == 10.0
    assert answer_seconds(T0, T0 + timedelta(seconds=10.06)) == 10.1
    assert answer_seconds(T0, T0 - timedelta(seconds=2)) == 0.0  # a device clock running ahead


def test_shares_are_of_every_counted_call_and_an_abandoned_call_counts_against_every_mark() -> None:
    figures = call_figures([4.0, 10.0, 12.0, 30.0], unanswered=1, ringing=2)
    assert (figures.arrived, figures.counted, figures.answered, figures.unanswered) == (7, 5, 4, 1)
    assert [figures.within_pct(mark) for mark in (10, 15, 20)] == [40.0, 60.0, 60.0]
    assert (figures.answered_pct, figures.unanswered_pct) == (80.0, 20.0)
    assert figures.median_s == 11.0  # the mean of the two middle answer times
    assert figures.p90_s == 30.0  # nearest rank
    assert figures.meets((15, 90.0)) is False
    assert figures.buckets == (1, 1, 1, 0, 1, 0, 0)  # <=5, <=10, <=15, <=20, <=30, <=60, >60


def test_no_counted_call_gives_no_figure_rather_than_zero() -> None:
    only_ringing = call_figures([], unanswered=0, ringing=3)
    assert only_ringing.counted == 0 and only_ringing.within_pct(15) is None
    assert only_ringing.unanswered_pct is None and only_ringing.median_s is None
    all_abandoned = call_figures([], unanswered=2)
    assert all_abandoned.within_pct(20) == 0.0 and all_abandoned.unanswered_pct == 100.0
    assert all_abandoned.median_s is None


def test_timings_sort_calls_into_answered_unanswered_and_ringing() -> None:
    figures = figures_of([CallTiming(T0, 7.0, False), CallTiming(T0, None, False), CallTiming(T0, None, True)])
    assert (figures.answered, figures.unanswered, figures.ringing, figures.median_s) == (1, 1, 1, 7.0)
