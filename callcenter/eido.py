"""NENA-STA-021 Emergency Incident Data Objects (EIDO, JSON) for an incident: what the webhook channel posts and
what ``export incidents --format eido`` writes.

The schema (``/work/shared/eido-schema``, NENA-STA-021.1b) checks required members and types only; no type
forbids extra properties and registry texts are plain strings. The field names and registry values used here
are therefore fixed in one place and tested separately. The mapping of Indonesian categories, call types and
outcomes onto the APCO registries is documented in docs/eido.md.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.clock import WIB
from callcenter.db.database import Database
from callcenter.db.enums import CallState, CallType, DispatchStatus, IncidentStatus, NoteKind
from callcenter.db.models import Agency, Area, Call, Category, Dispatch, Incident, IncidentNote, Line, Operator, Unit

EIDO_VERSION = "1.0"
DOMAIN = "112.purwakartakab.go.id"
"""The centre's identity in EIDO identifiers (tracking ids are ``urn:emergency:uid:<type>:<string>:<domain>``)."""
ISSUER = f"konsol112.{DOMAIN}"

# Category code -> APCO ANS 2.103.1 Common Incident Type code (the apco:IncidentCategoryCodeSimpleType list in
# the schema's NIEMComponents/apco.yaml; a test checks every value is in that list).
CATEGORY_INCIDENT_TYPE: dict[str, str] = {
    "kebakaran": "FSTRU",
    "kecelakaan_lalu_lintas": "MVAINJY",
    "kecelakaan_kerja": "ACCIND",
    "kesehatan": "SICK",
    "kriminalitas": "CRIMPS",
    "kdrt": "DVA",
    "kamtibmas": "DISORD",
    "bencana_alam": "MAJORINC",
    "pohon_tumbang": "THAZ",
    "evakuasi_hewan": "ANIMAL",
    "orang_hilang": "SAR",
    "odgj_ppks": "EDP",
    "gangguan_listrik": "ELECHZD",
    "gangguan_air": "WATER",
    "pju": "PUBWKS",
    "kerusakan_jalan_bangunan": "PUBWKS",
    "pengaduan_pelayanan": "ADMIN",
    "permintaan_informasi": "INFO",
    "lainnya": "TROUBLE",
}
FALLBACK_INCIDENT_TYPE = "TROUBLE"

# Call type (how the operator classified the call) -> LogEvent CallTypes registry (primary).
CALL_TYPE_PRIMARY: dict[str, str] = {
    CallType.NORMAL: "emergency",
    CallType.INFORMASI: "nonEmergency",
    CallType.PRANK: "emergency",
    CallType.GHOST: "emergency",
    CallType.SALAH_SAMBUNG: "emergency",
    CallType.TEST: "test",
}
CALL_STATE: dict[str, str] = {
    CallState.RINGING: "callBegin",
    CallState.ANSWERED: "callAnswered",
    CallState.ENDED: "callEnd",
    CallState.MISSED: "callEnd",
}

# Outcome -> APCO ANS 1.111.1 Common Disposition Code text (see docs/eido.md for the rule).
DISPOSITION_ASSISTED = "Assisted"
DISPOSITION_CANCELED = "Canceled"
DISPOSITION_NO_ACTION = "No Action Required"
DISPOSITION_REFERRED = "Referred"
# Call types that never become incidents, for documentation and the call export.
CALL_TYPE_DISPOSITION: dict[str, str] = {
    CallType.PRANK: "Unfounded",
    CallType.GHOST: "Abandoned Call",
    CallType.SALAH_SAMBUNG: "No Action Required",
    CallType.TEST: "Test",
    CallType.INFORMASI: "Information Provided",
}

AGENCY_KIND_TYPE: dict[str, str] = {  # agencies.kind -> IANA urn:emergency:service:responder sub-service
    "pemadam_kebakaran": "fire",
    "kepolisian": "police",
    "kesehatan": "ems",
    "rumah_sakit": "ems",
    "sar": "coast_guard",
    "tni": "military",
    "penanggulangan_bencana": "emergency_management",
    "ketertiban": "police.municipal",
    "perhubungan": "transportation",
    "air_minum": "utility.water",
    "listrik": "utility.electric",
}
UNIT_TYPE_RESOURCE: dict[str, str] = {  # units.unit_type -> Emergency Resource Type registry text
    "ambulans": "Ambulance",
    "mobil damkar": "Engine",
    "rescue": "Rescue",
    "patroli": "Patrol",
    "perahu karet": "Boat",
    "derek": "Tow",
    "tangki air": "Tanker",
    "motor": "Motorcycle",
}
DISPATCH_UNIT_STATUS: dict[str, str] = {  # dispatch status -> Primary Unit Status registry text
    DispatchStatus.NOTIFIED: "Dispatched",
    DispatchStatus.ACKNOWLEDGED: "Dispatched",
    DispatchStatus.EN_ROUTE: "Enroute",
    DispatchStatus.ON_SCENE: "OnScene",
    DispatchStatus.CLEARED: "Available",
    DispatchStatus.CANCELLED: "Available",
}
DISPATCH_SECONDARY: dict[str, list[str]] = {
    DispatchStatus.ACKNOWLEDGED: ["Acknowledged"],
    DispatchStatus.CANCELLED: ["Cancelled"],
}
COMMON_PRIORITY = {"P1": 9, "P2": 6, "P3": 3, "P4": 1}  # 0-10, 10 highest (NENA-STA-021)

_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def tracking_id(kind: str, local: object) -> str:
    """``urn:emergency:uid:<kind>:<string>:<domain>``; the incident's is the document's root ``$id``."""
    return f"urn:emergency:uid:{kind}:{_UNSAFE.sub('-', str(local))}:{DOMAIN}"


def timestamp(moment: datetime) -> str:
    """RFC 3339 in WIB with its offset (an agency reads local time; the offset keeps it exact)."""
    return moment.astimezone(WIB).isoformat(timespec="seconds")


def agency_ref(code: str) -> str:
    return f"{code}.{DOMAIN}"


def _prologue(component_id: str, updated: datetime, agent: str | None = None) -> dict[str, Any]:
    prologue: dict[str, Any] = {"$id": component_id, "lastUpdateTimeStamp": timestamp(updated),
                                "updatedByAgencyReference": {"$ref": DOMAIN}}
    if agent:
        prologue["updatedByAgentReference"] = {"$ref": agent}
    return prologue


def _agent_id(username: str) -> str:
    return f"{_UNSAFE.sub('-', username)}@{DOMAIN}"


def pidf_lo(entity: str, *, kecamatan: str | None, desa: str | None, postcode: str | None, address: str | None,
            landmark: str | None, latitude: float | None, longitude: float | None) -> str:
    """A PIDF-LO document (RFC 4119/5139/5491) with the civic address and, when known, the point."""
    civic = ["<ca:country>ID</ca:country>", "<ca:A1>Jawa Barat</ca:A1>", "<ca:A2>Kabupaten Purwakarta</ca:A2>"]
    for tag, value in (("A3", kecamatan), ("A4", desa), ("LOC", address), ("LMK", landmark), ("PC", postcode)):
        if value:
            civic.append(f"<ca:{tag}>{escape(value)}</ca:{tag}>")
    point = ""
    if latitude is not None and longitude is not None:
        point = (f'<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>{latitude:.6f} {longitude:.6f}'
                 "</gml:pos></gml:Point>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" '
        'xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" xmlns:gml="http://www.opengis.net/gml" '
        f"entity={quoteattr('pres:' + entity)}>"
        '<tuple id="incident"><status><gp:geopriv><gp:location-info>'
        f'<ca:civicAddress xml:lang="id">{"".join(civic)}</ca:civicAddress>{point}'
        "</gp:location-info><gp:usage-rules/><gp:method>Manual</gp:method></gp:geopriv></status>"
        "</tuple></presence>"
    )


def disposition_code(incident_status: IncidentStatus, dispatch_statuses: list[DispatchStatus]) -> str | None:
    """The common disposition for a closed or resolved incident (None while it is still being handled)."""
    if incident_status not in (IncidentStatus.CLOSED, IncidentStatus.RESOLVED):
        return None
    if DispatchStatus.CLEARED in dispatch_statuses:
        return DISPOSITION_ASSISTED
    if dispatch_statuses and all(status is DispatchStatus.CANCELLED for status in dispatch_statuses):
        return DISPOSITION_CANCELED
    if not dispatch_statuses:
        return DISPOSITION_NO_ACTION
    return DISPOSITION_REFERRED


def build_document(session: Session, incident_id: int) -> dict[str, Any]:
    """The EIDO for one incident as it stands now."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise LookupError(f"incident {incident_id} not found")
    category = session.get(Category, incident.category_id)
    assert category is not None
    updated = incident.updated_at
    incident_tid = tracking_id("incidentid", incident.number)
    usernames: dict[int, str] = {}

    def agent(operator_id: int | None) -> str | None:
        if operator_id is None:
            return None
        if operator_id not in usernames:
            usernames[operator_id] = session.scalar(select(Operator.username).where(Operator.id == operator_id)) \
                or f"operator{operator_id}"
        return _agent_id(usernames[operator_id])

    owner_agent = agent(incident.created_by_id)
    areas = {code: session.get(Area, code) for code in (incident.kecamatan_code, incident.desa_code) if code}
    kecamatan = areas.get(incident.kecamatan_code or "")
    desa = areas.get(incident.desa_code or "")

    # Location -----------------------------------------------------------------------------------------
    location_id = tracking_id("locationid", f"{incident.number}-incident")
    description_parts = [incident.address, f"Desa/Kel. {desa.name}" if desa else None,
                         f"Kec. {kecamatan.name}" if kecamatan else None, incident.landmark]
    location: dict[str, Any] = _prologue(location_id, updated, owner_agent) | {
        "locationTypeDescriptionRegistryText": "Incident",
        "locationByValue": pidf_lo(incident_tid, kecamatan=kecamatan.name if kecamatan else None,
                                   desa=desa.name if desa else None, postcode=desa.postcode if desa else None,
                                   address=incident.address, landmark=incident.landmark,
                                   latitude=incident.latitude, longitude=incident.longitude),
        "locationDescriptionText": ", ".join(part for part in description_parts if part) or "-",
    }

    # Notes: the description first, then the operators' notes -----------------------------------------------
    notes: list[dict[str, Any]] = [_prologue(tracking_id("noteid", f"{incident.number}-description"),
                                             incident.created_at, owner_agent)
                                   | {"notesActionComments": html.escape(incident.description or "-")}]
    if owner_agent:
        notes[0]["agentReference"] = {"$ref": owner_agent}
    for note in session.scalars(select(IncidentNote).where(IncidentNote.incident_id == incident_id,
                                                           IncidentNote.kind == NoteKind.NOTE)
                                .order_by(IncidentNote.at, IncidentNote.id)):
        item = _prologue(tracking_id("noteid", f"{incident.number}-{note.id}"), note.at, agent(note.operator_id)) \
            | {"notesActionComments": html.escape(note.text)}
        if note.operator_id is not None:
            item["agentReference"] = {"$ref": agent(note.operator_id)}
        notes.append(item)

    # Calls ------------------------------------------------------------------------------------------------
    calls: list[dict[str, Any]] = []
    for call, line_name in session.execute(select(Call, Line.name).outerjoin(Line, Line.id == Call.line_id)
                                           .where(Call.incident_id == incident_id).order_by(Call.received_at)):
        item = _prologue(tracking_id("callid", call.id), call.ended_at or call.answered_at or call.received_at,
                         agent(call.claimed_by_id)) | {
            "callStateRegistryText": CALL_STATE.get(call.state, "callEnd"),
            "standardPrimaryCallType": CALL_TYPE_PRIMARY.get(call.call_type or CallType.NORMAL, "emergency"),
            "localCallType": str(call.call_type or CallType.NORMAL),
            "direction": "incoming",
            "callStartTimestamp": timestamp(call.received_at),
        }
        if call.answered_at:
            item["answerDate"] = timestamp(call.answered_at)
        if line_name:
            item["queueIdentifier"] = line_name
        if call.claimed_by_id is not None:
            item["agentReference"] = [{"$ref": agent(call.claimed_by_id)}]
        item["locationReference"] = [{"$ref": location_id}]
        calls.append(item)

    # Dispatches, agencies, units ------------------------------------------------------------------------------
    agencies: list[dict[str, Any]] = [_prologue(DOMAIN, updated) | {
        "agencyRoleDescriptionRegistryText": ["CallReceiving", "Dispatching"],
        "agencyType": ["psap"],
        "incidentOwningAgencyIndicator": True,
    }]
    seen_agencies: set[int] = set()
    dispatches: list[dict[str, Any]] = []
    resources: list[dict[str, Any]] = []
    statuses: list[DispatchStatus] = []
    rows = session.execute(select(Dispatch, Agency, Unit).join(Agency, Agency.id == Dispatch.agency_id)
                           .outerjoin(Unit, Unit.id == Dispatch.unit_id)
                           .where(Dispatch.incident_id == incident_id).order_by(Dispatch.id)).all()
    for dispatch, agency, unit in rows:
        statuses.append(dispatch.status)
        dispatch_agent = agent(dispatch.created_by_id)
        if agency.id not in seen_agencies:
            seen_agencies.add(agency.id)
            agencies.append(_prologue(agency_ref(agency.code), dispatch.created_at) | {
                "agencyRoleDescriptionRegistryText": ["Responding"],
                "agencyType": [AGENCY_KIND_TYPE.get(agency.kind, "other")],
                "incidentOwningAgencyIndicator": False,
            })
        item = _prologue(tracking_id("dispatchid", f"{incident.number}-{dispatch.id}"), dispatch.updated_at,
                         dispatch_agent) | {"agencyReference": {"$ref": agency_ref(agency.code)}}
        if dispatch_agent:
            item["agentReference"] = {"$ref": dispatch_agent}
        if unit is not None:
            resource_id = tracking_id("resourceid", unit.call_sign)
            item["emergencyResourceReference"] = [{"$ref": resource_id}]
            resource = _prologue(resource_id, dispatch.updated_at, dispatch_agent) | {
                "emergencyResourceTypeCommonRegistryText": UNIT_TYPE_RESOURCE.get(unit.unit_type, "Other"),
                "emergencyResourceTypeInternalText": unit.unit_type,
                "emergencyResourceName": unit.call_sign,
                "primaryUnitStatusRegistryText": DISPATCH_UNIT_STATUS[dispatch.status],
                "secondaryUnitStatusRegistryText": DISPATCH_SECONDARY.get(dispatch.status, []),
                "resourceAttributeRegistryText": [],
                "unitStatusInternal": [str(dispatch.status)],
                "agentReference": [{"$ref": dispatch_agent}] if dispatch_agent else [],
                "unitDestinationReference": {"$ref": location_id},
            }
            resources.append(resource)
        dispatches.append(item)

    agents: list[dict[str, Any]] = [
        _prologue(_agent_id(name), updated) | {"agentRoleRegistryText": ["Call Taking", "Dispatching"],
                                               "agencyReference": {"$ref": DOMAIN}}
        for name in sorted(set(usernames.values()))
    ]

    # The incident ------------------------------------------------------------------------------------------
    component: dict[str, Any] = _prologue(incident_tid, updated, owner_agent) | {
        "incidentTypeCommonRegistryText": CATEGORY_INCIDENT_TYPE.get(category.code, FALLBACK_INCIDENT_TYPE),
        "incidentTypeInternalCode": category.code,
        "incidentTypeInternalText": category.name_id,
        "incidentStatusInternalText": [str(incident.status)],
        "internalIncidentId": incident.number,
        "incidentPriorityInternalText": str(incident.priority),
        "incidentCommonPriorityNumber": COMMON_PRIORITY.get(str(incident.priority), 5),
        "locationReference": [{"$ref": location_id}],
        "notesReference": [{"$ref": note["$id"]} for note in notes],
    }
    if kecamatan:
        component["beatOrDispatchGroupText"] = f"Kec. {kecamatan.name}"
    if agents:
        component["agentReference"] = [{"$ref": item["$id"]} for item in agents]
    code = disposition_code(incident.status, statuses)
    if code:
        component["dispositionComponent"] = [
            _prologue(tracking_id("dispositionid", incident.number), incident.closed_at or updated,
                      agent(incident.closed_by_id) or owner_agent)
            | {"dispositionCommonRegistryCode": code, "dispositionPrimaryIndicator": True,
               "dispositionDescriptionText": incident.disposition or ""}
        ]

    document: dict[str, Any] = _prologue(incident_tid, updated, owner_agent) | {
        "eidoVersion": EIDO_VERSION,
        "issuingElementIdentification": ISSUER,
        "incidentComponent": component,
        "agencyComponent": agencies,
        "locationComponent": [location],
        "notesComponent": notes,
    }
    if calls:
        document["callComponent"] = calls
    if dispatches:
        document["dispatchComponent"] = dispatches
    if resources:
        document["emergencyResourceComponent"] = resources
    if agents:
        document["agentComponent"] = agents
    return document


def export_incidents(db: Database, date_from: date, date_to: date, *, batch: int = 200) -> Iterator[dict[str, Any]]:
    """EIDO documents for incidents created on WIB dates ``date_from``..``date_to`` (inclusive), oldest first."""
    start = datetime.combine(date_from, time(0), WIB).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time(0), WIB).astimezone(UTC)
    last_id = 0
    while True:
        with db.read() as session:
            ids = list(session.scalars(
                select(Incident.id).where(Incident.created_at >= start, Incident.created_at < end,
                                          Incident.id > last_id).order_by(Incident.id).limit(batch)))
            if not ids:
                return
            documents = [build_document(session, incident_id) for incident_id in ids]
        last_id = ids[-1]
        yield from documents


