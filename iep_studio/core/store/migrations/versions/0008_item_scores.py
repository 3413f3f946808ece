"""item-level assessment: which instrument an assessment was scored on item by item, each
item's score, and the instruments a school imported

On PostgreSQL the new tables follow the rule of 0007: a score is there only for the
child's team (through its assessment); an imported instrument is the school's, read by
everyone; and only the roles that may change assessments may change either.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain added column: SQLite adds it in place. Existing assessments were typed in
    # per domain, so they have no instrument id.
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('instrument_id', sa.String(length=64), nullable=False,
                                      server_default=''))
    op.create_table('item_score',
    sa.Column('assessment_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_item_score_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_score')),
    sa.UniqueConstraint('assessment_id', 'item_id', name=op.f('uq_item_score_assessment_id'))
    )
    with op.batch_alter_table('item_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_score_assessment_id'), ['assessment_id'], unique=False)
    op.create_table('instrument_file',
    sa.Column('instrument_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instrument_file')),
    sa.UniqueConstraint('instrument_id', 'name', name=op.f('uq_instrument_file_instrument_id'))
    )
    with op.batch_alter_table('instrument_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instrument_file_instrument_id'), ['instrument_id'], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    visible = "(EXISTS (SELECT 1 FROM assessment p WHERE p.id = assessment_id))"
    for table, rule in (("item_score", visible), ("instrument_file", "(true)")):
        op.execute(f"""DO $$ BEGIN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO %I',
                           'iep_members_' || current_database());
        END $$""")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY iep_team ON {table} USING {rule} WITH CHECK {rule}")
        for command, name, clause in (("INSERT", "adds", "WITH CHECK"),
                                      ("UPDATE", "changes", "USING"),
                                      ("DELETE", "removes", "USING")):
            op.execute(f"CREATE POLICY iep_role_{name} ON {table} AS RESTRICTIVE FOR "
                       f"{command} {clause} ((SELECT iep_may_write('{table}')))")


def downgrade() -> None:
    with op.batch_alter_table('instrument_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instrument_file_instrument_id'))
    op.drop_table('instrument_file')
    with op.batch_alter_table('item_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_score_assessment_id'))
    op.drop_table('item_score')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('instrument_id')
