"""Assessments: an instrument given on a date, with present levels per domain, and, for an
instrument scored item by item (core/assessment), each item's score."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, Versioned


class Assessment(Record, Versioned, Base):
    __tablename__ = "assessment"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(200))  # its name, as shown and printed
    # The id of an instrument scored item by item (its files say what each item is); empty
    # for one whose results are typed in per domain.
    instrument_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[list[AssessmentResult]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentResult.position"
    )
    item_scores: Mapped[list[ItemScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")


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


class ItemScore(Record, Base):
    """One item of an item-scored instrument, as scored for this assessment: a value of
    the item's scale, or N/A (None); a note of what was seen."""

    __tablename__ = "item_score"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id"),)

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[Assessment] = relationship(back_populates="item_scores")
