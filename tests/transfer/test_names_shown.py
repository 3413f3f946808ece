"""What a preview or a refusal shows of the children already here: only those the reader
may see. A resource teacher on a shared server sees the students whose team they are on;
a file that matches another child still cannot come in twice, but that child's name does
not show."""
from __future__ import annotations

import pytest

from iep_studio.core.access.rules import Actor
from iep_studio.core.transfer.export import export_student
from iep_studio.core.transfer.import_ import AlreadyHere, import_package, preview
from tests.transfer.conftest import fingerprint, repack, unpacked


@pytest.fixture
def hidden(services, team, school):
    """李四 in the same school, on no team of 王丽's; his file, exported before he was
    renamed 李小四 here; and 王丽 signed in on a shared server."""
    other = services.students.create(school.id, "李四", student_number="0002",
                                     birth_date="2016-01-01")
    his_file = export_student(services.store, other.id)
    services.students.update(other.id, {"full_name": "李小四"})
    services.store.restricted_to_team = True
    services.store.actor = Actor("a1", "王丽", "resource_teacher", team.teacher)
    return his_file


def test_the_preview_of_a_file_already_here_does_not_name_a_child_one_may_not_see(
        services, school, hidden):
    seen = preview(services.store, hidden, school_id=school.id)
    assert seen.same_file is None and seen.same_number == []
    assert seen.needs_copy and seen.records_here == 1  # it cannot come in twice all the same
    assert "李小四" not in repr(seen)


def test_refusals_do_not_name_a_child_one_may_not_see(services, school, hidden, valid_raw):
    before = fingerprint(services.store)
    with pytest.raises(AlreadyHere) as refused:
        import_package(services.store, hidden, school.id)
    assert str(refused.value) == (
        "Some records in This file are already in this database (was the file imported "
        "before?). Import it as a copy to keep both.")

    # Another child's file with the same student number as 李小四.
    manifest, data = unpacked(valid_raw)
    data["student"][0]["student_number"] = "0002"
    manifest["student"]["student_number"] = "0002"
    with pytest.raises(AlreadyHere) as refused:
        import_package(services.store, repack(manifest, data), school.id)
    assert str(refused.value) == (
        "城南小学 already has a student with the number 0002, on a team you are not on. Ask "
        "the administrator which of the two numbers to change, then import again.")
    assert fingerprint(services.store) == before


def test_an_administrator_is_told_whose_file_it_is(services, team, school, hidden):
    services.store.actor = Actor("a2", "陈校长", "administrator", team.principal)
    seen = preview(services.store, hidden, school_id=school.id)
    assert (seen.same_file.full_name, seen.same_file.school_name) == ("李小四", "城南小学")
    with pytest.raises(AlreadyHere) as refused:
        import_package(services.store, hidden, school.id)
    assert str(refused.value).startswith("李小四 is already in this database, in 城南小学.")
