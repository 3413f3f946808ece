"""apparatus and situations a school adds to the shipped lists

On PostgreSQL the new table is the school's, read by everyone (like imported instruments in
0008), and changed only by the roles that may change course units.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 22:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unit_centre',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('domains', sa.JSON(), nullable=False),
    sa.Column('safety_zh', sa.Text(), nullable=False),
    sa.Column('safety_en', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_centre')),
    sa.UniqueConstraint('code', name=op.f('uq_unit_centre_code'))
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    table = "unit_centre"
    op.execute(f"""DO $$ BEGIN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO %I',
                       'iep_members_' || current_database());
    END $$""")
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY iep_team ON {table} USING (true) WITH CHECK (true)")
    for command, name, clause in (("INSERT", "adds", "WITH CHECK"),
                                  ("UPDATE", "changes", "USING"),
                                  ("DELETE", "removes", "USING")):
        op.execute(f"CREATE POLICY iep_role_{name} ON {table} AS RESTRICTIVE FOR "
                   f"{command} {clause} ((SELECT iep_may_write('{table}')))")


def downgrade() -> None:
    op.drop_table('unit_centre')
