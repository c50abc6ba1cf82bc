"""Source URL parsing: every DESIGN.md form, Windows ports, secrets kept out of display, bad URLs refused."""

from __future__ import annotations

import pytest

from callcenter.cid.sources import make_source, parse_source_url
from callcenter.cid.sources.url import AmiSpec, SerialSpec, SimSpec, TcpSpec, UdpSpec


def test_serial_device_path() -> None:
    spec = parse_source_url("serial:///dev/ttyUSB0?baud=1200&format=modem")
    assert isinstance(spec, SerialSpec)
    assert (spec.port, spec.baud, spec.format) == ("/dev/ttyUSB0", 1200, "modem")
    assert spec.init == ("ATE0", "AT+VCID=1")
    assert spec.key == "serial:/dev/ttyUSB0"
    assert spec.display == "serial:///dev/ttyUSB0?format=modem&baud=1200"


@pytest.mark.parametrize("url", ["serial://COM3?baud=9600&format=callerid-com", "serial:///COM3?baud=9600"
                                 "&format=callerid-com", "serial://com3?format=callerid-com&baud=9600"])
def test_serial_windows_port(url: str) -> None:
    spec = parse_source_url(url)
    assert isinstance(spec, SerialSpec)
    assert spec.port == "COM3"
    assert spec.baud == 9600
    assert spec.init == ()  # not a modem: nothing is sent to a CID box
    assert spec.key == "serial:COM3"


def test_bare_device_names() -> None:
    assert parse_source_url("COM12").port == "COM12"  # type: ignore[union-attr]
    spec = parse_source_url("/dev/ttyS0")
    assert isinstance(spec, SerialSpec) and spec.port == "/dev/ttyS0" and spec.format == "modem"


def test_modem_init_is_configurable() -> None:
    spec = parse_source_url("serial:///dev/ttyACM0?init=ATZ;AT%23CID=1")
    assert isinstance(spec, SerialSpec)
    assert spec.init == ("ATZ", "AT#CID=1")
    off = parse_source_url("serial:///dev/ttyACM0?init=")
    assert isinstance(off, SerialSpec) and off.init == ()


def test_pyserial_urls_keep_their_own_params() -> None:
    spec = parse_source_url("rfc2217://10.0.0.5:7000?format=modem&logging=debug&baud=2400")
    assert isinstance(spec, SerialSpec)
    assert spec.port == "rfc2217://10.0.0.5:7000?logging=debug"
    assert (spec.format, spec.baud) == ("modem", 2400)
    assert spec.key == "rfc2217://10.0.0.5:7000"
    sock = parse_source_url("socket://192.168.1.20:4001?format=tci")
    assert isinstance(sock, SerialSpec)
    assert sock.port == "socket://192.168.1.20:4001" and sock.format == "tci" and sock.init == ()
    loop = parse_source_url("loop://")
    assert isinstance(loop, SerialSpec) and loop.port == "loop://"


def test_tcp_ncid() -> None:
    spec = parse_source_url("tcp://ncid.local:3333?format=ncid")
    assert isinstance(spec, TcpSpec)
    assert (spec.host, spec.port, spec.format) == ("ncid.local", 3333, "ncid")
    assert spec.key == "tcp://ncid.local:3333"
    default = parse_source_url("tcp://10.1.1.1")
    assert isinstance(default, TcpSpec) and default.port == 3333 and default.format == "ncid"


def test_udp_callerid_com() -> None:
    spec = parse_source_url("udp://0.0.0.0:3520?format=callerid-com")
    assert isinstance(spec, UdpSpec)
    assert (spec.host, spec.port, spec.format) == ("0.0.0.0", 3520, "callerid-com")
    default = parse_source_url("udp://")
    assert isinstance(default, UdpSpec) and (default.host, default.port) == ("0.0.0.0", 3520)


def test_ami_password_never_displayed() -> None:
    spec = parse_source_url("ami://konsol:s3cr%40t!@pbx.local:5038")
    assert isinstance(spec, AmiSpec)
    assert (spec.username, spec.password, spec.host, spec.port) == ("konsol", "s3cr@t!", "pbx.local", 5038)
    for shown in (spec.display, spec.key, repr(spec), str(spec)):
        assert "s3cr" not in shown
    assert spec.display == "ami://konsol:***@pbx.local:5038"
    assert parse_source_url("ami://konsol:x@pbx").port == 5038  # type: ignore[union-attr]
    assert "s3cr" not in make_source("ami://konsol:s3cr3t@pbx.local").display


def test_sim() -> None:
    spec = parse_source_url("sim://?rate=0.5&seed=1")
    assert isinstance(spec, SimSpec)
    assert (spec.rate, spec.seed, spec.lines) == (0.5, 1, 1)
    assert spec.key == "sim://?seed=1"
    two = parse_source_url("sim://?rate=2&seed=9&lines=2")
    assert isinstance(two, SimSpec) and two.lines == 2
    calm = parse_source_url("sim://?gap=30-60&seed=3")
    assert isinstance(calm, SimSpec) and calm.gap == (30.0, 60.0) and calm.rate == pytest.approx(1 / 45)
    assert calm.display == "sim://?gap=30-60&lines=1&seed=3" and calm.key == "sim://?seed=3"
    steady = parse_source_url("sim://?gap=5")
    assert isinstance(steady, SimSpec) and steady.gap == (5.0, 5.0)


def test_key_ignores_tuning_parameters() -> None:
    a = parse_source_url("serial:///dev/ttyUSB0?baud=1200")
    b = parse_source_url("serial:///dev/ttyUSB0?baud=9600&init=ATZ")
    assert a.key == b.key


@pytest.mark.parametrize("url", [
    "", "   ", "http://example.com", "ttyUSB0", "serial://", "serial:///dev/ttyUSB0?baud=fast",
    "serial:///dev/ttyUSB0?format=morse", "serial:///dev/ttyUSB0?speed=1200", "tcp://:3333",
    "tcp://host:99999", "tcp://host:abc", "tcp://host:3333/path", "tcp://host?format=modem",
    "udp://0.0.0.0:3520?format=nope", "ami://pbx.local:5038", "ami://user:pw@:5038", "sim://?rate=0",
    "sim://?rate=-1", "sim://?rate=x", "sim://?seed=abc", "sim://?lines=0", "sim://host", "sim://?colour=red",
    "sim://?gap=60-30", "sim://?gap=x-5", "sim://?gap=0", "sim://?gap=30-60&rate=1", "sim://?gap=-5",
    "rfc2217://:7000", "ami://user:pw%0D%0AAction:%20Logoff@pbx",
])
def test_bad_urls_raise_one_clear_sentence(url: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_source_url(url)
    message = str(info.value)
    assert message and "\n" not in message


def test_tcp_client_needs_a_real_port() -> None:
    with pytest.raises(ValueError):
        make_source("tcp://127.0.0.1:0")


def test_bad_url_error_hides_the_password() -> None:
    with pytest.raises(ValueError) as info:
        parse_source_url("ami://user:hunter2@pbx.local:5038?foo=1")
    assert "hunter2" not in str(info.value)
