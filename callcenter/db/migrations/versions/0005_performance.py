"""performance: a partial index for a caller's incidents

A number that called thousands of times (a prank offender) made the caller history walk every one of its calls
to find the few linked to an incident. The partial index holds only the linked calls, ordered by incident, so
the history reads its latest incidents straight from the index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_calls_e164_incident', 'calls', ['e164', 'incident_id'], unique=False,
                    sqlite_where=sa.text('incident_id IS NOT NULL'),
                    postgresql_where=sa.text('incident_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_calls_e164_incident', table_name='calls')
