"""The server goes away: connections killed on the server, a server that cannot be
reached, and messages that say what to do and never show a password."""
from __future__ import annotations

import socket
import sqlite3
import sys

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from iep_studio.core.errors import StorageError
from iep_studio.core.model import Student
from iep_studio.core.store import open_store
from iep_studio.core.store.database import make_engine, storage_error

UNREACHABLE = ("The shared database cannot be reached. Check the network and the server "
               "address in IEP_STUDIO_DB_URL, or ask your administrator whether the database "
               "server is running; then try again.")
REFUSED = ("The shared database refused to let IEP Studio in. Check the user name and "
           "password in IEP_STUDIO_DB_URL, or ask your administrator.")
BAD_URL = ("IEP_STUDIO_DB_URL is not a database address IEP Studio can use. Write it as "
           "postgresql+psycopg://user@server/database, or remove it to use the database in "
           "the data folder.")
NO_DRIVER = ("The shared database needs the PostgreSQL driver, which is not installed. "
             "Install IEP Studio with its postgres extra (pip install '.[postgres]'), or ask "
             "your administrator.")
PASSWORD = "Geheim-7731"


def kill_connections(pg_admin, database: str) -> int:
    """End every server process serving `database`, waiting until each is gone."""
    with pg_admin.connect() as connection:
        return len(connection.execute(text(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": database}).all())


def test_idle_connections_killed_on_the_server_reconnect(services, school, store, pg_admin):
    student = services.students.create(school.id, "张小明")
    assert kill_connections(pg_admin, store.engine.url.database) >= 1
    # The pool checks each connection before handing it out, and replaces a dead one.
    assert services.students.get(student.id).full_name == "张小明"
    services.students.update(student.id, {"needs": "轮流等待困难"})
    assert services.students.get(student.id).needs == "轮流等待困难"


def test_a_connection_killed_in_the_middle_of_a_save(services, school, store, pg_admin):
    student = services.students.create(school.id, "张小明")
    with pytest.raises(StorageError) as excinfo, store.session() as s:
        s.get(Student, student.id).needs = "不会留下"
        s.flush()
        kill_connections(pg_admin, store.engine.url.database)
        s.execute(select(Student.id)).all()
    assert str(excinfo.value) == UNREACHABLE
    # Nothing of the broken transaction was kept, and the next operation works again.
    assert services.students.get(student.id).needs == ""
    services.students.update(student.id, {"needs": "轮流等待困难"})
    assert services.students.get(student.id).needs == "轮流等待困难"


def test_a_server_that_cannot_be_reached(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://teacher:{PASSWORD}@127.0.0.1:{port}/iep"
    with pytest.raises(StorageError) as excinfo:
        open_store(url, backup_dir=tmp_path / "backups")
    assert str(excinfo.value) == UNREACHABLE
    assert PASSWORD not in excinfo.value.text()
    assert not (tmp_path / "backups").exists()


def test_a_server_that_refuses_the_user(pg_admin):
    url = pg_admin.url.set(username="nobody_here", password=PASSWORD)
    with pytest.raises(StorageError) as excinfo:
        open_store(url.render_as_string(hide_password=False))
    assert str(excinfo.value) == REFUSED


@pytest.mark.parametrize("driver_text", [
    ('connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection '
     "refused\n\tIs the server running on that host and accepting TCP/IP connections?"),
    "consuming input failed: server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "connection timeout expired",
    "failed to resolve host 'db.school.example': [Errno -2] Name or service not known",
    "the connection is closed",
])
def test_lost_server_texts_get_the_plain_message(driver_text):
    error = OperationalError("SELECT 1", {}, Exception(driver_text))
    assert str(storage_error(error)) == UNREACHABLE


@pytest.mark.parametrize("driver_text", [
    'connection failed: FATAL:  password authentication failed for user "teacher"',
    'connection failed: FATAL:  role "teacher" does not exist',
])
def test_refused_sign_in_texts_get_the_plain_message(driver_text):
    error = OperationalError("SELECT 1", {}, Exception(driver_text))
    assert str(storage_error(error)) == REFUSED


@pytest.mark.parametrize("driver_text", [
    f'missing "=" after "postgresql://teacher:{PASSWORD}@db/iep" in connection info string',
    f"invalid connection option in: host=db user=teacher password={PASSWORD} dbname=iep",
    f"something unexpected about {PASSWORD}",
])
def test_a_password_never_shows_in_a_message(driver_text):
    error = OperationalError("SELECT 1", {}, Exception(driver_text))
    message = str(storage_error(error, f"postgresql+psycopg://teacher:{PASSWORD}@db/iep"))
    assert message.startswith("The database could not be used: ")
    assert PASSWORD not in message


@pytest.mark.parametrize("driver_text", [
    "deadlock detected\nDETAIL:  Process 4711 waits for ShareLock on transaction 815",
    "canceling statement due to lock timeout",
    "could not serialize access due to concurrent update",
])
def test_waiting_for_another_person_gets_the_busy_message(driver_text):
    error = OperationalError("UPDATE plan", {}, Exception(driver_text))
    assert str(storage_error(error)) == ("The database is busy in another window or program. "
                                         "Wait a moment and try again; your text is kept.")


def test_the_sqlite_messages_are_unchanged():
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert str(storage_error(error)) == ("The database is busy in another window or program. "
                                         "Wait a moment and try again; your text is kept.")


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://teacher:{PASSWORD}@db:port/iep",  # not a port number
    f"teacher:{PASSWORD} at db",  # not a URL at all
    f"postgresql+nosuchdriver://teacher:{PASSWORD}@db/iep",
])
def test_a_malformed_address_says_how_to_write_it(url):
    with pytest.raises(StorageError) as excinfo:
        make_engine(url)
    assert str(excinfo.value) == BAD_URL
    # The parser's own error may quote the URL: it is neither shown nor chained.
    assert excinfo.value.__cause__ is None and excinfo.value.__suppress_context__
    assert PASSWORD not in str(excinfo.value)


def test_a_missing_driver_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    with pytest.raises(StorageError) as excinfo:
        make_engine("postgresql+psycopg://teacher@db/iep")
    assert str(excinfo.value) == NO_DRIVER
