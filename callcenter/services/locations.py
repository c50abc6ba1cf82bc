"""Caller locations in: store every AML message (SMS or HTTPS) and attach it to the caller's call.

A location attaches to the call from the same number (E.164) that is ringing or in hand, or else that rang
within the attach window (setting ``aml_attach_window``: by default from 10 minutes before the location arrived
to 2 minutes after). With no such call it waits (the supervisor sees it) and intake attaches it when the call
comes (``attach_waiting_locations``, called inside intake's own transaction). Every message is stored, duplicates
and late ones too; SMS that are not locations are stored for the operators. Nothing here is shown: the console
reads ``location_views``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from callcenter import phone
from callcenter.aml.message import AmlMessage
from callcenter.aml.sms import ReceivedSms
from callcenter.db.enums import CallState, Direction
from callcenter.db.models import Call, CallerLocation, SmsMessage
from callcenter.services.base import Service, jsonable, record_change, record_changes
from callcenter.services.settings import read_setting

log = logging.getLogger(__name__)

WINDOW_SETTING = "aml_attach_window"
DEFAULT_BEFORE = timedelta(minutes=10)
DEFAULT_AFTER = timedelta(minutes=2)
MAX_WINDOW = timedelta(hours=24)
OPEN_CALL_LOOKBACK = timedelta(hours=2)
"""A call still ringing or in hand is the caller's call however long ago it began, up to this (a call whose end
the line never reported must not collect locations for ever)."""
MAX_RAW = 20_000


@dataclass(frozen=True, slots=True)
class AttachWindow:
    before: timedelta
    """How long before the location arrived its call may have rung."""
    after: timedelta
    """How long after the location arrived its call may still ring."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What became of a received message."""

    kind: str
    """location or sms."""
    id: int
    call_id: int | None = None


def attach_window(session: Session) -> AttachWindow:
    """The configured window; a missing or broken setting falls back to the defaults (10 and 2 minutes)."""
    value = read_setting(session, WINDOW_SETTING)
    before, after = DEFAULT_BEFORE, DEFAULT_AFTER
    if isinstance(value, dict):
        before = _minutes(value.get("before_minutes"), before)
        after = _minutes(value.get("after_minutes"), after)
    return AttachWindow(before, after)


def _minutes(value: Any, default: timedelta) -> timedelta:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_WINDOW.total_seconds() / 60:
        return timedelta(minutes=value)
    return default


class LocationService(Service):
    """Stores what the GSM modem and the HTTPS endpoint receive (acting as the system, so no role check)."""

    def receive_sms(self, sms: ReceivedSms) -> Stored:
        """Store one SMS: a location (attached if its call is known) or an ordinary message.

        Raises ``DatabaseUnavailable`` when it cannot be committed: the modem then keeps the SMS on its SIM and
        hands it over again later, so nothing is lost.
        """
        now = self.clock()
        with self.db.write() as session:
            if sms.aml is not None:
                return _store_location(session, sms.aml, now=now, received_at=sms.received_at, transport="sms",
                                       source_key=sms.source_key, sender=sms.sender, pdus=list(sms.pdus),
                                       problem=sms.problem)
            sms_id = session.scalar(insert(SmsMessage).values(
                received_at=sms.received_at, source_key=sms.source_key[:200], sender=_cut(sms.sender, 40),
                e164=_e164(sms.sender), sent_at=sms.sent_at, text=sms.text[:MAX_RAW] if sms.text else sms.text,
                pdus=list(sms.pdus), parts_expected=sms.parts_expected, parts_received=sms.parts_received,
                problem=_cut(sms.problem, 500)).returning(SmsMessage.id))
            assert sms_id is not None
            record_change(session, "sms", sms_id, "received", now)
            return Stored("sms", sms_id)

    def receive_https(self, message: AmlMessage, *, source_key: str, received_at: datetime | None = None) -> Stored:
        """Store a location posted to the HTTPS endpoint (the caller's number is in the message itself)."""
        now = self.clock()
        with self.db.write() as session:
            return _store_location(session, message, now=now, received_at=received_at or now, transport="https",
                                   source_key=source_key, sender=message.device_number, pdus=None, problem=None)


def _cut(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None


def _e164(sender: str | None) -> str | None:
    if not sender or not any(ch.isdigit() for ch in sender):
        return None
    return phone.to_e164(sender)


def _details(message: AmlMessage, problem: str | None) -> dict[str, Any] | None:
    details: dict[str, Any] = {
        "emergency_number": message.emergency_number, "call_started_at": message.call_started_at,
        "altitude_m": message.altitude_m, "vertical_accuracy_m": message.vertical_accuracy_m,
        "home_mcc": message.home_mcc, "home_mnc": message.home_mnc, "languages": message.languages,
        "declared_length": message.declared_length,
    }
    details = {key: value for key, value in details.items() if value is not None}
    if message.extra:
        details["extra"] = message.extra
    problems = [*message.problems, *([problem] if problem else [])]
    if problems:
        details["problems"] = problems
    return jsonable(details) or None


def _store_location(session: Session, message: AmlMessage, *, now: datetime, received_at: datetime, transport: str,
                    source_key: str, sender: str | None, pdus: list[str] | None, problem: str | None) -> Stored:
    e164 = _e164(sender)
    call_id = _match_call(session, e164, received_at, attach_window(session)) if e164 else None
    location_id = session.scalar(insert(CallerLocation).values(
        received_at=received_at, transport=transport, source_key=source_key[:200], sender=_cut(sender, 40),
        e164=e164, raw=message.raw[:MAX_RAW], pdus=pdus, version=message.version, latitude=message.latitude,
        longitude=message.longitude, radius_m=message.radius_m, positioned_at=message.positioned_at,
        confidence=message.confidence, method=message.method, imsi=_cut(message.imsi, 20),
        imei=_cut(message.imei, 20), mcc=_cut(message.mcc, 3), mnc=_cut(message.mnc, 3),
        length_ok=message.length_ok, details=_details(message, problem), call_id=call_id,
        attached_at=now if call_id is not None else None).returning(CallerLocation.id))
    assert location_id is not None
    if message.length_ok is False:
        log.warning("AML message %d from %s: ml=%s but it is %d characters long (kept)", location_id,
                    e164 or sender, message.declared_length, len(message.raw))
    if call_id is None:
        record_change(session, "caller_location", location_id, "waiting", now)
    else:
        record_changes(session, [("caller_location", location_id, "attach"), ("call", call_id, "location")], now)
    return Stored("location", location_id, call_id)


def _match_call(session: Session, e164: str, at: datetime, window: AttachWindow) -> int | None:
    """The caller's call for a location received ``at``: the latest call of the number that rang in the window
    before (or that is still ringing or in hand, however long ago it rang), else the first in the window after."""
    lookback = max(window.before, OPEN_CALL_LOOKBACK)
    rows = session.execute(
        select(Call.id, Call.received_at, Call.state, Call.ended_at)
        .where(Call.e164 == e164, Call.direction == Direction.INCOMING, Call.received_at >= at - lookback,
               Call.received_at <= at + window.after)
        .order_by(Call.received_at.desc(), Call.id.desc()).limit(50)
    ).all()

    def candidate(row: Any) -> bool:
        still_open = row.state is CallState.RINGING or (row.state is CallState.ANSWERED and row.ended_at is None)
        return still_open or row.received_at >= at - window.before

    before = [row for row in rows if row.received_at <= at and candidate(row)]
    if before:
        return int(before[0].id)
    after = [row for row in rows if at < row.received_at]
    return int(after[-1].id) if after else None


def attach_waiting_locations(session: Session, calls: list[tuple[int, str | None, datetime]], now: datetime) -> int:
    """Intake's hook, inside its transaction: attach waiting locations to the calls it has just inserted.

    ``calls`` are (call id, E.164 or None, received at). Costs one indexed look-up per batch (only waiting
    locations are in the index it reads). Returns how many locations were attached.
    """
    wanted = [(call_id, e164, at) for call_id, e164, at in calls if e164]
    if not wanted:
        return 0
    numbers = sorted({e164 for _, e164, _ in wanted if e164})
    earliest = min(at for _, _, at in wanted)
    latest = max(at for _, _, at in wanted)
    waiting = session.execute(
        select(CallerLocation.id, CallerLocation.e164, CallerLocation.received_at)
        .where(CallerLocation.call_id.is_(None), CallerLocation.e164.in_(numbers),
               CallerLocation.received_at >= earliest - MAX_WINDOW, CallerLocation.received_at <= latest + MAX_WINDOW)
    ).all()
    if not waiting:
        return 0
    window = attach_window(session)
    changes: list[tuple[str, object, str]] = []
    for location_id, e164, received_at in waiting:
        candidates = [(at, call_id) for call_id, number, at in wanted if number == e164
                      and received_at - window.before <= at <= received_at + window.after]
        if not candidates:
            continue
        earlier = [item for item in candidates if item[0] <= received_at]
        call_id = max(earlier)[1] if earlier else min(candidates)[1]
        done = session.execute(update(CallerLocation).where(
            CallerLocation.id == location_id, CallerLocation.call_id.is_(None)).values(
            call_id=call_id, attached_at=now)).rowcount  # type: ignore[attr-defined]
        if done:
            changes += [("caller_location", location_id, "attach"), ("call", call_id, "location")]
    record_changes(session, changes, now)
    return len(changes) // 2

