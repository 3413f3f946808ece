"""Schema migrations (Alembic scripts live beside this file) and the start-up upgrade."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ...errors import QT_TRANSLATE_NOOP, StorageError

log = logging.getLogger(__name__)

# The newest revision in versions/. Start-up compares the database with this constant, so
# an up-to-date database never pays for importing Alembic (~0.5 s). A test keeps it true.
HEAD_REVISION = "0012"

SCRIPT_LOCATION = Path(__file__).parent

# The PostgreSQL advisory lock one schema upgrade holds at a time (any fixed number).
UPGRADE_LOCK = 7_301_405_226


def current_revision(connection) -> str | None:
    from sqlalchemy import inspect, text  # here: listing backups needs no SQLAlchemy

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(store, before_upgrade=lambda revision: None) -> None:
    """Bring the schema to HEAD_REVISION; `before_upgrade(revision)` runs first on an
    existing database (opening.py backs it up there)."""
    from sqlalchemy import inspect

    with store.engine.connect() as connection:
        revision = current_revision(connection)
        if revision == HEAD_REVISION:
            return  # the usual start: one small read, nothing of Alembic's
        tables = set(inspect(connection).get_table_names())
    if revision is None and tables - {"alembic_version"}:
        if "alembic_version" in tables:  # ours, but the version record is gone
            raise StorageError(QT_TRANSLATE_NOOP(
                "Errors", "This database does not say which version of IEP Studio made it "
                "(its version record is empty): its first setup did not finish, or the file "
                "is damaged. Nothing was changed. Restore the latest backup from the backups "
                "folder, or choose an empty folder to start again."))
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "This database was not made by IEP Studio. Choose another file or an "
            "empty folder."))
    if revision is not None:
        _check_known(revision)
        before_upgrade(revision)
    _run_upgrade(store, "head")


def known_revision(revision: str) -> bool:
    """A schema this version knows (it can open or upgrade it): exactly one of ours, not a
    prefix of one or a name such as "head" that Alembic would also accept."""
    return revision in known_revisions()


def known_revisions() -> set[str]:
    """The revisions of the scripts in versions/, read from their text: Alembic's own
    reading of them costs half a second, which listing the backups (each is checked)
    should not pay. A test checks that Alembic finds the same ones."""
    pattern = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
    return {found.group(1) for script in (SCRIPT_LOCATION / "versions").glob("*.py")
            for found in [pattern.search(script.read_text(encoding="utf-8"))] if found}


def _check_known(revision: str) -> None:
    if known_revision(revision):
        return
    shown = revision[:40] if revision.isprintable() else ascii(revision[:40])
    if re.fullmatch(r"\d{4}", revision) and revision > HEAD_REVISION:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "This database was written by a newer IEP Studio (schema {revision}). "
            "Install the newer version to open it; nothing was changed."), revision=shown)
    # Not one of our numbers, or one we never released: not a newer version's database.
    raise StorageError(QT_TRANSLATE_NOOP(
        "Errors", "This database records a schema version IEP Studio never used "
        "({revision}): it was not made by IEP Studio, or its version record was changed or "
        "damaged. Nothing was changed. Restore the latest backup from the backups folder, "
        "or choose another file."), revision=shown)


def _run_upgrade(store, target: str) -> None:
    from alembic import command
    from sqlalchemy import text

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
                    # Worth waiting for, however long (saves give up after a while).
                    connection.execute(text("SET LOCAL lock_timeout = 0"))
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
