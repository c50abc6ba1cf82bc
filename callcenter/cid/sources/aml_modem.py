"""A GSM modem receiving the location SMS that phones send after dialling 112: ``serial://PORT?format=aml``.

On every open the modem is set up (TS 27.005): ``AT``, ``ATE0`` (no echo), ``AT+CMEE=1``, ``AT+CMGF=0`` (PDU
mode) and ``AT+CNMI=2,1,0,0,0`` (store each new SMS and announce it with ``+CMTI: "SM",<index>``), then the
commands of ``init=`` if the URL gives any. Messages already stored are read with ``AT+CMGL=4``; each ``+CMTI``
is read with ``AT+CMGR=<index>``; a modem that pushes ``+CMT:`` with the PDU is read directly. Every few seconds
the stored messages are listed again, so an announcement lost on the wire costs a delay, never a message.

A message is deleted from the SIM (``AT+CMGD=<index>``) only after a handler has taken it (stored it in the
database): while the database is down the SIM is the spool. Parts of a concatenated message stay on the SIM
until the last part has come (or the reassembly time has passed, when the parts are handed on as they are).
SMS that are not locations are handed on too: they are kept for the operators, never dropped.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable
from datetime import datetime
from time import monotonic
from typing import Any

import serial

from callcenter.aml.pdu import decode_deliver
from callcenter.aml.sms import Reassembler, ReceivedSms, interpret, undecodable
from callcenter.cid.events import ParseResult, ParseWarning
from callcenter.cid.sources.base import POLL_S, Source, SourceDown
from callcenter.cid.sources.serial_port import lost_device, open_failure
from callcenter.cid.sources.url import SerialSpec
from callcenter.clock import Clock, utcnow
from callcenter.errors import MessageError

log = logging.getLogger(__name__)

FORMAT = "aml"
REPLY_S = 3.0
"""How long a command may take before the modem counts as not answering (the line goes down and reconnects)."""
LIST_REPLY_S = 20.0
"""Listing a full SIM takes a slow modem a while."""
SWEEP_S = 15.0
"""How often the stored messages are listed again (a lost +CMTI, a hand-over that failed earlier)."""
MAX_LINE = 1024
SETUP: tuple[tuple[str, bool], ...] = (("ATE0", True), ("AT+CMEE=1", False), ("AT+CMGF=0", True))
INDICATIONS = ("AT+CNMI=2,1,0,0,0", "AT+CNMI=1,1,0,0,0")
_CMTI = re.compile(r'^\+CMTI:\s*"?([A-Za-z]*)"?\s*,\s*(\d+)')
_CMGL = re.compile(r"^\+CMGL:\s*(\d+)\s*,\s*(\d+)")
_CMGR = re.compile(r"^\+CMGR:\s*(\d+)")
_FINAL_ERROR = re.compile(r"^(?:ERROR|\+CMS ERROR:.*|\+CME ERROR:.*|COMMAND NOT SUPPORT|NO CARRIER)$")
_RECEIVED = (0, 1)  # <stat> REC UNREAD, REC READ; stored outgoing messages (2, 3) are not ours to touch

MessageHandler = Callable[[ReceivedSms], object]


class ModemError(Exception):
    """The modem answered ERROR (or +CMS ERROR) to a command."""


class _NoFrames:
    """The base class wants a frame parser; this source reads AT responses itself."""

    format = FORMAT

    def feed(self, data: bytes, now: datetime) -> list[ParseResult]:
        return []

    def flush(self, now: datetime) -> list[ParseResult]:
        return []


class _Link:
    """Lines from and commands to the modem; unsolicited lines that arrive meanwhile are kept in order."""

    def __init__(self, port: Any, source: AmlModemSource) -> None:
        self.port = port
        self.source = source
        self.buffer = bytearray()
        self.unsolicited: deque[tuple[str, str | None]] = deque()

    def read_line(self, timeout: float) -> str | None:
        deadline = monotonic() + timeout
        while True:
            newline = self.buffer.find(b"\n")
            if newline < 0 and len(self.buffer) > MAX_LINE:
                newline = MAX_LINE  # a line with no end: cut it rather than grow without bound
            if newline >= 0:
                raw = bytes(self.buffer[:newline])
                del self.buffer[:newline + 1]
                line = raw.decode("ascii", "replace").strip()
                if line:
                    return line
                continue
            if monotonic() >= deadline or self.source.stopping:
                return None
            first: bytes = self.port.read(1)
            if first:
                waiting = self.port.in_waiting
                self.buffer += first + (self.port.read(waiting) if waiting else b"")

    def command(self, command: str, timeout: float = REPLY_S) -> list[str]:
        """Send one command; the lines of its answer (without the final OK). Raises ModemError on ERROR and
        SourceDown when nothing answers in time."""
        self.port.write(command.encode("ascii") + b"\r")
        self.port.flush()
        lines: list[str] = []
        deadline = monotonic() + timeout
        while True:
            line = self.read_line(max(0.0, deadline - monotonic()))
            if line is None:
                if self.source.stopping:
                    return lines
                raise SourceDown("modem.no_answer", command=command)
            if line == "OK":
                return lines
            if _FINAL_ERROR.match(line):
                raise ModemError(f"{command}: {line}")
            if line.upper() == command.upper():
                continue  # echo (before ATE0 took effect)
            if self.take_unsolicited(line):
                continue
            lines.append(line)

    def take_unsolicited(self, line: str) -> bool:
        """Queue an announcement that is not part of a command's answer; True when the line was one."""
        if line.startswith("+CMTI:"):
            self.unsolicited.append((line, None))
            return True
        if line.startswith("+CMT:"):
            pdu = self.read_line(REPLY_S)  # the PDU follows on the next line
            self.unsolicited.append((line, pdu))
            return True
        return line in ("RING", "NO CARRIER") or line.startswith(("+CRING", "+CLIP", "^", "+CIEV", "+CDS"))


class AmlModemSource(Source):
    """Reads SMS from a GSM modem and hands each received message to the handlers (``on_message``)."""

    spec: SerialSpec

    def __init__(self, spec: SerialSpec, *, clock: Clock = utcnow, sweep_s: float = SWEEP_S,
                 reply_s: float = REPLY_S, reassembler: Reassembler[Any] | None = None) -> None:
        super().__init__(spec, clock=clock, parser_factory=lambda: _NoFrames())
        self.sweep_s = sweep_s
        self.reply_s = reply_s
        self._handlers: list[MessageHandler] = []
        self._reassembler: Reassembler[Any] = reassembler or Reassembler()
        self._handed: dict[int, str] = {}
        """SIM index -> PDU of messages handed on whose deletion failed: never handed on twice."""
        self._pushed: list[ReceivedSms] = []
        """+CMT messages (not on the SIM) that no handler could take yet: retried from memory."""
        self._pdu_at: dict[int, str] = {}
        self._warned_no_handler = False

    def on_message(self, handler: MessageHandler) -> None:
        """``handler(sms)`` is called from the source thread; it returns once the message is stored and raises
        when it cannot be (the message then stays on the SIM and comes again)."""
        with self._lock:
            self._handlers.append(handler)

    # -- the session ---------------------------------------------------------------------------------------
    def _session(self) -> None:
        spec = self.spec
        try:
            port: Any = serial.serial_for_url(spec.port, baudrate=spec.baud, timeout=POLL_S, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise open_failure(spec.port, exc) from None
        try:
            link = _Link(port, self)
            self._set_up_modem(link)
            self._set_up()
            self._sweep(link)
            next_sweep = monotonic() + self.sweep_s
            while not self.stopping:
                line = link.read_line(POLL_S)
                if line is not None and not link.take_unsolicited(line):
                    log.debug("%s: ignored %r", self.display, line[:80])
                while link.unsolicited and not self.stopping:
                    self._announcement(link, *link.unsolicited.popleft())
                if monotonic() >= next_sweep:
                    next_sweep = monotonic() + self.sweep_s
                    self._sweep(link)
        except (serial.SerialException, OSError) as exc:
            raise lost_device(spec.port, exc) from None
        finally:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass  # already gone

    def _set_up_modem(self, link: _Link) -> None:
        for attempt in range(3):
            try:
                link.command("AT", timeout=min(self.reply_s, 1.0))
                break
            except (SourceDown, ModemError):
                if attempt == 2 or self.stopping:
                    raise SourceDown("modem.no_at", port=self.spec.port) from None
        for command, required in SETUP:
            try:
                link.command(command, timeout=self.reply_s)
            except ModemError as exc:
                if required:
                    raise SourceDown("modem.refused", command=command, detail=exc) from None
        for command in INDICATIONS:
            try:
                link.command(command, timeout=self.reply_s)
                break
            except ModemError:
                continue
        else:
            self._warn(f"the modem refused new-message indications; stored SMS are read every {self.sweep_s:g} s",
                       "AT+CNMI")
        for command in self.spec.init:
            try:
                link.command(command, timeout=self.reply_s)
            except ModemError as exc:
                self._warn(f"the modem refused {command} from init=: {exc}", command)

    def _announcement(self, link: _Link, line: str, pdu: str | None) -> None:
        if line.startswith("+CMT:"):
            self._pushed.append(self._single(pdu or "", None) if pdu else self._broken(line, "no PDU after +CMT"))
            self._retry_pushed()
            return
        match = _CMTI.match(line)
        if match is None:
            self._warn(f"unreadable announcement {line[:60]!r}", line)
            return
        index = int(match.group(2))
        try:
            answer = link.command(f"AT+CMGR={index}", timeout=self.reply_s)
        except ModemError as exc:
            self._warn(f"reading SMS {index} failed ({exc}); it is read again at the next listing", line)
            return
        stored = _stored_messages(answer, _CMGR, with_index=index)
        for found_index, stat, found_pdu in stored:
            if stat in _RECEIVED:
                self._stored(link, found_index, found_pdu)

    def _sweep(self, link: _Link) -> None:
        """List every stored message and take the received ones; expire unfinished concatenations."""
        answer = link.command("AT+CMGL=4", timeout=LIST_REPLY_S)
        for index, stat, pdu in _stored_messages(answer, _CMGL):
            if stat in _RECEIVED:
                self._stored(link, index, pdu)
        for assembled in self._reassembler.expired(self.clock()):
            sms = interpret(assembled.parts, received_at=self.clock(), source_key=self.key,
                            expected=assembled.expected)
            if self._hand_over(sms):
                self._delete(link, assembled.tokens)
        self._retry_pushed()

    # -- messages ------------------------------------------------------------------------------------------
    def _stored(self, link: _Link, index: int, pdu: str) -> None:
        pdu = "".join(pdu.split()).upper()
        self._pdu_at[index] = pdu
        if self._handed.get(index) == pdu:
            self._delete(link, [index])  # handed on already; only the deletion failed before
            return
        if self._reassembler.holds(index):
            return  # a part already waiting for the rest
        now = self.clock()
        try:
            part = decode_deliver(pdu)
        except MessageError as exc:
            self._warn(f"SMS {index} cannot be decoded ({exc}); it is kept as received", pdu)
            if self._hand_over(undecodable(pdu, str(exc), received_at=now, source_key=self.key)):
                self._delete(link, [index])
            return
        assembled = self._reassembler.add(part, index, now)
        if assembled is None:
            return
        if not assembled.parts:
            self._delete(link, assembled.tokens)
            return
        sms = interpret(assembled.parts, received_at=now, source_key=self.key, expected=assembled.expected)
        if self._hand_over(sms):
            self._delete(link, assembled.tokens)

    def _single(self, pdu: str, token: object) -> ReceivedSms:
        now = self.clock()
        try:
            part = decode_deliver(pdu)
        except MessageError as exc:
            return undecodable(pdu, str(exc), received_at=now, source_key=self.key)
        return interpret([part], received_at=now, source_key=self.key)

    def _broken(self, raw: str, reason: str) -> ReceivedSms:
        return undecodable(raw, reason, received_at=self.clock(), source_key=self.key)

    def _retry_pushed(self) -> None:
        while self._pushed and self._hand_over(self._pushed[0]):
            self._pushed.pop(0)

    def _hand_over(self, sms: ReceivedSms) -> bool:
        """True once every handler has taken the message."""
        with self._lock:
            handlers = list(self._handlers)
        if not handlers:
            if not self._warned_no_handler:
                self._warned_no_handler = True
                self._warn("no program takes the received SMS yet; they stay on the SIM", "")
            return False
        for handler in handlers:
            try:
                handler(sms)
            except Exception as exc:
                log.warning("%s: an SMS could not be stored (%s); it stays on the modem and is tried again",
                            self.display, exc)
                self._warn(f"an SMS could not be stored ({type(exc).__name__}); it is tried again", "")
                return False
        return True

    def _delete(self, link: _Link, indexes: list[Any]) -> None:
        for index in indexes:
            if not isinstance(index, int):
                continue
            try:
                link.command(f"AT+CMGD={index}", timeout=self.reply_s)
                self._handed.pop(index, None)
                self._pdu_at.pop(index, None)
            except ModemError as exc:
                self._warn(f"deleting SMS {index} failed ({exc}); it will not be handed on twice", str(index))
                self._handed[index] = self._pdu_at.get(index, "")

    def _warn(self, message: str, raw: str) -> None:
        self._deliver([ParseWarning(FORMAT, message, raw.encode("ascii", "replace")[:400], self.clock())])


def _stored_messages(lines: list[str], header: re.Pattern[str], *,
                     with_index: int | None = None) -> list[tuple[int, int, str]]:
    """(index, stat, pdu) from a +CMGL or +CMGR answer: each header line is followed by its PDU line."""
    found: list[tuple[int, int, str]] = []
    pending: tuple[int, int] | None = None
    for line in lines:
        match = header.match(line)
        if match is not None:
            if with_index is not None:
                pending = (with_index, int(match.group(1)))
            else:
                pending = (int(match.group(1)), int(match.group(2)))
            continue
        if pending is not None:
            found.append((pending[0], pending[1], line))
            pending = None
    return found
