"""Accounts, roles, whose files a person sees, and the audit log of every change."""
from __future__ import annotations

import csv

import pytest

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import InvalidInput
from iep_studio.core.model import Account
from iep_studio.core.services.search import load_summaries


def test_first_account_is_an_administrator_with_a_person_and_a_hashed_password(services):
    assert not services.accounts.any()
    account = services.accounts.create_first("wangli", "王丽", password="秋天的树叶红了")
    assert account.role == "administrator"
    assert account.person_id  # she is someone on students' teams
    assert services.schools.get_person(account.person_id).full_name == "王丽"
    # Stored as an Argon2id hash, never as the text.
    assert account.password_hash.startswith("$argon2id$")
    assert "秋天的树叶红了" not in account.password_hash
    with pytest.raises(PermissionDenied, match="The first account already exists"):
        services.accounts.create_first("other", "别人")


def test_signing_in_checks_the_password_and_says_the_same_for_a_wrong_name(services):
    services.accounts.create_first("wangli", "王丽", password="secret-1")
    actor = services.accounts.sign_in("WangLi", "secret-1")  # the name in any case
    assert actor.name == "王丽" and actor.role == "administrator"
    with pytest.raises(PermissionDenied) as wrong_password:
        services.accounts.sign_in("wangli", "secret-2")
    with pytest.raises(PermissionDenied) as wrong_name:
        services.accounts.sign_in("nobody", "secret-1")
    assert str(wrong_password.value) == str(wrong_name.value)
    assert "The name or the password is not right. Check them (and the keyboard's Caps " \
           "Lock) and try again." == str(wrong_name.value)


def test_a_password_is_optional_on_a_personal_machine_only(services, monkeypatch):
    services.accounts.create_first("wangli", "王丽")  # no password, on SQLite
    assert services.accounts.sign_in("wangli", "").role == "administrator"
    with pytest.raises(InvalidInput, match="Too short: a password needs at least"):
        services.accounts.create("liu", "刘老师", "team_member", password="123")
    # The same database as a shared server would see it: a password is required.
    monkeypatch.setattr(type(services.accounts), "password_required", property(lambda s: True))
    with pytest.raises(InvalidInput) as missing:
        services.accounts.create("liu", "刘老师", "team_member")
    assert missing.value.problems[0].message == "A password is required on a shared server."
    with pytest.raises(PermissionDenied):  # the old account without one is refused now
        services.accounts.sign_in("wangli", "")


def test_changing_and_resetting_passwords(services):
    first = services.accounts.create_first("wangli", "王丽", password="secret-1")
    with pytest.raises(PermissionDenied, match="The current password is not right"):
        services.accounts.set_password(first.id, "wrong", "secret-2")
    services.accounts.set_password(first.id, "secret-1", "secret-2")
    assert services.accounts.sign_in("wangli", "secret-2")
    services.accounts.reset_password(first.id, "secret-3")
    assert services.accounts.sign_in("wangli", "secret-3")


def test_usernames_are_unique_and_roles_known(services):
    services.accounts.create_first("wangli", "王丽")
    with pytest.raises(InvalidInput) as taken:
        services.accounts.create("WANGLI", "另一个", "team_member", password="secret-1")
    assert taken.value.for_field("username").text() == "The name WANGLI is taken. Choose another."
    with pytest.raises(InvalidInput) as role:
        services.accounts.create("x", "x", "superuser", password="secret-1")
    assert role.value.for_field("role")


def test_the_last_administrator_cannot_be_demoted(services):
    first = services.accounts.create_first("wangli", "王丽")
    with pytest.raises(PermissionDenied, match="At least one active administrator must "
                       "remain, or no one could manage the accounts. Make someone else "
                       "administrator first."):
        services.accounts.update(first.id, role="read_only")
    assert services.accounts.get(first.id).role == "administrator"  # rolled back


def test_read_only_and_team_member_roles_are_refused_what_they_may_not_change(services, team):
    store = services.store
    store.actor = Actor("a1", "访客", "read_only", team.head_teacher)
    with pytest.raises(PermissionDenied) as refused:
        services.students.update(team.student.id, {"needs": "改动"})
    assert str(refused.value) == ("Your account's role does not allow this change. Nothing "
                                  "was saved; ask a resource teacher or the administrator.")
    # A team member may record what they saw, but not rewrite the file.
    store.actor = Actor("a2", "刘老师", "team_member", team.head_teacher)
    services.behaviour.add(team.student.id, {"occurred_on": "2026-11-20", "behaviour": "离座"})
    with pytest.raises(PermissionDenied):
        services.students.update(team.student.id, {"needs": "改动"})
    store.actor = None
    assert services.students.get(team.student.id).needs == "轮流等待困难"


def test_on_a_shared_server_people_see_only_their_team_students(services, team, school):
    store = services.store
    other = services.students.create(school.id, "李四", student_number="0002")
    store.restricted_to_team = True  # as on PostgreSQL
    store.actor = Actor("a1", "刘老师", "team_member", team.head_teacher)
    assert [s.full_name for s in load_summaries(store)] == ["张小明"]
    with pytest.raises(PermissionDenied, match="You are not on this student's team, so "
                       "their file is closed to you. Nothing was changed; ask the "
                       "administrator to add you to the team."):
        services.students.get(other.id)
    with pytest.raises(PermissionDenied):
        services.behaviour.add(other.id, {"occurred_on": "2026-11-20", "behaviour": "离座"})
    # A resource teacher who opens a new file is put on its team, so they keep seeing it.
    store.actor = Actor("a2", "王丽", "resource_teacher", team.teacher)
    new = services.students.create(school.id, "王五", student_number="0003")
    assert {s.full_name for s in load_summaries(store)} == {"张小明", "王五"}
    assert [m.person_id for m in services.students.get(new.id).team] == [team.teacher]
    # Without a person, nothing; an administrator sees everyone.
    store.actor = Actor("a3", "新人", "resource_teacher", None)
    assert load_summaries(store) == []
    store.actor = Actor("a4", "陈校长", "administrator", team.principal)
    assert len(load_summaries(store)) == 3


def test_every_change_is_logged_with_who_when_and_before_and_after(services, team, tmp_path):
    store = services.store
    store.actor = Actor("acc-1", "王丽", "resource_teacher", team.teacher)
    services.students.update(team.student.id, {"needs": "轮流等待仍困难"})
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31", title="第一学期")
    goal = services.plans.add_goal(plan.id, "fine_motor", "提高握笔能力")
    removed = services.plans.remove_goal(goal.id)
    history = services.history.for_student(team.student.id)
    needs = next(c for c in history if c.field == "needs" and c.kind == "student")
    assert (needs.actor, needs.action, needs.before, needs.after) == (
        "王丽", "changed", "轮流等待困难", "轮流等待仍困难")
    # A goal added to the plan (its parent set, not yet its id) is traced to the student.
    kinds = [(c.kind, c.action) for c in history if c.field == "statement"]
    assert kinds == [("plan_goal", "removed"), ("plan_goal", "added")]  # newest first
    assert any(c.kind == "plan" and c.action == "added" for c in history)
    assert removed  # the removal returned what undo needs
    # Bookkeeping columns are not reported as changes.
    assert not {c.field for c in history} & {"updated_at", "version", "created_at"}

    path = tmp_path / "history.csv"
    rows = services.history.export_csv(team.student.id, path, "zh_CN")
    with open(path, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == ["时间", "修改人", "内容", "操作", "字段", "修改前", "修改后"]
    assert len(table) == rows + 1
    assert ["王丽", "学生档案", "修改", "需求", "轮流等待困难", "轮流等待仍困难"] in [
        r[1:] for r in table]


def test_a_refused_change_leaves_no_log_and_a_password_never_enters_it(services, team):
    store = services.store
    account = services.accounts.create_first("wangli", "王丽", password="secret-1")
    store.actor = Actor("x", "访客", "read_only")
    with pytest.raises(PermissionDenied):
        services.students.update(team.student.id, {"needs": "改动"})
    assert not any(c.after == "改动" for c in services.history.for_student(team.student.id))
    store.actor = None
    services.accounts.reset_password(account.id, "secret-2")
    with store.session() as s:
        from sqlalchemy import select

        from iep_studio.core.model import AuditEntry
        logged = [e.changes for e in s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "account"))]
    assert logged and all("secret" not in str(c) for c in logged)
    assert {"password_hash": ["***", "***"]} in logged


def test_the_history_cannot_be_written_to_a_missing_folder(services, team, tmp_path):
    from iep_studio.core.errors import StorageError

    with pytest.raises(StorageError, match="The history could not be written to"):
        services.history.export_csv(team.student.id, tmp_path / "no" / "h.csv", "en")
    with pytest.raises(StorageError, match="Choose another folder or free some space."):
        services.history.export_csv(team.student.id, tmp_path / "no" / "h.csv", "en")


def test_own_account_may_be_changed_by_anyone_but_others_only_by_an_administrator(services):
    first = services.accounts.create_first("wangli", "王丽", password="secret-1")
    teacher = services.accounts.create("liu", "刘老师", "resource_teacher", password="secret-1")
    services.store.actor = services.accounts.sign_in("liu", "secret-1")
    services.accounts.set_password(teacher.id, "secret-1", "secret-9")
    with pytest.raises(PermissionDenied):
        services.accounts.update(first.id, role="read_only")
    with pytest.raises(PermissionDenied):
        services.accounts.create("zhao", "赵", "administrator", password="secret-1")
    with services.store.session() as s:
        assert s.get(Account, first.id).role == "administrator"


def test_the_account_messages_word_for_word(services, team, tmp_path):
    from iep_studio.core.errors import NotFound, StorageError

    first = services.accounts.create_first("wangli", "王丽", password="secret-1")
    with pytest.raises(PermissionDenied) as again:
        services.accounts.create_first("other", "别人")
    assert str(again.value) == ("The first account already exists. Sign in, and ask its "
                                "holder to make an account for you.")
    with pytest.raises(PermissionDenied) as wrong:
        services.accounts.set_password(first.id, "nope", "secret-2")
    assert str(wrong.value) == ("The current password is not right; the password was not "
                                "changed.")
    with pytest.raises(InvalidInput) as short:
        services.accounts.reset_password(first.id, "123")
    assert short.value.problems[0].message == ("Too short: a password needs at least "
                                               "{count} characters.")
    with pytest.raises(NotFound) as gone:
        services.accounts.get("no-such-account")
    assert str(gone.value) == "This account no longer exists. The list has been refreshed."
    with pytest.raises(StorageError) as unwritable:
        services.history.export_csv(team.student.id, tmp_path / "missing" / "h.csv", "en")
    assert unwritable.value.message == (
        "The history could not be written to {path} ({reason}). Choose another folder or "
        "free some space.")


# -- what a review of the first version found ----------------------------------------------
def test_a_team_member_signs_and_comments_but_only_in_their_own_name(services, team,
                                                                    complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    store = services.store
    store.restricted_to_team = True  # on a shared server everyone signs in for themselves
    store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    services.review.comment(complete_plan.id, team.head_teacher, "goals", "目标很具体")
    services.review.sign(complete_plan.id, person_id=team.head_teacher)
    with pytest.raises(PermissionDenied) as other:
        services.review.approve(complete_plan.id, team.principal)
    assert str(other.value) == (
        "Signed in as 刘老师, you review, approve and sign in your own name only. Ask the "
        "other person to sign in and do it themselves.")
    with pytest.raises(PermissionDenied):
        services.review.sign(complete_plan.id, person_id=team.teacher)
    store.actor = Actor("acc-zhou", "周老师", "resource_teacher", None)  # on no team
    with pytest.raises(PermissionDenied):
        services.review.comment(complete_plan.id, team.teacher, "goals", "替别人写")
    store.actor = None
    plan = services.plans.get(complete_plan.id)
    assert [s.name for s in plan.signatures] == ["刘老师"] and plan.status == "in_review"


def test_on_a_personal_copy_the_teacher_records_the_teams_decisions(services, team,
                                                                   complete_plan):
    """One teacher, one computer: the principal's approval given on paper at the IEP
    meeting is entered by the teacher."""
    services.review.submit(complete_plan.id, team.teacher)
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    services.review.approve(complete_plan.id, team.principal, "同意")
    assert services.plans.get(complete_plan.id).status == "approved"


def test_an_account_cannot_raise_its_own_role_or_change_its_person(services, team):
    services.accounts.create_first("wangli", "王丽", password="secret-1")
    visitor = services.accounts.create("visitor", "来访", "read_only", password="secret-2")
    services.store.actor = services.accounts.sign_in("visitor", "secret-2")
    for change in ({"role": "administrator"}, {"person_id": team.teacher}, {"active": False}):
        with pytest.raises(PermissionDenied):
            services.accounts.update(visitor.id, **change)
    services.accounts.update(visitor.id, display_name="来访督导")  # one's own name: fine
    services.store.actor = None
    assert services.accounts.get(visitor.id).role == "read_only"


def test_the_first_account_is_the_teacher_already_on_teams_by_that_name(services, team):
    account = services.accounts.create_first("wangli", "王丽")
    assert account.person_id == team.teacher  # not a second 王丽
    assert [p.full_name for p in services.schools.list_people()].count("王丽") == 1


def test_caseloads_and_session_targets_show_only_visible_students(services, team, school):
    from datetime import date

    other = services.students.create(school.id, "李四", student_number="0002")
    services.students.add_team_member(other.id, team.head_teacher, "head_teacher",
                                      "2025-09-01")
    store = services.store
    store.restricted_to_team = True
    store.actor = Actor("a1", "王丽", "resource_teacher", team.teacher)
    assert {r.student_name for r in services.reminders.for_caseload(None)} == {"张小明"}
    session = services.planner.add_session(date(2026, 11, 20), starts="09:00", title="小组",
                                           student_ids=[team.student.id, other.id])
    assert [t.student_name for t in services.observations.targets(
        session.student_ids)] == ["张小明"]


def test_a_resource_teacher_receiving_a_file_on_a_shared_server_joins_its_team(
        services, team, school):
    from iep_studio.core.transfer.export import export_student
    from iep_studio.core.transfer.import_ import import_package

    package = export_student(services.store, team.student.id)
    newcomer = services.schools.create_person("周老师", title="资源教师")
    store = services.store
    store.restricted_to_team = True
    store.actor = Actor("a9", "周老师", "resource_teacher", newcomer.id)
    target = services.schools.create_school("城北小学")
    result = import_package(store, package, target.id, as_copy=True)
    assert [s.full_name for s in load_summaries(store)] == ["张小明"]
    assert newcomer.id in [m.person_id for m in services.students.get(result.student_id).team]


def test_a_goal_saved_from_an_older_copy_is_refused(services, complete_plan):
    from iep_studio.core.errors import EditConflict

    goal = complete_plan.goals[0]
    services.plans.update_goal(goal.id, {"statement": "刘老师写的目标"},
                               expected_version=goal.version)
    with pytest.raises(EditConflict):
        services.plans.update_goal(goal.id, {"statement": "王老师补充原来的目标"},
                                   expected_version=goal.version)
    assert services.plans.get(complete_plan.id).goals[0].statement == "刘老师写的目标"


def test_the_history_shows_people_by_name_and_leaves_out_where_records_hang(services,
                                                                          team):
    history = services.history.for_student(team.student.id)
    joined = [c for c in history if c.kind == "team_membership" and c.field == "person_id"]
    assert {c.after for c in joined} == {"王丽", "陈校长", "刘老师"}
    assert not any(c.field.endswith("_id") and c.field != "person_id" for c in history)
    row = next(c for c in history if c.kind == "guardian" and c.field == "primary_contact")
    assert row.row("zh_CN")[4:] == ["主要联系人", "", "是"]
    relation = next(c for c in history if c.field == "relationship_")
    assert relation.row("zh_CN")[4:] == ["关系", "", "母亲"]


def test_the_weeks_document_names_only_the_readers_students(services, team, school):
    from datetime import date

    from iep_studio.reports.teaching_documents import week_document

    other = services.students.create(school.id, "李四", student_number="0002")
    services.planner.add_session(date(2026, 11, 18), starts="09:00", title="小组课",
                                 student_ids=[team.student.id, other.id])
    store = services.store
    store.restricted_to_team = True
    store.actor = Actor("a1", "刘老师", "team_member", team.head_teacher)
    text = str(week_document(services, date(2026, 11, 18), "zh_CN").__dict__)
    assert "张小明" in text and "李四" not in text


def test_the_transfer_preview_names_only_children_one_may_see(services, team, school):
    from iep_studio.core.transfer.export import export_student
    from iep_studio.core.transfer.import_ import preview

    other = services.students.create(school.id, "李四", student_number="0002",
                                     birth_date="2016-01-01")
    copy_of_other = export_student(services.store, other.id)
    services.store.restricted_to_team = True
    services.store.actor = Actor("a1", "刘老师", "team_member", team.head_teacher)
    seen = preview(services.store, copy_of_other, school_id=school.id)
    assert seen.same_number == [] and seen.same_name_and_birth == []
    assert seen.needs_copy  # the file is here all the same: it cannot come in twice
    services.store.actor = Actor("a2", "陈校长", "administrator", team.principal)
    seen = preview(services.store, copy_of_other, school_id=school.id)
    assert seen.same_file is not None
