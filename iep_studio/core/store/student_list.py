"""The student list read straight from the SQLite file, with the standard library:
importing SQLAlchemy and the model alone takes longer than `iep-studio students` may (a
third of a second), and the window shows the list while they load.

It is the list `services/search.load_summaries` gives: on the command line of a personal
copy, where nobody is signed in and every file is visible (`read_summaries`); and in the
window of a personal copy whose only account signs in without being asked (no password,
not locked), where that account sees what its role lets it see (`read_for_the_only_account`,
the rule of core/access/visibility.py). The same queries, the same rows (tests compare
the two, for every role). Whenever that may not hold, it gives None and the store is
opened as always: a database not there yet, one whose schema is not the newest (opening
it upgrades it, after a backup), one it cannot read, a sign-in that asks something.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from ..access.rules import ADMINISTRATOR, DISTRICT_COORDINATOR
from ..errors import IepStudioError
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
# The account the window would sign in without asking (sign_in.py: one active account,
# no password, not locked, no wrong tries to wait for).
ACCOUNTS = ("SELECT role, person_id, password_hash, locked_at, failed_sign_ins "
            "FROM account WHERE active")
# Whose files a person who does not see everyone sees: those of their team's students.
TEAM = "SELECT student_id FROM team_membership WHERE person_id = ?"


def read_summaries(database: Path, backup_dir: Path) -> list[StudentSummary] | None:
    """Every student file in `database`, sorted as the window lists them; None when the
    store must be opened instead (see above). Like opening the store, it refuses a file
    that is no database, clears backups cut short, and leaves everything in the .sqlite
    file itself when done."""
    if not database.is_file():
        return None  # a new install: opening the store makes the database
    refuse_unusable_file(database)
    remove_unfinished(backup_dir)
    return _read(database, as_only_account=False, checkpoint=True)


def read_for_the_only_account(database: Path) -> list[StudentSummary] | None:
    """The list the window shows once the only account of this personal copy has signed
    in by itself, read before the store opens; None whenever anything else may happen
    (a sign-in that asks, an upgrade, a damaged file: the store says what is wrong)."""
    if not database.is_file():
        return None
    try:
        refuse_unusable_file(database)
    except IepStudioError:
        return None
    return _read(database, as_only_account=True, checkpoint=False)


def _read(database: Path, as_only_account: bool, checkpoint: bool):
    try:
        connection = sqlite3.connect(database, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA busy_timeout=5000")  # as the store waits for a writer
        connection.execute("BEGIN")  # one snapshot for every query, no write lock
        if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (
                HEAD_REVISION,):
            return None
        team = None  # every file is visible
        if as_only_account:
            accounts = connection.execute(ACCOUNTS).fetchall()
            if len(accounts) != 1:
                return None
            role, person_id, password_hash, locked_at, failed = accounts[0]
            if password_hash or locked_at is not None or failed:
                return None
            if role == DISTRICT_COORDINATOR:  # the schools they follow: the store's rule
                return None
            if role != ADMINISTRATOR:
                team = {row[0] for row in connection.execute(TEAM, (person_id,))}
        rows = connection.execute(STUDENTS).fetchall()
        if team is not None:
            rows = [row for row in rows if row[0] in team]
        categories: dict[str, list[str]] = {}
        for student_id, category in connection.execute(CATEGORIES):
            categories.setdefault(student_id, []).append(category)
        placements = dict(connection.execute(PLACEMENTS).fetchall())
        connection.execute("COMMIT")
        if checkpoint:
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
