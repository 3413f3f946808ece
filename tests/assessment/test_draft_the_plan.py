"""From a scored assessment to a draft IEP in one step, as the teacher of the demo's
陈宇轩 would: the present levels drafted from the ladders, a goal per domain, the ticked
objectives complete, so the completeness check finds nothing to fix in them."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.assessment.drafting import present_level, proposed_goal, read_scores
from iep_studio.core.demo import create_demo_school
from iep_studio.core.iep.completeness import check_plan
from iep_studio.core.services.plan_drafting import DomainPlan
from iep_studio.core.services.plans import PlanLocked
from iep_studio.core.services.search import load_summaries


@pytest.fixture
def chen(services):
    create_demo_school(services)
    student = next(r for r in load_summaries(services.store) if r.full_name == "陈宇轩")
    assessment, scores = services.item_scoring.of_instrument(student.id, "iep-studio-cba")[-1]
    drafts = read_scores(services.instruments.get("iep-studio-cba"), scores)
    chosen = [DomainPlan(d.domain, present_level(d, "zh_CN"), proposed_goal(d, "zh_CN"),
                         d.objective_ids(), d.suggestions[0].placed.item.method)
              for d in drafts]
    return student, assessment, chosen


def test_a_new_draft_with_every_suggestion_is_complete(services, chen):
    student, assessment, chosen = chen
    drafted = services.drafting.draft(
        assessment.id, chosen, language="zh_CN", responsible="王丽", period_start="2027-02-20",
        period_end="2027-07-10", title="2026学年第二学期")
    plan = services.plans.get(drafted.plan_id)
    assert drafted.new_plan and plan.status == "draft"
    assert [g.domain for g in plan.goals] == [c.domain for c in chosen]
    assert [g.statement for g in plan.goals] == [c.goal for c in chosen]
    objectives = [o for g in plan.goals for o in g.objectives]
    assert [o.bank_goal_id for o in objectives] == [i for c in chosen for i in c.objectives]
    assert len(objectives) >= 8
    assert all(o.responsible == "王丽" and o.measurement and o.criterion and o.behaviour
               and o.start_date == date(2027, 2, 20) and o.target_date == date(2027, 7, 10)
               for o in objectives)
    # The drafted levels replace the older ones in the same domains; the others stay.
    levels = {x.domain: x for x in plan.present_levels}
    for c in chosen:
        assert levels[c.domain].level == c.present_level
        assert levels[c.domain].source == "IEP Studio 课程本位评估（3-15岁） 2026-09-10"
    assert "cognition" in levels  # from the C-PEP-3, not drafted
    goal_gaps = [g for g in check_plan(plan, services.today()) if g.section == "goals"]
    assert goal_gaps == []
    # Undo: the new draft goes again.
    services.drafting.take_back(drafted)
    assert all(p.id != drafted.plan_id for p in services.plans.for_student(student.id))


def test_adding_to_the_current_draft_adds_nothing_twice_and_can_be_taken_back(services, chen):
    student, assessment, chosen = chen
    plan = services.plans.create(student.id, "2027-02-20", "2027-07-10")
    social = next(c for c in chosen if c.domain == "social")
    goal = services.plans.add_goal(plan.id, "social", "")
    services.plans.add_from_bank(plan.id, social.objectives[0], "zh_CN", goal_id=goal.id)
    before = services.plans.get(plan.id)
    drafted = services.drafting.draft(assessment.id, [social], language="zh_CN",
                                      responsible="王丽", plan_id=plan.id)
    after = services.plans.get(plan.id)
    assert [g.id for g in after.goals] == [goal.id]  # the goal in the domain is used
    assert after.goals[0].statement == social.goal  # it had none
    assert [o.bank_goal_id for o in after.goals[0].objectives] == social.objectives
    services.drafting.take_back(drafted)
    again = services.plans.get(plan.id)
    assert [(g.statement, [o.bank_goal_id for o in g.objectives]) for g in again.goals] == [
        (g.statement, [o.bank_goal_id for o in g.objectives]) for g in before.goals]
    assert [(x.domain, x.level) for x in again.present_levels] == [
        (x.domain, x.level) for x in before.present_levels]


def test_a_plan_with_the_team_is_not_drafted_into(services, chen, team, complete_plan):
    student, assessment, chosen = chen
    approved = next(p for p in services.plans.for_student(student.id) if p.status != "draft")
    with pytest.raises(PlanLocked):
        services.drafting.draft(assessment.id, chosen, language="zh_CN", responsible="王丽",
                                plan_id=approved.id)
    with pytest.raises(PlanLocked) as refused:
        services.plans.remove_draft(approved.id)
    assert "Change it instead" not in str(refused.value)  # locked for its status first
    # Sent to the team once and withdrawn: a draft again, but kept with its history.
    services.review.submit(complete_plan.id, team.teacher)
    services.review.withdraw(complete_plan.id, team.teacher)
    with pytest.raises(PlanLocked) as refused:
        services.plans.remove_draft(complete_plan.id)
    assert str(refused.value) == ("This plan has been with the team, so it is kept with its "
                                  "history. Change it instead.")
