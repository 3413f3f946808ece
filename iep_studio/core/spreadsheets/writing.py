"""Tables written as an Excel workbook (.xlsx): a caseload, any table of the school and
district view, or all of them a sheet each, to sort, filter and pass on in the spreadsheet
schools already use.

The header row is bold and stays in view while scrolling, each column is as wide as what
it holds (a Chinese character counts twice a Latin one, as it is drawn), dates are date
cells, and text stays text: a name or a note that begins with "=" is never made a formula.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..saving import write_whole

WIDEST_COLUMN = 60  # in characters; longer text wraps in the spreadsheet, as typed
_SHEET_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class SheetTable:
    """One sheet of a workbook: its title (fitted to what a sheet's name may be when
    written), its column headings, and its rows (text, numbers, dates or None)."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence]


def write_table(path: Path | str, title: str, columns: Sequence[str],
                rows: Iterable[Sequence]) -> Path:
    """Write `rows` (text, numbers, dates or None, one a column) under `columns` on one
    sheet named `title`. Written beside the target first and then renamed, so a full disk
    never leaves half a workbook under the real name."""
    return write_sheets(path, [SheetTable(title, columns, rows)])


def write_sheets(path: Path | str, tables: Iterable[SheetTable],
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Several tables in one workbook, a sheet each in the order given, each laid out as
    `write_table` lays out its one; two titles that fit to the same name are told apart.
    `progress(done, total)` is called after each sheet and once the file is written."""
    from openpyxl import Workbook

    path, tables = Path(path), list(tables)
    book = Workbook()
    book.remove(book.active)
    total = len(tables) + 1  # the saving counts as a step: a large workbook takes a while
    for done, (table, name) in enumerate(
            zip(tables, sheet_titles([table.title for table in tables])), start=1):
        _fill(book.create_sheet(name), table.columns, table.rows)
        if progress is not None:
            progress(done, total)
    written = write_whole(path, book.save)
    if progress is not None:
        progress(total, total)
    return written


def _fill(sheet, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [text_width(str(c)) for c in columns]
    bold = Font(bold=True)
    for number, heading in enumerate(columns, start=1):
        sheet.cell(row=1, column=number, value=ILLEGAL_CHARACTERS_RE.sub("", str(heading))
                   ).font = bold
    count = 1
    for count, values in enumerate(rows, start=2):
        for number, value in enumerate(values, start=1):
            if isinstance(value, str):
                # Control characters have no place in a cell (the format refuses them).
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=count, column=number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=..." typed by a teacher stays text
            elif isinstance(value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
            if number <= len(widths):
                widths[number - 1] = max(widths[number - 1], text_width(_shown(value)))
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = min(width, WIDEST_COLUMN) + 2
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count}"


def sheet_title(title: str) -> str:
    """A sheet's name as the format allows one: at most 31 characters, none of []:*?/\\,
    and no apostrophe first or last (Excel refuses those too)."""
    return _SHEET_TITLE_REFUSED.sub(" ", title).strip(" '")[:31].strip(" '") or "Sheet1"


def sheet_titles(titles: Sequence[str]) -> list[str]:
    """Each title as a sheet's name, two alike (as Excel compares them, ignoring case)
    told apart by a number: "按学校 (2)"."""
    names: list[str] = []
    for title in titles:
        name = candidate = sheet_title(title)
        number = 2
        while candidate.casefold() in {taken.casefold() for taken in names}:
            mark = f" ({number})"
            candidate = name[:31 - len(mark)].rstrip() + mark
            number += 1
        names.append(candidate)
    return names


def text_width(text: str) -> int:
    """How many Latin characters wide the longest line of `text` is drawn."""
    return max((sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                for line in text.split("\n")), default=0)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return "2016-05-12"
    return str(value)
