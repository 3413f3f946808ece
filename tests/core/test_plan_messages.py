"""The plan messages a teacher meets less often: records gone, plans edited elsewhere,
signing at the wrong time, and checks on plans that arrive from elsewhere."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.conftest import TODAY

from iep_studio.core.errors import EditConflict, NotFound
from iep_studio.core.iep.completeness import check_plan
from iep_studio.core.services.team_review import NotAllowed


def test_records_removed_elsewhere(services, team, complete_plan):
    goal = complete_plan.goals[0]
    objective = goal.objectives[0]
    service = services.plans.add_service(complete_plan.id, {"name": "感统训练"})
    services.plans.remove_service(service.id)
    services.plans.remove_goal(goal.id)
    for call, message in (
            (lambda: services.plans.get("gone"), "This plan no longer exists."),
            (lambda: services.plans.update_goal(goal.id, {"statement": "x"}),
             "This goal no longer exists."),
            (lambda: services.plans.update_objective(objective.id, {"criterion": "x"}),
             "This objective no longer exists."),
            (lambda: services.plans.update_service(service.id, {"name": "x"}),
             "This service no longer exists."),
            (lambda: services.plans.add_from_bank(complete_plan.id, "no-such-goal", "zh_CN"),
             "This goal is not in the goal bank."),
            (lambda: services.review.review_objective(objective.id, "P"),
             "This objective no longer exists.")):
        with pytest.raises((NotFound, NotAllowed)) as refused:
            call()
        assert refused.value.text() == message


def test_signing_a_draft_is_refused(services, team, complete_plan):
    with pytest.raises(NotAllowed) as refused:
        services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    assert refused.value.text() == (
        "A plan is signed when it is with the team or in effect, not as a draft or after it "
        "is closed.")
    services.review.submit(complete_plan.id, team.teacher)
    with pytest.raises(NotFound) as refused:
        services.review.sign(complete_plan.id, guardian_id="gone")
    assert refused.value.text() == "This guardian is not in the student's file."


def test_a_save_from_an_older_copy_is_refused(services, complete_plan):
    services.plans.update(complete_plan.id, {"strategies": "视觉提示"})
    with pytest.raises(EditConflict) as refused:
        services.plans.update(complete_plan.id, {"strategies": "口头提示"},
                              expected_version=complete_plan.version)
    assert refused.value.text() == (
        "Someone else changed this plan while you were editing it. Your text is kept; "
        "reload the plan to see their change, then apply yours again.")
    assert services.plans.get(complete_plan.id).strategies == "视觉提示"


def test_a_plan_from_elsewhere_without_dates_is_caught():
    objective = SimpleNamespace(id="o", behaviour="拍球", criterion="10次", responsible="王丽",
                                measurement="观察", start_date=date(2026, 12, 1),
                                target_date=date(2026, 10, 1))
    plan = SimpleNamespace(
        period_start=None, period_end=None, review_due=date(2026, 12, 20),
        present_levels=[1], guardian_participation="母亲参加", signatures=[],
        goals=[SimpleNamespace(id="g", statement="拍球", domain="gross_motor",
                               objectives=[objective])])
    assert [g.text() for g in check_plan(plan, TODAY)] == [
        "The plan period has no start or end date.",
        "Objective 1.1: the target date is before the start date.",
    ]
