"""sign-in lockout: wrong passwords in a row, when the last one was typed, and when the
account was locked

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain added columns: SQLite adds them in place, without rebuilding the table.
    with op.batch_alter_table('account', schema=None) as batch_op:
        # Existing accounts start with no wrong passwords and unlocked.
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('last_failed_sign_in', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('locked_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('locked_at')
        batch_op.drop_column('last_failed_sign_in')
        batch_op.drop_column('failed_sign_ins')
