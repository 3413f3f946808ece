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


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory):
    """A database the migrations made once, copied into each test's data folder: every
    test starts from exactly what the migrations make, without running all of them a
    thousand times (a fifth of the suite's time). tests/migrations runs them on an empty
    database and on every past schema's."""
    import sqlite3

    from iep_studio.core.store import open_store

    path = tmp_path_factory.mktemp("empty") / "iep-studio.sqlite"
    open_store(f"sqlite:///{path.as_posix()}").dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=DELETE")  # one file, its WAL folded in
    connection.close()
    return path


def start_database(data_paths, empty_database) -> None:
    """The test's database, made as the app would make it, unless the test made one."""
    import shutil

    if not data_paths.database.exists():
        data_paths.database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(empty_database, data_paths.database)


@pytest.fixture
def store(data_paths, empty_database):
    from iep_studio.core.store import open_store

    start_database(data_paths, empty_database)
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


@pytest.fixture
def another_child(services, team, school, complete_plan):
    """Student B, on whose team only the outside doctor is: a plan, an observation, an
    assessment, a behaviour record, a home visit, a guardian with a phone, a diagnosis."""
    b = services.students.create(
        school.id, "李四", student_number="0002", sex="female", birth_date="2015-03-02",
        categories=[("intellectual", "mild")], diagnosis="癫痫", medication="丙戊酸钠")
    services.students.add_team_member(b.id, team.outsider, "doctor", "2025-09-01")
    services.students.add_guardian(b.id, name="李强", relationship_="father",
                                   phone="13900000002")
    plan = services.plans.create(b.id, "2026-09-01", "2027-01-31", title="李四的计划",
                                 review_due="2026-12-20")
    goal = services.plans.add_goal(plan.id, "social", "主动与同伴交往")
    objective = services.plans.add_objective(goal.id, {
        "condition": "课间", "behaviour": "向同伴问好", "criterion": "5次中4次"})
    services.observations.log(b.id, objective.id, "IIV", observed_on=TODAY)
    services.assessments.add(b.id, "PEP-3", "2026-09-10", assessor="王丽", results=[
        {"domain": "social", "score": "", "present_level": "很少主动交往"}])
    services.behaviour.add(b.id, {"occurred_on": "2026-11-20", "behaviour": "哭闹"})
    services.home_visits.add(b.id, {"visited_on": "2026-11-18", "minutes": 60, "visitors": "王丽",
                                    "activities": "练习问好"})
    return dict(student=b, plan=plan, goal=goal, objective=objective)


class Clock:
    """A moment the test moves on instead of waiting (the accounts' wrong-password waits):
    set it as the services' clock's moment."""

    def __init__(self):
        from datetime import datetime, timezone

        self.now = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now

    def wait(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += timedelta(seconds=seconds)


@pytest.fixture
def quick_hashes(monkeypatch):
    """Cheap Argon2 settings, for tests that type many passwords. (Each hash carries its
    own settings, so checking works the same.)"""
    from argon2 import PasswordHasher

    from iep_studio.core.access import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64,
                                                             parallelism=1))
