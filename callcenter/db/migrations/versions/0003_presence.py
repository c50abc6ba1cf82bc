"""presence: the desks table

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('desks',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('started_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_heartbeat', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('line_host', sa.Boolean(), nullable=False),
    sa.Column('app_version', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_desks_operator_id_operators')),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_desks'))
    )
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.create_index('ix_desks_operator_id', ['operator_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.drop_index('ix_desks_operator_id')
    op.drop_table('desks')
