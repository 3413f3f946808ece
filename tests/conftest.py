"""Shared fixtures: an offscreen Qt platform, a fresh data folder and database per test,
and a fixed 'today' so date rules give the same answer every day."""
from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """No test may touch the real user data folder or a real server."""
    monkeypatch.setenv("IEP_STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("IEP_STUDIO_DB_URL", raising=False)


@pytest.fixture
def data_paths(tmp_path):
    from iep_studio.core.paths import DataPaths

    return DataPaths.resolve(tmp_path / "data")


@pytest.fixture
def store(data_paths):
    from iep_studio.core.store import open_store

    store = open_store(data_paths.database_url, backup_dir=data_paths.backups)
    yield store
    store.dispose()


@pytest.fixture
def services(store):
    from iep_studio.core.services import Services

    return Services(store, today=lambda: TODAY)


@pytest.fixture
def school(services):
    return services.schools.create_school("城南小学", code="CN01")


@pytest.fixture
def team(services, school):
    """A student with an assessment, a guardian and a team: the resource teacher who
    writes the plan, an administrator who approves it, a head teacher, and an outsider."""
    from types import SimpleNamespace

    people = {name: services.schools.create_person(full, title=title) for name, full, title in (
        ("teacher", "王丽", "资源教师"), ("principal", "陈校长", "校长"),
        ("head_teacher", "刘老师", "班主任"), ("outsider", "赵医生", "医生"))}
    student = services.students.create(
        school.id, "张小明", student_number="0001", sex="male", birth_date="2016-05-12",
        categories=[("autism", "moderate")], placement="regular_class_resource_room",
        placement_start="2025-09-01", strengths="喜欢拼图，视觉记忆好", needs="轮流等待困难")
    for name, role in (("teacher", "resource_teacher"), ("principal", "administrator"),
                       ("head_teacher", "head_teacher")):
        services.students.add_team_member(student.id, people[name].id, role, "2025-09-01")
    mother = services.students.add_guardian(student.id, name="李梅", relationship_="mother",
                                            phone="13800000001", primary_contact=True)
    services.assessments.add(student.id, "C-PEP-3", "2026-09-10", assessor="王丽", results=[
        {"domain": "fine_motor", "score": "4岁", "present_level": "能用三指握笔，仿画圆形"},
        {"domain": "social", "score": "", "present_level": "能回应同伴问候"}])
    return SimpleNamespace(student=student, mother=mother,
                           **{name: person.id for name, person in people.items()})


@pytest.fixture
def complete_plan(services, team):
    """A draft with nothing missing: one goal, two objectives from the goal bank."""
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 title="2026学年第一学期", review_due="2026-12-20",
                                 author_id=team.teacher)
    goal = services.plans.add_goal(plan.id, "fine_motor", "提高手眼协调与握笔能力")
    for bank_id in ("fm-pencil-grip-01", "fm-pencil-grip-02"):
        services.plans.add_from_bank(plan.id, bank_id, "zh_CN", goal_id=goal.id,
                                     responsible="王丽")
    plan = services.plans.update(plan.id, {"guardian_participation": "母亲参加了IEP会议"})
    for objective in plan.goals[0].objectives:
        services.plans.update_objective(objective.id, {"measurement": "观察记录"})
    return services.plans.get(plan.id)
