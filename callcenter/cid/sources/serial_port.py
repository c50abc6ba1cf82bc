"""Serial caller-ID source: modems and CID boxes on a COM port, a tty, a pseudo-terminal or a pyserial URL."""

from __future__ import annotations

import errno
from time import monotonic
from typing import Any

import serial

from callcenter.cid.events import FrameParser, ParseWarning
from callcenter.cid.sources.base import POLL_S, SourceDown, StreamSource
from callcenter.cid.sources.url import SerialSpec

INIT_REPLY_S = 0.5
"""Wait this long for a modem's OK/ERROR after each init command (a box that never answers costs this)."""
_REPLIES = (b"OK", b"ERROR")


class SerialSource(StreamSource):
    spec: SerialSpec

    def _session(self) -> None:
        spec = self.spec
        try:
            port: Any = serial.serial_for_url(spec.port, baudrate=spec.baud, timeout=POLL_S,
                                              write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise open_failure(spec.port, exc) from None
        try:
            parser = self._parser_factory()
            leftover = self._send_init(port, parser)
            self._set_up()
            if leftover:
                self._deliver(parser.feed(leftover, self.clock()))

            def read() -> bytes | None:
                first: bytes = port.read(1)  # returns as soon as one byte is there: no added latency
                if not first:
                    return None
                waiting = port.in_waiting
                return first + port.read(waiting) if waiting else first

            self._pump(read, parser)
        except (serial.SerialException, OSError) as exc:
            raise lost_device(spec.port, exc) from None
        finally:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass  # the device is already gone; nothing left to release

    def _send_init(self, port: Any, parser: FrameParser) -> bytes:
        """Send the init commands (re-sent on every open: modems forget AT+VCID=1 after a reset).

        Returns bytes read meanwhile that are not replies to the commands (caller ID may already be arriving).
        """
        kept = bytearray()
        for command in self.spec.init:
            echo = command.encode("ascii", "replace").upper()
            port.write(command.encode("ascii", "replace") + b"\r")
            port.flush()
            reply = bytearray()
            deadline = monotonic() + INIT_REPLY_S
            while monotonic() < deadline and not self.stopping:
                chunk: bytes = port.read(max(1, port.in_waiting))
                reply += chunk
                lines = [line.strip() for line in reply.splitlines()]
                if any(line in _REPLIES for line in lines):
                    break
            for raw in reply.splitlines(keepends=True):
                text = raw.strip()
                if text == b"ERROR":
                    self._deliver([ParseWarning(
                        parser.format, f"the modem answered ERROR to {command}; set init= in the source URL "
                        "to the caller-ID command this modem understands", bytes(raw), self.clock())])
                elif text and text not in _REPLIES and text.upper() != echo:
                    kept += raw
        return bytes(kept)


def open_failure(port: str, exc: BaseException) -> SourceDown:
    """Why a port did not open: missing (no adapter plugged in), busy (another program has it), or other."""
    text = str(exc) or type(exc).__name__
    number = getattr(exc, "errno", None)
    # pyserial gives errno on POSIX; on Windows only the text of the WinError it wraps.
    if number in (errno.ENOENT, errno.ENODEV, errno.ENXIO) or "FileNotFoundError" in text:
        return SourceDown("serial.missing", port=port, detail=text)
    if number in (errno.EACCES, errno.EBUSY, errno.EPERM) or "PermissionError" in text:
        return SourceDown("serial.busy", port=port, detail=text)
    return SourceDown("serial.open", port=port, detail=text)


def lost_device(port: str, exc: BaseException) -> SourceDown:
    text = str(exc) or type(exc).__name__
    if "Errno 5" in text or "disconnected" in text:
        return SourceDown("serial.gone", port=port)
    return SourceDown("serial.error", port=port, detail=text)
