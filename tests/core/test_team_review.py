"""The team review: who may do what, what locks, what makes an amendment, and the
revision frozen at every status change."""
from __future__ import annotations

import pytest

from iep_studio.core.errors import InvalidInput
from iep_studio.core.services.team_review import NotAllowed, PlanIncomplete


def approved(services, team, plan):
    services.review.submit(plan.id, team.teacher)
    services.review.sign(plan.id, guardian_id=team.mother.id)
    return services.review.approve(plan.id, team.principal, "同意")


def test_an_incomplete_plan_is_not_submitted_and_the_gaps_say_why(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 review_due="2026-12-20")
    with pytest.raises(PlanIncomplete) as refused:
        services.review.submit(plan.id, team.teacher)
    assert [g.text() for g in refused.value.gaps] == ["The plan has no long-term goals yet."]
    assert services.plans.get(plan.id).status == "draft"


def test_who_may_submit_approve_and_comment(services, team, complete_plan):
    with pytest.raises(NotAllowed) as refused:
        services.review.submit(complete_plan.id, team.outsider)
    assert refused.value.text() == (
        "Only members of this student's team can review, sign or change the plan. Add the "
        "person on the Team tab first.")
    with pytest.raises(NotAllowed) as refused:
        services.review.submit(complete_plan.id, team.head_teacher)
    assert refused.value.text() == (
        "Only the plan's author, a resource or itinerant teacher, or an administrator on the "
        "team can do this.")
    plan = services.review.submit(complete_plan.id, team.teacher)
    assert plan.status == "in_review"
    for person in (team.teacher, team.head_teacher):
        with pytest.raises(NotAllowed) as refused:
            services.review.approve(plan.id, person)
        assert refused.value.text() == (
            "Only an administrator or a special-education expert on this student's team can "
            "approve the plan.")
    remark = services.review.comment(plan.id, team.head_teacher, "strategies",
                                     "课堂上可以安排同桌提醒")
    assert (remark.role, remark.section, remark.person_name) == (
        "head_teacher", "strategies", "刘老师")
    with pytest.raises(InvalidInput) as refused:
        services.review.comment(plan.id, team.head_teacher, "strategies", "  ")
    assert refused.value.for_field("text").text() == "This field is required."
    with pytest.raises(NotAllowed) as refused:
        services.review.submit(plan.id, team.teacher)
    assert refused.value.text() == (
        "Only a draft can be submitted. This plan is already with the team or in effect.")


def test_approval_needs_the_family_and_freezes_a_revision(services, team, complete_plan):
    services.plans.update(complete_plan.id, {"guardian_participation": ""})
    plan = services.review.submit(complete_plan.id, team.teacher)  # a warning only
    with pytest.raises(PlanIncomplete) as refused:
        services.review.approve(plan.id, team.principal)
    assert [g.field for g in refused.value.gaps] == ["guardian_participation"]
    services.review.sign(plan.id, guardian_id=team.mother.id)  # the mother's signature counts
    plan = services.review.approve(plan.id, team.principal, "同意实施")
    assert plan.status == "approved" and plan.approved_at is not None
    assert [(r.decision, r.text) for r in plan.reviews] == [("approve", "同意实施")]
    revisions = services.review.revisions(team.student.id)
    assert [(r.number, r.event, r.status) for r in revisions] == [
        (1, "submitted", "in_review"), (2, "approved", "approved")]
    assert revisions[1].snapshot["signatures"][0]["name"] == "李梅"
    assert revisions[1].snapshot["goals"][0]["statement"] == "提高手眼协调与握笔能力"


def test_a_request_for_changes_sends_the_plan_back_to_draft(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    plan = services.review.request_changes(complete_plan.id, team.head_teacher, "goals",
                                           "目标2的标准太高")
    assert plan.status == "draft"
    assert [(r.decision, r.section, r.text) for r in plan.reviews] == [
        ("changes", "goals", "目标2的标准太高")]
    services.plans.update_objective(plan.goals[0].objectives[1].id, {"criterion": "5次中3次"})
    services.review.submit(plan.id, team.teacher)
    plan = services.review.withdraw(plan.id, team.teacher)
    assert [r.event for r in services.review.revisions(team.student.id)] == [
        "submitted", "changes_requested", "submitted", "withdrawn"]


def test_signatures_record_who_in_what_role_once_per_edition(services, team, complete_plan):
    with pytest.raises(NotAllowed):
        services.review.sign(complete_plan.id, person_id=team.teacher)  # still a draft
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign(complete_plan.id, person_id=team.teacher)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    with pytest.raises(NotAllowed) as refused:
        services.review.sign(complete_plan.id, person_id=team.teacher)
    assert refused.value.text() == "王丽 has already signed this plan."
    with pytest.raises(NotAllowed):
        services.review.sign(complete_plan.id, person_id=team.outsider)
    signatures = services.plans.get(complete_plan.id).signatures
    assert [(s.name, s.role, s.edition) for s in signatures] == [
        ("王丽", "resource_teacher", 1), ("李梅", "parent", 1)]
    assert all(s.signed_at is not None for s in signatures)


def test_the_meetings_signatures_are_recorded_together_all_or_none(services, team,
                                                                     complete_plan):
    plan_id = complete_plan.id
    services.review.submit(plan_id, team.teacher)
    with pytest.raises(NotAllowed) as refused:
        services.review.sign_together(plan_id)
    assert refused.value.text() == "Tick at least one person who signed."
    with pytest.raises(InvalidInput) as wrong_day:
        services.review.sign_together(plan_id, [team.teacher], signed_on="2026-12-24")
    assert wrong_day.value.for_field("signed_on")  # after today (2026-11-22)
    # Someone not on the team refuses the whole step: nobody's signature is kept.
    with pytest.raises(NotAllowed):
        services.review.sign_together(plan_id, [team.teacher, team.outsider],
                                      [team.mother.id])
    assert services.plans.get(plan_id).signatures == []
    services.review.sign_together(plan_id, [team.teacher, team.principal],
                                  [team.mother.id], signed_on="2026-11-20")
    signatures = services.plans.get(plan_id).signatures
    assert [(s.name, s.role) for s in signatures] == [
        ("王丽", "resource_teacher"), ("陈校长", "administrator"), ("李梅", "parent")]
    assert {s.signed_at.date().isoformat() for s in signatures} == {"2026-11-20"}


def test_an_amendment_is_a_new_edition_that_replaces_the_plan_when_approved(
        services, team, complete_plan):
    plan = approved(services, team, complete_plan)
    objective = plan.goals[0].objectives[0]
    services.review.review_objective(objective.id, "C", "继续练习", "2026-11-20", "王丽")
    amendment = services.review.amend(plan.id, team.teacher)
    assert services.review.amend(plan.id, team.teacher).id == amendment.id  # one at a time
    assert (amendment.status, amendment.edition, amendment.amends_plan_id) == (
        "draft", 2, plan.id)
    assert services.plans.get(plan.id).status == "approved"  # still in effect meanwhile
    copied = amendment.goals[0].objectives[0]
    assert copied.id != objective.id and copied.criterion == objective.criterion
    assert [r.code for r in copied.reviews] == ["C"]
    services.plans.update_objective(copied.id, {"criterion": "5次中3次"})
    approved(services, team, amendment)
    assert services.plans.get(plan.id).status == "closed"
    events = [(r.plan_id == plan.id, r.event) for r in services.review.revisions(
        team.student.id)]
    assert events[-3:] == [(False, "submitted"), (True, "superseded"), (False, "approved")]


def test_objective_reviews_need_a_plan_in_effect_and_a_known_code(services, team, complete_plan):
    objective = complete_plan.goals[0].objectives[0]
    with pytest.raises(NotAllowed) as refused:
        services.review.review_objective(objective.id, "P")
    assert refused.value.text() == "Objectives are reviewed while the plan is in effect."
    approved(services, team, complete_plan)
    with pytest.raises(InvalidInput) as refused:
        services.review.review_objective(objective.id, "X")
    assert refused.value.for_field("code").text() == (
        "\"X\" is not one of the choices: P, C, S, E, D.")
    review = services.review.review_objective(objective.id, "E", "可以加深到写名字")
    assert (review.code, review.reviewed_on.isoformat()) == ("E", "2026-11-22")


def test_closing_ends_the_plan_and_nothing_more_happens_to_it(services, team, complete_plan):
    plan = approved(services, team, complete_plan)
    with pytest.raises(NotAllowed):
        services.review.close(plan.id, team.head_teacher)
    plan = services.review.close(plan.id, team.teacher)
    assert plan.status == "closed" and plan.closed_at is not None
    for act in (lambda: services.review.comment(plan.id, team.teacher, "", "晚了"),
                lambda: services.review.amend(plan.id, team.teacher)):
        with pytest.raises(NotAllowed) as refused:
            act()
        assert refused.value.text() == "This plan is closed and can no longer change."
    with pytest.raises(NotAllowed) as refused:
        services.review.withdraw(plan.id, team.teacher)
    plan2 = services.plans.create(team.student.id, "2027-02-01", "2027-07-01")
    with pytest.raises(NotAllowed) as refused:
        services.review.amend(plan2.id, team.teacher)
    assert refused.value.text() == "Only a plan in effect can be amended or closed."
    with pytest.raises(NotAllowed) as refused:
        services.review.withdraw(plan2.id, team.teacher)
    assert refused.value.text() == "This plan is not with the team for review."


def test_signatures_given_before_a_plan_changes_no_longer_count(services, team, complete_plan):
    """Found in review: a withdrawn plan kept the mother's signature, so a rewritten plan
    could be approved on it and she could not sign the new text."""
    services.plans.update(complete_plan.id, {"guardian_participation": ""})
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    plan = services.review.withdraw(complete_plan.id, team.teacher)
    assert plan.signatures == []
    frozen = services.review.revisions(team.student.id)[-1].snapshot
    assert [s["name"] for s in frozen["signatures"]] == ["李梅"]  # the revision keeps it
    services.review.submit(complete_plan.id, team.teacher)
    with pytest.raises(PlanIncomplete):
        services.review.approve(complete_plan.id, team.principal)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)  # signs anew
    assert services.review.approve(complete_plan.id, team.principal).status == "approved"


def test_undoing_a_removal_in_an_amendment_keeps_the_review_history(services, team,
                                                                    complete_plan):
    approved(services, team, complete_plan)
    objective = complete_plan.goals[0].objectives[0]
    services.review.review_objective(objective.id, "C", "继续练习", "2026-11-20", "王丽")
    amendment = services.review.amend(complete_plan.id, team.teacher)
    goal = amendment.goals[0]
    services.plans.restore_goal(services.plans.remove_goal(goal.id))
    restored = services.plans.get(amendment.id).goals[0].objectives[0]
    assert [(r.code, r.comment) for r in restored.reviews] == [("C", "继续练习")]
