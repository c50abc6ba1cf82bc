"""Build Asterisk 20 manager event traces for tests: the fields and their order as a real server sends them.

Each helper returns the bytes of one event block (CRLF lines, blank line at the end). ``Timestamp`` values are
given as seconds so a test can say exactly when each thing happened.
"""

from __future__ import annotations


def event(name: str, fields: list[tuple[str, str]], at: float | None = None) -> bytes:
    lines = [f"Event: {name}", "Privilege: call,all"]
    if at is not None:
        lines.append(f"Timestamp: {at:.6f}")
    lines += [f"{key}: {value}" for key, value in fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def channel(prefix: str, name: str, uniqueid: str, linkedid: str, state: str, number: str = "<unknown>",
            caller_name: str = "<unknown>", context: str = "from-trunk", exten: str = "112",
            variables: dict[str, str] | None = None) -> list[tuple[str, str]]:
    desc = {"0": "Down", "4": "Ring", "5": "Ringing", "6": "Up"}[state]
    fields = [(f"{prefix}Channel", name), (f"{prefix}ChannelState", state), (f"{prefix}ChannelStateDesc", desc),
              (f"{prefix}CallerIDNum", number), (f"{prefix}CallerIDName", caller_name),
              (f"{prefix}ConnectedLineNum", "<unknown>"), (f"{prefix}ConnectedLineName", "<unknown>"),
              (f"{prefix}Language", "en"), (f"{prefix}AccountCode", ""), (f"{prefix}Context", context),
              (f"{prefix}Exten", exten), (f"{prefix}Priority", "1"), (f"{prefix}Uniqueid", uniqueid),
              (f"{prefix}Linkedid", linkedid)]
    if variables and not prefix:
        fields += [("ChanVariable", f"{key}={value}") for key, value in variables.items()]
    return fields


class Call:
    """One inbound call: a trunk channel, optionally a greeting, a queue that rings desk phones."""

    def __init__(self, seq: int, number: str, name: str = "<unknown>", *, start: float = 1_765_000_000.0,
                 trunk: str = "PJSIP/telkom", variables: dict[str, str] | None = None) -> None:
        self.uid = f"{int(start)}.{seq}"
        self.number = number
        self.name = name
        self.trunk = f"{trunk}-{seq:08x}"
        self.start = start
        self.variables = variables
        self._legs = 0
        self.desks: dict[str, tuple[str, str]] = {}

    def caller(self, state: str) -> list[tuple[str, str]]:
        return channel("", self.trunk, self.uid, self.uid, state, self.number, self.name,
                       variables=self.variables)

    def newchannel(self, at: float) -> bytes:
        return event("Newchannel", self.caller("4"), self.start + at)

    def greeting(self, at: float) -> bytes:
        """The dialplan answers the caller itself (Answer() before a menu or the queue)."""
        return event("Newstate", self.caller("6"), self.start + at)

    def newcallerid(self, at: float, number: str, name: str, pres: str) -> bytes:
        self.number, self.name = number, name
        return event("NewCallerid", [*self.caller("4"), ("CID-CallingPres", pres)], self.start + at)

    def _desk_uid(self, desk: str) -> str:
        if desk not in self.desks:
            self._legs += 1
            self.desks[desk] = (f"{self.uid}{self._legs}", f"PJSIP/{desk}-{self._legs:08x}")
        return self.desks[desk][0]

    def desk(self, desk: str, state: str) -> list[tuple[str, str]]:
        uid = self._desk_uid(desk)
        return channel("", self.desks[desk][1], uid, self.uid, state, desk, f"Desk {desk}",
                       context="from-internal", exten=desk)

    def dial(self, at: float, desk: str) -> list[bytes]:
        uid = self._desk_uid(desk)
        dest = channel("Dest", self.desks[desk][1], uid, self.uid, "0", desk, f"Desk {desk}",
                       context="from-internal", exten=desk)
        return [event("Newchannel", self.desk(desk, "0"), self.start + at),
                event("DialBegin", [*self.caller("6"), *dest, ("DialString", desk)], self.start + at)]

    def answer(self, at: float, desk: str) -> list[bytes]:
        uid = self._desk_uid(desk)
        dest = channel("Dest", self.desks[desk][1], uid, self.uid, "6", desk, f"Desk {desk}",
                       context="from-internal", exten=desk)
        bridge = [("BridgeUniqueid", f"bridge-{self.uid}"), ("BridgeType", "basic")]
        return [event("Newstate", self.desk(desk, "6"), self.start + at),
                event("DialEnd", [*self.caller("6"), *dest, ("DialStatus", "ANSWER")], self.start + at),
                event("BridgeEnter", [*bridge, *self.caller("6")], self.start + at),
                event("BridgeEnter", [*bridge, *self.desk(desk, "6")], self.start + at)]

    def no_answer(self, at: float, desk: str) -> list[bytes]:
        uid = self._desk_uid(desk)
        dest = channel("Dest", self.desks[desk][1], uid, self.uid, "5", desk, f"Desk {desk}",
                       context="from-internal", exten=desk)
        return [event("DialEnd", [*self.caller("6"), *dest, ("DialStatus", "CANCEL")], self.start + at),
                event("Hangup", [*self.desk(desk, "5"), ("Cause", "26"), ("Cause-txt", "Answered elsewhere")],
                      self.start + at)]

    def hangup(self, at: float, *desks: str) -> list[bytes]:
        blocks = [event("Hangup", [*self.desk(desk, "6"), ("Cause", "16"), ("Cause-txt", "Normal Clearing")],
                        self.start + at) for desk in desks]
        return [*blocks, event("Hangup", [*self.caller("6"), ("Cause", "16"), ("Cause-txt", "Normal Clearing")],
                               self.start + at)]
