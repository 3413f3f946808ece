"""privacy enforced by the shared server: each account its own login, row-level security on
every table that holds a child's data, accounts changed by administrators only

On SQLite nothing changes (the app applies the same rule itself, core/access/visibility.py).
On PostgreSQL, run by the database's owner:
- a group role iep_members_<database>, of which each account's login role
  (<database>.<sign-in name>) is a member, gets the rights on the tables;
- functions that tell who is signed in (from the login the server checked), whether they
  are an administrator, and which students' teams they are on;
- a policy on each table holding a child's data: a row is there only for the child's team
  (and for administrators); a child's rows made in the same transaction are visible to
  whoever is making them, so a new file or a received one can be written whole;
- the audit log can be added to by everyone, each under their own account, and read as the
  app's rules allow; nobody changes or deletes it;
- accounts: everyone reads names and roles; only administrators add, remove or change
  them; each person may change their own name; passwords are the server's (no hash is
  kept in the table), set through iep_set_login by an administrator.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:00:00.000000
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# The tables whose rows belong to one child, by how they reach the child. Frozen here:
# a later migration that adds such a table adds its policy too (a test checks every table
# with a student_id has one).
HAS_STUDENT = ("student_category", "placement_period", "guardian", "team_membership",
               "assessment", "plan", "observation", "behaviour_record", "home_visit",
               "lesson_student")
LISTS_STUDENTS = ("monthly_theme", "weekly_activity", "teaching_session")
UNDER = {  # table: (its column, the parent table)
    "plan_present_level": ("plan_id", "plan"), "plan_goal": ("plan_id", "plan"),
    "plan_service": ("plan_id", "plan"), "plan_review": ("plan_id", "plan"),
    "plan_signature": ("plan_id", "plan"), "plan_revision": ("plan_id", "plan"),
    "plan_objective": ("goal_id", "plan_goal"),
    "objective_review": ("objective_id", "plan_objective"),
    "assessment_result": ("assessment_id", "assessment"),
}

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION iep_login_role(p_username text) RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT current_database() || '.' || lower(p_username) $$;

CREATE OR REPLACE FUNCTION iep_members_role() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT 'iep_members_' || current_database() $$;

-- The account whose login the server checked for this connection.
CREATE OR REPLACE FUNCTION iep_my_account_id() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM account WHERE active AND iep_login_role(username) = session_user::text $$;

CREATE OR REPLACE FUNCTION iep_my_person() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT person_id FROM account
    WHERE active AND iep_login_role(username) = session_user::text $$;

-- An administrator's account, or the database's owner (who sets the server up).
CREATE OR REPLACE FUNCTION iep_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM account WHERE active AND role = 'administrator'
                   AND iep_login_role(username) = session_user::text)
        OR pg_has_role(session_user, (SELECT datdba FROM pg_database
                                      WHERE datname = current_database()), 'MEMBER') $$;

CREATE OR REPLACE FUNCTION iep_my_students() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT student_id FROM team_membership WHERE person_id = iep_my_person() $$;

-- A child's file made in this very transaction (a new file, a received one): its maker
-- writes it whole before joining its team.
CREATE OR REPLACE FUNCTION iep_new_student(p_student text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM student WHERE id = p_student
                   AND xmin::text = pg_current_xact_id_if_assigned()::xid::text) $$;

-- Which of these ids are students at all, whoever's they are: a room's session may list
-- a colleague's students too (the app checks the ids it is given exist).
CREATE OR REPLACE FUNCTION iep_known_students(p_ids text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM student WHERE id = ANY (p_ids) $$;

-- Administrators give a sign-in name its password. Only a SCRAM verifier (made by the
-- client's libpq) ever reaches the server, never the password itself.
CREATE OR REPLACE FUNCTION iep_set_login(p_username text, p_verifier text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    login text := iep_login_role(p_username);
    is_active boolean;
BEGIN
    IF NOT iep_is_admin() THEN
        RAISE EXCEPTION 'only an administrator may set a password for another account'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT active INTO is_active FROM account WHERE lower(username) = lower(p_username);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no account %', p_username USING ERRCODE = 'no_data_found';
    END IF;
    IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'a password reaches the server only as a SCRAM verifier'
            USING ERRCODE = 'invalid_password';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        IF NOT pg_has_role(login, iep_members_role(), 'MEMBER') THEN
            RAISE EXCEPTION 'the role % exists and is not an IEP Studio login', login
                USING ERRCODE = 'duplicate_object';
        END IF;
        EXECUTE format('ALTER ROLE %I WITH PASSWORD %L', login, p_verifier);
    ELSE
        EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L IN ROLE %I', login,
                       p_verifier, iep_members_role());
    END IF;
    EXECUTE format('ALTER ROLE %I WITH %s', login,
                   CASE WHEN is_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
END $$;

-- What each role may change, as core/access/rules.py says (frozen here; a change of the
-- rules comes with a migration): team members record what they see and take part in the
-- review; read-only accounts change nothing; the owner sets the server up.
CREATE OR REPLACE FUNCTION iep_may_write(p_table text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT iep_is_admin() OR coalesce((
        SELECT CASE role
            WHEN 'resource_teacher' THEN true
            WHEN 'team_member' THEN p_table IN ('observation', 'behaviour_record',
                'home_visit', 'plan_review', 'plan_signature', 'objective_review')
            ELSE false END
        FROM account WHERE active AND iep_login_role(username) = session_user::text),
        false) $$;

-- Role, person, sign-in name, whether one may sign in, and the lockout: administrators
-- only. Anyone may change their own display name (and the time they last signed in). A
-- sign-in name never changes on a server: it is the login's name. A locked or turned-off
-- account's login may not sign in.
CREATE OR REPLACE FUNCTION iep_guard_account() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    own constant text[] := ARRAY['display_name', 'last_signed_in', 'updated_at', 'version'];
    login text := iep_login_role(OLD.username);
BEGIN
    IF NEW.username IS DISTINCT FROM OLD.username THEN
        RAISE EXCEPTION 'a sign-in name on the server cannot change; make a new account'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT iep_is_admin() AND (to_jsonb(NEW) - own) IS DISTINCT FROM (to_jsonb(OLD) - own)
    THEN
        RAISE EXCEPTION 'only an administrator may change an account''s role or access'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.active, NEW.locked_at IS NULL) IS DISTINCT FROM (OLD.active, OLD.locked_at IS NULL)
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login)
            AND pg_has_role(login, iep_members_role(), 'MEMBER') THEN
        EXECUTE format('ALTER ROLE %I WITH %s', login,
                       CASE WHEN NEW.active AND NEW.locked_at IS NULL THEN 'LOGIN'
                            ELSE 'NOLOGIN' END);
    END IF;
    RETURN NEW;
END $$;

-- Removing a room's record, a lesson or a person empties the links other records hold to
-- it, whoever's they are (the database does that as the table's owner). Someone who is
-- not an administrator may not, when records of another team's students point there.
CREATE OR REPLACE FUNCTION iep_lists_only_mine(p_ids json) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT NOT EXISTS (SELECT 1 FROM json_array_elements_text(coalesce(p_ids, '[]'))
                       AS listed(id) WHERE listed.id NOT IN (SELECT iep_my_students())) $$;

CREATE OR REPLACE FUNCTION iep_guard_removal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    others boolean;
BEGIN
    IF iep_is_admin() THEN
        RETURN OLD;
    END IF;
    others := CASE TG_TABLE_NAME
        WHEN 'teaching_session' THEN EXISTS (
            SELECT 1 FROM observation WHERE session_id = OLD.id
            AND student_id NOT IN (SELECT iep_my_students()))
        WHEN 'weekly_activity' THEN EXISTS (
            SELECT 1 FROM teaching_session WHERE activity_id = OLD.id
            AND NOT iep_lists_only_mine(student_ids))
        WHEN 'monthly_theme' THEN EXISTS (
            SELECT 1 FROM weekly_activity WHERE theme_id = OLD.id
            AND NOT iep_lists_only_mine(student_ids))
        WHEN 'lesson' THEN EXISTS (
            SELECT 1 FROM lesson_student WHERE lesson_id = OLD.id
            AND student_id NOT IN (SELECT iep_my_students()))
            OR EXISTS (SELECT 1 FROM observation WHERE lesson_id = OLD.id
                       AND student_id NOT IN (SELECT iep_my_students()))
            OR EXISTS (SELECT 1 FROM teaching_session WHERE lesson_id = OLD.id
                       AND NOT iep_lists_only_mine(student_ids))
            OR EXISTS (SELECT 1 FROM weekly_activity WHERE lesson_id = OLD.id
                       AND NOT iep_lists_only_mine(student_ids))
        WHEN 'person' THEN EXISTS (SELECT 1 FROM account WHERE person_id = OLD.id)
            OR EXISTS (SELECT 1 FROM plan WHERE author_id = OLD.id
                       AND student_id NOT IN (SELECT iep_my_students()))
            OR EXISTS (SELECT 1 FROM plan_signature g JOIN plan p ON p.id = g.plan_id
                       WHERE g.person_id = OLD.id
                       AND p.student_id NOT IN (SELECT iep_my_students()))
        ELSE false END;
    IF others THEN
        RAISE EXCEPTION 'records of students whose team one is not on point here'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$;

-- The log says who, when and about whom as the server knows it: a person writes entries
-- only under their own account, at the real time, about their own students.
CREATE OR REPLACE FUNCTION iep_stamp_log_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF iep_is_admin() THEN
        RETURN NEW;
    END IF;
    SELECT id, coalesce(nullif(display_name, ''), username) INTO NEW.account_id, NEW.actor
    FROM account WHERE active AND iep_login_role(username) = session_user::text;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only a signed-in account writes the log'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.at := now();
    IF NEW.student_id IS NOT NULL AND NOT (NEW.student_id IN (SELECT iep_my_students())
                                           OR iep_new_student(NEW.student_id)) THEN
        RAISE EXCEPTION 'only entries about one''s own students'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
"""


def _sees(column: str) -> str:
    # Uncorrelated subqueries: evaluated once per statement, not once per row.
    return (f"((SELECT iep_is_admin()) OR {column} IN (SELECT iep_my_students()) "
            f"OR iep_new_student({column}))")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
DO $$
DECLARE members text := 'iep_members_' || current_database();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = members) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', members);
    END IF;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(),
                   members);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', members);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I',
                   members);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM %I', members);
    EXECUTE format('REVOKE UPDATE, DELETE ON audit_entry FROM %I', members);
END $$""")
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    op.execute(FUNCTIONS)
    for name in ("iep_set_login(text, text)", "iep_my_account_id()", "iep_my_person()",
                 "iep_is_admin()", "iep_my_students()", "iep_new_student(text)",
                 "iep_may_write(text)", "iep_known_students(text[])"):
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        op.execute(f"""DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION {name} TO %I',
                                                  'iep_members_' || current_database());
                   END $$""")

    # Passwords are the server's: no hash stays in the table, and none can be put there.
    op.execute("UPDATE account SET password_hash = ''")
    op.execute("ALTER TABLE account ADD CONSTRAINT ck_account_no_password_hash_on_server "
               "CHECK (password_hash = '')")

    op.execute("ALTER TABLE student ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY iep_open_a_file ON student FOR INSERT WITH CHECK (true)")
    op.execute(f"CREATE POLICY iep_team ON student USING {_sees('id')}")
    for table in HAS_STUDENT:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY iep_team ON {table} USING {_sees('student_id')} "
                   f"WITH CHECK {_sees('student_id')}")
    for table, (column, parent) in UNDER.items():
        # The parent's own policy decides: its row is there only for the child's team.
        visible = f"(EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column}))"
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY iep_team ON {table} USING {visible} WITH CHECK {visible}")

    # The room's themes, activities and sessions: those for the whole room, and those
    # listing at least one of one's own students.
    for table in LISTS_STUDENTS:
        listed = ("EXISTS (SELECT 1 FROM json_array_elements_text(student_ids) AS listed(id) "
                  "WHERE listed.id IN (SELECT iep_my_students()) OR iep_new_student(listed.id))")
        mine = (f"((SELECT iep_is_admin()) OR student_ids IS NULL "
                f"OR json_array_length(student_ids) = 0 OR {listed})")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY iep_team ON {table} USING {mine} WITH CHECK {mine}")

    # Every other table (the school, people, the room's weeks, the library) is open to
    # every account; and on every table, what one may change is decided by one's role.
    op.execute("""
DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'
            AND tablename NOT IN ('account', 'audit_entry', 'alembic_version') LOOP
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = t::regclass) THEN
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY iep_everyone ON %I USING (true)', t);
        END IF;
        EXECUTE format('CREATE POLICY iep_role_adds ON %I AS RESTRICTIVE FOR INSERT '
                       'WITH CHECK ((SELECT iep_may_write(%L)))', t, t);
        EXECUTE format('CREATE POLICY iep_role_changes ON %I AS RESTRICTIVE FOR UPDATE '
                       'USING ((SELECT iep_may_write(%L)))', t, t);
        EXECUTE format('CREATE POLICY iep_role_removes ON %I AS RESTRICTIVE FOR DELETE '
                       'USING ((SELECT iep_may_write(%L)))', t, t);
    END LOOP;
END $$""")

    op.execute("ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY")
    op.execute(f"""CREATE POLICY iep_read_the_log ON audit_entry FOR SELECT USING (
        (student_id IS NOT NULL AND {_sees('student_id')})
        OR (student_id IS NULL AND (account_id = (SELECT iep_my_account_id())
                                    OR (SELECT iep_is_admin()))))""")
    op.execute("""CREATE POLICY iep_write_the_log ON audit_entry FOR INSERT WITH CHECK (
        account_id = (SELECT iep_my_account_id()) OR (SELECT iep_is_admin()))""")
    op.execute("CREATE TRIGGER iep_stamp_log_entry BEFORE INSERT ON audit_entry "
               "FOR EACH ROW EXECUTE FUNCTION iep_stamp_log_entry()")
    for table in ("teaching_session", "weekly_activity", "monthly_theme", "lesson", "person"):
        op.execute(f"CREATE TRIGGER iep_guard_removal BEFORE DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION iep_guard_removal()")

    # Team members and read-only accounts review and sign in their own name only (the
    # resource teacher may record a guardian's signature given on paper).
    for table in ("plan_review", "plan_signature"):
        own = ("person_id = (SELECT iep_my_person())" if table == "plan_review" else
               "person_id = (SELECT iep_my_person()) AND guardian_id IS NULL")
        for command, clause in (("INSERT", "WITH CHECK"), ("UPDATE", "WITH CHECK")):
            op.execute(f"""CREATE POLICY iep_own_name_{command.lower()} ON {table} AS RESTRICTIVE
                FOR {command} {clause} ((SELECT iep_may_write('plan')) OR {own})""")

    op.execute("ALTER TABLE account ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY iep_read_accounts ON account FOR SELECT USING (true)")
    op.execute("CREATE POLICY iep_add_accounts ON account FOR INSERT "
               "WITH CHECK ((SELECT iep_is_admin()))")
    op.execute("CREATE POLICY iep_remove_accounts ON account FOR DELETE "
               "USING ((SELECT iep_is_admin()))")
    op.execute("CREATE POLICY iep_change_accounts ON account FOR UPDATE USING ("
               "(SELECT iep_is_admin()) OR id = (SELECT iep_my_account_id()))")
    op.execute("CREATE TRIGGER iep_guard_account BEFORE UPDATE ON account "
               "FOR EACH ROW EXECUTE FUNCTION iep_guard_account()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS iep_guard_account ON account")
    op.execute("""
DO $$
DECLARE p record;
BEGIN
    FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public'
            AND policyname LIKE 'iep\\_%' LOOP
        EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    END LOOP;
    FOR p IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', p.tablename);
    END LOOP;
END $$""")
    op.execute("ALTER TABLE account DROP CONSTRAINT IF EXISTS "
               "ck_account_no_password_hash_on_server")
    op.execute("DROP TRIGGER IF EXISTS iep_stamp_log_entry ON audit_entry")
    for table in ("teaching_session", "weekly_activity", "monthly_theme", "lesson", "person"):
        op.execute(f"DROP TRIGGER IF EXISTS iep_guard_removal ON {table}")
    for name in ("iep_guard_removal()", "iep_lists_only_mine(json)", "iep_stamp_log_entry()", "iep_guard_account()", "iep_set_login(text, text)",
                 "iep_new_student(text)", "iep_known_students(text[])",
                 "iep_may_write(text)", "iep_my_students()", "iep_is_admin()",
                 "iep_my_person()", "iep_my_account_id()", "iep_members_role()",
                 "iep_login_role(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
