"""roles: password checks without reading hashes, and a desk's identity key

The application role (desks, line service) may not read ``operators.password_hash``. A login needs two
things from the hash, and two SECURITY DEFINER functions (running as the schema owner) give exactly those:
``konsol112_password_setting`` returns the argon2 parameters and salt (no digest) so the client can hash the
typed password the same way, and ``konsol112_password_matches`` says whether that result equals the stored
hash. The digest never leaves the server. EXECUTE is revoked from PUBLIC here and granted to the application
role by ``db upgrade`` (callcenter.db.roles).

``desks.desk_key`` holds the identity of the console instance that holds a desk name, so two consoles that
claim the same name are told instead of taking turns at it on every heartbeat.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = '0009'
branch_labels = None
depends_on = None

# The encoded argon2 hash is $argon2id$v=19$m=...,t=...,p=...$SALT$DIGEST; the setting is all but $DIGEST.
# (No "(?:" group: a colon followed by a word would be read as a bind parameter.)
ARGON2 = r"^(\$argon2(id|i|d)\$v=[0-9]+\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$"

PG_FUNCTIONS = (
    f"""
    CREATE OR REPLACE FUNCTION konsol112_password_setting(p_operator_id integer,
                                                           OUT setting text, OUT digest_length integer)
    RETURNS SETOF record
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $fn$
        SELECT m[1], length(m[3])
        FROM public.operators o, regexp_match(o.password_hash, '{ARGON2}') AS m
        WHERE o.id = p_operator_id AND m IS NOT NULL
    $fn$
    """,
    """
    CREATE OR REPLACE FUNCTION konsol112_password_matches(p_operator_id integer, p_candidate text)
    RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $fn$
        SELECT coalesce((SELECT o.password_hash = p_candidate FROM public.operators o
                         WHERE o.id = p_operator_id), false)
    $fn$
    """,
    "REVOKE ALL ON FUNCTION konsol112_password_setting(integer) FROM PUBLIC",
    "REVOKE ALL ON FUNCTION konsol112_password_matches(integer, text) FROM PUBLIC",
)


def upgrade() -> None:
    with op.batch_alter_table("desks") as batch:
        batch.add_column(sa.Column("desk_key", sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_FUNCTIONS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS konsol112_password_matches(integer, text)")
        op.execute("DROP FUNCTION IF EXISTS konsol112_password_setting(integer)")
    with op.batch_alter_table("desks") as batch:
        batch.drop_column("desk_key")
