"""What the command line reads without loading SQLAlchemy is what the store gives: the
student list straight from the SQLite file, and the database's address as shown."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.engine import make_url

from iep_studio.core.access import Actor
from iep_studio.core.demo import create_demo_school
from iep_studio.core.paths import shown_address
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store.student_list import read_for_the_only_account, read_summaries
from iep_studio.core.vocabulary import ACCOUNT_ROLES


def test_the_list_read_from_the_file_is_the_stores(services, data_paths):
    create_demo_school(services)
    school = services.schools.create_school("城北小学")
    # The odd ones: no number, no birth date, archived, no category or placement.
    bare = services.students.create(school.id, "李小", student_number="")
    services.students.archive(services.students.create(
        school.id, "王大", birth_date="2015-02-03", categories=[("adhd", "mild")]).id)
    expected = load_summaries(services.store)
    assert any(s.id == bare.id for s in expected) and any(s.archived for s in expected)
    assert read_summaries(data_paths.database, data_paths.backups) == expected


def test_the_store_reads_whatever_the_file_cannot_give(services, data_paths, tmp_path):
    services.schools.create_school("城南小学")
    assert read_summaries(tmp_path / "none.sqlite", tmp_path / "backups") is None
    services.store.dispose()
    with sqlite3.connect(data_paths.database) as db:  # an older schema: opening upgrades it
        db.execute("UPDATE alembic_version SET version_num = '0006'")
    assert read_summaries(data_paths.database, data_paths.backups) is None


def test_the_list_before_sign_in_is_what_the_only_account_will_see(services, data_paths):
    """The window shows the list before the store opens only where the only account
    signs in by itself, and shows what that account may see: everything for the
    administrator, only their teams' students for every other role."""
    create_demo_school(services)
    on_teams = services.schools.create_person("刘芳")  # on two of the eight teams
    chosen = [s.id for s in load_summaries(services.store)][2:4]
    for student_id in chosen:
        services.students.add_team_member(student_id, on_teams.id, "head_teacher")
    database = data_paths.database
    seen = {}
    for role in (term.code for term in ACCOUNT_ROLES):
        account = services.accounts.create(f"user-{role}", "刘芳", role,
                                           person_id=on_teams.id)
        with sqlite3.connect(database) as db:  # the only active account
            db.execute("UPDATE account SET active = (id = ?)", (account.id,))
        services.store.actor = Actor(account.id, "刘芳", role, on_teams.id)
        expected = load_summaries(services.store)
        services.store.actor = None
        if role == "district_coordinator":  # the schools they follow: left to the store
            assert read_for_the_only_account(database) is None
            continue
        assert read_for_the_only_account(database) == expected
        seen[role] = len(expected)
    everyone = len(load_summaries(services.store))
    assert seen == {"administrator": everyone, "resource_teacher": 2, "team_member": 2,
                    "read_only": 2}


@pytest.mark.parametrize("change", [
    "UPDATE account SET active = 1",  # two accounts: the window asks who it is
    "UPDATE account SET password_hash = 'x' WHERE active",  # a password to ask for
    "UPDATE account SET locked_at = '2026-11-20 08:00:00' WHERE active",
    "UPDATE account SET failed_sign_ins = 3 WHERE active",  # a wait to say
    "UPDATE account SET active = 0",  # nobody may sign in
    "UPDATE alembic_version SET version_num = '0006'",  # opening upgrades it first
])
def test_no_list_before_sign_in_where_the_sign_in_asks_or_the_store_must_speak(
        services, data_paths, change):
    create_demo_school(services)
    for name in ("wangli", "liufang"):
        services.accounts.create(name, name, "administrator")
    with sqlite3.connect(data_paths.database) as db:
        db.execute("UPDATE account SET active = (username = 'wangli')")
    assert read_for_the_only_account(data_paths.database) == load_summaries(services.store)
    with sqlite3.connect(data_paths.database) as db:
        db.execute(change)
    assert read_for_the_only_account(data_paths.database) is None


def test_no_list_before_sign_in_from_a_damaged_or_missing_file(tmp_path):
    assert read_for_the_only_account(tmp_path / "none.sqlite") is None
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database at all" * 200)
    assert read_for_the_only_account(damaged) is None  # the store says what is wrong
    assert damaged.read_bytes() == b"not a database at all" * 200


@pytest.mark.parametrize("path", [
    "/home/wangli/.local/share/IEP Studio/iep-studio.sqlite", "/home/王丽/数据/iep-studio.sqlite",
    "C:/Users/Wang Li/AppData/Local/IEP Studio/iep-studio.sqlite", "/data/a#b@c:d/e+f=g&h;i~j",
    "/data/50%/iep.sqlite", "/data/what?/iep.sqlite", "/data/tab\there", "//server/share/x"])
def test_the_address_is_shown_as_sqlalchemy_shows_it(path):
    url = f"sqlite:///{path}"
    assert shown_address(url) == make_url(url).render_as_string(hide_password=True)


def test_a_server_address_is_shown_without_its_password():
    url = "postgresql+psycopg://iep_owner:Geheim-7731@server:5432/iep"
    assert shown_address(url) == "postgresql+psycopg://iep_owner:***@server:5432/iep"
