"""Backups and restore: listed newest first with what each holds; a damaged, foreign or
newer backup refused with a plain message; a restore keeps the current database as a
backup first, and a backup from an older version is upgraded when opened."""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from iep_studio.cli import main
from iep_studio.core.errors import StorageError
from iep_studio.core.services import Services
from iep_studio.core.store import open_store
from iep_studio.core.store.backup import (
    DamagedDatabase, backup_sqlite, check_backup, due_daily, list_backups, restore_sqlite,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_restore_brings_the_records_back_and_keeps_what_was_there(
        services, team, data_paths):
    database = services.store.sqlite_path
    before = backup_sqlite(database, data_paths.backups, "manual")
    services.students.update(team.student.id, {"full_name": "张大明"})
    services.store.dispose()
    kept = restore_sqlite(database, before, data_paths.backups)
    reopened = Services(open_store(data_paths.database_url, backup_dir=data_paths.backups))
    assert reopened.students.get(team.student.id).full_name == "张小明"
    assert kept.name.endswith("-before-restore.sqlite")
    assert check_backup(kept).students == 1  # the renamed file is there to go back to
    assert [b.reason for b in list_backups(data_paths.backups)] == ["before-restore", "manual"]
    reopened.store.dispose()


def test_a_backup_carries_the_files_attached_to_a_students_file(
        services, team, data_paths):
    """Attachments live in the database itself: a restored backup brings back a scan
    removed since, byte for byte."""
    from tests.sample_files import pdf

    scan = pdf(2)
    kept = services.attachments.add(team.student.id, "诊断证明.pdf", scan, kind="diagnosis")
    database = services.store.sqlite_path
    before = backup_sqlite(database, data_paths.backups, "manual")
    services.attachments.remove(kept.id)
    services.store.dispose()
    restore_sqlite(database, before, data_paths.backups)
    reopened = Services(open_store(data_paths.database_url, backup_dir=data_paths.backups))
    try:
        restored, = reopened.attachments.for_student(team.student.id)
        assert (restored.file_name, restored.sha256) == ("诊断证明.pdf", kept.sha256)
        assert reopened.attachments.content(kept.id) == scan
    finally:
        reopened.store.dispose()


def test_a_backup_from_an_older_version_is_upgraded_when_restored(tmp_path):
    old = tmp_path / "old-backup.sqlite"
    shutil.copy(FIXTURES / "schema_0002.sqlite", old)
    database = tmp_path / "data" / "iep-studio.sqlite"
    database.parent.mkdir()
    assert restore_sqlite(database, old, tmp_path / "backups") is None  # nothing to keep
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    services = Services(store)
    with store.engine.connect() as connection:
        names = connection.exec_driver_sql("SELECT full_name FROM student").scalars().all()
    assert names == ["张小明"]
    assert services.planner.week(datetime(2026, 11, 16).date()).sessions == []  # 0004 tables
    store.dispose()


def test_damaged_foreign_and_newer_backups_are_refused_plainly(tmp_path):
    damaged = tmp_path / "iep-studio-20261101-080000-000000-manual.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(StorageError) as refused:
        check_backup(damaged)
    assert str(refused.value).startswith(f"The backup {damaged.name} cannot be used: ")
    assert refused.value.message == ("The backup {name} cannot be used: {reason}. Choose "
                                     "another backup.")
    newer = tmp_path / "newer.sqlite"
    shutil.copy(FIXTURES / "schema_0004.sqlite", newer)
    import sqlite3

    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError) as refused:
        check_backup(newer)
    assert str(refused.value) == ("The backup newer.sqlite was made by a newer IEP Studio "
                                  "(schema 9999). Install the newer version to restore it.")
    database = tmp_path / "live.sqlite"
    shutil.copy(FIXTURES / "schema_0004.sqlite", database)
    with pytest.raises(StorageError):
        restore_sqlite(database, newer, tmp_path / "backups")
    assert check_backup(database).students == 1  # nothing was touched


def test_a_daily_backup_is_due_after_a_day(tmp_path, services, data_paths):
    assert due_daily(data_paths.backups, datetime.now())
    backup_sqlite(services.store.sqlite_path, data_paths.backups, "start")
    assert not due_daily(data_paths.backups, datetime.now())
    assert due_daily(data_paths.backups, datetime.now() + timedelta(days=1, minutes=1))


def test_the_backup_commands_list_and_restore(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert main(["--data-dir", str(data), "backup"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "backups"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "manual" in listed[0] and "13 students" in listed[0]
    backup = listed[0].split("\t")[-1]
    assert main(["--data-dir", str(data), "restore", backup]) == 0
    assert "kept in" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "nothing.sqlite")]) == 2


def test_a_database_damaged_beyond_reading_is_kept_and_replaced_by_the_backup(
        services, team, data_paths):
    database = services.store.sqlite_path
    good = backup_sqlite(database, data_paths.backups, "manual")
    services.store.dispose()
    database.write_bytes(b"\x00garbage" * 500)  # the header itself is gone
    kept = restore_sqlite(database, good, data_paths.backups)
    assert kept.name.endswith("before-restore-damaged.sqlite")
    assert kept.read_bytes().startswith(b"\x00garbage")
    reopened = Services(open_store(data_paths.database_url))
    assert reopened.students.get(team.student.id).full_name == "张小明"
    reopened.store.dispose()


def test_a_database_sqlite_cannot_read_is_not_backed_up(tmp_path):
    unreadable = tmp_path / "damaged.sqlite"
    unreadable.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(DamagedDatabase) as refused:
        backup_sqlite(unreadable, tmp_path / "b", "daily")
    assert str(refused.value).startswith(f"The database {unreadable} is damaged, so no backup "
                                         "was made")
    assert list((tmp_path / "b").iterdir()) == []


def test_a_backup_that_cannot_be_put_in_place_says_the_data_was_kept(
        services, data_paths, monkeypatch):
    import sqlite3

    import iep_studio.core.store.backup as backups

    database = services.store.sqlite_path
    good = backup_sqlite(database, data_paths.backups, "manual")
    services.store.dispose()
    real = sqlite3.connect

    def refuse_reading_backups(target, *args, **kwargs):
        if kwargs.get("uri") and good.name in str(target):
            raise sqlite3.OperationalError("disk I/O error")
        return real(target, *args, **kwargs)
    monkeypatch.setattr(backups, "check_backup", lambda path: None)
    monkeypatch.setattr(sqlite3, "connect", refuse_reading_backups)
    with pytest.raises(StorageError) as refused:
        restore_sqlite(database, good, data_paths.backups)
    assert str(refused.value) == ("The backup could not be put in place: disk I/O error. The "
                                  "data as it was is kept in the backups folder.")
    assert [b.reason for b in list_backups(data_paths.backups)] == ["before-restore", "manual"]
