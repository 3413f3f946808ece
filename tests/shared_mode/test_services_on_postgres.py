"""The services on PostgreSQL: what a teacher writes is in the server database and reads
back the same from another connection (another machine)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from iep_studio.core.demo import create_demo_school, has_demo
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.core.services.search import load_summaries
from tests.conftest import TODAY

EXAMPLE_UNIT = "sustained-attention-listening"


def test_a_school_year_written_on_one_machine_reads_back_on_another(
        services, team, complete_plan, second_services):
    plan = complete_plan
    objective = plan.goals[0].objectives[0]
    services.review.submit(plan.id, team.teacher)
    services.review.approve(plan.id, team.principal, "同意")
    unit = services.library.duplicate(EXAMPLE_UNIT)
    lesson = services.lessons.make_lesson(unit.unit.id, "2026-11-16", [LessonPlace(
        team.student.id, tier=1, adjustments="用大号铅笔", objectives=[objective.id])])
    session = services.planner.add_session("2026-11-16", starts="09:00", ends="09:40",
                                           room="资源教室", title="握笔练习", lesson_id=lesson.id,
                                           student_ids=[team.student.id])
    for day, trials in (("2026-11-16", "IIVGII"), ("2026-11-18", "IIIIVI")):
        services.observations.log(team.student.id, objective.id, trials, observed_on=day,
                                  session_id=session.id if day == "2026-11-16" else None,
                                  observer="王丽")
    services.behaviour.add(team.student.id, {
        "occurred_on": "2026-11-17", "occurred_at": "10:15", "behaviour": "离开座位",
        "function": "escape", "observer": "刘老师"})
    services.home_visits.add(team.student.id, {
        "visited_on": "2026-11-19", "minutes": 45, "visitors": "王丽",
        "activities": "和家长一起练习握笔", "objective_ids": [objective.id]})

    # Another person, another engine: everything comes from the server, not a cache.
    other = second_services
    student = other.students.get(team.student.id)
    assert (student.full_name, student.student_number, student.birth_date) == (
        "张小明", "0001", date(2016, 5, 12))
    assert [(c.category, c.degree) for c in student.categories] == [("autism", "moderate")]
    assert [g.name for g in student.guardians] == ["李梅"] and student.guardians[0].primary_contact
    assert sorted(m.role for m in student.team) == ["administrator", "head_teacher",
                                                    "resource_teacher"]
    assert isinstance(student.created_at, datetime) and student.created_at.tzinfo is not None
    [assessment] = other.assessments.for_student(student.id)
    assert [r.domain for r in assessment.results] == ["fine_motor", "social"]
    read = other.plans.get(plan.id)
    assert read.status == "approved" and read.approved_at is not None
    assert read.guardian_participation == "母亲参加了IEP会议"
    assert [[o.bank_goal_id for o in g.objectives] for g in read.goals] == [
        ["fm-pencil-grip-01", "fm-pencil-grip-02"]]
    assert [r.event for r in other.review.revisions(student.id)] == ["submitted", "approved"]
    assert [o.trials for o in other.observations.for_student(student.id)] == ["IIIIVI", "IIVGII"]
    assert other.observations.counts_for_sessions([session.id]) == {session.id: 1}
    progress = other.progress.for_student(student.id)
    assert progress.plan_id == plan.id
    assert {p.objective_id: p.records for p in progress.objectives}[objective.id] == 2
    assert [lesson.id] == [x.id for x in other.lessons.for_student(student.id)]
    assert other.lessons.get(lesson.id).students[0].objectives == [objective.id]
    week = other.planner.week(date(2026, 11, 16))
    assert [(x.starts, x.room, x.student_ids) for x in week.sessions] == [
        ("09:00", "资源教室", [student.id])]
    assert other.library.get(unit.unit.id).unit.title.zh.endswith("（副本）")
    assert other.behaviour.for_student(student.id)[0].function == "escape"
    assert other.home_visits.for_student(student.id)[0].objective_ids == [objective.id]
    [summary] = load_summaries(other.store)
    assert summary.full_name == "张小明" and summary.categories == ("autism",)
    assert [(r.kind, r.student_name, r.plan_id) for r in other.reminders.for_caseload(
        team.teacher)] == [("awaiting_signature", "张小明", plan.id)]
    # A month after the approval (which is stamped with the real clock), nothing has been
    # recorded for either objective for weeks.
    from datetime import timedelta

    from iep_studio.core.services import Services

    later = Services(other.store, today=lambda: date.today() + timedelta(days=30))
    second = plan.goals[0].objectives[1]
    assert [(i.kind, i.student_name, i.objective_id, i.when) for i in later.progress.caseload(
        team.teacher, no_data_days=14)] == [
        ("no_data", "张小明", second.id, date.today()),  # due since the approval
        ("no_data", "张小明", objective.id, date(2026, 11, 18))]  # since its last record


def test_the_demo_school_on_the_server(services, second_services):
    """The demo builder writes a little of everything: the whole of it, on PostgreSQL,
    written here as the database's owner (the app never offers the demo on a server, and
    refuses it there: made-up children never mix with a school's real ones)."""
    from iep_studio.core.access import PermissionDenied
    from iep_studio.core.demo import _create_demo_school

    assert not has_demo(services)
    with pytest.raises(PermissionDenied):
        create_demo_school(services)
    school = _create_demo_school(services, lambda done, total: None)
    assert school.is_demo and "演示" in school.name
    other = second_services
    assert has_demo(other)
    rows = load_summaries(other.store)
    assert len(rows) >= 8
    for row in rows:
        student = other.students.get(row.id)
        assert student.guardians and student.team and student.strengths
        assert other.assessments.for_student(row.id)
    chen = next(r for r in rows if r.full_name == "陈宇轩")
    last, current = sorted(other.plans.for_student(chen.id), key=lambda p: p.period_start)
    assert (last.status, current.status) == ("closed", "in_review")
    codes = [o.reviews[-1].code for g in other.plans.get(last.id).goals for o in g.objectives]
    assert codes == ["P", "C", "S"]
    assert any(other.observations.for_student(r.id) for r in rows)
    assert other.planner.week(TODAY).sessions or other.planner.days()
    for person in other.schools.list_people():
        other.reminders.for_caseload(person.id)
        other.progress.caseload(person.id)
    # A second run finds everything there and adds nothing.
    _create_demo_school(other, lambda done, total: None)
    assert len(load_summaries(services.store)) == len(rows)


def test_the_longest_values_the_forms_accept_fit_the_server_columns(services, school):
    """SQLite stores any length in a VARCHAR column; PostgreSQL refuses one character too
    many. Whatever passes the forms' checks must fit."""
    long_name = "欧阳" * 50  # 100 characters, the limit; its pinyin key is far longer
    student = services.students.create(school.id, long_name, student_number="9" * 50,
                                       grade="年" * 50, class_name="班" * 50,
                                       certificate_no="C" * 50, home_language="语" * 100)
    assert services.students.get(student.id).full_name == long_name
    services.students.update(student.id, {"full_name": "司马" * 50})
    services.assessments.add(student.id, "评" * 200, "2026-09-10", assessor="王" * 100,
                             results=[{"domain": "fine_motor", "score": "分" * 100,
                                       "present_level": "能用三指握笔"}])
    plan = services.plans.create(student.id, "2026-09-01", "2027-01-31", title="题" * 200)
    [level] = plan.present_levels
    assert level.source.endswith("2026-09-10") and len(level.source) <= 200
    services.plans.refill_present_levels(plan.id)
    rows = {r.id: r for r in load_summaries(services.store)}
    assert rows[student.id].full_name == "司马" * 50
