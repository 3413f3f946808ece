"""From referral to placement (转介安置): the district's steps, and each child's dated steps."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class IntakeStep(Record, Versioned, Base):
    """One step of the district's way from a head teacher's referral to a placement: the
    referral, the guardians' consent, the school's screening, the hospital's diagnosis,
    the expert committee, the placement, the teacher responsible.

    A table, not code: districts differ, and on a shared server every school follows the
    same steps. Written by administrators only (core/access/rules.py). A step no longer
    followed is retired, never removed: children's records name it."""

    __tablename__ = "intake_step"

    key: Mapped[str] = mapped_column(String(50), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    # What a child's file says once this is the furthest step done ("已筛查", "Screened").
    status_zh: Mapped[str] = mapped_column(String(100), default="")
    status_en: Mapped[str] = mapped_column(String(100), default="")
    # What the step asks for, as the district's own procedure says it.
    guidance_zh: Mapped[str] = mapped_column(Text, default="")
    guidance_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # False for a step taken only where needed (the expert committee, when guardians and
    # the school disagree): its absence is not "missing".
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class IntakeRecord(Record, Versioned, Base):
    """One step done for one child: when, by whom, and what was noted.

    The step is named by its key, not a foreign key, with its name as it was then: a file
    that moves to another district keeps its history though that district's steps differ."""

    __tablename__ = "intake_record"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    step_key: Mapped[str] = mapped_column(String(50))
    step_name: Mapped[str] = mapped_column(String(100), default="")
    done_on: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
