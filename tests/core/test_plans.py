"""Writing a plan: present levels from assessments, goals and objectives from the goal bank,
ordering, undoable removals, and starting the next plan from the previous one."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.iep.completeness import check_plan
from iep_studio.core.errors import IepStudioError, InvalidInput, NotFound
from iep_studio.core.services.plans import PlanLocked


def test_a_new_plan_draws_present_levels_from_the_latest_assessment(services, team):
    services.assessments.add(team.student.id, "S-M 社会生活能力量表", "2026-10-08", results=[
        {"domain": "fine_motor", "score": "5岁", "present_level": "能沿线剪直线"}])
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 author_id=team.teacher)
    levels = {p.domain: p for p in plan.present_levels}
    assert levels["fine_motor"].level == "5岁  能沿线剪直线"  # the newer assessment wins
    assert levels["fine_motor"].source == "S-M 社会生活能力量表 2026-10-08"
    assert levels["social"].source == "C-PEP-3 2026-09-10"
    assert plan.strengths == "喜欢拼图，视觉记忆好" and plan.needs == "轮流等待困难"
    assert plan.status == "draft" and plan.edition == 1


def test_present_levels_are_editable_and_the_replaced_list_comes_back(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    before = services.plans.set_present_levels(plan.id, [
        {"domain": "cognition.attention", "level": "能专注5分钟", "source": "观察"}])
    assert [p.domain for p in services.plans.get(plan.id).present_levels] == [
        "cognition.attention"]
    services.plans.set_present_levels(plan.id, before)
    assert {p.domain for p in services.plans.get(plan.id).present_levels} == {
        "fine_motor", "social"}


def test_period_and_dates_are_checked_with_plain_messages(services, team):
    with pytest.raises(InvalidInput) as refused:
        services.plans.create(team.student.id, "2027-01-31", "2026-09-01")
    assert refused.value.for_field("period_end").text() == (
        "The plan cannot end (2026-09-01) before it starts (2027-01-31).")
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    with pytest.raises(InvalidInput) as refused:
        services.plans.update(plan.id, {"resource_sessions_per_week": "many"})
    assert refused.value.problems[0].text() == (
        "Write the number of sessions a week, from 0 to 40.")


def test_an_objective_from_the_goal_bank_lands_under_a_goal_of_its_domain(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    first = services.plans.add_from_bank(plan.id, "fm-pencil-grip-01", "zh_CN")
    second = services.plans.add_from_bank(plan.id, "fm-pencil-grip-02", "en")
    plan = services.plans.get(plan.id)
    assert len(plan.goals) == 1 and plan.goals[0].domain == "fine_motor"
    objectives = plan.goals[0].objectives
    assert [o.id for o in objectives] == [first.id, second.id]
    assert objectives[0].behaviour.startswith("学生") and objectives[0].criterion
    assert objectives[1].behaviour.startswith("the student")
    assert objectives[0].bank_goal_id == "fm-pencil-grip-01"
    # dates default to the plan period
    assert (objectives[0].start_date, objectives[0].target_date) == (
        date(2026, 9, 1), date(2027, 1, 31))


def test_an_objective_from_the_bank_arrives_complete_and_its_goal_worded(services, team):
    """Nothing for the completeness check to find: the goal is worded from the bank's
    long-term goal that groups the objective, the objective has who is responsible, how it
    is measured and dates in the plan period."""
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 review_due="2026-12-20")
    for bank_id in ("fm-pencil-grip-01", "fm-pencil-grip-02"):
        services.plans.add_from_bank(plan.id, bank_id, "zh_CN", responsible="王丽")
    plan = services.plans.get(plan.id)
    library = services.library.shipped()
    grouping = next(g for g in library.long_term_goals.values()
                    if "fm-pencil-grip-01" in g.objectives)
    assert plan.goals[0].statement == grouping.text.get("zh_CN")
    assert {o.measurement for o in plan.goals[0].objectives} == {"资源教室个别测查"}
    assert [g for g in check_plan(plan, date(2026, 11, 22)) if g.goal_id] == []


def test_a_plan_drafts_present_levels_from_an_assessment_scored_item_by_item(services, team):
    scoring = services.item_scoring
    assessment = scoring.start(team.student.id, services.instruments.all()[0].header.id,
                               assessed_on="2026-11-01", language="zh_CN")
    ladder = [p.item for p in services.instruments.all()[0]._placed
              if p.domain == "fine_motor"][:3]
    for item in ladder:
        scoring.score(assessment.id, item.id, 2)
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    levels = {p.domain: p.level for p in plan.present_levels}
    # the newest (scored) assessment says where the child stands in fine motor now
    assert levels["fine_motor"] == scoring.present_levels(assessment.id, "zh_CN")["fine_motor"]
    assert levels["fine_motor"] and "social" in levels  # the older one still counts


def test_wording_from_the_bank_is_edited_and_new_objectives_written(services, complete_plan):
    objective = complete_plan.goals[0].objectives[0]
    services.plans.update_objective(objective.id, {"criterion": "连续3次课中4次有3次做到"})
    written = services.plans.add_objective(complete_plan.goals[0].id, {
        "condition": "在美术课上", "behaviour": "用剪刀沿直线剪纸", "criterion": "5次中4次",
        "responsible": "刘老师"})
    plan = services.plans.get(complete_plan.id)
    assert plan.goals[0].objectives[0].criterion == "连续3次课中4次有3次做到"
    assert plan.goals[0].objectives[-1].id == written.id and written.bank_goal_id == ""
    with pytest.raises(InvalidInput) as refused:
        services.plans.update_objective(objective.id, {"target_date": "2026-08-01"})
    assert refused.value.for_field("target_date").text() == (
        "The target date (2026-08-01) is before the start date (2026-09-01).")


def test_goals_and_objectives_reorder_and_objectives_move_between_goals(services, complete_plan):
    plan_id = complete_plan.id
    first_goal = complete_plan.goals[0]
    second_goal = services.plans.add_goal(plan_id, "social", "学会轮流")
    assert services.plans.move_goal(second_goal.id, 0) == 1
    assert [g.id for g in services.plans.get(plan_id).goals] == [second_goal.id, first_goal.id]
    a, b = (o.id for o in first_goal.objectives)
    assert services.plans.move_objective(b, first_goal.id, 0) == (first_goal.id, 1)
    assert [o.id for o in services.plans.get(plan_id).goals[1].objectives] == [b, a]
    services.plans.move_objective(a, second_goal.id, 0)
    plan = services.plans.get(plan_id)
    assert [o.id for o in plan.goals[0].objectives] == [a]
    assert [o.id for o in plan.goals[1].objectives] == [b]
    assert [o.position for o in plan.goals[0].objectives + plan.goals[1].objectives] == [0, 0]


def test_a_removed_goal_comes_back_with_its_objectives_and_ids(services, complete_plan):
    goal = complete_plan.goals[0]
    kept = services.plans.remove_goal(goal.id)
    assert services.plans.get(complete_plan.id).goals == []
    services.plans.restore_goal(kept)
    restored = services.plans.get(complete_plan.id).goals[0]
    assert restored.id == goal.id
    assert [o.id for o in restored.objectives] == [o.id for o in goal.objectives]
    assert restored.objectives[0].bank_goal_id == "fm-pencil-grip-01"


def test_services_and_devices_are_listed_with_frequency_and_provider(services, complete_plan):
    service = services.plans.add_service(complete_plan.id, {
        "kind": "service", "name": "感统训练", "frequency": "每周2次，每次30分钟",
        "provider": "区康复中心"})
    services.plans.add_service(complete_plan.id, {"kind": "device", "name": "粗杆铅笔"})
    with pytest.raises(InvalidInput) as refused:
        services.plans.add_service(complete_plan.id, {"kind": "device", "name": " "})
    assert refused.value.for_field("name").text() == "This field is required."
    kept = services.plans.remove_service(service.id)
    services.plans.restore_service(kept)
    assert [(s.name, s.frequency) for s in services.plans.get(complete_plan.id).services] == [
        ("感统训练", "每周2次，每次30分钟"), ("粗杆铅笔", "")]


def test_only_a_draft_changes(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    objective = complete_plan.goals[0].objectives[0]
    with pytest.raises(PlanLocked) as refused:
        services.plans.update_objective(objective.id, {"criterion": "x"})
    assert refused.value.text() == (
        "This plan is with the team for review. Withdraw it to draft to change it.")
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    services.review.approve(complete_plan.id, team.principal)
    for change in (lambda: services.plans.update(complete_plan.id, {"strategies": "x"}),
                   lambda: services.plans.add_goal(complete_plan.id, "social"),
                   lambda: services.plans.remove_objective(objective.id),
                   lambda: services.plans.add_service(complete_plan.id, {"name": "x"})):
        with pytest.raises(PlanLocked) as refused:
            change()
        assert refused.value.text() == (
            "This plan is approved and locked. To change it, make an amendment.")
    assert services.plans.get(complete_plan.id).goals[0].objectives[0].criterion != "x"


def test_the_next_plan_carries_objectives_not_yet_met_with_their_status(
        services, team, complete_plan):
    goal = complete_plan.goals[0]
    third = services.plans.add_objective(goal.id, {
        "behaviour": "独立系鞋带", "criterion": "3次中2次", "responsible": "王丽",
        "measurement": "观察记录"})
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    services.review.approve(complete_plan.id, team.principal)
    passed, simplified = goal.objectives
    services.review.review_objective(passed.id, "P", "已达成", "2026-11-20", "王丽")
    services.review.review_objective(simplified.id, "S", "改为两指捏", "2026-11-20", "王丽")
    nxt = services.plans.start_from_previous(complete_plan.id, "2027-02-20", "2027-07-10",
                                             title="2026学年第二学期", author_id=team.teacher)
    assert nxt.previous_plan_id == complete_plan.id and nxt.status == "draft"
    carried = nxt.goals[0].objectives
    assert [(o.carried_from_id, o.carried_status) for o in carried] == [
        (simplified.id, "S"), (third.id, "")]  # never reviewed: no code invented
    assert carried[0].criterion == simplified.criterion
    assert (carried[0].start_date, carried[0].target_date) == (date(2027, 2, 20),
                                                               date(2027, 7, 10))
    assert nxt.strategies == complete_plan.strategies
    assert nxt.guardian_participation == ""  # this plan's meeting is still to come
    assert {p.domain for p in nxt.present_levels} == {"fine_motor", "social"}


def test_the_goal_bank_age_band_of_a_student():
    from iep_studio.core.vocabulary import age_band_of, age_on

    assert age_on(date(2016, 5, 12), date(2026, 5, 11)) == 9
    assert age_on(date(2016, 5, 12), date(2026, 5, 12)) == 10
    assert [age_band_of(a) for a in (2, 3, 6, 9, 12, 14, 15)] == [
        "", "3-6", "6-9", "9-12", "12-15", "12-15", ""]


def test_a_long_term_goal_from_the_bank_arrives_with_its_objectives(services, team):
    """The teacher takes a whole annual goal from the bank: its statement, and each of its
    objectives worded from the bank with the bank's mastery rule, in one step."""
    library = services.library.shipped()
    long_term = next(g for g in library.long_term_goals.values()
                     if g.domain.startswith("fine_motor") and g.age_band == "6-9")
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    goal = services.plans.add_long_term_goal(plan.id, long_term.id, "zh_CN", responsible="王丽")
    plan = services.plans.get(plan.id)
    assert [g.id for g in plan.goals] == [goal.id]
    assert plan.goals[0].statement == long_term.text.zh
    objectives = plan.goals[0].objectives
    assert [o.bank_goal_id for o in objectives] == long_term.objectives
    first = library.goals[long_term.objectives[0]]
    assert objectives[0].criterion == first.criterion.zh and objectives[0].responsible == "王丽"
    assert objectives[0].mastery_percent == first.mastery.percent
    assert (objectives[0].start_date, objectives[0].target_date) == (
        date(2026, 9, 1), date(2027, 1, 31))
    english = services.plans.add_long_term_goal(plan.id, long_term.id, "en")
    assert english.statement == long_term.text.en


def test_a_long_term_goal_is_refused_whole_on_an_approved_plan_or_when_unknown(
        services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    signed_plan = complete_plan
    long_term = next(iter(services.library.shipped().long_term_goals))
    before = len(services.plans.get(signed_plan.id).goals)
    with pytest.raises(IepStudioError):
        services.plans.add_long_term_goal(signed_plan.id, long_term, "zh_CN")
    assert len(services.plans.get(signed_plan.id).goals) == before  # nothing half-made
    with pytest.raises(NotFound):
        services.plans.add_long_term_goal(signed_plan.id, "no-such-goal", "zh_CN")


def test_every_long_term_goal_groups_objectives_of_its_own_domain_and_age():
    from collections import Counter

    from iep_studio.core.paths import course_units_dir
    from iep_studio.core.units.loading import load_folder

    library = load_folder(course_units_dir())
    grouped = {i for g in library.long_term_goals.values() for i in g.objectives}
    assert set(library.goals) <= grouped  # every objective sits under a long-term goal
    cells = Counter((g.domain.split(".")[0], g.age_band)
                    for g in library.long_term_goals.values())
    for domain in {goal.domain.split(".")[0] for goal in library.goals.values()}:
        for band in ("3-6", "6-9", "9-12", "12-15"):
            assert cells[(domain, band)] >= 3, (domain, band)
