"""Reads on the shared server: a reading transaction sees the last committed state while
another person's write is under way, and refuses to write."""
from __future__ import annotations

import pytest

from iep_studio.core.model import School, Student
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store.database import ReadingSessionWrite


def test_reading_goes_on_during_another_persons_write_and_never_writes(
        services, team, second_store):
    student = team.student
    with second_store.session() as importing:  # their write holds the student's row
        importing.get(Student, student.id).grade = "四年级"
        importing.add(Student(school_id=student.school_id, full_name="李新来",
                              name_latin="li xin lai", status="active"))
        importing.flush()
        assert [row.full_name for row in load_summaries(services.store)] == ["张小明"]
        assert services.students.get(student.id).grade == ""
        with pytest.raises(ReadingSessionWrite):
            with services.store.reading() as s:
                s.add(School(name="不该保存的学校"))
    assert services.students.get(student.id).grade == "四年级"
    assert [school.name for school in services.schools.list_schools()] == ["城南小学"]
