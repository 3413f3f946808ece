"""A school's own goals in the goal bank (本校目标): read from a teacher's own list in a
spreadsheet, kept in the database, and offered beside the shipped goals everywhere a goal
is found or taken into a plan, tagged 本校 so a teacher can tell them apart.

An import is seen whole before anything is saved, as a student list's is: every row with
each problem on its cell (an unknown domain, an empty behaviour, a mastery rule that is no
percentage, a goal already in the bank or twice in the file). Then the good rows are saved
in one transaction, all of them or none. An own goal is archived rather than deleted:
plans that took it keep pointing at it, and it can be brought back.
"""
from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import OwnGoal
from ..spreadsheets.goal_list import (
    GOAL_COLUMNS, TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE, GoalRow, goal_table, read_goal_row,
    recognise,
)
from ..spreadsheets.roster import Table
from ..store import Store
from ..vocabulary import AGE_BANDS, Term

if TYPE_CHECKING:
    from ..units.schema import Goal

log = logging.getLogger(__name__)

OWN_PREFIX = "own-"
# How an own goal is marked in the goal bank, and a word that finds them all in a search.
OWN_TAG = Term("own", "本校", "Our school")


def is_own(goal_id: str) -> bool:
    """Whether a goal-bank id is a school's own (shipped ids never begin so)."""
    return (goal_id or "").startswith(OWN_PREFIX)


@dataclass(frozen=True)
class OwnGoalEntry:
    """One of the school's own goals, as the list of them shows it."""

    goal: Goal
    source: str  # the spreadsheet it came from
    archived: bool
    imported_on: date


@dataclass(frozen=True)
class GoalListPreview:
    """What an import would do: every row with its problems."""

    table: Table
    mapping: tuple[str, ...]  # the column each of the file's columns is read as
    rows: tuple[GoalRow, ...]

    @property
    def good(self) -> list[GoalRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[GoalRow]:
        return [row for row in self.rows if not row.ok]


@dataclass(frozen=True)
class GoalListReport:
    """What an import did: the goals added, and the rows left out with their problems."""

    goal_ids: tuple[str, ...]
    left_out: tuple[GoalRow, ...]


class OwnGoals:
    """`shipped_goals()` gives the shipped goal bank by id (the library's, read once)."""

    is_own = staticmethod(is_own)
    # Searched with an own goal's words, so a teacher finds all of them by the tag.
    search_words = f"{OWN_TAG.zh}\n{OWN_TAG.en.lower()}"

    def __init__(self, store: Store, shipped_goals: Callable[[], dict]):
        self.store = store
        self.shipped_goals = shipped_goals
        self._parsed: dict[str, tuple[int, Goal]] = {}  # record id -> (version, goal)

    # -- reading --------------------------------------------------------------------------
    def entries(self, archived: bool | None = False) -> list[OwnGoalEntry]:
        """The school's goals in the order they were added; `archived`: None for all."""
        from pydantic import ValidationError

        with self.store.reading() as s:
            query = select(OwnGoal).order_by(OwnGoal.created_at, OwnGoal.goal_id)
            if archived is not None:
                query = query.where(OwnGoal.archived.is_(archived))
            entries = []
            for record in s.scalars(query):
                try:
                    goal = self._goal(record)
                except ValidationError:
                    # Written by a later version of the app, perhaps: the rest of the bank
                    # still opens.
                    log.warning("own goal %s cannot be read; left out", record.goal_id)
                    continue
                entries.append(OwnGoalEntry(goal, record.source, record.archived,
                                            _local_day(record.created_at)))
            return entries

    def bank(self, archived: bool = False) -> dict[str, Goal]:
        """The school's goals by id; `archived`: the archived ones too (a plan that took
        one still finds its home tip)."""
        return {e.goal.id: e.goal for e in self.entries(None if archived else False)}

    def _goal(self, record: OwnGoal) -> Goal:
        """The record's goal, checked once per version (the bank is searched at each key
        a teacher types)."""
        known = self._parsed.get(record.id)
        if known is None or known[0] != record.version:
            known = self._parsed[record.id] = (record.version,
                                               goal_of({**record.document, "id": record.goal_id}))
        return known[1]

    # -- archiving ------------------------------------------------------------------------
    def archive(self, goal_id: str) -> None:
        """Hide a goal from the bank; plans that took it keep their copy."""
        self._set_archived(goal_id, True)

    def restore(self, goal_id: str) -> None:
        self._set_archived(goal_id, False)

    def _set_archived(self, goal_id: str, archived: bool) -> None:
        with self.store.session() as s:
            record = s.scalar(select(OwnGoal).where(OwnGoal.goal_id == goal_id))
            if record is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal is not in the goal bank."))
            record.archived = archived

    # -- importing ------------------------------------------------------------------------
    @staticmethod
    def read(path: Path | str, sheet_name: str | None = None) -> Table:
        """The goal list in a .xlsx or .csv file (SpreadsheetRefused, with a plain
        message, for a file that cannot or should not be read)."""
        from ..spreadsheets.reading import read_sheet

        return goal_table(read_sheet(path, sheet_name))

    @staticmethod
    def recognised(table: Table) -> list[str]:
        return recognise(list(table.headings))

    def preview(self, table: Table, mapping: Sequence[str] | None = None,
                language: str = "zh_CN") -> GoalListPreview:
        """Every row as the import would take it, with its problems."""
        mapping = tuple(mapping) if mapping is not None else tuple(recognise(list(table.headings)))
        rows = [read_goal_row(line, values, list(mapping), language)
                for line, values in table.rows]
        self._check_goal(rows)
        self._check_already_there(rows)
        return GoalListPreview(table, mapping, tuple(rows))

    @staticmethod
    def _check_goal(rows: list[GoalRow]) -> None:
        """What the goal bank's own rules say of a row the list's checks let through (a
        text the bank's schema refuses would make a goal no plan can take)."""
        from pydantic import ValidationError  # here: pydantic loads only when a list does

        for row in rows:
            if row.ok:
                try:
                    goal_of({**row.document, "id": "own-checked"})
                except ValidationError as error:
                    from ..units.loading import problem_message

                    first = error.errors(include_url=False)[0]
                    message, params = problem_message(first)
                    row.add(str(first["loc"][0]) if first["loc"] else "", message, **params)

    def _check_already_there(self, rows: list[GoalRow]) -> None:
        """A goal with the same words as one in the bank (shipped, the school's own, or
        one archived), or as an earlier row of the file, is left out: importing a list
        twice must not put every goal in twice."""
        bank: dict[tuple, str] = {}
        for goal in self.shipped_goals().values():
            for key in _keys(goal.model_dump()):
                bank.setdefault(key, "")
        for entry in self.entries(None):
            for key in _keys(entry.goal.model_dump()):
                bank.setdefault(key, "archived" if entry.archived else "")
        first: dict[tuple, GoalRow] = {}
        for row in rows:
            if not row.ok:
                continue
            keys = _keys(row.document)
            there = next((bank[k] for k in keys if k in bank), None)
            earlier = next((first[k] for k in keys if k in first), None)
            if there == "archived":
                row.add("behaviour", QT_TRANSLATE_NOOP(
                    "Errors", "This goal is already among your archived goals. Restore it "
                    "there instead of importing it again."))
            elif there is not None:
                row.add("behaviour", QT_TRANSLATE_NOOP(
                    "Errors", "This goal is already in the goal bank, with the same words."))
            elif earlier is not None:
                row.add("behaviour", QT_TRANSLATE_NOOP(
                    "Errors", "The same goal is on row {row} of this file; it is imported "
                    "once, from there."), row=earlier.line)
            for key in keys:
                first.setdefault(key, row)

    def import_rows(self, preview: GoalListPreview) -> GoalListReport:
        """Save the good rows of `preview` in one transaction: every one, or none."""
        made = []
        source = preview.table.sheet.file_name[:300]
        # The goals keep the list's order: each is made a moment after the one above it.
        moment = datetime.now(timezone.utc)
        with self.store.session() as s:
            for n, row in enumerate(preview.good):
                goal_id = new_goal_id()
                s.add(OwnGoal(goal_id=goal_id, document=dict(row.document), source=source,
                              created_at=moment + timedelta(milliseconds=n)))
                made.append(goal_id)
            s.flush()
        return GoalListReport(tuple(made), tuple(preview.bad))

    # -- the blank list -------------------------------------------------------------------
    @staticmethod
    def write_template(path: Path | str, language: str) -> Path:
        """A blank goal list: the headings the import reads, and one goal to copy."""
        from ..spreadsheets.writing import write_table

        zh = language.startswith("zh")
        headings = [GOAL_COLUMNS.get(code).label(language) for code in TEMPLATE_COLUMNS]
        return write_table(path, "目标库" if zh else "Goals", headings,
                           [TEMPLATE_EXAMPLE["zh" if zh else "en"]])


def new_goal_id() -> str:
    """A stable id a plan keeps pointing at: "own-" and a short random part."""
    return OWN_PREFIX + uuid.uuid4().hex[:10]


def goal_of(document: dict) -> Goal:
    """The goal-bank goal a stored document holds. A goal of a teacher's list may suit
    every age (no age band), which the shipped files' schema does not allow: it is checked
    with a stand-in band and kept without one."""
    from ..units.schema import Goal

    if document.get("age_band"):
        return Goal.model_validate(document)
    goal = Goal.model_validate({**document, "age_band": AGE_BANDS.codes()[0]})
    return goal.model_copy(update={"age_band": ""})


def _local_day(moment) -> date:
    # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone().date()


_NOT_WORDS = re.compile(r"[\s\W_]+")


def _keys(document: dict) -> list[tuple]:
    """A goal's words as compared, per language it is written in: the same condition,
    behaviour and criterion, whatever the spaces, punctuation or letter case."""
    keys = []
    for language in ("zh", "en"):
        words = tuple(_NOT_WORDS.sub("", ((document.get(name) or {}).get(language) or ""))
                      .casefold() for name in ("condition", "behaviour", "criterion"))
        if words[1]:
            keys.append((language, *words))
    return keys
