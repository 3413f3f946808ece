"""From referral to placement on a PostgreSQL server: every test of
tests/core/test_intake.py again (this directory's `store` is a server database), and what
the server enforces with each person's own login: a child's steps are seen only by the
child's team, and only an administrator changes the district's steps."""
from __future__ import annotations

import pytest

from iep_studio.core.access import PermissionDenied
from iep_studio.core.services import Services
from tests.conftest import TODAY
from tests.core.test_intake import *  # noqa: F401,F403 - the same tests, on the server
from tests.shared_mode.test_server_privacy import psql, signed_in


@pytest.fixture
def intake_accounts(services, team, another_child):
    """张小明 (on whose team 王丽 and 刘老师 are) and 李四 (only the doctor's), each with a
    step recorded; accounts for the principal, 王丽 and 刘老师."""
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    services.accounts.create("liu", "刘老师", "team_member", "secret-liu",
                             person_id=team.head_teacher)
    services.intake.record(team.student.id, "referral", "2025-06-20", "刘老师")
    services.intake.record(another_child["student"].id, "referral", "2026-03-01", "赵医生",
                           note="癫痫，需要医院诊断")
    return another_child["student"]


def test_a_childs_steps_are_seen_only_by_the_childs_team(client_url, team, intake_accounts):
    other = intake_accounts
    wang = signed_in(client_url, "wang", "secret-wang")
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        consent = wang.intake.record(team.student.id, "consent", "2025-07-01")
        assert consent.done_by == "王丽"  # the signed-in person
        for reader in (wang, liu):
            assert [r.step_key for r in reader.intake.for_student(team.student.id)] == [
                "referral", "consent"]
            assert reader.intake.for_student(other.id) == []
            assert reader.intake.where(team.student.id, "zh").status == "家长已同意"
        with pytest.raises(PermissionDenied):
            wang.intake.record(other.id, "consent", "2026-03-10")
        with pytest.raises(PermissionDenied):  # a team member records what they see only
            liu.intake.record(team.student.id, "screening", "2025-09-10")
        # Even with the app's own rule set aside, the server shows nothing of 李四's.
        program = Services(liu.store.acting_as(None), today=lambda: TODAY)
        assert program.intake.for_student(other.id) == []
        figures = {f.key: f.count for f in program.overview.counts("process")}
        assert (figures["process/consent"], sum(figures.values())) == (1, 1)
    finally:
        wang.store.dispose()
        liu.store.dispose()
    code, out = psql(client_url, "liu", "secret-liu",
                     "SELECT step_key FROM intake_record ORDER BY done_on")
    assert (code, out.split()) == (0, ["referral", "consent"])


def test_only_an_administrator_changes_the_districts_steps(client_url, intake_accounts):
    chen = signed_in(client_url, "chen", "secret-admin")
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        steps = wang.intake.steps()
        assert len(steps) == 7  # the defaults, read from the shipped file
        with pytest.raises(PermissionDenied):
            wang.intake.save_steps(steps[:2])
        assert wang.intake.steps() == steps
        chen.intake.save_steps([s for s in steps if s.key != "committee"])
        assert [s.key for s in wang.intake.steps()] == [
            "referral", "consent", "screening", "diagnosis", "placement", "teacher"]
        with pytest.raises(PermissionDenied):
            wang.intake.save_steps(steps)
    finally:
        chen.store.dispose()
        wang.store.dispose()
    code, out = psql(client_url, "wang", "secret-wang",
                     "UPDATE intake_step SET required = false")
    assert code == 0 and out.split()[-1] == "0"  # the server changed nothing
    code, out = psql(client_url, "wang", "secret-wang", "SELECT count(*) FROM intake_step "
                                                        "WHERE required")
    assert out.split() == ["6"]  # read by everyone
