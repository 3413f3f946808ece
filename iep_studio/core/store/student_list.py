"""The student list read straight from the SQLite file, with the standard library, for
`iep-studio students`: importing SQLAlchemy and the model alone takes longer than the
whole command may (a third of a second).

It is the list `services/search.load_summaries` gives on the command line of a personal
copy, where nobody is signed in and every file is visible: the same three queries, the
same rows (a test compares the two). Whenever that may not hold, it gives None and the
command opens the store as every other command does: a database not there yet, one whose
schema is not the newest (opening it upgrades it, after a backup), one it cannot read.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from ..student_index import StudentSummary, summary_from
from .backup import remove_unfinished
from .migrations import HEAD_REVISION
from .opening import refuse_unusable_file

STUDENTS = (
    "SELECT student.id, student.full_name, student.name_latin, student.student_number, "
    "student.school_id, school.name, student.grade, student.class_name, student.birth_date, "
    "student.status, student.archived FROM student JOIN school ON school.id = student.school_id")
CATEGORIES = ("SELECT student_category.student_id, student_category.category "
              "FROM student_category ORDER BY student_category.position")
PLACEMENTS = ("SELECT placement_period.student_id, placement_period.placement "
              "FROM placement_period WHERE placement_period.end_date IS NULL")


def read_summaries(database: Path, backup_dir: Path) -> list[StudentSummary] | None:
    """Every student file in `database`, sorted as the window lists them; None when the
    store must be opened instead (see above). Like opening the store, it refuses a file
    that is no database, clears backups cut short, and leaves everything in the .sqlite
    file itself when done."""
    if not database.is_file():
        return None  # a new install: opening the store makes the database
    refuse_unusable_file(database)
    remove_unfinished(backup_dir)
    try:
        connection = sqlite3.connect(database, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA busy_timeout=5000")  # as the store waits for a writer
        connection.execute("BEGIN")  # one snapshot for the three queries, no write lock
        if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (
                HEAD_REVISION,):
            return None
        rows = connection.execute(STUDENTS).fetchall()
        categories: dict[str, list[str]] = {}
        for student_id, category in connection.execute(CATEGORIES):
            categories.setdefault(student_id, []).append(category)
        placements = dict(connection.execute(PLACEMENTS).fetchall())
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        return None  # opening the store says what is wrong, as for any command
    finally:
        connection.close()
    try:
        summaries = [summary_from(_typed(row), tuple(categories.get(row[0], ())),
                                  placements.get(row[0], "")) for row in rows]
    except ValueError:  # a birth date SQLite holds in another form: let the store read it
        return None
    summaries.sort(key=lambda x: x.sort_key)
    return summaries


def _typed(row: tuple) -> tuple:
    """The values as SQLAlchemy gives them: a date for the birth date, a bool for
    archived."""
    *head, birth, status, archived = row
    return (*head, date.fromisoformat(birth) if birth else None, status, bool(archived))
