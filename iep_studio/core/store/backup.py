"""Backups of the SQLite database through SQLite's online backup API.

Copying the file of an open WAL database loses whatever is still in the -wal file; the
backup API copies a consistent snapshot even while another connection writes.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP, StorageError

log = logging.getLogger(__name__)


def backup_sqlite(source: Path, backup_dir: Path, reason: str, keep: int = 20) -> Path:
    """Copy `source` into `backup_dir` as iep-studio-<time>-<reason>.sqlite; keep the newest
    `keep` backups made for the same reason."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"iep-studio-{stamp}-{reason}.sqlite"
    try:
        _copy(sqlite3.connect(str(source)), target)
    except sqlite3.Error as error:  # a full disk, a damaged database
        target.unlink(missing_ok=True)  # half a backup would pass for the newest one
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The backup could not be written: {reason}. Free some disk space or "
            "choose another folder for the data."), reason=str(error)) from error
    log.info("backup written: %s", target.name)
    _prune(backup_dir, reason, keep)
    return target


def _prune(backup_dir: Path, reason: str, keep: int) -> None:
    old = sorted(backup_dir.glob(f"iep-studio-*-{reason}.sqlite"))[:-keep]
    for path in old:
        path.unlink(missing_ok=True)


# -- listing, checking and restoring ----------------------------------------------------
REASONS = ("start", "daily", "manual", "before-restore")  # plus before-upgrade-from-NNNN
PENDING_RESTORE = "restore-at-start.txt"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class BackupCheck:
    revision: str
    students: int
    newest_change: str  # when a record was last changed, as stored


def list_backups(backup_dir: Path) -> list[Backup]:
    """Newest first."""
    found = []
    for path in backup_dir.glob("iep-studio-*.sqlite"):
        parts = path.stem.split("-", 5)  # iep-studio-YYYYMMDD-HHMMSS-ffffff-reason
        try:
            made = datetime.strptime("-".join(parts[2:5]), "%Y%m%d-%H%M%S-%f")
        except (ValueError, IndexError):
            continue  # not one of ours
        found.append(Backup(path, made, parts[5] if len(parts) > 5 else "",
                            path.stat().st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def check_backup(path: Path) -> BackupCheck:
    """Open a backup read-only and make sure it is a whole IEP Studio database that this
    version can use; say plainly what is wrong if not."""
    from .migrations import known_revision

    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _unusable(path, str(error)) from error
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()
        if not result or result[0] != "ok":
            raise _unusable(path, "the integrity check found damage")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        students = connection.execute("SELECT count(*) FROM student").fetchone()[0]
        newest = connection.execute("SELECT max(updated_at) FROM student").fetchone()[0] or ""
    except sqlite3.DatabaseError as error:  # not a database, or not ours
        raise _unusable(path, "it is not an IEP Studio database") from error
    finally:
        connection.close()
    if revision is None or not known_revision(revision[0]):
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The backup {name} was made by a newer IEP Studio (schema {revision}). "
            "Install the newer version to restore it."), name=path.name,
            revision=revision[0] if revision else "?")
    return BackupCheck(revision[0], students, str(newest)[:19])


def _unusable(path: Path, reason: str) -> StorageError:
    return StorageError(QT_TRANSLATE_NOOP(
        "Errors", "The backup {name} cannot be used: {reason}. Choose another backup."),
        name=path.name, reason=reason)


def restore_sqlite(database: Path, backup: Path, backup_dir: Path) -> Path:
    """Put `backup` in place of `database` (no connection may be open on it): the current
    database is kept as a backup first, and the copy goes through the backup API. The
    caller opens the store afterwards, which upgrades an older backup. Returns the backup
    of the database as it was."""
    check_backup(backup)
    kept = _keep_current(database, backup_dir) if database.exists() else None
    try:
        _copy(sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True), database)
    except sqlite3.Error as error:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The backup could not be put in place: {reason}. The data as it was is "
            "kept in the backups folder."), reason=str(error)) from error
    log.info("restored %s (the previous database is in %s)", backup.name,
             kept.name if kept else "-")
    return kept


def _keep_current(database: Path, backup_dir: Path) -> Path:
    """The database as it is, kept before a restore. A database too damaged for SQLite to
    read is kept as a plain copy: that is exactly when a restore is needed."""
    try:
        return backup_sqlite(database, backup_dir, "before-restore")
    except StorageError:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = backup_dir / f"iep-studio-{stamp}-before-restore-damaged.sqlite"
        try:
            shutil.copy2(database, target)
        except OSError as error:
            raise StorageError(QT_TRANSLATE_NOOP(
                "Errors", "The backup could not be written: {reason}. Free some disk space or "
                "choose another folder for the data."), reason=str(error)) from error
        # Kept: now make room for the backup (SQLite cannot write over what it cannot read),
        # with the WAL and shared-memory files that belonged to the damaged database.
        for extra in ("", "-wal", "-shm"):
            Path(f"{database}{extra}").unlink(missing_ok=True)
        return target


def due_daily(backup_dir: Path, now: datetime) -> bool:
    """True when no backup of any kind was made in the last day."""
    newest = next(iter(list_backups(backup_dir)), None) if backup_dir.exists() else None
    return newest is None or (now - newest.made_at).total_seconds() >= 24 * 3600


def schedule_restore(backup_dir: Path, backup: Path) -> None:
    """Restore `backup` at the next start, before the database is opened (a database in
    use cannot be replaced safely, and on Windows not at all)."""
    check_backup(backup)
    backup_dir.mkdir(parents=True, exist_ok=True)
    (backup_dir / PENDING_RESTORE).write_text(str(backup), encoding="utf-8")


def run_pending_restore(database: Path, backup_dir: Path) -> tuple[Path, Path | None] | None:
    """At start: carry out a scheduled restore, once. Returns (the backup restored, the
    backup of the database as it was), or None when none was scheduled."""
    pending = backup_dir / PENDING_RESTORE
    if not pending.exists():
        return None
    backup = Path(pending.read_text(encoding="utf-8").strip())
    pending.unlink()  # whatever happens, it is not tried again at every start
    return backup, restore_sqlite(database, backup, backup_dir)


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open database into `target` through SQLite's backup API, which reads a
    consistent state even of a WAL database in use (a file copy would not); both
    connections are closed afterwards."""
    try:
        destination = sqlite3.connect(str(target))
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
