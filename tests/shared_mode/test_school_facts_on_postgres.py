"""A school's resource room and resource teachers on a PostgreSQL server: every test of
tests/core/test_school_facts.py again (this directory's `store` is a server database), and
the server's own rule (migration 0012's trigger): a resource teacher signed in with their
own login cannot change them even past the app, through the connection or psql, while
an administrator's login can."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from iep_studio.core.access import PermissionDenied
from iep_studio.core.services import Services
from tests.conftest import TODAY
from tests.core.test_school_facts import *  # noqa: F401,F403 - the same tests, on the server
from tests.core.test_school_facts import facts
from tests.shared_mode.test_server_privacy import psql, signed_in


@pytest.fixture
def accounts(services, team):
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)


def test_the_server_keeps_a_resource_teachers_login_from_the_facts(client_url, services,
                                                                   team, accounts):
    school_id = team.student.school_id
    wang = signed_in(client_url, "wang", "secret-wang")
    chen = signed_in(client_url, "chen", "secret-admin")
    try:
        # The app's own rule set aside: the server refuses all the same.
        program = Services(wang.store.acting_as(None), today=lambda: TODAY)
        with pytest.raises(PermissionDenied, match="are the district's records"):
            program.schools.update_school(school_id, {"resource_teachers": 3})
        with pytest.raises(PermissionDenied):  # a statement of its own, past every service
            with wang.store.session() as s:
                s.execute(text("UPDATE school SET has_resource_room = true, "
                               "resource_teachers = 2"))
        assert facts(services, school_id) == ("城南小学", None, None)
        # She still names her school and adds one with no facts.
        program.schools.update_school(school_id, {"name": "城南实验小学"})
        north = program.schools.create_school("城北小学")
        assert facts(services, north.id) == ("城北小学", None, None)

        chen.schools.update_school(school_id, {"has_resource_room": True,
                                               "resource_teachers": 2})
        with chen.store.session() as s:
            s.execute(text("UPDATE school SET resource_teachers = 3 WHERE id = :id"),
                      {"id": school_id})
        assert facts(services, school_id) == ("城南实验小学", True, 3)
    finally:
        wang.store.dispose()
        chen.store.dispose()

    code, out = psql(client_url, "wang", "secret-wang",
                     "UPDATE school SET resource_teachers = 9")
    assert code != 0 and "only an administrator records" in out
    code, out = psql(client_url, "wang", "secret-wang", (
        "INSERT INTO school (id, name, code, district, address, is_demo, has_resource_room, "
        "resource_teachers, created_at, updated_at, version) VALUES ('x', '城西小学', '', '', "
        "'', false, true, 4, now(), now(), 1)"))
    assert code != 0 and "only an administrator records" in out
    code, out = psql(client_url, "chen", "secret-admin",
                     "UPDATE school SET resource_teachers = 1")
    assert code == 0 and out.split()[-1] == "2"  # both schools
    assert facts(services, school_id)[2] == 1
