"""The district's own settings of the regulation's checks (core/overview/rules.py)."""
from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, Versioned


class DistrictRule(Record, Versioned, Base):
    """One threshold a district set, and where its figure comes from when not from the
    text the app ships (another province's article, the district's own rule).

    A table rather than a user setting: on a shared server everyone's view must check
    against the same figures. A rule with no row here keeps its default."""

    __tablename__ = "district_rule"

    key: Mapped[str] = mapped_column(String(50), unique=True)
    value: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200), default="")
