"""A student whose file has a bit of everything, and a second school's database to move
it into."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from iep_studio.core.model import Base
from iep_studio.core.services.lessons import LessonPlace
from tests.conftest import TODAY
from tests.sample_files import jpeg_turned, pdf

UNIT_ID = "sustained-attention-listening"


@pytest.fixture
def rich(services, team, complete_plan):
    """张小明 with a plan approved, signed and reviewed, an amendment of it, the next plan
    carried on from it, observations (one in a teaching session, one in a lesson), a
    behaviour record, a home visit, a lesson shared with another student, and two files
    attached (a scanned consent form and a photo of a work sample)."""
    review = services.review
    review.submit(complete_plan.id, team.teacher)
    review.sign(complete_plan.id, guardian_id=team.mother.id)
    review.sign(complete_plan.id, person_id=team.teacher)
    review.comment(complete_plan.id, team.head_teacher, "strategies", "课堂上可以安排同桌提醒")
    plan = review.approve(complete_plan.id, team.principal, "同意实施")
    objectives = [o for g in plan.goals for o in g.objectives]
    review.review_objective(objectives[0].id, "C", "还需练习", "2026-11-20", "王丽")
    amendment = review.amend(plan.id, team.teacher)
    following = services.plans.start_from_previous(plan.id, "2027-02-01", "2027-07-15",
                                                   title="2026学年第二学期",
                                                   author_id=team.teacher)
    classmate = services.students.create(team.student.school_id, "王小红", student_number="0002")
    lesson = services.lessons.make_lesson(UNIT_ID, "2026-11-18", [
        LessonPlace(team.student.id, tier=1, adjustments="数字卡片放大",
                    objectives=[objectives[0].id]),
        LessonPlace(classmate.id, tier=3)])
    session = services.planner.add_session("2026-11-19", starts="09:00", ends="09:40",
                                           room="资源教室", title="个别训练",
                                           student_ids=[team.student.id, classmate.id])
    observations = [
        services.observations.log(team.student.id, objectives[0].id, "VIGI",
                                  observed_on="2026-11-18", lesson_id=lesson.id,
                                  observer="王丽"),
        services.observations.log(team.student.id, objectives[1].id, "IIVN",
                                  observed_on="2026-11-19", session_id=session.id,
                                  note="注意力好"),
    ]
    services.behaviour.add(team.student.id, {
        "occurred_on": "2026-11-17", "occurred_at": "10:05", "setting": "语文课",
        "antecedent": "要求独立写字", "behaviour": "把本子推到地上", "consequence": "冷静后完成",
        "function": "escape", "frequency": 1, "duration_seconds": 120})
    services.home_visits.add(team.student.id, {
        "visited_on": "2026-11-16", "minutes": 90, "visitors": "王丽",
        "activities": "练习握笔", "objective_ids": [o.id for o in objectives]})
    # An assessment scored item by item: a score with a note, and an item marked N/A.
    services.assessments.add(team.student.id, "IEP Studio 课程本位评估", "2026-11-10",
                             assessor="王丽", instrument_id="iep-studio-cba", item_scores=[
                                 {"item_id": "cba-gm-stairs-02", "value": 1.0,
                                  "note": "需扶栏杆"},
                                 {"item_id": "cba-fm-grasp-01", "value": None}])
    # The signed consent form, scanned, with the plan; a work sample with what was seen.
    attachments = [
        services.attachments.add(team.student.id, "家长知情同意书.pdf", pdf(1), kind="consent",
                                 plan_id=plan.id, taken_on="2026-09-05"),
        services.attachments.add(team.student.id, "握笔练习.jpg", jpeg_turned(),
                                 kind="work_sample", observation_id=observations[0].id)]
    return SimpleNamespace(
        team=team, student=services.students.get(team.student.id), plan=plan,
        amendment=amendment, following=following, objectives=objectives,
        classmate=classmate, lesson=lesson, session=session, observations=observations,
        attachments=attachments)


@pytest.fixture
def elsewhere(tmp_path):
    """Another school's own database, as on the computer the student's file moves to."""
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'elsewhere' / 'iep-studio.sqlite'}")
    services = Services(store, today=lambda: TODAY)
    services.school = services.schools.create_school("城北小学", code="CB02")
    yield services
    store.dispose()


@pytest.fixture(scope="module")
def valid_raw(tmp_path_factory):
    """A real export of a small file, made once: every test spoils its own copy."""
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store
    from iep_studio.core.transfer.export import export_student

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('source') / 'iep-studio.sqlite'}")
    try:
        services = Services(store, today=lambda: TODAY)
        school = services.schools.create_school("城南小学")
        teacher = services.schools.create_person("王丽", title="资源教师")
        student = services.students.create(
            school.id, "张小明", student_number="0001", birth_date="2016-05-12",
            categories=[("autism", "moderate")], placement="regular_class_resource_room",
            placement_start="2025-09-01")
        services.students.add_team_member(student.id, teacher.id, "resource_teacher",
                                          "2025-09-01")
        services.students.add_guardian(student.id, name="李梅", relationship_="mother")
        services.assessments.add(student.id, "C-PEP-3", "2026-09-10", results=[
            {"domain": "fine_motor", "score": "4岁", "present_level": "能用三指握笔"}])
        return export_student(store, student.id)
    finally:
        store.dispose()


class Quiet(tuple):
    """A value hypothesis can show in a failure report without pages of records."""

    def __repr__(self) -> str:
        return "<the demo student's file>"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """陈宇轩 of the demo school, with a record of every kind a file carries: plans in two
    stages, revisions, services, reviews, signatures, observations, behaviour, and a
    lesson and a home visit added. Made once: every test spoils its own copy."""
    from iep_studio.core.demo import create_demo_school
    from iep_studio.core.services import Services
    from iep_studio.core.services.search import load_summaries
    from iep_studio.core.store import open_store
    from iep_studio.core.transfer.export import export_student

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'iep-studio.sqlite'}")
    try:
        services = Services(store, today=lambda: TODAY)
        create_demo_school(services)
        chen = next(r for r in load_summaries(store) if r.full_name == "陈宇轩")
        objectives = [o.id for p in services.plans.for_student(chen.id)
                      for g in services.plans.get(p.id).goals for o in g.objectives]
        services.lessons.make_lesson(UNIT_ID, "2026-11-18", [
            LessonPlace(chen.id, tier=1, objectives=objectives[:1])])
        services.home_visits.add(chen.id, {
            "visited_on": "2026-11-16", "minutes": 90, "visitors": "王丽",
            "activities": "练习握笔", "objective_ids": objectives[:2]})
        return Quiet(unpacked(export_student(store, chen.id)))
    finally:
        store.dispose()


# -- looking inside databases and files ---------------------------------------------------
def fingerprint(store) -> str:
    """Every row of every table, hashed: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()


def parts_of(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def repack(manifest: dict, data, *, fix_checksum: bool = True, fix_counts: bool = False) -> bytes:
    """A package from a manifest and the data (a dict, or raw bytes), its checksum made to
    match unless told otherwise, so a test reaches the check it is about."""
    from iep_studio.core.transfer.contents import TABLES

    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    manifest = dict(manifest)
    if fix_checksum:
        manifest["data_sha256"] = hashlib.sha256(raw).hexdigest()
    if fix_counts and isinstance(data, dict):
        manifest["counts"] = {t: len(data[t]) for t in TABLES
                              if isinstance(data.get(t), list) and data[t]}
    return zip_of({"manifest.json": json.dumps(manifest).encode(), "student.json": raw})


def unpacked(raw: bytes) -> tuple[dict, dict]:
    parts = parts_of(raw)
    return json.loads(parts["manifest.json"]), json.loads(parts["student.json"])
