"""The resource-room rhythm: a theme each month, activities each week, sessions each day,
and what each student did (observations, behaviour records, home visits).

Students taking part are kept as a JSON list of ids on themes, activities and sessions:
a week is read whole (a few dozen rows) and filtered in Python, and the lists travel with
the records when a file moves school. Observations point at an objective by id without a
foreign key on purpose: what a child did is a record that outlives edits to the plan (an
objective removed and restored by undo comes back under the same id and finds its data).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class MonthlyTheme(Record, Versioned, Base):
    """主题: what a month is about, for the whole room, a group or one student."""

    __tablename__ = "monthly_theme"

    month: Mapped[date] = mapped_column(Date, index=True)  # the first day of the month
    scope: Mapped[str] = mapped_column(String(20), default="room")
    group_name: Mapped[str] = mapped_column(String(100), default="")
    student_ids: Mapped[list] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(200))
    aims: Mapped[str] = mapped_column(Text, default="")


class WeeklyActivity(Record, Versioned, Base):
    """活动: what the room does this week under the month's theme, from a course unit or a
    lesson, with the students it is for."""

    __tablename__ = "weekly_activity"

    week_start: Mapped[date] = mapped_column(Date, index=True)  # the Monday
    theme_id: Mapped[str | None] = mapped_column(
        ForeignKey("monthly_theme.id", ondelete="SET NULL"), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[str] = mapped_column(String(64), default="")
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lesson.id", ondelete="SET NULL"), nullable=True)
    student_ids: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class TeachingSession(Record, Versioned, Base):
    """课时: one sitting in a room on a day, from a time to a time, with its students."""

    __tablename__ = "teaching_session"

    day: Mapped[date] = mapped_column(Date, index=True)
    starts: Mapped[str] = mapped_column(String(5), default="")  # HH:MM
    ends: Mapped[str] = mapped_column(String(5), default="")
    room: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    activity_id: Mapped[str | None] = mapped_column(
        ForeignKey("weekly_activity.id", ondelete="SET NULL"), nullable=True)
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lesson.id", ondelete="SET NULL"), nullable=True)
    student_ids: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")


class Observation(Record, Base):
    """观察记录: what one student did toward one objective in one sitting: trials, each a
    prompt-level code (see progress.trials), and any duration, count, rating or note."""

    __tablename__ = "observation"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    objective_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("teaching_session.id", ondelete="SET NULL"), nullable=True, index=True)
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lesson.id", ondelete="SET NULL"), nullable=True)
    observed_on: Mapped[date] = mapped_column(Date, index=True)
    trials: Mapped[str] = mapped_column(String(100), default="")
    duration_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    frequency: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    observer: Mapped[str] = mapped_column(String(100), default="")


class BehaviourRecord(Record, Base):
    """行为记录 in ABC form: what came before, what the child did, what followed, the
    likely function, how often and how long."""

    __tablename__ = "behaviour_record"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    occurred_at: Mapped[str] = mapped_column(String(5), default="")
    setting: Mapped[str] = mapped_column(String(200), default="")
    antecedent: Mapped[str] = mapped_column(Text, default="")
    behaviour: Mapped[str] = mapped_column(Text)
    consequence: Mapped[str] = mapped_column(Text, default="")
    function: Mapped[str] = mapped_column(String(20), default="")
    frequency: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    observer: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class HomeVisit(Record, Base):
    """送教上门: a visit to the home: when, how long, who went, what was done, and the
    plan objectives it served."""

    __tablename__ = "home_visit"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    visitors: Mapped[str] = mapped_column(String(300), default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    objective_ids: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
