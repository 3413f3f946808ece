"""Engine and session setup for SQLite (embedded) and PostgreSQL (shared)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..errors import QT_TRANSLATE_NOOP, EditConflict, StorageError

log = logging.getLogger(__name__)


def _sqlite_connect(foreign_keys: bool):
    def on_connect(dbapi_connection, _record) -> None:
        # Python's sqlite3 module would otherwise decide itself when to BEGIN and commit
        # DDL on its own, so a failed migration could leave half a schema. We take over
        # transactions (see _sqlite_begin), and set the pragmas here, per connection and
        # outside any transaction, where SQLite honours them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged save survives a power cut
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=5000")  # a second window waits instead of failing
        cursor.close()

    return on_connect


def _sqlite_begin(connection) -> None:
    # IMMEDIATE takes the write lock at the start, so a second window waits (busy_timeout)
    # instead of failing when a read-then-write transaction tries to upgrade its lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for a server database), without opening it."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database)
    return None


class Store:
    """One database. Hand out short sessions, one per user operation."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:":
            return Path(database)
        return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise storage_error(exc) from exc
        except StaleDataError as exc:
            session.rollback()
            raise EditConflict(QT_TRANSLATE_NOOP(
                "Errors", "Someone else changed this file while you were editing it. Your "
                "text is kept; reload the file to see their change, then apply yours "
                "again.")) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def storage_error(exc: DBAPIError) -> StorageError:
    """Turn a driver error into a message a teacher can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The database is busy in another window or program. "
            "Wait a moment and try again; your text is kept."))
    if "disk" in text and ("full" in text or "i/o" in text):
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The disk is full or cannot be written. Free some space, "
            "then try again; your text is kept."))
    if "readonly" in text or "read-only" in text:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The data folder is read-only. Choose a folder you can write to "
            "(--data-dir), or ask your administrator."))
    if "malformed" in text or "not a database" in text:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The database file is damaged. Restore the latest backup "
            "from the backups folder."))
    return StorageError(QT_TRANSLATE_NOOP("Errors", "The database could not be used: {detail}"),
                        detail=str(getattr(exc, "orig", exc)))


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine with our connection rules. Migrations ask for foreign keys off: a batch
    migration rebuilds tables, and ON DELETE CASCADE would empty the child tables."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(QT_TRANSLATE_NOOP(
                    "Errors", "The data folder {folder} cannot be used ({reason}). Choose "
                    "another folder with --data-dir."), folder=str(folder),
                    reason=exc.strerror or str(exc)) from exc
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connect(foreign_keys))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Shared mode: check connections before use so a dropped server link reconnects.
    return create_engine(url, pool_pre_ping=True)


def open_store(url: str, backup_dir: Path | None = None) -> Store:
    """Open the database and bring its schema up to date (backing it up first)."""
    from .migrations import upgrade_to_head

    store = Store(make_engine(url))
    try:
        upgrade_to_head(store, backup_dir)
    except DBAPIError as exc:
        store.dispose()
        raise storage_error(exc) from exc
    except Exception:
        store.dispose()
        raise
    return store
