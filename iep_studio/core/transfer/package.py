"""The student file (.iepstudent): one student's whole file, to carry to another school.

A ZIP with two parts:

    manifest.json  what the file is: the format's name and version, the IEP Studio and
                   database schema that made it, when, whose file it is, how many records
                   of each kind it holds, and the sha256 of student.json
    student.json   the records, table by table: {"student": [{column: value, ...}],
                   "plan": [...], ...}, dates and times as ISO text

With a password, the whole ZIP is sealed with AES-GCM under a key derived from the
password by scrypt (memory-hard, so guessing passwords is slow), and the file is
MAGIC + salt + nonce + sealed ZIP, MAGIC being authenticated as well.

Reading trusts nothing in the file: it may have been damaged on the way or made to do
harm. Every fault ends in a PackageError that says what is wrong and what to do, before
anything is written. Sizes are capped before and while unpacking, and the number of values
before parsing, so a small file that unpacks to gigabytes cannot exhaust memory. Every
value must be one the app's own forms accept (rules.py, documents.py), and every link and
every id a record holds must name a record of the same file: a file brings one child's
records and can reach no other child's.
"""
from __future__ import annotations

import hashlib
import io
import json
import lzma
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String

from ... import __version__
from ..errors import QT_TRANSLATE_NOOP, IepStudioError
from ..model import Base
from ..store.migrations import HEAD_REVISION
from . import documents, rules

FORMAT_NAME = "iep-studio-student"
FORMAT_VERSION = 1
SUFFIX = ".iepstudent"
MANIFEST = "manifest.json"
DATA = "student.json"
MEMBERS = (MANIFEST, DATA)

# A student's whole file, ten years of it with thousands of observations, unpacks to a few
# megabytes of JSON (each observation about half a kilobyte, a frozen plan revision a few).
# Parsing JSON takes up to some 25 times its size in memory when it is all tiny values,
# so the records are capped at 16 MB, and the number of values in them at a million
# (a ten-year file holds a few hundred thousand): a file at both limits is read in a few
# hundred megabytes at most.
MAX_DATA_BYTES = 16 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
MAX_VALUES = 1_000_000
# The file itself: both parts even if stored uncompressed, and the archive's own records.
MAX_BYTES = MAX_DATA_BYTES + MAX_MANIFEST_BYTES + 64 * 1024
LIMITS = {"manifest.json": MAX_MANIFEST_BYTES, "student.json": MAX_DATA_BYTES}
_CHUNK = 64 * 1024
# No field holds a number longer than this (a PostgreSQL INTEGER has ten digits).
_MAX_DIGITS = 20

MAGIC = b"IEP-STUDENT-AES1"
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
# About 32 MB and a tenth of a second per try on a school laptop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

# The tables a student file carries, each after the tables it refers to, so an import
# can insert them in this order.
TABLES = (
    "person", "student", "student_category", "placement_period", "guardian",
    "team_membership", "assessment", "assessment_result", "plan", "plan_present_level",
    "plan_goal", "plan_objective", "objective_review", "plan_service", "plan_review",
    "plan_signature", "plan_revision", "lesson", "lesson_student", "observation",
    "behaviour_record", "home_visit",
)
# What each table holds, in words, for lists of what a file carries.
KINDS = {
    "person": "people", "student": "student", "student_category": "categories",
    "placement_period": "placements", "guardian": "guardians", "team_membership": "team roles",
    "assessment": "assessments", "assessment_result": "assessment results", "plan": "plans",
    "plan_present_level": "present levels", "plan_goal": "goals",
    "plan_objective": "objectives", "objective_review": "objective reviews",
    "plan_service": "services", "plan_review": "team reviews",
    "plan_signature": "signatures", "plan_revision": "plan revisions", "lesson": "lessons",
    "lesson_student": "lesson places", "observation": "observations",
    "behaviour_record": "behaviour records", "home_visit": "home visits",
}
# Shared with other students: reused when a record with the same id is already here.
SHARED = frozenset({"person", "lesson"})
# Not carried: the school (the importer chooses one), the room's rhythm shared by many
# students, the course-unit library, and what belongs to one database (accounts, audit).
NOT_CARRIED = frozenset({
    "school", "monthly_theme", "weekly_activity", "teaching_session", "user_course_unit",
    "account", "audit_entry",
})
# Replaced on import: the student joins the school chosen there.
REPLACED = frozenset({("student", "school_id")})
# JSON columns and the shape their value must have.
JSON_SHAPES = {("plan_revision", "snapshot"): dict, ("lesson", "unit_snapshot"): dict,
               ("lesson_student", "objectives"): list, ("home_visit", "objective_ids"): list}
MAX_JSON_DEPTH = 32
_UUID = re.compile(documents.RECORD_ID)
_INT_RANGE = (-2**31, 2**31 - 1)  # a PostgreSQL INTEGER

# Everything zipfile and its decompressors raise on a damaged or hand-made archive.
_ZIP_FAULTS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
               NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error,
               IndexError, KeyError, OverflowError)


class PackageError(IepStudioError):
    """A student file that cannot be used; nothing was changed."""


class PasswordNeeded(PackageError):
    """The file is sealed with a password and none was given."""


class WrongPassword(PackageError):
    """The password does not open the file (or the sealed file was damaged)."""


# -- what a file holds ------------------------------------------------------------------
class StudentInfo(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    id: str
    full_name: str
    student_number: str | None
    school_name: str


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    format: Literal["iep-studio-student"]
    format_version: int = Field(ge=1)
    app_version: str
    schema_revision: str
    made_at: str
    student: StudentInfo
    counts: dict[str, int]
    data_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("made_at")
    @classmethod
    def _iso_time(cls, value: str) -> str:
        datetime.fromisoformat(value)  # a ValueError becomes a validation error
        return value


@dataclass(frozen=True)
class Package:
    """A student file read and checked: safe to import."""

    name: str  # as the messages show it
    manifest: Manifest
    tables: dict[str, list[dict]] = field(repr=False)  # table -> rows of Python values
    encrypted: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return counts_of(self.tables)


def counts_of(tables: dict[str, list]) -> dict[str, int]:
    return {name: len(tables[name]) for name in TABLES if tables.get(name)}


# -- messages ---------------------------------------------------------------------------
def _damaged(name: str, problem: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is damaged: {problem}. Ask the sender to export the student again "
        "from IEP Studio."), name=name, problem=problem)


def _not_ours(name: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is not a student file from IEP Studio, or it is damaged (perhaps "
        "cut short while it was copied). Ask for the file to be sent again."), name=name)


def _too_large(name: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is larger than a student file can be (over {limit} MB), so it was "
        "not opened. Ask the sender to export the student again from IEP Studio."),
        name=name, limit=MAX_DATA_BYTES // (1024 * 1024))


class _Bad(Exception):
    """A fault found deep in the checks; becomes _damaged(name, problem) at the top."""


class _Overflow(Exception):
    """A part unpacked past its limit."""


# -- writing ----------------------------------------------------------------------------
def json_row(table: str, row: dict) -> dict:
    """A database row as JSON-ready values (the version counter stays behind: it counts
    edits in one database)."""
    out = {}
    for name, value in row.items():
        if name == "version" or (table, name) in REPLACED:
            continue
        out[name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return out


def build_package(tables: dict[str, list[dict]], school_name: str,
                  password: str | None = None, now: datetime | None = None) -> bytes:
    """The file's bytes. `tables` holds JSON-ready rows (see json_row)."""
    if password is not None and not password:
        raise PackageError(QT_TRANSLATE_NOOP(
            "Errors", "Choose a password to protect the student file."))
    now = now or datetime.now(timezone.utc)
    data = json.dumps({name: tables[name] for name in TABLES if tables.get(name)},
                      ensure_ascii=False, indent=1).encode("utf-8")
    student = tables["student"][0]
    manifest = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "app_version": __version__,
        "schema_revision": HEAD_REVISION, "made_at": now.isoformat(timespec="seconds"),
        "student": {"id": student["id"], "full_name": student["full_name"],
                    "student_number": student.get("student_number"),
                    "school_name": school_name},
        "counts": counts_of(tables), "data_sha256": hashlib.sha256(data).hexdigest(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        stamp = now.astimezone().timetuple()[:6]
        for member, content in ((MANIFEST, json.dumps(manifest, ensure_ascii=False,
                                                      indent=1).encode("utf-8")),
                                (DATA, data)):
            archive.writestr(zipfile.ZipInfo(member, stamp), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    raw = buffer.getvalue()
    return _seal(raw, password) if password is not None else raw


def write_file(path: Path, content: bytes) -> Path:
    """Write through a temporary file, so a full disk never leaves half a student file
    that looks whole."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(content)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise PackageError(QT_TRANSLATE_NOOP(
            "Errors", "The student file could not be written ({reason}). Choose another "
            "folder or free some disk space."), reason=error.strerror or str(error)) from error
    return path


def _key(password: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # The same password typed on another system may arrive in another Unicode form.
    secret = unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(secret)


def _seal(raw: bytes, password: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    return MAGIC + salt + nonce + AESGCM(_key(password, salt)).encrypt(nonce, raw, MAGIC)


# -- reading ----------------------------------------------------------------------------
def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def read_package(source: bytes | str | Path, password: str | None = None,
                 name: str | None = None, today: date | None = None) -> Package:
    """Read and check a student file (its bytes or its path). Raises PackageError, or
    PasswordNeeded / WrongPassword for a sealed file. `today` is the day dates in the past
    are measured against."""
    # A day's grace: a file made this evening where the clock is a time zone ahead.
    latest = (today or date.today()) + timedelta(days=1)
    raw, name = _raw(source, name)
    sealed = is_sealed(raw)
    if sealed:
        raw = _unseal(raw, password, name)
    parts = _unzip(raw, name)
    try:
        manifest = _manifest(parts[MANIFEST], name)
        if hashlib.sha256(parts[DATA]).hexdigest() != manifest.data_sha256:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} was changed or damaged after it was exported: its contents "
                "do not match its checksum. Ask for the file to be sent again."), name=name)
        tables = _tables(parts[DATA], latest)
        _matches_manifest(manifest, tables)
    except _Bad as problem:
        raise _damaged(name, str(problem)) from None
    return Package(name, manifest, tables, sealed)


def _raw(source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        name = name or "This file"
    else:
        path = Path(source)
        name = name or path.name
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + len(MAGIC) + SALT_BYTES + NONCE_BYTES
                                  + TAG_BYTES + 1)
        except OSError as error:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} cannot be read ({reason}). Check that the file is there "
                "and that you may open it."), name=name,
                reason=error.strerror or str(error)) from error
    if len(raw) > MAX_BYTES + len(MAGIC) + SALT_BYTES + NONCE_BYTES + TAG_BYTES:
        raise _too_large(name)
    return raw, name


def _unseal(raw: bytes, password: str | None, name: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if password is None:
        raise PasswordNeeded(QT_TRANSLATE_NOOP(
            "Errors", "{name} is protected with a password. Enter the password the sender "
            "gave you."), name=name)
    body = raw[len(MAGIC):]
    if len(body) < SALT_BYTES + NONCE_BYTES + TAG_BYTES:
        raise _not_ours(name)
    salt, nonce = body[:SALT_BYTES], body[SALT_BYTES:SALT_BYTES + NONCE_BYTES]
    try:
        return AESGCM(_key(password, salt)).decrypt(
            nonce, body[SALT_BYTES + NONCE_BYTES:], MAGIC)
    except InvalidTag:
        raise WrongPassword(QT_TRANSLATE_NOOP(
            "Errors", "{name} could not be opened with this password. Check the password "
            "(capital letters count) and try again; if it is right, the file is damaged: "
            "ask for it to be sent again."), name=name) from None


def _unzip(raw: bytes, name: str) -> dict[str, bytes]:
    """The two parts, after checking names, count and sizes (declared and actual)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_FAULTS:
        raise _not_ours(name) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > len(MEMBERS):
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} holds more parts than a student file has, so it was not "
                "opened. Ask the sender to export the student again from IEP Studio."),
                name=name)
        for info in infos:
            # Also refuses "../x", "/x", "C:\x": nothing but the two names is ever read.
            if info.filename not in MEMBERS:
                raise PackageError(QT_TRANSLATE_NOOP(
                    "Errors", "{name} holds a part that does not belong in a student file "
                    "(\"{part}\"), so it was not opened. Ask the sender to export the student "
                    "again from IEP Studio."), name=name, part=_shown(info.filename))
        found = [info.filename for info in infos]
        for member in MEMBERS:
            if found.count(member) != 1:
                raise _damaged(name, f"the part {member} is missing" if member not in found
                               else f"the part {member} appears twice")
        parts = {}
        for info in infos:
            if info.flag_bits & 0x1:  # a ZIP password: not how IEP Studio seals files
                raise _damaged(name, f"the part {info.filename} is locked")
            try:
                parts[info.filename] = _read_member(archive, info, LIMITS[info.filename],
                                                    name)
            except _Overflow:
                if info.filename == DATA:
                    raise _too_large(name) from None
                raise _damaged(name, f"the part {info.filename} is larger than it can "
                               "be") from None
    return parts


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
                 name: str) -> bytes:
    """The member's bytes, refused by their declared size first, then stopping as soon as
    they pass `limit`: the declared size is only what the file says about itself."""
    if info.file_size > limit:
        raise _Overflow
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _Overflow
                chunks.append(chunk)
    except _ZIP_FAULTS:
        raise _not_ours(name) from None
    return b"".join(chunks)


def _shown(text: str) -> str:
    """A name from the file, safe to print: no control characters, not too long."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."


def _json(raw: bytes, part: str):
    # Every value but the first follows a comma or opens a list or an object: counted
    # (generously: commas in text count too) before a byte is parsed.
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > MAX_VALUES:
        raise _Bad(f"the part {part} holds more values than a student file can "
                   f"({MAX_VALUES:,} at most)")

    def no_constants(value):
        raise ValueError(f"{value} is not a number JSON allows")

    def whole(text: str) -> int:
        if len(text) > _MAX_DIGITS:
            raise _Bad(f"the part {part} holds a number longer than any field can hold")
        return int(text)

    def fraction(text: str) -> float:
        value = float(text)
        if len(text) > _MAX_DIGITS or value in (float("inf"), float("-inf")):
            raise _Bad(f"the part {part} holds a number longer than any field can hold")
        return value

    try:
        return json.loads(raw.decode("utf-8"), parse_constant=no_constants, parse_int=whole,
                          parse_float=fraction)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        raise _Bad(f"the part {part} is not valid JSON") from None


def _manifest(raw: bytes, name: str) -> Manifest:
    data = _json(raw, MANIFEST)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise PackageError(QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a student file from IEP Studio. Choose a file that ends "
            "in .iepstudent."), name=name)
    version = data.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise PackageError(QT_TRANSLATE_NOOP(
            "Errors", "{name} was made by a newer IEP Studio (file format {version}). Install "
            "the newer version to import it."), name=name, version=version)
    revision = data.get("schema_revision")
    if isinstance(revision, str) and not _known_schema(revision):
        if re.fullmatch(r"\d{4}", revision) and revision > HEAD_REVISION:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} was made by a newer IEP Studio (database schema {revision}). "
                "Install the newer version to import it."), name=name, revision=revision)
        raise _Bad(f"its database schema \"{_shown(revision)}\" is unknown")
    try:
        return Manifest.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "manifest"
        raise _Bad(f"in {MANIFEST}, \"{_shown(where)}\" is wrong ({first['msg']})") from None


def _known_schema(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True  # the usual case, without loading Alembic
    if not re.fullmatch(r"\d{4}", revision):
        return False
    from ..store.migrations import known_revision

    return known_revision(revision)


def _tables(raw: bytes, latest: date) -> dict[str, list[dict]]:
    data = _json(raw, DATA)
    if not isinstance(data, dict):
        raise _Bad(f"the part {DATA} does not hold tables of records")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise _Bad(f"it holds an unknown kind of record (\"{_shown(unknown[0])}\")")
    tables = {}
    for table in TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            raise _Bad(f"the records of \"{table}\" are not a list")
        tables[table] = [_row(table, number, row, latest) for number, row in enumerate(rows, 1)]
        rows.clear()  # the values live on in the checked rows; the parsed copy can go
    twice = rules.categories_twice(tables["student_category"])
    if twice is not None:
        raise _Bad(f"the field \"category\" of a record of \"student_category\" is not "
                   f"accepted: {twice.text().rstrip('.')}")
    _check_links(tables)
    return tables


def _row(table: str, number: int, row, latest: date) -> dict:
    where = f"record {number} of \"{table}\""
    if not isinstance(row, dict):
        raise _Bad(f"{where} is not a set of fields")
    columns = Base.metadata.tables[table].columns
    unknown = sorted(set(row) - set(columns.keys()))
    if unknown:
        raise _Bad(f"{where} has an unknown field \"{_shown(unknown[0])}\"")
    out = {}
    for column in columns:
        if column.name == "version" or (table, column.name) in REPLACED:
            continue  # restarted or replaced on import, whatever the file says
        if _links_outside(column):
            out[column.name] = None  # the room's records stay behind; so do links to them
            continue
        if column.name not in row:
            if column.name == "id" or not (column.nullable or column.default is not None):
                raise _Bad(f"{where} has no \"{column.name}\"")
            continue  # the column's default applies
        out[column.name] = _value(table, column, row[column.name], where)
    # As the database will hold it: a field the file leaves out takes the column's default.
    problems = rules.row_problems(table, {**_defaults(table), **out}, latest)
    if problems:
        raise _Bad(f"the field \"{problems[0].field}\" of {where} is not accepted: "
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
        raise _Bad(f"{what} is empty")
    kind = column.type
    if isinstance(kind, Boolean):
        if type(value) is not bool:
            raise _Bad(f"{what} is not true or false")
        return value
    if isinstance(kind, Integer):
        if type(value) is not int or not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
            raise _Bad(f"{what} is not a whole number")
        return value
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
        raise _Bad(problem)
    try:
        return parse(value)
    except ValueError:
        raise _Bad(problem) from None


def _text(value, length: int | None, column, what: str) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{what} is not text")
    if length is not None and len(value) > length:
        raise _Bad(f"{what} is too long (at most {length} characters)")
    if "\x00" in value:
        raise _Bad(f"{what} holds a character text cannot hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which JSON can spell but no database keeps
        raise _Bad(f"{what} holds a character text cannot hold") from None
    if column.primary_key and not _UUID.fullmatch(value):
        raise _Bad(f"{what} is not a record id")
    return value


def _json_value(table: str, name: str, value, what: str):
    shape = JSON_SHAPES.get((table, name))
    if shape is not None and not isinstance(value, shape):
        raise _Bad(f"{what} is not a {'list' if shape is list else 'set of fields'}")
    if shape is list and not all(isinstance(item, str) and _UUID.fullmatch(item)
                                 for item in value):
        raise _Bad(f"{what} holds something other than record ids")
    if not _shallow(value):
        raise _Bad(f"{what} is nested too deeply")
    problem = documents.problem_with(table, name, value)
    if problem is not None:
        raise _Bad(f"{what} {problem}")
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


# Ids kept in plain columns and lists, without a foreign key on purpose (model/plan.py,
# model/rhythm.py), and the kind of record each names.
ID_REFERENCES = {("plan_objective", "carried_from_id"): "plan_objective",
                 ("plan_objective", "amends_objective_id"): "plan_objective",
                 ("observation", "objective_id"): "plan_objective",
                 ("home_visit", "objective_ids"): "plan_objective",
                 ("lesson_student", "objectives"): "plan_objective"}


def _check_links(tables: dict[str, list[dict]]) -> None:
    """One student; ids unique; every link and every id a record holds points at a record
    in the file (an observation cannot count toward another child's objective, nor an
    objective take in another child's observations); plans that follow or amend each
    other, and objectives that amend or carry on each other, do not go round in a
    circle."""
    if len(tables["student"]) != 1:
        raise _Bad("it must hold exactly one student")
    ids: dict[str, set] = {}
    seen: set = set()
    for table in TABLES:
        ids[table] = {row["id"] for row in tables[table]}
        for row in tables[table]:
            if row["id"] in seen:
                raise _Bad(f"two records share the id {row['id']}")
            seen.add(row["id"])
    for table in TABLES:
        for column in _links(table):
            target = next(iter(column.foreign_keys)).column.table.name
            for row in tables[table]:
                value = row.get(column.name)
                if value is not None and value not in ids[target]:
                    raise _Bad(f"a record of \"{table}\" refers to a record of \"{target}\" "
                               "that is not in the file")
    for (table, column), target in ID_REFERENCES.items():
        for row in tables[table]:
            value = row.get(column)
            named = value if isinstance(value, list) else [value]
            if any(item is not None and item not in ids[target] for item in named):
                raise _Bad(f"a record of \"{table}\" refers to a record of \"{target}\" "
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
    raises _Bad for a circle."""
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
                raise _Bad(f"records of \"{table}\" refer to each other in a circle")
            elif target["id"] not in state:
                state[target["id"]] = "open"
                stack.append((target, targets(target)))
    return ordered


def _check_no_circle(tables: dict[str, list[dict]]) -> None:
    # Progress follows amended objectives back edition by edition: a circle would never end.
    for table in TABLES:
        in_link_order(table, tables[table], self_links(table) + self_references(table))


def _matches_manifest(manifest: Manifest, tables: dict[str, list[dict]]) -> None:
    if manifest.student.id != tables["student"][0]["id"]:
        raise _Bad(f"{MANIFEST} names another student than the records hold")
    if manifest.counts != counts_of(tables):
        raise _Bad(f"the counts in {MANIFEST} do not match the records")
