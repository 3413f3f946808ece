"""Engine and session setup for SQLite (embedded) and PostgreSQL (shared)."""
from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..access.rules import PermissionDenied, refuse_removal, refuse_role, refuse_school_facts
from ..access.visibility import restricted
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, EditConflict, IepStudioError, NotFound, StorageError

log = logging.getLogger(__name__)

# How long a write waits for another window's write before saying the database is busy.
BUSY_TIMEOUT_MS = 5000
# The execution option (and session info key) of a read-only transaction: see Store.reading.
READING = "iep_studio_reading"


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
        # A second window's write waits instead of failing, for a bounded time.
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.close()

    return on_connect


def _sqlite_begin(connection) -> None:
    # IMMEDIATE takes the write lock at the start, so a second window waits (busy_timeout)
    # instead of failing when a read-then-write transaction tries to upgrade its lock.
    # A read-only transaction takes no lock at all: in WAL mode it reads the last committed
    # state while another window writes, so listing students never waits for an import.
    if connection.get_execution_options().get(READING):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class ReadingSessionWrite(RuntimeError):
    """A bug: code that writes used a read-only transaction (Store.reading)."""


def _refuse_flush(session, _context, _instances) -> None:
    if session.info.get(READING):
        raise ReadingSessionWrite("a change was flushed in Store.reading(); "
                                  "write in Store.session()")


def _refuse_write_statement(state) -> None:
    if state.session.info.get(READING) and (state.is_insert or state.is_update
                                            or state.is_delete):
        raise ReadingSessionWrite("a write statement ran in Store.reading(); "
                                  "write in Store.session()")


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
        from .audit import watch
        from .changes import ChangeLog

        from ..access import visibility

        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Who is signed in (core/access): None is the machine's own user, with every
        # right, as on the command line of a personal copy. Each session takes the actor
        # of the store it was opened from, so who acts is fixed for the whole operation.
        self.actor = None
        self.system_actor = _system_user()
        self.auditing = True
        # What time it is for every session (the audit log's stamps): the services working
        # on this store hand it their clock (core/clock.py), so both go by the same one.
        self.clock = Clock()
        # On a shared server, the account whose own login this store uses (its sign-in
        # name and password, for reconnecting): see services/sign_in.open_own_login.
        self.login: dict | None = None
        # On a shared server everyone signs in for themselves, and so reviews and signs
        # in their own name only. Whose files one sees is the same rule everywhere.
        self.restricted_to_team = not self.is_sqlite
        # What each committed operation changed (changes.py); copies share it.
        self.changes = ChangeLog()
        watch(self, self._sessions)
        visibility.install(self._sessions)
        event.listen(self._sessions, "before_flush", _refuse_flush)
        event.listen(self._sessions, "do_orm_execute", _refuse_write_statement)

    def acting_as(self, actor) -> Store:
        """The same database, with `actor` acting in every session opened from it; the
        store it came from (and the window using it) keeps its own actor. The demo, for
        one, is written by the program while the window goes on as the teacher."""
        view = copy.copy(self)
        view.actor = actor
        return view

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:":
            return Path(database)
        return None

    def reading(self):
        """A read-only transaction, for operations that only show records. It takes no
        write lock, so it neither waits for nor holds up another window's write; it sees
        the last committed state. Writing in it is a bug and raises ReadingSessionWrite."""
        return self.session(reading=True)

    @contextmanager
    def session(self, *, reading: bool = False) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        session = self._open(reading=reading)
        try:
            yield session
            session.commit()
            if not reading:
                self.changes.committed(session.info.pop("changes", []))
        except DBAPIError as exc:
            session.rollback()
            raise storage_error(exc) from exc
        except NotFound as exc:
            session.rollback()
            if restricted(session.info.get("actor")):
                # Hidden and gone look the same to someone whose team the student is not
                # theirs: even that a record exists is not theirs to learn.
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "This record cannot be opened: it has been removed, or it "
                    "belongs to a student whose team you are not on. Nothing was changed; "
                    "refresh the list, or ask the administrator to add you to the "
                    "team.")) from exc
            raise
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

    def _open(self, *, reading: bool = False) -> Session:
        """A new session, carrying who acts in it (read by the rules and the log) and by
        which clock."""
        # A reading session says so on its connection before BEGIN (see _sqlite_begin).
        reads_only = {READING: True} if reading else {}
        return self._sessions(info={"actor": self.actor, "clock": self.clock, **reads_only},
                              execution_options=reads_only)

    def checkpoint(self) -> None:
        """Fold the WAL journal into the database file, so the .sqlite file alone holds
        everything (someone may copy just that file once a command has finished)."""
        if not self.is_sqlite:
            return
        # The raw connection: outside any transaction, where a checkpoint can finish.
        connection = self.engine.raw_connection()
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _system_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in this environment
        return ""


# Driver texts (lower case) that mean the server cannot be reached or dropped the link.
_UNREACHABLE = (
    "connection refused", "could not connect", "server closed the connection",
    "terminating connection", "timeout", "timed out", "failed to resolve host",
    "could not translate host name", "no route to host", "network is unreachable",
    "connection is closed", "connection is lost", "consuming input failed", "ssl syscall",
)
# PostgreSQL: two transactions waited for each other, or a lock was not granted in time.
_BUSY = ("deadlock detected", "could not serialize", "lock timeout",
         "could not obtain lock")
_SERVER_REFUSED = ("row-level security", "permission denied",
                   "only an administrator may")
_SIGN_IN_REFUSED = ("password authentication failed", "no pg_hba.conf entry",
                    "authentication failed")


def storage_error(exc: DBAPIError, url: URL | str | None = None) -> IepStudioError:
    """Turn a driver error into a message a teacher can act on. A password never shows:
    the detail is cleaned of anything that looks like one (and of `url`'s own)."""
    original = str(getattr(exc, "orig", exc))
    text = original.lower()
    if "duplicate key value violates unique constraint" in text:  # PostgreSQL: a race
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "Someone else saved the same entry at the same moment, so yours was "
            "not saved. Your text is kept; reload to see theirs, then try again."))
    if any(words in text for words in _BUSY):
        return _busy()
    if "whose team one is not on point here" in text:  # the server's removal guard
        return refuse_removal()
    if "records a school's resource room" in text:  # the server's school-facts guard
        return refuse_school_facts()
    if (getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"
            or any(words in text for words in _SERVER_REFUSED)):
        # The server's own rules (row-level security, its triggers, grants) said no.
        return refuse_role()
    if any(words in text for words in _UNREACHABLE):
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The shared database cannot be reached. Check the network and the "
            "server address in IEP_STUDIO_DB_URL, or ask your administrator whether the "
            "database server is running; then try again."))
    if any(words in text for words in _SIGN_IN_REFUSED) or (
            "role" in text and "does not exist" in text):
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The shared database refused to let IEP Studio in. Check the user name "
            "and password in IEP_STUDIO_DB_URL, or ask your administrator."))
    if "locked" in text or "busy" in text:
        return _busy()
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
                        detail=without_secrets(original, url))


def _busy() -> StorageError:
    return StorageError(QT_TRANSLATE_NOOP(
        "Errors", "The database is busy in another window or program. "
        "Wait a moment and try again; your text is kept."))


def without_secrets(text: str, url: URL | str | None = None) -> str:
    """`text` with passwords masked: in URLs (scheme://user:secret@), in key=value
    connection strings, and `url`'s own password wherever it appears."""
    text = re.sub(r"(://[^/:@\s]*:)\S*@", r"\1***@", text)
    text = re.sub(r"(?i)(password\s*=\s*)('[^']*'|\S+)", r"\1***", text)
    password = None
    if url is not None:
        try:
            password = make_url(url).password if isinstance(url, str) else url.password
        except (ArgumentError, ValueError):
            password = None
    if password:
        text = text.replace(str(password), "***")
    return text


CONNECT_TIMEOUT_SECONDS = 10


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine with our connection rules. Migrations ask for foreign keys off: a batch
    migration rebuilds tables, and ON DELETE CASCADE would empty the child tables."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # its text may hold the URL, password and all
        raise _bad_url() from None
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
    if parsed.get_backend_name() != "postgresql":  # MySQL and the rest: never tried, refused
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "IEP_STUDIO_DB_URL points to a {backend} database, which IEP Studio "
            "cannot use: a shared database must be PostgreSQL (or remove IEP_STUDIO_DB_URL to "
            "use the SQLite database in the data folder). Write it as "
            "postgresql+psycopg://user@server/database."), backend=parsed.get_backend_name())
    # Shared mode: check connections before use so a dropped server link reconnects, and
    # give up on a server that does not answer instead of waiting for ever.
    connect_args = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    if "options" not in parsed.query:
        # A save that waits for a colleague's save gives up after a while, with the busy
        # message, instead of waiting for ever (as SQLite's busy timeout does).
        connect_args["options"] = f"-c lock_timeout={BUSY_TIMEOUT_MS}"
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except ImportError as exc:  # the driver is an optional extra
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "The shared database needs the PostgreSQL driver, which is not "
            "installed. Install IEP Studio with its postgres extra (pip install "
            "'.[postgres]'), or ask your administrator.")) from exc
    except (ArgumentError, ValueError):
        raise _bad_url() from None


def _bad_url() -> StorageError:
    return StorageError(QT_TRANSLATE_NOOP(
        "Errors", "IEP_STUDIO_DB_URL is not a database address IEP Studio can use. Write it "
        "as postgresql+psycopg://user@server/database, or remove it to use the database "
        "in the data folder."))
