"""Whatever arrives, the readers answer with a result or their own plain error, never a
crash: random bytes and random archives for the student-file reader, spoilt records for
the importer (which then leaves the database as it was), random text for the course-unit
files."""
from __future__ import annotations

import copy
import json
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from iep_studio.core.errors import IepStudioError, StorageError
from iep_studio.core.model import Base
from iep_studio.core.paths import course_units_dir
from iep_studio.core.transfer import sealing
from iep_studio.core.transfer.archive import MEMBERS
from iep_studio.core.transfer.contents import ID_REFERENCES, SHARED, TABLES
from iep_studio.core.transfer.documents import snapshot_ids
from iep_studio.core.transfer.export import gather
from iep_studio.core.transfer.import_ import import_package
from iep_studio.core.transfer.package import PackageError, read_package
from iep_studio.core.transfer.sealing import MAGIC
from iep_studio.core.units.loading import FileProblem, Library, add_file
from tests.transfer.conftest import fingerprint, repack, unpacked, zip_of

# Modest: the whole module runs in seconds. No example database left in the working tree.
FEW = settings(max_examples=60, deadline=None, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_leaves = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.text(max_size=12), st.dates().map(str), st.uuids().map(str))
json_values = st.recursive(json_leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8)
names = st.one_of(st.sampled_from([*MEMBERS, "../manifest.json", "/student.json", "a/b.json",
                                   "student.json/", "manifest.json\\..\\x"]),
                  st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                          min_size=1, max_size=20))


def read_or_refuse(raw: bytes, password: str | None = None) -> None:
    try:
        package = read_package(raw, password)
    except PackageError:
        return
    assert package.tables["student"]


# -- (a) the reader, given anything ------------------------------------------------------
@FEW
@given(st.binary(max_size=3000))
def test_random_bytes(raw):
    read_or_refuse(raw)


@FEW
@given(st.dictionaries(names, st.one_of(st.binary(max_size=200),
                                        json_values.map(lambda v: json.dumps(v).encode())),
                       max_size=4))
def test_random_archives(members):
    read_or_refuse(zip_of(members))


@FEW
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_a_real_file_with_bytes_changed_or_cut(valid_raw, edits, cut):
    raw = bytearray(valid_raw)
    for position, value in edits:
        raw[position % len(raw)] = value
    read_or_refuse(bytes(raw[:cut] if cut is not None else raw))


@FEW
@given(field=st.sampled_from(["format", "format_version", "app_version", "schema_revision",
                              "made_at", "student", "counts", "data_sha256", "other"]),
       value=json_values, data_part=st.one_of(st.none(), json_values))
def test_a_manifest_or_records_replaced_by_anything(valid_raw, field, value, data_part):
    manifest, data = unpacked(valid_raw)
    manifest[field] = value
    read_or_refuse(repack(manifest, data if data_part is None else data_part))


def test_a_sealed_file_changed_anywhere(valid_raw, monkeypatch):
    monkeypatch.setattr(sealing, "SCRYPT_N", 2**4)  # fast keys: many tries here
    sealed = sealing.seal(valid_raw, "pw")

    @FEW
    @given(st.integers(0, len(sealed) - 1), st.integers(1, 255))
    def changed_byte(position, flip):
        raw = bytearray(sealed)
        raw[position] ^= flip
        with pytest.raises(PackageError):  # the header, salt, nonce and data are all sealed
            read_package(bytes(raw), "pw")

    @FEW
    @given(st.binary(max_size=200))
    def looks_sealed(body):
        with pytest.raises(PackageError):
            read_package(MAGIC + body, "pw")

    changed_byte()
    looks_sealed()


# -- (b) the importer, given spoilt records ----------------------------------------------
@pytest.fixture(scope="module")
def target(tmp_path_factory, demo_file):
    """A school's database already holding another child: a copy of the demo student
    (new ids, in another school), who shares the file's lesson and people."""
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('target') / 'iep-studio.sqlite'}")
    services = Services(store)
    school = services.schools.create_school("城北小学")
    elsewhere = services.schools.create_school("城西小学")
    other = import_package(store, repack(*demo_file), elsewhere.id, as_copy=True).student_id
    foreign = sorted(row["id"] for table, rows in other_file(store, other).items()
                     if table not in SHARED for row in rows)
    yield SimpleNamespace(store=store, school_id=school.id, other=other, foreign=foreign)
    store.dispose()


def other_file(store, student_id: str) -> dict:
    with store.session() as s:
        return gather(s, student_id)[0]


# Fields that hold ids: where a hand-made file would aim at another child's records.
ID_FIELDS = sorted({(t, c.name) for t in TABLES for c in Base.metadata.tables[t].columns
                    if c.foreign_keys} | set(ID_REFERENCES))


def ids_held(tables: dict) -> set[str]:
    """Every id the records hold: their own, their links, the plain ids and lists, and
    those inside frozen plans (free text may say anything: it links nothing)."""
    held = set()
    for table, rows in tables.items():
        fields = ["id", *(field for kind, field in ID_FIELDS if kind == table)]
        for row in rows:
            for field in fields:
                value = row.get(field)
                held |= set(value) if isinstance(value, list) else {value}
            if table == "plan_revision":
                held |= snapshot_ids(row["snapshot"])
    return held - {None}


def spoil(records: dict, draw, foreign: list[str]) -> None:
    """One change a damaged or hand-made file could hold; `foreign` are the ids of
    another child's records in the receiving database."""
    ids = sorted(row["id"] for rows in records.values() if isinstance(rows, list)
                 for row in rows if isinstance(row, dict) and isinstance(row.get("id"), str))
    tables = sorted(t for t, rows in records.items() if isinstance(rows, list) and rows)
    how = draw(st.sampled_from(["value", "reference", "drop_field", "drop_row", "copy_row",
                                "table", "foreign", "foreign_plain"]))
    if how.startswith("foreign"):
        # Most often one of the plain ids, which no foreign key of the database guards.
        aimed = ID_FIELDS if how == "foreign" else sorted(ID_REFERENCES)
        table, field = draw(st.sampled_from([f for f in aimed
                                             if isinstance(records.get(f[0]), list)
                                             and records[f[0]]]))
        row = draw(st.sampled_from(records[table]))
        if isinstance(row, dict):
            aim = draw(st.sampled_from(foreign))
            row[field] = [aim] if isinstance(row.get(field), list) else aim
        return
    if how == "table" or not tables:
        records[draw(st.sampled_from([*tables, "school", "extra"]))] = draw(json_values)
        return
    rows = records[draw(st.sampled_from(tables))]
    index = draw(st.integers(0, len(rows) - 1))
    row = rows[index]
    if not isinstance(row, dict) or how == "drop_row":
        rows.pop(index)
    elif how == "copy_row":
        rows.append(copy.deepcopy(row))
    elif how == "drop_field" and row:
        row.pop(draw(st.sampled_from(sorted(row))))
    else:
        field = draw(st.sampled_from([*sorted(row), "owner"]))
        row[field] = draw(st.sampled_from(ids + foreign)) if how == "reference" else draw(
            json_values)


@FEW
@given(st.data())
def test_spoilt_records_import_whole_or_change_nothing(demo_file, target, data):
    """Refused with the file's own words and nothing changed; or imported, and then the
    other child's records are as they were and the new ones name none of them."""
    manifest, records = demo_file
    records = copy.deepcopy(records)
    for _ in range(data.draw(st.integers(1, 3))):
        spoil(records, data.draw, target.foreign)
    raw = repack(manifest, records, fix_counts=True)
    before = fingerprint(target.store)
    others = other_file(target.store, target.other)
    try:
        result = import_package(target.store, raw, target.school_id,
                                as_copy=data.draw(st.booleans()))
    except IepStudioError as refused:
        # Refused by the checks, with the file's own words; not by the database.
        assert not isinstance(refused, StorageError), refused
        assert fingerprint(target.store) == before
    else:
        assert other_file(target.store, target.other) == others
        assert not set(target.foreign) & ids_held(other_file(target.store, result.student_id))
        student = Base.metadata.tables["student"]
        with target.store.engine.begin() as connection:  # ready for the next example
            connection.execute(delete(student).where(student.c.id == result.student_id))


# -- (c) the course-unit files, given anything -------------------------------------------
EXAMPLE = (course_units_dir() / "deficit" / "sustained-attention-listening.yaml").read_text(
    encoding="utf-8")
EXAMPLE_DATA = yaml.safe_load(EXAMPLE)


@st.composite
def unit_texts(draw) -> bytes:
    how = draw(st.sampled_from(["bytes", "text", "lines", "fields"]))
    if how == "bytes":
        return draw(st.binary(max_size=400))
    if how == "text":
        return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    if how == "lines":  # the real file with lines dropped, repeated or scribbled on
        lines = EXAMPLE.splitlines(keepends=True)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(lines) - 1))
            change = draw(st.sampled_from(["drop", "repeat", "scribble"]))
            if change == "drop":
                lines.pop(at)
            elif change == "repeat":
                lines.insert(at, lines[at])
            else:
                lines[at] = draw(st.text(max_size=30)) + "\n"
        return "".join(lines).encode("utf-8", "surrogatepass")
    document = copy.deepcopy(EXAMPLE_DATA)  # the real unit with a field replaced
    holder = document
    path = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
    for step in path[:-1]:
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        child = holder[keys[step % len(keys)]] if keys else None
        if not isinstance(child, (dict, list)) or not child:
            break
        holder = child
    keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
    if keys:
        holder[keys[path[-1] % len(keys)]] = draw(json_values)
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(raw=unit_texts(), goals=st.booleans())
def test_unit_files_give_problems_never_a_crash(raw, goals):
    library = Library()
    add_file(library, "unit.yaml", raw, goals=goals)
    for problem in library.problems:
        assert isinstance(problem, FileProblem)
        assert str(problem).startswith("unit.yaml")  # every message fills in its blanks
    if not library.problems:
        assert library.goals if goals else library.units
