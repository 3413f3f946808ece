"""Reads never wait for writes: while another window holds a long write transaction (an
import), this one lists, opens and searches students; a write that has to wait for the
other says so plainly, after a bounded wait."""
from __future__ import annotations

import pytest

from iep_studio.core.errors import StorageError
from iep_studio.core.model import School, Student
from iep_studio.core.services.search import StudentFilter, load_summaries, search
from iep_studio.core.store import database, open_store


@pytest.fixture
def another_window(data_paths):
    store = open_store(data_paths.database_url)
    yield store
    store.dispose()


def test_students_are_listed_opened_and_searched_while_another_window_imports(
        services, team, complete_plan, another_window, monkeypatch):
    # Any wait for the writer fails at once, so a read that took the write lock could not
    # pass unnoticed (the real wait is seconds).
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50, raising=False)
    services.store.dispose()  # new connections, with the short wait
    student = team.student
    with another_window.session() as importing:  # BEGIN IMMEDIATE: the write lock is held
        importing.add(Student(school_id=student.school_id, full_name="李新来",
                              name_latin="li xin lai", status="active"))
        importing.add(School(name="转入学校"))
        importing.flush()
        listed = load_summaries(services.store)
        assert [row.full_name for row in listed] == ["张小明"]  # the last committed state
        assert [row.id for row in search(listed, StudentFilter(query="张"))] == [student.id]
        assert services.students.get(student.id).guardians[0].name == "李梅"
        assert [plan.id for plan in services.plans.for_student(student.id)] == [
            complete_plan.id]
        assert services.plans.get(complete_plan.id).goals[0].objectives[0].measurement == (
            "观察记录")
        assert any(change.after == "张小明" for change in services.history.for_student(
            student.id))
        assert [name for name in (s.name for s in services.schools.list_schools())] == [
            "城南小学"]
        with pytest.raises(StorageError) as busy:
            services.students.update(student.id, {"grade": "四年级"})
        assert str(busy.value) == ("The database is busy in another window or program. "
                                   "Wait a moment and try again; your text is kept.")
    assert sorted(row.full_name for row in load_summaries(services.store)) == [
        "张小明", "李新来"]  # committed: now everyone sees it
    assert services.students.get(student.id).grade == ""  # the refused write left nothing


def test_a_write_in_a_reading_transaction_is_refused_as_a_bug(services, team):
    with pytest.raises(database.ReadingSessionWrite):
        with services.store.reading() as s:
            s.get(Student, team.student.id).full_name = "张大明"
    with pytest.raises(database.ReadingSessionWrite):
        with services.store.reading() as s:
            s.add(School(name="不该保存的学校"))
            s.flush()
    assert services.students.get(team.student.id).full_name == "张小明"
    assert [school.name for school in services.schools.list_schools()] == ["城南小学"]
