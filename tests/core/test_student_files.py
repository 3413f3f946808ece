"""Creating, editing, archiving and restoring student files, and every validation message."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.errors import EditConflict, InvalidInput, NotFound


def problems(excinfo) -> dict[str, str]:
    return {p.field: p.text() for p in excinfo.value.problems}


def test_create_student_keeps_everything_entered(services, school):
    student = services.students.create(
        school.id, " 张小明 ", categories=[("autism", "moderate"), ("speech", "mild")],
        placement="regular_class_resource_room", placement_start="2023-09-01",
        student_number="2019030101", sex="male", birth_date="2016-05-12", grade="三年级",
        class_name="3班", diagnosis="孤独症谱系障碍", strengths="喜欢拼图，视觉记忆好")
    again = services.students.get(student.id)
    assert again.full_name == "张小明"
    assert again.birth_date == date(2016, 5, 12)
    assert [(c.category, c.degree) for c in again.categories] == [
        ("autism", "moderate"), ("speech", "mild")]
    assert [(p.placement, p.start_date, p.end_date) for p in again.placements] == [
        ("regular_class_resource_room", date(2023, 9, 1), None)]
    assert again.status == "active" and again.archived is False
    assert again.strengths == "喜欢拼图，视觉记忆好"
    assert len(again.id) == 36  # a UUID that stays unique in another school's database


def test_missing_name_and_school(services):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create("", "   ")
    assert problems(excinfo) == {
        "full_name": "This field is required.",
        "school_id": "Choose the student's school.",
    }


def test_birth_date_in_the_future(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李想", birth_date="2027-01-05")
    assert problems(excinfo) == {
        "birth_date": "2027-01-05 is in the future. Check the year and the month."}


def test_date_that_is_not_a_date(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李想", birth_date="2016-13-01")
    assert problems(excinfo) == {"birth_date": "\"2016-13-01\" is not a date. Write it as "
                                               "YYYY-MM-DD, for example 2016-09-01."}


def test_year_too_early(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李想", birth_date="1016-03-01")
    assert problems(excinfo) == {"birth_date": "The year 1016 is too early."}


def test_enrolled_before_birth(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李想", birth_date="2016-03-01",
                                 enrolled_on="2015-09-01")
    assert problems(excinfo) == {"enrolled_on": "Enrolment (2015-09-01) is before the birth "
                                                "date (2016-03-01). Check both dates."}


def test_duplicate_student_number_in_a_school(services, school):
    services.students.create(school.id, "张小明", student_number="0301")
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "王芳", student_number="0301")
    assert problems(excinfo) == {"student_number": "Student number 0301 is already used by "
                                                   "张小明 in this school. Check the number."}


def test_same_number_allowed_in_another_school(services, school):
    other = services.schools.create_school("城北小学")
    services.students.create(school.id, "张小明", student_number="0301")
    assert services.students.create(other.id, "王芳", student_number="0301").student_number == "0301"


def test_unknown_choice_and_too_long_text(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李" * 101, sex="unknown")
    found = problems(excinfo)
    assert found["full_name"] == "Too long: at most 100 characters."
    assert found["sex"] == "\"unknown\" is not one of the choices: female, male."


def test_category_listed_twice(services, school):
    with pytest.raises(InvalidInput) as excinfo:
        services.students.create(school.id, "李想", categories=[("adhd", ""), ("adhd", "mild")])
    assert problems(excinfo) == {"categories": "The category adhd is listed twice."}


def test_edit_saves_and_counts_versions(services, school):
    student = services.students.create(school.id, "张小明")
    assert student.version == 1
    edited = services.students.update(student.id, {"grade": "四年级", "interests": "恐龙"})
    assert edited.version == 2
    assert services.students.get(student.id).interests == "恐龙"


def test_edit_with_a_bad_value_changes_nothing(services, school):
    student = services.students.create(school.id, "张小明", birth_date="2016-01-01")
    with pytest.raises(InvalidInput):
        services.students.update(student.id, {"birth_date": "2030-01-01", "grade": "五年级"})
    again = services.students.get(student.id)
    assert again.birth_date == date(2016, 1, 1) and again.grade == ""


def test_edit_from_an_old_copy_is_refused_not_overwritten(services, school):
    student = services.students.create(school.id, "张小明")
    services.students.update(student.id, {"needs": "first teacher's text"},
                             expected_version=student.version)
    with pytest.raises(EditConflict) as excinfo:
        services.students.update(student.id, {"needs": "second teacher's text"},
                                 expected_version=student.version)
    assert str(excinfo.value) == (
        "Someone else changed this file while you were editing it. Your text is kept; "
        "reload the file to see their change, then apply yours again.")
    assert services.students.get(student.id).needs == "first teacher's text"


def test_renaming_updates_the_pinyin_search_key(services, school):
    student = services.students.create(school.id, "张小明")
    assert "zxm" in student.name_latin
    assert "wf" in services.students.update(student.id, {"full_name": "王芳"}).name_latin


def test_archive_and_restore(services, school):
    student = services.students.create(school.id, "张小明")
    assert services.students.archive(student.id).archived is True
    assert services.students.restore(student.id).archived is False


def test_a_removed_file_says_so(services):
    with pytest.raises(NotFound) as excinfo:
        services.students.get("no-such-id")
    assert str(excinfo.value) == ("This student file no longer exists. It may have been "
                                  "removed in another window.")


def test_placement_history_follows_the_student(services, school):
    student = services.students.create(school.id, "张小明", placement="regular_class",
                                       placement_start="2022-09-01")
    services.students.change_placement(student.id, "regular_class_resource_room", "2023-09-01",
                                       "每周3次个训")
    history = services.students.get(student.id).placements
    assert [(p.placement, p.start_date, p.end_date, p.note) for p in history] == [
        ("regular_class", date(2022, 9, 1), date(2023, 8, 31), ""),
        ("regular_class_resource_room", date(2023, 9, 1), None, "每周3次个训"),
    ]


def test_placement_cannot_start_before_the_current_one(services, school):
    student = services.students.create(school.id, "张小明", placement="regular_class",
                                       placement_start="2022-09-01")
    with pytest.raises(InvalidInput) as excinfo:
        services.students.change_placement(student.id, "special_class", "2022-01-01")
    assert problems(excinfo) == {
        "start_date": "The new placement must start after the current one (2022-09-01)."}


def test_undoing_a_placement_change_reopens_the_old_one(services, school):
    student = services.students.create(school.id, "张小明", placement="regular_class",
                                       placement_start="2022-09-01")
    old = student.placements[0].id
    after = services.students.change_placement(student.id, "special_class", "2024-09-01")
    services.students.remove_placement(student.id, after.placements[-1].id, reopen=old)
    history = services.students.get(student.id).placements
    assert [(p.placement, p.end_date) for p in history] == [("regular_class", None)]


def test_placement_end_before_start(services, school):
    student = services.students.create(school.id, "张小明", placement="regular_class",
                                       placement_start="2022-09-01")
    with pytest.raises(InvalidInput) as excinfo:
        services.students.end_placement(student.id, "2021-06-30")
    assert problems(excinfo) == {"end_date": "The placement cannot end (2021-06-30) before "
                                             "it starts (2022-09-01)."}


def test_categories_replace_and_bump_the_version(services, school):
    student = services.students.create(school.id, "张小明", categories=[("autism", "mild")])
    edited = services.students.set_categories(student.id, [("adhd", "moderate")])
    assert [(c.category, c.degree) for c in edited.categories] == [("adhd", "moderate")]
    assert edited.version == 2


def test_guardians_added_edited_removed(services, school):
    student = services.students.create(school.id, "张小明")
    mother = services.students.add_guardian(student.id, name="李梅", relationship_="mother",
                                            phone="13800000001", primary_contact=True)
    services.students.update_guardian(mother.id, {"phone": "13800000002"})
    assert services.students.get(student.id).guardians[0].phone == "13800000002"
    kept = services.students.remove_guardian(mother.id)
    assert kept["name"] == "李梅" and services.students.get(student.id).guardians == []
    with pytest.raises(InvalidInput) as excinfo:
        services.students.add_guardian(student.id, name="")
    assert problems(excinfo) == {"name": "This field is required."}


def test_team_membership(services, school):
    student = services.students.create(school.id, "张小明")
    teacher = services.schools.create_person("王丽", title="资源教师")
    member = services.students.add_team_member(student.id, teacher.id, "resource_teacher",
                                               "2023-09-01")
    assert services.students.get(student.id).team[0].role == "resource_teacher"
    with pytest.raises(InvalidInput) as excinfo:
        services.students.add_team_member(student.id, teacher.id, "resource_teacher")
    assert problems(excinfo) == {"person_id": "This person already has this role on the team."}
    with pytest.raises(InvalidInput) as excinfo:
        services.students.add_team_member(student.id, "nobody", "therapist")
    assert problems(excinfo) == {"person_id": "Choose a person."}
    services.students.remove_team_member(member.id)
    assert services.students.get(student.id).team == []


def test_a_team_member_is_changed_and_changed_back(services, school):
    student = services.students.create(school.id, "张小明")
    member = services.students.add_team_member(student.id, None, "therapist", "2025-09-01",
                                               new_person="吴老师", new_person_title="康复师",
                                               new_person_phone="13700000000")
    before = services.students.update_team_member(member.id, {
        "role": "expert", "since": "2026-02-01", "title": "言语治疗师", "phone": "0571-1234"})
    person = services.schools.get_person(member.person_id)
    team = services.students.get(student.id).team
    assert [(m.role, str(m.since)) for m in team] == [("expert", "2026-02-01")]
    assert (person.title, person.phone) == ("言语治疗师", "0571-1234")
    services.students.update_team_member(member.id, before)  # undo
    person = services.schools.get_person(member.person_id)
    assert services.students.get(student.id).team[0].role == "therapist"
    assert (person.title, person.phone) == ("康复师", "13700000000")
    with pytest.raises(InvalidInput) as excinfo:
        services.students.update_team_member(member.id, {"since": "2026-13-01"})
    assert "since" in problems(excinfo)


def test_whoever_makes_a_file_is_on_its_team_as_its_resource_teacher(services, school):
    from iep_studio.core.access import Actor

    teacher = services.schools.create_person("王丽")
    services.store.actor = Actor("acc-wang", "王丽", "administrator", teacher.id)
    student = services.students.create(school.id, "林小雨")
    assert [(m.person_id, m.role) for m in student.team] == [(teacher.id, "resource_teacher")]
    assert services.students.any()


def test_person_needs_a_name(services):
    with pytest.raises(InvalidInput) as excinfo:
        services.schools.create_person(" ")
    assert problems(excinfo) == {"full_name": "This field is required."}


def test_school_needs_a_name(services):
    with pytest.raises(InvalidInput) as excinfo:
        services.schools.create_school("")
    assert problems(excinfo) == {"name": "This field is required."}


def test_a_save_waits_for_another_window_that_is_writing(services, school, data_paths):
    """Two windows on one file: the second save waits for the first instead of failing."""
    import sqlite3
    import threading
    import time

    student = services.students.create(school.id, "张小明")
    other = sqlite3.connect(data_paths.database, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Thread(target=lambda: (time.sleep(0.5), other.execute("COMMIT"))).start()
    services.students.update(student.id, {"needs": "座位靠前"})
    assert services.students.get(student.id).needs == "座位靠前"
    other.close()


def test_removed_entries_come_back_under_their_own_id(services, school):
    student = services.students.create(school.id, "张小明")
    guardian = services.students.add_guardian(student.id, name="李梅")
    kept = services.students.remove_guardian(guardian.id)
    assert services.students.add_guardian(student.id, **kept).id == guardian.id
    services.students.update_guardian(guardian.id, {"phone": "1"})  # later steps still work
    person = services.schools.create_person("王丽")
    member = services.students.add_team_member(student.id, person.id, "therapist")
    kept = services.students.remove_team_member(member.id)
    assert services.students.add_team_member(student.id, **kept).id == member.id
    assessment = services.assessments.add(student.id, "CARS", "2024-01-01")
    kept = services.assessments.remove(assessment.id)
    assert services.assessments.add(student.id, **kept).id == assessment.id


def test_a_refused_form_leaves_no_new_school_or_person(services, school):
    with pytest.raises(InvalidInput):
        services.students.create(None, "", new_school="城东小学")
    assert [s.name for s in services.schools.list_schools()] == ["城南小学"]
    created = services.students.create(None, "李想", new_school="城东小学")
    assert services.students.get(created.id).school_id != school.id
    with pytest.raises(InvalidInput):
        services.students.add_team_member(created.id, None, "therapist", since="2024-13-01",
                                          new_person="赵老师")
    assert services.schools.list_people() == []
    member = services.students.add_team_member(created.id, None, "therapist",
                                               new_person="赵老师", new_person_title="康复师")
    assert [(p.id, p.title) for p in services.schools.list_people()] == [
        (member.person_id, "康复师")]


def test_drafts_keep_text_as_typed_and_never_raise(tmp_path):
    from iep_studio.core.drafts import Draft, Drafts, as_text

    drafts = Drafts(tmp_path / "drafts")
    drafts.keep(Draft("student", "s1", "birth_date", "出生日期", "张小明", "2016-05-1",
                      account_id="a1"))
    drafts.keep(Draft("student", "s1", "birth_date", "出生日期", "张小明", "2016-05-12",
                      account_id="a1"))  # the same field: replaced
    drafts.keep(Draft("student", "s1", "needs", "需求", "张小明", "安静", account_id="a2"))
    assert [d.text for d in drafts.all("a1")] == ["2016-05-12"]
    assert [d.text for d in drafts.all("a2")] == ["安静"]
    from datetime import date

    assert as_text(date(2016, 5, 12)) == "2016-05-12" and as_text(None) == "" \
        and as_text(3) == "3"
