"""The sim:// source and the traffic generator behind it (and behind ``simulate``)."""

from __future__ import annotations

import statistics
import time
from typing import Any

from callcenter.cid.events import EventKind, Presentation
from callcenter.cid.sources import LineStatus, Subscriber, make_source
from callcenter.cid.traffic import TrafficGenerator
from callcenter.phone import describe


def signature(count: int, seed: int, rate: float = 0.5, lines: int = 2) -> list[tuple[object, ...]]:
    generator = TrafficGenerator(seed, rate=rate, lines=lines)
    return [(c.number, c.name, c.presentation, c.line, c.abandoned, c.ring_s)
            for c in (next(generator) for _ in range(count))]


def test_content_is_deterministic_for_a_seed_at_any_rate() -> None:
    assert signature(500, seed=1) == signature(500, seed=1)
    assert signature(500, seed=1) == signature(500, seed=1, rate=40.0)
    assert signature(500, seed=1) != signature(500, seed=2)


def test_arrivals_are_poisson_at_the_rate() -> None:
    generator = TrafficGenerator(5, rate=2.0)
    gaps = [next(generator).gap_s for _ in range(20_000)]
    assert abs(statistics.fmean(gaps) - 0.5) < 0.02
    assert abs(statistics.pstdev(gaps) - 0.5) < 0.03  # exponential: standard deviation equals the mean


def test_a_gap_spreads_the_calls_evenly_and_keeps_the_content() -> None:
    generator = TrafficGenerator(5, gap=(30.0, 60.0), lines=2)
    calls = [next(generator) for _ in range(2000)]
    gaps = [c.gap_s for c in calls]
    assert min(gaps) >= 30.0 and max(gaps) <= 60.0 and abs(statistics.fmean(gaps) - 45.0) < 1.0
    assert [(c.number, c.line, c.abandoned) for c in calls[:200]] == [s[:1] + s[3:5] for s in signature(200, 5)]


def test_traffic_looks_like_indonesian_112() -> None:
    generator = TrafficGenerator(3, lines=2)
    calls = [next(generator) for _ in range(3000)]
    withheld = [c for c in calls if c.number is None]
    assert 0.01 < len(withheld) / len(calls) < 0.1
    assert {c.presentation for c in withheld} == {Presentation.PRIVATE, Presentation.UNAVAILABLE}
    for call in calls:
        if call.number is not None:
            info = describe(call.number)
            assert info.valid, call.number
            assert call.presentation is Presentation.ALLOWED
    assert any(c.number and c.number.startswith("0264") for c in calls)
    numbers = [c.number for c in calls if c.number]
    assert len(set(numbers)) < len(numbers) * 0.8  # repeat prank callers come back
    assert 0.1 < sum(c.abandoned for c in calls) / len(calls) < 0.6
    assert {c.line for c in calls} == {"1", "2"}


def test_sim_source_delivers_the_seeded_calls(collector: Any, running: Any) -> None:
    source = running(make_source("sim://?rate=200&seed=42&lines=2"), collector)
    collector.wait_status(LineStatus.UP, 2.0)
    events = collector.wait_live(40, timeout=5.0)
    expected = signature(40, seed=42)
    assert [(e.number, e.name, e.presentation, e.line) for e in events[:40]] == [s[:4] for s in expected]
    assert all(e.format == "sim" and e.received_at.tzinfo is not None for e in events)
    assert collector.keys == {source.key}
    for event in events:
        assert event.number is None or describe(event.number).valid


def test_sim_rate_is_roughly_right(collector: Any, running: Any) -> None:
    running(make_source("sim://?rate=100&seed=7"), collector)
    collector.wait_status(LineStatus.UP, 2.0)
    time.sleep(1.0)
    count = len(collector.live())
    assert 55 <= count <= 150, count


def test_abandoned_calls_end_with_their_ring_time(collector: Any, running: Any) -> None:
    generator = TrafficGenerator(9, rate=50.0)
    calls = {c.seq: c for c in (next(generator) for _ in range(2000))}
    running(make_source("sim://?rate=50&seed=9"), collector)
    ends = collector.wait_live(2, timeout=12.0, kind=EventKind.END)
    starts = {e.call_ref for e in collector.live()}
    for end in ends:
        call = calls[int(end.call_ref.rsplit("-", 1)[1])]
        assert call.abandoned and end.number == call.number and end.duration_s == call.ring_s
        assert end.call_ref in starts  # an END always follows its own INCOMING


def test_a_calm_line_rings_at_once_then_keeps_its_gaps(collector: Any, running: Any) -> None:
    """The demo's line (a call every 30-60 s): the first call comes within seconds, the second not before 30 s."""
    started = time.monotonic()
    running(make_source("sim://?gap=30-60&seed=5"), collector)
    [first] = collector.wait_live(1, timeout=10.0)
    assert time.monotonic() - started < 3.0 + 2.0 and first.kind is EventKind.INCOMING
    time.sleep(1.0)
    assert len([e for e in collector.live() if e.kind is EventKind.INCOMING]) == 1


def test_sim_stops_quickly(collector: Any) -> None:
    source = make_source("sim://?rate=0.01&seed=1")
    source.subscribe(collector)
    source.start()
    collector.wait_status(LineStatus.UP, 2.0)
    started = time.monotonic()
    source.stop(2.0)
    assert not source.running and time.monotonic() - started < 0.5
    assert collector.states[-1].status is LineStatus.DOWN and collector.states[-1].reason == "stopped"


def test_a_failing_subscriber_does_not_stop_the_line(collector: Any, running: Any) -> None:
    def broken(source_key: str, event: object) -> None:
        raise RuntimeError("subscriber defect")

    source = make_source("sim://?rate=100&seed=3")
    source.subscribe(Subscriber(on_event=broken, on_state=lambda state: None))
    running(source, collector)
    assert len(collector.wait_live(20)) >= 20
    assert source.state.status is LineStatus.UP


def test_make_source_picks_the_right_kind() -> None:
    from callcenter.cid.sources.ami import AmiSource
    from callcenter.cid.sources.serial_port import SerialSource
    from callcenter.cid.sources.sim import SimSource
    from callcenter.cid.sources.tcp import TcpSource
    from callcenter.cid.sources.udp import UdpSource

    kinds = {"serial:///dev/ttyUSB0": SerialSource, "COM3": SerialSource, "socket://h:1": SerialSource,
             "tcp://h:3333": TcpSource, "udp://": UdpSource, "ami://u:p@h": AmiSource, "sim://": SimSource}
    for url, kind in kinds.items():
        source = make_source(url)
        assert type(source) is kind and not source.running
        assert source.state.status is LineStatus.DOWN and source.state.reason == "not started"
