"""Backups that can always restore: a damaged database is never backed up over good
backups, a copy cut short never passes for a backup, reading backups leaves nothing
beside them, and an empty or foreign database file is refused at start."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from iep_studio.core.errors import StorageError
from iep_studio.core.store import open_store
from iep_studio.core.store.backup import backup_sqlite, check_backup, list_backups

DAMAGED = ("The database {path} is damaged, so no backup was made and the earlier backups "
           "were kept as they are. Stop entering records and restore the newest backup: "
           "File → Restore a backup… in the window (damaged backups are marked), or "
           "iep-studio backups and iep-studio restore on the command line. Ask your "
           "administrator if you are unsure.")


def damage(database: Path, table: str = "student") -> None:
    """Write garbage over one table's first page, in the middle of the file, as a failing
    disk would: SQLite goes on opening the file without a word."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
    assert root > 1
    with open(database, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_a_damaged_database_never_pushes_the_good_backup_out(services, team, data_paths):
    database = services.store.sqlite_path
    good = backup_sqlite(database, data_paths.backups, "start", keep=20)
    services.store.checkpoint()
    services.store.dispose()
    damage(database)
    for attempt in range(25):  # a month of starts on a silently damaged database
        with pytest.raises(StorageError) as refused:
            backup_sqlite(database, data_paths.backups, ("start", "daily")[attempt % 2],
                          keep=20)
        assert str(refused.value) == DAMAGED.format(path=database)
    assert [b.path for b in list_backups(data_paths.backups)] == [good]
    assert sorted(p.name for p in data_paths.backups.iterdir()) == [good.name]
    assert check_backup(good).students == 1  # and it restores


KILLED_MID_COPY = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path

    import iep_studio.core.store.backup as backups

    def copy_until_killed(source, target):
        # The real copy, a page at a time, until the process is killed on the third page:
        # a power cut in the middle of a backup.
        destination = __import__("sqlite3").connect(str(target))

        def progress(status, remaining, total):
            if total - remaining >= 3:
                os.kill(os.getpid(), signal.SIGKILL)
        source.backup(destination, pages=1, progress=progress)

    backups._copy = copy_until_killed
    backups.backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]), "daily")
""")


def test_a_backup_killed_mid_copy_is_removed_at_the_next_start(services, team, data_paths):
    database = services.store.sqlite_path
    good = backup_sqlite(database, data_paths.backups, "daily")
    services.store.dispose()
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_COPY, str(database),
                             str(data_paths.backups)], capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(p.name for p in data_paths.backups.iterdir())
    assert len(left) > 1 and any(name.endswith("-journal") for name in left)  # cut short
    reopened = open_store(data_paths.database_url, backup_dir=data_paths.backups)
    reopened.dispose()
    assert sorted(p.name for p in data_paths.backups.iterdir()) == [good.name]
    assert [b.path for b in list_backups(data_paths.backups)] == [good]


def test_listing_and_checking_backups_leaves_no_files_beside_them(
        services, team, data_paths):
    made = [backup_sqlite(services.store.sqlite_path, data_paths.backups, reason)
            for reason in ("start", "manual")]
    for backup in list_backups(data_paths.backups):  # what the restore dialog does
        assert check_backup(backup.path).students == 1
    assert sorted(p.name for p in data_paths.backups.iterdir()) == sorted(p.name for p in made)


def test_journal_files_older_versions_left_beside_backups_go_at_start(
        services, team, data_paths):
    backup = backup_sqlite(services.store.sqlite_path, data_paths.backups, "start")
    Path(f"{backup}-wal").write_bytes(b"")  # what listing a backup used to leave
    Path(f"{backup}-shm").write_bytes(b"\x00" * 32768)
    open_store(data_paths.database_url, backup_dir=data_paths.backups).dispose()
    assert sorted(p.name for p in data_paths.backups.iterdir()) == [backup.name]


@pytest.mark.parametrize("content, message", [
    (b"", "The database file {path} is empty (0 bytes), so IEP Studio did not open it: it "
          "would have started a new, empty school in its place. Restore the newest backup "
          "(iep-studio backups, then iep-studio restore), or ask your administrator. To "
          "start a new school instead, move the empty file away."),
    ("学生名单\n张小明\n".encode() * 40,
     "The file {path} is not an IEP Studio database (it is not a SQLite database at all), "
     "so IEP Studio did not open it and changed nothing. Check the data folder "
     "(--data-dir) and IEP_STUDIO_DB_URL; if your records were in this file, restore the "
     "newest backup (iep-studio backups, then iep-studio restore)."),
])
def test_an_empty_or_foreign_database_file_is_refused_at_start(tmp_path, content, message):
    database = tmp_path / "data" / "iep-studio.sqlite"
    database.parent.mkdir()
    database.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        open_store(f"sqlite:///{database}", backup_dir=tmp_path / "data" / "backups")
    assert str(refused.value) == message.format(path=database)
    assert database.read_bytes() == content  # nothing written over it
    assert sorted(os.listdir(database.parent)) == ["iep-studio.sqlite"]
    database.rename(tmp_path / "moved-away.sqlite")  # as the message says: a new school
    open_store(f"sqlite:///{database}", backup_dir=tmp_path / "data" / "backups").dispose()
    assert database.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing_half_done(
        services, team, data_paths, monkeypatch):
    from iep_studio.core.errors import StorageError
    from iep_studio.core.store import backup

    def full_disk(_source, _target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy", full_disk)
    with pytest.raises(StorageError) as refused:
        backup.backup_sqlite(data_paths.database, data_paths.backups, "manual")
    assert str(refused.value) == (
        "The backup could not be written: database or disk is full. Free some disk space or "
        "choose another folder for the data.")
    assert list(data_paths.backups.glob("*manual*")) == []
