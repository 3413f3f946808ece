"""A student file brings one child's records and reaches no other child's: every id a
record holds must name a record of the same file, or the file is refused, and a refused
file changes nothing."""
from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from iep_studio.core.transfer.export import export_student
from iep_studio.core.transfer.import_ import import_package
from iep_studio.core.transfer.package import PackageError, read_package
from tests.transfer.conftest import fingerprint, repack, unpacked

DAMAGED = ("This file is damaged: {problem}. Ask the sender to export the student again "
           "from IEP Studio.")
OUTSIDE = "a record of \"{table}\" refers to a record of \"plan_objective\" that is not in the file"


def new_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture
def victim(elsewhere):
    """李四, a child already in the receiving school, with an objective that has no data
    yet and another whose trials show mastery."""
    school = elsewhere.school
    student = elsewhere.students.create(school.id, "李四", student_number="0009")
    plan = elsewhere.plans.create(student.id, "2026-09-01", "2027-01-31", title="李四的计划")
    goal = elsewhere.plans.add_goal(plan.id, "social", "主动问候")
    fresh = elsewhere.plans.add_objective(goal.id, {"behaviour": "见到老师说早上好"})
    mastered = elsewhere.plans.add_objective(goal.id, {"behaviour": "排队等待"})
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        elsewhere.observations.log(student.id, mastered.id, "IIIII", observed_on=day)
    return SimpleNamespace(services=elsewhere, student=student, fresh=fresh.id,
                           mastered=mastered.id)


def with_a_plan(data: dict) -> dict:
    """The small valid file with a plan, a goal and an objective of its own added."""
    data = copy.deepcopy(data)
    student = data["student"][0]["id"]
    data["plan"] = [{"id": new_id(1), "student_id": student, "title": "计划",
                     "period_start": "2026-09-01", "period_end": "2027-01-31"}]
    data["plan_goal"] = [{"id": new_id(2), "plan_id": new_id(1), "domain": "social"}]
    data["plan_objective"] = [{"id": new_id(3), "goal_id": new_id(2), "behaviour": "问好"}]
    return data


def observation(student_id: str, objective_id: str, day: str, n: int) -> dict:
    return {"id": new_id(100 + n), "student_id": student_id, "objective_id": objective_id,
            "observed_on": day, "trials": "IIIII"}


def import_refused(services, manifest, data, as_copy=False) -> str:
    before = fingerprint(services.store)
    with pytest.raises(PackageError) as refused:
        import_package(services.store, repack(manifest, data, fix_counts=True),
                       services.school.id, as_copy=as_copy)
    assert fingerprint(services.store) == before
    return str(refused.value)


def progress_of(services, student_id):
    return {p.objective_id: (len(p.points), p.mastery.mastered)
            for p in services.progress.for_student(student_id).objectives}


@pytest.mark.parametrize("as_copy", [False, True])
def test_observations_cannot_make_another_childs_objective_mastered(valid_raw, victim, as_copy):
    manifest, data = unpacked(valid_raw)
    student = data["student"][0]["id"]
    data["observation"] = [observation(student, victim.fresh, f"2026-11-1{n}", n)
                           for n in range(3)]
    before = progress_of(victim.services, victim.student.id)
    assert before[victim.fresh] == (0, False)
    assert import_refused(victim.services, manifest, data, as_copy) == DAMAGED.format(
        problem=OUTSIDE.format(table="observation"))
    assert progress_of(victim.services, victim.student.id) == before


@pytest.mark.parametrize("as_copy", [False, True])
def test_an_amendment_cannot_draw_in_another_childs_trials(valid_raw, victim, as_copy):
    manifest, data = unpacked(valid_raw)
    data = with_a_plan(data)
    data["plan_objective"][0]["amends_objective_id"] = victim.mastered
    assert import_refused(victim.services, manifest, data, as_copy) == DAMAGED.format(
        problem=OUTSIDE.format(table="plan_objective"))


@pytest.mark.parametrize("table, field", [
    ("plan_objective", "carried_from_id"), ("home_visit", "objective_ids"),
    ("lesson_student", "objectives")])
def test_no_other_id_a_record_holds_may_name_another_childs_objective(valid_raw, victim,
                                                                      table, field):
    manifest, data = unpacked(valid_raw)
    data = with_a_plan(data)
    student = data["student"][0]["id"]
    if table == "home_visit":
        data["home_visit"] = [{"id": new_id(10), "student_id": student, "minutes": 60,
                               "visited_on": "2026-11-01", "visitors": "王丽",
                               "activities": "练习", "objective_ids": [victim.fresh]}]
    elif table == "lesson_student":
        unit = victim.services.library.get("sustained-attention-listening").unit
        data["lesson"] = [{"id": new_id(11), "unit_id": unit.id, "title": "听指令",
                           "unit_snapshot": unit.model_dump(mode="json", exclude_none=True),
                           "given_on": "2026-11-18"}]
        data["lesson_student"] = [{"id": new_id(12), "lesson_id": new_id(11),
                                   "student_id": student, "tier": 2,
                                   "objectives": [new_id(3), victim.fresh]}]
    else:
        data["plan_objective"][0][field] = victim.fresh
    assert import_refused(victim.services, manifest, data) == DAMAGED.format(
        problem=OUTSIDE.format(table=table))


def test_objectives_that_amend_each_other_in_a_circle(valid_raw):
    """Progress follows an amended objective back edition by edition: a circle would
    never end."""
    manifest, data = unpacked(valid_raw)
    data = with_a_plan(data)
    twin = dict(data["plan_objective"][0], id=new_id(4), amends_objective_id=new_id(3))
    data["plan_objective"][0]["amends_objective_id"] = new_id(4)
    data["plan_objective"].append(twin)
    with pytest.raises(PackageError) as refused:
        read_package(repack(manifest, data, fix_counts=True))
    assert str(refused.value) == DAMAGED.format(
        problem="records of \"plan_objective\" refer to each other in a circle")


def test_a_frozen_plan_may_not_name_another_childs_objective(services, rich, victim):
    manifest, data = unpacked(export_student(services.store, rich.student.id))
    # Repacked from the records alone: the attached files stay out of it.
    del data["attachment"], manifest["counts"]["attachment"]
    goal = data["plan_revision"][0]["snapshot"]["goals"][0]
    goal["objectives"][0]["id"] = victim.fresh
    assert import_refused(victim.services, manifest, data) == DAMAGED.format(
        problem="a record of \"plan_revision\" refers to a record of \"plan_objective\" that "
        "is not in the file")
    # An objective removed since the revision was frozen is named nowhere: that is kept.
    goal["objectives"][0]["id"] = new_id(77)
    result = import_package(victim.services.store, repack(manifest, data),
                            victim.services.school.id)
    assert result.counts["plan_revision"] == len(data["plan_revision"])


def test_an_export_leaves_out_ids_of_records_it_does_not_carry(services, team, complete_plan,
                                                               elsewhere):
    """An observation of an objective removed since keeps its trials, not the id of an
    objective the file does not hold; so does a home visit."""
    objective = complete_plan.goals[0].objectives[0]
    other = complete_plan.goals[0].objectives[1]
    services.observations.log(team.student.id, objective.id, "IVI", observed_on="2026-11-20")
    services.home_visits.add(team.student.id, {
        "visited_on": "2026-11-16", "minutes": 30, "visitors": "王丽", "activities": "练习",
        "objective_ids": [objective.id, other.id]})
    services.plans.remove_objective(objective.id)
    _manifest, data = unpacked(export_student(services.store, team.student.id))
    assert [o["objective_id"] for o in data["observation"]] == [None]
    assert [v["objective_ids"] for v in data["home_visit"]] == [[other.id]]
    result = import_package(elsewhere.store, export_student(services.store, team.student.id),
                            elsewhere.school.id)
    assert [o.trials for o in elsewhere.observations.for_student(result.student_id)] == ["IVI"]


def test_a_record_may_not_take_the_id_of_another_kind_of_record_here(valid_raw, victim):
    """A guardian under the id of another child's objective would read, in that
    objective's history, as a change to it."""
    manifest, data = unpacked(valid_raw)
    data["guardian"][0]["id"] = victim.fresh
    assert import_refused(victim.services, manifest, data) == DAMAGED.format(
        problem="a record has the id of a record of \"plan_objective\" here, but is not one")
