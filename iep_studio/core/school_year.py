"""Weeks and terms as a Chinese school counts them.

The first term (第一学期) runs from August to January, the second (第二学期) from
February to July; a school year is named by the year it starts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class SchoolTerm:
    year: int  # the school year's first calendar year
    first: bool

    @property
    def start(self) -> date:
        return date(self.year, 8, 1) if self.first else date(self.year + 1, 2, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, 1, 31) if self.first else date(self.year + 1, 7, 31)

    def title(self, language: str) -> str:
        if language.startswith("zh"):
            return f"{self.year}学年第{'一' if self.first else '二'}学期"
        return f"{self.year}-{str(self.year + 1)[2:]} {'autumn' if self.first else 'spring'} term"


def school_term(day: date) -> SchoolTerm:
    year = day.year if day.month >= 8 else day.year - 1
    return SchoolTerm(year, day.month >= 8 or day.month == 1)


def term_title(start: date, language: str) -> str:
    """The school term a plan starting on `start` covers, as teachers name it."""
    return school_term(start).title(language)
