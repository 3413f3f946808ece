"""Loading the student list from the database (the searching is in student_index)."""
from __future__ import annotations

from sqlalchemy import or_, select

from ..model import PlacementPeriod, School, Student, StudentCategory
from ..store import Store
from ..student_index import StudentFilter, StudentSummary, search, summary_from

__all__ = ["StudentFilter", "StudentSummary", "load_named", "load_summaries", "load_summary",
           "search"]


def _summary_query():
    return (select(Student.id, Student.full_name, Student.name_latin, Student.student_number,
                   Student.school_id, School.name, Student.grade, Student.class_name,
                   Student.birth_date, Student.status, Student.archived)
            .join(School, School.id == Student.school_id))


def load_summaries(store: Store) -> list[StudentSummary]:
    """Every student this person may see, in three queries whatever the count."""
    with store.reading() as s:  # the session's rule leaves out others' students
        rows = s.execute(_summary_query()).all()
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


def load_summary(store: Store, student_id: str) -> StudentSummary | None:
    """One row, refreshed after an edit (the list updates without reloading everything)."""
    with store.reading() as s:
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


def load_named(store: Store, wanted: str) -> list[StudentSummary]:
    """The students of `load_summaries` whose id, student number or name is `wanted` (how
    a command names one student), without reading every student."""
    if not wanted:  # matches every student without a number: read them all
        return [s for s in load_summaries(store)
                if wanted in (s.id, s.student_number, s.full_name)]
    with store.reading() as s:
        ids = list(s.scalars(select(Student.id).where(or_(
            Student.id == wanted, Student.student_number == wanted,
            Student.full_name == wanted))))
    found = [load_summary(store, student_id) for student_id in ids]
    return sorted((f for f in found if f is not None), key=lambda x: x.sort_key)
