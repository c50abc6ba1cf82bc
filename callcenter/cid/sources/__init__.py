"""Caller-ID sources: serial, TCP (NCID), UDP (CallerID.com), Asterisk AMI and the simulator.

Use::

    source = make_source("serial:///dev/ttyUSB0?format=modem")
    source.subscribe(Subscriber(on_event=..., on_warning=..., on_state=...))
    source.start()
    ...
    source.stop()

Callbacks run in the source's own thread (see ``base``): keep them cheap and thread-safe.
"""

from __future__ import annotations

from collections.abc import Callable

from callcenter.cid.events import FrameParser
from callcenter.cid.sources.base import LineState, LineStatus, Source, SourceSubscriber, Subscriber
from callcenter.cid.sources.url import (
    AML_FORMAT,
    AmiSpec,
    SerialSpec,
    SimSpec,
    SourceSpec,
    TcpSpec,
    UdpSpec,
    parse_source_url,
)
from callcenter.clock import Clock, utcnow

__all__ = [
    "LineState",
    "LineStatus",
    "Source",
    "SourceSpec",
    "SourceSubscriber",
    "Subscriber",
    "make_source",
    "parse_source_url",
]


def make_source(url: str | SourceSpec, *, clock: Clock = utcnow,
                parser_factory: Callable[[], FrameParser] | None = None) -> Source:
    """A stopped source for ``url`` (call ``start()``). Raises ``ValueError`` for a bad URL.

    Opening happens in the source thread, so a missing port or an unreachable host shows as a ``down``
    line state with the reason (and is retried), never as an exception here.
    """
    spec = parse_source_url(url) if isinstance(url, str) else url
    if isinstance(spec, SimSpec):
        from callcenter.cid.sources.sim import SimSource

        return SimSource(spec, clock=clock)
    if spec.format == AML_FORMAT:
        if not isinstance(spec, SerialSpec):
            raise ValueError(f"{spec.display}: format=aml is a GSM modem on a serial port (serial://PORT?format=aml)")
        from callcenter.cid.sources.aml_modem import AmlModemSource

        return AmlModemSource(spec, clock=clock)
    if isinstance(spec, SerialSpec):
        from callcenter.cid.sources.serial_port import SerialSource

        return SerialSource(spec, clock=clock, parser_factory=parser_factory)
    if isinstance(spec, TcpSpec):
        if spec.port == 0:
            raise ValueError(f"{spec.display} names port 0; give the port the server listens on")
        from callcenter.cid.sources.tcp import TcpSource

        return TcpSource(spec, clock=clock, parser_factory=parser_factory)
    if isinstance(spec, UdpSpec):
        from callcenter.cid.sources.udp import UdpSource

        return UdpSource(spec, clock=clock, parser_factory=parser_factory)
    if isinstance(spec, AmiSpec):
        from callcenter.cid.sources.ami import AmiSource

        return AmiSource(spec, clock=clock, parser_factory=parser_factory)
    raise ValueError(f"unsupported source spec {spec!r}")
