"""The student file: profile, categories, placement history, guardians and team."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, Versioned


class Student(Record, Versioned, Base):
    __tablename__ = "student"
    __table_args__ = (UniqueConstraint("school_id", "student_number", name="school_number"),)

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"), index=True)
    student_number: Mapped[str | None] = mapped_column(String(50), nullable=True)
    full_name: Mapped[str] = mapped_column(String(100))
    # Pinyin of the name ("zhang xiao ming zxm"), kept so search by Latin letters needs
    # no pinyin dictionary at start-up or per keystroke.
    name_latin: Mapped[str] = mapped_column(String(300), default="")
    sex: Mapped[str] = mapped_column(String(10), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    grade: Mapped[str] = mapped_column(String(50), default="")
    class_name: Mapped[str] = mapped_column(String(50), default="")
    enrolled_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    certificate_no: Mapped[str] = mapped_column(String(50), default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    health_notes: Mapped[str] = mapped_column(Text, default="")
    medication: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    home_language: Mapped[str] = mapped_column(String(100), default="")
    family_needs: Mapped[str] = mapped_column(Text, default="")
    # Archived files leave the working list but are never deleted: records last for years.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    categories: Mapped[list[StudentCategory]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="StudentCategory.position"
    )
    placements: Mapped[list[PlacementPeriod]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="PlacementPeriod.start_date"
    )
    guardians: Mapped[list[Guardian]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="Guardian.position"
    )
    team: Mapped[list[TeamMembership]] = relationship(
        back_populates="student", cascade="all, delete-orphan"
    )

    @property
    def current_placement(self) -> PlacementPeriod | None:
        """Where the child is taught now: the open placement period (the latest, should a
        file have two open, as the district view counts it), or None when none is open."""
        return next((p for p in reversed(self.placements) if p.end_date is None), None)


class StudentCategory(Record, Base):
    """One disability category with its degree; a student may have several."""

    __tablename__ = "student_category"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(50))
    degree: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    student: Mapped[Student] = relationship(back_populates="categories")


class PlacementPeriod(Record, Base):
    """Where the student was taught from start to end; the open period is the current one."""

    __tablename__ = "placement_period"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    placement: Mapped[str] = mapped_column(String(50))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    student: Mapped[Student] = relationship(back_populates="placements")


class Guardian(Record, Versioned, Base):
    __tablename__ = "guardian"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    relationship_: Mapped[str] = mapped_column("relationship", String(30), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    workplace: Mapped[str] = mapped_column(String(200), default="")
    primary_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    student: Mapped[Student] = relationship(back_populates="guardians")


class TeamMembership(Record, Versioned, Base):
    """A person's role on one student's integrated-education team."""

    __tablename__ = "team_membership"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(50))
    since: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    student: Mapped[Student] = relationship(back_populates="team")
