"""One sheet of a spreadsheet file (.xlsx, or .csv as Excel and WPS save it) as rows of
values, within limits.

A list comes from outside: a district's office, another school, a download. It may be
damaged, an older format, protected by a password, or made to exhaust the computer (a
zip that unpacks to gigabytes, a sheet that says it is a million rows long). Each of those
is refused with a message saying what is wrong and what to do, before it can cost much:
the file's size and its unpacked size are checked before a sheet is parsed, the sheet is
read as a stream, and reading stops at the first row or column past the limits.
"""
from __future__ import annotations

import csv
import io
import logging
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP, IepStudioError

log = logging.getLogger(__name__)

# A district's list of children in regular classes is some thousands of rows (about 6,000
# children with special needs in a district such as Xiaoshan) and a few dozen columns.
MAX_FILE_MB = 20
MAX_UNPACKED_MB = 100  # all the parts of an .xlsx together, unpacked
MAX_PARTS = 2_000  # an .xlsx holds a few dozen parts; a zip of thousands is no workbook
MAX_ROWS = 10_000  # rows of students (title and header rows aside)
MAX_COLUMNS = 60
EXCEL_LAST_ROW = 1_048_576  # no sheet Excel writes goes further
TITLE_ROWS = 20  # a title, a date and notes above the header are common

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected .xlsx
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")

Value = str | int | float | bool | date | datetime | None


@dataclass(frozen=True)
class Sheet:
    """The rows of one sheet that hold anything, each with its number as the spreadsheet
    shows it (so a problem can be found in the file), in the order of the file."""

    file_name: str
    sheet_names: tuple[str, ...]  # the workbook's sheets; empty for a CSV file
    sheet_name: str  # the one read
    rows: tuple[tuple[int, tuple[Value, ...]], ...]


class SpreadsheetRefused(IepStudioError):
    """The file cannot be read, or is beyond the limits; nothing was read from it."""


def read_sheet(path: Path | str, sheet_name: str | None = None) -> Sheet:
    """The rows of `sheet_name` (the workbook's active sheet if None, or if it has no
    such sheet), or SpreadsheetRefused saying why not."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in (*XLSX_SUFFIXES, *CSV_SUFFIXES, ".xls"):
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a spreadsheet the app reads. Save the list from the "
            "spreadsheet as an Excel workbook (.xlsx) or as CSV, then import that file."),
            name=name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_MB * 1024 * 1024:
            raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
                "Errors", "{name} is larger than {limit} MB, more than a list of students "
                "needs. Save only the sheet with the students, or split the list into "
                "smaller files."), name=name, limit=MAX_FILE_MB)
        with open(path, "rb") as file:
            if file.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE or suffix == ".xls":
                raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is an older Excel file (.xls), or a workbook protected "
                    "by a password. Open it in Excel or WPS and save it as .xlsx without a "
                    "password, or as CSV, then import that file."), name=name)
            file.seek(0)
            if suffix in CSV_SUFFIXES:
                return _read_csv(file.read(), name)
            return _read_xlsx(file, name, sheet_name)
    except OSError as error:
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} could not be opened ({reason}). Check that the file is still "
            "there and that you may read it."), name=name,
            reason=error.strerror or str(error)) from error


# -- .xlsx ------------------------------------------------------------------------------
def _damaged(name: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(QT_TRANSLATE_NOOP(
        "Errors", "{name} could not be read as an Excel workbook: it is damaged, or not a "
        "workbook. Open it in Excel or WPS and save it again as .xlsx, or as CSV."),
        name=name)


def _read_xlsx(file, name: str, sheet_name: str | None) -> Sheet:
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise _damaged(name) from error
    # What each part says it unpacks to; unpacking never goes past that (a part that
    # would is damaged: its checksum fails), so the sum bounds what reading can cost.
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_MB << 20:
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} unpacks to more than {limit} MB, more than a list of students "
            "needs. Copy the students' rows into a new workbook, save it and import that."),
            name=name, limit=MAX_UNPACKED_MB)
    file.seek(0)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # Notes on styles and extensions it leaves out: nothing a teacher can act on.
            warnings.simplefilter("ignore")
            book = load_workbook(file, read_only=True, data_only=True)
            try:
                sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
                if not sheets:
                    raise _damaged(name)
                chosen = next((ws for ws in sheets if ws.title == sheet_name), None)
                if chosen is None:
                    active = book.active
                    chosen = active if active in sheets else sheets[0]
                rows = _xlsx_rows(chosen, name)
                return Sheet(name, tuple(ws.title for ws in sheets), chosen.title, rows)
            finally:
                book.close()
    except IepStudioError:
        raise
    except Exception as error:  # noqa: BLE001 - any fault of a file from outside
        # A hostile or broken file may fail anywhere in the library (a missing part, an
        # entity the XML parser refuses, a number that is no number): all of them mean
        # the same to a teacher.
        log.info("%s could not be read as a workbook: %r", name, error)
        raise _damaged(name) from error


def _xlsx_rows(sheet, name: str) -> tuple:
    # What the sheet says of its own size is not believed (a hostile one says a million
    # rows by 16,384 columns, and the library would make them all): rows come as the
    # file has them, no wider than one column past the limit. A list's columns stand side
    # by side, so one too wide has something in that column.
    sheet.reset_dimensions()
    rows, students = [], 0
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1,
                                                     values_only=True), start=1):
        if number > EXCEL_LAST_ROW:
            raise _too_many_rows(name)
        # Most empty rows are all None: counted in C, a million of them take a moment.
        if values.count(None) == len(values) or not any(_has(v) for v in values):
            continue
        students += 1
        _check_row(values, students, name)
        rows.append((number, _trimmed(values[:MAX_COLUMNS])))
    return tuple(rows)


# -- .csv -------------------------------------------------------------------------------
def _read_csv(data: bytes, name: str) -> Sheet:
    text = _decoded(data, name)
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows, students = [], 0
        for number, values in enumerate(records, start=1):
            if not any(_has(v) for v in values):
                continue
            students += 1
            _check_row(values, students, name)
            rows.append((number, _trimmed([v.strip() for v in values])))
    except csv.Error as error:  # a NUL byte, a field longer than the reader takes
        raise _bad_csv(name) from error
    return Sheet(name, (), "", tuple(rows))


def _decoded(data: bytes, name: str) -> str:
    """The text of a CSV file as Excel and WPS save one: UTF-8 with a byte order mark
    ("CSV UTF-8"), UTF-16 with one ("Unicode text"), UTF-8 without one, or, from a
    Chinese Windows, the system's GBK (read as GB18030, which holds all of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _bad_csv(name)


def _delimiter(text: str) -> str:
    """Commas, or the tabs of "Unicode text" and the semicolons of some European
    systems: whichever the header line has most of."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return max((",", "\t", ";"), key=first.count) if first else ","


def _bad_csv(name: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(QT_TRANSLATE_NOOP(
        "Errors", "{name} could not be read as a CSV file. Open it in the spreadsheet and "
        "save it again as \u201cCSV UTF-8\u201d, or as an Excel workbook (.xlsx)."),
        name=name)


# -- shared -----------------------------------------------------------------------------
def _has(value) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _trimmed(values) -> tuple:
    """A row without the empty cells at its end (a sheet's rows are as wide as its widest)."""
    end = len(values)
    while end and not _has(values[end - 1]):
        end -= 1
    return tuple(values[:end])


def _check_row(values, students: int, name: str) -> None:
    if students > MAX_ROWS + TITLE_ROWS:
        raise _too_many_rows(name)
    if len(values) > MAX_COLUMNS and any(_has(v) for v in values[MAX_COLUMNS:]):
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} has more than {limit} columns. Delete the columns the import "
            "does not need, or copy the students' columns into a new sheet."),
            name=name, limit=MAX_COLUMNS)


def _too_many_rows(name: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(QT_TRANSLATE_NOOP(
        "Errors", "{name} has more than {limit} rows. Split the list into files of at most "
        "{limit} students and import them one after the other."), name=name, limit=MAX_ROWS)
