"""password change: accounts that must choose a new password at their next login

``db seed-demo --with-logins`` gives its accounts the published demo password; such an account must choose its own
before the console opens. Existing accounts are not affected (false).

Revision ID: 0006
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0011'  # re-chained after main's newest (0011) when main was merged in; the lead re-chains at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
