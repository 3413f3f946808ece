"""The district view on a PostgreSQL server: every test of tests/core/test_overview.py again
(this directory's `store` is a server database), and what the server itself enforces: a
person signed in with their own login counts only their team's children even with the
app's rule set aside, and only administrators change the district's thresholds, in psql
too."""
from __future__ import annotations

import pytest

from iep_studio.core.access import PermissionDenied
from iep_studio.core.services import Services
from tests.conftest import TODAY
from tests.core.test_overview import *  # noqa: F401,F403 - the same tests, on the server
from tests.core.test_overview import enrol
from tests.shared_mode.test_server_privacy import psql, signed_in


@pytest.fixture
def district_accounts(services, team, another_child):
    """张小明 (on whose team 刘老师 and 王丽 are) and 李四 (only the doctor's), with three
    more children in 张小明's class; accounts for the principal (administrator), 王丽
    (resource teacher) and 刘老师 (team member)."""
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    services.accounts.create("liu", "刘老师", "team_member", "secret-liu",
                             person_id=team.head_teacher)
    services.students.update(team.student.id, {"grade": "三年级", "class_name": "2班"})
    school = services.schools.update_school(team.student.school_id,
                                            {"has_resource_room": False})
    enrol(services, school, 3, "regular_class")


def test_the_server_counts_only_the_childs_own_team_for_its_login(client_url, services,
                                                                  district_accounts):
    chen = signed_in(client_url, "chen", "secret-admin")
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        assert chen.overview.view().total.count == 5
        assert [b.count for b in chen.overview.checks()[0].breaches] == [4]
        # The app's own rule set aside: the server's row-level security still counts
        # only 张小明 for 刘老师.
        program = Services(liu.store.acting_as(None), today=lambda: TODAY)
        for reader in (liu, program):
            view = reader.overview.view()
            assert view.total.count == 1
            assert [c.count for c in view.checks] == [0, 0, 0, 1, 0]
            for figure in view.figures():
                assert [c.full_name for c in reader.overview.children(figure.key)] == (
                    ["张小明"] if figure.count else []), figure.key
    finally:
        chen.store.dispose()
        liu.store.dispose()


def test_only_administrators_change_the_thresholds_on_the_server(client_url, services,
                                                                 district_accounts):
    chen = signed_in(client_url, "chen", "secret-admin")
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        with pytest.raises(PermissionDenied):
            wang.overview.set_rule("regular_class_max", 4)
        chen.overview.set_rule("regular_class_max", 4, "浙江省规定")
        assert wang.overview.checks()[0].label("zh") == "普通班每班随班就读学生不超过4人"
        assert wang.overview.checks()[0].source("en") == "浙江省规定"
    finally:
        chen.store.dispose()
        wang.store.dispose()
    code, out = psql(client_url, "wang", "secret-wang", "UPDATE district_rule SET value = 9")
    assert code == 0 and out.split()[-1] == "0"  # the server changed nothing
    code, out = psql(client_url, "wang", "secret-wang", (
        "INSERT INTO district_rule (id, key, value, source, created_at, updated_at, version) "
        "VALUES ('x', 'special_class_max', 20, '', now(), now(), 1)"))
    assert code != 0 and "row-level security" in out
    code, out = psql(client_url, "liu", "secret-liu", "SELECT key, value FROM district_rule")
    assert out.split() == ["regular_class_max|4"]  # read by everyone
