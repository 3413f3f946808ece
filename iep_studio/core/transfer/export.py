"""Writing one student's whole file into a student file (.iepstudent), to take it to
another school.

Carried: the student's profile with their disability categories, placement history and
guardians; their team, with the people on it; assessments and their results; every plan
with its present levels, goals, objectives, objective reviews, services, the team's
reviews, signatures and frozen revisions (and the people who wrote, reviewed or signed
them); observations, behaviour records and home visits; the lessons the student took
part in, with the student's own place in each (tier, adjustments, objectives); and the files
attached to the file, their bytes as parts of their own beside the records (package.py).

Not carried: the school itself (the importer chooses one); the resource room's rhythm
shared by several students (monthly themes, weekly activities, teaching sessions), so an
observation's link to its teaching session is left empty; other students' places in the
same lessons; the course-unit library (a lesson keeps its own copy of its unit); and what
belongs to one database: accounts, the audit log, and the version counters that guard
against two people saving the same record at once.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.visibility import check_visible
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..file_names import fitted_name
from ..model import Base
from ..store import Store
from .contents import ID_REFERENCES, REPLACED, TABLES
from .package import SUFFIX, build_package, json_row, write_file

# Keeps an IN (...) list well under every database's limit on bound parameters.
_BATCH = 500


def export_student(store: Store, student_id: str, password: str | None = None) -> bytes:
    """The student file's bytes, sealed with `password` when one is given."""
    with store.session() as s:
        check_visible(store, s, student_id)
        tables, school_name = gather(s, student_id)
    return build_package(tables, school_name, password, store.clock.now())


def write_student_file(store: Store, student_id: str, target: Path,
                       password: str | None = None) -> Path:
    """Write the student file to `target`, or into it when it is a folder (named after the
    student); returns the path written."""
    with store.session() as s:
        check_visible(store, s, student_id)  # on a shared server, only one's own students
        tables, school_name = gather(s, student_id)
    content = build_package(tables, school_name, password, store.clock.now())
    target = Path(target)
    if target.is_dir():
        student = tables["student"][0]
        target = target / suggested_name(student["full_name"], student["student_number"])
    elif target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    return write_file(target, content)


def suggested_name(full_name: str, student_number: str | None) -> str:
    """A file name for the student: name and number, without characters a file system
    refuses, and short enough for it."""
    return fitted_name(full_name, f"_{student_number}" if student_number else "",
                       SUFFIX.lstrip("."))


def gather(s: Session, student_id: str) -> tuple[dict[str, list[dict]], str]:
    """Every record of the student's file, as JSON-ready rows per table, and the name of
    their school."""
    student = s.execute(select(_table("student")).where(
        _table("student").c.id == student_id)).mappings().one_or_none()
    if student is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "This student file no longer exists. It may have been removed "
            "in another window."))
    school = _table("school")
    school_name = s.scalar(select(school.c.name).where(school.c.id == student["school_id"]))
    rows: dict[str, list[dict]] = {"student": [dict(student)]}
    for table in ("student_category", "placement_period", "guardian", "team_membership",
                  "assessment", "plan", "lesson_student", "observation", "behaviour_record",
                  "home_visit", "intake_record", "case_guidance", "attachment"):
        rows[table] = _where(s, table, "student_id", [student_id])
    for table in ("assessment_result", "item_score"):
        rows[table] = _where(s, table, "assessment_id", _ids(rows["assessment"]))
    plans = _ids(rows["plan"])
    for table in ("plan_present_level", "plan_goal", "plan_service", "plan_review",
                  "plan_signature", "plan_revision"):
        rows[table] = _where(s, table, "plan_id", plans)
    rows["plan_objective"] = _where(s, "plan_objective", "goal_id", _ids(rows["plan_goal"]))
    rows["objective_review"] = _where(s, "objective_review", "objective_id",
                                      _ids(rows["plan_objective"]))
    # Lessons the student took part in, and any lesson one of their observations names.
    lessons = ({r["lesson_id"] for r in rows["lesson_student"]}
               | {r["lesson_id"] for r in rows["observation"] if r["lesson_id"]})
    rows["lesson"] = _where(s, "lesson", "id", lessons)
    people = ({r["person_id"] for r in rows["team_membership"]}
              | {r["person_id"] for r in rows["plan_review"]}
              | {r["author_id"] for r in rows["plan"] if r["author_id"]}
              | {r["person_id"] for r in rows["plan_signature"] if r["person_id"]})
    rows["person"] = _where(s, "person", "id", people)
    _close_links(rows)
    return {table: [json_row(table, row) for row in rows.get(table, [])]
            for table in TABLES}, school_name or ""


def _table(name: str):
    return Base.metadata.tables[name]


def _ids(rows: list[dict]) -> list[str]:
    return [row["id"] for row in rows]


def _where(s: Session, table_name: str, column: str, values) -> list[dict]:
    table = _table(table_name)
    values = sorted(set(values))
    found = []
    for start in range(0, len(values), _BATCH):
        found += [dict(row) for row in s.execute(select(table).where(
            table.c[column].in_(values[start:start + _BATCH]))).mappings()]
    return sorted(found, key=lambda row: (str(row["created_at"]), row["id"]))


def _close_links(rows: dict[str, list[dict]]) -> None:
    """Empty the links that point outside the file, so it holds together on its own: to
    the room's records (a teaching session), which stay behind, and the optional ones to
    another student's records (a plan that follows one of theirs); and the plain ids of
    records no longer there (an observation of an objective removed since). A file that
    names a record it does not carry is refused on reading."""
    carried = {table: set(_ids(rows[table])) for table in TABLES}
    for table in TABLES:
        for column in _table(table).columns:
            if not column.foreign_keys or (table, column.name) in REPLACED:
                continue
            (target,) = {fk.column.table.name for fk in column.foreign_keys}
            for row in rows[table]:
                value = row[column.name]
                if value is None:
                    continue
                if target not in carried or (column.nullable
                                             and value not in carried[target]):
                    row[column.name] = None
    for (table, column), target in ID_REFERENCES.items():
        for row in rows[table]:
            value = row[column]
            if isinstance(value, list):
                row[column] = [item for item in value if item in carried[target]]
            elif value is not None and value not in carried[target]:
                row[column] = None
