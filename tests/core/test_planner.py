"""The resource-room planner as a teacher fills it in: a theme for the month, activities
for the week, sessions on the days, a student's own week, and copying a week forward."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.errors import InvalidInput, NotFound
from iep_studio.core.services.lessons import LessonPlace

MONDAY = date(2026, 11, 16)  # the week of TODAY (Sunday 2026-11-22)


@pytest.fixture
def li(services, school):
    return services.students.create(school.id, "李华")


def test_a_room_theme_belongs_to_its_month_and_to_nobody_in_particular(services, team):
    theme = services.planner.add_theme("2026-11-19", "  秋天的果实 ", aims="认识水果",
                                       group_name="忽略", student_ids=[team.student.id])
    assert (theme.month, theme.title, theme.scope) == (date(2026, 11, 1), "秋天的果实", "room")
    assert theme.student_ids == [] and theme.group_name == ""
    assert [t.id for t in services.planner.themes_for_month(date(2026, 11, 30))] == [theme.id]
    assert services.planner.themes_for_month(date(2026, 12, 1)) == []


def test_a_group_theme_needs_a_name_or_its_students(services, team, li):
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_theme("2026-11-01", "握笔小组", scope="group")
    assert refused.value.for_field("student_ids").text() == (
        "Name the group or choose its students.")
    named = services.planner.add_theme("2026-11-01", "握笔", scope="group", group_name="精细组")
    chosen = services.planner.add_theme("2026-11-01", "轮流", scope="group",
                                        student_ids=[team.student.id, li.id, li.id])
    assert named.group_name == "精细组" and chosen.student_ids == [team.student.id, li.id]


def test_a_theme_for_one_student_needs_exactly_one_student(services, team, li):
    for students in ([], [team.student.id, li.id]):
        with pytest.raises(InvalidInput) as refused:
            services.planner.add_theme("2026-11-01", "小明的主题", scope="student",
                                       student_ids=students)
        assert refused.value.for_field("student_ids").text() == (
            "A theme for one student needs exactly one student chosen.")
    theme = services.planner.add_theme("2026-11-01", "小明的主题", scope="student",
                                       student_ids=[team.student.id])
    assert theme.student_ids == [team.student.id]


def test_a_theme_needs_a_title_a_month_and_a_known_scope(services):
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_theme("", "  ", scope="class")
    found = {p.field: p.text() for p in refused.value.problems}
    assert found == {"month": "This field is required.", "title": "This field is required.",
                     "scope": "\"class\" is not one of the choices: room, group, student."}
    with pytest.raises(NotFound) as refused:
        services.planner.add_theme("2026-11-01", "主题", scope="student", student_ids=["gone"])
    assert str(refused.value) == "This student file no longer exists."


def test_changing_a_theme_to_one_student_is_checked_like_a_new_one(services, team):
    theme = services.planner.add_theme("2026-11-01", "秋天")
    with pytest.raises(InvalidInput):
        services.planner.update_theme(theme.id, {"scope": "student"})
    theme = services.planner.update_theme(theme.id, {"scope": "student", "month": "2026-12-09",
                                                     "student_ids": [team.student.id]})
    assert (theme.scope, theme.month, theme.title) == ("student", date(2026, 12, 1), "秋天")


def test_an_activity_put_on_any_day_lands_in_that_weeks_monday(services, team):
    theme = services.planner.add_theme("2026-11-01", "秋天的果实")
    first = services.planner.add_activity("2026-11-22", "摘苹果", theme_id=theme.id,
                                          student_ids=[team.student.id])
    second = services.planner.add_activity(date(2026, 11, 18), "水果拼图")
    assert first.week_start == second.week_start == MONDAY
    assert [a.title for a in services.planner.week(MONDAY).activities] == ["摘苹果", "水果拼图"]
    assert services.planner.week(date(2026, 11, 23)).activities == []
    moved = services.planner.update_activity(second.id, {"week_start": "2026-11-25"})
    assert moved.week_start == date(2026, 11, 23)


def test_an_activity_under_a_removed_theme_or_lesson_is_refused(services):
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_activity(MONDAY, "摘苹果", theme_id="gone", lesson_id="gone")
    found = {p.field: p.text() for p in refused.value.problems}
    assert found == {"theme_id": "This theme no longer exists.",
                     "lesson_id": "This lesson no longer exists."}


def test_session_times_are_written_as_hours_and_minutes(services):
    session = services.planner.add_session("2026-11-17", starts="9:00", ends="9：40",
                                           title="握笔练习", room="资源教室")
    assert (session.starts, session.ends, session.day) == ("09:00", "09:40", date(2026, 11, 17))
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_session("2026-11-17", starts="25:00", title="握笔练习")
    assert refused.value.problems[0].text() == (
        "\"25:00\" is not a time. Write it as hours:minutes, for example 08:30 or 14:05.")
    assert [p.field for p in refused.value.problems] == ["starts"]


def test_a_session_cannot_end_before_it_starts(services):
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_session("2026-11-17", starts="10:00", ends="9:00", title="轮流")
    assert refused.value.for_field("ends").text() == (
        "The session ends (09:00) before it starts (10:00).")
    session = services.planner.add_session("2026-11-17", starts="10:00", title="轮流")
    with pytest.raises(InvalidInput):
        services.planner.update_session(session.id, {"ends": "10:00"})
    assert services.planner.update_session(session.id, {"ends": "10:35"}).ends == "10:35"


def test_a_mistyped_start_is_the_only_problem_shown(services):
    with pytest.raises(InvalidInput) as refused:
        services.planner.add_session("2026-11-17", starts="9am", ends="10:00", title="轮流")
    assert [(p.field, p.text()) for p in refused.value.problems] == [
        ("starts", ("\"9am\" is not a time. Write it as hours:minutes, for example 08:30 "
                    "or 14:05."))]


def test_a_session_made_from_an_activity_takes_its_title_lesson_and_students(
        services, team, li):
    lesson = services.lessons.make_lesson("def-turn-taking-games", "2026-11-17",
                                          [LessonPlace(team.student.id), LessonPlace(li.id)])
    activity = services.planner.add_activity(MONDAY, "轮流游戏", lesson_id=lesson.id,
                                             student_ids=[team.student.id, li.id])
    session = services.planner.add_session("2026-11-18", starts="14:00",
                                           activity_id=activity.id)
    assert (session.title, session.lesson_id, session.student_ids) == (
        "轮流游戏", lesson.id, [team.student.id, li.id])
    own = services.planner.add_session("2026-11-19", activity_id=activity.id, title="轮流（二）",
                                       student_ids=[li.id])
    assert (own.title, own.student_ids) == ("轮流（二）", [li.id])
    with pytest.raises(NotFound) as refused:
        services.planner.add_session("2026-11-19", activity_id="gone")
    assert str(refused.value) == ("This entry no longer exists. Someone may have removed it; "
                                  "the list has been refreshed.")


def test_a_week_lists_the_themes_of_the_months_it_touches_and_its_sessions_in_order(services):
    november = services.planner.add_theme("2026-11-01", "秋天")
    december = services.planner.add_theme("2026-12-01", "冬天")
    services.planner.add_session("2026-12-01", starts="10:00", title="下午")
    services.planner.add_session("2026-11-30", starts="14:00", title="B")
    services.planner.add_session("2026-11-30", starts="08:30", title="A")
    week = services.planner.week(date(2026, 12, 3))
    assert week.monday == date(2026, 11, 30) and len(week.days) == 7
    assert [t.id for t in week.themes] == [november.id, december.id]
    assert [s.title for s in week.sessions] == ["A", "B", "下午"]
    assert [s.title for s in week.on(date(2026, 11, 30))] == ["A", "B"]
    assert [t.id for t in services.planner.week(MONDAY).themes] == [november.id]


def test_a_students_week_shows_only_their_sessions_and_themes(services, team, li):
    me = team.student.id
    room = services.planner.add_theme("2026-11-01", "秋天")
    mine = services.planner.add_theme("2026-11-01", "小明的主题", scope="student",
                                      student_ids=[me])
    services.planner.add_theme("2026-11-01", "李华的主题", scope="student", student_ids=[li.id])
    services.planner.add_theme("2026-11-01", "李华的小组", scope="group", student_ids=[li.id])
    services.planner.add_activity(MONDAY, "一起", student_ids=[me, li.id])
    services.planner.add_activity(MONDAY, "李华的", student_ids=[li.id])
    services.planner.add_session("2026-11-17", title="一起", student_ids=[li.id, me])
    services.planner.add_session("2026-11-17", title="李华的", student_ids=[li.id])
    week = services.planner.student_week(me, date(2026, 11, 20))
    assert {t.id for t in week.themes} == {room.id, mine.id}
    assert [a.title for a in week.activities] == ["一起"]
    assert [s.title for s in week.sessions] == ["一起"]


@pytest.fixture
def planned_week(services, team, li):
    """November's room theme, a group theme, two activities and three sessions."""
    room = services.planner.add_theme("2026-11-01", "秋天")
    group = services.planner.add_theme("2026-11-01", "握笔组", scope="group",
                                       student_ids=[team.student.id])
    picking = services.planner.add_activity(MONDAY, "摘苹果", theme_id=room.id,
                                            student_ids=[team.student.id, li.id])
    grip = services.planner.add_activity(MONDAY, "握笔", theme_id=group.id,
                                         student_ids=[team.student.id])
    services.planner.add_session("2026-11-16", starts="9:00", ends="9:40",
                                 activity_id=picking.id)
    services.planner.add_session("2026-11-18", starts="14:00", activity_id=grip.id)
    services.planner.add_session("2026-11-22", title="周日补课", student_ids=[li.id])
    return room, group


def test_copying_a_week_forward_keeps_weekdays_times_students_and_links(
        services, team, li, planned_week):
    room, group = planned_week
    made = services.planner.copy_week(MONDAY, date(2026, 11, 26))
    assert sorted(kind for kind, _ in made) == ["activity"] * 2 + ["session"] * 3
    source, week = services.planner.week(MONDAY), services.planner.week(date(2026, 11, 23))
    assert [(a.title, a.theme_id, a.student_ids) for a in week.activities] == [
        ("摘苹果", room.id, [team.student.id, li.id]), ("握笔", group.id, [team.student.id])]
    assert [(s.day, s.starts, s.ends, s.title, s.student_ids) for s in week.sessions] == [
        (date(2026, 11, 23), "09:00", "09:40", "摘苹果", [team.student.id, li.id]),
        (date(2026, 11, 25), "14:00", "", "握笔", [team.student.id]),
        (date(2026, 11, 29), "", "", "周日补课", [li.id])]
    copied = {a.id for a in week.activities}
    assert {s.activity_id for s in week.sessions} == copied | {None}
    assert not copied & {a.id for a in source.activities} and len(source.sessions) == 3


def test_copying_into_another_month_takes_that_months_room_theme(services, planned_week):
    """A room theme gives way to the next month's room theme; a group's theme is not
    swapped for the room's (the teacher chooses the group's next theme)."""
    december = services.planner.add_theme("2026-12-01", "冬天")
    services.planner.copy_week(MONDAY, date(2026, 12, 7))
    week = services.planner.week(date(2026, 12, 7))
    assert [a.theme_id for a in week.activities] == [december.id, None]
    services.planner.copy_week(MONDAY, date(2027, 1, 4))  # January has no theme yet
    assert [a.theme_id for a in services.planner.week(date(2027, 1, 4)).activities] == [
        None, None]


def test_copying_a_week_into_itself_is_refused(services, planned_week):
    with pytest.raises(InvalidInput) as refused:
        services.planner.copy_week("2026-11-16", "2026-11-20")
    assert refused.value.for_field("target").text() == "Choose another week to copy into."
    assert len(services.planner.week(MONDAY).activities) == 2


def test_undoing_a_copy_empties_the_target_week_and_leaves_the_source(services, planned_week):
    services.planner.add_session("2026-11-24", title="已有的课")
    made = services.planner.copy_week(MONDAY, date(2026, 11, 23))
    services.planner.remove_copied(made)
    week = services.planner.week(date(2026, 11, 23))
    assert week.activities == [] and [s.title for s in week.sessions] == ["已有的课"]
    assert len(services.planner.week(MONDAY).sessions) == 3
    services.planner.remove_copied(made)  # a second undo finds nothing left to remove


def test_removing_a_theme_unlinks_its_activities_and_undo_links_them_again(
        services, planned_week):
    room, _group = planned_week
    kept = services.planner.remove_theme(room.id)
    assert [t.title for t in services.planner.themes_for_month(MONDAY)] == ["握笔组"]
    assert services.planner.week(MONDAY).activities[0].theme_id is None
    restored = services.planner.restore_theme(kept)
    assert restored.id == room.id and restored.title == "秋天"
    assert services.planner.week(MONDAY).activities[0].theme_id == room.id


def test_removed_activities_and_sessions_come_back_under_the_same_id(services, planned_week):
    week = services.planner.week(MONDAY)
    activity, session = week.activities[0], week.sessions[0]
    services.planner.restore_activity(services.planner.remove_activity(activity.id))
    services.planner.restore_session(services.planner.remove_session(session.id))
    again = services.planner.week(MONDAY)
    assert [a.id for a in again.activities] == [a.id for a in week.activities]
    assert services.planner.get_session(session.id).activity_id == activity.id
