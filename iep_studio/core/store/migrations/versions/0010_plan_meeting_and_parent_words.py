"""the IEP meeting, services' dates and place, and each objective's words for the family

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 13:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plans and objectives written before keep empty values: nothing is invented for them.
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('meeting_attendees', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('parent_opinion', sa.Text(), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('plan_objective', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_tip', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('parent_wording', sa.Text(), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('plan_service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('end_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=200), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('plan_service', schema=None) as batch_op:
        batch_op.drop_column('place')
        batch_op.drop_column('end_date')
        batch_op.drop_column('start_date')
    with op.batch_alter_table('plan_objective', schema=None) as batch_op:
        batch_op.drop_column('parent_wording')
        batch_op.drop_column('home_tip')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('parent_opinion')
        batch_op.drop_column('meeting_attendees')
        batch_op.drop_column('meeting_on')
