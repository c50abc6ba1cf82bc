"""Caller-ID source URLs, parsed into typed specs.

Forms (DESIGN.md): ``serial:///dev/ttyUSB0?baud=1200&format=modem``, ``serial://COM3?...`` (or a bare
``COM3`` / ``/dev/ttyS0``), any other pyserial URL (``rfc2217://``, ``socket://``, ``loop://``, ...),
``tcp://host:3333?format=ncid``, ``udp://0.0.0.0:3520?format=callerid-com``, ``ami://user:secret@host:5038``
and ``sim://?rate=0.5&seed=1&lines=2``.

Every spec has a ``display`` form without the password (the only form that may reach a log or the screen)
and a stable ``key`` that names the physical source (the intake builds de-duplication keys from it, so it
ignores tuning parameters such as ``baud`` and never contains a secret).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from callcenter.cid.registry import FORMATS

DEFAULT_NCID_PORT = 3333
DEFAULT_UDP_PORT = 3520
DEFAULT_AMI_PORT = 5038
DEFAULT_BAUD = 1200
MODEM_INIT: tuple[str, ...] = ("ATE0", "AT+VCID=1")
"""Sent on every open of a ``format=modem`` port: modems forget AT+VCID=1 after a reset."""

# pyserial URL handlers (serial.protocol_handler_packages); these are passed through to serial_for_url.
PYSERIAL_SCHEMES = frozenset({"rfc2217", "socket", "loop", "spy", "hwgrep", "alt", "cp2110"})
_OWN_SERIAL_PARAMS = ("format", "baud", "init")
_WINDOWS_PORT = re.compile(r"^(?:\\\\\.\\)?COM\d+$", re.IGNORECASE)
AML_FORMAT = "aml"
"""A GSM modem receiving phones' location SMS (serial only; it has no frame parser of its own)."""
AML_BAUD = 115200
_FORMAT_NAMES = frozenset((*FORMATS, AML_FORMAT))


@dataclass(frozen=True, slots=True)
class SerialSpec:
    port: str
    """What ``serial.serial_for_url`` gets: a device path, ``COM3``, or a pyserial URL without our params."""
    format: str
    baud: int
    init: tuple[str, ...]
    display: str
    key: str
    kind: str = field(default="serial", init=False)


@dataclass(frozen=True, slots=True)
class TcpSpec:
    host: str
    port: int
    format: str
    display: str
    key: str
    kind: str = field(default="tcp", init=False)
    datefmt: str | None = None
    """NCID only: ``dmy`` when the server sends ddmmyyyy dates (servers outside the US), ``mdy`` otherwise."""


@dataclass(frozen=True, slots=True)
class UdpSpec:
    host: str
    """Address to bind; 0.0.0.0 listens on every interface (CallerID.com units broadcast)."""
    port: int
    format: str
    display: str
    key: str
    kind: str = field(default="udp", init=False)


@dataclass(frozen=True, slots=True)
class AmiSpec:
    host: str
    port: int
    username: str
    password: str
    display: str
    key: str
    format: str = field(default="ami", init=False)
    kind: str = field(default="ami", init=False)

    def __repr__(self) -> str:
        # The dataclass repr would print the secret; this one cannot leak it into a log.
        return f"AmiSpec(display={self.display!r})"


@dataclass(frozen=True, slots=True)
class SimSpec:
    rate: float
    """Calls per second on average (Poisson arrivals)."""
    seed: int | None
    lines: int
    display: str
    key: str
    gap: tuple[float, float] | None = None
    """``gap=30-60``: a call every 30 to 60 seconds, evenly spread (the demo's calm line); replaces ``rate``."""
    format: str = field(default="sim", init=False)
    kind: str = field(default="sim", init=False)


SourceSpec = SerialSpec | TcpSpec | UdpSpec | AmiSpec | SimSpec


def parse_source_url(url: str) -> SourceSpec:
    """Parse a source URL; raises ``ValueError`` with one clear sentence when it is not a usable URL."""
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        raise ValueError("the caller-ID source URL is empty")
    if _WINDOWS_PORT.match(text) or (text.startswith("/") and "://" not in text):
        return _serial_spec(text, {}, text)  # a bare device: COM3, /dev/ttyUSB0
    if "://" not in text:
        raise ValueError(f"{text!r} is not a caller-ID source URL (expected e.g. serial:///dev/ttyUSB0, "
                         "serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, ami://user:secret@host, sim://)")
    scheme = text.split("://", 1)[0].lower()
    if scheme == "serial":
        return _parse_serial(text)
    if scheme in PYSERIAL_SCHEMES:
        return _parse_pyserial(text, scheme)
    if scheme == "tcp":
        return _parse_tcp(text)
    if scheme == "udp":
        return _parse_udp(text)
    if scheme == "ami":
        return _parse_ami(text)
    if scheme == "sim":
        return _parse_sim(text)
    raise ValueError(f"unknown caller-ID source scheme {scheme!r} in {_redact(text)!r}; "
                     "use serial, tcp, udp, ami, sim or a pyserial URL such as rfc2217://")


# -- helpers ---------------------------------------------------------------------------------------------

def _redact(text: str) -> str:
    """The URL with any password replaced, for error messages."""
    return re.sub(r"(://[^/:@?#]*):[^@/?#]*@", r"\1:***@", text)


def _query(query: str, allowed: tuple[str, ...], url: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise ValueError(f"the query string of {_redact(url)!r} is malformed") from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            raise ValueError(f"unknown parameter {name!r} in {_redact(url)!r}; allowed: {', '.join(allowed)}")
        params[name] = value
    return params


def _format(params: dict[str, str], default: str, url: str) -> str:
    fmt = params.get("format", default).strip().lower() or default
    if fmt not in _FORMAT_NAMES:
        raise ValueError(f"unknown caller-ID format {fmt!r} in {_redact(url)!r}; known: {', '.join(FORMATS)}")
    return fmt


def _int(value: str, name: str, url: str, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} in {_redact(url)!r} is not a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"{name}={number} in {_redact(url)!r} is out of range ({low}..{high})")
    return number


def _host_port(text: str, default_port: int | None, url: str, *, need_host: bool) -> tuple[str, int]:
    parts = urlsplit(text)
    try:
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise ValueError(f"the port in {_redact(url)!r} is not a number between 0 and 65535") from None
    if need_host and not host:
        raise ValueError(f"{_redact(url)!r} names no host")
    if parts.path not in ("", "/"):
        raise ValueError(f"{_redact(url)!r} has a path; a network source is only host:port")
    if port is None:
        if default_port is None:
            raise ValueError(f"{_redact(url)!r} names no port")
        port = default_port
    return host, port


def _init(params: dict[str, str], fmt: str) -> tuple[str, ...]:
    if "init" in params:
        # `init=` with an empty value turns the init string off (a CID box that is not a modem).
        return tuple(cmd.strip() for cmd in params["init"].split(";") if cmd.strip())
    return MODEM_INIT if fmt == "modem" else ()


def _serial_spec(port: str, params: dict[str, str], url: str) -> SerialSpec:
    fmt = _format(params, "modem", url)
    default_baud = AML_BAUD if fmt == AML_FORMAT else DEFAULT_BAUD
    baud = _int(params["baud"], "baud", url, low=50, high=4_000_000) if "baud" in params else default_baud
    if _WINDOWS_PORT.match(port):
        port = port.upper().removeprefix("\\\\.\\")
    display = f"serial://{port}?format={fmt}&baud={baud}"  # canonical: the same port shows the same
    return SerialSpec(port=port, format=fmt, baud=baud, init=_init(params, fmt), display=display,
                      key=f"serial:{port}")


def _parse_serial(url: str) -> SerialSpec:
    parts = urlsplit(url)
    params = _query(parts.query, _OWN_SERIAL_PARAMS, url)
    if parts.netloc and parts.path not in ("", "/"):
        raise ValueError(f"{url!r} mixes a host and a path; use serial:///dev/ttyUSB0 or serial://COM3")
    port = unquote(parts.netloc or parts.path)
    if port.startswith("/") and _WINDOWS_PORT.match(port[1:]):
        port = port[1:]  # serial:///COM3
    if not port or port == "/":
        raise ValueError(f"{url!r} names no serial port; use serial:///dev/ttyUSB0 or serial://COM3")
    return _serial_spec(port, params, url)


def _parse_pyserial(url: str, scheme: str) -> SerialSpec:
    parts = urlsplit(url)
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        raise ValueError(f"the query string of {_redact(url)!r} is malformed") from None
    own = {k: v for k, v in pairs if k in _OWN_SERIAL_PARAMS}
    rest = [(k, v) for k, v in pairs if k not in _OWN_SERIAL_PARAMS]
    if scheme in ("rfc2217", "socket") and not parts.hostname:
        raise ValueError(f"{_redact(url)!r} names no host")
    location = f"{scheme}://{parts.netloc}{parts.path}"
    port = location + (f"?{urlencode(rest, quote_via=quote)}" if rest else "")
    spec = _serial_spec(port, own, url)
    shown = [*rest, ("format", spec.format), ("baud", str(spec.baud))]
    display = f"{location}?{urlencode(shown, quote_via=quote)}"
    return SerialSpec(port=port, format=spec.format, baud=spec.baud, init=spec.init, display=_redact(display),
                      key=_redact(location))


def _parse_tcp(url: str) -> TcpSpec:
    parts = urlsplit(url)
    params = _query(parts.query, ("format", "datefmt"), url)
    fmt = _format(params, "ncid", url)
    host, port = _host_port(url, DEFAULT_NCID_PORT if fmt == "ncid" else None, url, need_host=True)
    datefmt = params.get("datefmt", "").strip().lower() or None
    if datefmt is not None and (fmt != "ncid" or datefmt not in ("dmy", "mdy")):
        raise ValueError(f"datefmt={params['datefmt']!r} in {_redact(url)!r}: use datefmt=dmy or datefmt=mdy, "
                         "and only with format=ncid")
    # Port 0 is allowed here: `simulate --to tcp://127.0.0.1:0` listens on a free port; a client refuses it.
    hostport = f"{_bracket(host)}:{port}"
    shown = f"tcp://{hostport}?format={fmt}" + (f"&datefmt={datefmt}" if datefmt else "")
    return TcpSpec(host=host, port=port, format=fmt, display=shown, key=f"tcp://{hostport}", datefmt=datefmt)


def _parse_udp(url: str) -> UdpSpec:
    parts = urlsplit(url)
    params = _query(parts.query, ("format",), url)
    fmt = _format(params, "callerid-com", url)
    host, port = _host_port(url, DEFAULT_UDP_PORT, url, need_host=False)
    host = host or "0.0.0.0"  # every interface: units broadcast
    hostport = f"{_bracket(host)}:{port}"
    return UdpSpec(host=host, port=port, format=fmt, display=f"udp://{hostport}?format={fmt}",
                   key=f"udp://{hostport}")


def _parse_ami(url: str) -> AmiSpec:
    parts = urlsplit(url)
    _query(parts.query, (), url)
    host, port = _host_port(url, DEFAULT_AMI_PORT, url, need_host=True)
    username = unquote(parts.username or "")
    password = unquote(parts.password or "")
    if not username:
        raise ValueError(f"{_redact(url)!r} names no AMI user; use ami://user:secret@host:5038")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in username + password):
        # A CR/LF in a credential would inject lines into the Login action.
        raise ValueError(f"the AMI user or secret in {_redact(url)!r} contains control characters")
    hostport = f"{_bracket(host)}:{port}"
    user = quote(username, safe="")
    return AmiSpec(host=host, port=port, username=username, password=password,
                   display=f"ami://{user}:***@{hostport}" if password else f"ami://{user}@{hostport}",
                   key=f"ami://{user}@{hostport}")


def _parse_sim(url: str) -> SimSpec:
    parts = urlsplit(url)
    if parts.netloc or parts.path not in ("", "/"):
        raise ValueError(f"{url!r}: the simulator takes only parameters, e.g. sim://?rate=0.5&seed=1")
    params = _query(parts.query, ("rate", "gap", "seed", "lines"), url)
    if "rate" in params and "gap" in params:
        raise ValueError(f"{url!r}: give rate (calls per second) or gap (seconds between calls), not both")
    gap = _gap(params["gap"], url) if "gap" in params else None
    try:
        rate = 2 / (gap[0] + gap[1]) if gap is not None else float(params.get("rate", "0.5"))
    except ValueError:
        raise ValueError(f"rate={params['rate']!r} in {url!r} is not a number") from None
    if not 0 < rate <= 10_000 or rate != rate:
        raise ValueError(f"rate={params.get('rate')} in {url!r} must be above 0 and at most 10000 calls/s")
    seed = _int(params["seed"], "seed", url, low=0, high=2**63) if "seed" in params else None
    lines = _int(params["lines"], "lines", url, low=1, high=64) if "lines" in params else 1
    shown = {"gap": params["gap"]} if gap is not None else {"rate": f"{rate:g}"}
    shown["lines"] = str(lines)
    if seed is not None:
        shown["seed"] = str(seed)
    return SimSpec(rate=rate, seed=seed, lines=lines, display=f"sim://?{urlencode(shown)}",
                   key="sim://" + (f"?seed={seed}" if seed is not None else ""), gap=gap)


def _gap(value: str, url: str) -> tuple[float, float]:
    """``30-60`` (seconds between calls, from-to) or ``45`` (always the same)."""
    low_text, _, high_text = value.partition("-")
    try:
        low, high = float(low_text), float(high_text or low_text)
    except ValueError:
        raise ValueError(f"gap={value!r} in {url!r} is not a number of seconds such as 30-60") from None
    if not 0.001 <= low <= high <= 86_400:
        raise ValueError(f"gap={value!r} in {url!r} must be seconds from-to, e.g. 30-60 (at most a day)")
    return low, high


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host
