"""Bringing a student file (.iepstudent) into this database, into a school chosen here.

First `preview`: whose file it is, where it comes from, how many records of each kind it
holds, and what this database already has that looks like it (the same file, a student
with the same number or the same name and birth date, people already known). Then
`import_package` writes it all in one transaction: everything arrives or nothing does.

Records keep their ids (UUIDs), so a file that moves on from school to school stays the
same file. If any of them is already here, the import is refused unless a copy is asked
for: then every record gets a new id and every reference to it follows, the foreign keys
and the plain ids too (an objective's `carried_from_id` and `amends_objective_id`, an
observation's `objective_id`, the objective lists of home visits and lessons, the ids in
a plan's frozen revisions). People and lessons are shared with other students: one
already here with the same id is used as it is, never duplicated nor changed. Version
counters start again at 1: they only count edits within one database.

An import adds the file's records and nothing else: every id a record holds names a
record of the same file (checking.py refuses any other), so no other child's plan,
objectives or observations are changed or drawn in. Previews and refusals name only the
students the reader may see (core/access/visibility.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.visibility import visible_students
from ..errors import QT_TRANSLATE_NOOP, IepStudioError, NotFound
from ..model import Base, TeamMembership, new_id
from ..pinyin import latin_key
from ..store import Store
from .checking import in_link_order, self_links
from .contents import ID_REFERENCES, SHARED, TABLES
from .documents import snapshot_ids
from .faults import damaged
from .package import Package, read_package

_BATCH = 500

# Frozen copies holding ids anywhere inside (a revision names its goals and objectives).
ID_DOCUMENTS = {("plan_revision", "snapshot")}


class AlreadyHere(IepStudioError):
    """The file, or some of its records, is already in this database; nothing was
    written."""


@dataclass(frozen=True)
class Match:
    """A student already here who may be the same child."""

    id: str
    full_name: str
    student_number: str | None
    birth_date: date | None
    school_name: str


@dataclass(frozen=True)
class Preview:
    """What the file holds and what is already here."""

    file_name: str
    student_id: str
    full_name: str
    student_number: str | None
    birth_date: date | None
    source_school: str
    made_at: str
    app_version: str
    encrypted: bool
    counts: dict[str, int]
    same_file: Match | None  # this very student file is already here (if one may see it)
    same_number: list[Match]  # the same student number (in the chosen school, if given)
    same_name_and_birth: list[Match]
    people_here: list[str]  # names of people on the file already known here, reused
    lessons_here: int  # lessons already here, reused
    # Records of the file already here, the student's own included (even when the reader
    # may not see whose they are): only a copy can be imported.
    records_here: int
    package: Package = field(repr=False, compare=False)

    @property
    def needs_copy(self) -> bool:
        return self.same_file is not None or self.records_here > 0


@dataclass(frozen=True)
class ImportResult:
    student_id: str
    counts: dict[str, int]  # records written per table
    people_reused: int
    lessons_reused: int
    copied: bool


def load(package, password: str | None = None, today: date | None = None) -> Package:
    """A Package from a Package, a Preview, bytes or a path (read on the day `today`)."""
    if isinstance(package, Preview):
        return package.package
    if isinstance(package, Package):
        return package
    return read_package(package if isinstance(package, (bytes, bytearray, memoryview))
                        else Path(package), password, today=today)


def preview(store: Store, package, password: str | None = None,
            school_id: str | None = None) -> Preview:
    """Read the file and compare it with this database; nothing is written."""
    package = load(package, password, store.clock.today())
    student = package.tables["student"][0]
    number = student.get("student_number") or None
    with store.session() as s:
        here = _existing(s, package)
        # Children already here are named only if the person may see them.
        visible = visible_students(store)
        same_file = next(iter(_matches(s, id=student["id"], visible=visible)), None)
        same_number = (_matches(s, student_number=number, school_id=school_id,
                                visible=visible) if number else [])
        same_name = ([m for m in _matches(s, full_name=student["full_name"], visible=visible,
                                          birth_date=student.get("birth_date"))
                      if m.id != student["id"]] if student.get("birth_date") else [])
        people = _table("person")
        people_here = list(s.scalars(select(people.c.full_name).where(
            people.c.id.in_(sorted(here["person"]))).order_by(people.c.full_name)))
    return Preview(
        file_name=package.name, student_id=student["id"], full_name=student["full_name"],
        student_number=number, birth_date=student.get("birth_date"),
        source_school=package.manifest.student.school_name,
        made_at=package.manifest.made_at, app_version=package.manifest.app_version,
        encrypted=package.encrypted, counts=package.counts, same_file=same_file,
        same_number=[m for m in same_number if m.id != student["id"]],
        same_name_and_birth=same_name, people_here=people_here,
        lessons_here=len(here["lesson"]),
        records_here=sum(len(ids) for table, ids in here.items() if table not in SHARED),
        package=package)


def import_package(store: Store, package, school_id: str, password: str | None = None,
                   as_copy: bool | None = None) -> ImportResult:
    """Write the whole file into the school `school_id`, in one transaction. With
    `as_copy`, every record gets a new id (a second, separate file of the same child)."""
    package = load(package, password, store.clock.today())
    tables = package.tables
    student = tables["student"][0]
    copy = bool(as_copy)
    with store.session() as s:
        school = s.execute(select(_table("school")).where(
            _table("school").c.id == school_id)).one_or_none()
        if school is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "This school no longer exists. Choose another school."))
        here = _existing(s, package)
        visible = visible_students(store)
        if not copy:
            _refuse_clashes(s, package, here, visible)
        _refuse_taken_number(s, school, student.get("student_number") or None, visible)
        _refuse_ids_of_others(s, package)
        ids = _fresh_ids(tables, here) if copy else {}
        written = _write(s, tables, here, ids, school_id)
        _join_team(store, s, ids.get(student["id"], student["id"]))
    return ImportResult(ids.get(student["id"], student["id"]), written,
                        len(here["person"]), len(here["lesson"]), copy)


# -- what is already here ---------------------------------------------------------------
def _table(name: str):
    return Base.metadata.tables[name]


def _existing(s: Session, package: Package) -> dict[str, set]:
    """Per table, the ids of the file's records that this database already has. An id
    here names one record of one kind: a file whose record has the id of a record of
    another kind (another child's plan, say) is refused, or that record's history here
    would read as the imported one's."""
    every = sorted(row["id"] for rows in package.tables.values() for row in rows)
    found = {}
    for name in TABLES:
        table, own = _table(name), {row["id"] for row in package.tables[name]}
        found[name] = set()
        for start in range(0, len(every), _BATCH):
            found[name] |= set(s.scalars(select(table.c.id).where(
                table.c.id.in_(every[start:start + _BATCH]))))
        if found[name] - own:
            raise damaged(package.name, f"a record has the id of a record of \"{name}\" "
                          "here, but is not one")
    return found


def _matches(s: Session, school_id: str | None = None, visible=None, **where) -> list[Match]:
    """Students here matching `where`; `visible` (core/access/visibility) keeps to those the
    person may see."""
    student, school = _table("student"), _table("school")
    query = select(student.c.id, student.c.full_name, student.c.student_number,
                   student.c.birth_date, school.c.name).join(
        school, school.c.id == student.c.school_id)
    for column, value in where.items():
        query = query.where(student.c[column] == value)
    if school_id is not None:
        query = query.where(student.c.school_id == school_id)
    if visible is not None:
        query = query.where(visible)
    return [Match(*row) for row in s.execute(query.order_by(student.c.full_name))]


def _refuse_clashes(s: Session, package: Package, here: dict[str, set], visible) -> None:
    student = package.tables["student"][0]
    shown = _matches(s, id=student["id"], visible=visible) if here["student"] else []
    if shown:
        raise AlreadyHere(QT_TRANSLATE_NOOP(
            "Errors", "{student} is already in this database, in {school}. To keep a second, "
            "separate file, import it as a copy."), student=shown[0].full_name,
            school=shown[0].school_name)
    if any(ids for table, ids in here.items() if table not in SHARED):
        raise AlreadyHere(QT_TRANSLATE_NOOP(
            "Errors", "Some records in {name} are already in this database (was the file "
            "imported before?). Import it as a copy to keep both."), name=package.name)


def _refuse_taken_number(s: Session, school, number: str | None, visible) -> None:
    if number is None or not _matches(s, school_id=school.id, student_number=number):
        return
    shown = _matches(s, school_id=school.id, student_number=number, visible=visible)
    if shown:
        raise AlreadyHere(QT_TRANSLATE_NOOP(
            "Errors", "{school} already has a student with the number {number} ({other}). "
            "Change one of the two numbers, then import again."), school=school.name,
            number=number, other=shown[0].full_name)
    raise AlreadyHere(QT_TRANSLATE_NOOP(
        "Errors", "{school} already has a student with the number {number}, on a team you "
        "are not on. Ask the administrator which of the two numbers to change, then import "
        "again."), school=school.name, number=number)


def _refuse_ids_of_others(s: Session, package: Package) -> None:
    """A frozen plan may name an objective removed since (a revision keeps what was
    signed), so its ids need not be in the file; but they may not name a record here
    that the file does not bring, such as another child's objective."""
    carried = {row["id"] for rows in package.tables.values() for row in rows}
    named = set()
    for revision in package.tables["plan_revision"]:
        named |= snapshot_ids(revision["snapshot"]) - carried
    ids = sorted(named)
    for name in TABLES if ids else ():
        table = _table(name)
        for start in range(0, len(ids), _BATCH):
            if s.scalar(select(table.c.id).where(
                    table.c.id.in_(ids[start:start + _BATCH])).limit(1)) is not None:
                raise damaged(package.name, f"a record of \"plan_revision\" refers to a "
                              f"record of \"{name}\" that is not in the file")


# -- writing ----------------------------------------------------------------------------
def _join_team(store: Store, s: Session, student_id: str) -> None:
    """On a shared server, whoever receives a file is put on the child's team (as when
    they open a new file), or it would vanish from their list."""
    actor = store.actor
    if not (actor and actor.person_id and store.restricted_to_team):
        return
    if s.scalar(select(TeamMembership.id).where(TeamMembership.student_id == student_id,
                                                TeamMembership.person_id == actor.person_id)):
        return
    s.add(TeamMembership(student_id=student_id, person_id=actor.person_id,
                         role="resource_teacher", since=store.clock.today()))
    s.flush()


def _fresh_ids(tables: dict[str, list[dict]], here: dict[str, set]) -> dict[str, str]:
    """Old id -> new id for every record of a copy; people and lessons keep theirs (one
    already here is reused, one new to this database cannot clash)."""
    return {row["id"]: new_id() for name in TABLES if name not in SHARED
            for row in tables[name]}


def _write(s: Session, tables: dict[str, list[dict]], here: dict[str, set],
           ids: dict[str, str], school_id: str) -> dict[str, int]:
    """Insert through the ORM, so the account's rights are checked and the audit log
    written as for any other change; one table at a time, each after those it refers to."""
    classes = {mapper.local_table.name: mapper for mapper in Base.registry.mappers}
    written = {}
    for name in TABLES:
        mapper = classes[name]
        rows = [row for row in tables[name]
                if name not in SHARED or row["id"] not in here[name]]
        one_by_one = bool(self_links(name))  # a plan must be there before the next refers to it
        for row in in_link_order(name, rows):
            values = _remapped(name, row, ids)
            if name == "student":
                values.update(school_id=school_id,
                              student_number=values.get("student_number") or None)
                values["name_latin"] = values.get("name_latin") or latin_key(
                    values["full_name"])
            s.add(mapper.class_(**{mapper.get_property_by_column(mapper.local_table.c[c]).key:
                                   v for c, v in values.items()}))
            if one_by_one:
                s.flush()
        s.flush()
        if rows:
            written[name] = len(rows)
    return written


def _remapped(table: str, row: dict, ids: dict[str, str]) -> dict:
    """The row with every id it holds replaced by its new id (none when not a copy).
    Every id a record holds names a record of the file (checking.py), so each follows; only
    a frozen plan may name an objective removed since, which stays as it was."""
    if not ids:
        return dict(row)
    columns = _table(table).columns
    out = {}
    for name, value in row.items():
        if isinstance(value, str) and (name == "id" or columns[name].foreign_keys
                                       or (table, name) in ID_REFERENCES):
            value = ids.get(value, value)
        elif isinstance(value, list) and (table, name) in ID_REFERENCES:
            value = [ids.get(item, item) for item in value]
        elif (table, name) in ID_DOCUMENTS:
            value = _remapped_document(value, ids)
        out[name] = value
    return out


def _remapped_document(document, ids: dict[str, str]):
    """A JSON document with every string that is an old id replaced (ids are UUIDs, so no
    other text can be mistaken for one). Iterative: the file decides the depth."""
    root = [document]
    stack = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        value = holder[key]
        if isinstance(value, str):
            holder[key] = ids.get(value, value)
        elif isinstance(value, dict):
            copied = dict(value)
            holder[key] = copied
            stack.extend((copied, k) for k in copied)
        elif isinstance(value, list):
            copied = list(value)
            holder[key] = copied
            stack.extend((copied, i) for i in range(len(copied)))
    return root[0]
