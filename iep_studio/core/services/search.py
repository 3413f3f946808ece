"""The student list and search-as-you-type, held in memory.

6,000 files make a few hundred kilobytes of search text; filtering that in Python takes a
few milliseconds a keystroke, far less than a database round trip per key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..model import PlacementPeriod, School, Student, StudentCategory
from ..store import Store
from ..vocabulary import CATEGORIES, PLACEMENTS


@dataclass
class StudentSummary:
    """One row of the student list."""

    id: str
    full_name: str
    student_number: str
    school_id: str
    school_name: str
    grade: str
    class_name: str
    birth_date: date | None
    status: str
    archived: bool
    categories: tuple[str, ...]
    placement: str
    haystack: str  # lower-case text every search token is looked for in
    sort_key: tuple = ()


@dataclass(frozen=True)
class StudentFilter:
    query: str = ""
    category: str = ""
    placement: str = ""
    school_id: str = ""
    status: str = ""
    show_archived: bool = False


def _summary_query():
    return (select(Student.id, Student.full_name, Student.name_latin, Student.student_number,
                   Student.school_id, School.name, Student.grade, Student.class_name,
                   Student.birth_date, Student.status, Student.archived)
            .join(School, School.id == Student.school_id))


def load_summaries(store: Store) -> list[StudentSummary]:
    """Every student, in three queries whatever the count."""
    with store.session() as s:
        rows = s.execute(
            _summary_query()
        ).all()
        categories: dict[str, list[str]] = {}
        for student_id, category in s.execute(
                select(StudentCategory.student_id, StudentCategory.category)
                .order_by(StudentCategory.position)):
            categories.setdefault(student_id, []).append(category)
        placements = dict(s.execute(
            select(PlacementPeriod.student_id, PlacementPeriod.placement)
            .where(PlacementPeriod.end_date.is_(None))).all())
    summaries = [
        summary_from(row, tuple(categories.get(row[0], ())), placements.get(row[0], ""))
        for row in rows
    ]
    summaries.sort(key=lambda x: x.sort_key)
    return summaries


def summary_from(row, categories: tuple[str, ...], placement: str) -> StudentSummary:
    (sid, name, latin, number, school_id, school, grade, class_name, birth, status,
     archived) = row
    words = [name, latin, number or "", school, grade, class_name]
    for code in categories:
        term = CATEGORIES.get(code)
        words += [term.zh, term.en] if term else [code]
    term = PLACEMENTS.get(placement)
    if term:
        words += [term.zh, term.en]
    return StudentSummary(
        id=sid, full_name=name, student_number=number or "", school_id=school_id,
        school_name=school, grade=grade, class_name=class_name, birth_date=birth, status=status,
        archived=archived, categories=categories, placement=placement,
        haystack="\n".join(words).lower(),
        sort_key=(school, latin or name),  # by pinyin, as Chinese class lists are
    )


def search(summaries: list[StudentSummary], flt: StudentFilter) -> list[StudentSummary]:
    """Rows matching every word of the query (in any field) and every filter."""
    tokens = flt.query.lower().split()
    out = []
    for row in summaries:
        if row.archived and not flt.show_archived:
            continue
        if flt.category and flt.category not in row.categories:
            continue
        if flt.placement and flt.placement != row.placement:
            continue
        if flt.school_id and flt.school_id != row.school_id:
            continue
        if flt.status and flt.status != row.status:
            continue
        if all(t in row.haystack for t in tokens):
            out.append(row)
    return out


def load_summary(store: Store, student_id: str) -> StudentSummary | None:
    """One row, refreshed after an edit (the list updates without reloading everything)."""
    with store.session() as s:
        row = s.execute(
            _summary_query().where(Student.id == student_id)
        ).one_or_none()
        if row is None:
            return None
        categories = tuple(s.scalars(
            select(StudentCategory.category).where(StudentCategory.student_id == student_id)
            .order_by(StudentCategory.position)))
        placement = s.scalar(select(PlacementPeriod.placement).where(
            PlacementPeriod.student_id == student_id, PlacementPeriod.end_date.is_(None))) or ""
    return summary_from(row, categories, placement)
