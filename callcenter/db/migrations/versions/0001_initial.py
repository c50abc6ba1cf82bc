"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('whatsapp', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('webhook_url', sa.String(length=500), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('code', name=op.f('uq_agencies_code'))
    )
    op.create_table('areas',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('level', sa.Enum('kabupaten', 'kecamatan', 'desa_kelurahan', name='arealevel', native_enum=False, length=16), nullable=False),
    sa.Column('parent_code', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=True),
    sa.Column('postcode', sa.String(length=5), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['parent_code'], ['areas.code'], name=op.f('fk_areas_parent_code_areas')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_areas'))
    )
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.create_index('ix_areas_parent_code', ['parent_code'], unique=False)

    op.create_table('callers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('e164', sa.String(length=20), nullable=False),
    sa.Column('first_seen', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_seen', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('call_count', sa.Integer(), nullable=False),
    sa.Column('prank_count', sa.Integer(), nullable=False),
    sa.Column('ghost_count', sa.Integer(), nullable=False),
    sa.Column('blocked_until', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('block_reason', sa.String(length=500), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_callers')),
    sa.UniqueConstraint('e164', name=op.f('uq_callers_e164'))
    )
    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_id', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.Enum('emergency', 'non_emergency', 'complaint', 'info', name='categorykind', native_enum=False, length=16), nullable=False),
    sa.Column('default_priority', sa.Enum('P1', 'P2', 'P3', 'P4', name='priority', native_enum=False), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('code', name=op.f('uq_categories_code'))
    )
    op.create_table('change_feed',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_feed'))
    )
    op.create_table('cid_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('host', sa.String(length=120), nullable=True),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cid_sources'))
    )
    op.create_table('incident_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_incident_counters'))
    )
    op.create_table('lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lines')),
    sa.UniqueConstraint('source_key', 'code', name='uq_lines_source_code')
    )
    op.create_table('operators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('operator', 'supervisor', 'admin', 'system', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_login_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('password_changed_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('username', name=op.f('uq_operators_username'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('shift_definitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_definitions')),
    sa.UniqueConstraint('code', name=op.f('uq_shift_definitions_code'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('detail', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_audit_log_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('category_agencies',
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_category_agencies_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_category_agencies_category_id_categories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('category_id', 'agency_id', name=op.f('pk_category_agencies'))
    )
    op.create_table('incidents',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('telepon_112', 'whatsapp', 'sp4n_lapor', 'ogan_lopian', 'datang_langsung', 'lainnya', name='channel', native_enum=False, length=24), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Enum('P1', 'P2', 'P3', 'P4', name='priority', native_enum=False), nullable=False),
    sa.Column('status', sa.Enum('open', 'dispatched', 'in_progress', 'resolved', 'closed', name='incidentstatus', native_enum=False, length=16), nullable=False),
    sa.Column('reporter_name', sa.String(length=120), nullable=True),
    sa.Column('callback_number', sa.String(length=40), nullable=True),
    sa.Column('kecamatan_code', sa.String(length=16), nullable=True),
    sa.Column('desa_code', sa.String(length=16), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('landmark', sa.String(length=300), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('disposition', sa.String(length=500), nullable=True),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('first_dispatched_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('closed_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('latitude IS NULL OR (latitude BETWEEN -90 AND 90)', name=op.f('ck_incidents_latitude_range')),
    sa.CheckConstraint('longitude IS NULL OR (longitude BETWEEN -180 AND 180)', name=op.f('ck_incidents_longitude_range')),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['operators.id'], name=op.f('fk_incidents_assigned_to_id_operators')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_incidents_category_id_categories')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['operators.id'], name=op.f('fk_incidents_closed_by_id_operators')),
    sa.ForeignKeyConstraint(['created_by_id'], ['operators.id'], name=op.f('fk_incidents_created_by_id_operators')),
    sa.ForeignKeyConstraint(['desa_code'], ['areas.code'], name=op.f('fk_incidents_desa_code_areas')),
    sa.ForeignKeyConstraint(['kecamatan_code'], ['areas.code'], name=op.f('fk_incidents_kecamatan_code_areas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('number', name=op.f('uq_incidents_number'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_assigned_status', ['assigned_to_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_category_created', ['category_id', 'created_at'], unique=False)
        batch_op.create_index('ix_incidents_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_incidents_desa_code', ['desa_code'], unique=False)
        batch_op.create_index('ix_incidents_status_created_at', ['status', 'created_at'], unique=False)

    op.create_table('shift_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('shift_code', sa.String(length=20), nullable=False),
    sa.Column('shift_date', sa.Date(), nullable=False),
    sa.Column('desk', sa.String(length=120), nullable=True),
    sa.Column('started_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('handover_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_shift_sessions_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_sessions'))
    )
    with op.batch_alter_table('shift_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_shift_sessions_date_code', ['shift_date', 'shift_code'], unique=False)

    op.create_table('calls',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event_key', sa.String(length=200), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.Enum('telepon_112', 'whatsapp', 'sp4n_lapor', 'ogan_lopian', 'datang_langsung', 'lainnya', name='channel', native_enum=False, length=24), nullable=False),
    sa.Column('direction', sa.Enum('incoming', 'outgoing', name='direction', native_enum=False, length=10), nullable=False),
    sa.Column('received_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('answered_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('ended_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('device_time', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('number_raw', sa.String(length=40), nullable=True),
    sa.Column('e164', sa.String(length=20), nullable=True),
    sa.Column('presentation', sa.Enum('allowed', 'private', 'unavailable', name='presentation', native_enum=False, length=12), nullable=False),
    sa.Column('cid_name', sa.String(length=80), nullable=True),
    sa.Column('cid_verified', sa.Boolean(), nullable=True),
    sa.Column('state', sa.Enum('ringing', 'answered', 'missed', 'ended', name='callstate', native_enum=False, length=10), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('call_type', sa.Enum('normal', 'informasi', 'prank', 'ghost', 'salah_sambung', 'test', name='calltype', native_enum=False, length=16), nullable=True),
    sa.Column('classified_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('incident_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('callback_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('callback_by_id', sa.Integer(), nullable=True),
    sa.Column('callback_note', sa.String(length=500), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['callback_by_id'], ['operators.id'], name=op.f('fk_calls_callback_by_id_operators')),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['operators.id'], name=op.f('fk_calls_claimed_by_id_operators')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_calls_incident_id_incidents')),
    sa.ForeignKeyConstraint(['line_id'], ['lines.id'], name=op.f('fk_calls_line_id_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls')),
    sa.UniqueConstraint('event_key', name=op.f('uq_calls_event_key'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index('ix_calls_claimed_by_state', ['claimed_by_id', 'state'], unique=False)
        batch_op.create_index('ix_calls_e164_received_at', ['e164', 'received_at'], unique=False)
        batch_op.create_index('ix_calls_incident_id', ['incident_id'], unique=False)
        batch_op.create_index('ix_calls_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_calls_state_received_at', ['state', 'received_at'], unique=False)

    op.create_table('incident_notes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('incident_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('note', 'created', 'updated', 'call_linked', 'status', 'dispatch', 'closed', 'reopened', name='notekind', native_enum=False, length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_notes_incident_id_incidents')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_incident_notes_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_notes'))
    )
    with op.batch_alter_table('incident_notes', schema=None) as batch_op:
        batch_op.create_index('ix_incident_notes_incident_at', ['incident_id', 'at'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('call_sign', sa.String(length=40), nullable=False),
    sa.Column('unit_type', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Enum('available', 'dispatched', 'en_route', 'on_scene', 'out_of_service', name='unitstatus', native_enum=False, length=16), nullable=False),
    sa.Column('status_since', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('current_incident_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_units_agency_id_agencies')),
    sa.ForeignKeyConstraint(['current_incident_id'], ['incidents.id'], name=op.f('fk_units_current_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('call_sign', name=op.f('uq_units_call_sign'))
    )
    op.create_table('dispatches',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('incident_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('notified', 'acknowledged', 'en_route', 'on_scene', 'cleared', 'cancelled', name='dispatchstatus', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('acknowledged_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('on_scene_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.Column('cleared_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_dispatches_agency_id_agencies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['operators.id'], name=op.f('fk_dispatches_created_by_id_operators')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_dispatches_incident_id_incidents')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_dispatches_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatches'))
    )
    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.create_index('ix_dispatches_incident_id', ['incident_id'], unique=False)
        batch_op.create_index('ix_dispatches_status', ['status'], unique=False)

    op.create_table('dispatch_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('dispatch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('status', sa.Enum('notified', 'acknowledged', 'en_route', 'on_scene', 'cleared', 'cancelled', name='dispatchstatus', native_enum=False, length=16), nullable=False),
    sa.Column('at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatches.id'], name=op.f('fk_dispatch_events_dispatch_id_dispatches')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_dispatch_events_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_events'))
    )
    with op.batch_alter_table('dispatch_events', schema=None) as batch_op:
        batch_op.create_index('ix_dispatch_events_dispatch_id', ['dispatch_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('dispatch_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('channel', sa.Enum('print', 'whatsapp', 'email', 'webhook', name='deliverychannel', native_enum=False, length=12), nullable=False),
    sa.Column('target', sa.String(length=500), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'sent', 'failed', 'retrying', 'gave_up', name='outboxstate', native_enum=False, length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_error', sa.String(length=1000), nullable=True),
    sa.Column('created_at', callcenter.db.types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', callcenter.db.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatches.id'], name=op.f('fk_outbox_dispatch_id_dispatches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_state_next', ['state', 'next_attempt_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next')

    op.drop_table('outbox')
    with op.batch_alter_table('dispatch_events', schema=None) as batch_op:
        batch_op.drop_index('ix_dispatch_events_dispatch_id')

    op.drop_table('dispatch_events')
    with op.batch_alter_table('dispatches', schema=None) as batch_op:
        batch_op.drop_index('ix_dispatches_status')
        batch_op.drop_index('ix_dispatches_incident_id')

    op.drop_table('dispatches')
    op.drop_table('units')
    with op.batch_alter_table('incident_notes', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_notes_incident_at')

    op.drop_table('incident_notes')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index('ix_calls_state_received_at')
        batch_op.drop_index('ix_calls_received_at')
        batch_op.drop_index('ix_calls_incident_id')
        batch_op.drop_index('ix_calls_e164_received_at')
        batch_op.drop_index('ix_calls_claimed_by_state')

    op.drop_table('calls')
    with op.batch_alter_table('shift_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_shift_sessions_date_code')

    op.drop_table('shift_sessions')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_status_created_at')
        batch_op.drop_index('ix_incidents_desa_code')
        batch_op.drop_index('ix_incidents_created_at')
        batch_op.drop_index('ix_incidents_category_created')
        batch_op.drop_index('ix_incidents_assigned_status')

    op.drop_table('incidents')
    op.drop_table('category_agencies')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')
        batch_op.drop_index('ix_audit_log_at')

    op.drop_table('audit_log')
    op.drop_table('shift_definitions')
    op.drop_table('settings')
    op.drop_table('operators')
    op.drop_table('lines')
    op.drop_table('incident_counters')
    op.drop_table('cid_sources')
    op.drop_table('change_feed')
    op.drop_table('categories')
    op.drop_table('callers')
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.drop_index('ix_areas_parent_code')

    op.drop_table('areas')
    op.drop_table('agencies')
