"""The district coordinator (区域特教指导员): reads every file of the schools the
administrator gives them, and writes case-guidance notes there, nothing else."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from iep_studio.core.access import PermissionDenied
from iep_studio.core.errors import InvalidInput, NotFound
from iep_studio.core.services import Services
from iep_studio.core.services.accounts import actor_of
from iep_studio.core.services.search import load_summaries
from iep_studio.core.transfer.export import export_student
from iep_studio.core.transfer.import_ import import_package

ROLE_REFUSED = ("Your account's role does not allow this change. Nothing was saved; ask a "
                "resource teacher or the administrator.")
HIDDEN = ("This record cannot be opened: it has been removed, or it belongs to a student "
          "whose team you are not on. Nothing was changed; refresh the list, or ask the "
          "administrator to add you to the team.")
NOT_ON_TEAM = ("You are not on this student's team, so their file is closed to you. Nothing "
               "was changed; ask the administrator to add you to the team.")


@pytest.fixture
def district(services, school, team, another_child):
    """城南小学 (张小明, 李四) and 城北小学 (王五, with a plan and an observation); the
    principal's administrator account, and 周老师, a coordinator following 城南小学."""
    north = services.schools.create_school("城北小学", code="CB02")
    wang = services.students.create(north.id, "王五", sex="male", birth_date="2015-01-09",
                                    categories=[("autism", "mild")],
                                    placement="regular_class_resource_room",
                                    placement_start="2025-09-01")
    plan = services.plans.create(wang.id, "2026-09-01", "2027-01-31", title="王五的计划")
    goal = services.plans.add_goal(plan.id, "social", "等待轮流")
    objective = services.plans.add_objective(goal.id, {"behaviour": "排队等待"})
    services.observations.log(wang.id, objective.id, "II", observed_on=date(2026, 11, 20))
    services.accounts.create_first("chen", "陈校长", person_id=team.principal)
    zhou = services.accounts.create("zhou", "周老师", "district_coordinator",
                                    followed_schools=[school.id])
    services.accounts.create("zheng", "郑老师", "district_coordinator",
                             followed_schools=[north.id])
    return SimpleNamespace(south=school, north=north, wang=wang, wang_plan=plan,
                           wang_objective=objective, zhou=zhou, zhang=team.student,
                           li=another_child["student"], li_plan=another_child["plan"],
                           li_objective=another_child["objective"])


def sign_in(services, username: str) -> None:
    services.store.actor = None  # the program notes the sign-in, as the window does
    services.store.actor = services.accounts.sign_in(username, "")


def as_administrator(services) -> None:
    sign_in(services, "chen")


def test_a_coordinator_reads_the_schools_they_follow_and_nothing_of_another(services, district):
    sign_in(services, "zhou")
    d = district
    assert sorted(s.full_name for s in load_summaries(services.store)) == ["张小明", "李四"]
    assert services.students.get(d.li.id).diagnosis == "癫痫"  # the whole file, to read
    assert [p.title for p in services.plans.for_student(d.li.id)] == ["李四的计划"]
    assert len(services.observations.for_student(d.li.id)) == 1
    assert services.history.for_student(d.li.id)
    with pytest.raises(PermissionDenied, match=NOT_ON_TEAM):
        services.students.get(d.wang.id)
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.plans.get(d.wang_plan.id)
    assert services.plans.for_student(d.wang.id) == []
    assert services.observations.for_student(d.wang.id) == []
    assert services.history.for_student(d.wang.id) == []
    # The overview counts only the children of the school followed.
    by_school = {f.label("zh_CN"): f.count for f in services.overview.counts("school")
                 if f.count}
    assert by_school == {"城南小学": 2}
    assert services.overview.view().total.count == 2
    for figure in services.overview.counts("category"):  # every list behind a figure
        assert {c.school_name for c in services.overview.children(figure.key)} <= {"城南小学"}
    figure = next(f for f in services.overview.counts("school") if f.count)
    assert sorted(c.full_name for c in services.overview.children(figure.key)) == [
        "张小明", "李四"]


def test_a_coordinator_writes_a_guidance_note_in_their_own_name(services, district):
    sign_in(services, "zhou")
    note = services.guidance.add(district.li.id, {
        "occasion": "到校视导", "seen": "课间能向同伴问好一次", "guidance": "增加同伴互动的机会",
        "follow_up": "两周后电话了解", "follow_up_by": "2026-12-06"})
    assert (note.given_by, note.given_on) == ("周老师", date(2026, 11, 22))
    assert [n.guidance for n in services.guidance.for_student(district.li.id)] == [
        "增加同伴互动的机会"]
    entry = next(c for c in services.history.for_student(district.li.id)
                 if c.kind == "case_guidance" and c.field == "guidance")
    assert entry.actor == "周老师"
    assert entry.row("zh_CN")[2:5] == ["个案指导记录", "新增", "指导意见"]
    # The note can be corrected and taken back (undo) by its writer.
    services.guidance.update(note.id, {"follow_up_by": "2026-12-10"})
    kept = services.guidance.remove(note.id)
    assert services.guidance.for_student(district.li.id) == []
    services.guidance.restore(kept)
    assert services.guidance.for_student(district.li.id)[0].follow_up_by == date(2026, 12, 10)


def test_a_coordinator_changes_nothing_else(services, district):
    d = district
    sign_in(services, "zhou")
    refused = [
        lambda: services.students.update(d.li.id, {"diagnosis": "无"}),
        lambda: services.plans.update(d.li_plan.id, {"title": "改过"}),
        lambda: services.observations.log(d.li.id, d.li_objective.id, "I",
                                          observed_on=date(2026, 11, 21)),
        lambda: services.schools.update_school(d.south.id, {"name": "改名小学"}),
        lambda: services.accounts.set_followed_schools(d.zhou.id, [d.south.id, d.north.id]),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied, match=ROLE_REFUSED):
            attempt()
    # Not even a guidance note on a child of a school not followed.
    with pytest.raises(PermissionDenied, match=HIDDEN):
        services.guidance.add(d.wang.id, {"guidance": "多鼓励"})
    as_administrator(services)
    assert services.students.get(d.li.id).diagnosis == "癫痫"
    assert services.plans.get(d.li_plan.id).title == "李四的计划"
    assert len(services.observations.for_student(d.li.id)) == 1
    assert [s.name for s in services.schools.list_schools()] == ["城北小学", "城南小学"]
    assert services.accounts.followed_schools(d.zhou.id) == [d.south.id]
    assert services.guidance.for_student(d.wang.id) == []


def test_a_resource_teacher_cannot_choose_a_coordinator_s_schools(services, district, team):
    services.accounts.create("wang", "王丽", "resource_teacher", person_id=team.teacher)
    sign_in(services, "wang")
    with pytest.raises(PermissionDenied, match=ROLE_REFUSED):
        services.accounts.set_followed_schools(district.zhou.id, [])
    # A resource teacher writes guidance notes on their own students too.
    note = services.guidance.add(district.zhang.id, {"guidance": "继续视觉提示"})
    assert note.given_by == "王丽"


def test_the_administrator_s_changes_take_effect_at_the_next_read(services, district):
    d = district
    as_administrator(services)
    services.accounts.set_followed_schools(d.zhou.id, [d.south.id, d.north.id])
    sign_in(services, "zhou")
    assert len(load_summaries(services.store)) == 3
    # The administrator, at another computer, takes 城南小学 off the list: the same
    # signed-in coordinator's next read no longer finds its children.
    chen = next(a for a in services.accounts.list() if a.username == "chen")
    admin = services.store.acting_as(actor_of(chen))
    Services(admin, clock=services.clock).accounts.set_followed_schools(d.zhou.id, [d.north.id])
    assert [s.full_name for s in load_summaries(services.store)] == ["王五"]
    with pytest.raises(PermissionDenied):
        services.guidance.add(d.li.id, {"guidance": "多鼓励"})
    # A change of role: no longer a coordinator, no school's files.
    Services(admin, clock=services.clock).accounts.update(d.zhou.id, role="read_only")
    assert load_summaries(services.store) == []
    # Remembered: a coordinator again, the same school again.
    Services(admin, clock=services.clock).accounts.update(d.zhou.id, role="district_coordinator")
    assert [s.full_name for s in load_summaries(services.store)] == ["王五"]


def test_an_empty_list_or_a_school_gone_is_handled(services, district):
    d = district
    as_administrator(services)
    assert services.accounts.set_followed_schools(d.zhou.id, []) == []
    assert services.accounts.followed_schools(d.zhou.id) == []
    with pytest.raises(NotFound) as excinfo:
        services.accounts.set_followed_schools(d.zhou.id, [d.north.id, "gone"])
    assert str(excinfo.value) == ("A school you chose no longer exists. Nothing was saved; "
                                  "the list of schools has been refreshed, choose again.")
    assert services.accounts.followed_schools(d.zhou.id) == []
    sign_in(services, "zhou")
    assert load_summaries(services.store) == []


def test_a_note_is_checked_as_a_received_file_s_note_is(services, district):
    with pytest.raises(InvalidInput) as excinfo:
        services.guidance.add(district.zhang.id, {"given_on": "2026-12-01", "guidance": " ",
                                                  "given_by": "周" * 101,
                                                  "occasion": "到" * 201})
    problems = {p.field: p.message for p in excinfo.value.problems}
    assert problems == {
        "given_on": "{date} is in the future. Check the year and the month.",
        "guidance": "This field is required.",
        "given_by": "Too long: at most {limit} characters.",
        "occasion": "Too long: at most {limit} characters."}


def test_follow_ups_come_due_and_a_later_note_closes_them(services, district):
    d = district
    services.guidance.add(d.zhang.id, {"given_on": "2026-11-01", "guidance": "练习等待",
                                       "follow_up": "再看一次课间", "follow_up_by": "2026-11-15"})
    services.guidance.add(d.li.id, {"given_on": "2026-11-10", "guidance": "增加互动",
                                    "follow_up_by": "2026-12-01"})
    assert [(f.student_name, f.follow_up) for f in services.guidance.due()] == [
        ("张小明", "再看一次课间")]
    assert [f.student_name for f in services.guidance.due(date(2026, 12, 1))] == [
        "张小明", "李四"]
    reminders = services.reminders.for_caseload(None)
    assert [(r.student_name, r.when) for r in reminders if r.kind == "guidance_follow_up"] == [
        ("张小明", date(2026, 11, 15))]
    # The next visit's note is where the follow-up was seen to.
    services.guidance.add(d.zhang.id, {"given_on": "2026-11-20", "guidance": "已能等待"})
    assert services.guidance.due() == []


def test_a_coordinator_s_note_travels_with_the_file(services, district, tmp_path):
    from iep_studio.core.store import open_store
    from tests.conftest import TODAY

    sign_in(services, "zhou")
    services.guidance.add(d_li := district.li.id, {"guidance": "增加同伴互动的机会",
                                                   "occasion": "到校视导"})
    as_administrator(services)
    raw = export_student(services.store, d_li)
    store = open_store(f"sqlite:///{tmp_path / 'elsewhere.sqlite'}")
    try:
        elsewhere = Services(store, today=lambda: TODAY)
        school = elsewhere.schools.create_school("城北小学")
        result = import_package(store, raw, school.id)
        [note] = elsewhere.guidance.for_student(result.student_id)
        assert (note.given_by, note.occasion, note.guidance) == (
            "周老师", "到校视导", "增加同伴互动的机会")
    finally:
        store.dispose()


def test_a_note_is_changed_only_by_whoever_wrote_it(services, district, team):
    """The district's advice stays as the coordinator wrote it: the school's resource
    teacher (who may write notes of their own) neither rewrites nor removes it, and the
    coordinator does not rewrite the teacher's; the administrator may correct either."""
    d = district
    services.accounts.create("wang", "王丽", "resource_teacher", person_id=team.teacher)
    sign_in(services, "zhou")
    advice = services.guidance.add(d.zhang.id, {"guidance": "课上座位靠近教师",
                                             "follow_up_by": "2026-12-06"})
    sign_in(services, "wang")
    refused = ("A guidance note is changed or removed only by whoever wrote it, or by the "
               "administrator. Nothing was changed; write a note of your own instead.")
    with pytest.raises(PermissionDenied, match=refused):
        services.guidance.update(advice.id, {"follow_up_by": "2027-03-01"})
    with pytest.raises(PermissionDenied, match=refused):
        services.guidance.remove(advice.id)
    own = services.guidance.add(d.zhang.id, {"guidance": "已调整座位，继续观察"})
    services.guidance.update(own.id, {"follow_up": "下周反馈"})
    sign_in(services, "zhou")
    with pytest.raises(PermissionDenied, match=refused):
        services.guidance.remove(own.id)
    assert sorted(n.guidance for n in services.guidance.for_student(d.zhang.id)) == [
        "已调整座位，继续观察", "课上座位靠近教师"]
    assert services.guidance.for_student(d.zhang.id)[-1].follow_up_by == date(2026, 12, 6)
    as_administrator(services)
    services.guidance.update(advice.id, {"follow_up_by": "2026-12-20"})
    assert {n.guidance: n.follow_up_by for n in services.guidance.for_student(d.zhang.id)}[
        "课上座位靠近教师"] == date(2026, 12, 20)


def test_a_turned_off_coordinator_sees_no_file(services, district):
    d = district
    as_administrator(services)
    services.accounts.update(d.zhou.id, active=False)
    # Still signed in at another computer: the next read finds nothing, and no note goes in.
    services.store.actor = None
    services.store.actor = actor_of(next(a for a in services.accounts.list()
                                         if a.username == "zhou"))
    assert load_summaries(services.store) == []
    with pytest.raises(PermissionDenied):
        services.guidance.add(d.li.id, {"guidance": "多鼓励"})
