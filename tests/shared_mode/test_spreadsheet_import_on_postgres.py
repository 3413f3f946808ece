"""Importing a list of students on a PostgreSQL server: every test of
tests/core/test_spreadsheet_import.py again (this directory's `store` is a server
database), the one transaction of the good rows included."""
from __future__ import annotations

import pytest

from iep_studio.core.errors import IepStudioError
from tests.core.test_spreadsheet_import import *  # noqa: F401,F403 - the same tests, on the server


def test_a_teacher_signed_in_as_themselves_imports_onto_their_own_team(
        client_url, services, team, another_child, tmp_path):
    """王丽 (a resource teacher) imports with her own login: the new files are on her team,
    so she sees them; a number used by a child whose file she cannot see is refused by
    the server, and then nothing is imported."""
    from iep_studio.core.services.search import load_summaries
    from tests.core.test_spreadsheet_import import counts, roster
    from tests.shared_mode.test_server_privacy import signed_in

    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        school = team.student.school_id
        path = roster(tmp_path / "名单.xlsx", ["姓名", "学号"], [["周八", "0100"], ["吴九", "0101"]])
        preview = wang.rosters.preview(wang.rosters.read(path), school_id=school)
        report = wang.rosters.import_rows(preview)
        assert sorted(s.full_name for s in load_summaries(wang.store)) == [
            "吴九", "周八", "张小明"]
        assert all(m.person_id == team.teacher for i in report.student_ids
                   for m in wang.students.get(i).team)
        # 李四 (0002) is not on her team: she cannot see the number is taken.
        hidden = roster(tmp_path / "hidden.xlsx", ["姓名", "学号"], [["郑十", "0102"],
                                                                    ["冯十一", "0002"]])
        preview = wang.rosters.preview(wang.rosters.read(hidden), school_id=school)
        assert len(preview.good) == 2
        before = counts(services)
        with pytest.raises(IepStudioError) as refused:
            wang.rosters.import_rows(preview)
        assert str(refused.value) == (
            "Nothing was imported: row 4 was refused (Student number 0002 is already used in "
            "this school, perhaps by a file you cannot open. Check the number, or ask the "
            "administrator.). Look at the rows again, then import.")
        assert counts(services) == before
    finally:
        wang.store.dispose()
