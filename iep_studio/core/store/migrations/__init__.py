"""Schema migrations (Alembic scripts live beside this file) and the start-up upgrade."""
from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import inspect, text

from ...errors import QT_TRANSLATE_NOOP, StorageError

log = logging.getLogger(__name__)

# The newest revision in versions/. Start-up compares the database with this constant, so
# an up-to-date database never pays for importing Alembic (~0.5 s). A test keeps it true.
HEAD_REVISION = "0007"

SCRIPT_LOCATION = Path(__file__).parent

# The PostgreSQL advisory lock one schema upgrade holds at a time (any fixed number).
UPGRADE_LOCK = 7_301_405_226


def current_revision(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(store, backup_dir: Path | None) -> None:
    """Bring the schema to HEAD_REVISION, backing up an existing SQLite database first."""
    with store.engine.connect() as connection:
        revision = current_revision(connection)
        has_tables = bool(inspect(connection).get_table_names())
    if revision == HEAD_REVISION:
        return
    if revision is None and has_tables:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "This database was not made by IEP Studio. Choose another file or an "
            "empty folder."))
    if revision is not None:
        _check_known(revision)
        if store.sqlite_path and backup_dir is not None:
            from ..backup import backup_sqlite

            backup_sqlite(store.sqlite_path, backup_dir, f"before-upgrade-from-{revision}")
    _run_upgrade(store, "head")


def known_revision(revision: str) -> bool:
    """A schema this version knows (it can open or upgrade it)."""
    from alembic.script import ScriptDirectory

    return _exists(ScriptDirectory(str(SCRIPT_LOCATION)), revision)


def _check_known(revision: str) -> None:
    from alembic.script import ScriptDirectory

    if _exists(ScriptDirectory(str(SCRIPT_LOCATION)), revision):
        return
    raise StorageError(QT_TRANSLATE_NOOP(
        "Errors", "This database was written by a newer IEP Studio (schema {revision}). "
        "Install the newer version to open it; nothing was changed."), revision=revision)


def _exists(scripts, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        scripts.get_revision(revision)
        return True
    except CommandError:
        return False


def _run_upgrade(store, target: str) -> None:
    from alembic import command

    from ..database import make_engine

    log.info("upgrading database schema to %s", target)
    # A separate engine with foreign keys off: SQLite ignores the pragma inside a
    # transaction, and batch migrations must not cascade-delete while rebuilding tables.
    engine = (make_engine(store.engine.url.render_as_string(hide_password=False),
                          foreign_keys=False) if store.is_sqlite else store.engine)
    try:
        with engine.connect() as connection:
            # One transaction for the whole upgrade and the check after it: if the check
            # finds broken links, everything rolls back and the schema stays as it was.
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Computers starting at once on a shared server: one upgrades, the
                    # others wait here and then find the schema current (SQLite's
                    # BEGIN IMMEDIATE does the same for windows on one computer).
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                       {"key": UPGRADE_LOCK})
                command.upgrade(alembic_config(connection), target)
                if store.is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StorageError(QT_TRANSLATE_NOOP(
                            "Errors", "The database upgrade found {count} broken links "
                            "between records, so it was not upgraded. The backup taken before "
                            "the upgrade is in the backups folder."), count=len(broken))
    finally:
        if engine is not store.engine:
            engine.dispose()
