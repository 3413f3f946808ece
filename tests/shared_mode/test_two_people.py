"""Two people on two machines edit the same record of the shared database. Each has a
Store of their own (their own engine and connections). The one who saves first wins; the
other's save is refused with EditConflict and writes nothing, and after reloading they
can apply their change on top of the first."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from iep_studio.core.errors import EditConflict, StorageError
from iep_studio.core.model import Objective, Plan, Student, UserCourseUnit

FILE_CONFLICT = ("Someone else changed this file while you were editing it. Your text is "
                 "kept; reload the file to see their change, then apply yours again.")
PLAN_CONFLICT = ("Someone else changed this plan while you were editing it. Your text is "
                 "kept; reload the plan to see their change, then apply yours again.")
EXAMPLE_UNIT = "sustained-attention-listening"


def fresh(store, model, record_id):
    """The row as the server has it now, read on a new connection."""
    with store.session() as s:
        return s.get(model, record_id)


def test_the_same_student_file(services, second_services, school, store):
    created = services.students.create(school.id, "张小明", strengths="喜欢拼图")
    mine = services.students.get(created.id)  # both open the file
    theirs = second_services.students.get(created.id)
    assert mine.version == theirs.version == 1

    saved = services.students.update(mine.id, {"strengths": "喜欢拼图和积木"},
                                     expected_version=mine.version)
    assert saved.version == 2
    with pytest.raises(EditConflict) as excinfo:
        second_services.students.update(theirs.id, {"strengths": "喜欢画画",
                                                    "needs": "轮流等待困难"},
                                        expected_version=theirs.version)
    assert str(excinfo.value) == FILE_CONFLICT

    row = fresh(store, Student, created.id)
    assert (row.strengths, row.needs, row.version) == ("喜欢拼图和积木", "", 2)

    reloaded = second_services.students.get(created.id)  # they reload and apply again
    assert reloaded.strengths == "喜欢拼图和积木"
    again = second_services.students.update(reloaded.id, {"needs": "轮流等待困难"},
                                            expected_version=reloaded.version)
    assert again.version == 3
    row = fresh(store, Student, created.id)
    assert (row.strengths, row.needs) == ("喜欢拼图和积木", "轮流等待困难")


def test_the_same_plan(services, second_services, complete_plan, store):
    mine = services.plans.get(complete_plan.id)
    theirs = second_services.plans.get(complete_plan.id)
    services.plans.update(mine.id, {"strategies": "视觉提示"}, expected_version=mine.version)
    with pytest.raises(EditConflict) as excinfo:
        second_services.plans.update(theirs.id, {"strategies": "同伴示范",
                                                 "transition": "升入四年级"},
                                     expected_version=theirs.version)
    assert str(excinfo.value) == PLAN_CONFLICT
    row = fresh(store, Plan, complete_plan.id)
    assert (row.strategies, row.transition, row.version) == ("视觉提示", "", mine.version + 1)

    reloaded = second_services.plans.get(complete_plan.id)
    second_services.plans.update(reloaded.id, {"transition": "升入四年级"},
                                 expected_version=reloaded.version)
    row = fresh(store, Plan, complete_plan.id)
    assert (row.strategies, row.transition) == ("视觉提示", "升入四年级")


def test_the_same_objective(services, second_services, complete_plan, store):
    objective_id = complete_plan.goals[0].objectives[0].id

    def objective(svc):
        return next(o for g in svc.plans.get(complete_plan.id).goals for o in g.objectives
                    if o.id == objective_id)

    mine, theirs = objective(services), objective(second_services)
    services.plans.update_objective(objective_id, {"criterion": "连续3次80%正确"},
                                    expected_version=mine.version)
    with pytest.raises(EditConflict) as excinfo:
        second_services.plans.update_objective(
            objective_id, {"criterion": "独立完成", "measurement": "作品分析"},
            expected_version=theirs.version)
    assert str(excinfo.value) == PLAN_CONFLICT
    row = fresh(store, Objective, objective_id)
    assert (row.criterion, row.measurement) == ("连续3次80%正确", "观察记录")

    reloaded = objective(second_services)
    second_services.plans.update_objective(objective_id, {"measurement": "作品分析"},
                                           expected_version=reloaded.version)
    row = fresh(store, Objective, objective_id)
    assert (row.criterion, row.measurement) == ("连续3次80%正确", "作品分析")


def test_the_same_course_unit(services, second_services, store):
    copy = services.library.duplicate(EXAMPLE_UNIT)
    mine = services.library.get(copy.unit.id)
    theirs = second_services.library.get(copy.unit.id)
    assert mine.version == theirs.version and not theirs.shipped

    document = mine.unit.model_dump(mode="json", exclude_none=True)
    document["duration_minutes"] = 45
    services.library.save_unit(document, expected_version=mine.version)
    other_document = theirs.unit.model_dump(mode="json", exclude_none=True)
    other_document["duration_minutes"] = 25
    with pytest.raises(EditConflict) as excinfo:
        second_services.library.save_unit(other_document, expected_version=theirs.version)
    assert str(excinfo.value) == FILE_CONFLICT
    assert second_services.library.get(copy.unit.id).unit.duration_minutes == 45
    with store.session() as s:
        row = s.scalar(select(UserCourseUnit).where(UserCourseUnit.unit_id == copy.unit.id))
        assert (row.document["duration_minutes"], row.version) == (45, mine.version + 1)

    reloaded = second_services.library.get(copy.unit.id)
    document = reloaded.unit.model_dump(mode="json", exclude_none=True)
    document["duration_minutes"] = 25
    second_services.library.save_unit(document, expected_version=reloaded.version)
    assert services.library.get(copy.unit.id).unit.duration_minutes == 25


def test_the_version_column_itself_refuses_a_stale_row(services, school, store,
                                                       second_store):
    """Without expected_version: two sessions hold the same row, the first commits, the
    second's flush matches no row of its version (StaleDataError), which the Store turns
    into EditConflict, rolling back everything the second session did."""
    student = services.students.create(school.id, "李华")
    with pytest.raises(EditConflict) as excinfo, second_store.session() as s:
        theirs = s.get(Student, student.id)
        theirs.needs = "注意力分散"
        s.add(Student(school_id=school.id, full_name="不该留下", name_latin="x"))
        services.students.update(student.id, {"needs": "轮流等待困难"})  # commits first
    assert str(excinfo.value) == FILE_CONFLICT
    row = fresh(store, Student, student.id)
    assert (row.needs, row.version) == ("轮流等待困难", 2)
    with store.session() as s:
        assert s.scalars(select(Student.full_name).order_by(Student.full_name)).all() == ["李华"]


def test_saves_at_the_same_moment(services, second_services, school, store, second_store):
    """The hard case: both pass the version check at once. The first holds the row (its
    transaction is open); the second's UPDATE waits for it on the server, then finds the
    version changed and is refused, although its own check had passed."""
    student = services.students.create(school.id, "王芳")
    outcome = {}

    with store.session() as s:
        first = s.get(Student, student.id)
        first.strengths = "会唱歌"
        s.flush()  # the row is locked until this block commits
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()

        def second_person():
            try:
                second_services.students.update(student.id, {"strengths": "会跳舞"},
                                                expected_version=1)
                outcome["saved"] = True
            except EditConflict as exc:
                outcome["conflict"] = exc

        worker = threading.Thread(target=second_person)
        worker.start()
        _wait_until_blocked_by(store, pid)
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert "conflict" in outcome and "saved" not in outcome
    row = fresh(store, Student, student.id)
    assert (row.strengths, row.version) == ("会唱歌", 2)


def test_the_same_student_number_at_the_same_moment(second_services, school, store):
    """Both check that number 0007 is free before either has saved; the server's unique
    constraint lets only the first in, and the second hears why in plain words."""
    outcome = {}
    with store.session() as s:
        s.add(Student(school_id=school.id, full_name="王芳", student_number="0007",
                      name_latin="wangfang"))
        s.flush()
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()

        def second_person():
            try:
                second_services.students.create(school.id, "李雷", student_number="0007")
            except StorageError as exc:
                outcome["refused"] = exc

        worker = threading.Thread(target=second_person)
        worker.start()
        _wait_until_blocked_by(store, pid)
    worker.join(timeout=30)
    assert str(outcome["refused"]) == (
        "Someone else saved the same entry at the same moment, so yours was not saved. "
        "Your text is kept; reload to see theirs, then try again.")
    with store.session() as s:
        assert s.scalars(select(Student.full_name)).all() == ["王芳"]


def _wait_until_blocked_by(store, pid: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    with store.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
                {"pid": pid}).scalar()
            connection.rollback()  # see the activity as it is now, not a snapshot
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the second save never reached the server")


def test_a_save_waiting_on_a_colleagues_unfinished_save_gives_up_plainly(
        services, team, store):
    """A colleague's save that never finishes (a computer hung mid-save) holds the row:
    the next save waits a few seconds, then says the database is busy, and keeps the text."""
    from sqlalchemy import text

    from iep_studio.core.errors import StorageError

    with store.engine.connect() as hung:
        hung.execute(text("SELECT 1 FROM student WHERE id = :id FOR UPDATE"),
                     {"id": team.student.id})
        with pytest.raises(StorageError, match="The database is busy in another window or "
                           "program. Wait a moment and try again; your text is kept."):
            services.students.update(team.student.id, {"needs": "等待中"})
        hung.rollback()
    services.students.update(team.student.id, {"needs": "等待中"})
    assert services.students.get(team.student.id).needs == "等待中"
