"""Files kept with a student's file: scanned diagnoses, signed consent forms, the expert
committee's decision, work samples and photos."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class Attachment(Record, Versioned, Base):
    """One file, kept in the database itself: backups, the shared server's row-level
    security and student-file transfers then carry and guard it with the rest of the
    child's records, and no loose folder can be lost or read past the rules.

    The content is deferred (lists never load it) and checked before it is kept: its
    kind from its first bytes, its size, its SHA-256 (core/services/attachments.py). It
    is shown by decoding it as an image or PDF page, never opened by another program."""

    __tablename__ = "attachment"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    # What else in the file it belongs to, if anything: it stays with the student when
    # that record is removed.
    plan_id: Mapped[str | None] = mapped_column(
        ForeignKey("plan.id", ondelete="SET NULL"), nullable=True, index=True)
    observation_id: Mapped[str | None] = mapped_column(
        ForeignKey("observation.id", ondelete="SET NULL"), nullable=True, index=True)
    intake_record_id: Mapped[str | None] = mapped_column(
        ForeignKey("intake_record.id", ondelete="SET NULL"), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    title: Mapped[str] = mapped_column(String(200), default="")
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    byte_size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    taken_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
