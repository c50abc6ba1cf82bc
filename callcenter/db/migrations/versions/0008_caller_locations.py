"""caller locations: Advanced Mobile Location messages and the ordinary SMS kept for operators

Every location a handset sends (by SMS through the centre's GSM modem, or by HTTPS) is stored with the raw
message and the call it was attached to; SMS that are not locations are kept for the operators to read.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types

revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('caller_locations',
    sa.Column('id', _ID, nullable=False),
    sa.Column('received_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('transport', sa.String(length=10), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=False),
    sa.Column('sender', sa.String(length=40), nullable=True),
    sa.Column('e164', sa.String(length=20), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('pdus', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('radius_m', sa.Float(), nullable=True),
    sa.Column('positioned_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('confidence', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=10), nullable=True),
    sa.Column('imsi', sa.String(length=20), nullable=True),
    sa.Column('imei', sa.String(length=20), nullable=True),
    sa.Column('mcc', sa.String(length=3), nullable=True),
    sa.Column('mnc', sa.String(length=3), nullable=True),
    sa.Column('length_ok', sa.Boolean(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.Column('call_id', _ID, nullable=True),
    sa.Column('attached_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('attached_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('latitude IS NULL OR (latitude BETWEEN -90 AND 90)',
                       name=op.f('ck_caller_locations_latitude_range')),
    sa.CheckConstraint('longitude IS NULL OR (longitude BETWEEN -180 AND 180)',
                       name=op.f('ck_caller_locations_longitude_range')),
    sa.ForeignKeyConstraint(['attached_by_id'], ['operators.id'],
                            name=op.f('fk_caller_locations_attached_by_id_operators')),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_caller_locations_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caller_locations'))
    )
    with op.batch_alter_table('caller_locations', schema=None) as batch_op:
        batch_op.create_index('ix_caller_locations_call_received', ['call_id', 'received_at'], unique=False)
        batch_op.create_index('ix_caller_locations_e164_received', ['e164', 'received_at'], unique=False)
        batch_op.create_index('ix_caller_locations_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_caller_locations_waiting', ['e164', 'received_at'], unique=False,
                              sqlite_where=sa.text('call_id IS NULL'), postgresql_where=sa.text('call_id IS NULL'))

    op.create_table('sms_messages',
    sa.Column('id', _ID, nullable=False),
    sa.Column('received_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=False),
    sa.Column('sender', sa.String(length=40), nullable=True),
    sa.Column('e164', sa.String(length=20), nullable=True),
    sa.Column('sent_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('pdus', sa.JSON(), nullable=True),
    sa.Column('parts_expected', sa.Integer(), nullable=False),
    sa.Column('parts_received', sa.Integer(), nullable=False),
    sa.Column('problem', sa.String(length=500), nullable=True),
    sa.Column('read_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('read_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['read_by_id'], ['operators.id'], name=op.f('fk_sms_messages_read_by_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_messages'))
    )
    with op.batch_alter_table('sms_messages', schema=None) as batch_op:
        batch_op.create_index('ix_sms_messages_received_at', ['received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sms_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_sms_messages_received_at')
    op.drop_table('sms_messages')
    with op.batch_alter_table('caller_locations', schema=None) as batch_op:
        batch_op.drop_index('ix_caller_locations_waiting', sqlite_where=sa.text('call_id IS NULL'),
                            postgresql_where=sa.text('call_id IS NULL'))
        batch_op.drop_index('ix_caller_locations_received_at')
        batch_op.drop_index('ix_caller_locations_e164_received')
        batch_op.drop_index('ix_caller_locations_call_received')
    op.drop_table('caller_locations')
