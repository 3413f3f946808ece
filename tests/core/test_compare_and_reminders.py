"""Comparing two revisions side by side, and the home view's reminders."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import update

from iep_studio.core.iep.compare import char_changes, compare
from iep_studio.core.model import Plan, PlanGoal, PresentLevel


def test_two_revisions_side_by_side_with_the_changes_marked(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    services.review.request_changes(complete_plan.id, team.head_teacher, "goals", "标准太高")
    objective = complete_plan.goals[0].objectives[1]
    services.plans.update_objective(objective.id, {"criterion": "5次中3次"})
    services.plans.update(complete_plan.id, {"strategies": "视觉提示卡"})
    services.plans.add_service(complete_plan.id, {"kind": "device", "name": "粗杆铅笔"})
    services.review.submit(complete_plan.id, team.teacher)
    first, _changes, second = services.review.revisions(team.student.id)
    rows = compare(first.snapshot, second.snapshot, "zh_CN")
    changed = [r for r in rows if r.kind != "equal"]
    assert [(r.section, r.kind, r.left_label or r.right_label) for r in changed] == [
        ("goals", "changed", "短期目标 1.2 标准"),
        ("strategies", "added", "教学策略"),
        ("services", "added", "辅具"),
    ]
    criterion = changed[0]
    assert criterion.right == "5次中3次"
    marked = "".join(criterion.right[a:b] for a, b in criterion.right_spans)
    assert "3" in marked and "5次中" not in marked
    # everything else is shown unchanged on both sides
    same = [r for r in rows if r.kind == "equal"]
    assert any(r.left_label == "长期目标 1" and r.left == r.right for r in same)
    english = compare(first.snapshot, second.snapshot, "en")
    assert "Short-term objective 1.2 Criterion" in [r.left_label for r in english]


def test_character_changes_in_chinese():
    left, right = char_changes("每天练习10分钟", "每天练习15分钟")
    assert left == [(5, 6)] and right == [(5, 6)]


def test_removed_lines_show_on_the_left_only(services, team, complete_plan):
    before = services.review.current_snapshot(complete_plan.id)
    services.plans.remove_objective(complete_plan.goals[0].objectives[0].id)
    after = services.review.current_snapshot(complete_plan.id)
    removed = [r for r in compare(before, after, "zh_CN") if r.kind == "removed"]
    assert removed and all(r.right == "" and r.left for r in removed)


def _age(services, plan_id, days):
    moment = datetime.now(timezone.utc) - timedelta(days=days)
    with services.store.session() as s:
        s.execute(update(Plan).where(Plan.id == plan_id).values(updated_at=moment))
        for part in (PresentLevel, PlanGoal):
            s.execute(update(part).where(part.plan_id == plan_id).values(updated_at=moment))


def test_reminders_for_the_caseload(services, team, school, complete_plan):
    other = services.students.create(school.id, "李华", student_number="0002")
    # the teacher's caseload is only the students whose team she is on
    kinds = {(r.kind, r.student_name) for r in services.reminders.for_caseload(team.teacher)}
    assert kinds == set()  # a fresh, complete draft needs nothing yet
    everyone = {(r.kind, r.student_name) for r in services.reminders.for_caseload(None)}
    assert everyone == {("no_plan", "李华")}

    services.review.submit(complete_plan.id, team.teacher)
    assert [r.kind for r in services.reminders.for_caseload(team.principal)] == [
        "awaiting_signature"]
    services.review.sign(complete_plan.id, person_id=team.principal)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    services.review.approve(complete_plan.id, team.principal)
    assert [r.kind for r in services.reminders.for_caseload(team.principal)] == []
    # review on 2026-12-20, today 2026-11-22: more than 14 days away
    assert [r.kind for r in services.reminders.for_caseload(team.teacher)] == [
        "awaiting_signature"]
    services.review.sign(complete_plan.id, person_id=team.teacher)
    with services.store.session() as s:
        s.execute(update(Plan).where(Plan.id == complete_plan.id).values(
            review_due=date(2026, 12, 1)))
    soon = services.reminders.for_caseload(team.teacher)
    assert [(r.kind, r.when) for r in soon] == [("review_due", date(2026, 12, 1))]
    with services.store.session() as s:
        s.execute(update(Plan).where(Plan.id == complete_plan.id).values(
            review_due=date(2026, 11, 1)))
    assert [(r.kind, r.when) for r in services.reminders.for_caseload(team.teacher)] == [
        ("overdue", date(2026, 11, 1))]
    assert other.id  # 李华 has no team: never in the teacher's caseload


def test_a_draft_untouched_for_two_weeks(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    _age(services, plan.id, 20)
    # the reminder goes by the real clock of the record, so fix "today" to the real date
    services.clock.day = date.today
    assert [r.kind for r in services.reminders.for_caseload(team.teacher)] == [
        "untouched_draft"]
    services.plans.add_goal(plan.id, "social", "学会轮流")  # touching a goal counts
    assert services.reminders.for_caseload(team.teacher) == []
    _age(services, plan.id, 20)
    assert [r.kind for r in services.reminders.for_caseload(team.teacher)] == [
        "untouched_draft"]
    services.plans.set_present_levels(plan.id, [{"domain": "social", "level": "能回应问候"}])
    assert services.reminders.for_caseload(team.teacher) == []  # and present levels too


def test_a_next_review_date_set_at_the_review_clears_review_overdue(
        services, team, complete_plan):
    import pytest

    from iep_studio.core.errors import InvalidInput
    from iep_studio.core.services.team_review import NotAllowed

    with pytest.raises(NotAllowed) as refused:
        services.review.set_next_review(complete_plan.id, "2026-12-30")  # still a draft
    assert str(refused.value) == "Objectives are reviewed while the plan is in effect."
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    services.clock.day = date(2026, 12, 22)  # two days after the review date
    def kinds():
        return [r.kind for r in services.reminders.for_caseload(team.teacher)]
    assert kinds() == ["overdue", "awaiting_signature"]
    with pytest.raises(InvalidInput) as refused:
        services.review.set_next_review(complete_plan.id, "2026-12-01")
    assert refused.value.for_field("next_review").text() == (
        "The next review (2026-12-01) is already past. Choose a later date.")
    with pytest.raises(InvalidInput) as refused:
        services.review.set_next_review(complete_plan.id, "2027-03-01")
    assert refused.value.for_field("next_review").text() == (
        "The next review (2027-03-01) is after the plan ends (2027-01-31). Choose a date "
        "within the plan, or write the next plan.")
    plan = services.review.set_next_review(complete_plan.id, "2027-01-20")
    assert plan.review_due == date(2027, 1, 20) and plan.status == "approved"
    assert kinds() == ["awaiting_signature"]
