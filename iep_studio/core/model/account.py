"""Who may use the files (accounts, with a role) and what each person changed (the audit log)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, column_property, mapped_column

from .base import Base, Record, Versioned, new_id, utcnow


class Account(Record, Versioned, Base):
    """Someone who signs in. The role decides what they may do; the person (optional) is
    who they are on students' teams, which decides whose files they see in shared mode."""

    __tablename__ = "account"

    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    # An Argon2id hash in its standard encoded form; empty means no password (allowed only
    # on a personal machine).
    # Deferred: listing accounts never hands the hashes out; only signing in reads one.
    # On a shared server it stays empty: the server itself checks each login's password.
    password_hash: Mapped[str] = mapped_column(Text, default="", deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_signed_in: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Wrong passwords in a row (access/passwords.py decides the wait and the lock); a
    # right one sets the count back to zero. Locked stays locked until an administrator
    # unlocks the account.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_sign_in: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                                nullable=True)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    has_password: Mapped[bool] = column_property(password_hash != "")


class AuditEntry(Base):
    """One change to one record: who, when, what, and the values before and after.

    Written in the same transaction as the change itself, so the log can neither miss a
    saved change nor record one that was rolled back. Entries are never edited. The
    account and student are plain ids (no foreign keys): the log outlives both."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_student_at", "student_id", "at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    account_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    actor: Mapped[str] = mapped_column(String(100), default="")
    student_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(10))  # added, changed, removed
    # {"field": [before, after]}; for an added record before is null, for a removed one after.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
