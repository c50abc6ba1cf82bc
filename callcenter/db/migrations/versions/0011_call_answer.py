"""call answer: which desk answered a call on the line, and for how long it talked

A desk phone that answers a call (Asterisk: the dialled desk channel, a queue member) is recorded with the call:
its channel and extension (the next step binds desks to extensions), how the answer was learnt (``line``: from
the caller-ID source; NULL: claimed on the console) and the talk time once the call ends.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('calls') as batch:
        batch.add_column(sa.Column('answered_channel', sa.String(length=80), nullable=True))
        batch.add_column(sa.Column('answered_extension', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('answered_via', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('talk_s', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('calls') as batch:
        batch.drop_column('talk_s')
        batch.drop_column('answered_via')
        batch.drop_column('answered_extension')
        batch.drop_column('answered_channel')
