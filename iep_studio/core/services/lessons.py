"""Lessons made from course units, for one or more students on a date."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import AuditEntry, Lesson, LessonStudent, Student
from ..store import Store
from .library import CourseLibrary
from .validation import Checker


@dataclass
class LessonPlace:
    """One student's part in a lesson."""

    student_id: str
    tier: int = 2
    adjustments: str = ""
    objectives: list[str] = field(default_factory=list)


class Lessons:
    def __init__(self, store: Store, library: CourseLibrary):
        self.store = store
        self.library = library

    def make_lesson(self, unit_id: str, given_on: date | str, places: list[LessonPlace],
                    title: str = "", notes: str = "") -> Lesson:
        check = Checker()
        given_on = check.date("given_on", given_on, required=True)
        if not places:
            check.add("students", QT_TRANSLATE_NOOP("Errors", "Choose at least one student."))
        for place in places:
            if place.tier not in (1, 2, 3):
                check.add("tier", QT_TRANSLATE_NOOP("Errors", "The level must be 1, 2 or 3."))
        check.raise_if_any()
        unit = self.library.get(unit_id).unit
        with self.store.session() as s:
            known = set(s.scalars(select(Student.id).where(
                Student.id.in_([p.student_id for p in places]))))
            if len(known) != len({p.student_id for p in places}):
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            lesson = Lesson(
                unit_id=unit.id,
                # A copy, not a reference: editing the unit later leaves this lesson as taught.
                unit_snapshot=unit.model_dump(mode="json", exclude_none=True),
                title=(title or unit.title.get("zh_CN")).strip()[:200], given_on=given_on,
                notes=(notes or "").strip(),
                students=[LessonStudent(student_id=p.student_id, tier=p.tier,
                                        adjustments=p.adjustments.strip(),
                                        objectives=list(p.objectives), position=i)
                          for i, p in enumerate(places)])
            s.add(lesson)
            s.flush()
            return self._load(s, lesson.id)

    def get(self, lesson_id: str) -> Lesson:
        with self.store.reading() as s:
            return self._load(s, lesson_id)

    def for_student(self, student_id: str) -> list[Lesson]:
        with self.store.reading() as s:
            return list(s.scalars(
                select(Lesson).join(LessonStudent).where(LessonStudent.student_id == student_id)
                .options(selectinload(Lesson.students)).order_by(Lesson.given_on.desc())))

    @staticmethod
    def _load(s, lesson_id: str) -> Lesson:
        lesson = s.get(Lesson, lesson_id, options=[selectinload(Lesson.students)])
        if lesson is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This lesson no longer exists."))
        return lesson

    def made_by(self, lesson_id: str) -> str:
        """Who made the lesson, as the audit log names their account ("" if unknown). A
        lesson has no teacher of its own; the account that recorded it is the nearest. A
        change made without an account (a personal copy) names the computer's user, not
        a teacher, so it gives "". Whose log entries one may read is the usual rule."""
        with self.store.reading() as s:
            return s.scalar(select(AuditEntry.actor).where(
                AuditEntry.table_name == Lesson.__tablename__,
                AuditEntry.record_id == lesson_id, AuditEntry.action == "added",
                AuditEntry.account_id.is_not(None)).order_by(AuditEntry.at).limit(1)) or ""

    def recent(self, limit: int = 60) -> list[Lesson]:
        """The newest lessons, to link a week's activity to one."""
        with self.store.reading() as s:
            return list(s.scalars(select(Lesson).order_by(Lesson.given_on.desc(),
                                                          Lesson.created_at.desc()).limit(limit)))
