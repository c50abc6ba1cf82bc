"""Operators and logins: argon2id hashes, lockout after repeated failures, roles, password changes.

An account whose password was given to it (``must_change_password``: the published demo password of
``db seed-demo --with-logins``) gets no login until its owner chooses a new password: ``authenticate`` raises
``PasswordChangeRequired`` once the password is right, and ``change_password_at_login`` is the way in. An account
that never had a password (``NO_PASSWORD``, ``password_changed_at`` empty: demo staff that only carry history)
cannot log in at all and does not count as an account for the first-run admin.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import HashingError
from argon2.low_level import hash_secret
from sqlalchemy import func, select, update

from callcenter.db import credentials
from callcenter.db.credentials import PasswordSetting
from callcenter.db.enums import Role
from callcenter.db.models import Operator
from callcenter.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PasswordChangeRequired,
    ValidationError,
)
from callcenter.services.base import SYSTEM, Actor, Service, audit, record_change

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
LOGIN_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
NO_PASSWORD = "!"
"""Stored instead of a hash for an account that cannot log in: it is no argon2 hash, so no password matches it."""

# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile): memory-hard, ~50 ms per check.
_hasher = PasswordHasher()
# Checked against when the username does not exist, so both paths cost the same time.
_DUMMY_SETTING = credentials.split_hash(_hasher.hash("konsol112-timing-equaliser"))
_SETTING = re.compile(r"^\$argon2(id|i|d)\$v=([0-9]+)\$m=([0-9]+),t=([0-9]+),p=([0-9]+)\$([A-Za-z0-9+/]+)$")
_TYPES = {"id": Type.ID, "i": Type.I, "d": Type.D}
# A setting beyond these is no hash this program wrote; refusing it keeps a tampered row from exhausting memory.
_MAX_MEMORY_KIB, _MAX_TIME_COST, _MAX_PARALLELISM = 1 << 20, 32, 64


@dataclass(frozen=True, slots=True)
class OperatorInfo:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    must_change_password: bool = False
    """An admin gave the password (a reset, a new account): the next login must replace it."""
    failed_logins: int = 0

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def as_actor(self) -> Actor:
        return Actor(id=self.id, username=self.username, role=self.role, full_name=self.full_name)


def _info(operator: Operator) -> OperatorInfo:
    return OperatorInfo(operator.id, operator.username, operator.full_name, operator.role, operator.active,
                        operator.locked_until, operator.last_login_at, bool(operator.must_change_password),
                        operator.failed_logins or 0)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError({"password": f"at least {MIN_PASSWORD_LENGTH} characters"})
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError({"password": f"at most {MAX_PASSWORD_LENGTH} characters"})


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not name or len(name) > 64 or not set(name) <= USERNAME_CHARS:
        raise ValidationError({"username": "1-64 characters: letters, digits, '.', '_' or '-'"})
    return name


class AuthService(Service):
    def has_operators(self) -> bool:
        """True once an account exists that can log in. Demo staff without a password (``password_changed_at``
        empty) do not count, so a database seeded with them still offers the first-run admin. (Decided without
        the hash, which the application role may not read.)"""
        with self.db.read() as session:
            return bool(session.scalar(select(func.count()).select_from(Operator)
                                       .where(Operator.password_changed_at.is_not(None))))

    def create_operator(self, actor: Actor, username: str, full_name: str, role: Role, password: str, *,
                        must_change: bool = False) -> OperatorInfo:
        """Admins create accounts; the system actor (command line ``user add``) may too. ``must_change``: the
        password is one the admin gives out, and the new operator replaces it at the first login."""
        name = normalise_username(username)
        if role not in LOGIN_ROLES:
            raise ValidationError({"role": "operator, supervisor or admin"})
        full = full_name.strip()[:120] or name
        check_password_rules(password)
        password_hash = hash_password(password)  # slow on purpose: outside the transaction
        now = self.clock()
        self.require(actor, Role.ADMIN, "create operators")
        with self.db.write() as session:
            if session.scalar(select(Operator.id).where(Operator.username == name)) is not None:
                raise ConflictError(f"username {name!r} is already taken", entity="operator",
                                    code="operator.name_taken", username=name)
            operator = Operator(username=name, full_name=full, role=role, password_hash=password_hash,
                                active=True, failed_logins=0, created_at=now, password_changed_at=now,
                                must_change_password=must_change)
            session.add(operator)
            session.flush()
            audit(session, actor, "operator.create", "operator", operator.id, now,
                  after={"username": name, "full_name": full, "role": role, "change_at_next_login": must_change})
            record_change(session, "operator", operator.id, "create", now)
            return _info(operator)

    def create_first_admin(self, username: str, full_name: str, password: str) -> OperatorInfo:
        """The first-run dialog: allowed only while the database has no operators at all."""
        if self.has_operators():
            raise ConflictError("operators already exist; an admin creates further accounts", entity="operator",
                                code="operator.not_first")
        return self.create_operator(SYSTEM, username, full_name, Role.ADMIN, password)

    def authenticate(self, username: str, password: str) -> OperatorInfo:
        """The operator, once the password is right; ``PasswordChangeRequired`` when it is right but was given to
        the account (then ``change_password_at_login``)."""
        now = self.clock()
        operator = self._check_credentials(username, password, now)
        if operator.must_change_password:
            self._audit_login(operator.id, operator.username, now, "login.password_change_required",
                              "the password was given to the account and must be changed")
            raise PasswordChangeRequired(operator.username)
        return self._logged_in(operator, now)

    def change_password_at_login(self, username: str, old_password: str, new_password: str) -> OperatorInfo:
        """Log in with the password the account was given and replace it in one step (clears the must-change flag).
        The old password is checked exactly as a login is: wrong guesses count towards the lockout."""
        check_password_rules(new_password)
        if new_password == old_password:
            raise ValidationError({"password": "choose a password other than the one you were given"})
        now = self.clock()
        operator = self._check_credentials(username, old_password, now)
        new_hash = hash_password(new_password)
        with self.db.write() as session:
            session.execute(update(Operator).where(Operator.id == operator.id)
                            .values(password_hash=new_hash, password_changed_at=now, must_change_password=False))
            audit(session, Actor(operator.id, operator.username, operator.role), "operator.password_change",
                  "operator", operator.id, now, detail="at login")
        operator.must_change_password = False
        return self._logged_in(operator, now)

    def _check_credentials(self, username: str, password: str, now: datetime) -> Operator:
        """The operator whose password this is; counts a wrong one towards the lockout and refuses locked or
        deactivated accounts."""
        try:
            name = normalise_username(username)
        except ValidationError:
            raise AuthenticationFailed("wrong username or password") from None
        with self.db.read() as session:
            operator = session.scalar(select(Operator).where(Operator.username == name))
        if operator is None:
            _candidate(_DUMMY_SETTING, password)
            self._audit_login(None, name, now, "login.failed", "unknown username")
            raise AuthenticationFailed("wrong username or password")
        if operator.locked_until is not None and operator.locked_until > now:
            self._audit_login(operator.id, name, now, "login.refused", "account locked")
            raise AccountLocked(name, operator.locked_until)
        if not operator.active:
            self._audit_login(operator.id, name, now, "login.refused", "account inactive")
            raise AccountInactive(f"account {name!r} is deactivated")
        if not self._password_matches(operator.id, password):
            with self.db.write() as session:
                failures = session.scalar(
                    update(Operator).where(Operator.id == operator.id)
                    .values(failed_logins=Operator.failed_logins + 1)
                    .returning(Operator.failed_logins)
                ) or 0
                locked_until = None
                if failures >= MAX_FAILURES:
                    locked_until = now + LOCKOUT
                    session.execute(update(Operator).where(Operator.id == operator.id)
                                    .values(locked_until=locked_until, failed_logins=0))
                actor = Actor(operator.id, name, operator.role)
                audit(session, actor, "login.failed", "operator", operator.id, now,
                      detail=f"failure {failures} of {MAX_FAILURES}")
                if locked_until is not None:
                    audit(session, actor, "operator.locked", "operator", operator.id, now,
                          after={"locked_until": locked_until})
            if locked_until is not None:
                raise AccountLocked(name, locked_until)
            raise AuthenticationFailed("wrong username or password")
        return operator

    def _logged_in(self, operator: Operator, now: datetime) -> OperatorInfo:
        name = operator.username
        with self.db.write() as session:
            session.execute(update(Operator).where(Operator.id == operator.id)
                            .values(failed_logins=0, locked_until=None, last_login_at=now))
            audit(session, Actor(operator.id, name, operator.role), "login", "operator", operator.id, now)
            record_change(session, "operator", operator.id, "login", now)
        operator.last_login_at = now
        return _info(operator)

    def verify_password(self, actor: Actor, password: str) -> bool:
        """Unlocking an idle console: the same operator's password, without touching the lockout counters."""
        return actor.id is not None and self._password_matches(actor.id, password)

    def _password_matches(self, operator_id: int, password: str) -> bool:
        """Hash the typed password with the stored setting here, compare on the server (callcenter.db.credentials).

        The slow hashing runs between two short reads, never inside a transaction."""
        with self.db.read() as session:
            setting = credentials.password_setting(session, operator_id)
        candidate = _candidate(setting, password)
        if candidate is None:
            return False
        with self.db.read() as session:
            return credentials.password_matches(session, operator_id, candidate)

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        if not self.verify_password(actor, old_password):
            raise AuthenticationFailed("the current password is wrong", code="auth.wrong_password")
        check_password_rules(new_password)
        new_hash = hash_password(new_password)
        now = self.clock()
        with self.db.write() as session:
            session.execute(update(Operator).where(Operator.id == actor.id)
                            .values(password_hash=new_hash, password_changed_at=now))
            audit(session, actor, "operator.password_change", "operator", actor.id, now)

    def reset_password(self, actor: Actor, operator_id: int, new_password: str, *, must_change: bool = True) -> None:
        """An admin gives the account a new password (and lifts a lockout); by default its owner must replace it
        at the next login."""
        check_password_rules(new_password)
        new_hash = hash_password(new_password)
        now = self.clock()
        self.require(actor, Role.ADMIN, "reset passwords")
        with self.db.write() as session:
            done = session.execute(update(Operator).where(Operator.id == operator_id)
                                   .values(password_hash=new_hash, password_changed_at=now, failed_logins=0,
                                           locked_until=None, must_change_password=must_change))
            if done.rowcount == 0:  # type: ignore[attr-defined]
                raise NotFound("operator", operator_id)
            audit(session, actor, "operator.password_reset", "operator", operator_id, now,
                  after={"change_at_next_login": must_change})
            record_change(session, "operator", operator_id, "update", now)

    def unlock(self, actor: Actor, operator_id: int) -> OperatorInfo:
        """Lift a lockout after failed logins before it runs out (the password stays as it is)."""
        now = self.clock()
        self.require(actor, Role.ADMIN, "unlock accounts")
        with self.db.write() as session:
            operator = session.get(Operator, operator_id)
            if operator is None:
                raise NotFound("operator", operator_id)
            before = {"locked_until": operator.locked_until, "failed_logins": operator.failed_logins}
            operator.locked_until = None
            operator.failed_logins = 0
            audit(session, actor, "operator.unlock", "operator", operator_id, now, before=before,
                  after={"locked_until": None, "failed_logins": 0})
            record_change(session, "operator", operator_id, "update", now)
            return _info(operator)

    def set_active(self, actor: Actor, operator_id: int, active: bool) -> None:
        now = self.clock()
        self.require(actor, Role.ADMIN, "activate or deactivate operators")
        with self.db.write() as session:
            operator = session.get(Operator, operator_id)
            if operator is None:
                raise NotFound("operator", operator_id)
            if not active and operator_id == actor.id:
                raise ConflictError("you cannot deactivate your own account", entity="operator",
                                    entity_id=operator_id, code="operator.self")
            if not active and operator.role is Role.ADMIN and operator.active and session.scalar(
                    select(func.count()).select_from(Operator)
                    .where(Operator.role == Role.ADMIN, Operator.active.is_(True))) == 1:
                raise ConflictError("the last active admin cannot be deactivated", entity="operator",
                                    entity_id=operator_id, code="operator.last_admin")
            before = operator.active
            operator.active = active
            audit(session, actor, "operator.set_active", "operator", operator_id, now,
                  before={"active": before}, after={"active": active})
            record_change(session, "operator", operator_id, "update", now)

    def list_operators(self) -> list[OperatorInfo]:
        with self.db.read() as session:
            return [_info(o) for o in session.scalars(select(Operator).order_by(Operator.username))]

    def _audit_login(self, operator_id: int | None, username: str, now: datetime, action: str, detail: str) -> None:
        with self.db.write() as session:
            audit(session, Actor(operator_id, username, Role.OPERATOR), action, "operator", operator_id, now,
                  detail=detail)


def _candidate(setting: PasswordSetting | None, password: str) -> str | None:
    """The encoded argon2 hash of ``password`` with the stored algorithm, cost and salt; None if unusable."""
    match = _SETTING.match(setting.setting) if setting is not None else None
    if setting is None or match is None:
        return None
    kind, version, memory, time_cost, parallelism, salt = match.groups()
    if int(memory) > _MAX_MEMORY_KIB or int(time_cost) > _MAX_TIME_COST or int(parallelism) > _MAX_PARALLELISM:
        return None
    digest_bytes = setting.digest_length * 3 // 4  # unpadded base64
    try:
        encoded = hash_secret(password.encode("utf-8"), base64.b64decode(salt + "=" * (-len(salt) % 4)),
                              time_cost=int(time_cost), memory_cost=int(memory), parallelism=int(parallelism),
                              hash_len=digest_bytes, type=_TYPES[kind], version=int(version))
    except HashingError:  # argon2 refuses out-of-range parameters: no password matches such a hash
        return None
    return encoded.decode("ascii")

