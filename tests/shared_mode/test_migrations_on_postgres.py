"""The schema on PostgreSQL: an empty server database upgrades to the newest schema, the
tables match the models, and every released schema upgrades with its records."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, insert, inspect, select, text

from iep_studio.core.errors import StorageError
from iep_studio.core.model import Base
from iep_studio.core.services import Services
from iep_studio.core.store import open_store
from iep_studio.core.store.database import Store, make_engine
from iep_studio.core.store.migrations import (
    HEAD_REVISION,
    _run_upgrade,
    current_revision,
)

FIXTURES = sorted((Path(__file__).parents[1] / "migrations" / "fixtures")
                  .glob("schema_*.sqlite"))


def test_an_empty_database_upgrades_to_the_newest_schema(store):
    assert store.engine.dialect.name == "postgresql"
    with store.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars()\
            .all() == [HEAD_REVISION]
        assert set(Base.metadata.tables) <= set(inspect(connection).get_table_names())


def test_models_and_migrations_agree_on_postgres(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_opening_an_up_to_date_database_changes_nothing(pg_url, store, tmp_path):
    again = open_store(pg_url, backup_dir=tmp_path / "backups")
    with again.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
    again.dispose()
    assert not (tmp_path / "backups").exists()  # the server's own tools back it up


def test_a_foreign_database_on_the_server_is_refused(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER)"))
    with pytest.raises(StorageError) as excinfo:
        open_store(pg_url)
    assert str(excinfo.value) == ("This database was not made by IEP Studio. Choose another "
                                  "file or an empty folder.")
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["invoices"]
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused_untouched(pg_url, store):
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError) as excinfo:
        open_store(pg_url)
    assert str(excinfo.value) == (
        "This database was written by a newer IEP Studio (schema 9999). Install the newer "
        "version to open it; nothing was changed.")
    with store.engine.connect() as connection:
        assert current_revision(connection) == "9999"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_released_schema_upgrades_on_the_server_with_its_records(fixture, pg_url,
                                                                      tmp_path):
    """A server database at an older schema, holding what a teacher's database at that
    schema holds (the SQLite fixture's rows), upgrades to the newest schema with every
    record, and no SQLite backup is attempted."""
    revision = fixture.stem.removeprefix("schema_")
    old = Store(make_engine(pg_url))
    _run_upgrade(old, revision)
    _copy_rows(fixture, old.engine)
    old.dispose()

    store = open_store(pg_url, backup_dir=tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
    with store.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        student_id = connection.execute(text("SELECT id FROM student")).scalar()
    services = Services(store)
    student = services.students.get(student_id)
    assert student.full_name == "张小明"
    assert [p.placement for p in student.placements] == ["regular_class",
                                                         "regular_class_resource_room"]
    assert student.guardians[0].name == "李梅"
    assert services.assessments.for_student(student_id)[0].results[0].present_level == \
        "能用三指握笔"
    if revision >= "0003":
        plans = services.plans.for_student(student_id)
        assert [(p.title, p.status) for p in plans] == [("第一学期", "in_review")]
        # 0004 added the mastery rule to objectives that were already there
        objectives = [o for g in services.plans.get(plans[0].id).goals for o in g.objectives]
        assert objectives and all(o.mastery_level == "" for o in objectives)
    store.dispose()


def _copy_rows(fixture: Path, target) -> None:
    """Every row of the SQLite fixture into the server database, parents first."""
    source = create_engine(f"sqlite:///{fixture.as_posix()}")
    old_tables, new_tables = MetaData(), MetaData()
    old_tables.reflect(source)
    new_tables.reflect(target)
    with source.connect() as reading, target.begin() as writing:
        for table in new_tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row) for row in
                    reading.execute(select(old_tables.tables[table.name])).mappings()]
            if table.name == "account" and any(c.name == "ck_account_no_password_hash_on_server"
                                               for c in table.constraints):
                # From 0007 a server keeps no password hash: the server checks passwords.
                rows = [{**row, "password_hash": ""} for row in rows]
            if rows:
                writing.execute(insert(table), rows)
    source.dispose()


def test_two_computers_starting_at_once_upgrade_once(pg_url):
    """Monday morning after an update: three machines open the same database at the same
    moment (three processes, as on three computers). One upgrades; the others wait for it
    and then find the schema current, instead of failing on tables made meanwhile."""
    import subprocess
    import sys

    program = ("import sys; from iep_studio.core.store import open_store; "
               "open_store(sys.argv[1]).dispose(); print('opened')")
    starts = [subprocess.Popen([sys.executable, "-c", program, pg_url], text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
              for _ in range(3)]
    outputs = [start.communicate(timeout=120)[0] for start in starts]
    assert [o.strip().splitlines()[-1] if o.strip() else "" for o in outputs] == \
        ["opened"] * 3, outputs
    store = open_store(pg_url)
    with store.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
    store.dispose()
