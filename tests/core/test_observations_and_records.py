"""What a teacher records about each child (trials, times, counts, behaviour, home visits)
and what the records say back: progress per objective and the caseload to look at."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from iep_studio.core.errors import InvalidInput, NotFound
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.core.services.plans import PlanLocked

PASS, FLAT = "IIIIIIIIVN", "IINN"  # 80% and 50% independent


@pytest.fixture
def li(services, school):
    return services.students.create(school.id, "李华")


def objectives(plan):
    return [o.id for goal in plan.goals for o in goal.objectives]


def approve(services, team, plan):
    services.review.submit(plan.id, team.teacher)
    return services.review.approve(plan.id, team.principal)


def log_days(services, student_id, objective_id, first: date, *trials: str):
    for i, t in enumerate(trials):
        services.observations.log(student_id, objective_id, t, observed_on=first + timedelta(i))


# -- logging ----------------------------------------------------------------------------
def test_a_logged_observation_keeps_clean_trials_and_readable_amounts(services, team):
    record = services.observations.log(team.student.id, None, " ii vg n ", duration="3:30",
                                       frequency="4", rating=5, note=" 很专注 ")
    assert (record.trials, record.duration_seconds, record.frequency, record.rating,
            record.note, record.observed_on) == ("IIVGN", 210, 4, 5, "很专注", date(2026, 11, 22))
    for typed, seconds in (("5", 300), ("45s", 45), ("2.5", 150), ("5分钟", 300), ("30秒", 30)):
        assert services.observations.log(team.student.id, None,
                                         duration=typed).duration_seconds == seconds


def test_codes_that_are_not_prompt_levels_are_refused_with_the_codes_named(services, team):
    with pytest.raises(InvalidInput) as refused:
        services.observations.log(team.student.id, None, "IIx7V")
    assert refused.value.for_field("trials").text() == (
        "\"7X\" is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to 6, and 0 for not "
        "done).")
    with pytest.raises(InvalidInput) as refused:
        services.observations.log(team.student.id, None, "I" * 101)
    assert refused.value.for_field("trials").text() == (
        "Too many trials: at most 100 in one record.")
    assert services.observations.for_student(team.student.id) == []


def test_a_mistyped_time_rating_or_count_is_refused(services, team):
    with pytest.raises(InvalidInput) as refused:
        services.observations.log(team.student.id, None, duration="3:75", rating=6,
                                  frequency="a few")
    found = {p.field: p.text() for p in refused.value.problems}
    assert found == {
        "duration_seconds": "\"3:75\" is not a length of time. Write minutes (5), "
                            "minutes:seconds (3:30) or seconds (45s).",
        "rating": "Write a whole number from 1 to 5.",
        "frequency": "Write a whole number from 0 to 10000."}
    with pytest.raises(NotFound) as refused:
        services.observations.log("gone", None, "I")
    assert str(refused.value) == "This student file no longer exists."


def test_each_key_press_saves_the_trials_so_far(services, team):
    record = services.observations.log(team.student.id, "objective", duration="1:00")
    for typed, saved in (("I", "I"), ("Iv", "IV"), ("IVn", "IVN"), ("IV", "IV")):
        record = services.observations.set_trials(record.id, typed)
        assert record.trials == saved
    assert record.duration_seconds == 60 and record.objective_id == "objective"
    with pytest.raises(InvalidInput):
        services.observations.set_trials(record.id, "IV?")
    assert services.observations.for_student(team.student.id)[0].trials == "IV"


def test_a_removed_observation_comes_back_the_same(services, team):
    record = services.observations.log(team.student.id, "objective", "IVN",
                                       observed_on="2026-11-20", rating=3, observer="王丽")
    newer = services.observations.log(team.student.id, "objective", "II")
    kept = services.observations.remove(record.id)
    assert [o.id for o in services.observations.for_student(team.student.id)] == [newer.id]
    services.observations.restore(kept)
    back = services.observations.for_student(team.student.id)
    assert [o.id for o in back] == [newer.id, record.id]  # newest first
    assert (back[1].trials, back[1].rating, back[1].observer, back[1].observed_on) == (
        "IVN", 3, "王丽", date(2026, 11, 20))


def test_a_sessions_observations_survive_removing_and_restoring_the_session(services, team):
    session = services.planner.add_session("2026-11-20", title="握笔", student_ids=[
        team.student.id])
    first = services.observations.log(team.student.id, "a", "I", session_id=session.id)
    second = services.observations.log(team.student.id, "b", "N", session_id=session.id)
    services.planner.restore_session(services.planner.remove_session(session.id))
    assert [o.id for o in services.observations.for_session(session.id)] == [first.id,
                                                                            second.id]


# -- what to record ---------------------------------------------------------------------
def test_the_entry_lists_each_students_objectives_with_the_lessons_domains_first(
        services, team, li, complete_plan):
    social = services.plans.add_from_bank(complete_plan.id, "soc-joint-01", "zh_CN",
                                          responsible="王丽")
    grip = objectives(complete_plan)
    me = team.student.id
    plain = services.observations.targets([li.id, me, "gone"])
    assert [(t.student_name, t.objective_id) for t in plain] == [
        ("李华", None), ("张小明", grip[0]), ("张小明", grip[1]), ("张小明", social.id)]
    assert plain[1].domain == "fine_motor" and plain[1].behaviour.startswith("学生")
    lesson = services.lessons.make_lesson("def-turn-taking-games", "2026-11-20",
                                          [LessonPlace(me), LessonPlace(li.id)])
    session = services.planner.add_session("2026-11-20", title="轮流", lesson_id=lesson.id,
                                           student_ids=[me, li.id])
    first = services.observations.session_targets(session.id)
    assert [(t.student_id, t.objective_id, t.domain) for t in first] == [
        (me, social.id, "social"), (me, grip[0], "fine_motor"), (me, grip[1], "fine_motor"),
        (li.id, None, "")]


def test_the_plan_in_effect_is_worked_on_before_a_newer_draft(services, team, complete_plan):
    approve(services, team, complete_plan)
    services.plans.create(team.student.id, "2027-02-01", "2027-07-31")
    targets = services.observations.targets([team.student.id])
    assert [t.objective_id for t in targets] == objectives(complete_plan)


# -- progress ---------------------------------------------------------------------------
def test_progress_shows_mastery_from_the_logged_sessions(services, team, complete_plan):
    first, second = objectives(complete_plan)
    log_days(services, team.student.id, first, date(2026, 11, 16), PASS, PASS, "", PASS)
    log_days(services, team.student.id, second, date(2026, 11, 16), PASS, FLAT, PASS)
    progress = services.progress.for_student(team.student.id)
    assert progress.plan_id == complete_plan.id and progress.plan_title == "2026学年第一学期"
    mastered, not_yet = progress.objectives
    assert mastered.mastery.mastered_on == date(2026, 11, 19) and mastered.records == 4
    assert [p.day for p in mastered.points] == [date(2026, 11, d) for d in (16, 17, 19)]
    assert mastered.last_day == date(2026, 11, 19) and mastered.domain == "fine_motor"
    assert not not_yet.mastery.mastered and not_yet.mastery.streak == 1
    assert services.progress.for_objective(second).mastery == not_yet.mastery
    assert services.progress.for_student("nobody").objectives == []


def test_a_rule_of_its_own_can_be_set_on_a_plan_in_effect_and_undone(
        services, team, complete_plan):
    approve(services, team, complete_plan)
    _, second = objectives(complete_plan)
    log_days(services, team.student.id, second, date(2026, 11, 19), "VVVVVVVVVI", "VVVVVVVVVV")
    with pytest.raises(PlanLocked):
        services.plans.update_objective(second, {"criterion": "连续2次"})
    before = services.progress.set_rule(second, percent="90", sessions="2", level="v")
    # Its rule as it came from the goal bank: "连续3次课，每次抽查5次中至少4次".
    assert before == {"percent": 80, "sessions": 3, "level": ""}
    result = services.progress.for_student(team.student.id).objectives[1]
    assert (result.rule.percent, result.rule.sessions, result.rule.level) == (90, 2, "V")
    assert result.mastery.mastered_on == date(2026, 11, 20)
    assert services.progress.set_rule(second, **before) == {
        "percent": 90, "sessions": 2, "level": "V"}
    assert services.progress.for_objective(second).rule.is_default


def test_a_rule_out_of_range_is_refused(services, complete_plan):
    with pytest.raises(InvalidInput) as refused:
        services.progress.set_rule(objectives(complete_plan)[0], percent=0, sessions=21,
                                   level="N")
    found = {p.field: p.text() for p in refused.value.problems}
    assert found == {"mastery_percent": "Write a whole number from 1 to 100.",
                     "mastery_sessions": "Write a whole number from 1 to 20.",
                     "mastery_level": "\"N\" is not a prompt level. Use I, V, G, M, P or F."}


def test_the_caseload_lists_what_was_mastered_what_stalled_and_what_has_no_data(
        services, team, li, complete_plan):
    services.clock.moment = datetime(2026, 9, 1, 8, tzinfo=timezone.utc)  # approved then
    for bank_id in ("fm-pencil-grip-03", "fm-grasp-01", "fm-grasp-02", "fm-finger-01",
                    "fm-finger-02"):
        services.plans.add_from_bank(complete_plan.id, bank_id, "zh_CN", responsible="王丽")
    plan = approve(services, team, complete_plan)
    fresh, flat, silent, passed, old, quiet, dropped = objectives(plan)
    me = team.student.id
    log_days(services, me, fresh, date(2026, 11, 18), PASS, PASS, PASS)
    log_days(services, me, flat, date(2026, 11, 10), *[FLAT] * 5)
    # fm-grasp-02's own rule from the goal bank: every trial, 3 sessions in a row.
    log_days(services, me, old, date(2026, 10, 1), "IIIII", "IIIII", "IIIII")
    log_days(services, me, quiet, date(2026, 11, 1), "IN")
    services.review.review_objective(passed, "P", "已达成")
    services.review.review_objective(dropped, "D", "不再适合")
    services.review.review_objective(quiet, "C", "继续")  # still watched
    draft = services.plans.create(li.id, "2026-09-01", "2027-01-31")  # not in effect
    services.plans.add_from_bank(draft.id, "fm-grasp-01", "zh_CN")
    found = services.progress.caseload(None)
    assert [(i.kind, i.objective_id, i.when) for i in found] == [
        ("mastered", fresh, date(2026, 11, 20)), ("stalled", flat, date(2026, 11, 14)),
        ("no_data", quiet, date(2026, 11, 1)),
        ("no_data", silent, date(2026, 9, 1))]  # never recorded: due since the plan began
    assert {i.student_name for i in found} == {"张小明"}
    assert services.progress.caseload(team.teacher) == found
    assert services.progress.caseload(team.outsider) == []
    services.clock.day = date(2026, 12, 10)
    later = services.progress.caseload(None)
    assert [(i.kind, i.objective_id) for i in later] == [
        ("stalled", flat), ("no_data", flat), ("no_data", quiet), ("no_data", silent)]


# -- behaviour and home visits ----------------------------------------------------------
def test_a_behaviour_record_needs_the_behaviour_a_known_function_and_a_past_date(
        services, team):
    with pytest.raises(InvalidInput) as refused:
        services.behaviour.add(team.student.id, {"behaviour": " ", "function": "bored",
                                                 "occurred_on": "2026-11-23"})
    found = {p.field: p.text() for p in refused.value.problems}
    assert found == {
        "occurred_on": "2026-11-23 is in the future. Check the year and the month.",
        "behaviour": "This field is required.",
        "function": "\"bored\" is not one of the choices: attention, tangible, escape, "
                    "sensory, unknown."}
    with pytest.raises(NotFound):
        services.behaviour.add("gone", {"behaviour": "哭闹"})


def test_behaviour_records_show_newest_first_and_count_the_likely_functions(services, team):
    me = team.student.id
    first = services.behaviour.add(me, {"behaviour": "离座", "function": "escape",
                                        "occurred_on": "2026-11-20", "occurred_at": "9:05",
                                        "duration_seconds": "2:00", "frequency": "3"})
    assert (first.occurred_at, first.duration_seconds, first.frequency) == ("09:05", 120, 3)
    services.behaviour.add(me, {"behaviour": "尖叫", "function": "attention"})
    services.behaviour.add(me, {"behaviour": "离座", "function": "escape",
                                "occurred_on": "2026-11-21"})
    services.behaviour.add(me, {"behaviour": "摇晃"})
    items = services.behaviour.for_student(me)
    assert [r.occurred_on.day for r in items] == [22, 22, 21, 20]
    assert services.behaviour.functions(items) == [("escape", 2), ("attention", 1)]
    services.behaviour.restore(services.behaviour.remove(first.id))
    assert services.behaviour.update(first.id, {"note": "换座位后减少"}).frequency == 3


def test_a_home_visit_needs_its_minutes_visitors_and_activities(services, team):
    with pytest.raises(InvalidInput) as refused:
        services.home_visits.add(team.student.id, {"minutes": "", "visitors": "",
                                                   "activities": " "})
    assert {p.field: p.text() for p in refused.value.problems} == {
        "minutes": "This field is required.", "visitors": "This field is required.",
        "activities": "This field is required."}
    with pytest.raises(InvalidInput) as refused:
        services.home_visits.add(team.student.id, {"minutes": 700, "visitors": "王丽",
                                                   "activities": "握笔"})
    assert refused.value.problems[0].text() == "Write a whole number from 1 to 600."


def test_home_visits_add_up_per_school_term(services, team, complete_plan):
    first, second = objectives(complete_plan)
    visit = {"visitors": "王丽、刘老师", "activities": "握笔练习"}
    for day, minutes, served in (("2026-09-15", 60, [first]), ("2026-11-10", 45,
                                 [first, second, "gone"]), ("2026-02-26", 90, [])):
        services.home_visits.add(team.student.id, {**visit, "visited_on": day,
                                                   "minutes": minutes, "objective_ids": served})
    visits = services.home_visits.for_student(team.student.id)
    assert [v.visited_on.month for v in visits] == [11, 9, 2]
    assert visits[0].objective_ids == [first, second]  # an unknown objective is dropped
    totals = services.home_visits.totals(visits)
    assert [(t.term.title("zh_CN"), t.visits, t.minutes, t.objectives_served)
            for t in totals] == [("2026学年第一学期", 2, 105, 2), ("2025学年第二学期", 1, 90, 0)]
