"""Each console instance is a desk of its own: stable across restarts, distinct while two run at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import AuditEntry
from callcenter.errors import DeskInUse, ValidationError
from callcenter.services.base import Actor
from callcenter.services.desk_identity import (
    claim_desk_identity,
    default_profile_dir,
    desk_identity,
    set_desk_name,
)
from callcenter.services.presence import PresenceService
from tests.callcenter.services.conftest import make_actor


def test_two_consoles_on_one_pc_are_two_desks_and_stay_so_after_restarts(tmp_path: Path) -> None:
    first = claim_desk_identity(tmp_path, host="PC-OPS-1")
    second = claim_desk_identity(tmp_path, host="PC-OPS-1")
    assert (first.name, second.name) == ("PC-OPS-1", "PC-OPS-1#2")
    assert first.key != second.key
    first.release()
    second.release()
    # Both restart (in either order): the first to start is desk 1 again, with the same key.
    again = claim_desk_identity(tmp_path, host="PC-OPS-1")
    assert (again.name, again.key, again.slot) == (first.name, first.key, 1)
    again_second = claim_desk_identity(tmp_path, host="PC-OPS-1")
    assert (again_second.name, again_second.key) == (second.name, second.key)
    again.release()
    again_second.release()


def test_the_line_service_has_slots_of_its_own(tmp_path: Path) -> None:
    with claim_desk_identity(tmp_path, host="SRV") as console, \
            claim_desk_identity(tmp_path, kind="ingest", host="SRV") as ingest:
        assert (console.name, ingest.name) == ("SRV", "SRV#ingest")


def test_a_renamed_desk_keeps_its_name_and_key(tmp_path: Path) -> None:
    with claim_desk_identity(tmp_path, host="PC-OPS-1") as identity:
        key = identity.key
        identity.rename("  Meja 1 (kiri)  ")
        with pytest.raises(ValidationError):
            identity.rename("x" * 200)
    with claim_desk_identity(tmp_path, host="PC-OPS-1") as identity:
        assert (identity.name, identity.key) == ("Meja 1 (kiri)", key)
    set_desk_name(tmp_path, 2, "Meja 2")
    with claim_desk_identity(tmp_path) as one, claim_desk_identity(tmp_path) as two:
        assert (one.name, two.name) == ("Meja 1 (kiri)", "Meja 2")


def test_a_damaged_slot_file_or_an_unwritable_folder_still_gives_a_desk(tmp_path: Path) -> None:
    (tmp_path / "console-1.json").write_text("{not json", encoding="utf-8")
    with claim_desk_identity(tmp_path, host="PC-OPS-1") as identity:
        assert identity.name == "PC-OPS-1" and len(identity.key) == 32
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    one_run = claim_desk_identity(blocker / "desks", host="PC-OPS-1")  # the folder cannot be made
    assert one_run.name == "PC-OPS-1" and one_run.path is None


def test_the_process_keeps_one_desk_across_logins() -> None:
    assert desk_identity() is desk_identity()  # a logout and a new login: the same desk
    assert desk_identity().path is not None and desk_identity().path.parent == default_profile_dir()  # type: ignore[union-attr]


def test_two_processes_on_one_pc_get_two_desks_and_a_killed_one_frees_its_own(tmp_path: Path) -> None:
    """Real processes, real OS locks: a console killed with -9 leaves nothing that blocks its restart."""
    code = ("import json, sys; from pathlib import Path; "
            "from callcenter.services.desk_identity import claim_desk_identity as c; "
            "i = c(Path(sys.argv[1]), host='PC-OPS-1'); print(json.dumps([i.name, i.key]), flush=True); "
            "sys.stdin.read()")
    def start() -> tuple[subprocess.Popen[str], list[str]]:
        process = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        return process, json.loads(process.stdout.readline())

    one, (name_one, key_one) = start()
    two, (name_two, key_two) = start()
    try:
        assert (name_one, name_two) == ("PC-OPS-1", "PC-OPS-1#2") and key_one != key_two
        one.kill()
        one.wait(10)
        three, (name_three, key_three) = start()  # the restart takes desk 1 back, not a third desk
        assert (name_three, key_three) == (name_one, key_one)
        three.communicate("", timeout=10)
    finally:
        for process in (one, two):
            if process.poll() is None:
                process.communicate("", timeout=10)


def test_heartbeats_of_two_consoles_on_one_pc_never_flip_and_write_nothing_when_nothing_changes(
        db: Database, clock: ManualClock, operator: Actor, tmp_path: Path) -> None:
    """The issue's report: two consoles on one PC shared the host name and wrote a desk.operator audit row on
    every beat. Two identities: two desks, two audit rows in total however many beats."""
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    presence = PresenceService(db, clock)
    with claim_desk_identity(tmp_path, host="PC-OPS-1") as one, claim_desk_identity(tmp_path, host="PC-OPS-1") as two:
        for _ in range(60):  # five minutes of beats
            assert presence.heartbeat(operator, one.name, desk_key=one.key) in ([], ["online"])
            assert presence.heartbeat(other, two.name, desk_key=two.key) in ([], ["online"])
            clock.advance(5)
        desks = {d.name: d.username for d in presence.desks() if d.online}
        assert desks == {"PC-OPS-1": "asep", "PC-OPS-1#2": "dewi"}
    with db.read() as session:
        actions = session.execute(select(AuditEntry.action, func.count()).where(AuditEntry.entity == "desk")
                                  .group_by(AuditEntry.action)).all()
    assert dict(actions) == {"desk.online": 2}


def test_a_second_console_claiming_a_live_desk_is_told_and_writes_nothing(
        db: Database, clock: ManualClock, operator: Actor, tmp_path: Path) -> None:
    """Two Windows logins on one PC (two profiles) both default to the host name: the second is refused."""
    other = make_actor(db, clock, "dewi", Role.OPERATOR)
    presence = PresenceService(db, clock)
    login_a = claim_desk_identity(tmp_path / "a", host="PC-OPS-1")
    login_b = claim_desk_identity(tmp_path / "b", host="PC-OPS-1")
    assert login_a.name == login_b.name and login_a.key != login_b.key
    presence.heartbeat(operator, login_a.name, desk_key=login_a.key)
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    clock.advance(2)
    with pytest.raises(DeskInUse) as refused:
        presence.heartbeat(other, login_b.name, desk_key=login_b.key)
    assert refused.value.params["desk"] == "PC-OPS-1" and "another desk name" in str(refused.value)
    presence.sign_off(other, login_b.name, desk_key=login_b.key)  # not its desk: signs nobody off
    [desk] = presence.desks()
    assert desk.online and desk.username == "asep"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
    # A crashed console restarting with its own key is the same desk: no refusal, no "online" twice.
    clock.advance(3)
    assert presence.heartbeat(operator, login_a.name, desk_key=login_a.key) == []
    # Once the first signs off, the desk name is free for the other.
    presence.sign_off(operator, login_a.name, desk_key=login_a.key)
    assert presence.heartbeat(other, login_b.name, desk_key=login_b.key) == ["online"]
    login_a.release()
    login_b.release()
