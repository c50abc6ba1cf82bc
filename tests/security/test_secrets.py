"""Secrets (webhook tokens, URL passwords, AMI secrets) never reach the audit trail, the logs or the screen."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from callcenter.cid.sources.url import parse_source_url
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry
from callcenter.redact import redact, redact_text, redact_url
from callcenter.services.base import Actor, audit

TOKEN = "s3cr3t-T0ken-9f2c"


def test_urls_lose_their_passwords_and_tokens_but_stay_readable() -> None:
    assert redact_url(f"https://hooks.example.id/112?token={TOKEN}&agency=damkar") == \
        "https://hooks.example.id/112?token=***&agency=damkar"
    assert redact_url(f"ami://admin:{TOKEN}@10.0.0.5:5038") == "ami://admin:***@10.0.0.5:5038"
    assert redact_url("https://example.id/plain?agency=damkar") == "https://example.id/plain?agency=damkar"
    assert TOKEN not in redact_text(f"POST https://x.id/h?api_key={TOKEN} failed: 500")
    assert redact({"smtp_password": TOKEN, "nested": [f"https://u:{TOKEN}@h/"]}) == \
        {"smtp_password": "***", "nested": ["https://u:***@h/"]}


def test_audit_rows_never_hold_a_webhook_token(db: Database, clock: ManualClock, admin: Actor) -> None:
    with db.write() as session:
        audit(session, admin, "agency.update", "agency", 1, clock(),
              before={"webhook_url": None}, after={"webhook_url": f"https://hooks.example.id/112?token={TOKEN}"},
              detail=f"webhook set to https://hooks.example.id/112?token={TOKEN}")
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "agency.update")).one()
    stored = f"{entry.before} {entry.after} {entry.detail}"
    assert TOKEN not in stored and "token=***" in stored


def test_an_ami_password_never_shows_in_the_display_form(caplog: pytest.LogCaptureFixture) -> None:
    spec = parse_source_url(f"ami://admin:{TOKEN}@127.0.0.1:5038")
    assert TOKEN not in spec.display and TOKEN not in spec.key
    with caplog.at_level(logging.DEBUG), pytest.raises(ValueError) as bad:
        parse_source_url(f"ami://admin:{TOKEN}@/no-host")
    assert TOKEN not in str(bad.value) and TOKEN not in caplog.text
