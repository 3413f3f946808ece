"""A student's whole file moves to another school's database and arrives whole: records,
content, links and ids; sealed with a password or not; once, or again as a copy."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import func, select

from iep_studio.cli import main
from iep_studio.core.demo import create_demo_school
from iep_studio.core.errors import NotFound
from iep_studio.core.model import Base, Person
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store.migrations import HEAD_REVISION
from iep_studio.core.transfer.export import export_student, gather, write_student_file
from iep_studio.core.transfer.import_ import AlreadyHere, import_package, preview
from iep_studio.core.transfer.contents import NOT_CARRIED, TABLES
from iep_studio.core.transfer.package import (
    PackageError, PasswordNeeded, WrongPassword, read_package,
)
from tests.transfer.conftest import fingerprint, parts_of, unpacked


def whole_file(services, student_id: str) -> dict:
    with services.store.session() as s:
        tables, _school = gather(s, student_id)
    return tables


def test_every_table_is_either_carried_or_left_behind_on_purpose():
    """A table added later must be placed on one side or the other, with thought."""
    assert set(Base.metadata.tables) <= set(TABLES) | NOT_CARRIED
    assert set(TABLES) <= set(Base.metadata.tables)
    assert not set(TABLES) & NOT_CARRIED
    for position, name in enumerate(TABLES):  # each after the tables it refers to
        for column in Base.metadata.tables[name].columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target in TABLES:
                    assert TABLES.index(target) <= position, (name, column.name)
                elif (name, column.name) != ("student", "school_id"):
                    assert column.nullable, (name, column.name)  # emptied on the way
    for name, table in Base.metadata.tables.items():  # everything of a student's travels
        if any(fk.column.table.name == "student" for c in table.columns
               for fk in c.foreign_keys):
            assert name in TABLES


def test_the_whole_file_arrives_in_another_database(services, rich, elsewhere):
    raw = export_student(services.store, rich.student.id)
    result = import_package(elsewhere.store, raw, elsewhere.school.id)
    assert result.student_id == rich.student.id  # the same file, under the same id
    assert not result.copied and result.people_reused == 0
    sent, arrived = whole_file(services, rich.student.id), whole_file(elsewhere, result.student_id)
    assert arrived == sent  # every record, every field (but the school and the counters)
    assert result.counts == {t: len(rows) for t, rows in sent.items() if rows}
    assert result.counts["plan"] == 3 and result.counts["plan_revision"] >= 2
    assert result.counts["lesson_student"] == 1  # the classmate's place stays behind
    assert result.counts["item_score"] == 2
    assert result.counts["attachment"] == 2
    for sent_file in rich.attachments:  # the bytes arrive as they left, links and all
        arrived_file = elsewhere.attachments.get(sent_file.id)
        assert elsewhere.attachments.content(sent_file.id) == services.attachments.content(
            sent_file.id)
        assert (arrived_file.sha256, arrived_file.plan_id, arrived_file.observation_id) == (
            sent_file.sha256, sent_file.plan_id, sent_file.observation_id)

    # Read back through the services, as a teacher would see it.
    student = elsewhere.students.get(result.student_id)
    assert (student.full_name, student.student_number, student.school_id) == (
        "张小明", "0001", elsewhere.school.id)
    assert [g.name for g in student.guardians] == ["李梅"]
    assert sorted(m.role for m in student.team) == [
        "administrator", "head_teacher", "resource_teacher"]
    plan = elsewhere.plans.get(rich.plan.id)
    assert plan.status == "approved" and plan.title == "2026学年第一学期"
    assert [(o.behaviour, o.criterion, o.measurement) for g in plan.goals for o in g.objectives] == [
        (o.behaviour, o.criterion, "观察记录") for o in rich.objectives]
    assert [r.code for r in plan.goals[0].objectives[0].reviews] == ["C"]
    assert {s.name for s in plan.signatures} == {"李梅", "王丽"}
    observations = elsewhere.observations.for_student(result.student_id)
    assert sorted((o.trials, o.objective_id) for o in observations) == sorted(
        (o.trials, o.objective_id) for o in rich.observations)
    assert all(o.session_id is None for o in observations)  # the room's sessions stay behind
    assert {o.lesson_id for o in observations} == {rich.lesson.id, None}
    revisions = elsewhere.review.revisions(result.student_id)
    assert [(r.event, r.status) for r in revisions][:2] == [
        ("submitted", "in_review"), ("approved", "approved")]
    assert revisions[1].snapshot["goals"][0]["statement"] == "提高手眼协调与握笔能力"
    lesson = elsewhere.lessons.get(rich.lesson.id)
    assert [(p.tier, p.adjustments, p.objectives) for p in lesson.students] == [
        (1, "数字卡片放大", [rich.objectives[0].id])]
    visit, = elsewhere.home_visits.for_student(result.student_id)
    assert visit.objective_ids == [o.id for o in rich.objectives]
    following = elsewhere.plans.get(rich.following.id)
    assert following.previous_plan_id == rich.plan.id
    assert elsewhere.plans.get(rich.amendment.id).amends_plan_id == rich.plan.id
    # Edits go on as usual: the version counters started again.
    assert elsewhere.plans.update(following.id, {"strategies": "视觉提示"}).strategies == "视觉提示"


def test_the_demo_students_travel_whole(services, elsewhere):
    """The demo's students hold plans in every stage, observations, behaviour records and
    home visits: each of them arrives exactly as it left."""
    create_demo_school(services)
    for row in load_summaries(services.store):
        result = import_package(elsewhere.store, export_student(services.store, row.id),
                                elsewhere.school.id)
        assert whole_file(elsewhere, result.student_id) == whole_file(services, row.id)
    people = set()
    for row in load_summaries(services.store):
        people |= {p["id"] for p in whole_file(services, row.id)["person"]}
    with elsewhere.store.session() as s:  # the demo's teachers were not duplicated
        assert s.scalar(select(func.count()).select_from(Person)) == len(people)


def test_a_sealed_file_needs_its_password(services, rich, elsewhere, tmp_path):
    path = write_student_file(services.store, rich.student.id, tmp_path, password="Lime-42")
    assert path.name == "张小明_0001.iepstudent"
    raw = path.read_bytes()
    assert b"PK" not in raw[:64] and "张小明".encode() not in raw  # nothing readable inside
    scan = services.attachments.content(rich.attachments[0].id)
    assert b"%PDF" not in raw and scan[-200:] not in raw  # nor the files attached
    with pytest.raises(PasswordNeeded) as refused:
        read_package(path)
    assert str(refused.value) == (
        "张小明_0001.iepstudent is protected with a password. Enter the password the sender "
        "gave you.")
    with pytest.raises(WrongPassword) as refused:
        read_package(path, "lime-42")
    assert str(refused.value) == (
        "张小明_0001.iepstudent could not be opened with this password. Check the password "
        "(capital letters count) and try again; if it is right, the file is damaged: ask for "
        "it to be sent again.")
    with pytest.raises(WrongPassword):  # a sealed file changed on the way reads as wrong
        read_package(raw[:-1] + bytes([raw[-1] ^ 1]), "Lime-42")
    seen = preview(elsewhere.store, path, "Lime-42")
    assert seen.encrypted and seen.full_name == "张小明"
    result = import_package(elsewhere.store, seen, elsewhere.school.id)  # not decrypted again
    assert whole_file(elsewhere, result.student_id) == whole_file(services, rich.student.id)
    with pytest.raises(PackageError) as refused:
        export_student(services.store, rich.student.id, password="")
    assert str(refused.value) == "Choose a password to protect the student file."


def test_the_manifest_says_what_the_file_is(services, rich):
    manifest, data = unpacked(export_student(services.store, rich.student.id))
    assert manifest["format"] == "iep-studio-student" and manifest["format_version"] == 1
    assert manifest["schema_revision"] == HEAD_REVISION
    assert manifest["student"] == {"id": rich.student.id, "full_name": "张小明",
                                   "student_number": "0001", "school_name": "城南小学"}
    assert manifest["counts"]["observation"] == 2 and manifest["counts"]["person"] == 3
    assert set(data) <= set(TABLES)
    assert all("version" not in row for rows in data.values() for row in rows)
    assert "school_id" not in data["student"][0]
    assert [o["session_id"] for o in data["observation"]] == [None, None]


def test_preview_says_what_will_arrive_and_what_is_here(services, rich, elsewhere):
    raw = export_student(services.store, rich.student.id)
    seen = preview(elsewhere.store, raw)
    assert (seen.full_name, seen.student_number, seen.source_school) == (
        "张小明", "0001", "城南小学")
    assert str(seen.birth_date) == "2016-05-12"
    assert seen.counts["plan"] == 3 and seen.counts["observation"] == 2
    assert (seen.same_file, seen.same_number, seen.same_name_and_birth) == (None, [], [])
    assert (seen.people_here, seen.records_here, seen.needs_copy) == ([], 0, False)

    # What the other school already has that looks like this child.
    elsewhere.students.create(elsewhere.school.id, "李小华", student_number="0001")
    other = elsewhere.schools.create_school("城西小学")
    elsewhere.students.create(other.id, "张小明", birth_date="2016-05-12")
    principal = services.schools.get_person(rich.team.principal)
    with elsewhere.store.session() as s:  # the principal is already known over there
        s.add(Person(id=principal.id, full_name=principal.full_name))
    seen = preview(elsewhere.store, raw, school_id=elsewhere.school.id)
    assert [(m.full_name, m.school_name) for m in seen.same_number] == [("李小华", "城北小学")]
    assert [(m.full_name, m.school_name) for m in seen.same_name_and_birth] == [
        ("张小明", "城西小学")]
    assert seen.people_here == ["陈校长"] and not seen.needs_copy

    result = import_package(elsewhere.store, seen, other.id)
    assert result.people_reused == 1
    seen = preview(elsewhere.store, raw)
    assert (seen.same_file.full_name, seen.same_file.school_name) == ("张小明", "城西小学")
    assert seen.needs_copy and seen.records_here > 0


def test_importing_twice_is_refused_and_a_copy_gets_ids_of_its_own(services, rich, elsewhere):
    raw = export_student(services.store, rich.student.id)
    first = import_package(elsewhere.store, raw, elsewhere.school.id)
    before = fingerprint(elsewhere.store)
    with pytest.raises(AlreadyHere) as refused:
        import_package(elsewhere.store, raw, elsewhere.school.id)
    assert str(refused.value) == (
        "张小明 is already in this database, in 城北小学. To keep a second, separate file, "
        "import it as a copy.")
    with pytest.raises(AlreadyHere) as refused:  # the same number in the same school
        import_package(elsewhere.store, raw, elsewhere.school.id, as_copy=True)
    assert str(refused.value) == (
        "城北小学 already has a student with the number 0001 (张小明). Change one of the two "
        "numbers, then import again.")
    assert fingerprint(elsewhere.store) == before  # refused means untouched

    other = elsewhere.schools.create_school("城西小学")
    copy = import_package(elsewhere.store, raw, other.id, as_copy=True)
    assert copy.copied and copy.student_id != first.student_id
    assert copy.people_reused == 3 and copy.lessons_reused == 1
    original, copied = whole_file(elsewhere, first.student_id), whole_file(elsewhere,
                                                                           copy.student_id)
    assert {t: len(r) for t, r in copied.items()} == {t: len(r) for t, r in original.items()}
    own_ids = {row["id"] for t, rows in original.items() if t not in ("person", "lesson")
               for row in rows}
    copy_ids = {row["id"] for t, rows in copied.items() if t not in ("person", "lesson")
                for row in rows}
    assert not own_ids & copy_ids
    # No reference left behind (an attached file's bytes are no text: written as hex).
    assert not own_ids & set(json.dumps(copied, default=bytes.hex).split('"'))

    # Every reference followed: foreign keys and plain ids alike.
    objectives = {row["id"] for row in copied["plan_objective"]}
    plans = {row["id"] for row in copied["plan"]}
    assert {o["objective_id"] for o in copied["observation"]} <= objectives
    assert set(copied["home_visit"][0]["objective_ids"]) <= objectives
    assert set(copied["lesson_student"][0]["objectives"]) <= objectives
    assert {o["carried_from_id"] for o in copied["plan_objective"]} - {None} <= objectives
    assert {o["amends_objective_id"] for o in copied["plan_objective"]} - {None} <= objectives
    assert {p["previous_plan_id"] for p in copied["plan"]} - {None} <= plans
    assert {p["amends_plan_id"] for p in copied["plan"]} - {None} <= plans
    snapshot_ids = {o["id"] for r in copied["plan_revision"] for g in r["snapshot"]["goals"]
                    for o in g["objectives"]}
    assert snapshot_ids and snapshot_ids <= objectives
    # The copy's progress reads its own observations.
    progress = elsewhere.progress.for_student(copy.student_id)
    assert progress.objectives
    with elsewhere.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 3  # none duplicated
    assert {p.student_id for p in elsewhere.lessons.get(rich.lesson.id).students} == {
        first.student_id, copy.student_id}


def test_records_already_here_without_their_student(services, rich, elsewhere):
    raw = export_student(services.store, rich.student.id)
    import_package(elsewhere.store, raw, elsewhere.school.id)
    database = sqlite3.connect(elsewhere.store.sqlite_path)  # links unchecked: records stay
    with database:
        database.execute("DELETE FROM student")
    database.close()
    with pytest.raises(AlreadyHere) as refused:
        import_package(elsewhere.store, raw, elsewhere.school.id)
    assert str(refused.value) == (
        "Some records in This file are already in this database (was the file imported "
        "before?). Import it as a copy to keep both.")


def test_a_school_or_student_that_is_gone(services, team, elsewhere):
    with pytest.raises(NotFound) as refused:
        export_student(services.store, "no-such-student")
    assert str(refused.value) == ("This student file no longer exists. It may have been "
                                  "removed in another window.")
    raw = export_student(services.store, team.student.id)
    with pytest.raises(NotFound) as refused:
        import_package(elsewhere.store, raw, "no-such-school")
    assert str(refused.value) == "This school no longer exists. Choose another school."


def test_a_file_that_cannot_be_written_or_read(services, team, tmp_path):
    with pytest.raises(PackageError) as refused:
        write_student_file(services.store, team.student.id, tmp_path / "missing" / "x")
    assert str(refused.value).startswith("The student file could not be written (")
    assert str(refused.value).endswith("). Choose another folder or free some disk space.")
    with pytest.raises(PackageError) as refused:
        read_package(tmp_path / "nowhere.iepstudent")
    assert str(refused.value) == (
        "nowhere.iepstudent cannot be read (No such file or directory). Check that the file "
        "is there and that you may open it.")


def test_command_line_export_preview_and_import(services, rich, tmp_path, capsys,
                                                monkeypatch, data_paths):
    out = tmp_path / "sent"
    out.mkdir()
    monkeypatch.setenv("IEP_STUDIO_PACKAGE_PASSWORD", "Lime-42")
    assert main(["--data-dir", str(data_paths.root), "transfer", "export", "--student", "0001",
                 "--out", str(out), "--encrypt"]) == 0
    path = out / "张小明_0001.iepstudent"
    assert capsys.readouterr().out.strip() == str(path)
    assert read_package(path, "Lime-42").encrypted
    target = str(tmp_path / "target")
    assert main(["--data-dir", target, "transfer", "import", str(path), "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "张小明 (0001), from 城南小学" in shown and "3 plans" in shown
    assert "Nothing was imported (--dry-run)." in shown
    assert main(["--data-dir", target, "transfer", "import", str(path),
                 "--school", "城北小学"]) == 0
    assert f"Imported 张小明 into 城北小学: {rich.student.id}" in capsys.readouterr().out
    assert main(["--data-dir", target, "transfer", "import", str(path)]) == 2
    assert "is already in this database, in 城北小学" in capsys.readouterr().err
    assert main(["--data-dir", target, "transfer", "import", str(path), "--copy",
                 "--school", "城西小学"]) == 0
    assert "as a copy" in capsys.readouterr().out
    monkeypatch.setenv("IEP_STUDIO_PACKAGE_PASSWORD", "wrong")
    assert main(["--data-dir", target, "transfer", "import", str(path), "--dry-run"]) == 2
    assert "could not be opened with this password" in capsys.readouterr().err
    monkeypatch.delenv("IEP_STUDIO_PACKAGE_PASSWORD")
    assert main(["--data-dir", str(data_paths.root), "transfer", "export", "--student", "0001",
                 "--out", str(tmp_path / "plain")]) == 0
    assert parts_of((tmp_path / "plain.iepstudent").read_bytes()).keys() == {
        "manifest.json", "student.json", *(f"attachments/{a.sha256}" for a in rich.attachments)}
