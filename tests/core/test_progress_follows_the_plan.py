"""Progress stays with the child when the plan changes: an amendment keeps the data and
the rule; plans still with the team count; a date in the future is refused; a lucky early
session does not make a climbing child look stalled."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from iep_studio.core.errors import InvalidInput
from iep_studio.core.progress.mastery import Point, stalled


def approve(services, team, plan_id):
    services.review.submit(plan_id, team.teacher)
    return services.review.approve(plan_id, team.principal)


def test_an_amendment_keeps_the_objectives_data_and_its_rule(services, team, complete_plan):
    approve(services, team, complete_plan.id)
    first = complete_plan.goals[0].objectives[0]
    services.progress.set_rule(first.id, percent=90, sessions=2)
    for i in range(2):
        services.observations.log(team.student.id, first.id, "IIIIIIIIII",
                                  observed_on=date(2026, 11, 10) + timedelta(days=i))
    amendment = services.review.amend(complete_plan.id, team.teacher)
    copy = amendment.goals[0].objectives[0]
    assert copy.id != first.id
    services.observations.log(team.student.id, copy.id, "IIIIIIIIIN", observed_on="2026-11-20")
    approve(services, team, amendment.id)
    progress = services.progress.for_student(team.student.id)
    assert progress.plan_id == amendment.id
    mine = progress.objectives[0]
    assert mine.objective_id == copy.id and (mine.rule.percent, mine.rule.sessions) == (90, 2)
    assert [p.day for p in mine.points] == [date(2026, 11, 10), date(2026, 11, 11),
                                            date(2026, 11, 20)]
    assert mine.mastery.mastered_on == date(2026, 11, 11)
    assert services.progress.for_objective(copy.id).records == 3


def test_a_plan_with_the_team_for_review_is_followed_in_the_caseload(
        services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    first = complete_plan.goals[0].objectives[0]
    for i in range(3):
        services.observations.log(team.student.id, first.id, "IIIIIIIIVN",
                                  observed_on=date(2026, 11, 18) + timedelta(days=i))
    kinds = {(i.kind, i.objective_id) for i in services.progress.caseload(team.teacher)}
    assert ("mastered", first.id) in kinds


def test_an_observation_dated_in_the_future_is_refused(services, team):
    with pytest.raises(InvalidInput) as refused:
        services.observations.log(team.student.id, None, "II", observed_on="2027-11-22")
    assert refused.value.for_field("observed_on").text() == (
        "2027-11-22 is in the future. Check the year and the month.")


def test_the_planner_counts_the_records_of_each_session(services, team):
    session = services.planner.add_session("2026-11-20", title="个训",
                                           student_ids=[team.student.id])
    other = services.planner.add_session("2026-11-20", title="小组", starts="10:00")
    for trials in ("II", "IV"):
        services.observations.log(team.student.id, None, trials, session_id=session.id)
    assert services.observations.counts_for_sessions([session.id, other.id]) == {
        session.id: 2}


def series(*percents):
    return [Point(date(2026, 11, 1) + timedelta(days=i), 10, p, {}) for i, p in
            enumerate(percents)]


def test_one_lucky_early_session_does_not_make_a_climbing_child_look_stalled():
    assert not stalled(series(90, 20, 30, 40, 50, 60))
    assert stalled(series(90, 50, 60, 50, 60, 50))  # up and down is flat
    assert stalled(series(40, 41, 42, 43, 44))  # four points over five sessions is no gain


def test_home_visits_count_an_amended_objective_once(services, team, complete_plan):
    approve(services, team, complete_plan.id)
    first = [o.id for o in complete_plan.goals[0].objectives]
    services.home_visits.add(team.student.id, {"visited_on": "2026-11-02", "minutes": 60,
                                               "visitors": "王丽", "activities": "握笔",
                                               "objective_ids": first})
    amendment = services.review.amend(complete_plan.id, team.teacher)
    approve(services, team, amendment.id)
    second = [o.id for o in services.plans.get(amendment.id).goals[0].objectives]
    services.home_visits.add(team.student.id, {"visited_on": "2026-11-16", "minutes": 60,
                                               "visitors": "王丽", "activities": "握笔",
                                               "objective_ids": second})
    [term] = services.home_visits.totals(services.home_visits.for_student(team.student.id))
    assert (term.visits, term.minutes, term.objectives_served) == (2, 120, 2)


@pytest.mark.parametrize("typed", ["inf", "1e400", "-inf"])
def test_an_endless_duration_is_refused_not_a_crash(services, team, typed):
    with pytest.raises(InvalidInput) as refused:
        services.observations.log(team.student.id, None, "I", duration=typed)
    assert refused.value.for_field("duration_seconds").text() == (
        f"\"{typed}\" is not a length of time. Write minutes (5), minutes:seconds (3:30) or "
        "seconds (45s).")


def test_undo_then_redo_of_a_copied_week_brings_back_the_same_records(services, team):
    session = services.planner.add_session("2026-11-16", title="个训", starts="09:00",
                                           student_ids=[team.student.id])
    made = services.planner.copy_week("2026-11-16", "2026-11-23")
    services.planner.remove_copied(made)
    again = services.planner.copy_week("2026-11-16", "2026-11-23", reuse=made)
    assert again == made
    assert [x.id for x in services.planner.week(date(2026, 11, 23)).sessions] == [
        row_id for kind, row_id in made if kind == "session"]
    assert session.id not in {row_id for _kind, row_id in made}
