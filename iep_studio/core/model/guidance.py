"""The district's guidance of each case (个案指导): a coordinator's notes, and the
schools each coordinator follows."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class CaseGuidance(Record, Versioned, Base):
    """What a district coordinator (or the resource teacher) saw of one child and advised,
    for example after a visit to the school, and what is to follow by when."""

    __tablename__ = "case_guidance"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    given_on: Mapped[date] = mapped_column(Date)
    given_by: Mapped[str] = mapped_column(String(100), default="")
    # How it came about: a visit to the school, a telephone call, a case meeting.
    occasion: Mapped[str] = mapped_column(String(200), default="")
    seen: Mapped[str] = mapped_column(Text, default="")
    guidance: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    follow_up_by: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The account that wrote it: a note is changed or removed only by its writer or an
    # administrator, so neither the school nor another coordinator rewrites what the
    # district advised (core/store/audit.py; on a server, migration 0012's policies). A
    # plain id, like the audit log's: it outlives the account.
    account_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class CoordinatedSchool(Record, Base):
    """A school a district coordinator's account follows: its students' files are open to
    that account to read (core/access/visibility.py), and to write guidance notes in."""

    __tablename__ = "coordinated_school"
    __table_args__ = (UniqueConstraint("account_id", "school_id",
                                       name="uq_coordinated_school_account_school"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"),
                                            index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"),
                                           index=True)
