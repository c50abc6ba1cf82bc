"""Answered calls reach the database as answered (issue 13): Asterisk frames through the real parser and intake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from callcenter.cid.ami import AmiParser
from callcenter.cid.events import CallerIdEvent, ParseResult, Presentation
from callcenter.cid.modem import ModemParser
from callcenter.cid.ncid import NcidParser
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import CallState
from callcenter.db.models import Call, Caller
from callcenter.services.intake import IntakeService
from tests.callcenter.cid.amitrace import Call as AmiCall


def feed(intake: IntakeService, source: str, parser: AmiParser | ModemParser | NcidParser,
         blocks: list[bytes], clock: ManualClock) -> list[str]:
    actions: list[str] = []
    for block in blocks:
        results: list[ParseResult] = parser.feed(block, clock())
        batch = [(source, r) for r in results if isinstance(r, CallerIdEvent)]
        actions += [notice.action for notice in intake.process(batch)]
    return actions


def calls(db: Database) -> list[Call]:
    with db.read() as session:
        return list(session.scalars(select(Call).order_by(Call.id)))


def at(call: AmiCall, seconds: float) -> datetime:
    return datetime.fromtimestamp(call.start + seconds, UTC)


def test_call_answered_at_a_desk_is_stored_answered_with_answer_and_talk_time(db: Database, owner_db: Database,
                                                                             clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    answered, abandoned = AmiCall(1, "081234567890", "BUDI"), AmiCall(2, "081234567891", start=1_765_000_100.0)
    blocks = [answered.newchannel(0), answered.greeting(1), *answered.dial(8, "201"), *answered.answer(14, "201")]
    assert feed(intake, "ami://pbx", AmiParser(), blocks, clock) == ["ringing", "answered"]
    (call,) = calls(db)
    assert call.state is CallState.ANSWERED and call.answered_at == at(answered, 14)
    assert (call.answered_channel, call.answered_extension, call.answered_via) == ("PJSIP/201-00000001", "201",
                                                                                  "line")
    assert call.claimed_by_id is None

    parser = AmiParser()
    blocks = [answered.newchannel(0), answered.greeting(1), *answered.dial(8, "201"), *answered.answer(14, "201"),
              *answered.hangup(74, "201"),
              abandoned.newchannel(0), abandoned.greeting(1), *abandoned.dial(8, "201"),
              *abandoned.no_answer(30, "201"), *abandoned.hangup(30)]
    fresh = IntakeService(db, clock=clock)
    with owner_db.write() as session:  # wiping tables is the owner's work, not a desk's
        session.execute(text("DELETE FROM change_feed"))
        session.execute(text("DELETE FROM calls"))
    feed(fresh, "ami://pbx", parser, blocks, clock)
    first, second = calls(db)
    assert first.state is CallState.ENDED and first.received_at == at(answered, 0)
    assert first.answered_at == at(answered, 14) and first.ended_at == at(answered, 74)
    assert (first.duration_s, first.talk_s) == (74, 60)
    # Abandoned after the greeting: missed, never answered at 0 s.
    assert second.state is CallState.MISSED and second.answered_at is None and second.talk_s is None
    assert second.duration_s == 30


def test_a_console_claim_first_keeps_the_call_open_and_notes_the_desk(db: Database, clock: ManualClock) -> None:
    from callcenter.db.enums import Role
    from callcenter.services.calls import CallService
    from tests.callcenter.services.conftest import make_actor

    intake = IntakeService(db, clock=clock)
    parser = AmiParser()
    call = AmiCall(3, "0264200112")
    feed(intake, "ami://pbx", parser, [call.newchannel(0)], clock)
    operator = make_actor(db, clock, "asep", Role.OPERATOR)
    (stored,) = calls(db)
    CallService(db, clock).claim(operator, stored.id)
    assert feed(intake, "ami://pbx", parser, [*call.dial(2, "201"), *call.answer(5, "201"),
                                              *call.hangup(20, "201")], clock) == ["ended"]
    (stored,) = calls(db)
    assert stored.state is CallState.ANSWERED and stored.claimed_by_id == operator.id
    assert stored.answered_at == clock() and stored.answered_channel == "PJSIP/201-00000001"
    assert stored.answered_via is None and stored.ended_at == at(call, 20)


def test_final_identity_replaces_the_first_and_moves_the_caller_count(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    call = AmiCall(4, "081234567892", "FIRST")
    blocks = [call.newchannel(0),
              call.newcallerid(1, "081234567893", "SECOND", "0 (Presentation Allowed, Not Screened)"),
              call.newcallerid(2, "+31260xxxxxx", "", "33 (Presentation Prohibited, Passed Screen)")]
    assert feed(intake, "ami://pbx", AmiParser(), blocks, clock) == ["ringing", "caller_id", "caller_id"]
    (stored,) = calls(db)
    assert (stored.number_raw, stored.e164, stored.presentation) == ("+31260xxxxxx", None, Presentation.PRIVATE)
    with db.read() as session:
        counts = {row.e164: row.call_count for row in session.execute(select(Caller.e164, Caller.call_count))}
    assert counts == {"+6281234567892": 0, "+6281234567893": 0}


def test_modem_second_number_in_one_ring_cycle_corrects_the_stored_call(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    parser = ModemParser()
    actions = feed(intake, "serial:/dev/ttyS0", parser,
                   [b"RING\r\n", b"DATE = 1206\r\nTIME = 1900\r\nNMBR = P\r\nNAME = WITHHELD\r\n"], clock)
    clock.advance(3)
    actions += feed(intake, "serial:/dev/ttyS0", parser, [b"RING\r\n", b"NMBR = 081234567890\r\n"], clock)
    assert actions == ["ringing", "caller_id"]
    (stored,) = calls(db)
    assert (stored.number_raw, stored.e164, stored.presentation) == (
        "081234567890", "+6281234567890", Presentation.ALLOWED)


def test_ncid_answered_ring_count_and_end_line(db: Database, clock: ManualClock) -> None:
    intake = IntakeService(db, clock=clock)
    parser = NcidParser()
    lines = [b"CID: *DATE*12062026*TIME*1900*LINE*POTS*NMBR*0264200112*MESG*NONE*NAME*RSUD*\n"]
    feed(intake, "tcp://ncid", parser, lines, clock)
    clock.advance(6)
    feed(intake, "tcp://ncid", parser, [b"CIDINFO: *LINE*POTS*RING*0*TIME*19:00:06*\n"], clock)
    clock.advance(30)
    feed(intake, "tcp://ncid", parser, [b"END: *HTYPE*BYE*DATE*12062026*TIME*1900*SCALL*12/06/2026 19:00:00*"
                                        b"ECALL*12/06/2026 19:00:36*CTYPE*IN*LINE*POTS*NMBR*0264200112*NAME*RSUD*\n"],
         clock)
    (stored,) = calls(db)
    assert stored.state is CallState.ENDED and stored.answered_at == clock() - timedelta(seconds=30)
    assert (stored.duration_s, stored.talk_s) == (36, 30)


def test_sqlite_commits_are_durable(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
