"""A district coordinator on the shared server, signed in as their own login: the server
itself lets them read the schools they follow and write guidance notes there, nothing
else, even past the app's own rules."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from iep_studio.core.access import PermissionDenied
from iep_studio.core.errors import IepStudioError
from iep_studio.core.services import Services
from iep_studio.core.services.search import load_summaries
from iep_studio.core.services.sign_in import open_own_login
from tests.conftest import TODAY


@pytest.fixture
def district(services, school, team, another_child):
    """城南小学 (张小明, 李四) and 城北小学 (王五, with a behaviour record); 陈校长 the
    administrator, 周老师 a coordinator following 城南小学, 王丽 a resource teacher."""
    north = services.schools.create_school("城北小学")
    wang = services.students.create(north.id, "王五")
    services.behaviour.add(wang.id, {"occurred_on": "2026-11-20", "behaviour": "离座"})
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    zhou = services.accounts.create("zhou", "周老师", "district_coordinator", "secret-zhou",
                                    followed_schools=[school.id])
    teacher = services.accounts.create("wangli", "王丽", "resource_teacher", "secret-wang",
                                       person_id=team.teacher)
    return dict(south=school, north=north, wang=wang, zhou=zhou, teacher=teacher,
                li=another_child["student"], zhang=team.student)


def signed_in(client_url, username, password) -> Services:
    return Services(open_own_login(client_url, username, password), today=lambda: TODAY)


def past_the_app(services) -> Services:
    """The same login with the app's own rules set aside: only the server decides."""
    return Services(services.store.acting_as(None), today=lambda: TODAY)


def run(services, sql: str, **params):
    with services.store.session() as s:
        return s.execute(text(sql), params)


def refused_by_server(services, sql: str, **params) -> bool:
    try:
        run(services, sql, **params)
    except IepStudioError:
        return True
    return False


def test_the_server_shows_a_coordinator_the_schools_they_follow_only(client_url, district):
    zhou = signed_in(client_url, "zhou", "secret-zhou")
    try:
        for view in (zhou, past_the_app(zhou)):
            assert sorted(s.full_name for s in load_summaries(view.store)) == ["张小明", "李四"]
        program = past_the_app(zhou)
        assert program.behaviour.for_student(district["wang"].id) == []
        assert run(program, "SELECT count(*) FROM behaviour_record WHERE student_id = :s",
                   s=district["wang"].id).scalar() == 0
        assert run(program, "SELECT diagnosis FROM student WHERE id = :s",
                   s=district["li"].id).scalar() == "癫痫"
    finally:
        zhou.store.dispose()


def test_the_server_lets_a_coordinator_write_guidance_notes_only(client_url, district):
    d = district
    zhou = signed_in(client_url, "zhou", "secret-zhou")
    try:
        note = zhou.guidance.add(d["li"].id, {"occasion": "到校视导", "guidance": "增加同伴互动"})
        assert note.given_by == "周老师"
        with pytest.raises(PermissionDenied):
            zhou.students.update(d["li"].id, {"diagnosis": "无"})
        with pytest.raises(PermissionDenied):
            zhou.guidance.add(d["wang"].id, {"guidance": "多鼓励"})
        program = past_the_app(zhou)
        # Past the app, the server still changes nothing but guidance notes of 城南小学.
        changed = run(program, "UPDATE student SET diagnosis = 'x' WHERE id = :s",
                      s=d["li"].id).rowcount
        assert changed == 0
        assert refused_by_server(program, (
            "INSERT INTO behaviour_record (id, student_id, occurred_on, occurred_at, setting, "
            "antecedent, behaviour, consequence, function, observer, note, created_at, "
            "updated_at, version) VALUES ('x1', :s, '2026-11-21', '', '', '', 'x', '', '', "
            "'', '', now(), now(), 1)"), s=d["li"].id)
        assert refused_by_server(program, (
            "INSERT INTO case_guidance (id, student_id, given_on, given_by, occasion, seen, "
            "guidance, follow_up, created_at, updated_at, version) VALUES ('x2', :s, "
            "'2026-11-21', '', '', '', 'x', '', now(), now(), 1)"), s=d["wang"].id)
        assert refused_by_server(program, (
            "INSERT INTO coordinated_school (id, account_id, school_id, created_at, "
            "updated_at) VALUES ('x3', :a, :school, now(), now())"),
            a=d["zhou"].id, school=d["north"].id)
    finally:
        zhou.store.dispose()
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        assert chen.students.get(d["li"].id).diagnosis == "癫痫"
        assert [n.guidance for n in chen.guidance.for_student(d["li"].id)] == ["增加同伴互动"]
        assert chen.guidance.for_student(d["wang"].id) == []
        assert chen.accounts.followed_schools(d["zhou"].id) == [d["south"].id]
    finally:
        chen.store.dispose()


def test_a_resource_teacher_cannot_make_themselves_a_school_s_follower(client_url, district):
    d = district
    wang = signed_in(client_url, "wangli", "secret-wang")
    try:
        with pytest.raises(PermissionDenied):
            wang.accounts.set_followed_schools(d["teacher"].id, [d["north"].id])
        program = past_the_app(wang)
        for account in (d["teacher"].id, d["zhou"].id):
            assert refused_by_server(program, (
                "INSERT INTO coordinated_school (id, account_id, school_id, created_at, "
                "updated_at) VALUES (:id, :a, :school, now(), now())"),
                id=f"x-{account[:8]}", a=account, school=d["north"].id)
        assert run(program, "DELETE FROM coordinated_school").rowcount == 0
        assert [s.full_name for s in load_summaries(wang.store)] == ["张小明"]
    finally:
        wang.store.dispose()


def test_an_administrator_s_change_is_followed_by_the_server_at_once(client_url, district):
    d = district
    zhou = signed_in(client_url, "zhou", "secret-zhou")
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        chen.accounts.set_followed_schools(d["zhou"].id, [d["north"].id])
        assert [s.full_name for s in load_summaries(past_the_app(zhou).store)] == ["王五"]
        chen.accounts.update(d["zhou"].id, role="read_only")
        assert load_summaries(past_the_app(zhou).store) == []
    finally:
        zhou.store.dispose()
        chen.store.dispose()


def test_the_server_keeps_a_note_as_its_writer_left_it(client_url, district):
    """The server stamps each note with the login that wrote it, and lets only that login
    or an administrator change or remove it, whatever account id the app sends."""
    zhou = signed_in(client_url, "zhou", "secret-zhou")
    wang = signed_in(client_url, "wangli", "secret-wang")
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        note = past_the_app(zhou).guidance.add(district["zhang"].id,
                                               {"guidance": "课上座位靠近教师"})
        stamped = run(chen, "SELECT account_id FROM case_guidance WHERE id = :id",
                      id=note.id).scalar()
        assert stamped == district["zhou"].id
        # The resource teacher, past the app: nothing changes, nothing goes.
        run(wang, "UPDATE case_guidance SET guidance = '改写' WHERE id = :id", id=note.id)
        run(wang, "DELETE FROM case_guidance WHERE id = :id", id=note.id)
        assert run(chen, "SELECT guidance FROM case_guidance WHERE id = :id",
                   id=note.id).scalar() == "课上座位靠近教师"
        # Her own note, even one claiming to be the coordinator's, is stamped as hers.
        run(wang, "INSERT INTO case_guidance (id, student_id, given_on, given_by, occasion, "
                  "seen, guidance, follow_up, account_id, created_at, updated_at, version) "
                  "VALUES ('n-2', :student, '2026-11-21', '王丽', '', '', '已调整座位', '', "
                  ":zhou, now(), now(), 1)", student=district["zhang"].id,
            zhou=district["zhou"].id)
        assert run(chen, "SELECT account_id FROM case_guidance WHERE id = 'n-2'").scalar() == \
            district["teacher"].id
        chen.guidance.update(note.id, {"follow_up": "下周电话了解"})
        assert run(chen, "SELECT account_id, follow_up FROM case_guidance WHERE id = :id",
                   id=note.id).one() == (district["zhou"].id, "下周电话了解")
    finally:
        for services in (zhou, wang, chen):
            services.store.dispose()
