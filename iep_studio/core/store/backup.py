"""Backups of the SQLite database through SQLite's online backup API.

Copying the file of an open WAL database loses whatever is still in the -wal file; the
backup API copies a consistent snapshot even while another connection writes.

A backup is only as good as the database it copies, so the database is checked first and
the copy after: a damaged database is never backed up, so it can never push the good
backups out. A copy is written under a temporary name and renamed when whole and checked,
so a copy cut short (the computer switched off) never passes for a backup.
"""
from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from ..errors import QT_TRANSLATE_NOOP, StorageError

log = logging.getLogger(__name__)

UNFINISHED = ".partial"  # a copy being written: iep-studio-<time>-<reason>.sqlite.partial
# SQLite's companions of a database file (a rollback journal, or WAL and shared memory).
COMPANIONS = ("-journal", "-wal", "-shm")


class DamagedDatabase(StorageError):
    """The database failed its integrity check: no backup was made and none removed."""


def backup_sqlite(source: Path, backup_dir: Path, reason: str, keep: int = 20) -> Path:
    """Copy `source` into `backup_dir` as iep-studio-<time>-<reason>.sqlite; keep the newest
    `keep` backups made for the same reason. A damaged `source` raises DamagedDatabase and
    leaves the backups as they were."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"iep-studio-{stamp}-{reason}.sqlite"
    unfinished = target.with_name(target.name + UNFINISHED)
    try:
        _copy(_checked_source(source), unfinished)
        _make_standalone(unfinished)
        _check_copy(unfinished)
        os.replace(unfinished, target)
    except (sqlite3.Error, OSError) as error:  # a full disk, a folder one cannot write to
        _remove_with_companions(unfinished)  # half a backup would pass for the newest one
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The backup could not be written: {reason}. Free some disk space or "
            "choose another folder for the data."), reason=_reason(error)) from error
    except DamagedDatabase:
        _remove_with_companions(unfinished)
        raise
    log.info("backup written: %s", target.name)
    # The copy just written is whole and checked: it is the newest good backup, and keeping
    # at least one of each kind means pruning can never remove it.
    _prune(backup_dir, reason, max(keep, 1))
    return target


def _checked_source(source: Path) -> sqlite3.Connection:
    """A connection to `source` once it has passed SQLite's quick check (pages, records
    and free list; a few seconds on the largest school)."""
    # mode=rw: a missing file is an error, not a new empty database to back up.
    connection = sqlite3.connect(_uri(source, mode="rw"), uri=True)
    try:
        problems = _quick_check(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        if not _is_damage(error):
            raise
        problems = [str(error)]
    if problems:
        connection.close()
        log.error("database %s failed its check: %s", source, "; ".join(problems[:5]))
        raise DamagedDatabase(QT_TRANSLATE_NOOP(
            "Errors", "The database {path} is damaged, so no backup was made and the earlier "
            "backups were kept as they are. Stop entering records and restore the newest "
            "backup: File → Restore a backup… in the window (damaged backups are marked), or "
            "iep-studio backups and iep-studio restore on the command line. Ask your "
            "administrator if you are unsure."), path=str(source))
    return connection


def _quick_check(connection: sqlite3.Connection) -> list[str]:
    """What SQLite's quick check found wrong (empty when the database is whole)."""
    rows = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else [str(row) for row in rows] or ["no answer"]


def _is_damage(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def _make_standalone(copy: Path) -> None:
    """Give the copy a rollback journal instead of the WAL it inherits from the database,
    so reading it later needs (and leaves) no -wal or -shm file beside it."""
    connection = sqlite3.connect(str(copy))
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _check_copy(copy: Path) -> None:
    connection = sqlite3.connect(_uri(copy, mode="ro", immutable=1), uri=True)
    try:
        problems = _quick_check(connection)
    finally:
        connection.close()
    if problems:  # written wrongly (the disk?): the database itself passed its check
        raise sqlite3.DatabaseError("the copy failed its check: " + problems[0])


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _prune(backup_dir: Path, reason: str, keep: int) -> None:
    old = sorted(backup_dir.glob(f"iep-studio-*-{reason}.sqlite"))[:-keep]
    for path in old:
        _remove_with_companions(path)


def _remove_with_companions(path: Path) -> None:
    for name in (path.name, *(path.name + extra for extra in COMPANIONS)):
        (path.parent / name).unlink(missing_ok=True)


def remove_unfinished(backup_dir: Path) -> list[Path]:
    """At start: remove backups cut short (by a crash, a power cut or a killed process)
    with their journals, and the -wal/-shm files older versions left beside backups when
    listing them. A copy another window is writing right now is left alone. Returns what
    was removed."""
    if not backup_dir.is_dir():
        return []
    removed = []
    # Copies cut short: under the temporary name, or (older versions wrote in place) a
    # backup with the rollback journal of a copy that never finished.
    unfinished = list(backup_dir.glob(f"iep-studio-*.sqlite{UNFINISHED}"))
    unfinished += [journal.with_name(journal.name[:-len("-journal")])
                   for journal in backup_dir.glob("iep-studio-*.sqlite-journal")]
    for path in unfinished:
        if _being_written(path):
            continue
        for name in (path.name, *(path.name + extra for extra in COMPANIONS)):
            if (path.parent / name).exists():
                (path.parent / name).unlink(missing_ok=True)
                removed.append(path.parent / name)
    for shared_memory in backup_dir.glob("iep-studio-*.sqlite-shm"):
        wal = shared_memory.with_name(shared_memory.name[:-len("-shm")] + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            continue  # holds changes someone made to a backup: not ours to throw away
        for path in (shared_memory, wal):
            if path.exists():
                path.unlink(missing_ok=True)
                removed.append(path)
    if removed:
        log.info("removed unfinished backups: %s", ", ".join(p.name for p in removed))
    return removed


def _being_written(path: Path) -> bool:
    """Whether another window holds SQLite's lock on this copy (it is writing it now)."""
    if not path.exists():
        return False
    try:
        connection = sqlite3.connect(str(path), timeout=0)
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN EXCLUSIVE")
        connection.rollback()
        return False
    except sqlite3.Error as error:
        return getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")
    finally:
        connection.close()


def _uri(path: Path, **parameters) -> str:
    """A SQLite file URI; `immutable=1` reads without making a -wal or -shm file beside
    it (for backups, which nothing writes once they are renamed)."""
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(path.as_posix(), safe='/:')}?{query}"


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
            size = path.stat().st_size
        except (ValueError, IndexError):
            continue  # not one of ours
        except OSError:
            continue  # pruned by another window meanwhile
        found.append(Backup(path, made, parts[5] if len(parts) > 5 else "", size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def check_backup(path: Path) -> BackupCheck:
    """Open a backup read-only and make sure it is a whole IEP Studio database that this
    version can use; say plainly what is wrong if not."""
    from .migrations import known_revision

    try:
        # Immutable: checking (and listing) backups leaves no -wal or -shm file beside them.
        connection = sqlite3.connect(_uri(path, mode="ro", immutable=1), uri=True)
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
        _copy(sqlite3.connect(_uri(backup, mode="ro", immutable=1), uri=True), database)
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
        unfinished = target.with_name(target.name + UNFINISHED)
        try:
            backup_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(database, unfinished)
            os.replace(unfinished, target)
        except OSError as error:
            unfinished.unlink(missing_ok=True)
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
