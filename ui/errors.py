"""The one place where an error becomes words for the people at the desk, in the console's language.

Core errors carry a stable ``code`` and ``params`` (callcenter.errors); ``error_text`` maps each code to a
sentence. Validation problems are listed field by field. The core words its rules in English; the known
sentences are translated here (context "CoreMessages", and "Dispatch" for the forwarding rules), anything else is
shown as the core wrote it rather than hidden. Nothing in the console decides what to do from a message's text:
controllers look at the error's class or code.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from callcenter.clock import utcnow
from callcenter.errors import KonsolError, UserFixableError, ValidationError
from callcenter.geo.coordinates import CoordinateError
from ui.map.style import coordinate_error_text
from ui.words import role_text, time_text

log = logging.getLogger(__name__)

CONTEXT = "Errors"


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


# Every code the core raises, in words. Placeholders are the error's params (plus {detail}: the core's message).
MESSAGES: Mapping[str, object] = {  # QT_TRANSLATE_NOOP returns its text (typed object)
    "call.already_claimed": QT_TRANSLATE_NOOP("Errors", "{operator} already answered this call."),
    "call.not_ringing": QT_TRANSLATE_NOOP("Errors", "This call is no longer ringing."),
    "call.held_elsewhere": QT_TRANSLATE_NOOP("Errors", "Another operator is handling this call."),
    "call.not_missed": QT_TRANSLATE_NOOP("Errors", "Only a missed call can be called back."),
    "call.not_held": QT_TRANSLATE_NOOP("Errors", "Nobody holds this call any more; the board has been refreshed."),
    "call.desk_back": QT_TRANSLATE_NOOP("Errors", "The operator's desk is online again, so the call is not stale."),
    "incident.closed_no_forward": QT_TRANSLATE_NOOP(
        "Errors", "Incident {number} is closed; a supervisor reopens it before it can be forwarded."),
    "incident.closed_no_edit": QT_TRANSLATE_NOOP(
        "Errors", "Incident {number} is closed and cannot be edited; a supervisor reopens it first."),
    "incident.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Errors", "Incident {number} was changed on another desk after you opened it. Look at the new version, "
                  "then save again."),
    "incident.already_closed": QT_TRANSLATE_NOOP("Errors", "Incident {number} is already closed."),
    "incident.not_closed": QT_TRANSLATE_NOOP("Errors", "Incident {number} is not closed."),
    "dispatch.already_there": QT_TRANSLATE_NOOP(
        "Errors", "This dispatch was already updated (perhaps by another desk). Refresh and look again."),
    "dispatch.final": QT_TRANSLATE_NOOP(
        "Errors", "This dispatch was already updated (perhaps by another desk). Refresh and look again."),
    "dispatch.acknowledge_first": QT_TRANSLATE_NOOP("Errors", "Record \"acknowledged\" before \"cleared\"."),
    "dispatch.backwards": QT_TRANSLATE_NOOP("Errors", "A dispatch cannot go back to an earlier status."),
    "delivery.already_sent": QT_TRANSLATE_NOOP("Errors", "This message was already sent."),
    "unit.on_incident": QT_TRANSLATE_NOOP(
        "Errors", "{unit} is on an open dispatch; record its status on that dispatch instead."),
    "entry.has_history": QT_TRANSLATE_NOOP(
        "Errors", "{name} has history (units or dispatches), so it cannot be deleted; untick \"Active\" instead."),
    "operator.name_taken": QT_TRANSLATE_NOOP("Errors", "The username {username} is already taken."),
    "operator.not_first": QT_TRANSLATE_NOOP("Errors", "Operators already exist; an admin creates further accounts."),
    "operator.self": QT_TRANSLATE_NOOP("Errors", "You cannot deactivate your own account."),
    "operator.last_admin": QT_TRANSLATE_NOOP(
        "Errors", "This is the last active admin: make another account admin before deactivating this one."),
    "desk.in_use": QT_TRANSLATE_NOOP(
        "Errors", "Another console already works as desk {desk}. Two consoles cannot share a desk: give this one "
                  "another name under Settings, or close the other console."),
    "shift.not_yours": QT_TRANSLATE_NOOP("Errors", "This shift session belongs to another operator."),
    "shift.ended": QT_TRANSLATE_NOOP("Errors", "This shift session has already ended."),
    "database.unavailable": QT_TRANSLATE_NOOP(
        "Errors", "The database cannot be reached. Nothing you typed is lost; try again in a moment. ({detail})"),
    "database.switching": QT_TRANSLATE_NOOP(
        "Errors", "The database is switching to its standby server. Nothing you did is lost: it is kept on this "
                  "desk and saved when the database is back, in a few seconds."),
    "database.bad_url": QT_TRANSLATE_NOOP("Errors", "The database address cannot be used: {detail}"),
    "journal.unwritable": QT_TRANSLATE_NOOP(
        "Errors", "This desk cannot write its journal, so work done while the database is away is at risk: {detail}"),
    "database.too_new": QT_TRANSLATE_NOOP(
        "Errors", "The database was written by a newer Konsol 112 (schema {database}; this program knows "
                  "{program}). Install the newer Konsol 112 on this PC; nothing was changed."),
    "database.too_old": QT_TRANSLATE_NOOP(
        "Errors", "The database is at an older schema ({database}) than this program ({program}). An admin runs "
                  "'db upgrade' first."),
    "database.empty": QT_TRANSLATE_NOOP("Errors", "The database has no Konsol 112 tables yet."),
    "database.not_ready": QT_TRANSLATE_NOOP("Errors", "The database is not ready for Konsol 112: {detail}"),
    "demo.already_seeded": QT_TRANSLATE_NOOP("Errors", "The demo history of seed {seed} is already in this database."),
    "database.foreign": QT_TRANSLATE_NOOP(
        "Errors", "The database holds tables that are not Konsol 112's; choose another database."),
    "database.no_reference": QT_TRANSLATE_NOOP(
        "Errors", "The reference data (areas, categories) is missing; an admin runs 'db upgrade'."),
    "spool.unwritable": QT_TRANSLATE_NOOP("Errors", "The local spool file cannot be written: {detail}"),
    "database.missing": QT_TRANSLATE_NOOP(
        "Errors", "There is no database at {path}. An admin creates it with 'db upgrade'."),
    "database.unsupported": QT_TRANSLATE_NOOP(
        "Errors", "Konsol 112 works with SQLite and PostgreSQL databases, not {backend}."),
    "database.no_driver": QT_TRANSLATE_NOOP(
        "Errors", "The database driver {driver} is not installed; use postgresql+psycopg:// (installed with Konsol "
                  "112)."),
    "database.folder": QT_TRANSLATE_NOOP("Errors", "{path} is a folder, not a database file."),
    "database.not_sqlite": QT_TRANSLATE_NOOP("Errors", "{path} is not a SQLite database file."),
    "auth.must_change": QT_TRANSLATE_NOOP(
        "Errors", "The password of {username} was given to the account and must be changed at this login."),
    "auth.failed": QT_TRANSLATE_NOOP("Errors", "Wrong username or password."),
    "auth.wrong_password": QT_TRANSLATE_NOOP("Errors", "The current password is wrong."),
    "auth.inactive": QT_TRANSLATE_NOOP("Errors", "This account has been deactivated. Ask an admin."),
    "auth.locked": QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong passwords: this account is locked until {time} WIB (about {minutes} min). Wait, "
                  "or ask an admin to reset the password."),
    "aml.bad_message": QT_TRANSLATE_NOOP("Errors", "Not a phone location message (AML): {reason}"),
    "aml.bad_pdu": QT_TRANSLATE_NOOP("Errors", "The SMS from the GSM modem cannot be read: {reason}"),
    "aml.bad_post": QT_TRANSLATE_NOOP("Errors", "Not a phone location sent by HTTPS: {reason}"),
    "location.already_attached": QT_TRANSLATE_NOOP(
        "Errors", "This phone location is already attached to call {call_id}."),
    "location.no_fix": QT_TRANSLATE_NOOP(
        "Errors", "The phone sent no position (no fix): there is nothing to put into the incident."),
    "permission": QT_TRANSLATE_NOOP("Errors", "Your role ({role}) is not allowed to do this."),
    "not_found": QT_TRANSLATE_NOOP("Errors", "It no longer exists; someone may have removed it. Refresh and try "
                                             "again."),
    "conflict": QT_TRANSLATE_NOOP("Errors", "Someone else changed this first: {detail}"),
    "cancelled": QT_TRANSLATE_NOOP("Errors", "Cancelled."),
    # The map's words (ui.map.style.coordinate_error_text) say what to paste instead; this is the fallback.
    "geo.coordinates": QT_TRANSLATE_NOOP("Errors", "Not a coordinate: {detail}"),
}
UNEXPECTED = QT_TRANSLATE_NOOP("Errors", "Something went wrong ({detail}). Try again; if it happens again, tell "
                                         "the technician (the log file is named in the key list, F1).")
FILE_PROBLEM = QT_TRANSLATE_NOOP("Errors", "The file cannot be written: {detail}")
ANOTHER_DESK = QT_TRANSLATE_NOOP("Errors", "another desk")


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # a translation that names a value the error lacks shows the name, not a crash


def fill(template: str, values: Mapping[str, object]) -> str:
    return string.Formatter().vformat(template, (), _Blank(values))


def error_text(error: BaseException, now: datetime | None = None) -> str:
    """One or two sentences an operator understands, in the console's language."""
    if isinstance(error, CoordinateError):
        return coordinate_error_text(error)
    if isinstance(error, ValidationError):
        return problems_text(error)
    if isinstance(error, OSError):
        return fill(tr(FILE_PROBLEM), {"detail": error.strerror or str(error)})
    if not isinstance(error, KonsolError):
        log.error("unexpected error shown to the operator: %r", error, exc_info=error)
        return fill(tr(UNEXPECTED), {"detail": f"{type(error).__name__}: {str(error)[:200]}"})
    values: dict[str, object] = {"detail": core_text(str(error))[:300], **error.params}
    if error.code == "call.already_claimed":
        values["operator"] = error.params.get("operator") or tr(ANOTHER_DESK)
    elif error.code == "auth.locked":
        until = error.params.get("until")
        if isinstance(until, datetime):
            moment = now or utcnow()
            values["time"] = time_text(until, seconds=False)
            values["minutes"] = max(1, int((until - moment).total_seconds() + 59) // 60)
    elif error.code == "permission":
        values["role"] = role_text(str(error.params.get("role")))
    template = MESSAGES.get(error.code)
    if template is not None:
        return fill(tr(template), values)
    if isinstance(error, UserFixableError):
        return core_text(str(error))[:300]
    return fill(tr(MESSAGES["conflict"]), values)


# -- validation problems ------------------------------------------------------------------------------------

FIELD_LABELS: Mapping[str, object] = {
    "category_id": QT_TRANSLATE_NOOP("Errors", "Category"),
    "priority": QT_TRANSLATE_NOOP("Errors", "Priority"),
    "kecamatan_code": QT_TRANSLATE_NOOP("Errors", "Kecamatan"),
    "desa_code": QT_TRANSLATE_NOOP("Errors", "Desa/kelurahan"),
    "address": QT_TRANSLATE_NOOP("Errors", "Address"),
    "landmark": QT_TRANSLATE_NOOP("Errors", "Landmark"),
    "latitude": QT_TRANSLATE_NOOP("Errors", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("Errors", "Longitude"),
    "reporter_name": QT_TRANSLATE_NOOP("Errors", "Reporter"),
    "callback_number": QT_TRANSLATE_NOOP("Errors", "Callback number"),
    "description": QT_TRANSLATE_NOOP("Errors", "Description"),
    "disposition": QT_TRANSLATE_NOOP("Errors", "Disposition"),
    "note": QT_TRANSLATE_NOOP("Errors", "Note"),
    "reason": QT_TRANSLATE_NOOP("Errors", "Reason"),
    "number": QT_TRANSLATE_NOOP("Errors", "Number"),
    "hours": QT_TRANSLATE_NOOP("Errors", "Hours"),
    "handover_note": QT_TRANSLATE_NOOP("Errors", "Handover note"),
    "name": QT_TRANSLATE_NOOP("Errors", "Name"),
    "url": QT_TRANSLATE_NOOP("Errors", "URL"),
    "host": QT_TRANSLATE_NOOP("Errors", "Desk"),
    "operator": QT_TRANSLATE_NOOP("Errors", "Operator"),
}
# The forwarding screens' fields.
DISPATCH_FIELDS: Mapping[str, object] = {
    "code": QT_TRANSLATE_NOOP("Errors", "Code"), "short_name": QT_TRANSLATE_NOOP("Errors", "Short name"),
    "kind": QT_TRANSLATE_NOOP("Errors", "Kind"), "phone": QT_TRANSLATE_NOOP("Errors", "Phone"),
    "whatsapp": QT_TRANSLATE_NOOP("Errors", "WhatsApp"), "email": QT_TRANSLATE_NOOP("Errors", "E-mail"),
    "webhook_url": QT_TRANSLATE_NOOP("Errors", "Webhook URL"),
    "category_ids": QT_TRANSLATE_NOOP("Errors", "Categories"),
    "call_sign": QT_TRANSLATE_NOOP("Errors", "Call sign"), "unit_type": QT_TRANSLATE_NOOP("Errors", "Type"),
    "agency_id": QT_TRANSLATE_NOOP("Errors", "Agency"), "home_desa_code": QT_TRANSLATE_NOOP("Errors", "Home base"),
    "channels": QT_TRANSLATE_NOOP("Errors", "Channels"), "agencies": QT_TRANSLATE_NOOP("Errors", "Agencies"),
    "status": QT_TRANSLATE_NOOP("Errors", "Status"), "port": QT_TRANSLATE_NOOP("Errors", "Port"),
    "security": QT_TRANSLATE_NOOP("Errors", "Encryption"), "sender": QT_TRANSLATE_NOOP("Errors", "Sender address"),
}


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name) or DISPATCH_FIELDS.get(name)
    return tr(label) if label is not None else name


def problems_text(error: ValidationError) -> str:
    return "\n".join(f"{field_label(name)}: {core_text(text)}" for name, text in error.problems.items())


# Core sentences with values in them, as patterns; each is translated in the "CoreMessages" context.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^at most ([\d,.]+) characters \(now ([\d,.]+)\)$"), "at most %1 characters (now %2)"),
    (re.compile(r"^at most ([\d,.]+) characters$"), "at most %1 characters"),
    (re.compile(r"^incident (\S+) is already closed$"), "incident %1 is already closed"),
    (re.compile(r"^incident (\S+) is not closed$"), "incident %1 is not closed"),
    (re.compile(r"^this source is already configured \((.*)\)$"), "this source is already configured (%1)"),
    (re.compile(r"^unknown caller-ID source scheme '(.*?)' in '(.*)'; use serial, tcp, udp, ami, sim or a "
                r"pyserial URL such as rfc2217://$"),
     "unknown caller-ID source scheme '%1' in '%2'; use serial, tcp, udp, ami, sim or a pyserial URL such as "
     "rfc2217://"),
    (re.compile(r"^'(.*)' is not a caller-ID source URL \(expected .*\)$"),
     "'%1' is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, "
     "ami://user:secret@host, sim://)"),
    (re.compile(r"^no answer within (.*) s$"), "no answer within %1 s"),
    (re.compile(r"^at least (\d+) characters$"), "at least %1 characters"),
    (re.compile(r"^at most (\d+) questions per category$"), "at most %1 questions per category"),
    (re.compile(r"^at most ([\d,.]+) characters per answer \(now ([\d,.]+)\)$"),
     "at most %1 characters per answer (now %2)"),
    (re.compile(r"^unknown status (.+)$"), "unknown status %1"),
    (re.compile(r"^a desk name of 1 to (\d+) characters$"), "a desk name of 1 to %1 characters"),
    (re.compile(r"^a desk name of 1 to (\d+) printable characters$"), "a desk name of 1 to %1 printable characters"),
    (re.compile(r"^dates run from (\S+) to (\S+)$"), "dates run from %1 to %2"),
    (re.compile(r"^a report covers at most (\d+) days$"), "a report covers at most %1 days"),
    (re.compile(r"^the (.+) shift of (\S+) has not started yet \(it starts (.+) WIB\)$"),
     "the %1 shift of %2 has not started yet (it starts %3 WIB)"),
    (re.compile(r"^(\S+) is out of range$"), "%1 is out of range"),
    (re.compile(r"^one of (.+)$"), "one of %1"),
)
# The forwarding rules' sentences (the core words them with values inside): recognised by their distinctive part.
DISPATCH_PROBLEMS: tuple[tuple[str, object], ...] = (
    ("is not an e-mail address",
     QT_TRANSLATE_NOOP("Errors", "This is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id).")),
    ("an e-mail address has at most", QT_TRANSLATE_NOOP("Errors", "An e-mail address has at most 200 characters.")),
    ("the web address must start with",
     QT_TRANSLATE_NOOP("Errors", "The web address must start with http:// or https://.")),
    ("a web address cannot contain spaces", QT_TRANSLATE_NOOP("Errors", "A web address cannot contain spaces.")),
    ("the web address has no server name",
     QT_TRANSLATE_NOOP("Errors", "The web address has no server name (e.g. https://server/112).")),
    ("the port in the web address",
     QT_TRANSLATE_NOOP("Errors", "The port in the web address must be a number from 1 to 65535.")),
    ("a web address has at most", QT_TRANSLATE_NOOP("Errors", "A web address has at most 500 characters.")),
    ("WhatsApp numbers must be Indonesian", QT_TRANSLATE_NOOP("Errors", "WhatsApp numbers must be Indonesian (+62).")),
    ("is not a valid telephone number",
     QT_TRANSLATE_NOOP("Errors", "This is not a valid telephone number (e.g. 0812-3456-7890).")),
    ("2-40 lower-case letters", QT_TRANSLATE_NOOP("Errors", "2-40 lower-case letters, digits or _ (e.g. damkar).")),
    ("the agency's full name", QT_TRANSLATE_NOOP("Errors", "Enter the agency's full name (at most 200 characters).")),
    ("a short name for lists", QT_TRANSLATE_NOOP("Errors", "Enter a short name for lists (at most 40 characters).")),
    ("is already used", QT_TRANSLATE_NOOP("Errors", "Already used by another entry.")),
    ("a call sign of letters",
     QT_TRANSLATE_NOOP("Errors", "A call sign of letters, digits, -, / or . (e.g. DAMKAR-04).")),
    ("choose the unit type", QT_TRANSLATE_NOOP("Errors", "Choose the unit type.")),
    ("choose the agency the unit belongs to", QT_TRANSLATE_NOOP("Errors", "Choose the agency the unit belongs to.")),
    ("unknown desa/kelurahan", QT_TRANSLATE_NOOP("Errors", "Unknown desa/kelurahan.")),
    ("choose at least one agency or unit", QT_TRANSLATE_NOOP("Errors", "Choose at least one agency or unit.")),
    ("the mail server's name",
     QT_TRANSLATE_NOOP("Errors", "Enter the mail server's name (e.g. smtp.purwakartakab.go.id).")),
    ("a port between 1 and 65535",
     QT_TRANSLATE_NOOP("Errors", "A port from 1 to 65535 (587 for STARTTLS, 465 for SSL).")),
    ("STARTTLS, SSL or none", QT_TRANSLATE_NOOP("Errors", "Choose STARTTLS, SSL or none.")),
    ("the sender address", QT_TRANSLATE_NOOP("Errors", "Enter the sender address (e.g. cc112@purwakartakab.go.id).")),
    ("has no e-mail address",
     QT_TRANSLATE_NOOP("Errors", "An agency you chose has no e-mail address or webhook; an admin enters "
                       "it under Agencies. Untick that channel or choose another agency.")),
    ("has no webhook address",
     QT_TRANSLATE_NOOP("Errors", "An agency you chose has no e-mail address or webhook; an admin enters "
                       "it under Agencies. Untick that channel or choose another agency.")),
)


def core_text(text: str) -> str:
    """A sentence the core wrote, in the console's language when it is a known one; otherwise as written."""
    translated = QCoreApplication.translate("CoreMessages", text)
    if translated != text:
        return translated
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match:
            result = QCoreApplication.translate("CoreMessages", template)
            for number, value in enumerate(match.groups(), start=1):
                result = result.replace(f"%{number}", value)
            return result
    for needle, sentence in DISPATCH_PROBLEMS:
        if needle in text:
            return tr(sentence)
    return text


# Core sentences (English, from callcenter/) that the UI translates; listed so pyside6-lupdate keeps them.
CORE_MESSAGES = (
    QT_TRANSLATE_NOOP("CoreMessages", "choose a category"),
    QT_TRANSLATE_NOOP("CoreMessages", "P1, P2, P3 or P4"),
    QT_TRANSLATE_NOOP("CoreMessages", "describe what happened"),
    QT_TRANSLATE_NOOP("CoreMessages", "give the kecamatan (or at least an address)"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown kecamatan"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown desa/kelurahan"),
    QT_TRANSLATE_NOOP("CoreMessages", "this desa/kelurahan is not in the chosen kecamatan"),
    QT_TRANSLATE_NOOP("CoreMessages", "give both latitude and longitude, or neither"),
    QT_TRANSLATE_NOOP("CoreMessages", "between -90 and 90"),
    QT_TRANSLATE_NOOP("CoreMessages", "between -180 and 180"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a valid telephone number"),
    QT_TRANSLATE_NOOP("CoreMessages", "the note is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "say how it ended"),
    QT_TRANSLATE_NOOP("CoreMessages", "a reason is required"),
    QT_TRANSLATE_NOOP("CoreMessages", "between 0 and 720 hours"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot be edited"),
    QT_TRANSLATE_NOOP("CoreMessages", "write the handover note (write 'nihil' if nothing is open)"),
    QT_TRANSLATE_NOOP("CoreMessages", "give the source a name (for example 'Line 112 modem')"),
    QT_TRANSLATE_NOOP("CoreMessages", "a closed incident cannot be edited; reopen it first"),
    QT_TRANSLATE_NOOP("CoreMessages", "only a missed call can be called back"),
    QT_TRANSLATE_NOOP("CoreMessages", "another operator is handling this call"),
    QT_TRANSLATE_NOOP("CoreMessages", "this shift session belongs to another operator"),
    QT_TRANSLATE_NOOP("CoreMessages", "this shift session has already ended"),
    QT_TRANSLATE_NOOP("CoreMessages", "a shift session belongs to a logged-in operator"),
    QT_TRANSLATE_NOOP("CoreMessages", "the caller-ID source URL is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "Connection refused"),
    QT_TRANSLATE_NOOP("CoreMessages", "connection closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "connection lost"),
    QT_TRANSLATE_NOOP("CoreMessages", "stopped"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 characters (now %2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "incident %1 is already closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "incident %1 is not closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "this source is already configured (%1)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "unknown caller-ID source scheme '%1' in '%2'; use serial, tcp, udp, ami, sim or a pyserial URL such "
        "as rfc2217://"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'%1' is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, "
        "ami://user:secret@host, sim://)"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "no answer within %1 s"),
    QT_TRANSLATE_NOOP("CoreMessages", "at least %1 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 questions per category"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown status %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "a desk name of 1 to %1 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "a desk name of 1 to %1 printable characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "dates run from %1 to %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "a report covers at most %1 days"),
    QT_TRANSLATE_NOOP("CoreMessages", "the %1 shift of %2 has not started yet (it starts %3 WIB)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is out of range"),
    QT_TRANSLATE_NOOP("CoreMessages", "one of %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "set only available or out of service by hand; dispatch statuses come from "
                                      "the dispatch timeline"),
    QT_TRANSLATE_NOOP("CoreMessages", "choose a password other than the one you were given"),
    QT_TRANSLATE_NOOP("CoreMessages", "must be after the start"),
    QT_TRANSLATE_NOOP("CoreMessages", "the end date is before the start date"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 characters per answer (now %2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the Indonesian question is required"),
    QT_TRANSLATE_NOOP("CoreMessages", "the same question is listed twice"),
    QT_TRANSLATE_NOOP("CoreMessages", "1-64 characters: letters, digits, '.', '_' or '-'"),
    QT_TRANSLATE_NOOP("CoreMessages", "operator, supervisor or admin"),
)


# -- the incident form's own wording of its fields' problems ----------------------------------------------------
def translate_problem(text: str) -> str:
    """The core's validation texts (English) in the operator's language."""
    known = {
        "choose a category": tr("choose a category"),
        "P1, P2, P3 or P4": tr("P1, P2, P3 or P4"),
        "describe what happened": tr("describe what happened"),
        "give the kecamatan (or at least an address)": tr("give the kecamatan (or at least an address)"),
        "unknown kecamatan": tr("unknown kecamatan: pick one from the list"),
        "unknown desa/kelurahan": tr("unknown desa/kelurahan: pick one from the list"),
        "this desa/kelurahan is not in the chosen kecamatan":
            tr("this desa/kelurahan is not in the chosen kecamatan"),
        "give both latitude and longitude, or neither": tr("give both latitude and longitude, or neither"),
        "between -90 and 90": tr("latitude must be between -90 and 90"),
        "between -180 and 180": tr("longitude must be between -180 and 180"),
        "not a valid telephone number": tr("not a valid telephone number"),
    }
    if text in known:
        return known[text]
    match = re.fullmatch(r"at most ([\d,]+) characters \(now ([\d,]+)\)", text)
    if match:
        return tr("too long: at most {limit} characters (now {count})").format(limit=match[1], count=match[2])
    return text[:300]
