"""Every message the core can show a teacher is written out and checked somewhere in the
tests, and the faults of the environment get plain messages too."""
from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

import iep_studio.core
from iep_studio.core.errors import NotFound
from iep_studio.core.store.database import storage_error

TESTS = Path(__file__).resolve().parents[1]


def core_messages() -> list[str]:
    messages = []
    package = Path(iep_studio.core.__file__).parent.parent
    paths = [*(package / "core").rglob("*.py"), *(package / "reports").rglob("*.py")]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
                    and isinstance(node.args[1], ast.Constant)):
                messages.append(node.args[1].value)
    return messages


def test_every_core_message_is_checked_by_a_test():
    # Strings as the tests spell them (ast joins "implicitly " "concatenated" parts).
    tests_text = "\n".join(
        node.value for path in TESTS.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str))
    unchecked = []
    for message in core_messages():
        # The longest run of literal text between placeholders must appear in a test.
        literal = max(re.split(r"\{[a-z_]+\}", message), key=len)
        if literal not in tests_text:
            unchecked.append(message)
    assert len(core_messages()) > 20
    assert unchecked == []


@pytest.mark.parametrize("driver_text, expected", [
    ("database is locked", "The database is busy in another window or program. Wait a "
                           "moment and try again; your text is kept."),
    ("database or disk is full", "The disk is full or cannot be written. Free some space, "
                                 "then try again; your text is kept."),
    ("attempt to write a readonly database", "The data folder is read-only. Choose a folder "
                                             "you can write to (--data-dir), or ask your "
                                             "administrator."),
    ("file is not a database", "The database file is damaged. Restore the latest backup "
                               "from the backups folder."),
    ("no such table: student", "The database could not be used: no such table: student"),
])
def test_environment_faults_get_plain_messages(driver_text, expected):
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError(driver_text))
    assert str(storage_error(error)) == expected


def test_entries_removed_elsewhere(services, school):
    student = services.students.create(school.id, "张小明")
    guardian = services.students.add_guardian(student.id, name="李梅")
    services.students.remove_guardian(guardian.id)
    with pytest.raises(NotFound) as excinfo:
        services.students.update_guardian(guardian.id, {"phone": "1"})
    assert str(excinfo.value) == ("This entry no longer exists. It may have been removed in "
                                  "another window.")
    with pytest.raises(NotFound) as excinfo:
        services.assessments.remove("gone")
    assert str(excinfo.value) == "This assessment no longer exists."
    with pytest.raises(NotFound) as excinfo:
        services.schools.update_person("gone", {"phone": "1"})
    assert str(excinfo.value) == "This person no longer exists."
    with pytest.raises(NotFound) as excinfo:
        services.assessments.add("gone", "CARS", "2024-01-01")
    assert str(excinfo.value) == "This student file no longer exists."


def test_upgrade_that_finds_broken_links_rolls_back_and_says_so(tmp_path):
    """A real upgrade of a schema-0001 database holding a guardian whose student is gone."""
    import shutil

    from iep_studio.core.errors import StorageError
    from iep_studio.core.store import open_store

    fixture = TESTS / "migrations" / "fixtures" / "schema_0001.sqlite"
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO guardian (id, student_id, name, relationship, phone, "
                   "workplace, primary_contact, note, position, created_at, updated_at, "
                   "version) VALUES ('g', 'nobody', 'x', '', '', '', 0, '', 0, '2024-01-01', "
                   "'2024-01-01', 1)")
    for _attempt in range(2):  # the second start must refuse again, not open silently
        with pytest.raises(StorageError) as excinfo:
            open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
        assert str(excinfo.value) == (
            "The database upgrade found 1 broken links between records, so it was not "
            "upgraded. The backup taken before the upgrade is in the backups folder.")
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert "lesson" not in {r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    assert list((tmp_path / "backups").glob("*before-upgrade-from-0001.sqlite"))


def test_a_data_folder_that_cannot_be_made(tmp_path, capsys):
    from iep_studio.cli import main

    (tmp_path / "afile").write_text("x")
    assert main(["--data-dir", str(tmp_path / "afile" / "sub"), "students"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"iep-studio: The data folder {tmp_path / 'afile' / 'sub'} cannot be "
                          "used (Not a directory). Choose another folder with --data-dir.")
