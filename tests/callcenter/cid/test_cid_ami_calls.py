"""Asterisk calls as a call centre sees them: incoming or not, who answered, the final identity (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime

from callcenter.cid.ami import AmiParser
from callcenter.cid.events import CallerIdEvent, ParseResult, Presentation
from tests.callcenter.cid.amitrace import Call, event

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def parse(*blocks: bytes | list[bytes]) -> list[CallerIdEvent]:
    parser = AmiParser()
    results: list[ParseResult] = []
    for block in blocks:
        for item in block if isinstance(block, list) else [block]:
            results += parser.feed(item, NOW)
    results += parser.flush(NOW)
    return [result for result in results if isinstance(result, CallerIdEvent)]


def summary(events: list[CallerIdEvent]) -> list[tuple[str, str | None]]:
    return [(e.kind.value, e.detail) for e in events]


def test_greeting_then_queue_then_desk_answers_is_answered_when_the_desk_answers() -> None:
    call = Call(1, "081234567890", "BUDI")
    events = parse(call.newchannel(0), call.greeting(1), call.dial(8, "201"), call.dial(8, "202"),
                   call.no_answer(14, "202"), call.answer(14, "201"), call.hangup(74, "201"))
    assert summary(events) == [("incoming", None), ("info", "answered"), ("end", "Normal Clearing")]
    incoming, answered, end = events
    assert (incoming.number, incoming.name, incoming.line) == ("081234567890", "BUDI", "PJSIP/telkom")
    # The greeting at 1 s is not the answer: the desk's pick-up at 14 s is, with the desk named.
    assert answered.occurred_at == datetime.fromtimestamp(call.start + 14, UTC)
    assert (answered.desk_channel, answered.desk_extension) == ("PJSIP/201-00000001", "201")
    assert incoming.occurred_at == datetime.fromtimestamp(call.start, UTC)
    assert end.duration_s == 74 and end.occurred_at == datetime.fromtimestamp(call.start + 74, UTC)


def test_abandoned_after_the_greeting_is_never_answered() -> None:
    call = Call(2, "081234567891")
    events = parse(call.newchannel(0), call.greeting(1), call.dial(8, "201"),
                   call.no_answer(30, "201"), call.hangup(30))
    assert summary(events) == [("incoming", None), ("end", "Normal Clearing")]


def test_agent_connect_answers_with_the_member_interface() -> None:
    call = Call(3, "0264200112")
    agent = event("AgentConnect", [*call.caller("6"), ("Queue", "112"), ("Interface", "PJSIP/203"),
                                   ("MemberName", "Meja 3"), ("HoldTime", "9"), ("RingTime", "4")],
                  call.start + 9)
    events = parse(call.newchannel(0), call.greeting(1), agent, call.hangup(40))
    assert summary(events) == [("incoming", None), ("info", "answered"), ("end", "Normal Clearing")]
    assert (events[1].desk_channel, events[1].desk_extension) == ("PJSIP/203", "203")


def test_final_identity_after_newcallerid_and_withheld_presentation() -> None:
    call = Call(4, "081234567892", "FIRST")
    events = parse(call.newchannel(0),
                   call.newcallerid(1, "+31260xxxxxx", "ANONYMOUS", "33 (Presentation Prohibited, Passed Screen)"),
                   call.dial(2, "201"), call.hangup(20, "201"))
    assert summary(events) == [("incoming", None), ("info", "caller_id"), ("end", "Normal Clearing")]
    corrected, end = events[1], events[2]
    # Withheld, and the masked number is kept as delivered, never cut to "+31260".
    assert (corrected.number, corrected.presentation) == ("+31260xxxxxx", Presentation.PRIVATE)
    assert (end.number, end.presentation) == ("+31260xxxxxx", Presentation.PRIVATE)


def test_calling_pres_before_the_ring_is_announced_withheld() -> None:
    call = Call(5, "<unknown>")
    first = event("Newchannel", call.caller("0"), call.start)
    events = parse(first, call.newcallerid(0.1, "0812555000", "", "35 (Presentation Restricted, Network Number)"),
                   event("Newstate", call.caller("4"), call.start + 0.2), call.hangup(5))
    assert [(e.kind.value, e.number, e.presentation.value) for e in events] == [
        ("incoming", "0812555000", "private"), ("end", "0812555000", "private")]


def test_dialplan_presentation_in_a_channel_variable_is_honoured() -> None:
    call = Call(6, "0812777000", variables={"KONSOL_PRES": "prohib_passed_screen"})
    events = parse(call.newchannel(0), call.hangup(3))
    assert [(e.kind.value, e.presentation.value) for e in events] == [("incoming", "private"), ("end", "private")]


def test_originated_call_with_local_legs_is_not_incoming() -> None:
    """Click-to-call: an Originate to Local/201, which dials the desk and then the outside number."""
    def block(name: str, uid: str, channel: str, state: str, **extra: str) -> bytes:
        fields = [("Channel", channel), ("ChannelState", state), ("CallerIDNum", extra.pop("num", "")),
                  ("Uniqueid", uid), ("Linkedid", "9.1")]
        return event(name, fields + list(extra.items()))

    events = parse(
        block("Newchannel", "9.1", "Local/201@from-internal-00000001;1", "0"),
        block("Newchannel", "9.2", "Local/201@from-internal-00000001;2", "4", num="201"),
        block("DialBegin", "9.2", "Local/201@from-internal-00000001;2", "4", DestUniqueid="9.3",
              DestChannel="PJSIP/201-00000003"),
        block("Newchannel", "9.3", "PJSIP/201-00000003", "0", num="201"),
        block("Newstate", "9.3", "PJSIP/201-00000003", "6"),
        block("Newchannel", "9.4", "PJSIP/telkom-00000004", "0", num="081234567890"),
        block("Newstate", "9.4", "PJSIP/telkom-00000004", "6"),
        block("Hangup", "9.4", "PJSIP/telkom-00000004", "6"),
        block("Hangup", "9.3", "PJSIP/201-00000003", "6"),
        block("Hangup", "9.2", "Local/201@from-internal-00000001;2", "6"),
        block("Hangup", "9.1", "Local/201@from-internal-00000001;1", "6"),
    )
    assert events == []


def test_inbound_call_through_local_queue_members_is_one_incoming_call() -> None:
    call = Call(7, "081298765432", "SITI")
    local = [("Uniqueid", f"{call.uid}5"), ("Linkedid", call.uid)]
    events = parse(
        call.newchannel(0),
        event("Newchannel", [("Channel", "Local/201@from-queue-00000005;1"), ("ChannelState", "0"), *local]),
        event("Newchannel", [("Channel", "Local/201@from-queue-00000005;2"), ("ChannelState", "4"),
                             ("CallerIDNum", "081298765432"), ("Uniqueid", f"{call.uid}6"), ("Linkedid", call.uid)]),
        call.dial(2, "201"), call.answer(6, "201"), call.hangup(30, "201"),
        event("Hangup", [("Channel", "Local/201@from-queue-00000005;2"), ("Uniqueid", f"{call.uid}6"),
                         ("Linkedid", call.uid)]),
        event("Hangup", [("Channel", "Local/201@from-queue-00000005;1"), *local]),
    )
    # The call ends when its last channel (here a Local half, which gives no cause) hangs up.
    assert summary(events) == [("incoming", None), ("info", "answered"), ("end", None)]
    assert {e.call_ref for e in events} == {call.uid}
    assert events[1].desk_extension == "201"


def test_asterisk_11_dial_and_bridge_without_linkedid() -> None:
    blocks = [
        b"Event: Newchannel\r\nChannel: SIP/trunk-0000000a\r\nChannelState: 4\r\nChannelStateDesc: Ring\r\n"
        b"CallerIDNum: 0264200300\r\nCallerIDName: RSUD\r\nUniqueid: 1400000000.10\r\n\r\n",
        b"Event: Newchannel\r\nChannel: SIP/201-0000000b\r\nChannelState: 0\r\nChannelStateDesc: Down\r\n"
        b"CallerIDNum: 201\r\nUniqueid: 1400000000.11\r\n\r\n",
        b"Event: Dial\r\nSubEvent: Begin\r\nChannel: SIP/trunk-0000000a\r\nDestination: SIP/201-0000000b\r\n"
        b"UniqueID: 1400000000.10\r\nDestUniqueID: 1400000000.11\r\nDialstring: 201\r\n\r\n",
        b"Event: Bridge\r\nBridgestate: Link\r\nBridgetype: core\r\nChannel1: SIP/trunk-0000000a\r\n"
        b"Channel2: SIP/201-0000000b\r\nUniqueid1: 1400000000.10\r\nUniqueid2: 1400000000.11\r\n\r\n",
        b"Event: Hangup\r\nChannel: SIP/201-0000000b\r\nUniqueid: 1400000000.11\r\nCause: 16\r\n\r\n",
        b"Event: Hangup\r\nChannel: SIP/trunk-0000000a\r\nUniqueid: 1400000000.10\r\nCause: 16\r\n"
        b"Cause-txt: Normal Clearing\r\n\r\n",
    ]
    events = parse(*blocks)
    assert summary(events) == [("incoming", None), ("info", "answered"), ("end", "Normal Clearing")]
    assert events[1].desk_channel == "SIP/201-0000000b"
