from __future__ import annotations

import pytest

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.agency_admin import AgencyAdminService, AgencyInput
from callcenter.services.base import Actor


def test_admin_rejects_bad_addresses_with_clear_messages(db: Database, clock: ManualClock, admin: Actor,
                                                         operator: Actor) -> None:
    agency_admin = AgencyAdminService(db, clock)
    bad = AgencyInput(code="Tim SAR!", name="", short_name="SAR", kind="sar", whatsapp="12345",
                      email="posko at sar", webhook_url="ftp://sar.example/in", phone="abc")
    with pytest.raises(ValidationError) as refused:
        agency_admin.save_agency(admin, None, bad)
    problems = refused.value.problems
    assert set(problems) == {"code", "name", "whatsapp", "email", "webhook_url", "phone"}
    assert "not a valid telephone number" in problems["whatsapp"]
    assert "is not an e-mail address" in problems["email"]
    assert "http:// or https://" in problems["webhook_url"]
    for url, words in (("https://", "no server name"), ("http://host:99999/x", "port"),
                       ("https://bad host/x", "spaces"), ("javascript:alert(1)", "http")):
        with pytest.raises(ValidationError) as refused:
            agency_admin.save_agency(admin, None, AgencyInput(code="sar", name="SAR", short_name="SAR",
                                                              webhook_url=url))
        assert words in refused.value.problems["webhook_url"]
    with pytest.raises(ValidationError, match="Indonesian"):
        agency_admin.save_agency(admin, None, AgencyInput(code="sar", name="SAR", short_name="SAR",
                                                          whatsapp="+44 7911 123456"))
    for email in ("a@b", "a..b@x.id", "a@-x.id", "<b>@x.id", "a b@x.id"):
        with pytest.raises(ValidationError):
            agency_admin.save_agency(admin, None, AgencyInput(code="sar", name="SAR", short_name="SAR", email=email))
    created = agency_admin.save_agency(admin, None, AgencyInput(
        code="sar", name="Tim SAR <Purwakarta> & Relawan 🚒", short_name="SAR", whatsapp="0812-3456-7890",
        email="sar@example.id", webhook_url="http://10.0.0.5:8080/eido"))
    assert created.whatsapp == "6281234567890" and created.name.endswith("🚒")
    with pytest.raises(PermissionDenied):
        agency_admin.save_agency(operator, created.id, AgencyInput(code="sar", name="x", short_name="x"))
    with pytest.raises(ValidationError, match="already used"):
        agency_admin.save_agency(admin, None, AgencyInput(code="sar", name="SAR 2", short_name="SAR2"))
