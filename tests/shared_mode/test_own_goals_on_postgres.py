"""A teacher's own goal list imported on a PostgreSQL server: every test of
tests/core/test_own_goals.py again (this directory's `store` is a server database), and the
server's own rule on who adds to the goal bank, for people signed in as themselves."""
from __future__ import annotations

import pytest

from iep_studio.core.access.rules import PermissionDenied
from tests.core.test_own_goals import *  # noqa: F401,F403 - the same tests, on the server


def test_a_teacher_signed_in_as_themselves_adds_goals_the_school_shares(
        client_url, services, team, tmp_path):
    """王丽 (a resource teacher) imports with her own login; 刘老师 (a team member, signed in
    on another computer) finds the goals in the bank but may not add to it."""
    from iep_studio.core.units.search import GoalFilter
    from tests.core.test_own_goals import goal_list, own_goal_count
    from tests.shared_mode.test_server_privacy import signed_in

    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    services.accounts.create("liu", "刘老师", "team_member", "secret-liu",
                             person_id=team.head_teacher)
    wang = signed_in(client_url, "wang", "secret-wang")
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        own = wang.own_goals
        report = own.import_rows(own.preview(own.read(goal_list(tmp_path / "目标.xlsx"))))
        assert len(report.goal_ids) == 2
        found = liu.library.search_goals(GoalFilter(query="本校"))
        assert [g.id for g in found] == list(report.goal_ids)
        preview = liu.own_goals.preview(liu.own_goals.read(goal_list(
            tmp_path / "刘.xlsx", rows=[["休闲", "", "在课间", "学生能和同伴下一盘跳棋",
                                         "连续3天", "", "", ""]])))
        with pytest.raises(PermissionDenied):
            liu.own_goals.import_rows(preview)
        # The server refuses too, with the app's own check set aside.
        with pytest.raises(PermissionDenied):
            type(liu.own_goals)(liu.store.acting_as(None),
                                liu.own_goals.shipped_goals).import_rows(preview)
        assert own_goal_count(services) == 2
    finally:
        wang.store.dispose()
        liu.store.dispose()
