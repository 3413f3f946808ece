"""what the district view checks against: a school's resource room and resource teachers,
and the district's own thresholds

Schools written before keep both facts empty (not recorded): nothing is invented for them.
On PostgreSQL the thresholds are read by everyone, so every view checks the same figures,
and changed by administrators only.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('has_resource_room', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('resource_teachers', sa.Integer(), nullable=True))
    op.create_table('district_rule',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_rule')),
    sa.UniqueConstraint('key', name=op.f('uq_district_rule_key'))
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    table = "district_rule"
    op.execute(f"""DO $$ BEGIN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO %I',
                       'iep_members_' || current_database());
    END $$""")
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY iep_everyone ON {table} USING (true) WITH CHECK (true)")
    # Not iep_may_write: that lets resource teachers change every table but accounts,
    # and a threshold moves every school's checks (core/access/rules.py says the same).
    for command, name, clause in (("INSERT", "adds", "WITH CHECK"),
                                  ("UPDATE", "changes", "USING"),
                                  ("DELETE", "removes", "USING")):
        op.execute(f"CREATE POLICY iep_role_{name} ON {table} AS RESTRICTIVE FOR "
                   f"{command} {clause} ((SELECT iep_is_admin()))")


def downgrade() -> None:
    op.drop_table('district_rule')
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_column('resource_teachers')
        batch_op.drop_column('has_resource_room')
