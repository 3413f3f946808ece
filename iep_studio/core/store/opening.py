"""Opening the database: refusing a file that is not one, clearing backups cut short,
and bringing the schema up to date after a backup. It sits above the engine (database.py),
the migrations and the backups, which need nothing from each other to do it."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import QT_TRANSLATE_NOOP, StorageError
from .backup import backup_sqlite, remove_unfinished
from .migrations import upgrade_to_head

if TYPE_CHECKING:
    from .database import Store

SQLITE_HEADER = b"SQLite format 3\x00"


def open_store(url: str, backup_dir: Path | None = None) -> Store:
    """Open the database and bring its schema up to date (backing it up first)."""
    # Here, not above: refusing a file that is no database needs no SQLAlchemy
    # (store/student_list.py reads the list without it).
    from sqlalchemy.exc import DBAPIError

    from .database import Store, make_engine, storage_error

    store = Store(make_engine(url))

    def before_upgrade(revision: str) -> None:
        if store.sqlite_path and backup_dir is not None:
            backup_sqlite(store.sqlite_path, backup_dir, f"before-upgrade-from-{revision}")

    try:
        if store.sqlite_path is not None:
            refuse_unusable_file(store.sqlite_path)
            if backup_dir is not None:
                remove_unfinished(backup_dir)  # copies cut short by a crash last time
        upgrade_to_head(store, before_upgrade)
    except DBAPIError as exc:
        store.dispose()
        raise storage_error(exc, store.engine.url) from exc
    except Exception:
        store.dispose()
        raise
    return store


def refuse_unusable_file(database: Path) -> None:
    """Refuse a database file that is empty or not SQLite at all: SQLite would open an
    empty one as a new, empty school (and write over it), and the teacher would think
    every record gone. A missing file is a new install."""
    try:
        with open(database, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError:  # missing: a new install; unreadable: SQLite says why (storage_error)
        return
    if not header:
        wal = Path(f"{database}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return  # a new database whose first records are still in its WAL file
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The database file {path} is empty (0 bytes), so IEP Studio did not "
            "open it: it would have started a new, empty school in its place. Restore the "
            "newest backup (iep-studio backups, then iep-studio restore), or ask your "
            "administrator. To start a new school instead, move the empty file away."),
            path=str(database))
    if header != SQLITE_HEADER:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The file {path} is not an IEP Studio database (it is not a SQLite "
            "database at all), so IEP Studio did not open it and changed nothing. Check the "
            "data folder (--data-dir) and IEP_STUDIO_DB_URL; if your records were in this "
            "file, restore the newest backup (iep-studio backups, then iep-studio "
            "restore)."), path=str(database))
