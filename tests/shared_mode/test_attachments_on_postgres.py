"""A child's attached files on the shared server: another team's teacher, signed in as
their own login, can neither list nor read them, even with the app's own rule set aside;
a team member reads them and cannot add any."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from iep_studio.core.access import PermissionDenied
from iep_studio.core.services import Services
from iep_studio.core.services.sign_in import open_own_login
from tests.conftest import TODAY
from tests.sample_files import pdf, png


@pytest.fixture
def files(services, team, another_child):
    """李四's diagnosis and 张小明's work sample, attached; accounts for the principal, for
    刘老师 (on 张小明's team) and for 王丽, a resource teacher on 张小明's team only."""
    services.accounts.create_first("chen", "陈校长", "secret-admin", person_id=team.principal)
    services.accounts.create("liu", "刘老师", "team_member", "secret-liu",
                             person_id=team.head_teacher)
    services.accounts.create("wang", "王丽", "resource_teacher", "secret-wang",
                             person_id=team.teacher)
    theirs = services.attachments.add(another_child["student"].id, "癫痫诊断.pdf", pdf(1),
                                      kind="diagnosis")
    mine = services.attachments.add(team.student.id, "作品.png", png(), kind="work_sample")
    return theirs, mine, another_child["student"]


def signed_in(client_url, username, password) -> Services:
    return Services(open_own_login(client_url, username, password), today=lambda: TODAY)


def test_another_teams_teacher_cannot_list_or_read_a_childs_files(client_url, files):
    theirs, mine, other_child = files
    wang = signed_in(client_url, "wang", "secret-wang")
    try:
        assert wang.attachments.for_student(other_child.id) == []
        with pytest.raises(PermissionDenied):
            wang.attachments.content(theirs.id)
        with pytest.raises(PermissionDenied):
            wang.attachments.add(other_child.id, "more.png", png((2, 2)))
        # The server itself hides them: with the app's rule set aside, and in plain SQL.
        program = Services(wang.store.acting_as(None), today=lambda: TODAY)
        assert program.attachments.for_student(other_child.id) == []
        with wang.store.session() as s:
            seen = s.execute(text("SELECT id, student_id FROM attachment")).all()
        assert [row.id for row in seen] == [mine.id]
        # Their own child's files are theirs to read and to add to.
        assert wang.attachments.content(mine.id) == program.attachments.content(mine.id)
        wang.attachments.add(mine.student_id, "第二张.png", png((10, 10), (0, 200, 0)))
    finally:
        wang.store.dispose()


def test_a_team_member_reads_the_childs_files_and_adds_none(services, client_url, files):
    _theirs, mine, _other = files
    liu = signed_in(client_url, "liu", "secret-liu")
    try:
        assert [a.file_name for a in liu.attachments.for_student(mine.student_id)] == ["作品.png"]
        assert liu.attachments.preview(mine.id)[1] == 1
        with pytest.raises(PermissionDenied):
            liu.attachments.add(mine.student_id, "photo.png", png((12, 12)))
        with pytest.raises(PermissionDenied):
            liu.attachments.remove(mine.id)
    finally:
        liu.store.dispose()
    assert [a.file_name for a in services.attachments.for_student(mine.student_id)] == [
        "作品.png"]
