"""category questions: what to ask a caller per category, the answers kept with the incident; a forced password
change after an admin's reset

``category_questions`` holds the prompts an admin edits (seeded by the reference data load from
resources/data/category_questions.csv); ``incident_answers`` the answers given for an incident, with the question's
words as asked. ``operators.must_change_password`` marks a password an admin gave (a reset): the next login must
replace it. The same column comes with another branch's migration; whichever runs first adds it, the other leaves
it alone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _has_must_change_password() -> bool:
    columns = sa.inspect(op.get_bind()).get_columns('operators')
    return any(column['name'] == 'must_change_password' for column in columns)


def upgrade() -> None:
    op.create_table(
        'category_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=60), nullable=True),
        sa.Column('prompt_id', sa.String(length=200), nullable=False),
        sa.Column('prompt_en', sa.String(length=200), nullable=True),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('updated_at', callcenter.db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['category_id'], ['categories.id'], ondelete='CASCADE',
                                name=op.f('fk_category_questions_category_id_categories')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_category_questions')),
        sa.UniqueConstraint('code', name=op.f('uq_category_questions_code')),
    )
    op.create_index('ix_category_questions_category', 'category_questions', ['category_id', 'sort_order'])
    op.create_table(
        'incident_answers',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('incident_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('question', sa.String(length=200), nullable=False),
        sa.Column('answer', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ondelete='CASCADE',
                                name=op.f('fk_incident_answers_incident_id_incidents')),
        sa.ForeignKeyConstraint(['question_id'], ['category_questions.id'], ondelete='SET NULL',
                                name=op.f('fk_incident_answers_question_id_category_questions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_answers')),
    )
    op.create_index('ix_incident_answers_incident', 'incident_answers', ['incident_id', 'position'])
    if not _has_must_change_password():
        with op.batch_alter_table('operators', schema=None) as batch_op:
            batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                          nullable=False))


def downgrade() -> None:
    op.drop_index('ix_incident_answers_incident', table_name='incident_answers')
    op.drop_table('incident_answers')
    op.drop_index('ix_category_questions_category', table_name='category_questions')
    op.drop_table('category_questions')
    # must_change_password stays: the other branch's migration owns it as well, and a False column is harmless.
