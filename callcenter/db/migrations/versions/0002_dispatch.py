"""dispatch: unit home base, dispatch channels and en-route time, outbox claim lease

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_desa_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('home_latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('home_longitude', sa.Float(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_units_home_desa_code_areas'), 'areas',
                                    ['home_desa_code'], ['code'])

    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('en_route_at', callcenter.db.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('channels', sa.JSON(), nullable=True))

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', callcenter.db.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')

    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.drop_column('channels')
        batch_op.drop_column('en_route_at')

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_units_home_desa_code_areas'), type_='foreignkey')
        batch_op.drop_column('home_longitude')
        batch_op.drop_column('home_latitude')
        batch_op.drop_column('home_desa_code')
