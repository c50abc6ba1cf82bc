"""Typed errors raised by the core.

Two families: ``UserFixableError`` is an environment problem an operator or admin can fix (database
unreachable or locked, a port in use, a wrong password); everything else is a defect or a rule the
caller broke (``PermissionDenied``, ``ConflictError``, ``ValidationError``). Only ``ui/`` and the command
line turn them into words for people; the core never shows anything.
"""

from __future__ import annotations

from datetime import datetime


class KonsolError(Exception):
    """Base of every error the core raises on purpose."""


class UserFixableError(KonsolError):
    """An environment problem the user can fix; the message says what happened in plain English."""


class DatabaseUnavailable(UserFixableError):
    """The database cannot be reached or written (server down, file read-only, disk full, locked)."""


class DatabaseTooNew(UserFixableError):
    """The database schema was written by a newer Konsol 112 than this one."""

    def __init__(self, database_revision: str, code_revision: str) -> None:
        super().__init__(
            f"the database is at schema revision {database_revision}, newer than this program "
            f"({code_revision}); install the newer Konsol 112 instead of opening it with this one"
        )
        self.database_revision = database_revision
        self.code_revision = code_revision


class DatabaseNotInitialised(UserFixableError):
    """The database has no Konsol 112 schema yet (run ``db upgrade``)."""


class SourceError(UserFixableError):
    """A caller-ID source cannot be opened (port busy or missing, host unreachable, bad URL)."""


class AuthenticationFailed(UserFixableError):
    """Wrong username or password."""


class AccountLocked(UserFixableError):
    """Too many failed logins; the account is locked until ``until`` (UTC)."""

    def __init__(self, username: str, until: datetime) -> None:
        super().__init__(f"account {username!r} is locked until {until.isoformat()}")
        self.username = username
        self.until = until


class AccountInactive(UserFixableError):
    """The account was deactivated by an admin."""


class PermissionDenied(KonsolError):
    """The acting operator's role does not allow this action."""

    def __init__(self, action: str, role: str) -> None:
        super().__init__(f"role {role!r} may not {action}")
        self.action = action
        self.role = role


class NotFound(KonsolError):
    """The entity does not exist."""

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(f"{entity} {key!r} not found")
        self.entity = entity
        self.key = key


class ConflictError(KonsolError):
    """Someone else changed the entity since it was read (optimistic lock), or it is in the wrong state."""

    def __init__(self, message: str, *, entity: str = "", entity_id: object = None) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id


class AlreadyClaimed(ConflictError):
    """Another desk claimed the call first."""

    def __init__(self, call_id: int, claimed_by: str | None) -> None:
        super().__init__(f"call {call_id} was already taken by {claimed_by or 'another desk'}",
                         entity="call", entity_id=call_id)
        self.claimed_by = claimed_by


class ValidationError(KonsolError):
    """Input that breaks a rule; ``problems`` maps a field name to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {text}" for field, text in problems.items()))
        self.problems = problems
