"""Checking every record a student file brings, before anything is written.

Every value must be one the app's own forms accept (rules.py, documents.py), and every
link and every id a record holds must name a record of the same file: a file brings one
child's records and can reach no other child's. A fault raises Damage, which the reader
turns into a message naming the file.
"""
from __future__ import annotations

import math

import re
from datetime import date, datetime, timezone
from functools import cache

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String

from ..model import Base
from . import documents, rules
from .archive import DATA
from .contents import CARRIED_APART, ID_REFERENCES, REPLACED, TABLES
from .faults import Damage, shown

# JSON columns and the shape their value must have.
JSON_SHAPES = {("plan_revision", "snapshot"): dict, ("lesson", "unit_snapshot"): dict,
               ("lesson_student", "objectives"): list, ("home_visit", "objective_ids"): list}
MAX_JSON_DEPTH = 32
_UUID = re.compile(documents.RECORD_ID)
_INT_RANGE = (-2**31, 2**31 - 1)  # a PostgreSQL INTEGER


def checked_tables(data, latest: date) -> dict[str, list[dict]]:
    """The parsed records of the file, table by table, every row checked and turned into
    Python values; dates after `latest` are refused where they must be in the past."""
    if not isinstance(data, dict):
        raise Damage(f"the part {DATA} does not hold tables of records")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise Damage(f"it holds an unknown kind of record (\"{shown(unknown[0])}\")")
    tables = {}
    for table in TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            raise Damage(f"the records of \"{table}\" are not a list")
        tables[table] = [_row(table, number, row, latest) for number, row in enumerate(rows, 1)]
        rows.clear()  # the values live on in the checked rows; the parsed copy can go
    twice = rules.categories_twice(tables["student_category"])
    if twice is not None:
        raise Damage(f"the field \"category\" of a record of \"student_category\" is not "
                     f"accepted: {twice.text().rstrip('.')}")
    _check_links(tables)
    return tables


def _row(table: str, number: int, row, latest: date) -> dict:
    where = f"record {number} of \"{table}\""
    if not isinstance(row, dict):
        raise Damage(f"{where} is not a set of fields")
    columns = Base.metadata.tables[table].columns
    unknown = sorted(set(row) - set(columns.keys()))
    if unknown:
        raise Damage(f"{where} has an unknown field \"{shown(unknown[0])}\"")
    out = {}
    for column in columns:
        if column.name == "version" or (table, column.name) in REPLACED:
            continue  # restarted or replaced on import, whatever the file says
        if (table, column.name) in CARRIED_APART:
            if column.name in row:
                raise Damage(f"{where} holds its file inside the records")
            continue  # its own part, checked in package.py
        if _links_outside(column):
            out[column.name] = None  # the room's records stay behind; so do links to them
            continue
        if column.name not in row:
            if column.name == "id" or not (column.nullable or column.default is not None):
                raise Damage(f"{where} has no \"{column.name}\"")
            continue  # the column's default applies
        out[column.name] = _value(table, column, row[column.name], where)
    # As the database will hold it: a field the file leaves out takes the column's default.
    problems = rules.row_problems(table, {**_defaults(table), **out}, latest)
    if problems:
        raise Damage(f"the field \"{problems[0].field}\" of {where} is not accepted: "
                     f"{problems[0].text().rstrip('.')}")
    return out


@cache
def _defaults(table: str) -> dict:
    return {column.name: column.default.arg for column in Base.metadata.tables[table].columns
            if column.default is not None and column.default.is_scalar}


def _links_outside(column) -> bool:
    return any(fk.column.table.name not in TABLES for fk in column.foreign_keys)


def _value(table: str, column, value, where: str):
    what = f"the field \"{column.name}\" of {where}"
    if value is None:
        if column.nullable:
            return None
        raise Damage(f"{what} is empty")
    kind = column.type
    if isinstance(kind, Boolean):
        if type(value) is not bool:
            raise Damage(f"{what} is not true or false")
        return value
    if isinstance(kind, Integer):
        if type(value) is not int or not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
            raise Damage(f"{what} is not a whole number")
        return value
    if isinstance(kind, Float):  # an item's score: a finite number (rules.py bounds it)
        if type(value) not in (int, float) or not math.isfinite(value):
            raise Damage(f"{what} is not a number")
        return float(value)
    if isinstance(kind, DateTime):
        moment = _parsed(datetime.fromisoformat, value, f"{what} is not a date and time")
        # Stored as UTC; a time without a zone came from SQLite, which keeps UTC.
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    if isinstance(kind, Date):
        return _parsed(date.fromisoformat, value, f"{what} is not a date")
    if isinstance(kind, JSON):
        return _json_value(table, column.name, value, what)
    if isinstance(kind, String):
        return _text(value, kind.length, column, what)
    raise TypeError(f"no rule for {table}.{column.name} ({kind!r})")  # a new column type


def _parsed(parse, value, problem: str):
    if not isinstance(value, str) or len(value) > 40:
        raise Damage(problem)
    try:
        return parse(value)
    except ValueError:
        raise Damage(problem) from None


def _text(value, length: int | None, column, what: str) -> str:
    if not isinstance(value, str):
        raise Damage(f"{what} is not text")
    if length is not None and len(value) > length:
        raise Damage(f"{what} is too long (at most {length} characters)")
    if "\x00" in value:
        raise Damage(f"{what} holds a character text cannot hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which JSON can spell but no database keeps
        raise Damage(f"{what} holds a character text cannot hold") from None
    if column.primary_key and not _UUID.fullmatch(value):
        raise Damage(f"{what} is not a record id")
    return value


def _json_value(table: str, name: str, value, what: str):
    shape = JSON_SHAPES.get((table, name))
    if shape is not None and not isinstance(value, shape):
        raise Damage(f"{what} is not a {'list' if shape is list else 'set of fields'}")
    if shape is list and not all(isinstance(item, str) and _UUID.fullmatch(item)
                                 for item in value):
        raise Damage(f"{what} holds something other than record ids")
    if not _shallow(value):
        raise Damage(f"{what} is nested too deeply")
    problem = documents.problem_with(table, name, value)
    if problem is not None:
        raise Damage(f"{what} {problem}")
    return value


def _shallow(value) -> bool:
    """No deeper than MAX_JSON_DEPTH, checked without recursion (so without a limit)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                return False
            stack.extend((child, depth + 1) for child in
                         (item.values() if isinstance(item, dict) else item))
    return True


def _check_links(tables: dict[str, list[dict]]) -> None:
    """One student; ids unique; every link and every id a record holds points at a record
    in the file (an observation cannot count toward another child's objective, nor an
    objective take in another child's observations); plans that follow or amend each
    other, and objectives that amend or carry on each other, do not go round in a
    circle."""
    if len(tables["student"]) != 1:
        raise Damage("it must hold exactly one student")
    ids: dict[str, set] = {}
    seen: set = set()
    for table in TABLES:
        ids[table] = {row["id"] for row in tables[table]}
        for row in tables[table]:
            if row["id"] in seen:
                raise Damage(f"two records share the id {row['id']}")
            seen.add(row["id"])
    for table in TABLES:
        for column in _links(table):
            target = next(iter(column.foreign_keys)).column.table.name
            for row in tables[table]:
                value = row.get(column.name)
                if value is not None and value not in ids[target]:
                    raise Damage(f"a record of \"{table}\" refers to a record of \"{target}\" "
                                 "that is not in the file")
    for (table, column), target in ID_REFERENCES.items():
        for row in tables[table]:
            value = row.get(column)
            named = value if isinstance(value, list) else [value]
            if any(item is not None and item not in ids[target] for item in named):
                raise Damage(f"a record of \"{table}\" refers to a record of \"{target}\" "
                             "that is not in the file")
    _check_no_circle(tables)


def _links(table: str) -> list:
    """The columns of `table` that link to another carried record."""
    return [column for column in Base.metadata.tables[table].columns
            if column.foreign_keys and not _links_outside(column)
            and (table, column.name) not in REPLACED]


def self_links(table: str) -> list[str]:
    return [column.name for column in _links(table)
            if next(iter(column.foreign_keys)).column.table.name == table]


def self_references(table: str) -> list[str]:
    """Plain id columns naming a record of the same table (an objective amending one)."""
    return [column for (kind, column), target in ID_REFERENCES.items()
            if kind == table == target]


def in_link_order(table: str, rows: list[dict], columns: list[str] | None = None
                  ) -> list[dict]:
    """`rows` with every row after the rows of the same table it links to through
    `columns` (by default its foreign keys: plans that follow or amend earlier plans);
    raises Damage for a circle."""
    columns = self_links(table) if columns is None else columns
    if not columns:
        return list(rows)
    by_id = {row["id"]: row for row in rows}

    def targets(row):
        return iter([by_id[row[c]] for c in columns if row.get(c) in by_id])

    state, ordered = {}, []  # id -> "open" while its links are followed, then "placed"
    for start in rows:
        if start["id"] in state:
            continue
        state[start["id"]] = "open"
        stack = [(start, targets(start))]
        while stack:  # depth first without recursion: a chain may be long
            row, pending = stack[-1]
            target = next(pending, None)
            if target is None:
                stack.pop()
                state[row["id"]] = "placed"
                ordered.append(row)
            elif state.get(target["id"]) == "open":
                raise Damage(f"records of \"{table}\" refer to each other in a circle")
            elif target["id"] not in state:
                state[target["id"]] = "open"
                stack.append((target, targets(target)))
    return ordered


def _check_no_circle(tables: dict[str, list[dict]]) -> None:
    # Progress follows amended objectives back edition by edition: a circle would never end.
    for table in TABLES:
        in_link_order(table, tables[table], self_links(table) + self_references(table))
