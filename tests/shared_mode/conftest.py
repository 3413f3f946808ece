"""The shared mode on a real PostgreSQL server.

These tests need a server: set IEP_STUDIO_TEST_PG_URL to the URL of a database whose
role may create databases (see "Shared mode on PostgreSQL" in README.md). Each test gets
a fresh, empty database of its own, dropped afterwards, so the tests are independent.
Without the variable they skip and say why.
"""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from tests.conftest import TODAY

TEST_PG_URL_ENV = "IEP_STUDIO_TEST_PG_URL"

NO_SERVER = (f"{TEST_PG_URL_ENV} is not set, so the shared-mode tests have no PostgreSQL "
             "server to run against. Set it to a postgresql+psycopg:// URL whose role may "
             "create databases; README.md, section \"Shared mode on PostgreSQL\", says how.")


@pytest.fixture(scope="session")
def pg_admin():
    """An engine on the server's own database, for making and dropping test databases."""
    url = os.environ.get(TEST_PG_URL_ENV)
    if not url:
        if os.environ.get("CI"):  # CI starts a server: without one, these must not pass
            pytest.fail(NO_SERVER)
        pytest.skip(NO_SERVER)
    engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:  # set, but wrong: a failure, not a skip
        engine.dispose()
        pytest.fail(f"{TEST_PG_URL_ENV} is set but its server cannot be used: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin):
    """The URL of a new, empty database, dropped after the test."""
    name = f"iep_test_{uuid.uuid4().hex[:16]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with pg_admin.connect() as connection:
        # FORCE ends connections a test left open (a killed or forgotten engine).
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        # Roles are the server's, not the database's: drop the accounts' logins too.
        for (role,) in connection.execute(text(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, :logins) "
                "OR rolname = :members"), {"logins": f"{name}.", "members": f"iep_members_{name}"}):
            drop = connection.execute(text(
                "SELECT format('DROP ROLE IF EXISTS %I', CAST(:role AS text))"),
                {"role": role}).scalar()
            connection.execute(text(drop))


@pytest.fixture
def client_url(pg_url):
    """The server address as each computer has it: no user, no password (each person
    signs in with their own login)."""
    from iep_studio.core.store.server_logins import without_user

    return without_user(pg_url).render_as_string(hide_password=False)


@pytest.fixture
def store(pg_url):
    """The shared-mode Store: the fixtures of tests/conftest.py (services, school, team,
    complete_plan) build on this one, so here they run on PostgreSQL."""
    from iep_studio.core.store import open_store

    store = open_store(pg_url)
    yield store
    store.dispose()


@pytest.fixture
def second_store(pg_url, store):
    """Another person on another machine: their own engine on the same database."""
    from iep_studio.core.store import open_store

    other = open_store(pg_url)
    yield other
    other.dispose()


@pytest.fixture
def second_services(second_store):
    from iep_studio.core.services import Services

    return Services(second_store, today=lambda: TODAY)
