"""``simulate --to URL``: play synthetic 112 calls as a real caller-ID device would send them.

Targets:
- a serial port or pseudo-terminal (``serial:///dev/pts/3``, ``serial://COM4``, any pyserial URL): the frames
  are written to it; in ``modem`` format the simulator also answers the reader's AT init commands with OK;
- ``tcp://127.0.0.1:PORT``: an NCID server on that port (greets each client with ``200``, replays the calls
  sent so far as ``CIDLOG:`` history, then streams ``CID:`` lines); it waits for the first client before the
  first call, so nothing is sent into the void;
- ``udp://HOST:3520``: CallerID.com Ethernet Link datagrams (``udp://0.0.0.0`` means this PC, 127.0.0.1).

One line per frame goes to stdout (or a summary with ``--quiet``); status goes to stderr. Exit status: 0 done
or interrupted (SIGINT/SIGTERM), 2 bad arguments, 1 the target failed.
"""

from __future__ import annotations

import argparse
import contextlib
import heapq
import os
import signal
import socket
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any, Literal, TextIO
from urllib.parse import parse_qsl, urlsplit

from callcenter.cid.encode import (
    CRLF,
    ENCODABLE_FORMATS,
    CallFrame,
    end_frames,
    incoming_frames,
    ncid_banner,
    ncid_cid,
    ncid_end_of_startup,
)
from callcenter.cid.sources.url import SerialSpec, SourceSpec, TcpSpec, UdpSpec, parse_source_url
from callcenter.cid.traffic import SyntheticCall, TrafficGenerator, device_time
from callcenter.clock import WIB, utcnow

BURST_RATE = 1000.0
"""At or above this many calls per second (or 0) frames are sent back to back, as fast as possible."""
REPEAT_WINDOW_S = 1.2
"""Parsers drop a frame identical to one seen within ~1 s (units repeat records); see ``_unique``."""
LOG_REPLAY = 500
DESCRIPTION = ("Play synthetic 112 calls as a real caller-ID device sends them: into a serial port or "
               "pseudo-terminal, as an NCID server on a TCP port, or as CallerID.com UDP datagrams.")
CLIENT_SETTLE_S = 0.5


class TargetError(Exception):
    """The target cannot be opened or written; the text is one sentence for stderr."""


# -- sinks ------------------------------------------------------------------------------------------------

class Sink(ABC):
    @abstractmethod
    def send(self, frame: bytes, call: CallFrame | None) -> None:
        """Deliver one frame to the target."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the target."""

    def describe(self) -> str:
        return "the target"

    def wait_ready(self, stop: threading.Event) -> bool:
        """Block until the target can usefully receive (a client connected); False when stopped."""
        return not stop.is_set()


class SerialSink(Sink):
    def __init__(self, spec: SerialSpec, fmt: str) -> None:
        import serial

        try:
            self.port: Any = serial.serial_for_url(spec.port, baudrate=spec.baud, timeout=0.1,
                                                   write_timeout=5.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise TargetError(f"cannot open {spec.port}: {exc}") from None
        self._stop = threading.Event()
        self._responder: threading.Thread | None = None
        if fmt == "modem":
            # A reader re-sends ATE0 / AT+VCID=1 on every open: answer like a modem so it does not wait.
            self._responder = threading.Thread(target=self._answer_at, name="simulate-at", daemon=True)
            self._responder.start()
        self._lock = threading.Lock()
        self._name = spec.port

    def describe(self) -> str:
        return self._name

    def _answer_at(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            try:
                data: bytes = self.port.read(256)
            except Exception:  # the port went away; the writer reports that
                return
            buffer = (buffer + data)[-256:]
            while b"\r" in buffer:
                command, _, buffer = buffer.partition(b"\r")
                if command.strip().upper().startswith(b"AT"):
                    with self._lock:
                        try:
                            self.port.write(CRLF + b"OK" + CRLF)
                        except Exception:
                            return

    def send(self, frame: bytes, call: CallFrame | None) -> None:
        try:
            with self._lock:
                self.port.write(frame)
        except Exception as exc:
            raise TargetError(f"writing to the serial port failed: {exc}") from None

    def close(self) -> None:
        self._stop.set()
        if self._responder is not None:
            self._responder.join(1.0)
        try:
            self.port.flush()
        except Exception:
            pass  # closing anyway
        self.port.close()


class NcidServerSink(Sink):
    """A small NCID server: greets clients, replays the call log, streams frames to every client."""

    def __init__(self, spec: TcpSpec, fmt: str, status: Callable[[str], None]) -> None:
        self.fmt = fmt
        try:
            self.server = socket.create_server((spec.host, spec.port))
        except OSError as exc:
            raise TargetError(f"cannot listen on {spec.host}:{spec.port}: {exc.strerror or exc}") from None
        self.server.settimeout(0.1)
        host, port = self.server.getsockname()[:2]
        self.address = (host, port)
        status(f"listening on tcp://{host}:{port} ({fmt})")
        self._lock = threading.Lock()
        self._clients: list[socket.socket] = []
        self._log: deque[CallFrame] = deque(maxlen=LOG_REPLAY)
        self._connected = threading.Event()
        self._stop = threading.Event()
        self._status = status
        self._thread = threading.Thread(target=self._accept, name="simulate-ncid", daemon=True)
        self._thread.start()

    def describe(self) -> str:
        return f"tcp://{self.address[0]}:{self.address[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, peer = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(5.0)
            with self._lock:
                try:
                    if self.fmt == "ncid":
                        greeting = ncid_banner() + b"".join(ncid_cid(c, log=True) for c in self._log)
                        client.sendall(greeting + ncid_end_of_startup(len(self._log)))
                except OSError:
                    client.close()
                    continue
                self._clients.append(client)
            self._status(f"client {peer[0]}:{peer[1]} connected")
            self._connected.set()

    def wait_ready(self, stop: threading.Event) -> bool:
        while not stop.is_set():
            if self._connected.wait(0.1):
                # pyserial's socket:// discards what arrives while it opens the port: let the reader settle.
                return not stop.wait(CLIENT_SETTLE_S)
        return False

    def send(self, frame: bytes, call: CallFrame | None) -> None:
        with self._lock:
            if call is not None and frame.startswith(b"CID:"):
                self._log.append(call)
            for client in list(self._clients):
                try:
                    client.sendall(frame)
                except OSError:
                    self._clients.remove(client)
                    client.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1.0)
        self.server.close()
        with self._lock:
            for client in self._clients:
                try:
                    client.shutdown(socket.SHUT_WR)  # deliver what is queued, then end the stream
                except OSError:
                    pass  # the client left already
                client.close()
            self._clients.clear()


class PtySink(Sink):
    """A pseudo-terminal pair made by the simulator (POSIX): frames go into the master, a reader opens the
    slave path (``serial:///dev/pts/N``, or the stable ``link=`` path). Nothing is sent before a reader has
    the slave open: pyserial discards input that arrived before it opened the port."""

    def __init__(self, fmt: str, link: Path | None, status: Callable[[str], None]) -> None:
        if sys.platform == "win32":
            raise TargetError("pseudo-terminals do not exist on Windows; use a virtual COM port pair "
                              "(com0com) and serial://COMn")
        import tty

        self.fmt = fmt
        self.master, slave = os.openpty()
        tty.setraw(slave)
        tty.setraw(self.master)
        self.path = os.ttyname(slave)
        os.close(slave)  # while no reader holds the slave, reading the master fails: that is how we see one
        self.link = link
        if link is not None:
            try:
                temporary = link.with_name(link.name + ".new")
                temporary.unlink(missing_ok=True)
                temporary.symlink_to(self.path)
                os.replace(temporary, link)
            except OSError as exc:
                os.close(self.master)
                raise TargetError(f"cannot create the link {link}: {exc.strerror or exc}") from None
        self._input = b""
        status(f"pseudo-terminal {self.path}" + (f" linked at {link}" if link else "")
               + f"; read it with serial://{link or self.path}?format={fmt}")

    def describe(self) -> str:
        return str(self.link or self.path)

    def _poll_input(self, timeout: float) -> bool:
        """Answer AT commands like a modem; True when a reader has the slave open."""
        import select

        readable, _, _ = select.select([self.master], [], [], timeout)
        if not readable:
            return True  # silence, not a hang-up: someone holds the slave
        try:
            data = os.read(self.master, 1024)
        except OSError:
            return False  # EIO: nobody has the slave open (yet, or any more)
        self._input = (self._input + data)[-256:]
        while b"\r" in self._input:
            command, _, self._input = self._input.partition(b"\r")
            if command.strip().upper().startswith(b"AT") and self.fmt == "modem":
                self._write(CRLF + b"OK" + CRLF)
        return bool(data)

    def wait_ready(self, stop: threading.Event) -> bool:
        while not stop.is_set():
            if self._poll_input(0.1):
                # Let the reader finish opening (and, for a modem, send its init string) before frame one.
                deadline = time.monotonic() + CLIENT_SETTLE_S
                while time.monotonic() < deadline and not stop.is_set():
                    self._poll_input(0.05)
                return not stop.is_set()
            stop.wait(0.1)
        return False

    def _write(self, frame: bytes) -> None:
        import select

        view = memoryview(frame)
        while view:
            if not select.select([], [self.master], [], 5.0)[1]:
                raise TargetError(f"nobody reads {self.describe()} (its buffer stayed full for 5 s)")
            written = os.write(self.master, view)
            view = view[written:]

    def _linger(self, limit_s: float = 3.0) -> None:
        """Closing the master hangs the line up and drops what the reader has not read yet: wait for it."""
        import fcntl
        import termios

        try:
            probe = os.open(self.path, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
        except OSError:
            return
        try:
            deadline = time.monotonic() + limit_s
            empty_since: float | None = None
            while time.monotonic() < deadline:
                queued = fcntl.ioctl(probe, termios.TIOCINQ, b"\0\0\0\0")
                now = time.monotonic()
                if int.from_bytes(queued, sys.byteorder):
                    empty_since = None
                elif empty_since is None:
                    empty_since = now
                elif now - empty_since >= 0.3:
                    break  # empty for a while: the kernel's flip buffer has nothing in flight either
                time.sleep(0.01)
        except OSError:
            pass  # cannot tell: the reader has had its chance
        finally:
            os.close(probe)

    def send(self, frame: bytes, call: CallFrame | None) -> None:
        try:
            self._poll_input(0.0)
            self._write(frame)
        except OSError as exc:
            raise TargetError(f"writing to {self.describe()} failed: {exc.strerror or exc}") from None

    def close(self) -> None:
        self._linger()
        os.close(self.master)
        if self.link is not None:
            with contextlib.suppress(OSError):
                if self.link.is_symlink() and os.readlink(self.link) == self.path:
                    self.link.unlink()


class UdpSink(Sink):
    def __init__(self, spec: UdpSpec) -> None:
        host = "127.0.0.1" if spec.host in ("0.0.0.0", "") else spec.host
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        if host.endswith(".255"):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)  # units broadcast
        self.address = (host, spec.port)

    def describe(self) -> str:
        return f"udp://{self.address[0]}:{self.address[1]}"

    def send(self, frame: bytes, call: CallFrame | None) -> None:
        try:
            self.sock.sendto(frame, self.address)
        except OSError as exc:
            raise TargetError(f"sending to udp://{self.address[0]}:{self.address[1]} failed: "
                              f"{exc.strerror or exc}") from None

    def close(self) -> None:
        self.sock.close()


# -- the run ----------------------------------------------------------------------------------------------

def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``simulate`` on an ``argparse`` sub-parser collection; returns the new parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "simulate", help="send synthetic caller-ID frames to a serial port, as an NCID server, or over UDP",
        description=DESCRIPTION)
    configure_parser(parser)
    return parser


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, metavar="URL",
                        help="serial:///dev/ttyS1, serial://COM3, tcp://127.0.0.1:3333, "
                             "udp://127.0.0.1:3520, or pty://?link=/tmp/cid0 (a new pseudo-terminal; "
                             "read it with serial:///tmp/cid0)")
    parser.add_argument("--format", choices=ENCODABLE_FORMATS, default=None,
                        help="frame format (default: the URL's format=, else modem for serial, ncid for "
                             "tcp, callerid-com for udp)")
    parser.add_argument("--count", type=int, default=0, metavar="N", help="stop after N calls (0: run on)")
    parser.add_argument("--rate", type=float, default=1.0, metavar="R",
                        help="calls per second on average; 0 = as fast as possible")
    parser.add_argument("--seed", type=int, default=None, metavar="S",
                        help="random seed (same calls each run)")
    parser.add_argument("--lines", type=int, default=1, metavar="N", help="number of telephone lines")
    parser.add_argument("--quiet", action="store_true", help="print only a summary at the end")


def _target_format(spec: SourceSpec, requested: str | None) -> str:
    if not isinstance(spec, SerialSpec | TcpSpec | UdpSpec):
        raise ValueError(f"simulate cannot send to {spec.display}; use a serial://, tcp:// or udp:// URL")
    # The URL's format= (defaults: modem for serial, ncid for tcp, callerid-com for udp) unless --format.
    fmt = requested or spec.format
    if fmt not in ENCODABLE_FORMATS:
        raise ValueError(f"simulate cannot produce format {fmt!r}; use one of {', '.join(ENCODABLE_FORMATS)}")
    return fmt


class _Run:
    def __init__(self, sink: Sink, fmt: str, out: TextIO, quiet: bool) -> None:
        self.sink = sink
        self.fmt = fmt
        self.out = out
        self.quiet = quiet
        self.frames = 0
        self.calls = 0
        self._recent: dict[bytes, float] = {}
        self._wire_fmt = "callerid-com-udp" if fmt == "callerid-com" and isinstance(sink, UdpSink) else fmt

    def _unique(self, frame: CallFrame) -> CallFrame:
        """A real line cannot deliver the same caller twice within a second, but a burst can; parsers then
        drop the twin as a unit's repeated record. Move such a call's device clock on a minute until its
        frame differs from every frame sent within the repeat window."""
        now = time.monotonic()
        if len(self._recent) > 4096:
            self._recent = {k: t for k, t in self._recent.items() if now - t < REPEAT_WINDOW_S}
        while True:
            key = b"".join(incoming_frames(self._wire_fmt, frame))
            sent = self._recent.get(key)
            if sent is None or now - sent >= REPEAT_WINDOW_S:
                self._recent[key] = now
                return frame
            frame = replace(frame, when=frame.when + timedelta(minutes=1))

    def incoming(self, call: SyntheticCall, frame: CallFrame) -> CallFrame:
        frame = self._unique(frame)
        for data in incoming_frames(self._wire_fmt, frame):
            self.sink.send(data, frame)
            self._print("incoming", frame)
        self.calls += 1
        return frame

    def end(self, frame: CallFrame) -> None:
        for data in end_frames(self._wire_fmt, frame):
            self.sink.send(data, None)
            self._print("end", frame)

    def _print(self, kind: str, frame: CallFrame) -> None:
        self.frames += 1
        if self.quiet:
            return
        who = frame.number if not frame.withheld else frame.presentation.value
        name = f" {frame.name}" if frame.name else ""
        self.out.write(f"{utcnow():%Y-%m-%dT%H:%M:%S.%fZ} {self.fmt} line {frame.line} {kind} {who}{name}\n")
        self.out.flush()


def run(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr

    def status(text: str) -> None:
        err.write(f"simulate: {text}\n")
        err.flush()

    try:
        if args.count < 0:
            raise ValueError("--count must be 0 or more")
        if args.rate < 0 or args.rate != args.rate:
            raise ValueError("--rate must be 0 or more calls per second")
        if args.lines < 1:
            raise ValueError("--lines must be at least 1")
        pty_link = _pty_target(args.to)
        if pty_link is not None:
            spec = None
            fmt = args.format or "modem"
        else:
            spec = parse_source_url(args.to)
            fmt = _target_format(spec, args.format)
    except ValueError as exc:
        err.write(f"error: {exc}\n")
        return 2

    stop = threading.Event()
    restore = _install_signal_handlers(stop)
    try:
        try:
            sink: Sink
            if spec is None:
                sink = PtySink(fmt, pty_link or None, status)
            elif isinstance(spec, SerialSpec):
                sink = SerialSink(spec, fmt)
            elif isinstance(spec, TcpSpec):
                sink = NcidServerSink(spec, fmt, status)
            else:
                assert isinstance(spec, UdpSpec)
                sink = UdpSink(spec)
        except TargetError as exc:
            err.write(f"error: {exc}\n")
            return 1
        state = _Run(sink, fmt, out, args.quiet)
        started = time.monotonic()
        try:
            if isinstance(sink, NcidServerSink):
                status("waiting for the first NCID client")
            if sink.wait_ready(stop):
                _play(state, args, stop)
        except TargetError as exc:
            err.write(f"error: {exc}\n")
            return 1
        finally:
            sink.close()
        elapsed = time.monotonic() - started
        if args.quiet or stop.is_set():
            status(f"sent {state.calls} calls in {state.frames} frames in {elapsed:.2f} s ({fmt} to "
                   f"{sink.describe()})")
        return 0
    finally:
        restore()


def _pty_target(target: str) -> Path | Literal[""] | None:
    """``pty://`` (or ``pty://?link=PATH``): "" or the link path; None when the target is not a pty."""
    parts = urlsplit(target.strip())
    if parts.scheme.lower() != "pty":
        return None
    if parts.netloc or parts.path not in ("", "/"):
        raise ValueError(f"{target!r}: write pty:// or pty://?link=/path/for/the/reader")
    params = dict(parse_qsl(parts.query))
    if set(params) - {"link"}:
        raise ValueError(f"{target!r}: pty:// takes only link=")
    return Path(params["link"]) if params.get("link") else ""


def _play(state: _Run, args: argparse.Namespace, stop: threading.Event) -> None:
    burst = args.rate == 0 or args.rate >= BURST_RATE
    generator = TrafficGenerator(args.seed, rate=args.rate if args.rate > 0 else BURST_RATE, lines=args.lines)
    ref_base = int(time.time())
    ends: list[tuple[float, int, CallFrame]] = []
    next_at = time.monotonic()
    while not stop.is_set() and (args.count == 0 or state.calls < args.count):
        call = next(generator)
        if not burst:
            next_at += call.gap_s
            while not stop.is_set():
                due = min(next_at, ends[0][0]) if ends else next_at
                if stop.wait(max(0.0, due - time.monotonic())):
                    return
                while ends and ends[0][0] <= time.monotonic():
                    state.end(heapq.heappop(ends)[2])
                if time.monotonic() >= next_at:
                    break
        frame = CallFrame.from_call(call, device_time(utcnow().astimezone(WIB)), ref_base=ref_base)
        frame = state.incoming(call, frame)
        if call.abandoned:
            if burst:
                state.end(frame)
            else:
                heapq.heappush(ends, (next_at + call.ring_s, call.seq, frame))
    # Finish the calls already started so every call the reader saw is complete.
    while ends and not stop.is_set():
        state.end(heapq.heappop(ends)[2])


def _install_signal_handlers(stop: threading.Event) -> Callable[[], None]:
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)

    def restore() -> None:
        for number, old in previous.items():
            signal.signal(number, old)

    return restore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="simulate",
                                     description=DESCRIPTION)
    configure_parser(parser)
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
