"""category questions: what to ask a caller per category, the answers kept with the incident

``category_questions`` holds the prompts an admin edits (seeded by the reference data load from
resources/data/category_questions.csv); ``incident_answers`` the answers given for an incident, with the question's
words as asked. (An admin's password reset marks ``operators.must_change_password``, which 0006 adds.)

Revision ID: 0012
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import callcenter.db.types

revision = '0012'
down_revision = '0006'
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_index('ix_incident_answers_incident', table_name='incident_answers')
    op.drop_table('incident_answers')
    op.drop_index('ix_category_questions_category', table_name='category_questions')
    op.drop_table('category_questions')
