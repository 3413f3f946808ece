"""The student list in memory, and search as you type over it.

6,000 files make a few hundred kilobytes of search text; filtering that in Python takes a
few milliseconds a keystroke, far less than a database round trip per key. This module
needs neither the database nor Qt, so the window can import it before either is loaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .vocabulary import CATEGORIES, PLACEMENTS


@dataclass
class StudentSummary:
    """One row of the student list."""

    id: str
    full_name: str
    student_number: str
    school_id: str
    school_name: str
    grade: str
    class_name: str
    birth_date: date | None
    status: str
    archived: bool
    categories: tuple[str, ...]
    placement: str
    haystack: str  # lower-case text every search token is looked for in
    sort_key: tuple = ()


@dataclass(frozen=True)
class StudentFilter:
    query: str = ""
    category: str = ""
    placement: str = ""
    school_id: str = ""
    status: str = ""
    show_archived: bool = False


def summary_from(row, categories: tuple[str, ...], placement: str) -> StudentSummary:
    (sid, name, latin, number, school_id, school, grade, class_name, birth, status,
     archived) = row
    words = [name, latin, number or "", school, grade, class_name]
    for code in categories:
        term = CATEGORIES.get(code)
        words += [term.zh, term.en] if term else [code]
    term = PLACEMENTS.get(placement)
    if term:
        words += [term.zh, term.en]
    return StudentSummary(
        id=sid, full_name=name, student_number=number or "", school_id=school_id,
        school_name=school, grade=grade, class_name=class_name, birth_date=birth, status=status,
        archived=archived, categories=categories, placement=placement,
        haystack="\n".join(words).lower(),
        sort_key=(school, latin or name),  # by pinyin, as Chinese class lists are
    )


def search(summaries: list[StudentSummary], flt: StudentFilter) -> list[StudentSummary]:
    """Rows matching every word of the query (in any field) and every filter."""
    tokens = flt.query.lower().split()
    out = []
    for row in summaries:
        if row.archived and not flt.show_archived:
            continue
        if flt.category and flt.category not in row.categories:
            continue
        if flt.placement and flt.placement != row.placement:
            continue
        if flt.school_id and flt.school_id != row.school_id:
            continue
        if flt.status and flt.status != row.status:
            continue
        if all(t in row.haystack for t in tokens):
            out.append(row)
    return out
