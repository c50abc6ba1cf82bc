"""EIDO documents against NENA's normative schema (NENA-STA-021.1b, ../shared/eido-schema), plus the field
names and registry values the schema itself does not check."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from sqlalchemy import update

from callcenter import eido
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import DeliveryChannel, DispatchStatus, Role
from callcenter.db.models import Agency
from callcenter.services.base import Actor
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentService
from tests.callcenter.services.conftest import make_actor, ring
from tests.callcenter.services.dispatch_helpers import make_fire, make_fleet
from tests.conftest import shared_path


def schema_dir() -> Path:
    return shared_path("eido-schema", "Schema")

ROOT = "#/components/schemas/EmergencyIncidentDataObjectType"


@pytest.fixture
def operator(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "asep", Role.OPERATOR)


@pytest.fixture
def admin(db: Database, clock: ManualClock) -> Actor:
    return make_actor(db, clock, "admin", Role.ADMIN)


def _load(uri: str) -> Any:
    path = Path(uri.removeprefix("file://"))
    # One reference is written 'NIEMComponents//nc.yaml': normalise the path before reading.
    path = Path(*[part for part in path.parts if part])
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft4Validator:
    base = (schema_dir() / "openapi.yaml").as_uri()

    def retrieve(uri: str) -> Resource[Any]:
        return Resource.from_contents(_load(uri.replace("//nc.yaml", "/nc.yaml")), default_specification=DRAFT4)

    registry: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    return jsonschema.Draft4Validator({"$ref": base + ROOT}, registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def schemas() -> dict[str, Any]:
    return dict(_load((schema_dir() / "openapi.yaml").as_uri())["components"]["schemas"])


def declared(type_name: str) -> set[str]:
    """Every property name a type (with its allOf parts) declares."""
    schema = schemas()[type_name]
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        if "$ref" in part:
            names |= declared(part["$ref"].rsplit("/", 1)[1])
        names |= set(part.get("properties", {}))
    return names


COMPONENT_TYPES = {
    "incidentComponent": "IncidentInformationType", "callComponent": "CallInformationType",
    "locationComponent": "LocationInformationType", "notesComponent": "NotesType",
    "agencyComponent": "AgencyType", "agentComponent": "AgentType", "dispatchComponent": "DispatchInformationType",
    "emergencyResourceComponent": "EmergencyResourceType",
}


def assert_valid(document: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(json.loads(json.dumps(document))), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    # The schema lets any misspelt member through: every member must be one the standard declares.
    assert set(document) <= declared("EmergencyIncidentDataObjectType"), set(document) - declared(
        "EmergencyIncidentDataObjectType")
    for member, type_name in COMPONENT_TYPES.items():
        items = document.get(member)
        if items is None:
            continue
        for item in items if isinstance(items, list) else [items]:
            assert set(item) <= declared(type_name), (member, set(item) - declared(type_name))
    for item in document["incidentComponent"].get("dispositionComponent", []):
        assert set(item) <= declared("DispositionType")
    # Every reference points at a component in the document.
    ids = {document["$id"]} | {item["$id"] for member in COMPONENT_TYPES for item in
                               (document.get(member) if isinstance(document.get(member), list)
                                else [document[member]] if member in document else [])}
    for ref in _refs(document):
        assert ref in ids, ref


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["$ref"]] if set(value) == {"$ref"} else []
        return found + [ref for item in value.values() for ref in _refs(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in _refs(item)]
    return []


def test_the_validator_really_checks() -> None:
    broken = {"$id": "x", "lastUpdateTimeStamp": "yesterday", "updatedByAgencyReference": {"$ref": "a"},
              "eidoVersion": "2.0", "agencyComponent": [{}], "incidentComponent": [{}]}
    messages = " ".join(error.message for error in validator().iter_errors(broken))
    assert "'issuingElementIdentification' is a required property" in messages
    assert "'2.0' is not one of ['1.0']" in messages
    assert "is not a 'date-time'" in messages
    assert "is not of type 'object'" in messages  # incidentComponent is one object, not an array
    assert "'agencyRoleDescriptionRegistryText' is a required property" in messages


def test_forwarded_fire_is_a_valid_eido(db: Database, clock: ManualClock, operator: Actor, admin: Actor) -> None:
    service = DispatchService(db, clock)
    fleet = make_fleet(db, clock, admin)
    call_id = ring(db, clock, "081223456789")
    from callcenter.db.enums import CallType
    from callcenter.services.calls import CallService

    calls = CallService(db, clock)
    calls.claim(operator, call_id)
    calls.classify(operator, call_id, CallType.NORMAL)
    fire = make_fire(db, clock, operator, description="Api <b>besar</b> & \"asap\" 🔥")
    calls.link_incident(operator, call_id, fire)
    IncidentService(db, clock).add_note(operator, fire, "Warga sudah mengungsi")
    [dispatch] = service.forward(operator, fire, [], [fleet.damkar_hills], [])
    service.update_status(operator, dispatch.id, DispatchStatus.ON_SCENE)
    with db.read() as session:
        document = eido.build_document(session, fire)
    assert_valid(document)
    incident = IncidentService(db, clock).get(fire)
    assert document["$id"] == f"urn:emergency:uid:incidentid:{incident.number.replace('/', '-')}:{eido.DOMAIN}"
    assert document["incidentComponent"]["$id"] == document["$id"]  # the root $id IS the tracking id
    assert isinstance(document["incidentComponent"], dict)
    component = document["incidentComponent"]
    assert component["incidentTypeCommonRegistryText"] == "FSTRU"
    assert component["incidentTypeInternalText"] == "Kebakaran" and component["internalIncidentId"] == incident.number
    [call] = document["callComponent"]
    assert call["standardPrimaryCallType"] == "emergency" and call["direction"] == "incoming"
    assert call["callStateRegistryText"] in ("callAnswered", "callEnd")
    notes = [note["notesActionComments"] for note in document["notesComponent"]]
    assert notes == ["Api &lt;b&gt;besar&lt;/b&gt; &amp; &quot;asap&quot; 🔥", "Warga sudah mengungsi"]
    [location] = document["locationComponent"]
    assert "<ca:A4>Sukadami</ca:A4>" in location["locationByValue"]
    assert "<ca:A3>Wanayasa</ca:A3>" in location["locationByValue"]
    [resource] = document["emergencyResourceComponent"]
    assert resource["primaryUnitStatusRegistryText"] == "OnScene"
    assert resource["emergencyResourceTypeCommonRegistryText"] == "Engine"
    assert [a["agencyType"] for a in document["agencyComponent"]] == [["psap"], ["fire"]]

    service.update_status(operator, dispatch.id, DispatchStatus.CLEARED)
    IncidentService(db, clock).close(operator, fire, "Api padam, tidak ada korban")
    with db.read() as session:
        closed = eido.build_document(session, fire)
    assert_valid(closed)
    [disposition] = closed["incidentComponent"]["dispositionComponent"]
    assert disposition["dispositionCommonRegistryCode"] == "Assisted"
    assert disposition["dispositionDescriptionText"] == "Api padam, tidak ada korban"


def test_every_mapped_category_is_an_apco_incident_type() -> None:
    apco = _load((schema_dir() / "NIEMComponents" / "apco.yaml").as_uri())
    codes = set(apco["components"]["schemas"]["apcoIncidentCategoryCodeSimpleType"]["enum"])
    categories = (Path(__file__).resolve().parents[2] / "resources" / "data" / "categories.csv").read_text("utf-8")
    shipped = {line.split(",", 1)[0] for line in categories.splitlines()[1:] if line}
    assert shipped == set(eido.CATEGORY_INCIDENT_TYPE)
    assert set(eido.CATEGORY_INCIDENT_TYPE.values()) | {eido.FALLBACK_INCIDENT_TYPE} <= codes


def test_export_covers_the_wib_date_range_and_every_document_validates(db: Database, clock: ManualClock,
                                                                       operator: Actor, admin: Actor) -> None:
    service = DispatchService(db, clock)
    fleet = make_fleet(db, clock, admin)
    with db.write() as session:
        session.execute(update(Agency).where(Agency.code == "damkar").values(webhook_url="https://x.example/e"))
    first = make_fire(db, clock, operator)  # 2026-03-02 10:00 WIB
    service.forward(operator, first, [fleet.damkar], [], [DeliveryChannel.WEBHOOK])
    clock.advance(14 * 3600)  # 2026-03-03 00:00 WIB: the next local day
    second = make_fire(db, clock, operator, description="Kebakaran lahan")
    documents = list(eido.export_incidents(db, date(2026, 3, 2), date(2026, 3, 2)))
    assert [d["incidentComponent"]["internalIncidentId"] for d in documents] == ["112/2026/000001"]
    both = list(eido.export_incidents(db, date(2026, 3, 1), date(2026, 3, 3), batch=1))
    assert len(both) == 2
    for document in both:
        assert_valid(document)
    assert both[1]["notesComponent"][0]["notesActionComments"] == "Kebakaran lahan"
    assert second != first
    queued = service.deliveries(incident_id=first)[0]
    assert_valid(service.delivery_content(queued.id)["eido"])


@pytest.mark.parametrize("status,dispatches,code", [
    ("closed", ["cleared", "cancelled"], "Assisted"), ("closed", ["cancelled"], "Canceled"),
    ("closed", [], "No Action Required"), ("resolved", ["notified"], "Referred"), ("in_progress", ["on_scene"], None),
])
def test_disposition_rule(status: str, dispatches: list[str], code: str | None) -> None:
    from callcenter.db.enums import IncidentStatus

    assert eido.disposition_code(IncidentStatus(status), [DispatchStatus(d) for d in dispatches]) == code
