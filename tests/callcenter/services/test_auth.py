from __future__ import annotations

import pytest
from sqlalchemy import select

from callcenter.clock import ManualClock
from callcenter.db.database import Database
from callcenter.db.enums import Role
from callcenter.db.models import AuditEntry, Operator
from callcenter.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from callcenter.services.auth import MAX_FAILURES, AuthService
from callcenter.services.base import Actor


def test_password_is_stored_as_argon2id_and_verifies(db: Database, owner_db: Database, clock: ManualClock,
                                                     admin: Actor) -> None:
    auth = AuthService(db, clock)
    auth.create_operator(admin, "Siti", "Siti Rahayu", Role.OPERATOR, "kata-sandi-1")
    with owner_db.read() as session:  # a desk may not read it (tests/security/test_app_role.py)
        stored = session.scalar(select(Operator.password_hash).where(Operator.username == "siti"))
    assert stored is not None and stored.startswith("$argon2id$")
    assert "kata-sandi-1" not in stored
    info = auth.authenticate(" SITI ", "kata-sandi-1")
    assert info.username == "siti" and info.role is Role.OPERATOR


def test_wrong_password_and_unknown_user_fail_the_same_way(db: Database, clock: ManualClock, operator: Actor) -> None:
    auth = AuthService(db, clock)
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("asep", "salah-sekali")
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("nobody", "salah-sekali")


def test_lockout_after_five_failures_for_five_minutes(db: Database, clock: ManualClock, operator: Actor) -> None:
    auth = AuthService(db, clock)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AuthenticationFailed):
            auth.authenticate("asep", "wrong-password")
    with pytest.raises(AccountLocked) as locked:
        auth.authenticate("asep", "wrong-password")
    assert (locked.value.until - clock()).total_seconds() == 300
    # Even the right password is refused while locked ...
    with pytest.raises(AccountLocked):
        auth.authenticate("asep", "rahasia-123")
    # ... and accepted once the lock has run out.
    clock.advance(301)
    assert auth.authenticate("asep", "rahasia-123").username == "asep"
    with db.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.username == "asep")))
    assert actions.count("login.failed") == MAX_FAILURES
    assert "operator.locked" in actions and "login.refused" in actions and "login" in actions


def test_only_admins_create_operators_and_the_refusal_is_audited(db: Database, clock: ManualClock,
                                                                 operator: Actor, supervisor: Actor) -> None:
    auth = AuthService(db, clock)
    for actor in (operator, supervisor):
        with pytest.raises(PermissionDenied):
            auth.create_operator(actor, "baru", "Baru", Role.ADMIN, "kata-sandi-1")
    with db.read() as session:
        denied = session.scalars(select(AuditEntry).where(AuditEntry.action == "permission_denied")).all()
    assert {entry.username for entry in denied} == {"asep", "hendra"}
    assert auth.list_operators()[0].username != "baru"


def test_rules_for_new_accounts(db: Database, clock: ManualClock, admin: Actor) -> None:
    auth = AuthService(db, clock)
    with pytest.raises(ValidationError) as short:
        auth.create_operator(admin, "budi", "Budi", Role.OPERATOR, "pendek")
    assert "password" in short.value.problems
    with pytest.raises(ValidationError):
        auth.create_operator(admin, "budi <b>", "Budi", Role.OPERATOR, "cukup-panjang")
    auth.create_operator(admin, "budi", "Budi", Role.OPERATOR, "cukup-panjang")
    with pytest.raises(ConflictError):
        auth.create_operator(admin, "BUDI", "Budi lagi", Role.OPERATOR, "cukup-panjang")


def test_first_admin_only_on_an_empty_database(db: Database, clock: ManualClock) -> None:
    auth = AuthService(db, clock)
    assert not auth.has_operators()
    first = auth.create_first_admin("admin", "Admin", "kata-sandi-1")
    assert first.role is Role.ADMIN and auth.has_operators()
    with pytest.raises(ConflictError):
        auth.create_first_admin("admin2", "Admin 2", "kata-sandi-1")


def test_change_password_and_deactivation(db: Database, clock: ManualClock, operator: Actor, admin: Actor) -> None:
    auth = AuthService(db, clock)
    with pytest.raises(AuthenticationFailed):
        auth.change_password(operator, "not-the-old-one", "baru-sekali-1")
    auth.change_password(operator, "rahasia-123", "baru-sekali-1")
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("asep", "rahasia-123")
    assert auth.authenticate("asep", "baru-sekali-1").id == operator.id
    auth.set_active(admin, operator.id or 0, False)
    with pytest.raises(AccountInactive):
        auth.authenticate("asep", "baru-sekali-1")


def test_a_given_password_lets_nobody_in_until_it_is_changed(db: Database, clock: ManualClock) -> None:
    from callcenter.errors import PasswordChangeRequired
    from callcenter.services.demo import DEMO_PASSWORD, DemoLogins, seed_demo

    seed_demo(db, days=1, calls_per_day=20, seed=2, now=clock(), logins=DemoLogins.MUST_CHANGE)
    auth = AuthService(db, clock)
    with pytest.raises(PasswordChangeRequired):
        auth.authenticate("operator1", DEMO_PASSWORD)  # right password, but no operator (and no actor) yet
    with pytest.raises(AuthenticationFailed):  # a wrong guess at the change counts like a wrong login
        auth.change_password_at_login("operator1", "salah-sekali", "milik-saya-123")
    with pytest.raises(ValidationError):
        auth.change_password_at_login("operator1", DEMO_PASSWORD, DEMO_PASSWORD)
    info = auth.change_password_at_login("operator1", DEMO_PASSWORD, "milik-saya-123")
    assert info.username == "operator1" and info.last_login_at == clock()
    assert auth.authenticate("operator1", "milik-saya-123").username == "operator1"  # straight in from now on
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("operator1", DEMO_PASSWORD)
    with pytest.raises(PasswordChangeRequired):
        auth.authenticate("admin", DEMO_PASSWORD)  # every other demo account still has to change its own
    with db.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(info.id))
                                       .order_by(AuditEntry.id)))
    assert "login.password_change_required" in actions and "operator.password_change" in actions


def test_demo_staff_without_a_password_cannot_log_in_and_leave_the_first_run_open(db: Database,
                                                                                clock: ManualClock) -> None:
    from callcenter.services.demo import DEMO_PASSWORD, DemoLogins, seed_demo

    counts = seed_demo(db, days=1, calls_per_day=20, seed=2, now=clock(), logins=DemoLogins.NONE)
    assert counts.accounts_created == tuple(f"operator{n}" for n in range(1, 7))  # no supervisor, no admin
    auth = AuthService(db, clock)
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("operator1", DEMO_PASSWORD)
    assert not auth.has_operators()  # nobody can log in yet: the console still offers to create the admin
    assert auth.create_first_admin("admin", "Admin Diskominfo", "rahasia-admin-1").role is Role.ADMIN
def test_an_admin_manages_accounts_and_every_step_is_audited(db: Database, clock: ManualClock, operator: Actor,
                                                             admin: Actor) -> None:
    from callcenter.db.models import ChangeFeedEntry

    auth = AuthService(db, clock)
    created = auth.create_operator(admin, "dewi", "Dewi Lestari", Role.OPERATOR, "diberi-admin-1", must_change=True)
    assert created.must_change_password and created.active
    # Locked out after repeated failures; the admin lifts it before the five minutes are over.
    for _ in range(MAX_FAILURES):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            auth.authenticate("asep", "salah-terus")
    locked = next(o for o in auth.list_operators() if o.username == "asep")
    assert locked.locked(clock()) and locked.failed_logins == 0
    assert not auth.unlock(admin, operator.id or 0).locked(clock())
    assert auth.authenticate("asep", "rahasia-123").id == operator.id
    # A reset gives a new password that the owner must replace at the next login.
    auth.reset_password(admin, operator.id or 0, "sementara-123")
    reset = next(o for o in auth.list_operators() if o.username == "asep")
    assert reset.must_change_password
    with pytest.raises(AuthenticationFailed):
        auth.authenticate("asep", "rahasia-123")
    auth.set_active(admin, created.id, False)
    auth.set_active(admin, created.id, True)
    with db.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.operator_id == admin.id)
                                  .order_by(AuditEntry.id)).all()
        assert actions == ["operator.create", "operator.unlock", "operator.password_reset", "operator.set_active",
                           "operator.set_active"]
        reset_entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "operator.password_reset")).one()
        assert reset_entry.after == {"change_at_next_login": True}
        assert "sementara-123" not in str(reset_entry.after) + str(reset_entry.detail)
        changed = session.scalars(select(ChangeFeedEntry.entity_id).where(ChangeFeedEntry.entity == "operator")).all()
        assert str(operator.id) in changed and str(created.id) in changed


def test_admins_cannot_lock_themselves_or_the_centre_out(db: Database, clock: ManualClock, operator: Actor,
                                                         admin: Actor) -> None:
    auth = AuthService(db, clock)
    with pytest.raises(ConflictError) as refused:
        auth.set_active(admin, admin.id or 0, False)
    assert refused.value.code == "operator.self"
    second = auth.create_operator(admin, "admin2", "Admin Dua", Role.ADMIN, "rahasia-456")
    auth.set_active(second.as_actor(), admin.id or 0, False)  # another admin remains: allowed
    with pytest.raises(ConflictError) as refused:
        auth.set_active(admin, second.id, False)  # (a deactivated admin's session still holds the actor)
    assert refused.value.code == "operator.last_admin"
    for action in (lambda: auth.unlock(operator, admin.id or 0),
                   lambda: auth.reset_password(operator, admin.id or 0, "diambil-alih-1"),
                   lambda: auth.set_active(operator, second.id, False)):
        with pytest.raises(PermissionDenied):
            action()
    assert auth.authenticate("admin2", "rahasia-456").active
