"""from referral to placement, attachments, the district's case guidance and coordinators,
and a school's own goals

New tables: the district's intake steps and each child's dated steps; files attached to a
child's file; case-guidance notes; which schools each district coordinator follows; goals
a school added to the goal bank. Older databases start with none of them (the intake steps
are filled from the shipped defaults the first time they are read).

On PostgreSQL:
- a child's intake steps, attachments and guidance notes are there only for the child's
  team (and administrators), as every child's record (0007);
- a district coordinator's students are also those of the schools they follow, in
  iep_my_students(), so every existing policy lets them read those files;
- a coordinator writes guidance notes only (iep_may_write); a note is stamped with the
  account that wrote it and changed or removed only by that account or an administrator;
- the intake steps and the coordinators' schools are changed by administrators only;
- whether a school has a resource room and how many resource teachers it has are changed
  by administrators only (a trigger on school, as the app's own check in core/store/audit.py).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:33:34.323966
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('intake_step',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('status_zh', sa.String(length=100), nullable=False),
    sa.Column('status_en', sa.String(length=100), nullable=False),
    sa.Column('guidance_zh', sa.Text(), nullable=False),
    sa.Column('guidance_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_step')),
    sa.UniqueConstraint('key', name=op.f('uq_intake_step_key'))
    )
    op.create_table('own_goal',
    sa.Column('goal_id', sa.String(length=64), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_goal')),
    sa.UniqueConstraint('goal_id', name=op.f('uq_own_goal_goal_id'))
    )
    op.create_table('case_guidance',
    sa.Column('student_id', sa.String(length=36), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('given_by', sa.String(length=100), nullable=False),
    sa.Column('occasion', sa.String(length=200), nullable=False),
    sa.Column('seen', sa.Text(), nullable=False),
    sa.Column('guidance', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('follow_up_by', sa.Date(), nullable=True),
    sa.Column('account_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_case_guidance_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_guidance'))
    )
    with op.batch_alter_table('case_guidance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_guidance_student_id'), ['student_id'], unique=False)

    op.create_table('coordinated_school',
    sa.Column('account_id', sa.String(length=36), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_coordinated_school_account_id_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_coordinated_school_school_id_school'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinated_school')),
    sa.UniqueConstraint('account_id', 'school_id', name='uq_coordinated_school_account_school')
    )
    with op.batch_alter_table('coordinated_school', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinated_school_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordinated_school_school_id'), ['school_id'], unique=False)

    op.create_table('intake_record',
    sa.Column('student_id', sa.String(length=36), nullable=False),
    sa.Column('step_key', sa.String(length=50), nullable=False),
    sa.Column('step_name', sa.String(length=100), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('done_by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_intake_record_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_record'))
    )
    with op.batch_alter_table('intake_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_record_student_id'), ['student_id'], unique=False)

    op.create_table('attachment',
    sa.Column('student_id', sa.String(length=36), nullable=False),
    sa.Column('plan_id', sa.String(length=36), nullable=True),
    sa.Column('observation_id', sa.String(length=36), nullable=True),
    sa.Column('intake_record_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('byte_size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['intake_record_id'], ['intake_record.id'], name=op.f('fk_attachment_intake_record_id_intake_record'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_attachment_observation_id_observation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_attachment_plan_id_plan'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_attachment_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_intake_record_id'), ['intake_record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_observation_id'), ['observation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_student_id'), ['student_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        _server_rules()


MY_STUDENTS = """
CREATE OR REPLACE FUNCTION iep_my_students() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT student_id FROM team_membership WHERE person_id = iep_my_person()
    UNION
    SELECT s.id FROM student s JOIN coordinated_school c ON c.school_id = s.school_id
    JOIN account a ON a.id = c.account_id
    WHERE a.active AND a.role = 'district_coordinator'
      AND iep_login_role(a.username) = session_user::text $$;

CREATE OR REPLACE FUNCTION iep_may_write(p_table text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT iep_is_admin() OR coalesce((
        SELECT CASE role
            WHEN 'resource_teacher' THEN p_table NOT IN ('intake_step', 'coordinated_school')
            WHEN 'team_member' THEN p_table IN ('observation', 'behaviour_record',
                'home_visit', 'plan_review', 'plan_signature', 'objective_review')
            WHEN 'district_coordinator' THEN p_table = 'case_guidance'
            ELSE false END
        FROM account WHERE active AND iep_login_role(username) = session_user::text),
        false) $$;

-- A guidance note is its writer's: stamped with their account as the server knows it,
-- kept through changes (the policies below let only the writer or an administrator change
-- or remove it).
CREATE OR REPLACE FUNCTION iep_stamp_guidance() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF iep_is_admin() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.account_id := iep_my_account_id();
    ELSE
        NEW.account_id := OLD.account_id;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION iep_guard_school_facts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF iep_is_admin() THEN
        RETURN NEW;
    END IF;
    IF (TG_OP = 'INSERT' AND (NEW.has_resource_room IS NOT NULL
                              OR NEW.resource_teachers IS NOT NULL))
       OR (TG_OP = 'UPDATE' AND (NEW.has_resource_room, NEW.resource_teachers)
                                IS DISTINCT FROM (OLD.has_resource_room, OLD.resource_teachers))
    THEN
        RAISE EXCEPTION 'only an administrator records a school''s resource room and teachers'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
"""


def _sees(column: str) -> str:
    return (f"((SELECT iep_is_admin()) OR {column} IN (SELECT iep_my_students()) "
            f"OR iep_new_student({column}))")


def _server_rules() -> None:
    op.execute(MY_STUDENTS)
    op.execute("REVOKE ALL ON FUNCTION iep_guard_school_facts() FROM PUBLIC")
    op.execute("REVOKE ALL ON FUNCTION iep_stamp_guidance() FROM PUBLIC")
    op.execute("CREATE TRIGGER iep_stamp_guidance BEFORE INSERT OR UPDATE ON case_guidance "
               "FOR EACH ROW EXECUTE FUNCTION iep_stamp_guidance()")
    writer = "(account_id = (SELECT iep_my_account_id()) OR (SELECT iep_is_admin()))"
    op.execute(f"CREATE POLICY iep_writer_changes ON case_guidance AS RESTRICTIVE FOR UPDATE "
               f"USING {writer}")
    op.execute(f"CREATE POLICY iep_writer_removes ON case_guidance AS RESTRICTIVE FOR DELETE "
               f"USING {writer}")
    op.execute("CREATE TRIGGER iep_guard_school_facts BEFORE INSERT OR UPDATE ON school "
               "FOR EACH ROW EXECUTE FUNCTION iep_guard_school_facts()")
    for table in ("intake_step", "own_goal", "coordinated_school", "intake_record",
                  "attachment", "case_guidance"):
        op.execute(f"""DO $$ BEGIN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO %I',
                           'iep_members_' || current_database());
        END $$""")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        if table in ("intake_record", "attachment", "case_guidance"):
            op.execute(f"CREATE POLICY iep_team ON {table} USING {_sees('student_id')} "
                       f"WITH CHECK {_sees('student_id')}")
        else:
            op.execute(f"CREATE POLICY iep_everyone ON {table} USING (true) WITH CHECK (true)")
        for command, name, clause in (("INSERT", "adds", "WITH CHECK"),
                                      ("UPDATE", "changes", "USING"),
                                      ("DELETE", "removes", "USING")):
            op.execute(f"CREATE POLICY iep_role_{name} ON {table} AS RESTRICTIVE FOR "
                       f"{command} {clause} ((SELECT iep_may_write('{table}')))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS iep_guard_school_facts ON school")
        op.execute("DROP FUNCTION IF EXISTS iep_guard_school_facts()")
        op.execute("DROP TRIGGER IF EXISTS iep_stamp_guidance ON case_guidance")
        op.execute("DROP FUNCTION IF EXISTS iep_stamp_guidance()")
        op.execute("""
CREATE OR REPLACE FUNCTION iep_my_students() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT student_id FROM team_membership WHERE person_id = iep_my_person() $$;
CREATE OR REPLACE FUNCTION iep_may_write(p_table text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT iep_is_admin() OR coalesce((
        SELECT CASE role
            WHEN 'resource_teacher' THEN true
            WHEN 'team_member' THEN p_table IN ('observation', 'behaviour_record',
                'home_visit', 'plan_review', 'plan_signature', 'objective_review')
            ELSE false END
        FROM account WHERE active AND iep_login_role(username) = session_user::text),
        false) $$;""")
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_student_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_plan_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_observation_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_intake_record_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('intake_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_record_student_id'))

    op.drop_table('intake_record')
    with op.batch_alter_table('coordinated_school', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordinated_school_school_id'))
        batch_op.drop_index(batch_op.f('ix_coordinated_school_account_id'))

    op.drop_table('coordinated_school')
    with op.batch_alter_table('case_guidance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_guidance_student_id'))

    op.drop_table('case_guidance')
    op.drop_table('own_goal')
    op.drop_table('intake_step')
