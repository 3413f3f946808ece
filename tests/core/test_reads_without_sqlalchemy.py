"""What the command line reads without loading SQLAlchemy is what the store gives: the
student list straight from the SQLite file, and the database's address as shown."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.engine import make_url

from iep_studio.core.demo import create_demo_school
from iep_studio.core.paths import shown_address
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store.student_list import read_summaries


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
