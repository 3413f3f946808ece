"""What a Chinese IEP holds besides its goals: the IEP meeting (its date, who came, what
the parents said), each service's dates and place, and each objective's words for the
family with its home tip, which the teacher fits to the family after the team agreed."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.errors import InvalidInput, IepStudioError
from iep_studio.core.services.plans import PlanLocked


def in_review(services, team, plan):
    services.review.submit(plan.id, team.teacher)
    return services.plans.get(plan.id)


def test_the_meeting_is_recorded_with_the_signatures(services, team, complete_plan):
    in_review(services, team, complete_plan)
    services.review.sign_together(
        complete_plan.id, [team.teacher, team.principal], [team.mother.id],
        signed_on="2026-11-20", attendees="特教中心巡回指导教师 周老师",
        parent_opinion="同意本计划，希望多练习写名字。")
    plan = services.plans.get(complete_plan.id)
    assert plan.meeting_on == date(2026, 11, 20)
    assert plan.meeting_attendees == "特教中心巡回指导教师 周老师"
    assert plan.parent_opinion == "同意本计划，希望多练习写名字。"


def test_the_meeting_can_be_written_down_later_and_undone(services, team, complete_plan):
    in_review(services, team, complete_plan)
    before = services.review.record_meeting(complete_plan.id, "2026-11-21",
                                            parent_opinion="同意")
    assert before == {"meeting_on": None, "attendees": "", "parent_opinion": ""}
    assert services.plans.get(complete_plan.id).parent_opinion == "同意"
    services.review.record_meeting(complete_plan.id, before["meeting_on"], before["attendees"],
                                   before["parent_opinion"])
    plan = services.plans.get(complete_plan.id)
    assert (plan.meeting_on, plan.parent_opinion) == (None, "")


def test_a_draft_has_no_meeting_yet_and_a_meeting_is_not_in_the_future(
        services, team, complete_plan):
    with pytest.raises(IepStudioError) as refused:
        services.review.record_meeting(complete_plan.id, "2026-11-20")
    assert "A plan is signed when it is with the team or in effect" in refused.value.message
    in_review(services, team, complete_plan)
    with pytest.raises(InvalidInput):
        services.review.record_meeting(complete_plan.id, "2099-01-01")


def test_a_service_has_its_dates_and_place(services, complete_plan):
    service = services.plans.add_service(complete_plan.id, {
        "kind": "service", "name": "言语治疗", "frequency": "每周1次", "provider": "区康复中心",
        "place": "区康复中心", "start_date": "2026-09-15", "end_date": "2027-01-15"})
    # a change of one field keeps the others
    services.plans.update_service(service.id, {"frequency": "每周2次"})
    kept = services.plans.get(complete_plan.id).services[0]
    assert (kept.frequency, kept.place, kept.start_date, kept.end_date) == (
        "每周2次", "区康复中心", date(2026, 9, 15), date(2027, 1, 15))
    with pytest.raises(InvalidInput) as refused:
        services.plans.update_service(service.id, {"end_date": "2026-09-01"})
    assert refused.value.problems[0].message.startswith("The service cannot end (")
    assert "before it starts" in refused.value.problems[0].message


def test_the_next_plan_keeps_a_services_place_and_dates_it_for_its_own_period(
        services, team, complete_plan):
    services.plans.add_service(complete_plan.id, {
        "name": "言语治疗", "place": "区康复中心", "start_date": "2026-09-15",
        "end_date": "2027-01-15"})
    services.plans.add_service(complete_plan.id, {"name": "降噪耳罩", "kind": "device"})
    following = services.plans.start_from_previous(complete_plan.id, "2027-02-20",
                                                   "2027-07-10")
    dated, undated = following.services
    assert (dated.place, dated.start_date, dated.end_date) == (
        "区康复中心", date(2027, 2, 20), date(2027, 7, 10))
    assert (undated.start_date, undated.end_date) == (None, None)


def test_a_bank_objective_arrives_with_its_home_tip(services, complete_plan):
    bank = services.library.shipped().goals
    for objective in complete_plan.goals[0].objectives:
        assert objective.home_tip == bank[objective.bank_goal_id].home_tip.get("zh_CN")
        assert objective.home_tip


def test_family_words_are_fitted_after_approval_until_the_plan_is_closed(
        services, team, complete_plan):
    plan = in_review(services, team, complete_plan)
    services.review.approve(plan.id, team.principal)
    objective = plan.goals[0].objectives[0]
    before = services.plans.set_parent_words(objective.id, {
        "parent_wording": "小明用三个手指拿笔", "home_tip": "吃饭时用勺子，练习手指力气"})
    assert before["parent_wording"] == ""
    changed = services.plans.get(plan.id).goals[0].objectives[0]
    assert (changed.parent_wording, changed.home_tip) == ("小明用三个手指拿笔",
                                                          "吃饭时用勺子，练习手指力气")
    # the team's plan itself is unchanged, and the words go on into the next plan
    following = services.plans.start_from_previous(plan.id, "2027-02-20", "2027-07-10")
    carried = following.goals[0].objectives[0]
    assert carried.home_tip == "吃饭时用勺子，练习手指力气"
    services.review.close(plan.id, team.teacher)
    with pytest.raises(PlanLocked) as refused:
        services.plans.set_parent_words(objective.id, {"home_tip": "x"})
    assert refused.value.message == ("This plan is closed; its family version stays as it "
                                     "was.")


def test_family_words_of_an_objective_that_is_gone(services, complete_plan):
    objective = complete_plan.goals[0].objectives[0]
    services.plans.remove_objective(objective.id)
    with pytest.raises(IepStudioError) as refused:
        services.plans.set_parent_words(objective.id, {"home_tip": "x"})
    assert refused.value.message == "This objective is no longer in the plan."


def test_a_persons_name_or_a_blank_line_for_nobody(services, team):
    assert services.schools.name_of(team.teacher) == "王丽"
    assert services.schools.name_of(None) == ""
    assert services.schools.name_of("00000000-0000-0000-0000-000000000000") == ""


def test_a_team_member_signing_in_their_own_name_leaves_the_meeting_as_it_is(
        services, team, complete_plan):
    from iep_studio.core.access import Actor

    in_review(services, team, complete_plan)  # no meeting written down yet
    services.store.actor = Actor("a2", "刘老师", "team_member", team.head_teacher)
    services.review.sign_together(complete_plan.id, [team.head_teacher], [],
                                  signed_on="2026-11-21", attendees=None, parent_opinion=None)
    services.store.actor = None
    plan = services.plans.get(complete_plan.id)
    assert [s.name for s in plan.signatures] == ["刘老师"]
    # the plan is the resource teacher's to write: their signature alone is recorded
    assert (plan.meeting_on, plan.meeting_attendees, plan.parent_opinion) == (None, "", "")
