"""Assessments: an instrument given on a date, with present levels per domain."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, Versioned


class Assessment(Record, Versioned, Base):
    __tablename__ = "assessment"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(200))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[list[AssessmentResult]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentResult.position"
    )


class AssessmentResult(Record, Base):
    """The present level found in one domain: a score as printed and what the child can do."""

    __tablename__ = "assessment_result"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(50))
    score: Mapped[str] = mapped_column(String(100), default="")
    present_level: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    assessment: Mapped[Assessment] = relationship(back_populates="results")
