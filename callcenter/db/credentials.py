"""Password checks that never hand the stored hash to the program.

On PostgreSQL the application role cannot read ``operators.password_hash`` (column privileges,
callcenter.db.roles). Checking a password needs only two answers from the server, given by two SECURITY
DEFINER functions of the schema owner (migration 0010):

1. the *setting*: the encoded argon2 hash without its digest (``$argon2id$v=19$m=..,t=..,p=..$SALT``) and the
   digest's length: the algorithm, cost and salt are not secret;
2. whether a candidate (the typed password hashed by the client with that setting) equals the stored hash.

The digest never leaves the server, so a desk's database credentials give no list of hashes to crack offline.
On SQLite (one PC, one file, no roles) the same two answers come from a plain query.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callcenter.db.models import Operator

# Keep in step with the pattern in migration 0010.
_ARGON2 = re.compile(r"^(\$argon2(id|i|d)\$v=[0-9]+\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$")


@dataclass(frozen=True, slots=True)
class PasswordSetting:
    setting: str
    """The encoded hash up to and including the salt."""
    digest_length: int
    """Characters of the unpadded base64 digest that follows the setting."""


def split_hash(encoded: str) -> PasswordSetting | None:
    """The setting of an encoded argon2 hash; None for anything else (such a hash matches no password)."""
    match = _ARGON2.match(encoded)
    return PasswordSetting(match.group(1), len(match.group(3))) if match else None


def password_setting(session: Session, operator_id: int) -> PasswordSetting | None:
    if _is_postgresql(session):
        row = session.execute(text("SELECT setting, digest_length FROM konsol112_password_setting(:id)"),
                              {"id": operator_id}).first()
        return PasswordSetting(row[0], row[1]) if row else None
    stored = session.scalar(select(Operator.password_hash).where(Operator.id == operator_id))
    return split_hash(stored) if stored else None


def password_matches(session: Session, operator_id: int, candidate: str) -> bool:
    if _is_postgresql(session):
        return bool(session.scalar(text("SELECT konsol112_password_matches(:id, :candidate)"),
                                   {"id": operator_id, "candidate": candidate}))
    stored = session.scalar(select(Operator.password_hash).where(Operator.id == operator_id))
    return stored is not None and hmac.compare_digest(stored.encode(), candidate.encode())


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
