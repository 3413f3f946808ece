"""From referral to placement: the district's steps (shipped defaults until it sets its
own), each child's dated steps, where the child stands, and the refusals a teacher meets.
tests/shared_mode/test_intake_on_postgres.py runs these on a PostgreSQL server."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import InvalidInput
from iep_studio.core.intake_steps import Step, StepsFileBroken, shipped_steps
from iep_studio.core.model import IntakeRecord, IntakeStep
from iep_studio.core.overview import make_key
from tests.conftest import TODAY


def in_referral(services, school, name="陈小雨"):
    """A child whose file begins before placement."""
    return services.students.create(school.id, name, grade="一年级", class_name="3班")


def rows(standing, language="zh"):
    return [(row.name(language), row.record.done_on.isoformat() if row.record else "",
             row.missing) for row in standing.rows]


def step_rows(services) -> int:
    with services.store.reading() as s:
        return s.scalar(select(func.count()).select_from(IntakeStep))


def test_the_shipped_steps_are_read_without_being_written(services):
    steps = services.intake.steps()
    assert [s.key for s in steps] == ["referral", "consent", "screening", "diagnosis",
                                      "committee", "placement", "teacher"]
    assert [s.status("zh") for s in steps] == ["已转介", "家长已同意", "已筛查", "已诊断",
                                              "已鉴定", "已安置", "已落实教师"]
    assert steps[0].guidance("zh").startswith("班主任提出转介，附至少两个学期的观察记录")
    assert steps[4].status("en") == "Committee decided" and not steps[4].required
    assert all(s.required for s in steps if s.key != "committee")
    assert all(s.name("en") and s.guidance("en") for s in steps)
    assert step_rows(services) == 0  # a resource teacher may read them as well


def test_where_a_child_stands_what_is_missing_and_what_comes_next(services, school):
    child = in_referral(services, school)
    standing = services.intake.where(child.id, "zh")
    assert (standing.status, standing.missing, standing.next_step.key) == (
        "尚无步骤记录", (), "referral")
    assert services.intake.where(child.id, "en").status == "No step recorded"

    services.intake.record(child.id, "referral", "2026-09-05", "刘老师",
                           note="两个学期的观察记录已附")
    services.intake.record(child.id, "screening", "2026-10-12", "王丽")
    standing = services.intake.where(child.id, "zh")
    assert standing.status == "已筛查"
    assert [s.name("zh") for s in standing.missing] == ["家长书面同意"]
    assert standing.next_step.name("zh") == "医院诊断"
    assert rows(standing)[:4] == [("班主任转介", "2026-09-05", False),
                                  ("家长书面同意", "", True),
                                  ("学校筛查与分析", "2026-10-12", False),
                                  ("医院诊断", "", False)]
    assert services.intake.where(child.id, "en").status == "Screened"

    # The committee is taken only where needed: placement after a diagnosis misses nothing.
    services.intake.record(child.id, "consent", "2026-09-20")
    services.intake.record(child.id, "diagnosis", "2026-11-02")
    services.intake.record(child.id, "placement", "2026-11-20")
    standing = services.intake.where(child.id, "zh")
    assert (standing.status, standing.missing, standing.next_step.key) == (
        "已安置", (), "teacher")
    services.intake.record(child.id, "teacher", TODAY)
    assert services.intake.where(child.id, "en").next_step is None


def test_a_step_is_dated_by_whom_and_changed_removed_and_restored(services, school, team):
    child = in_referral(services, school)
    step = services.intake.record(child.id, "referral")  # today; nobody signed in
    assert (step.done_on, step.done_by, step.step_name) == (TODAY, "", "班主任转介")
    services.students.add_team_member(child.id, team.teacher, "resource_teacher",
                                      "2026-09-01")
    services.store.actor = Actor("acc-wang", "王丽(账户)", "resource_teacher", team.teacher)
    consent = services.intake.record(child.id, "consent", "2026-09-20")
    assert consent.done_by == "王丽"  # the signed-in person, by their name on the team
    services.intake.update(consent.id, {"note": "母亲签字", "done_by": "王丽、刘老师"})
    assert [(r.step_key, r.done_by, r.note) for r in services.intake.for_student(child.id)] \
        == [("consent", "王丽、刘老师", "母亲签字"), ("referral", "", "")]
    kept = services.intake.remove(consent.id)
    assert services.intake.where(child.id, "zh").status == "已转介"
    services.intake.restore(kept)
    assert services.intake.where(child.id, "zh").status == "家长已同意"


def test_refusals_no_date_a_future_date_an_unknown_or_repeated_step(services, school):
    child = in_referral(services, school)
    step = services.intake.record(child.id, "referral", "2026-09-05")
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.update(step.id, {"done_on": ""})
    assert (excinfo.value.problems[0].field, str(excinfo.value)) == (
        "done_on", "This field is required.")
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.record(child.id, "consent", date(2026, 12, 1))
    assert str(excinfo.value) == "2026-12-01 is in the future. Check the year and the month."
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.record(child.id, "iq_test", "2026-10-01")
    assert str(excinfo.value) == (
        "\"iq_test\" is not one of the district's steps from referral to placement. "
        "Choose a step from the list.")
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.record(child.id, "", "2026-10-01")
    assert excinfo.value.problems[0].field == "step_key"
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.record(child.id, "referral", "2026-10-01")
    assert str(excinfo.value) == ("This step is already recorded for this child (on "
                                  "2026-09-05). Change that entry instead.")
    with pytest.raises(InvalidInput):
        services.intake.record(child.id, "consent", "2026-10-01", done_by="王" * 101)
    assert [r.step_key for r in services.intake.for_student(child.id)] == ["referral"]


def test_the_district_sets_its_steps_and_a_named_step_is_retired(services, school):
    child = in_referral(services, school)
    services.intake.record(child.id, "referral", "2026-09-05")
    services.intake.record(child.id, "committee", "2026-10-30")
    steps = services.intake.steps()
    # The district drops the committee (records name it) and the hospital (none does),
    # and adds a home visit before the screening.
    visit = Step("home_visit", "入户了解", "Home visit", "已家访", "Family visited")
    kept = [s for s in steps if s.key not in ("committee", "diagnosis")]
    kept.insert(2, visit)
    saved = services.intake.save_steps(kept)
    assert [(s.key, s.retired) for s in saved] == [
        ("referral", False), ("consent", False), ("home_visit", False), ("screening", False),
        ("placement", False), ("teacher", False), ("committee", True)]
    assert step_rows(services) == 7  # the defaults, changed, written with the first save
    standing = services.intake.where(child.id, "zh")
    # A retired step's record still shows, but the child is where the steps followed now
    # put them; nor is it asked for.
    assert rows(standing)[-1] == ("专家委员会评估认定", "2026-10-30", False)
    assert "医院诊断" not in [row[0] for row in rows(standing)]
    assert (standing.status, standing.missing, standing.next_step.key) == (
        "已转介", (), "consent")
    assert [f.label("zh") for f in services.overview.counts("process")] == [
        "尚无步骤记录", "已转介", "家长已同意", "已家访", "已筛查", "已安置", "已落实教师"]
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.record(child.id, "diagnosis", "2026-11-01")
    assert "is not one of the district's steps" in str(excinfo.value)
    # Saved again as it is: the retired step keeps its place after the others.
    again = services.intake.save_steps(services.intake.steps())
    assert [(s.key, s.retired) for s in again] == [(s.key, s.retired) for s in saved]
    # A list with no step followed is refused, and the steps stay as they were.
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.save_steps([])
    assert str(excinfo.value) == (
        "Keep at least one step that is followed: with none, no file could show where a "
        "child is between referral and placement.")
    assert [s.key for s in services.intake.steps()] == [s.key for s in saved]


def test_the_steps_need_their_own_keys_and_a_name(services):
    steps = services.intake.steps()
    twice = [*steps, Step("referral", "再次转介")]
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.save_steps(twice)
    assert (excinfo.value.problems[0].field, str(excinfo.value)) == (
        "steps.7.key", "Two steps have the key \"referral\". Give each step its own key.")
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.save_steps([*steps, Step("extra", "", "")])
    assert str(excinfo.value) == ("Step 8 has no name. Write its name in Chinese, English "
                                  "or both.")
    with pytest.raises(InvalidInput) as excinfo:
        services.intake.save_steps([Step("第一步", "转介")])
    assert str(excinfo.value) == ("A step's key \"第一步\" may hold only lower-case letters, "
                                  "digits, \"_\" and \"-\".")
    assert step_rows(services) == 0


def test_a_resource_teacher_may_not_change_the_steps(services, team):
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    steps = services.intake.steps()
    with pytest.raises(PermissionDenied) as excinfo:
        services.intake.save_steps(steps[:3])
    assert "Nothing was saved" in str(excinfo.value)
    assert step_rows(services) == 0 and services.intake.steps() == steps
    services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    assert len(services.intake.save_steps(steps[:3])) == 3
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    with pytest.raises(PermissionDenied):
        services.intake.save_steps(steps)
    assert [s.key for s in services.intake.steps()] == ["referral", "consent", "screening"]


def test_a_step_of_another_districts_file_shows_by_its_name(services, school):
    child = in_referral(services, school)
    services.intake.record(child.id, "referral", "2026-09-05")
    with services.store.session() as s:  # as a file received from another district
        s.add(IntakeRecord(student_id=child.id, step_key="xian_jianding",
                           step_name="县残联鉴定", done_on=date(2026, 6, 1)))
    standing = services.intake.where(child.id, "en")
    assert rows(standing, "en")[-1] == ("县残联鉴定", "2026-06-01", False)
    assert standing.status == "Referred"  # a step the district does not have sets none
    assert services.overview.children("process/referral")[0].full_name == "陈小雨"


def test_a_broken_steps_file_gives_a_plain_message(tmp_path):
    (tmp_path / "intake_steps.yaml").write_text("schema_version: 1\nsteps:\n  - key: x\n",
                                                encoding="utf-8")
    with pytest.raises(StepsFileBroken) as excinfo:
        shipped_steps(tmp_path)
    text = str(excinfo.value)
    assert text.startswith("The default steps from referral to placement could not be read (")
    assert text.endswith("). Reinstall IEP Studio, or ask the administrator to set the "
                         "district's steps.")
    (tmp_path / "intake_steps.yaml").write_text("steps: [", encoding="utf-8")
    shipped_steps.cache_clear()
    with pytest.raises(StepsFileBroken):
        shipped_steps(tmp_path)
    shipped_steps.cache_clear()


def test_the_history_names_the_steps_in_words(services, school):
    child = in_referral(services, school)
    services.intake.record(child.id, "referral", "2026-09-05", "刘老师")
    changes = [c.row("zh") for c in services.history.for_student(child.id)
               if c.kind == "intake_record"]
    assert {(row[2], row[4], row[6]) for row in changes} >= {
        ("转介安置步骤", "步骤", "班主任转介"), ("转介安置步骤", "完成日期", "2026-09-05"),
        ("转介安置步骤", "经办人", "刘老师")}
    assert not any(row[4] == "step key" or row[6] == "referral" for row in changes)


def test_the_overview_counts_children_by_intake_status(services, school):
    """Counted with the others: a child still in referral (no placement yet) too."""
    waiting, screened, placed = (in_referral(services, school, name) for name in
                                 ("甲", "乙", "丙"))
    services.students.create(school.id, "丁", placement="regular_class",
                             placement_start="2025-09-01")  # placed before any step was kept
    services.intake.record(waiting.id, "referral", "2026-10-08")
    services.intake.record(screened.id, "referral", "2026-09-05")
    services.intake.record(screened.id, "screening", "2026-10-12")
    services.intake.record(placed.id, "placement", "2026-11-20")
    view = services.overview.view()
    figures = view.counts["process"]
    assert [(f.label("zh"), f.count) for f in figures if f.count] == [
        ("尚无步骤记录", 1), ("已转介", 1), ("已筛查", 1), ("已安置", 1)]
    assert [f.label("en") for f in figures][:3] == ["No step recorded", "Referred",
                                                     "Consent given"]
    assert len(figures) == 8 and sum(f.count for f in figures) == view.total.count == 4
    assert services.overview.counts("process") == figures
    assert [c.full_name for c in services.overview.children("process/screening")] == ["乙"]
    assert [c.full_name for c in services.overview.children(make_key("process", ""))] == ["丁"]
    assert services.overview.children("process/no_such_step") == []
    # The list behind "not recorded" by placement holds the children in referral.
    assert sorted(c.full_name for c in services.overview.children("placement/")) == [
        "丙", "乙", "甲"]
