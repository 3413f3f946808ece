"""Student lists in and out of spreadsheets: importing a school's or a district's list
(花名册) as student files, and writing the student list (a caseload) to Excel.

An import is seen whole before anything is saved: every row, with each problem on its cell
(a date that is no date, a category the app does not know, a student number used twice).
Then the good rows are saved in one transaction: all of them, or, if the database refuses
one, none, and the teacher is told which. The student service checks each row as it checks
the new-student form, so the rules live in one place; the audit log records each file as
it records one made by hand.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, IepStudioError, InvalidInput, Problem
from ..iep.terms import PLAN_STATUSES
from ..model import Guardian, Plan, School, Student
from ..spreadsheets.roster import (
    RosterRow, Table, check_mapping, read_row, recognise, table_of,
)
from ..store import Store
from ..vocabulary import (
    CATEGORIES, DEGREES, FIELD_LABELS, PLACEMENTS, RECORD_KINDS, SEXES, STATUSES, Term,
    Vocabulary, join_labels, with_note,
)
from .observations import WORKING_STATUSES
from .search import load_summaries
from .students import StudentFiles

# The student service's names of fields that a list names otherwise.
_ROSTER_FIELD = {"school_id": "school", "name": "guardian_name", "phone": "guardian_phone",
                 "relationship_": "guardian_relationship"}

# The columns of an exported caseload. Their headings are those the import recognises,
# so a list written here reads back in.
CASELOAD_COLUMNS = Vocabulary(
    FIELD_LABELS.get("full_name"), FIELD_LABELS.get("student_number"),
    RECORD_KINDS.get("school"), FIELD_LABELS.get("grade"), FIELD_LABELS.get("class_name"),
    FIELD_LABELS.get("sex"), FIELD_LABELS.get("birth_date"), FIELD_LABELS.get("category"),
    FIELD_LABELS.get("placement"), Term("plan_status", "计划状态", "Plan status"),
    FIELD_LABELS.get("review_due"), FIELD_LABELS.get("status"),
)


@dataclass(frozen=True)
class RosterPreview:
    """What an import would do: every row with its problems, and the schools it adds."""

    table: Table
    mapping: tuple[str, ...]  # the field each column is read as ("" left out)
    rows: tuple[RosterRow, ...]
    school_id: str | None  # for rows that name no school
    new_schools: tuple[str, ...]  # named by rows, not yet in the app: added with them

    @property
    def good(self) -> list[RosterRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[RosterRow]:
        return [row for row in self.rows if not row.ok]


@dataclass(frozen=True)
class RosterReport:
    """What an import did: the files made, and the rows left out with their problems."""

    student_ids: tuple[str, ...]
    left_out: tuple[RosterRow, ...]
    new_schools: tuple[str, ...]


class RowRefused(IepStudioError):
    """A row that looked good was refused as it was saved (the database changed since the
    preview): nothing was imported."""

    def __init__(self, line: int, problem: Problem):
        super().__init__(QT_TRANSLATE_NOOP(
            "Errors", "Nothing was imported: row {row} was refused ({reason}). Look at the "
            "rows again, then import."), row=line, reason=problem.text())
        self.problem = problem

    def text(self, translate=lambda s: s) -> str:
        return translate(self.message).format(row=self.params["row"],
                                              reason=self.problem.text(translate))


class Rosters:
    def __init__(self, store: Store, students: StudentFiles, clock: Clock | None = None):
        self.store = store
        self.students = students
        self.clock = clock if clock is not None else store.clock

    # -- importing ------------------------------------------------------------------------
    @staticmethod
    def read(path: Path | str, sheet_name: str | None = None) -> Table:
        """The list in a .xlsx or .csv file: its header and its rows (SpreadsheetRefused,
        with a plain message, for a file that cannot or should not be read)."""
        from ..spreadsheets.reading import read_sheet

        return table_of(read_sheet(path, sheet_name))

    @staticmethod
    def recognised(table: Table) -> list[str]:
        """The field each column holds, as its heading says (the teacher may change it)."""
        return recognise(list(table.headings))

    def preview(self, table: Table, mapping: Sequence[str] | None = None,
                school_id: str | None = None, language: str = "zh_CN",
                new_school: str = "") -> RosterPreview:
        """Every row as the import would take it, with its problems. Rows that name no
        school join `school_id`'s (or, without one, the school named `new_school`); a
        school that is not here yet is added with its rows."""
        mapping = tuple(mapping) if mapping is not None else tuple(recognise(list(table.headings)))
        check_mapping(table.headings, list(mapping))
        rows = [read_row(line, values, list(mapping), language) for line, values in table.rows]
        if school_id is None and new_school.strip():
            for row in rows:
                row.school_name = row.school_name or new_school.strip()
        with self.store.reading() as s:
            schools = _schools(s)
            taken = _numbers_taken(s, rows)
            new_schools: dict[str, str] = {}
            where = []  # each row's school: its id, or the key of a school to add
            for row in rows:
                key = _school_key(row.school_name)
                school = schools.get(key) if key else school_id
                if key and school is None:
                    new_schools.setdefault(key, row.school_name)
                self._check(s, row, school, new=school is None and bool(key), taken=taken)
                where.append(school or key)
            self._check_twice(rows, where)
            self._check_already_here(s, rows, where)
        return RosterPreview(table, mapping, tuple(rows), school_id,
                             tuple(new_schools.values()))

    def _check(self, s, row: RosterRow, school_id: str | None, new: bool,
               taken: dict) -> None:
        """The student service's checks, each problem put on its column."""
        fields = {k: v for k, v in row.values.items() if k not in ("full_name", "placement")}
        try:
            self.students.check_new(s, school_id, row.values.get("full_name", ""),
                                    categories=row.categories,
                                    placement=row.values.get("placement", ""),
                                    numbers_taken=taken, **fields)
        except InvalidInput as error:
            for problem in error.problems:
                if new and problem.field == "school_id":
                    continue  # the school is added with the row
                row.problems.append(Problem(_ROSTER_FIELD.get(problem.field, problem.field),
                                            problem.message, problem.params))
        if row.guardian is not None:
            try:
                StudentFiles._guardian_values(row.guardian)
            except InvalidInput as error:
                row.problems += [Problem(_ROSTER_FIELD.get(p.field, p.field), p.message,
                                         p.params) for p in error.problems]

    @staticmethod
    def _check_twice(rows: list[RosterRow], where: list) -> None:
        """A student number twice in one school of the file, or one child twice (the same
        name and birth date): every such row waits, since which is right is the
        teacher's to say."""
        by_number: dict[tuple, list[RosterRow]] = {}
        by_child: dict[tuple, list[RosterRow]] = {}
        for row, school in zip(rows, where):
            number = row.values.get("student_number")
            if number:
                by_number.setdefault((school, number), []).append(row)
            born = row.values.get("birth_date")
            if row.values.get("full_name") and born:
                by_child.setdefault((school, row.values["full_name"], born), []).append(row)
        for (_school, number), same in by_number.items():
            for row in same if len(same) > 1 else ():
                row.add("student_number", QT_TRANSLATE_NOOP(
                    "Errors", "Student number {number} is also on row {rows} of this file. "
                    "Give each student their own number."), number=number,
                    rows=_lines(same, row))
        for (_school, name, born), same in by_child.items():
            for row in same if len(same) > 1 else ():
                row.add("full_name", QT_TRANSLATE_NOOP(
                    "Errors", "{name}, born {date}, is also on row {rows} of this file. "
                    "Leave one of the rows out."), name=name, date=born.isoformat(),
                    rows=_lines(same, row))

    @staticmethod
    def _check_already_here(s, rows: list[RosterRow], where: list) -> None:
        """A child whose file is already in the school (the same name and birth date):
        importing a list twice must not make every file twice."""
        wanted = {}
        for row, school in zip(rows, where):
            born = row.values.get("birth_date")
            if school and born and row.values.get("full_name"):
                wanted.setdefault((school, row.values["full_name"], born), []).append(row)
        if not wanted:
            return
        names = sorted({name for _school, name, _born in wanted})
        here = {tuple(found) for some in _batches(names) for found in s.execute(
            select(Student.school_id, Student.full_name, Student.birth_date)
            .where(Student.full_name.in_(some)))}
        for key, same in wanted.items():
            if key in here:
                for row in same:
                    row.add("full_name", QT_TRANSLATE_NOOP(
                        "Errors", "{name}, born {date}, already has a file in this school. "
                        "Leave the row out, or check the name and the birth date."),
                        name=key[1], date=key[2].isoformat())

    def import_rows(self, preview: RosterPreview,
                    progress: Callable[[int, int], None] | None = None) -> RosterReport:
        """Save the good rows of `preview` in one transaction: every one, or none."""
        good = preview.good
        made = []
        with self.store.session() as s:
            schools = _schools(s)
            # Only the schools the imported rows need (a misspelt school on a refused row
            # is no school), and none added by someone else since the preview.
            wanted = {_school_key(row.school_name) for row in good}
            added = []
            for name in preview.new_schools:
                if _school_key(name) not in wanted or _school_key(name) in schools:
                    continue
                added.append(name)
                school = School(name=name[:200])
                s.add(school)
                s.flush()
                schools[_school_key(name)] = school.id
                schools.records.append(school)
            for done, row in enumerate(good, start=1):
                key = _school_key(row.school_name)
                fields = {k: v for k, v in row.values.items()
                          if k not in ("full_name", "placement")}
                number = row.values.get("student_number")
                try:
                    # Each row is flushed whole before the next begins, so a refusal by
                    # the server is known to be this row's. (Not a savepoint a row: on a
                    # server a file is its maker's while its rows are the transaction's
                    # own, and a savepoint's rows are not.)
                    student = self.students.add_in(
                        s, schools.get(key) if key else preview.school_id,
                        row.values.get("full_name", ""), categories=row.categories,
                        placement=row.values.get("placement", ""), **fields)
                    if row.guardian is not None:
                        s.add(_guardian(student.id, row.guardian))
                        s.flush()
                except InvalidInput as error:
                    raise RowRefused(row.line, error.problems[0]) from error
                except IntegrityError as error:
                    if not number or not _number_taken(error):
                        raise
                    # On a server a teacher sees only their teams' files, so the check
                    # before saving cannot see a number taken by another team's child.
                    raise RowRefused(row.line, Problem("student_number", QT_TRANSLATE_NOOP(
                        "Errors", "Student number {number} is already used in this school, "
                        "perhaps by a file you cannot open. Check the number, or ask the "
                        "administrator."), {"number": number})) from error
                made.append(student.id)
                if progress is not None:
                    progress(done, len(good))
        return RosterReport(tuple(made), tuple(preview.bad), tuple(added))

    # -- exporting ------------------------------------------------------------------------
    def caseload(self, student_ids: Sequence[str], language: str) -> tuple[list[str], list[list]]:
        """The students' rows as the list shows them, with each one's plan: (headings,
        rows), in the order given."""
        shown = {s.id: s for s in load_summaries(self.store)}
        with self.store.reading() as s:
            chosen = [i for i in student_ids if i in shown]
            details = {sid: (sex, born) for sid, sex, born in s.execute(
                select(Student.id, Student.sex, Student.birth_date)
                .where(Student.id.in_(chosen)))} if chosen else {}
            degrees = _categories(s, chosen)
            plans = _working_plans(s, chosen)
        rows = []
        for student_id in chosen:
            summary = shown[student_id]
            sex, born = details.get(student_id, ("", None))
            plan = plans.get(student_id)
            rows.append([
                summary.full_name, summary.student_number or "", summary.school_name,
                summary.grade, summary.class_name, SEXES.label(sex, language), born,
                join_labels((with_note(CATEGORIES.label(c, language),
                                       DEGREES.label(d, language), language)
                             for c, d in degrees.get(student_id, ())), language),
                PLACEMENTS.label(summary.placement, language),
                PLAN_STATUSES.label(plan.status, language) if plan else "",
                plan.review_due if plan else None, STATUSES.label(summary.status, language),
            ])
        return [term.label(language) for term in CASELOAD_COLUMNS], rows

    def export_caseload(self, path: Path | str, student_ids: Sequence[str], language: str,
                        title: str = "") -> int:
        """Write the caseload to an .xlsx file; returns the number of students written."""
        from ..spreadsheets.writing import write_table

        columns, rows = self.caseload(student_ids, language)
        write_table(path, title or ("学生名单" if language.startswith("zh") else "Students"),
                    columns, rows)
        return len(rows)


def _guardian(student_id: str, values: dict) -> Guardian:
    # The only guardian a list gives is the one to call.
    return Guardian(**StudentFiles._guardian_values(values) | {"primary_contact": True},
                    student_id=student_id, position=0)


class _Schools(dict):
    """The schools by their names as compared, each held in the session the whole time:
    its identity map holds a record only while something else does, and each row's check
    asks for its school again."""

    def __init__(self, records):
        self.records = records
        super().__init__((_school_key(school.name), school.id) for school in records)


def _schools(s) -> _Schools:
    return _Schools(list(s.scalars(select(School).order_by(School.created_at))))


def _numbers_taken(s, rows: list[RosterRow]) -> dict[tuple[str, str], str]:
    """{(school id, student number): the name of the child who has it} for the numbers
    the list holds, read in a few statements for the whole list rather than one a row (a
    district's list of thousands of rows waited on thousands of trips to a shared server).
    Only the files the reader may see are found, as the check of one new file finds them."""
    numbers = sorted({str(number).strip() for row in rows
                      if (number := row.values.get("student_number"))
                      and str(number).strip()})
    return {(school_id, number): name for some in _batches(numbers)
            for school_id, number, name in s.execute(
                select(Student.school_id, Student.student_number, Student.full_name)
                .where(Student.student_number.in_(some)))}


def _batches(values: list, size: int = 500):
    """`values` a few hundred at a time: a statement may hold only so many values (SQLite
    allowed 999 before 3.32)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _number_taken(error: IntegrityError) -> bool:
    """Whether the database refused a student number used twice in a school: PostgreSQL
    names the constraint, SQLite its columns."""
    text = str(error.orig)
    return "school_number" in text or "student.student_number" in text


def _school_key(name: str) -> str:
    """A school's name as compared: "城南小学 " and "城南小学" are one school."""
    return "".join((name or "").split()).casefold()


def _lines(rows: list[RosterRow], row: RosterRow) -> str:
    return ", ".join(str(other.line) for other in rows if other is not row)


def _categories(s, student_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    from ..model import StudentCategory

    found: dict[str, list[tuple[str, str]]] = {}
    if student_ids:
        for student_id, category, degree in s.execute(
                select(StudentCategory.student_id, StudentCategory.category,
                       StudentCategory.degree)
                .where(StudentCategory.student_id.in_(student_ids))
                .order_by(StudentCategory.position)):
            found.setdefault(student_id, []).append((category, degree))
    return found


def _working_plans(s, student_ids: list[str]) -> dict[str, Plan]:
    """Each student's plan being worked on, chosen as the student's file chooses it
    (observations.working_plan): in effect first, then in review, then a draft, the
    newest of each."""
    if not student_ids:
        return {}
    plans = s.scalars(select(Plan).where(Plan.student_id.in_(student_ids),
                                         Plan.status.in_(WORKING_STATUSES))
                      .order_by(Plan.period_start.desc(), Plan.edition.desc()))
    chosen: dict[str, Plan] = {}
    for plan in plans:
        current = chosen.get(plan.student_id)
        if current is None or (WORKING_STATUSES.index(plan.status)
                               < WORKING_STATUSES.index(current.status)):
            chosen[plan.student_id] = plan
    return chosen
