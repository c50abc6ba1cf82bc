from __future__ import annotations

import json
import socket

import pytest
from sqlalchemy import select

from callcenter.cid.sources import LineStatus
from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry, ChangeFeedEntry, CidSource
from callcenter.errors import PermissionDenied, ValidationError
from callcenter.services.base import Actor
from callcenter.services.source_config import SourceConfigService

AMI = "ami://konsol:Rahasia-Sekali@10.0.0.5:5038"


def test_admin_adds_edits_disables_and_removes_sources(db: Database, clock: ManualClock, admin: Actor) -> None:
    sources = SourceConfigService(db, clock)
    modem = sources.add(admin, "Modem 112", "serial:///dev/ttyUSB0?baud=1200&format=modem", "MEJA-1")
    box = sources.add(admin, "CallerID.com", "udp://0.0.0.0:3520?format=callerid-com", None)
    listed = sources.list()
    assert [s.name for s in listed] == ["CallerID.com", "Modem 112"]
    assert listed[1].display == "serial:///dev/ttyUSB0?format=modem&baud=1200" and listed[1].host == "MEJA-1"
    assert [s.id for s in sources.enabled_for_host("meja-1")] == [modem, box]
    assert [s.id for s in sources.enabled_for_host("MEJA-2")] == [box]  # no host: every desk listens

    sources.update(admin, modem, name="Modem 112 (lama)", url="serial://COM3?baud=2400&format=modem",
                   host="MEJA-2")
    assert sources.get(modem).url == "serial://COM3?baud=2400&format=modem"
    sources.set_enabled(admin, box, False)
    assert [s.id for s in sources.enabled_for_host("meja-2")] == [modem]
    sources.remove(admin, box)
    assert [s.id for s in sources.list()] == [modem]
    with db.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "cid_source")
                                  .order_by(AuditEntry.id)).all()
        feed = session.scalars(select(ChangeFeedEntry.action).where(ChangeFeedEntry.entity == "cid_source")).all()
    assert actions == ["cid_source.add", "cid_source.add", "cid_source.update", "cid_source.disable",
                       "cid_source.remove"]
    assert len(feed) == 5


def test_secrets_are_stored_but_never_audited(db: Database, clock: ManualClock, admin: Actor) -> None:
    sources = SourceConfigService(db, clock)
    source_id = sources.add(admin, "Asterisk", AMI, "server")
    assert sources.get(source_id).url == AMI  # the line service needs it to log in
    assert sources.get(source_id).display == "ami://konsol:***@10.0.0.5:5038"
    sources.update(admin, source_id, name="Asterisk", url=AMI.replace("Sekali", "Baru"), host="server")
    sources.remove(admin, source_id)
    with db.read() as session:
        audits = session.execute(select(AuditEntry.before, AuditEntry.after, AuditEntry.detail)).all()
    dumped = json.dumps([list(row) for row in audits])
    assert "Rahasia" not in dumped and "***" in dumped


def test_bad_urls_and_names_get_clear_messages(db: Database, clock: ManualClock, admin: Actor) -> None:
    sources = SourceConfigService(db, clock)
    with pytest.raises(ValidationError) as bad:
        sources.add(admin, "", "telnet://host", None)
    assert set(bad.value.problems) == {"name", "url"}
    assert "unknown caller-ID source scheme 'telnet'" in bad.value.problems["url"]
    with pytest.raises(ValidationError) as bad_port:
        sources.add(admin, "NCID", "tcp://host:99999", None)
    assert "port" in bad_port.value.problems["url"]
    sources.add(admin, "NCID", "tcp://10.0.0.9:3333", None)
    with pytest.raises(ValidationError) as duplicate:
        sources.add(admin, "NCID lagi", "tcp://10.0.0.9:3333?format=ncid", None)
    assert "already configured" in duplicate.value.problems["url"]
    with db.read() as session:
        assert len(session.scalars(select(CidSource)).all()) == 1


def test_only_admins_configure_sources(db: Database, clock: ManualClock, supervisor: Actor) -> None:
    sources = SourceConfigService(db, clock)
    with pytest.raises(PermissionDenied):
        sources.add(supervisor, "Modem", "serial://COM3", None)
    with db.read() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.action == "permission_denied"))


def test_test_reports_up_for_a_listening_server_and_down_with_reason(sqlite_db: Database,
                                                                     clock: ManualClock) -> None:
    sources = SourceConfigService(sqlite_db, clock)
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        up = sources.test(f"tcp://127.0.0.1:{port}?format=ncid", 3)
        assert up.status is LineStatus.UP, up
    down = sources.test(f"tcp://127.0.0.1:{port}?format=ncid", 3)  # nobody listens any more
    assert down.status is LineStatus.DOWN and down.reason and "refused" in down.reason.lower()
    assert sources.test("sim://?rate=1&seed=1", 3).status is LineStatus.UP
    with pytest.raises(ValidationError):
        sources.test("nonsense", 1)
