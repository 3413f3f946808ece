"""Privacy enforced by the server itself: each account signs in as its own login, and the
server's row-level security decides which rows it sees, in the app and in psql alike."""
from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from iep_studio.core.access import PermissionDenied
from iep_studio.core.services import Services
from iep_studio.core.services.search import load_summaries
from iep_studio.core.services.sign_in import open_own_login
from iep_studio.core.store.server_logins import login_role
from tests.conftest import TODAY

CHILD_TABLES = ("student", "student_category", "placement_period", "guardian",
                "team_membership", "assessment", "assessment_result", "plan",
                "plan_present_level", "plan_goal", "plan_objective", "objective_review",
                "plan_service", "plan_review", "plan_signature", "plan_revision",
                "observation", "behaviour_record", "home_visit", "lesson_student")


@pytest.fixture
def two_children(services, team, another_child):
    """张小明 (on whose team 刘老师 is) and 李四 (only the doctor's), each with a plan,
    records and a guardian; accounts for the principal (administrator) and 刘老师."""
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("liu", "刘老师", "team_member", "secret-liu",
                             person_id=team.head_teacher)
    return another_child


def signed_in(client_url, username, password) -> Services:
    return Services(open_own_login(client_url, username, password), today=lambda: TODAY)


def test_a_team_member_signed_in_as_themselves_gets_nothing_of_another_child(
        client_url, team, two_children):
    liu = signed_in(client_url, "liu", "secret-liu")
    b, plan = two_children["student"], two_children["plan"]
    try:
        assert liu.store.engine.url.username == login_role(
            make_url(client_url).database, "liu")  # the server checked liu's own password
        assert [s.full_name for s in load_summaries(liu.store)] == ["张小明"]
        with pytest.raises(PermissionDenied):
            liu.plans.get(plan.id)
        with pytest.raises(PermissionDenied):
            liu.behaviour.add(b.id, {"occurred_on": "2026-11-21", "behaviour": "x"})
        # Even with the app's own rule set aside, the server shows nothing of 李四.
        program = Services(liu.store.acting_as(None), today=lambda: TODAY)
        assert [s.full_name for s in load_summaries(program.store)] == ["张小明"]
        assert program.plans.for_student(b.id) == []
        assert program.observations.for_student(b.id) == []
        assert program.behaviour.for_student(b.id) == []
        assert program.history.for_student(b.id) == []
        with liu.store.session() as s:
            for table in CHILD_TABLES:
                rows = s.execute(text(f"SELECT * FROM {table}")).mappings().all()
                assert not any(b.id in (r.get("student_id"), r.get("id")) for r in rows), table
        # What is theirs works as before.
        liu.behaviour.add(team.student.id, {"occurred_on": "2026-11-21", "behaviour": "离座"})
        assert [r.behaviour for r in liu.behaviour.for_student(team.student.id)] == ["离座"]
    finally:
        liu.store.dispose()


def test_a_wrong_password_or_a_turned_off_account_is_refused_by_the_server(
        services, client_url, two_children):
    with pytest.raises(PermissionDenied, match="The name or the password is not right"):
        signed_in(client_url, "liu", "wrong-password")
    with pytest.raises(PermissionDenied, match="The name or the password is not right"):
        signed_in(client_url, "nobody", "secret-liu")
    liu = next(a for a in services.accounts.list() if a.username == "liu")
    services.accounts.update(liu.id, active=False)
    with pytest.raises(PermissionDenied, match="This account may not sign in now: it is "
                       "locked or turned off."):
        signed_in(client_url, "liu", "secret-liu")
    services.accounts.update(liu.id, active=True)
    signed_in(client_url, "liu", "secret-liu").store.dispose()


def psql(client_url: str, username: str, password: str, sql: str) -> tuple[int, str]:
    """psql, as a person with only their own sign-in name and password would run it."""
    url = make_url(client_url)
    program = shutil.which("psql") or next(
        (f"{d}/psql" for d in sorted(os.popen("ls -d /usr/lib/postgresql/*/bin").read()
                                     .split()) if os.path.exists(f"{d}/psql")), None)
    assert program, "psql is needed for this test (the postgresql-client package)"
    done = subprocess.run(
        [program, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", url.host,
         "-p", str(url.port), "-U", login_role(url.database, username), "-d", url.database,
         "-c", sql], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PGPASSWORD": password, "PGCONNECT_TIMEOUT": "10"})
    return done.returncode, done.stdout + done.stderr


def test_through_psql_a_team_member_reads_and_changes_nothing_of_another_child(
        client_url, team, two_children):
    b = two_children["student"]
    code, out = psql(client_url, "liu", "secret-liu", "SELECT full_name FROM student")
    assert (code, out.split()) == (0, ["张小明"])
    for table in CHILD_TABLES[1:]:
        column = "student_id" if table in (
            "student_category", "placement_period", "guardian", "team_membership",
            "assessment", "plan", "observation", "behaviour_record", "home_visit",
            "lesson_student") else None
        if column:
            code, out = psql(client_url, "liu", "secret-liu",
                             f"SELECT count(*) FROM {table} WHERE {column} = '{b.id}'")
            assert (code, out.strip()) == (0, "0"), table
    code, out = psql(client_url, "liu", "secret-liu",
                     "SELECT count(*) FROM plan_objective; SELECT count(*) FROM observation")
    assert out.split() == ["2", "0"]  # 张小明's two objectives; none of 李四's observations
    # Changes to 李四's records touch nothing; the diagnosis stays.
    for sql in (f"UPDATE student SET diagnosis = 'x' WHERE id = '{b.id}'",
                f"DELETE FROM behaviour_record WHERE student_id = '{b.id}'",
                f"UPDATE plan SET title = 'x' WHERE student_id = '{b.id}'"):
        code, out = psql(client_url, "liu", "secret-liu", sql)
        assert code == 0 and out.split()[-1] in ("0", "UPDATE 0", "DELETE 0"), (sql, out)
    code, out = psql(client_url, "chen", "secret-admin",
                     f"SELECT diagnosis FROM student WHERE id = '{b.id}'; "
                     f"SELECT count(*) FROM behaviour_record WHERE student_id = '{b.id}'")
    assert out.split() == ["癫痫", "1"]
    # Joining 李四's team oneself is refused.
    code, out = psql(client_url, "liu", "secret-liu", (
        "INSERT INTO team_membership (id, student_id, person_id, role, since, note, "
        "created_at, updated_at, version) VALUES ('x', "
        f"'{b.id}', '{team.head_teacher}', 'head_teacher', now(), '', now(), now(), 1)"))
    assert code != 0 and "row-level security" in out


def test_through_psql_nobody_reads_password_hashes_or_raises_their_role(
        client_url, team, two_children):
    code, out = psql(client_url, "liu", "secret-liu",
                     "SELECT username || ':' || password_hash FROM account ORDER BY 1")
    assert (code, out.split()) == (0, ["chen:", "liu:"])  # the server keeps the passwords
    code, out = psql(client_url, "liu", "secret-liu", "SELECT rolpassword FROM pg_authid")
    assert code != 0 and "permission denied" in out
    for sql in ("UPDATE account SET role = 'administrator' WHERE username = 'liu'",
                "UPDATE account SET person_id = NULL WHERE username = 'liu'",
                "INSERT INTO account (id, username, display_name, role, password_hash, active,"
                " failed_sign_ins, created_at, updated_at, version) VALUES ('y', 'evil', '',"
                " 'administrator', '', true, 0, now(), now(), 1)",
                f"GRANT \"iep_members_{make_url(client_url).database}\" TO CURRENT_USER",
                "ALTER ROLE CURRENT_USER CREATEROLE",
                "SELECT iep_set_login('chen', 'SCRAM-SHA-256$4096:x')",
                "DELETE FROM audit_entry", "UPDATE audit_entry SET actor = 'x'",
                "CREATE TABLE mine (a int)"):
        code, out = psql(client_url, "liu", "secret-liu", sql)
        assert code != 0, sql
    code, out = psql(client_url, "liu", "secret-liu",
                     "UPDATE account SET display_name = '刘芳' WHERE username = 'liu'")
    assert (code, out.strip()) == (0, "UPDATE 1")  # one's own name is one's own
    code, out = psql(client_url, "liu", "secret-liu", "SELECT role FROM account "
                     "WHERE username = 'liu'")
    assert out.strip() == "team_member"


def test_an_administrator_manages_accounts_from_their_own_login(client_url, team,
                                                               two_children):
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        assert len(load_summaries(chen.store)) == 2  # every child
        zhou = chen.accounts.create("zhou", "周老师", "resource_teacher", "secret-zhou")
        zhou_services = signed_in(client_url, "zhou", "secret-zhou")
        zhou_services.store.dispose()
        chen.accounts.reset_password(zhou.id, "another-1")
        with pytest.raises(PermissionDenied):
            signed_in(client_url, "zhou", "secret-zhou")
        chen.accounts.update(zhou.id, role="administrator")
        zhou_services = signed_in(client_url, "zhou", "another-1")
        assert len(load_summaries(zhou_services.store)) == 2
        zhou_services.store.dispose()
    finally:
        chen.store.dispose()
    # A team member may change their own password, and nobody else's.
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        own = next(a for a in liu.accounts.list() if a.username == "liu")
        liu.accounts.set_password(own.id, "secret-liu", "new-secret-liu")
        other = next(a for a in liu.accounts.list() if a.username == "chen")
        with pytest.raises(PermissionDenied):
            liu.accounts.reset_password(other.id, "taken-over")
    finally:
        liu.store.dispose()
    signed_in(client_url, "liu", "new-secret-liu").store.dispose()
    signed_in(client_url, "chen", "secret-admin").store.dispose()


def test_every_table_holding_a_childs_data_has_row_level_security(store):
    with store.engine.connect() as connection:
        secured = set(connection.execute(text(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' AND relrowsecurity")).scalars())
        with_student = set(connection.execute(text(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name = 'student_id'")).scalars())
        policies = set(connection.execute(text(
            "SELECT tablename FROM pg_policies WHERE policyname = 'iep_team'")).scalars())
    assert set(CHILD_TABLES) <= secured
    assert with_student - {"audit_entry"} <= policies
    assert set(CHILD_TABLES) <= policies


def test_a_computer_never_upgrades_the_server_it_asks_the_administrator(
        store, client_url, two_children):
    from iep_studio.core.errors import StorageError

    with store.engine.begin() as connection:  # as if the server were a version behind
        connection.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    with pytest.raises(StorageError) as refused:
        signed_in(client_url, "liu", "secret-liu")
    assert str(refused.value) == (
        "The shared database is not ready for this version of IEP Studio (schema 0006). "
        "Ask your administrator to run: iep-studio upgrade")


def test_a_sign_in_name_the_server_would_cut_short_is_refused(services, client_url,
                                                            two_children):
    from iep_studio.core.errors import InvalidInput

    database = make_url(client_url).database  # iep_test_ and 16 hex digits: 26 bytes
    room = 63 - len(database) - 1
    with pytest.raises(InvalidInput, match=f"Too long for the shared server: a sign-in name "
                       f"here may have at most {room} letters or digits"):
        services.accounts.create("王" * 13, "王老师", "team_member", "secret-wang")
    services.accounts.create("w" * room, "王老师", "team_member", "secret-wang")
    signed_in(client_url, "w" * room, "secret-wang").store.dispose()
    # Quotes and spaces in a name are a name, not SQL.
    services.accounts.create("o'neil \"x\"", "O'Neil", "team_member", "secret-o")
    signed_in(client_url, "o'neil \"x\"", "secret-o").store.dispose()


def test_the_log_says_who_when_and_about_whom_as_the_server_knows_it(
        client_url, team, two_children):
    """A forged entry (another's name, a date in the past, another child) is either refused
    or stamped with the truth."""
    from iep_studio.core.services.accounts import Accounts

    b = two_children["student"]
    code, out = psql(client_url, "liu", "secret-liu", (
        "INSERT INTO audit_entry (id, at, account_id, actor, student_id, table_name, "
        "record_id, action, changes) VALUES ('forged-1', now() - interval '300 days', "
        f"NULL, '陈校长', '{b.id}', 'student', '{b.id}', 'changed', '{{}}')"))
    assert code != 0 and "own students" in out
    code, out = psql(client_url, "liu", "secret-liu", (
        "INSERT INTO audit_entry (id, at, account_id, actor, student_id, table_name, "
        "record_id, action, changes) VALUES ('forged-2', now() - interval '300 days', "
        f"'someone', '陈校长', '{team.student.id}', 'student', '{team.student.id}', "
        "'changed', '{}')"))
    assert code == 0
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        liu_id = next(a.id for a in Accounts(chen.store).list() if a.username == "liu")
        with chen.store.session() as s:
            entry = s.execute(text("SELECT account_id, actor, at > now() - interval '1 hour' "
                                   "FROM audit_entry WHERE id = 'forged-2'")).one()
        assert tuple(entry) == (liu_id, "刘老师", True)
    finally:
        chen.store.dispose()


def test_a_team_member_signs_and_reviews_in_their_own_name_only_even_in_psql(
        client_url, team, complete_plan, two_children):
    columns = ("INSERT INTO plan_signature (id, plan_id, edition, person_id, guardian_id, name, "
               "role, signed_at, created_at, updated_at) VALUES ")
    values = ("('{id}', '{plan}', 1, '{person}', NULL, '{name}', 'head_teacher', now(), "
              "now(), now())")
    code, out = psql(client_url, "liu", "secret-liu", columns + values.format(
        id="s1", plan=complete_plan.id, person=team.principal, name="陈校长"))
    assert code != 0 and "row-level security" in out
    code, out = psql(client_url, "liu", "secret-liu", columns + values.format(
        id="s2", plan=complete_plan.id, person=team.head_teacher, name="刘老师"))
    assert code == 0, out


def test_a_locked_account_and_a_renamed_one_cannot_sign_in_on_the_server(
        services, client_url, two_children):
    from iep_studio.core.errors import StorageError

    liu = next(a for a in services.accounts.list() if a.username == "liu")
    with services.store.session() as s:  # as the app's lockout leaves it
        s.execute(text("UPDATE account SET locked_at = now(), failed_sign_ins = 10 "
                       "WHERE id = :id"), {"id": liu.id})
    with pytest.raises(PermissionDenied, match="This account may not sign in now: it is "
                       "locked or turned off. Ask the administrator, who can unlock it or "
                       "turn it on in Settings → Accounts."):
        signed_in(client_url, "liu", "secret-liu")
    code, out = psql(client_url, "liu", "secret-liu", "SELECT 1")
    assert code != 0 and "not permitted to log in" in out  # nor with psql
    services.accounts.unlock(liu.id)
    assert psql(client_url, "liu", "secret-liu", "SELECT 1")[0] == 0
    with pytest.raises((PermissionDenied, StorageError)):
        services.accounts.update(liu.id, username="liu2")
    assert psql(client_url, "liu", "secret-liu", "SELECT 1")[0] == 0


def test_after_changing_their_password_a_person_keeps_working(client_url, two_children):
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        own = next(a for a in liu.accounts.list() if a.username == "liu")
        liu.accounts.set_password(own.id, "secret-liu", "changed-liu")
        liu.store.engine.dispose()  # a dropped link: the next connection signs in again
        assert [s.full_name for s in load_summaries(liu.store)] == ["张小明"]
    finally:
        liu.store.dispose()


def test_a_room_session_with_a_colleagues_student_can_be_edited(
        services, client_url, team, two_children):
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    session = services.planner.add_session("2026-11-20", starts="09:00", title="小组课",
                                           student_ids=[team.student.id,
                                                        two_children["student"].id])
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        assert wang.planner.update_session(session.id, {"room": "资源教室二"}).room == "资源教室二"
    finally:
        wang.store.dispose()


def test_no_demo_on_a_server_and_names_outside_ascii_sign_in(services, client_url,
                                                              two_children):
    from iep_studio.core.demo import create_demo_school

    with pytest.raises(PermissionDenied, match="The demo school is only for a personal copy, "
                       "made by its administrator. Nothing was added."):
        create_demo_school(services)
    services.accounts.create("Émile", "Émile", "team_member", "secret-emile")
    signed_in(client_url, "ÉMILE", "secret-emile").store.dispose()


def test_the_server_hides_the_rooms_records_about_another_child(services, client_url, team,
                                                                 two_children):
    b = two_children["student"]
    services.planner.add_theme("2026-11-01", "秋天", scope="room")
    services.planner.add_theme("2026-11-01", "情绪调节", scope="student", student_ids=[b.id],
                               aims="癫痫发作后的情绪安抚")
    services.planner.add_session("2026-11-20", starts="09:00", title="个别课",
                                 student_ids=[b.id], note="李四课间抽搐一次")
    services.planner.add_session("2026-11-20", starts="10:00", title="小组课",
                                 student_ids=[team.student.id, b.id])
    code, out = psql(client_url, "liu", "secret-liu",
                     "SELECT title FROM monthly_theme; SELECT title FROM teaching_session")
    assert (code, out.split()) == (0, ["秋天", "小组课"])
    code, out = psql(client_url, "liu", "secret-liu",
                     "UPDATE teaching_session SET note = 'x' WHERE title = '个别课'")
    assert out.split()[-1] == "0"
    code, out = psql(client_url, "chen", "secret-admin", "SELECT count(*) FROM teaching_session")
    assert out.strip() == "2"


def test_the_server_refuses_removals_that_would_cut_another_childs_links(
        services, client_url, team, two_children):
    b = two_children["student"]
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    session = services.planner.add_session("2026-11-20", starts="10:00", title="小组课",
                                           student_ids=[team.student.id, b.id])
    services.observations.log(b.id, two_children["objective"].id, "II",
                              observed_on=date(2026, 11, 20), session_id=session.id)
    code, out = psql(client_url, "wang", "secret-wang",
                     f"DELETE FROM teaching_session WHERE id = '{session.id}'")
    assert code != 0 and "whose team one is not on" in out
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        with pytest.raises(PermissionDenied, match="Records of students whose team you are "
                           "not on belong to this"):
            wang.planner.remove_session(session.id)
    finally:
        wang.store.dispose()
    assert [o.session_id for o in services.observations.for_student(b.id)
            if o.trials == "II"] == [session.id]


def test_the_schools_own_apparatus_is_read_by_all_and_changed_by_resource_teachers(
        client_url, services, team, two_children):
    """A head teacher on the team sees the school's apparatus in the unit lists, but only
    resource teachers and administrators add or change them: in the app and in psql."""
    chen = signed_in(client_url, "chen", "secret-admin")
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        chen.unit_centres.add("apparatus", {"name_zh": "攀岩墙", "name_en": "Climbing wall"})
        assert [c.code for c in liu.unit_centres.own()] == ["climbing_wall"]
        with pytest.raises(PermissionDenied):
            liu.unit_centres.add("apparatus", {"name_zh": "悬吊系统"})
    finally:
        chen.store.dispose()
        liu.store.dispose()
    code, out = psql(client_url, "liu", "secret-liu",
                     "UPDATE unit_centre SET name_zh = 'x'")
    assert code == 0 and out.split()[-1] == "0"  # the server changed nothing
    code, out = psql(client_url, "liu", "secret-liu", (
        "INSERT INTO unit_centre (id, kind, code, name_zh, name_en, domains, safety_zh, "
        "safety_en, created_at, updated_at, version) VALUES ('x', 'apparatus', 'x', 'x', "
        "'', '[]', '', '', now(), now(), 1)"))
    assert code != 0 and "row-level security" in out
    code, out = psql(client_url, "chen", "secret-admin", "SELECT name_zh FROM unit_centre")
    assert out.split() == ["攀岩墙"]
