"""Migrations: an empty database, every past schema's fixture, and models that agree."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from iep_studio.core.errors import StorageError
from iep_studio.core.model import Base
from iep_studio.core.services import Services
from iep_studio.core.store import open_store
from iep_studio.core.store.migrations import HEAD_REVISION, SCRIPT_LOCATION, known_revisions

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema_*.sqlite"))


def test_head_constant_matches_the_scripts():
    assert ScriptDirectory(str(SCRIPT_LOCATION)).get_current_head() == HEAD_REVISION


def test_the_revisions_read_without_alembic_are_alembics():
    scripts = ScriptDirectory(str(SCRIPT_LOCATION))
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_empty_database_upgrades_to_every_table(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'new.sqlite'}", backup_dir=tmp_path / "b")
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert not (tmp_path / "b").exists()  # nothing to back up in a brand-new database
    store.dispose()


def test_models_and_migrations_agree(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'new.sqlite'}")
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    store.dispose()


def test_every_connection_has_the_safety_pragmas(store):
    with store.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_old_database_upgrades_with_its_records_and_a_backup(fixture, tmp_path):
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store)
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    student = services.students.get(student_id)
    assert student.full_name == "张小明"
    assert [p.placement for p in student.placements] == ["regular_class",
                                                         "regular_class_resource_room"]
    assert student.guardians[0].name == "李梅" and student.team[0].role == "resource_teacher"
    assert services.assessments.for_student(student.id)[0].results[0].present_level == "能用三指握笔"
    revision = fixture.stem.removeprefix("schema_")
    if revision != HEAD_REVISION:
        assert list((tmp_path / "backups").glob(f"*before-upgrade-from-{revision}.sqlite"))
    store.dispose()


def test_upgrade_from_an_older_revision_takes_a_backup_first(tmp_path, monkeypatch):
    """Pretend the newest fixture is one revision behind, as it will be after the next
    migration lands, and check the backup is made and holds the records."""
    import iep_studio.core.store.migrations as migrations

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(FIXTURES[-1], database)
    monkeypatch.setattr(migrations, "HEAD_REVISION", "next")
    monkeypatch.setattr(migrations, "_run_upgrade", lambda store, target: None)
    open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups").dispose()
    backups = list((tmp_path / "backups").glob("*before-upgrade-from-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT full_name FROM student").fetchone()[0] == "张小明"


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(FIXTURES[-1], database)
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError) as excinfo:
        open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    assert str(excinfo.value) == (
        "This database was written by a newer IEP Studio (schema 9999). Install the newer "
        "version to open it; nothing was changed.")
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        assert connection.execute("SELECT full_name FROM student").fetchone() == ("张小明",)


def test_a_foreign_database_is_refused(tmp_path):
    database = tmp_path / "other.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StorageError) as excinfo:
        open_store(f"sqlite:///{database}")
    assert str(excinfo.value) == ("This database was not made by IEP Studio. Choose another "
                                  "file or an empty folder.")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_plans_work_in_every_upgraded_database(fixture, tmp_path):
    """Old files get the plan tables; a file that already had a plan keeps it, in review."""
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store)
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    plans = services.plans.for_student(student_id)
    if fixture.stem >= "schema_0003":
        assert [(p.title, p.status) for p in plans] == [("第一学期", "in_review")]
        assert [r.event for r in services.review.revisions(student_id)] == ["submitted"]
    else:
        assert plans == []
        plan = services.plans.create(student_id, "2026-09-01", "2027-01-31")
        assert [p.domain for p in plan.present_levels] == ["fine_motor"]
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_the_rhythm_works_in_every_upgraded_database(fixture, tmp_path):
    """Old files can plan weeks and record observations; an objective written before
    mastery rules existed reads with the default rule; a 0004 file keeps its records."""
    from datetime import date

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store, today=lambda: date(2026, 11, 22))
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    if fixture.stem >= "schema_0004":
        week = services.planner.week(date(2026, 11, 18))
        assert [a.title for a in week.activities] == ["树叶拼贴"]
        assert [(x.starts, x.room) for x in week.sessions] == [("09:00", "资源教室")]
        assert services.observations.for_student(student_id)[0].trials == "IIVGIIIINI"
        assert services.behaviour.for_student(student_id)[0].function == "escape"
        assert services.home_visits.for_student(student_id)[0].minutes == 60
    if fixture.stem >= "schema_0003":
        progress = services.progress.for_student(student_id)
        objective = progress.objectives[0]
        assert objective.rule.percent == 80 and objective.rule.sessions == 3
        services.observations.log(student_id, objective.objective_id, "IIIIIIIIII",
                                  observed_on="2026-11-20")
        assert services.progress.for_student(student_id).objectives[0].points[-1].percent == 100
    session = services.planner.add_session("2026-11-23", starts="10:00", title="个训",
                                           student_ids=[student_id])
    services.observations.log(student_id, None, "", session_id=session.id, note="情绪稳定")
    assert services.observations.for_session(session.id)[0].note == "情绪稳定"
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_accounts_and_history_work_in_every_upgraded_database(fixture, tmp_path):
    """An old file gets its first account at the next start, and changes from then on
    are in its history; a 0005 file keeps its account and the change it logged."""
    from datetime import date

    from iep_studio.core.access import Actor

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store, today=lambda: date(2026, 11, 22))
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    if fixture.stem >= "schema_0005":
        actor = services.accounts.sign_in("wangli", "secret-1")
        assert actor.role == "administrator"
        logged = [(c.actor, c.field, c.after) for c in services.history.for_student(student_id)]
        assert ("王丽", "interests", "恐龙") in logged
    else:
        assert not services.accounts.any()
        account = services.accounts.create_first("wangli", "王丽")
        store.actor = Actor(account.id, "王丽", "administrator", account.person_id)
    services.students.update(student_id, {"interests": "画画"})
    assert services.history.for_student(student_id)[0].after == "画画"
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_item_scoring_works_in_every_upgraded_database(fixture, tmp_path):
    """Older assessments stay as they were typed in; a 0008 file keeps its item scores;
    and every upgraded file can score items."""
    from datetime import date

    from iep_studio.core.services.item_scoring import Scored

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store, today=lambda: date(2026, 11, 22))
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    typed = [a for a in services.assessments.for_student(student_id) if not a.instrument_id]
    assert [a.instrument for a in typed] == ["C-PEP-3"]
    scored = services.item_scoring.of_instrument(student_id, "iep-studio-cba")
    if fixture.stem >= "schema_0008":
        assert scored[0][1] == {"cba-fm-write-06": Scored(2), "cba-fm-write-07":
                                Scored(1, "需提醒握笔"), "cba-fm-write-08": Scored(None)}
    else:
        assert scored == []
    new = services.item_scoring.start(student_id, "iep-studio-cba")
    services.item_scoring.score(new.id, "cba-fm-write-01", 2)
    assert services.item_scoring.scores(new.id) == {"cba-fm-write-01": Scored(2)}
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_upgraded_database_takes_the_schools_own_apparatus(fixture, tmp_path):
    """A 0009 file keeps the apparatus its school added; every older one, upgraded, can
    add one and save a unit around it."""
    from datetime import date

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store, today=lambda: date(2026, 11, 22))
    own = [c.code for c in services.unit_centres.own()]
    assert own == (["climbing_wall"] if fixture.stem >= "schema_0009" else [])
    services.unit_centres.add("situation", {"name_zh": "校园种植园", "name_en": "School garden"})
    assert services.unit_centres.vocabulary("situation").label("school_garden", "zh") == \
        "校园种植园"
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_upgraded_plan_takes_a_meeting_a_services_place_and_family_words(
        fixture, tmp_path):
    """A plan written before 0010 reads with no meeting, no service dates and no family
    words (nothing invented), and takes them all once upgraded; a 0010 file keeps its own."""
    from datetime import date

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store, today=lambda: date(2026, 11, 22))
    if fixture.stem < "schema_0003":
        store.dispose()
        return
    with store.engine.connect() as connection:
        student_id = connection.exec_driver_sql("SELECT id FROM student").scalar()
    plan = services.plans.get(services.plans.for_student(student_id)[0].id)
    objective = plan.goals[0].objectives[0]
    if fixture.stem >= "schema_0010":
        assert (plan.meeting_on, plan.parent_opinion) == (date(2026, 11, 20), "同意")
        assert objective.home_tip == "在家用蜡笔涂色"
    else:
        assert (plan.meeting_on, plan.meeting_attendees, plan.parent_opinion) == (None, "", "")
        assert (objective.home_tip, objective.parent_wording) == ("", "")
    services.review.record_meeting(plan.id, "2026-11-21", "周老师", "同意，希望多练习")
    services.plans.set_parent_words(objective.id, {"home_tip": "吃饭时练习用勺子"})
    plan = services.plans.get(plan.id)
    assert (plan.meeting_on, plan.parent_opinion) == (date(2026, 11, 21), "同意，希望多练习")
    assert plan.goals[0].objectives[0].home_tip == "吃饭时练习用勺子"
    store.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_upgraded_file_takes_intake_steps_attachments_guidance_and_own_goals(
        fixture, tmp_path):
    """The records of 0012 start empty in every older database (the district's steps are
    the shipped ones until an administrator changes them) and are kept once written: a
    child's intake step, an attachment's bytes, a guidance note, a school's own goal and
    the school a coordinator follows. A 0011 file keeps what the district recorded of its
    school."""
    from datetime import date

    from sqlalchemy import func, select

    from iep_studio.core.model import (
        Account, Attachment, CaseGuidance, CoordinatedSchool, IntakeRecord, IntakeStep,
        OwnGoal, School, Student,
    )

    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    new_kinds = (IntakeStep, IntakeRecord, Attachment, CaseGuidance, CoordinatedSchool,
                 OwnGoal)
    with store.session() as s:
        assert [s.scalar(select(func.count()).select_from(kind)) for kind in new_kinds] == \
            [0] * len(new_kinds)
        school = s.scalars(select(School)).first()
        if fixture.stem >= "schema_0011":
            assert (school.has_resource_room, school.resource_teachers) == (True, 1)
        student = s.scalars(select(Student)).first()
        coordinator = Account(username="zhao", display_name="赵指导员",
                              role="district_coordinator")
        s.add(coordinator)
        s.flush()
        s.add_all([
            IntakeRecord(student_id=student.id, step_key="referral", step_name="班主任转介",
                         done_on=date(2026, 3, 1), done_by="周老师"),
            Attachment(student_id=student.id, file_name="诊断证明.pdf",
                       media_type="application/pdf", byte_size=9, sha256="0" * 64,
                       content=b"%PDF-1.4\n"),
            CaseGuidance(student_id=student.id, given_on=date(2026, 11, 20),
                         given_by="赵指导员", guidance="课上座位靠近教师"),
            OwnGoal(goal_id="own-1", document={"behaviour": {"zh": "学生能独立洗手"}}),
            CoordinatedSchool(account_id=coordinator.id, school_id=school.id),
        ])
    with store.session() as s:
        assert s.scalars(select(Attachment.content)).one() == b"%PDF-1.4\n"
        assert s.scalars(select(CaseGuidance.guidance)).one() == "课上座位靠近教师"
        assert s.scalars(select(IntakeRecord.done_by)).one() == "周老师"
    store.dispose()
