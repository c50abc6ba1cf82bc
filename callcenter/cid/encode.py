"""Frame encoders: the exact bytes a real device sends for a call, for the simulator and the tests.

Each format has its own function; ``incoming_frames`` / ``end_frames`` pick by format name. Times are the
device's wall clock (naive local time). Numbers are national digits as a box delivers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from callcenter.cid.events import Presentation
from callcenter.cid.traffic import SyntheticCall

CRLF = b"\r\n"


@dataclass(frozen=True, slots=True)
class CallFrame:
    """What an encoder needs to know about one call."""

    when: datetime
    """Device wall-clock time (naive)."""
    number: str | None
    name: str | None = None
    presentation: Presentation = Presentation.ALLOWED
    line: str = "1"
    duration_s: int = 0
    call_ref: str = "1"
    """Correlates the frames of one call where the format can (AMI Uniqueid of the caller's channel)."""
    dest_ref: str = "2"
    """AMI Uniqueid of the channel the PBX dials to ring the operators' phones."""

    @classmethod
    def from_call(cls, call: SyntheticCall, when: datetime, *, ref_base: int = 0) -> CallFrame:
        return cls(when=when, number=call.number, name=call.name, presentation=call.presentation,
                   line=call.line, duration_s=call.ring_s, call_ref=f"{ref_base}.{2 * call.seq}",
                   dest_ref=f"{ref_base}.{2 * call.seq + 1}")

    @property
    def withheld(self) -> bool:
        return self.presentation is not Presentation.ALLOWED or not self.number

    @property
    def absent_code(self) -> str:
        """The one-letter reason code of Bellcore/ETSI caller ID: P private, O out of area / unavailable."""
        return "P" if self.presentation is Presentation.PRIVATE else "O"

    @property
    def absent_word(self) -> str:
        return "PRIVATE" if self.presentation is Presentation.PRIVATE else "OUT-OF-AREA"


def _latin1(text: str) -> bytes:
    return text.encode("latin-1", "replace")


def _line_number(line: str) -> int:
    digits = "".join(ch for ch in line if ch.isdigit())
    return int(digits) % 100 if digits else 1


def _twelve_hour(when: datetime) -> tuple[str, str]:
    """("4:54", "PM") style hour:minute and meridiem."""
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d}", "AM" if when.hour < 12 else "PM"


# -- Hayes modem (AT+VCID=1, formatted) --------------------------------------------------------------------

def modem_ring() -> bytes:
    return CRLF + b"RING" + CRLF


def modem_incoming(call: CallFrame, *, ring_first: bool = True) -> bytes:
    """``RING`` then the caller-ID block as a Conexant/US Robotics modem prints it between the rings."""
    lines = [f"DATE = {call.when:%m%d}", f"TIME = {call.when:%H%M}",
             f"NMBR = {call.absent_code if call.withheld else call.number}"]
    if call.name:
        lines.append(f"NAME = {call.name}")
    # The blank line after the block ends it at once (a block without NAME would otherwise wait for idle).
    block = CRLF + CRLF.join(_latin1(line) for line in lines) + CRLF + CRLF
    return (modem_ring() if ring_first else b"") + block


# -- raw SDMF / MDMF message bytes ------------------------------------------------------------------------

def _checksum(message: bytes) -> bytes:
    # The sum of every byte including the checksum is 0 mod 256.
    return bytes([(-sum(message)) & 0xFF])


def sdmf_incoming(call: CallFrame) -> bytes:
    number = call.absent_code if call.withheld else (call.number or "")
    body = _latin1(f"{call.when:%m%d%H%M}" + number[:20])
    message = bytes([0x04, len(body)]) + body
    return message + _checksum(message)


def mdmf_incoming(call: CallFrame) -> bytes:
    params = bytearray(b"\x01\x08" + _latin1(f"{call.when:%m%d%H%M}"))
    if call.withheld:
        params += b"\x04\x01" + call.absent_code.encode()
    else:
        number = _latin1(call.number or "")[:20]
        params += bytes([0x02, len(number)]) + number
    if call.name:
        name = _latin1(call.name)[:15]
        params += bytes([0x07, len(name)]) + name
    elif call.withheld:
        params += b"\x08\x01" + call.absent_code.encode()
    message = bytes([0x80, len(params)]) + bytes(params)
    return message + _checksum(message)


# -- CallerID.com (Whozz Calling) serial records and Ethernet Link UDP packets ------------------------------

def callerid_com_record(call: CallFrame, *, end: bool = False, outbound: bool = False,
                        rings: int = 1) -> bytes:
    """``01 I S 0000 G A1 12/17 04:54 PM 770-263-7111   CALLERID.COM   `` (62 characters)."""
    hhmm, meridiem = _twelve_hour(call.when)
    number = call.absent_word if call.withheld else (call.number or "")
    text = (f"{_line_number(call.line):02d} {'O' if outbound else 'I'} {'E' if end else 'S'} "
            f"{min(call.duration_s if end else 0, 9999):04d} G A{min(max(rings, 0), 9)} "
            f"{call.when:%m/%d} {hhmm:0>5} {meridiem} {number[:14]:<14} {(call.name or '')[:15]:<15}")
    return _latin1(text)


def callerid_com_detail(line: str, when: datetime, kind: str) -> bytes:
    """Detail record: R ring, F off-hook, N on-hook, H hook flash: ``01 R             12/17 16:54:01``."""
    if kind not in ("R", "F", "N", "H"):
        raise ValueError(f"unknown CallerID.com detail record kind {kind!r}")
    return _latin1(f"{_line_number(line):02d} {kind}{'':13}{when:%m/%d %H:%M:%S}")


def callerid_com_serial(record: bytes) -> bytes:
    """A record as the serial units send it: the text and CR LF."""
    return record + CRLF


def callerid_com_udp(record: bytes, *, unit: bytes = b"\x00\x00\x00\x00\x00\x01",
                     serial_no: bytes = b"345678", dollar: bool = True) -> bytes:
    """The Ethernet Link datagram: ``^^<U>`` + unit id (6 bytes) + ``<S>`` + serial (6) + ``$`` + record."""
    return b"^^<U>" + unit[:6].ljust(6, b"\x00") + b"<S>" + serial_no[:6].ljust(6, b"0") + (
        b"$" if dollar else b"") + record


# -- TCI fixed columns -----------------------------------------------------------------------------------

def tci_record(call: CallFrame) -> bytes:
    """``01      9/03     12:36 PM       212-555-4000           NAME           `` (70 columns) + CR LF."""
    hhmm, meridiem = _twelve_hour(call.when)
    number = call.absent_word if call.withheld else (call.number or "")
    text = (f"{_line_number(call.line):02d}{f'{call.when.month}/{call.when.day:02d}':>10}"
            f"{f'{hhmm} {meridiem}':>13}{number[:19]:>19}{'':11}{(call.name or '')[:15]:<15}")
    return _latin1(text) + CRLF


# -- NCID client protocol (TCP 3333) ----------------------------------------------------------------------

def _ncid_fields(call: CallFrame) -> str:
    number = call.absent_word if call.withheld else (call.number or "")
    name = call.name or (call.absent_word if call.withheld else "NO NAME")
    return (f"*DATE*{call.when:%m%d%Y}*TIME*{call.when:%H%M}*LINE*{call.line or '-'}*NMBR*{number}"
            f"*MESG*NONE*NAME*{name}*")


def ncid_banner(name: str = "Konsol 112 simulator") -> bytes:
    return f"200 Server: {name} (NCID) 1.11".encode() + CRLF


def ncid_end_of_startup(log_lines: int = 0) -> bytes:
    """The lines that close the greeting: call log status then end of startup."""
    log = b"250 End of call log" if log_lines else b"251 Call log not sent: empty"
    return log + CRLF + b"300 End of server startup" + CRLF


def ncid_cid(call: CallFrame, *, log: bool = False) -> bytes:
    """``CID: *DATE*...*`` (``CIDLOG:`` when replayed from the call log at connect)."""
    return ("CIDLOG: " if log else "CID: ").encode() + _latin1(_ncid_fields(call)) + CRLF


def ncid_hup(call: CallFrame) -> bytes:
    """``HUP:``: the server hung up the call (a blacklisted caller); same fields as ``CID:``."""
    return b"HUP: " + _latin1(_ncid_fields(call)) + CRLF


def ncid_cidinfo(call: CallFrame, ring: int) -> bytes:
    """``CIDINFO:``: RING 0 answered, -1 not answered (caller gave up), -2 hung up after answer."""
    return _latin1(f"CIDINFO: *LINE*{call.line or '-'}*RING*{ring}*TIME*{call.when:%H:%M:%S}*") + CRLF


# -- Asterisk AMI -----------------------------------------------------------------------------------------

def _ami_block(fields: list[tuple[str, str]]) -> bytes:
    return b"".join(_utf8(f"{key}: {value}") + CRLF for key, value in fields) + CRLF


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "replace")


def _ami_caller(call: CallFrame) -> tuple[str, str]:
    if call.withheld:
        # SIP trunks deliver a withheld caller as "anonymous"; a number that never came is "<unknown>".
        return ("anonymous" if call.presentation is Presentation.PRIVATE else "<unknown>"), "<unknown>"
    return call.number or "<unknown>", call.name or "<unknown>"


def _ami_common(call: CallFrame, state: str, desc: str) -> list[tuple[str, str]]:
    number, name = _ami_caller(call)
    return [("Privilege", "call,all"), ("Channel", f"DAHDI/{call.line}-1"), ("ChannelState", state),
            ("ChannelStateDesc", desc), ("CallerIDNum", number), ("CallerIDName", name),
            ("ConnectedLineNum", "<unknown>"), ("ConnectedLineName", "<unknown>"), ("Language", "en"),
            ("AccountCode", ""), ("Context", "from-pstn"), ("Exten", "s"), ("Priority", "1"),
            ("Uniqueid", call.call_ref), ("Linkedid", call.call_ref)]


def ami_banner() -> bytes:
    return b"Asterisk Call Manager/7.0.3" + CRLF


def ami_newchannel(call: CallFrame) -> bytes:
    """A new inbound channel ringing (ChannelState 4) with its caller ID."""
    return _ami_block([("Event", "Newchannel"), *_ami_common(call, "4", "Ring")])


def ami_newcallerid(call: CallFrame) -> bytes:
    fields = [("Event", "NewCallerid"), *_ami_common(call, "4", "Ring")]
    presentation = "32 (Number Unavailable)" if call.withheld else "0 (Presentation Allowed, Not Screened)"
    if call.presentation is Presentation.PRIVATE:
        presentation = "35 (Presentation Restricted, Network Number)"
    return _ami_block([*fields, ("CID-CallingPres", presentation)])


def _ami_dest(call: CallFrame, prefix: str, state: str, desc: str) -> list[tuple[str, str]]:
    return [(f"{prefix}Channel", f"SIP/operator-{call.dest_ref.rpartition('.')[2]}"),
            (f"{prefix}ChannelState", state), (f"{prefix}ChannelStateDesc", desc),
            (f"{prefix}CallerIDNum", "112"), (f"{prefix}CallerIDName", "Call Center 112"),
            (f"{prefix}Context", "from-internal"), (f"{prefix}Uniqueid", call.dest_ref),
            (f"{prefix}Linkedid", call.call_ref)]


def ami_dialbegin(call: CallFrame) -> bytes:
    """The dialplan rings the operators' phones: without it a withheld caller is never announced."""
    return _ami_block([("Event", "DialBegin"), *_ami_common(call, "4", "Ring"),
                       *_ami_dest(call, "Dest", "0", "Down"), ("DialString", "operator")])


def ami_hangup(call: CallFrame, *, answered: bool = False) -> bytes:
    """Both legs hang up: the operators' ringing phone, then the caller's channel."""
    state, desc = ("6", "Up") if answered else ("4", "Ring")
    dest = dict(_ami_dest(call, "", "5", "Ringing"))
    dest_fields = [("Event", "Hangup"), ("Privilege", "call,all"), *dest.items(),
                   ("Cause", "16"), ("Cause-txt", "Normal Clearing")]
    return _ami_block(dest_fields) + _ami_block([("Event", "Hangup"), *_ami_common(call, state, desc),
                                                 ("Cause", "16"), ("Cause-txt", "Normal Clearing")])


# -- by format name ---------------------------------------------------------------------------------------

def incoming_frames(fmt: str, call: CallFrame) -> list[bytes]:
    """The bytes a device of format ``fmt`` sends when ``call`` comes in (one entry per write/datagram)."""
    if fmt == "modem":
        return [modem_incoming(call)]
    if fmt == "mdmf":
        return [mdmf_incoming(call)]
    if fmt == "callerid-com":
        return [callerid_com_serial(callerid_com_record(call))]
    if fmt == "callerid-com-udp":
        return [callerid_com_udp(callerid_com_record(call))]
    if fmt == "tci":
        return [tci_record(call)]
    if fmt == "ncid":
        return [ncid_cid(call)]
    if fmt == "ami":
        return [ami_newchannel(call) + ami_dialbegin(call)]
    raise ValueError(f"no encoder for caller-ID format {fmt!r}")


def end_frames(fmt: str, call: CallFrame) -> list[bytes]:
    """The bytes sent when an unanswered ``call`` ends (empty for formats without an end message)."""
    if fmt == "callerid-com":
        return [callerid_com_serial(callerid_com_record(call, end=True))]
    if fmt == "callerid-com-udp":
        return [callerid_com_udp(callerid_com_record(call, end=True))]
    if fmt == "ncid":
        return [ncid_cidinfo(call, -1)]
    if fmt == "ami":
        return [ami_hangup(call)]
    if fmt in ("modem", "mdmf", "tci"):
        return []  # these devices only see the ringing stop; they send nothing
    raise ValueError(f"no encoder for caller-ID format {fmt!r}")


ENCODABLE_FORMATS = ("modem", "mdmf", "callerid-com", "tci", "ncid", "ami")
