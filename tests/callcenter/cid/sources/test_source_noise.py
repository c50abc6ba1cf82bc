"""A noisy serial line (a real pseudo-terminal) does not flood the log: a few warnings, then counts."""

from __future__ import annotations

import os
import random
import sys
import threading
import time

import pytest

from callcenter.cid.events import CallerIdEvent, ParseWarning
from callcenter.cid.sources import Subscriber, make_source

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_two_megabytes_of_noise_give_a_handful_of_warnings_and_no_call() -> None:
    master, slave = os.openpty()
    warnings: list[ParseWarning] = []
    calls: list[CallerIdEvent] = []
    up = threading.Event()
    source = make_source(f"serial://{os.ttyname(slave)}?format=mdmf&init=")
    source.subscribe(Subscriber(on_event=lambda _key, event: calls.append(event),
                                on_warning=lambda _key, warning: warnings.append(warning),
                                on_state=lambda state: state.status == "up" and up.set()))
    source.start()
    try:
        assert up.wait(10)
        time.sleep(0.3)  # pyserial flushes its input when it opens
        noise = random.Random(7).randbytes(2_000_000)
        view = memoryview(noise)
        while view:
            view = view[os.write(master, view[:65536]):]
        deadline = time.monotonic() + 60
        while source.warnings.total_suppressed + len(warnings) < 1000 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        source.stop()
        os.close(master)
        os.close(slave)
    assert calls == []
    assert 1 <= len(warnings) <= source.warnings.burst + 1
    assert source.warnings.total_suppressed >= 1000
