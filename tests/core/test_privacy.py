"""Whose files one sees is one rule, applied to every read and every change: a team member
of one child gets nothing of another child from any service, on a personal copy with
several accounts as on a shared server."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.services.search import load_summaries

HIDDEN = ("This record cannot be opened: it has been removed, or it belongs to a student "
          "whose team you are not on. Nothing was changed; refresh the list, or ask the "
          "administrator to add you to the team.")
NOT_ON_TEAM = ("You are not on this student's team, so their file is closed to you. Nothing "
               "was changed; ask the administrator to add you to the team.")


def as_head_teacher(services, team):
    """刘老师, signed in: on 张小明's team, not on 李四's."""
    services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)


def test_a_team_member_reads_nothing_of_ananother_child(services, team, another_child):
    as_head_teacher(services, team)
    b, plan = another_child["student"], another_child["plan"]
    assert [s.full_name for s in load_summaries(services.store)] == ["张小明"]
    with pytest.raises(PermissionDenied, match=NOT_ON_TEAM):
        services.students.get(b.id)
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.plans.get(plan.id)
    assert services.plans.for_student(b.id) == []
    assert services.observations.for_student(b.id) == []
    assert services.assessments.for_student(b.id) == []
    assert services.assessments.latest_levels(b.id) == {}
    assert services.behaviour.for_student(b.id) == []
    assert services.home_visits.for_student(b.id) == []
    progress = services.progress.for_student(b.id)
    assert (progress.plan_id, progress.objectives) == (None, [])
    assert services.history.for_student(b.id) == []
    assert services.review.revisions(b.id) == []
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.review.current_snapshot(plan.id)
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.progress.for_objective(another_child["objective"].id)
    # The child's own file is still whole for the same person.
    mine = services.students.get(team.student.id)
    assert mine.full_name == "张小明" and [g.name for g in mine.guardians] == ["李梅"]
    assert [p.title for p in services.plans.for_student(team.student.id)] == ["2026学年第一学期"]


def test_a_team_member_changes_nothing_of_ananother_child(services, team, another_child):
    as_head_teacher(services, team)
    b, plan = another_child["student"], another_child["plan"]
    objective = another_child["objective"]
    refused = [
        lambda: services.behaviour.add(b.id, {"occurred_on": "2026-11-21", "behaviour": "x"}),
        lambda: services.observations.log(b.id, objective.id, "I",
                                          observed_on=date(2026, 11, 21)),
        lambda: services.review.comment(plan.id, team.head_teacher, "goals", "看看"),
        lambda: services.review.sign(plan.id, person_id=team.head_teacher),
        lambda: services.students.add_team_member(b.id, team.head_teacher, "head_teacher",
                                                  "2025-09-01"),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            attempt()
    services.store.actor = None
    assert services.behaviour.for_student(b.id)[0].behaviour == "哭闹"
    assert len(services.observations.for_student(b.id)) == 1
    assert services.plans.get(plan.id).signatures == []
    assert [m.person_id for m in services.students.get(b.id).team] == [team.outsider]


def test_an_administrator_sees_every_child(services, team, another_child):
    services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    b = another_child["student"]
    assert services.students.get(b.id).diagnosis == "癫痫"
    assert [p.title for p in services.plans.for_student(b.id)] == ["李四的计划"]
    assert len(services.history.for_student(b.id)) > 5


def test_what_the_documents_read_leaves_out_another_child(services, team, another_child,
                                                         complete_plan):
    b, plan = another_child["student"], another_child["plan"]
    as_head_teacher(services, team)
    assert services.students.names([team.student.id, b.id]) == {team.student.id: "张小明"}
    assert services.students.working_plan_id(b.id) is None
    assert services.students.working_plan_id(team.student.id) == complete_plan.id
    assert services.schools.school_name(team.student.school_id) == "城南小学"
    services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    assert services.students.names([b.id]) == {b.id: "李四"}
    assert services.students.working_plan_id(b.id) == plan.id


def test_accounts_are_listed_without_their_password_hashes(services, team):
    services.accounts.create_first("chen", "陈校长", "secret-1", person_id=team.principal)
    services.accounts.create("liu", "刘老师", "team_member", "secret-2",
                             person_id=team.head_teacher)
    listed = services.accounts.list()
    assert [a.username for a in listed] == ["chen", "liu"]
    assert all(a.has_password for a in listed)
    for account in listed:
        assert "password_hash" not in vars(account)  # never loaded, so never handed out
    # Signing in still checks the password.
    assert services.accounts.sign_in("liu", "secret-2").person_id == team.head_teacher


def test_who_acts_is_fixed_for_the_operation_not_swapped_on_the_store(services, team,
                                                                       another_child):
    """The demo (or any program step) acts through its own view of the store; the
    window's signed-in person keeps their own rights meanwhile."""
    as_head_teacher(services, team)
    program = services.store.acting_as(None)
    assert services.store.actor.name == "刘老师" and program.actor is None
    with program.session() as s:  # the program sees every child ...
        from iep_studio.core.model import Student
        assert s.get(Student, another_child["student"].id) is not None
    # ... while the teacher's own operations, at the same time, still do not.
    with pytest.raises(PermissionDenied):
        services.plans.get(another_child["plan"].id)


def test_a_hidden_record_and_a_removed_one_look_the_same(services, team, another_child):
    as_head_teacher(services, team)
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.plans.get("no-such-plan")
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.plans.get(another_child["plan"].id)


def test_the_servers_rules_are_the_apps_rules():
    """What each role may change is written twice: in core/access for the app, and in the
    migrations that give the server the same rule. A change to one needs the other (with a
    new migration); the server's rule is the one the newest migration defines."""
    import re

    from iep_studio.core.access.rules import (
        ADMINISTRATOR_ONLY, COORDINATOR_WRITES, TEAM_MEMBER_WRITES,
    )
    from iep_studio.core.access.visibility import HAS_STUDENT, UNDER_PLAN
    from iep_studio.core.store.migrations import SCRIPT_LOCATION

    scripts = sorted((SCRIPT_LOCATION / "versions").glob("*.py"))
    migrations = "".join(path.read_text("utf-8") for path in scripts)
    newest = [text for text in (path.read_text("utf-8") for path in scripts)
              if "FUNCTION iep_may_write" in text][-1]
    listed = re.search(r"WHEN 'team_member' THEN p_table IN \(([^)]*)\)", newest).group(1)
    assert set(re.findall(r"'([a-z_]+)'", listed)) == TEAM_MEMBER_WRITES
    coordinator = re.search(r"WHEN 'district_coordinator' THEN p_table = '([a-z_]+)'", newest)
    assert {coordinator.group(1)} == COORDINATOR_WRITES
    not_teachers = re.search(r"WHEN 'resource_teacher' THEN p_table NOT IN \(([^)]*)\)",
                             newest).group(1)
    # accounts and the thresholds have their own administrators-only policies
    assert set(re.findall(r"'([a-z_]+)'", not_teachers)) == ADMINISTRATOR_ONLY - {
        "account", "district_rule"}
    for kind in (*HAS_STUDENT, *UNDER_PLAN):
        assert f'"{kind.__tablename__}"' in migrations, kind.__tablename__


def test_the_rooms_themes_and_sessions_about_another_child_stay_hidden(services, team,
                                                                       another_child):
    """A theme for one child, or a session only they attend, may say much about them: it
    is theirs. The room's own records, and a group session with one's own student, show."""
    b = another_child["student"]
    services.planner.add_theme("2026-11-01", "秋天", scope="room")
    services.planner.add_theme("2026-11-01", "情绪调节", scope="student", student_ids=[b.id],
                               aims="癫痫发作后的情绪安抚")
    alone = services.planner.add_session("2026-11-20", starts="09:00", title="个别课",
                                         student_ids=[b.id], note="李四课间抽搐一次")
    group = services.planner.add_session("2026-11-20", starts="10:00", title="小组课",
                                         student_ids=[team.student.id, b.id])
    as_head_teacher(services, team)
    assert [t.title for t in services.planner.themes_for_month(date(2026, 11, 1))] == ["秋天"]
    week = services.planner.week(date(2026, 11, 20))
    assert [s.title for s in week.on(date(2026, 11, 20))] == ["小组课"]
    assert [t.title for t in week.themes] == ["秋天"]
    with pytest.raises(PermissionDenied):
        services.planner.update_session(alone.id, {"room": "x"})
    assert services.planner.get_session(group.id).title == "小组课"


def test_a_session_holding_another_childs_records_is_not_removed_by_someone_who_cannot_see_them(
        services, team, another_child):
    b = another_child["student"]
    session = services.planner.add_session("2026-11-20", starts="10:00", title="小组课",
                                           student_ids=[team.student.id, b.id])
    services.observations.log(b.id, another_child["objective"].id, "II",
                              observed_on=date(2026, 11, 20), session_id=session.id)
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    with pytest.raises(PermissionDenied, match="Records of students whose team you are not on "
                       "belong to this, so only the administrator can remove it. Nothing was "
                       "changed."):
        services.planner.remove_session(session.id)
    services.store.actor = None
    assert [o.session_id for o in services.observations.for_student(b.id)
            if o.trials == "II"] == [session.id]
