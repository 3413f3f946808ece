"""The completeness check: each gap named plainly, with the place to fix it."""
from __future__ import annotations

from tests.conftest import TODAY

from iep_studio.core.iep.completeness import blocking, check_plan


def messages(gaps):
    return [(g.severity, g.text()) for g in gaps]


def test_a_complete_plan_has_no_gaps(complete_plan):
    assert check_plan(complete_plan, TODAY) == []


def test_an_empty_plan_lists_what_is_missing(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    services.plans.set_present_levels(plan.id, [])
    assert messages(check_plan(services.plans.get(plan.id), TODAY)) == [
        ("warning", "No review date is set."),
        ("warning", "No present levels are written. Fill them from the latest assessments."),
        ("warning", "No participation of the family is recorded (who took part, how, and "
                    "when)."),
        ("error", "The plan has no long-term goals yet."),
    ]


def test_gaps_in_goals_and_objectives_point_at_the_field(services, complete_plan):
    goal = complete_plan.goals[0]
    first, second = goal.objectives
    services.plans.update_objective(first.id, {"criterion": "", "responsible": "",
                                               "measurement": ""})
    services.plans.update_objective(second.id, {"target_date": "2027-03-01"})
    empty = services.plans.add_goal(complete_plan.id, "", "")
    services.plans.update(complete_plan.id, {"review_due": "2026-11-01"})
    gaps = check_plan(services.plans.get(complete_plan.id), TODAY)
    assert messages(gaps) == [
        ("error", "The review date 2026-11-01 has passed. Set the next review date."),
        ("error", "Objective 1.1 has no criterion."),
        ("error", "Objective 1.1 has no person responsible."),
        ("warning", "Objective 1.1 does not say how it is measured."),
        ("error", "Objective 1.2: the target date 2027-03-01 is outside the plan period "
                  "(2026-09-01 – 2027-01-31)."),
        ("error", "Goal 2 has no statement."),
        ("error", "Goal 2 has no domain."),
        ("error", "Goal 2 has no short-term objectives."),
    ]
    where = [(g.section, g.goal_id, g.objective_id, g.field) for g in gaps]
    assert where[0] == ("basic", "", "", "review_due")
    assert where[1] == ("goals", goal.id, first.id, "criterion")
    assert where[4] == ("goals", goal.id, second.id, "target_date")
    assert where[7] == ("goals", empty.id, "", "")
    assert len(blocking(gaps)) == 7


def test_the_family_must_have_taken_part_before_approval(services, complete_plan):
    plan = services.plans.update(complete_plan.id, {"guardian_participation": ""})
    assert messages(check_plan(plan, TODAY)) == [
        ("warning", "No participation of the family is recorded (who took part, how, and "
                    "when).")]
    assert [g.severity for g in check_plan(plan, TODAY, approving=True)] == ["error"]


def test_an_objective_without_behaviour_or_target_date(services, complete_plan):
    objective = complete_plan.goals[0].objectives[0]
    services.plans.update_objective(objective.id, {"behaviour": "", "target_date": None})
    assert messages(check_plan(services.plans.get(complete_plan.id), TODAY)) == [
        ("error", "Objective 1.1 does not say what the student will do."),
        ("error", "Objective 1.1 has no target date."),
    ]
    services.plans.update(complete_plan.id, {"period_end": "2026-09-01",
                                             "period_start": "2026-09-01"})
    assert ("error", "The plan ends (2026-09-01) before it starts (2026-09-01).") in messages(
        check_plan(services.plans.get(complete_plan.id), TODAY))


def test_a_team_without_anyone_who_may_approve_is_said_before_submitting(complete_plan):
    gaps = check_plan(complete_plan, TODAY, team_roles=["resource_teacher", "head_teacher",
                                                        "parent", "therapist"])
    assert [(g.severity, g.field, g.text()) for g in gaps] == [(
        "warning", "approver", "No one on the student's team may approve the plan: add the "
        "principal (or another administrator) or a special-education expert.")]
    assert check_plan(complete_plan, TODAY, team_roles=["resource_teacher", "expert"]) == []
