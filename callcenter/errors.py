"""Typed errors raised by the core.

Two families: ``UserFixableError`` is an environment problem an operator or admin can fix (database
unreachable or locked, a port in use, a wrong password); everything else is a defect or a rule the
caller broke (``PermissionDenied``, ``ConflictError``, ``ValidationError``). Only ``ui/`` and the command
line turn them into words for people; the core never shows anything.

Every error carries a ``code`` (a stable, dotted name such as ``"incident.closed"``) and ``params`` (the values
the words need). The console's one error mapper turns code + params into translated text; the English message
(``str(error)``) is for logs and the command line. Nothing may branch on the message text.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar


class KonsolError(Exception):
    """Base of every error the core raises on purpose."""

    default_code: ClassVar[str] = "error"

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code: str = code or self.default_code
        self.params: dict[str, object] = params


class UserFixableError(KonsolError):
    """An environment problem the user can fix; the message says what happened in plain English."""

    default_code = "fixable"


class DatabaseUnavailable(UserFixableError):
    """The database cannot be reached or written (server down, file read-only, disk full, locked)."""

    default_code = "database.unavailable"


class DatabaseSwitching(DatabaseUnavailable):
    """The database is failing over to another server (Patroni promoting a standby): writes pause for seconds,
    connections find the new primary by themselves. An action that was under way may or may not have been
    committed: re-read before trying it again (the desk journal does)."""

    default_code = "database.switching"


class DatabaseUrlError(UserFixableError):
    """The database address (``--db``, ``$CALLCENTER_DB``) cannot be used as written; the message shows the
    right form."""

    default_code = "database.bad_url"


class DatabaseTooNew(UserFixableError):
    """The database schema was written by a newer Konsol 112 than this one."""

    default_code = "database.too_new"

    def __init__(self, database_revision: str, code_revision: str) -> None:
        super().__init__(
            f"the database is at schema revision {database_revision}, newer than this program "
            f"({code_revision}); install the newer Konsol 112 instead of opening it with this one",
            database=database_revision, program=code_revision,
        )
        self.database_revision = database_revision
        self.code_revision = code_revision


class DatabaseNotInitialised(UserFixableError):
    """The database has no Konsol 112 schema yet (run ``db upgrade``); code ``database.empty`` when it has no
    tables at all, ``database.not_ready`` when it has something else in it."""

    default_code = "database.not_ready"


class DatabaseRoleError(UserFixableError):
    """The PostgreSQL roles are not as least privilege needs them. Code ``database.not_ready`` (the words say
    what is wrong in ``detail``); ``reason`` tells the cases apart: ``app_role_missing``, ``app_role_unsafe``,
    ``app_role_member``, ``app_role_owns`` (the application role), ``not_owner`` (db upgrade connected as
    neither the schema's owner nor a superuser)."""

    default_code = "database.not_ready"

    def __init__(self, message: str, *, reason: str, **params: object) -> None:
        super().__init__(message)
        self.params = {"reason": reason, **params}
        self.reason = reason


class DeskInUse(UserFixableError):
    """Another running console (another PC, another Windows login) already holds this desk name; params ``desk``
    and ``since`` (when that console came online). The console offers another desk name in its settings."""

    default_code = "desk.in_use"

    def __init__(self, desk: str, since: datetime) -> None:
        super().__init__(f"desk {desk!r} is already in use by another console (online since "
                         f"{since.isoformat(timespec='seconds')}); give this console another desk name",
                         desk=desk, since=since)
        self.desk = desk


class SourceError(UserFixableError):
    """A caller-ID source cannot be opened (port busy or missing, host unreachable, bad URL)."""

    default_code = "source.unavailable"


class AuthenticationFailed(UserFixableError):
    """Wrong username or password."""

    default_code = "auth.failed"


class AccountLocked(UserFixableError):
    """Too many failed logins; the account is locked until ``until`` (UTC)."""

    default_code = "auth.locked"

    def __init__(self, username: str, until: datetime) -> None:
        super().__init__(f"account {username!r} is locked until {until.isoformat()}", username=username,
                         until=until)
        self.username = username
        self.until = until


class AccountInactive(UserFixableError):
    """The account was deactivated by an admin."""

    default_code = "auth.inactive"


class PermissionDenied(KonsolError):
    """The acting operator's role does not allow this action."""

    default_code = "permission"

    def __init__(self, action: str, role: str) -> None:
        super().__init__(f"role {role!r} may not {action}", action=action, role=role)
        self.action = action
        self.role = role


class NotFound(KonsolError):
    """The entity does not exist."""

    default_code = "not_found"

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(f"{entity} {key!r} not found", entity=entity, key=key)
        self.entity = entity
        self.key = key


class ConflictError(KonsolError):
    """Someone else changed the entity since it was read (optimistic lock), or it is in the wrong state."""

    default_code = "conflict"

    def __init__(self, message: str, *, entity: str = "", entity_id: object = None, code: str | None = None,
                 **params: object) -> None:
        super().__init__(message, code=code, **params)
        self.entity = entity
        self.entity_id = entity_id


class AlreadyClaimed(ConflictError):
    """Another desk claimed the call first."""

    default_code = "call.already_claimed"

    def __init__(self, call_id: int, claimed_by: str | None) -> None:
        super().__init__(f"call {call_id} was already taken by {claimed_by or 'another desk'}",
                         entity="call", entity_id=call_id, operator=claimed_by)
        self.claimed_by = claimed_by


class ValidationError(KonsolError):
    """Input that breaks a rule; ``problems`` maps a field name to what is wrong with it."""

    default_code = "invalid"

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {text}" for field, text in problems.items()), problems=problems)
        self.problems = problems


class MessageError(KonsolError):
    """An incoming message (an AML location, an SMS PDU, an HTTPS location post) that cannot be read; ``code``
    says which kind (``aml.bad_message``, ``aml.bad_pdu``, ``aml.bad_post``) and ``params`` what is wrong."""

    default_code = "aml.bad_message"
