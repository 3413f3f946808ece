"""The student file (.iepstudent): one student's whole file, to carry to another school.

A ZIP with two parts, and the files attached to the child's file:

    manifest.json  what the file is: the format's name and version, the IEP Studio and
                   database schema that made it, when, whose file it is, how many records
                   of each kind it holds, and the sha256 of student.json
    student.json   the records, table by table: {"student": [{column: value, ...}],
                   "plan": [...], ...}, dates and times as ISO text
    attachments/<sha256>
                   the bytes of each attached file, named by their SHA-256 (the record
                   in student.json gives its name, size and checksum)

With a password, the whole ZIP is sealed (sealing.py), attached files and all.

Reading trusts nothing in the file: it may have been damaged on the way or made to do
harm. Every fault ends in a PackageError that says what is wrong and what to do, before
anything is written (faults.py). The bytes are read and unpacked within limits
(archive.py), every record is checked (checking.py), and here the manifest must describe
the records it comes with. Which tables a file carries is in contents.py.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ... import __version__
from ..errors import QT_TRANSLATE_NOOP
from ..store.migrations import HEAD_REVISION
from ..services.attachment_files import check_file, fitted_file_name
from ..services.validation import Checker
from .archive import (
    ATTACHMENTS, DATA, MANIFEST, MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES, parse_json,
    read_bytes, unzip,
)
from .checking import checked_tables
from .contents import REPLACED, TABLES, counts_of
from .faults import Damage, PackageError, PasswordNeeded, WrongPassword, damaged, shown
from .sealing import is_sealed, seal, unseal

# The errors of reading a file are caught beside read_package, so they are named here too.
__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "SUFFIX", "Manifest", "Package", "PackageError",
           "PasswordNeeded", "StudentInfo", "WrongPassword", "build_package", "json_row",
           "read_package", "write_file"]

FORMAT_NAME = "iep-studio-student"
FORMAT_VERSION = 1
SUFFIX = ".iepstudent"


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
    tables, files = _files_apart(tables)
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
        for sha256, content in files.items():  # scans and photos are compressed already
            archive.writestr(zipfile.ZipInfo(ATTACHMENTS + sha256, stamp), content,
                             compress_type=zipfile.ZIP_STORED)
    raw = buffer.getvalue()
    return seal(raw, password) if password is not None else raw


def _files_apart(tables: dict[str, list[dict]]) -> tuple[dict, dict[str, bytes]]:
    """The records without the bytes of their attachments, and those bytes by SHA-256 (one
    part for a file attached twice); refused if more than a student file can carry."""
    rows, files = [], {}
    for row in tables.get("attachment") or []:
        row = dict(row)
        files[row["sha256"]] = row.pop("content")
        rows.append(row)
    size = sum(len(content) for content in files.values())
    if size > MAX_ATTACHMENTS_BYTES or len(files) > MAX_ATTACHMENTS:
        student = tables["student"][0]
        raise PackageError(QT_TRANSLATE_NOOP(
            "Errors", "The files attached to {student}'s file are too many or too large for "
            "one student file (number: {count}, size: {size} MB; at most {most} files and "
            "{limit} MB). Save copies of the largest, remove them from the file, export "
            "again, and send those copies separately."), student=student["full_name"],
            count=len(files), size=f"{size / (1024 * 1024):.0f}", most=MAX_ATTACHMENTS,
            limit=MAX_ATTACHMENTS_BYTES // (1024 * 1024))
    return {**tables, "attachment": rows}, files


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


# -- reading ----------------------------------------------------------------------------
def read_package(source: bytes | str | Path, password: str | None = None,
                 name: str | None = None, today: date | None = None) -> Package:
    """Read and check a student file (its bytes or its path). Raises PackageError, or
    PasswordNeeded / WrongPassword for a sealed file. `today` is the day dates in the past
    are measured against."""
    # A day's grace: a file made this evening where the clock is a time zone ahead.
    latest = (today or date.today()) + timedelta(days=1)
    raw, name = read_bytes(source, name)
    sealed = is_sealed(raw)
    if sealed:
        raw = unseal(raw, password, name)
    parts = unzip(raw, name)
    try:
        manifest = _manifest(parts[MANIFEST], name)
        if hashlib.sha256(parts[DATA]).hexdigest() != manifest.data_sha256:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} was changed or damaged after it was exported: its contents "
                "do not match its checksum. Ask for the file to be sent again."), name=name)
        tables = checked_tables(parse_json(parts[DATA], DATA), latest)
        _matches_manifest(manifest, tables)
        _attach_files(tables, {member[len(ATTACHMENTS):]: content
                               for member, content in parts.items()
                               if member.startswith(ATTACHMENTS)})
    except Damage as problem:
        raise damaged(name, str(problem)) from None
    return Package(name, manifest, tables, sealed)


def _manifest(raw: bytes, name: str) -> Manifest:
    data = parse_json(raw, MANIFEST)
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
        raise Damage(f"its database schema \"{shown(revision)}\" is unknown")
    try:
        return Manifest.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "manifest"
        raise Damage(f"in {MANIFEST}, \"{shown(where)}\" is wrong ({first['msg']})") from None


def _known_schema(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True  # the usual case, without loading Alembic
    if not re.fullmatch(r"\d{4}", revision):
        return False
    from ..store.migrations import known_revision

    return known_revision(revision)


def _attach_files(tables: dict[str, list[dict]], files: dict[str, bytes]) -> None:
    """Give each attachment its bytes, which must be in the file, match its size and
    SHA-256, and pass the checks of a file attached here (a program posing as a PDF is
    refused however it arrives); its kind is what its bytes say. Every file carried must
    belong to a record, and to one record only: the app never attaches the same file twice
    to one child, and a file naming one scan thousands of times would write it thousands
    of times. Each file's header is read, not every pixel (check_file, whole=False), so a
    hostile file costs time in proportion to its size."""
    seen: set[str] = set()
    for number, row in enumerate(tables["attachment"], 1):
        where = f"the file of record {number} of \"attachment\""
        if row["sha256"] in seen:
            raise Damage(f"{where} is attached twice")
        seen.add(row["sha256"])
        content = files.get(row["sha256"])
        if content is None:
            raise Damage(f"{where} is missing")
        if len(content) != row["byte_size"] or (
                hashlib.sha256(content).hexdigest() != row["sha256"]):
            raise Damage(f"{where} does not match its checksum")
        check = Checker()
        media_type = check_file(check, shown(row["file_name"]), content, whole=False)
        if media_type is None:
            raise Damage(f"{where} is not accepted: {check.problems[0].text().rstrip('.')}")
        row["media_type"], row["content"] = media_type, content
        row["file_name"] = fitted_file_name(row["file_name"], media_type)
    if set(files) - seen:
        raise Damage("it holds an attached file that no record names")


def _matches_manifest(manifest: Manifest, tables: dict[str, list[dict]]) -> None:
    if manifest.student.id != tables["student"][0]["id"]:
        raise Damage(f"{MANIFEST} names another student than the records hold")
    if manifest.counts != counts_of(tables):
        raise Damage(f"the counts in {MANIFEST} do not match the records")
