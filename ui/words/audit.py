"""The audit trail in words: what each action code means, what each entity is, and the details the core writes
itself (in English, for the record) in the console's language. The raw code stays visible beside the words (the
audit log's tooltip and details pane), so a technician can still search for it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from callcenter.db.enums import Role
from callcenter.services.base import SYSTEM
from ui.words import (
    call_state_text,
    call_type_text,
    channel_text,
    date_text,
    delivery_reason_text,
    dispatch_status_text,
    incident_status_text,
    outbox_state_text,
    priority_text,
    report_channel_text,
    role_text,
    unit_status_text,
    unit_type_text,
    wib_text,
)

CONTEXT = "Words"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


ACTIONS: Mapping[str, object] = {
    # Every action code the core audits (a test reads callcenter/ and fails on a code missing here).
    "login": QT_TRANSLATE_NOOP("Words", "Logged in"),
    "login.failed": QT_TRANSLATE_NOOP("Words", "Login failed"),
    "login.refused": QT_TRANSLATE_NOOP("Words", "Login refused"),
    "login.password_change_required": QT_TRANSLATE_NOOP("Words", "Login held for a new password"),
    "operator.create": QT_TRANSLATE_NOOP("Words", "Account created"),
    "operator.locked": QT_TRANSLATE_NOOP("Words", "Account locked after wrong passwords"),
    "operator.password_change": QT_TRANSLATE_NOOP("Words", "Password changed"),
    "operator.password_reset": QT_TRANSLATE_NOOP("Words", "Password reset by an admin"),
    "operator.set_active": QT_TRANSLATE_NOOP("Words", "Account switched on or off"),
    "operator.unlock": QT_TRANSLATE_NOOP("Words", "Account unlocked by an admin"),
    "category.questions": QT_TRANSLATE_NOOP("Words", "Category questions changed"),
    "desk.online": QT_TRANSLATE_NOOP("Words", "Desk online"),
    "desk.operator": QT_TRANSLATE_NOOP("Words", "Another operator at the desk"),
    "desk.offline": QT_TRANSLATE_NOOP("Words", "Desk offline"),
    "shift.start": QT_TRANSLATE_NOOP("Words", "Shift started"),
    "shift.end": QT_TRANSLATE_NOOP("Words", "Shift ended (handover)"),
    "call.claim": QT_TRANSLATE_NOOP("Words", "Call answered"),
    "call.classify": QT_TRANSLATE_NOOP("Words", "Call type chosen"),
    "call.end": QT_TRANSLATE_NOOP("Words", "Call finished"),
    "call.callback": QT_TRANSLATE_NOOP("Words", "Missed call called back"),
    "call.link_incident": QT_TRANSLATE_NOOP("Words", "Call linked to an incident"),
    "call.release_stale": QT_TRANSLATE_NOOP("Words", "Stale call released to the queue"),
    "caller.block": QT_TRANSLATE_NOOP("Words", "Number blocked"),
    "caller.unblock": QT_TRANSLATE_NOOP("Words", "Number unblocked"),
    "caller.auto_block": QT_TRANSLATE_NOOP("Words", "Number blocked automatically"),
    "incident.create": QT_TRANSLATE_NOOP("Words", "Incident created"),
    "incident.update": QT_TRANSLATE_NOOP("Words", "Incident changed"),
    "incident.note": QT_TRANSLATE_NOOP("Words", "Note added to an incident"),
    "incident.status": QT_TRANSLATE_NOOP("Words", "Incident status changed"),
    "incident.reassign": QT_TRANSLATE_NOOP("Words", "Incident handed to another operator"),
    "incident.close": QT_TRANSLATE_NOOP("Words", "Incident closed"),
    "incident.reopen": QT_TRANSLATE_NOOP("Words", "Incident reopened"),
    "dispatch.create": QT_TRANSLATE_NOOP("Words", "Forwarded to an agency or unit"),
    "dispatch.status": QT_TRANSLATE_NOOP("Words", "Dispatch status recorded"),
    "unit.assign": QT_TRANSLATE_NOOP("Words", "Unit assigned"),
    "unit.status": QT_TRANSLATE_NOOP("Words", "Unit status changed"),
    "unit.create": QT_TRANSLATE_NOOP("Words", "Unit added"),
    "unit.update": QT_TRANSLATE_NOOP("Words", "Unit changed"),
    "unit.delete": QT_TRANSLATE_NOOP("Words", "Unit deleted"),
    "unit.position": QT_TRANSLATE_NOOP("Words", "Unit's position set"),
    "agency.create": QT_TRANSLATE_NOOP("Words", "Agency added"),
    "agency.update": QT_TRANSLATE_NOOP("Words", "Agency changed"),
    "agency.delete": QT_TRANSLATE_NOOP("Words", "Agency deleted"),
    "agency.position": QT_TRANSLATE_NOOP("Words", "Agency's position set"),
    "outbox.sent": QT_TRANSLATE_NOOP("Words", "Message sent (e-mail or webhook)"),
    "outbox.delivered": QT_TRANSLATE_NOOP("Words", "Delivered at the desk (slip or WhatsApp)"),
    "outbox.failed": QT_TRANSLATE_NOOP("Words", "Delivery failed"),
    "outbox.retry": QT_TRANSLATE_NOOP("Words", "Delivery tried again"),
    "setting.set": QT_TRANSLATE_NOOP("Words", "Setting changed"),
    "cid_source.add": QT_TRANSLATE_NOOP("Words", "Caller-ID source added"),
    "cid_source.update": QT_TRANSLATE_NOOP("Words", "Caller-ID source changed"),
    "cid_source.enable": QT_TRANSLATE_NOOP("Words", "Caller-ID source switched on"),
    "cid_source.disable": QT_TRANSLATE_NOOP("Words", "Caller-ID source switched off"),
    "cid_source.remove": QT_TRANSLATE_NOOP("Words", "Caller-ID source removed"),
    "location.attach": QT_TRANSLATE_NOOP("Words", "Phone location attached to a call"),
    "location.take": QT_TRANSLATE_NOOP("Words", "Phone location put into an incident"),
    "sms.read": QT_TRANSLATE_NOOP("Words", "SMS read"),
    "audit.export": QT_TRANSLATE_NOOP("Words", "Audit log exported"),
    "export.calls": QT_TRANSLATE_NOOP("Words", "Calls exported (CSV)"),
    "export.incidents": QT_TRANSLATE_NOOP("Words", "Incidents exported (CSV)"),
    "demo.seed": QT_TRANSLATE_NOOP("Words", "Demo history added"),
    "permission_denied": QT_TRANSLATE_NOOP("Words", "Refused: not allowed for the role"),
}

ENTITIES: Mapping[str, object] = {
    "operator": QT_TRANSLATE_NOOP("Words", "account"),
    "desk": QT_TRANSLATE_NOOP("Words", "desk"),
    "shift_session": QT_TRANSLATE_NOOP("Words", "shift session"),
    "call": QT_TRANSLATE_NOOP("Words", "call"),
    "caller": QT_TRANSLATE_NOOP("Words", "caller's number"),
    "incident": QT_TRANSLATE_NOOP("Words", "incident"),
    "dispatch": QT_TRANSLATE_NOOP("Words", "dispatch"),
    "unit": QT_TRANSLATE_NOOP("Words", "unit"),
    "agency": QT_TRANSLATE_NOOP("Words", "agency"),
    "outbox": QT_TRANSLATE_NOOP("Words", "message to an agency"),
    "setting": QT_TRANSLATE_NOOP("Words", "setting"),
    "cid_source": QT_TRANSLATE_NOOP("Words", "caller-ID source"),
    "caller_location": QT_TRANSLATE_NOOP("Words", "phone location"),
    "sms": QT_TRANSLATE_NOOP("Words", "SMS"),
    "audit": QT_TRANSLATE_NOOP("Words", "audit log"),
    "database": QT_TRANSLATE_NOOP("Words", "database"),
    "permission": QT_TRANSLATE_NOOP("Words", "permission"),
    "export": QT_TRANSLATE_NOOP("Words", "export"),
    # the first part of action codes that name no entity (the action filter's groups)
    "login": QT_TRANSLATE_NOOP("Words", "login attempt"),
    "shift": QT_TRANSLATE_NOOP("Words", "shift"),
    "location": QT_TRANSLATE_NOOP("Words", "phone location"),
    "demo": QT_TRANSLATE_NOOP("Words", "demo data"),
}

FIELDS: Mapping[str, object] = {
    # The names of the values an audit row keeps before and after a change (columns of the core's tables).
    "status": QT_TRANSLATE_NOOP("Words", "status"),
    "state": QT_TRANSLATE_NOOP("Words", "state"),
    "call_type": QT_TRANSLATE_NOOP("Words", "call type"),
    "priority": QT_TRANSLATE_NOOP("Words", "priority"),
    "category_id": QT_TRANSLATE_NOOP("Words", "category"),
    "kecamatan_code": QT_TRANSLATE_NOOP("Words", "kecamatan"),
    "desa_code": QT_TRANSLATE_NOOP("Words", "desa/kelurahan"),
    "address": QT_TRANSLATE_NOOP("Words", "address"),
    "landmark": QT_TRANSLATE_NOOP("Words", "landmark"),
    "latitude": QT_TRANSLATE_NOOP("Words", "latitude"),
    "longitude": QT_TRANSLATE_NOOP("Words", "longitude"),
    "description": QT_TRANSLATE_NOOP("Words", "description"),
    "reporter_name": QT_TRANSLATE_NOOP("Words", "reporter"),
    "callback_number": QT_TRANSLATE_NOOP("Words", "callback number"),
    "channel": QT_TRANSLATE_NOOP("Words", "report channel"),
    "channels": QT_TRANSLATE_NOOP("Words", "delivered by"),
    "disposition": QT_TRANSLATE_NOOP("Words", "disposition"),
    "number": QT_TRANSLATE_NOOP("Words", "number"),
    "incident_id": QT_TRANSLATE_NOOP("Words", "incident"),
    "current_incident_id": QT_TRANSLATE_NOOP("Words", "incident"),
    "call_id": QT_TRANSLATE_NOOP("Words", "call"),
    "agency": QT_TRANSLATE_NOOP("Words", "agency"),
    "agency_id": QT_TRANSLATE_NOOP("Words", "agency"),
    "unit": QT_TRANSLATE_NOOP("Words", "unit"),
    "unit_type": QT_TRANSLATE_NOOP("Words", "unit type"),
    "call_sign": QT_TRANSLATE_NOOP("Words", "call sign"),
    "operator_id": QT_TRANSLATE_NOOP("Words", "operator"),
    "assigned_to_id": QT_TRANSLATE_NOOP("Words", "handled by"),
    "claimed_by_id": QT_TRANSLATE_NOOP("Words", "held by"),
    "username": QT_TRANSLATE_NOOP("Words", "username"),
    "full_name": QT_TRANSLATE_NOOP("Words", "full name"),
    "role": QT_TRANSLATE_NOOP("Words", "role"),
    "active": QT_TRANSLATE_NOOP("Words", "active"),
    "enabled": QT_TRANSLATE_NOOP("Words", "switched on"),
    "locked_until": QT_TRANSLATE_NOOP("Words", "locked until"),
    "blocked_until": QT_TRANSLATE_NOOP("Words", "blocked until"),
    "ended_at": QT_TRANSLATE_NOOP("Words", "ended"),
    "read_at": QT_TRANSLATE_NOOP("Words", "read"),
    "shift": QT_TRANSLATE_NOOP("Words", "shift"),
    "date": QT_TRANSLATE_NOOP("Words", "date"),
    "desk": QT_TRANSLATE_NOOP("Words", "desk"),
    "host": QT_TRANSLATE_NOOP("Words", "desk"),
    "name": QT_TRANSLATE_NOOP("Words", "name"),
    "url": QT_TRANSLATE_NOOP("Words", "address"),
    "value": QT_TRANSLATE_NOOP("Words", "value"),
    "code": QT_TRANSLATE_NOOP("Words", "code"),
    "short_name": QT_TRANSLATE_NOOP("Words", "short name"),
    "kind": QT_TRANSLATE_NOOP("Words", "kind"),
    "phone": QT_TRANSLATE_NOOP("Words", "phone"),
    "whatsapp": "WhatsApp",
    "email": QT_TRANSLATE_NOOP("Words", "e-mail"),
    "webhook_url": QT_TRANSLATE_NOOP("Words", "webhook"),
    "category_ids": QT_TRANSLATE_NOOP("Words", "categories"),
    "home_desa_code": QT_TRANSLATE_NOOP("Words", "home base"),
}

# The details the core writes itself, per action: (pattern of the English, its words with %1.. for the groups).
DETAILS: Mapping[str, tuple[tuple[re.Pattern[str], object], ...]] = {
    "login.failed": (
        (re.compile(r"^failure (\d+) of (\d+)$"), QT_TRANSLATE_NOOP("Words", "wrong password %1 of %2")),
        (re.compile(r"^unknown username$"), QT_TRANSLATE_NOOP("Words", "unknown username")),
    ),
    "login.refused": (
        (re.compile(r"^account locked$"), QT_TRANSLATE_NOOP("Words", "the account is locked")),
        (re.compile(r"^account inactive$"), QT_TRANSLATE_NOOP("Words", "the account is switched off")),
    ),
    "login.password_change_required": (
        (re.compile(r"^the password was given to the account and must be changed$"),
         QT_TRANSLATE_NOOP("Words", "the password was given by an admin and must be changed first")),
    ),
    "desk.offline": (
        (re.compile(r"^signed off$"), QT_TRANSLATE_NOOP("Words", "logged out")),
        (re.compile(r"^heartbeat timed out$"), QT_TRANSLATE_NOOP("Words", "the desk stopped reporting")),
    ),
    "unit.assign": (
        (re.compile(r"^confirmed although busy$"), QT_TRANSLATE_NOOP("Words", "confirmed although it was busy")),
    ),
    "call.claim": (
        (re.compile(r"^answered while the database was away \(desk journal\)$"),
         QT_TRANSLATE_NOOP("Words", "answered while the database was away (kept in the desk's journal)")),
    ),
    "caller.auto_block": (
        (re.compile(r"^(\d+) prank/ghost calls within (\d+) h$"),
         QT_TRANSLATE_NOOP("Words", "%1 prank/ghost calls within %2 hours")),
    ),
    "demo.seed": (
        (re.compile(r"^(\d+) calls over (\d+) days, seed (\d+)$"),
         QT_TRANSLATE_NOOP("Words", "%1 calls over %2 days (seed %3)")),
    ),
    "audit.export": (
        (re.compile(r"^(\d+) rows; no filter$"), QT_TRANSLATE_NOOP("Words", "%1 rows, no filter")),
        (re.compile(r"^(\d+) rows; (.*)$"), QT_TRANSLATE_NOOP("Words", "%1 rows; filter: %2")),
    ),
    "export.calls": (
        (re.compile(r"^(\d+) calls from (\S+) to (\S+)$"), QT_TRANSLATE_NOOP("Words", "%1 calls from %2 to %3")),
    ),
    "export.incidents": (
        (re.compile(r"^(\d+) incidents from (\S+) to (\S+)$"),
         QT_TRANSLATE_NOOP("Words", "%1 incidents from %2 to %3")),
    ),
    "outbox.sent": (
        (re.compile(r"^(\w+) to (.*) \(attempt (\d+)\)$"), QT_TRANSLATE_NOOP("Words", "%1 to %2 (attempt %3)")),
    ),
    "outbox.failed": (
        (re.compile(r"^(\w+) to (.*) attempt (\d+): (.*)$", re.DOTALL),
         QT_TRANSLATE_NOOP("Words", "%1 to %2, attempt %3: %4")),
    ),
    "outbox.delivered": (
        (re.compile(r"^printed$"), QT_TRANSLATE_NOOP("Words", "printed")),
        (re.compile(r"^saved$"), QT_TRANSLATE_NOOP("Words", "saved as PDF")),
        (re.compile(r"^wa\.me link opened, text copied$"),
         QT_TRANSLATE_NOOP("Words", "WhatsApp opened, the text copied")),
    ),
}
_CHANNELS = ("print", "whatsapp", "email", "webhook")

PERMISSION_ACTIONS: Mapping[str, object] = {
    # What a role tried and was refused (the core's Service.require(actor, role, <what>) phrases).
    "activate or deactivate operators": QT_TRANSLATE_NOOP("Words", "switch accounts on or off"),
    "add notes": QT_TRANSLATE_NOOP("Words", "add notes"),
    "answer calls": QT_TRANSLATE_NOOP("Words", "answer calls"),
    "attach a location to a call": QT_TRANSLATE_NOOP("Words", "attach a phone location to a call"),
    "block numbers": QT_TRANSLATE_NOOP("Words", "block numbers"),
    "edit the category questions": QT_TRANSLATE_NOOP("Words", "edit the category questions"),
    "unlock accounts": QT_TRANSLATE_NOOP("Words", "unlock accounts"),
    "change settings": QT_TRANSLATE_NOOP("Words", "change settings"),
    "change unit status": QT_TRANSLATE_NOOP("Words", "change a unit's status"),
    "classify calls": QT_TRANSLATE_NOOP("Words", "choose call types"),
    "close incidents": QT_TRANSLATE_NOOP("Words", "close incidents"),
    "configure caller-ID sources": QT_TRANSLATE_NOOP("Words", "set up caller-ID sources"),
    "count incidents per area": QT_TRANSLATE_NOOP("Words", "count incidents per area"),
    "create incidents": QT_TRANSLATE_NOOP("Words", "create incidents"),
    "create operators": QT_TRANSLATE_NOOP("Words", "create accounts"),
    "edit incidents": QT_TRANSLATE_NOOP("Words", "change incidents"),
    "end a shift session": QT_TRANSLATE_NOOP("Words", "end a shift session"),
    "end calls": QT_TRANSLATE_NOOP("Words", "finish calls"),
    "export calls": QT_TRANSLATE_NOOP("Words", "export calls"),
    "export incidents": QT_TRANSLATE_NOOP("Words", "export incidents"),
    "export the audit log": QT_TRANSLATE_NOOP("Words", "export the audit log"),
    "forward incidents": QT_TRANSLATE_NOOP("Words", "forward incidents"),
    "link calls to incidents": QT_TRANSLATE_NOOP("Words", "link calls to incidents"),
    "make a report for a date range": QT_TRANSLATE_NOOP("Words", "make a period report"),
    "make a shift report": QT_TRANSLATE_NOOP("Words", "make a shift report"),
    "manage agencies": QT_TRANSLATE_NOOP("Words", "manage agencies"),
    "manage units": QT_TRANSLATE_NOOP("Words", "manage units"),
    "mark an SMS read": QT_TRANSLATE_NOOP("Words", "mark an SMS as read"),
    "read the SMS inbox": QT_TRANSLATE_NOOP("Words", "read the SMS inbox"),
    "read the audit log": QT_TRANSLATE_NOOP("Words", "read the audit log"),
    "reassign incidents": QT_TRANSLATE_NOOP("Words", "hand incidents to another operator"),
    "record callbacks": QT_TRANSLATE_NOOP("Words", "record callbacks"),
    "record deliveries": QT_TRANSLATE_NOOP("Words", "record deliveries"),
    "release calls claimed by another operator": QT_TRANSLATE_NOOP("Words", "release another operator's call"),
    "reopen incidents": QT_TRANSLATE_NOOP("Words", "reopen incidents"),
    "report desk presence": QT_TRANSLATE_NOOP("Words", "report a desk online"),
    "reset passwords": QT_TRANSLATE_NOOP("Words", "reset passwords"),
    "retry deliveries": QT_TRANSLATE_NOOP("Words", "retry deliveries"),
    "see locations waiting for their call": QT_TRANSLATE_NOOP("Words", "see phone locations waiting for a call"),
    "see the incidents of a period on the map": QT_TRANSLATE_NOOP("Words", "see a period's incidents on the map"),
    "see the supervisor board": QT_TRANSLATE_NOOP("Words", "see the supervisor board"),
    "start a shift session": QT_TRANSLATE_NOOP("Words", "start a shift session"),
    "unblock numbers": QT_TRANSLATE_NOOP("Words", "unblock numbers"),
    "update dispatches": QT_TRANSLATE_NOOP("Words", "record dispatch steps"),
    "use a caller location": QT_TRANSLATE_NOOP("Words", "use a phone location"),
    "set the position of an agency": QT_TRANSLATE_NOOP("Words", "set an agency's position"),
    "set the position of a unit": QT_TRANSLATE_NOOP("Words", "set a unit's position"),
}
_TRIED = re.compile(r"^(\w+) tried to (.*)$")


def action_text(code: str) -> str:
    """'Shift dimulai' for 'shift.start'; an unknown code is shown as it is."""
    words = ACTIONS.get(code)
    return tr(str(words)) if words is not None else code


def action_group_text(prefix: str) -> str:
    """A filter on every action of one kind ('call.'): 'panggilan (semua tindakan)'."""
    entity = prefix.rstrip(".")
    return tr("%1 (every action)").replace("%1", entity_text(entity))


def entity_text(entity: str) -> str:
    words = ENTITIES.get(entity)
    return tr(str(words)) if words is not None else entity


def user_text(username: str) -> str:
    """Who did it: the line service and the migrations act as 'system', which reads 'sistem' in Indonesian."""
    return role_text(Role.SYSTEM) if username == SYSTEM.username else username


def field_text(name: str) -> str:
    words = FIELDS.get(name)
    return tr(str(words)) if words is not None else name


def value_text(entity: str, name: str, value: object) -> str:
    """A value an audit row kept, in words where it is one of the core's values."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, list):
        return ", ".join(value_text(entity, name, item) for item in value)
    text = str(value)
    worded = {
        "call_type": call_type_text,
        "priority": priority_text,
        "role": role_text,
        "channel": report_channel_text,
        "channels": channel_text,
        "unit_type": unit_type_text,
        "state": outbox_state_text if entity == "outbox" else call_state_text,
        "status": {"incident": incident_status_text, "dispatch": dispatch_status_text,
                   "unit": unit_status_text}.get(entity),
    }.get(name)
    if worded is not None:
        return worded(text)
    moment = _moment(text)
    return moment if moment is not None else text


def _moment(text: str) -> str | None:
    """An ISO date or moment as the console writes dates (dd-mm-yyyy, WIB)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+([+-]\d{2}:\d{2}|Z)?)?", text):
        return None
    try:
        if len(text) == 10:
            return date_text(date.fromisoformat(text))
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return wib_text(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def change_lines(entity: str, values: Mapping[str, object] | None) -> list[str]:
    """'status: Diteruskan' lines for the values an audit row kept before or after a change."""
    return [f"  {field_text(name)}: {value_text(entity, name, value)}" for name, value in (values or {}).items()]


def detail_text(action: str, detail: str | None) -> str:
    """A detail the core wrote, in words when it is one the core writes itself; people's own notes as written."""
    if not detail:
        return ""
    tried = _TRIED.match(detail) if action == "permission_denied" else None
    if tried is not None:
        what = PERMISSION_ACTIONS.get(tried.group(2))
        return tr("%1 tried to %2").replace("%1", role_text(tried.group(1))).replace(
            "%2", tr(str(what)) if what is not None else tried.group(2))
    for pattern, template in DETAILS.get(action, ()):
        match = pattern.match(detail)
        if match:
            values = [channel_text(value) if index == 0 and value in _CHANNELS else _moment(value) or value
                      for index, value in enumerate(match.groups())]
            if action == "outbox.failed" and len(values) == 4:
                values[3] = delivery_reason_text(values[3])
            text = tr(str(template))
            for number, value in enumerate(values, start=1):
                text = text.replace(f"%{number}", value)
            return text
    if action == "outbox.failed":
        return delivery_reason_text(detail)  # the desk's own failures (no browser for WhatsApp)
    return detail
