"""Course units teachers write or adapt, the lessons made from units, and assessment
instruments a school imported."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, Versioned


class UserCourseUnit(Record, Versioned, Base):
    """A unit written or adapted in the app. Shipped units stay in their files, read-only;
    the document itself is kept as the unit file's fields (the same schema)."""

    __tablename__ = "user_course_unit"

    unit_id: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict] = mapped_column(JSON)
    copied_from: Mapped[str] = mapped_column(String(64), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class OwnApparatusOrSituation(Record, Versioned, Base):
    """A piece of apparatus or a situation a school added to the shipped lists, so units
    can be written around what its resource room really has and does. Its code is what a
    unit file names (`apparatus:` or `situation:`); names and safety notes in both
    languages."""

    __tablename__ = "unit_centre"

    kind: Mapped[str] = mapped_column(String(20))  # "apparatus" or "situation"
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100), default="")
    name_en: Mapped[str] = mapped_column(String(100), default="")
    domains: Mapped[list] = mapped_column(JSON, default=list)  # DOMAINS codes it trains
    safety_zh: Mapped[str] = mapped_column(Text, default="")
    safety_en: Mapped[str] = mapped_column(Text, default="")


class InstrumentFile(Record, Base):
    """One file of an instrument a school imported (core/assessment), kept as it was
    written, so every computer of the school reads the same items."""

    __tablename__ = "instrument_file"
    __table_args__ = (UniqueConstraint("instrument_id", "name"),)

    instrument_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(300))  # its path within the instrument's folder
    text: Mapped[str] = mapped_column(Text)


class Lesson(Record, Versioned, Base):
    """A unit given on a date. It keeps its own copy of the unit, so a later edit of the
    template never rewrites what was taught."""

    __tablename__ = "lesson"

    unit_id: Mapped[str] = mapped_column(String(64))
    unit_snapshot: Mapped[dict] = mapped_column(JSON)
    title: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[date] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    students: Mapped[list[LessonStudent]] = relationship(
        back_populates="lesson", cascade="all, delete-orphan", order_by="LessonStudent.position")


class LessonStudent(Record, Base):
    """One student in a lesson: the tier they work at, their adjustments, and the
    objectives the lesson serves for them."""

    __tablename__ = "lesson_student"

    lesson_id: Mapped[str] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    tier: Mapped[int] = mapped_column(Integer, default=2)
    adjustments: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    lesson: Mapped[Lesson] = relationship(back_populates="students")


class OwnGoal(Record, Versioned, Base):
    """A goal a school added to the goal bank, from a teacher's own list (a spreadsheet):
    the same document as a goal in the shipped goal-bank files, so plans take it alike."""

    __tablename__ = "own_goal"

    goal_id: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict] = mapped_column(JSON)
    # Where it came from (the spreadsheet's name), for a teacher wondering later.
    source: Mapped[str] = mapped_column(String(300), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
