"""Schools and the people around a student (teachers, therapists, doctors, experts)."""
from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class School(Record, Versioned, Base):
    __tablename__ = "school"

    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(50), default="")
    district: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    # Demo schools are marked so no one mistakes made-up children for real ones.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the district itself records of the school, for the regulation's checks (the
    # district view, core/overview): whether it has a resource room (资源教室), and how many
    # special-education (resource) teachers it has, full or part time (专兼职资源教师).
    # A number the district's staffing files hold, not counted from accounts or teams: a
    # teacher may use no account, and an itinerant teacher sits on several schools' teams.
    # Empty (None) means not recorded yet, which the checks say rather than guess.
    has_resource_room: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    resource_teachers: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Person(Record, Versioned, Base):
    """Anyone who sits on a student's team; their role is per student (TeamMembership)."""

    __tablename__ = "person"

    full_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
