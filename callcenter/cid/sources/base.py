"""The caller-ID source base: one daemon thread per source, reconnect with backoff, state reporting.

Subscribers are called **from the source thread**. They must be cheap (hand the event to a queue, a Qt
signal or a database worker; never do I/O that can block for long) and thread-safe. An exception raised
by a subscriber is logged and swallowed: one faulty subscriber must not stop the line.

Events from one source have strictly increasing ``received_at`` (events parsed from the same read are spaced
a microsecond apart), so a burst of identical-looking calls still gives distinct (source key, time) pairs.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from time import monotonic
from typing import Protocol

from callcenter.cid.base import WarningLimiter
from callcenter.cid.events import CallerIdEvent, FrameParser, ParseResult, ParseWarning
from callcenter.cid.registry import make_parser
from callcenter.cid.sources.url import SourceSpec
from callcenter.clock import Clock, utcnow

log = logging.getLogger(__name__)
_MICROSECOND = timedelta(microseconds=1)
_CLOCK_STEP = timedelta(seconds=1)

BACKOFF_FIRST_S = 0.2
BACKOFF_MAX_S = 2.0
IDLE_FLUSH_S = 0.3
"""After this much silence with unparsed bytes the parser is asked to complete a last unterminated line."""
POLL_S = 0.1
"""Read timeout: bounds how long stop() and the idle flush wait."""


class LineStatus(StrEnum):
    CONNECTING = "connecting"
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class LineState:
    source_key: str
    display: str
    """The source URL without any password: safe for logs and the screen."""
    status: LineStatus
    reason: str | None
    """Why the line is down (or None), in English: for logs and the command line."""
    since: datetime
    """When this status began (aware UTC)."""
    reason_code: str | None = None
    """The reason as a stable code (``REASONS``) for the console to word in its language; None when up."""
    reason_params: Mapping[str, str] = field(default_factory=dict)
    """The values the reason names (port, host, detail ...)."""


REASONS: Mapping[str, str] = {
    # Every reason a line can be down for: code -> the English sentence (params in braces). The console words
    # each code in its own language (ui.words.lines); the English stays in the logs.
    "not_started": "not started",
    "stopped": "stopped",
    "closed": "connection closed",
    "lost": "connection lost",
    "system": "{detail}",
    "internal": "internal error: {detail}",
    "bad_url": "{detail}",
    "no_answer": "no answer within {seconds} s",
    "serial.missing": "cannot open {port}: there is no such port ({detail})",
    "serial.busy": "cannot open {port}: access denied, another program may be using it ({detail})",
    "serial.open": "cannot open {port}: {detail}",
    "serial.gone": "{port}: the serial device went away (cable pulled or port closed)",
    "serial.error": "{port}: {detail}",
    "net.resolve": "cannot resolve {host}: {detail}",
    "net.refused": "cannot connect to {host}:{port}: connection refused",
    "net.timeout": "cannot connect to {host}:{port}: no answer within {seconds} s",
    "net.connect": "cannot connect to {host}:{port}: {detail}",
    "net.closed": "the server closed the connection",
    "udp.listen": "cannot listen on UDP {host}:{port}: {detail}",
    "ami.not_manager": "{host}:{port} is not an Asterisk manager port",
    "ami.login_failed": "login failed",
    "ami.login_timeout": "no answer from the Asterisk manager during login",
    "ami.closed": "the Asterisk manager closed the connection",
    "ami.silent": "the Asterisk manager stopped answering",
    "modem.no_answer": "the modem did not answer {command}",
    "modem.no_at": "no modem answers AT on {port}",
    "modem.refused": "the modem refused {command} ({detail}); it cannot receive SMS in PDU mode",
}


def reason_sentence(code: str, params: Mapping[str, object]) -> str:
    """The English sentence of a reason code (unknown values stay as their names)."""
    template = REASONS.get(code, code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class SourceSubscriber(Protocol):
    def on_event(self, source_key: str, event: CallerIdEvent) -> None: ...

    def on_warning(self, source_key: str, warning: ParseWarning) -> None: ...

    def on_state(self, state: LineState) -> None: ...


class Subscriber:
    """A ``SourceSubscriber`` built from plain callables; any of them may be omitted."""

    def __init__(self, on_event: Callable[[str, CallerIdEvent], None] | None = None,
                 on_warning: Callable[[str, ParseWarning], None] | None = None,
                 on_state: Callable[[LineState], None] | None = None) -> None:
        self._event = on_event
        self._warning = on_warning
        self._state = on_state

    def on_event(self, source_key: str, event: CallerIdEvent) -> None:
        if self._event is not None:
            self._event(source_key, event)

    def on_warning(self, source_key: str, warning: ParseWarning) -> None:
        if self._warning is not None:
            self._warning(source_key, warning)

    def on_state(self, state: LineState) -> None:
        if self._state is not None:
            self._state(state)


class SourceDown(Exception):
    """Raised inside a source thread when the connection is lost or cannot be made: a reason ``code`` (one of
    ``REASONS``) with its values; the text is the English sentence, for the logs."""

    def __init__(self, code: str, **params: object) -> None:
        if code in REASONS:
            self.code, self.params = code, {key: str(value) for key, value in params.items()}
        else:  # a sentence instead of a code: still shown (as the core wrote it), never lost
            self.code, self.params = "system", {"detail": code}
        super().__init__(reason_sentence(self.code, self.params))


class Source(ABC):
    """A caller-ID source running in its own daemon thread; reconnects by itself until stopped."""

    def __init__(self, spec: SourceSpec, *, clock: Clock = utcnow,
                 parser_factory: Callable[[], FrameParser] | None = None,
                 backoff_max_s: float = BACKOFF_MAX_S) -> None:
        self.spec = spec
        self.key = spec.key
        self.display = spec.display
        self.clock = clock
        self.backoff_max_s = backoff_max_s
        datefmt = getattr(spec, "datefmt", None)
        self._parser_factory = parser_factory or (lambda: make_parser(spec.format, datefmt=datefmt))
        self._subscribers: list[SourceSubscriber] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = LineState(self.key, self.display, LineStatus.DOWN, REASONS["not_started"], clock(),
                                "not_started")
        self._last_received: datetime | None = None
        self.warnings = WarningLimiter(spec.format)
        """A noisy line gives a few warnings one by one and then a periodic summary with counts."""

    # -- public API ------------------------------------------------------------------------------------

    def subscribe(self, subscriber: SourceSubscriber) -> None:
        with self._lock:
            self._subscribers.append(subscriber)

    @property
    def state(self) -> LineState:
        return self._state

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"cid-source {self.display}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the thread to finish, close the connection, and join it (at most ``timeout`` seconds)."""
        self._stop.set()
        self._interrupt()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # -- for subclasses --------------------------------------------------------------------------------

    @abstractmethod
    def _session(self) -> None:
        """Open the connection, call ``_set_up()`` once it works, pump data until it fails or stop is asked.

        Raise ``SourceDown(code, **params)`` (or ``OSError``) when the connection fails; return when stopping.
        Must close what it opened before leaving.
        """

    def _interrupt(self) -> None:
        """Called from ``stop()`` in the caller's thread: unblock a pending read if possible."""
        return None

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _set_up(self) -> None:
        self._set_state(LineStatus.UP, None)

    def _deliver(self, results: list[ParseResult]) -> None:
        results = self.warnings.filter(results)
        for result in results:
            if isinstance(result, CallerIdEvent):
                result = self._distinct_time(result)
            with self._lock:
                subscribers = list(self._subscribers)
            for subscriber in subscribers:
                try:
                    if isinstance(result, CallerIdEvent):
                        subscriber.on_event(self.key, result)
                    else:
                        subscriber.on_warning(self.key, result)
                except Exception:
                    log.exception("caller-ID subscriber failed on %s", self.display)

    def _summarise_warnings(self) -> None:
        """When the line goes quiet after a noisy interval, say how many warnings were held back."""
        if monotonic() - self.warnings.window_start >= self.warnings.interval_s:
            summary = self.warnings.summary(self.clock())
            if summary is not None:
                self._deliver([summary])

    def _distinct_time(self, event: CallerIdEvent) -> CallerIdEvent:
        """Events parsed from one read share its receive time; space them a microsecond apart so that
        ``received_at`` strictly increases per source and (source key, received_at) names one event."""
        last = self._last_received
        # A wall clock stepped back by more than a second (NTP) is believed: better than a stale time.
        if last is not None and last - _CLOCK_STEP < event.received_at <= last:
            event = replace(event, received_at=last + _MICROSECOND)
        self._last_received = event.received_at
        return event

    def _set_state(self, status: LineStatus, reason: SourceDown | None) -> None:
        current = self._state
        text = str(reason) if reason is not None else None
        if current.status == status and current.reason == text:
            return
        self._state = LineState(self.key, self.display, status, text, self.clock(),
                                reason.code if reason is not None else None,
                                dict(reason.params) if reason is not None else {})
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber.on_state(self._state)
            except Exception:
                log.exception("caller-ID subscriber failed on state of %s", self.display)

    # -- the thread ------------------------------------------------------------------------------------

    def _run(self) -> None:
        backoff = BACKOFF_FIRST_S
        self._set_state(LineStatus.CONNECTING, None)
        while not self._stop.is_set():
            try:
                self._session()
                reason = SourceDown("closed")
            except SourceDown as exc:
                reason = exc
            except OSError as exc:
                reason = SourceDown("system", detail=exc.strerror or str(exc) or type(exc).__name__)
            except Exception as exc:  # a defect must not kill the line for the rest of the shift
                log.exception("caller-ID source %s failed", self.display)
                reason = SourceDown("internal", detail=type(exc).__name__)
            if self._stop.is_set():
                break
            if self._state.status is LineStatus.UP:
                backoff = BACKOFF_FIRST_S  # it worked a moment ago: try again soon
            # While retrying, the line stays "down" (no flapping through "connecting") until it is up again.
            self._set_state(LineStatus.DOWN, reason)
            if self._stop.wait(backoff):
                break
            backoff = min(backoff * 2, self.backoff_max_s)
        self._set_state(LineStatus.DOWN, SourceDown("stopped"))


class StreamSource(Source):
    """A byte-stream source (serial, TCP, AMI): read with a short timeout, feed the parser, flush on idle."""

    def _pump(self, read: Callable[[], bytes | None], parser: FrameParser,
              on_idle: Callable[[], None] | None = None) -> None:
        """Read until stop or failure. ``read`` returns bytes, ``None`` on timeout, raises on failure."""
        pending = False
        last_data = 0.0
        clock = self.clock
        try:
            while not self._stop.is_set():
                data = read()
                if data:
                    self._deliver(parser.feed(data, clock()))
                    pending = True
                    last_data = monotonic()
                elif pending and monotonic() - last_data >= IDLE_FLUSH_S:
                    pending = False
                    self._deliver(parser.flush(clock()))
                    self._summarise_warnings()
                if on_idle is not None:
                    on_idle()
        finally:
            # Stopping or losing the line: a complete last frame without its terminator is still a call.
            if pending:
                try:
                    self._deliver(parser.flush(clock()))
                except Exception:
                    log.exception("caller-ID parser failed flushing %s", self.display)
