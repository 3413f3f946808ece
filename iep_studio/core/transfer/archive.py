"""Taking a student file apart within limits: its bytes, the ZIP's two parts and attached
files, the JSON of the two.

The file may have been made to do harm: sizes are capped before and while unpacking, and
the number of values before parsing, so a small file that unpacks to gigabytes cannot
exhaust memory.
"""
from __future__ import annotations

import io
import json
import lzma
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP
from ..services.attachment_files import MAX_BYTES as MAX_FILE_BYTES
from .faults import Damage, PackageError, damaged, not_ours, shown
from .sealing import SEAL_BYTES

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
# Files attached to the child's file (scans, photos) travel as parts of their own, each
# named "attachments/" and its SHA-256, each no larger than an attachment may be. A child's
# file of ten years holds a few dozen scans and photos of 1 to 5 MB: 256 MB carries that
# with room to spare, and a file at the limit is still read, unsealed and unpacked in about
# a gigabyte of memory (three copies at most), which a school's laptop has.
ATTACHMENTS = "attachments/"
MAX_ATTACHMENT_BYTES = MAX_FILE_BYTES
MAX_ATTACHMENTS_BYTES = 256 * 1024 * 1024
MAX_ATTACHMENTS = 5000
_ATTACHMENT_NAME = re.compile(r"attachments/[0-9a-f]{64}")
# The file itself: every part even if stored uncompressed, and the archive's own records
# (a few hundred bytes a part).
MAX_BYTES = (MAX_DATA_BYTES + MAX_MANIFEST_BYTES + MAX_ATTACHMENTS_BYTES
             + (len(MEMBERS) + MAX_ATTACHMENTS) * 1024)
LIMITS = {"manifest.json": MAX_MANIFEST_BYTES, "student.json": MAX_DATA_BYTES}
MB = 1024 * 1024
_CHUNK = 64 * 1024
# No field holds a number longer than this (a PostgreSQL INTEGER has ten digits).
_MAX_DIGITS = 20

# Everything zipfile and its decompressors raise on a damaged or hand-made archive.
_ZIP_FAULTS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
               NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error,
               IndexError, KeyError, OverflowError)


class _Overflow(Exception):
    """A part unpacked past its limit."""


def _too_large(name: str, limit: int = MAX_DATA_BYTES) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is larger than a student file can be (over {limit} MB), so it was "
        "not opened. Ask the sender to export the student again from IEP Studio."),
        name=name, limit=limit // MB)


def read_bytes(source, name: str | None) -> tuple[bytes, str]:
    """The file's bytes (given, or read from a path) and the name messages show, refused
    when larger than a student file can be, sealed or not."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        name = name or "This file"
    else:
        path = Path(source)
        name = name or path.name
        try:
            with path.open("rb") as stream:
                # Refused by its size on disk before anything is read: a student file may
                # now carry a few hundred megabytes of scans.
                if os.fstat(stream.fileno()).st_size > MAX_BYTES + SEAL_BYTES:
                    raise _too_large(name, MAX_DATA_BYTES + MAX_ATTACHMENTS_BYTES)
                raw = stream.read(MAX_BYTES + SEAL_BYTES + 1)
        except OSError as error:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} cannot be read ({reason}). Check that the file is there "
                "and that you may open it."), name=name,
                reason=error.strerror or str(error)) from error
    if len(raw) > MAX_BYTES + SEAL_BYTES:
        raise _too_large(name, MAX_DATA_BYTES + MAX_ATTACHMENTS_BYTES)
    return raw, name


def unzip(raw: bytes, name: str) -> dict[str, bytes]:
    """The two parts and any attached files, after checking names, count and sizes
    (declared and actual)."""
    # zipfile lists every entry of the archive's directory before a name can be checked:
    # the entries are counted first (generously: the mark may occur inside a part too).
    if raw.count(b"PK\x01\x02") > len(MEMBERS) + MAX_ATTACHMENTS:
        raise _too_many_parts(name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_FAULTS:
        raise not_ours(name) from None
    with archive:
        infos = archive.infolist()
        files = [info for info in infos if info.filename.startswith(ATTACHMENTS)]
        if len(infos) - len(files) > len(MEMBERS) or len(files) > MAX_ATTACHMENTS:
            raise _too_many_parts(name)
        for info in infos:
            # Also refuses "../x", "/x", "C:\x": nothing but these names is ever read.
            if info.filename not in MEMBERS and not _ATTACHMENT_NAME.fullmatch(info.filename):
                raise PackageError(QT_TRANSLATE_NOOP(
                    "Errors", "{name} holds a part that does not belong in a student file "
                    "(\"{part}\"), so it was not opened. Ask the sender to export the student "
                    "again from IEP Studio."), name=name, part=shown(info.filename))
        found = [info.filename for info in infos]
        for member in MEMBERS:
            if found.count(member) != 1:
                raise damaged(name, f"the part {member} is missing" if member not in found
                              else f"the part {member} appears twice")
        if len(set(found)) != len(found):
            raise damaged(name, "an attached file appears twice")
        if sum(info.file_size for info in files) > MAX_ATTACHMENTS_BYTES:
            raise damaged(name, "its attached files are larger than they can be")
        parts, attached = {}, 0
        for info in infos:
            if info.flag_bits & 0x1:  # a ZIP password: not how IEP Studio seals files
                raise damaged(name, f"the part {info.filename} is locked")
            limit = LIMITS.get(info.filename, MAX_ATTACHMENT_BYTES)
            try:
                parts[info.filename] = _read_member(archive, info, limit, name)
            except _Overflow:
                if info.filename == DATA:
                    raise _too_large(name) from None
                raise damaged(name, f"the part {shown(info.filename)} is larger than it can "
                              "be") from None
            if info.filename.startswith(ATTACHMENTS):
                attached += len(parts[info.filename])
                if attached > MAX_ATTACHMENTS_BYTES:  # more than the parts declared
                    raise damaged(name, "its attached files are larger than they can be")
    return parts


def _too_many_parts(name: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} holds more parts than a student file has, so it was not "
        "opened. Ask the sender to export the student again from IEP Studio."), name=name)


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
        raise not_ours(name) from None
    return b"".join(chunks)


def parse_json(raw: bytes, part: str):
    """The part's JSON, its values counted before a byte is parsed and its numbers no
    longer than a field can hold. Raises Damage."""
    # Every value but the first follows a comma or opens a list or an object: counted
    # (generously: commas in text count too) before a byte is parsed.
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > MAX_VALUES:
        raise Damage(f"the part {part} holds more values than a student file can "
                     f"({MAX_VALUES:,} at most)")

    def no_constants(value):
        raise ValueError(f"{value} is not a number JSON allows")

    def whole(text: str) -> int:
        if len(text) > _MAX_DIGITS:
            raise Damage(f"the part {part} holds a number longer than any field can hold")
        return int(text)

    def fraction(text: str) -> float:
        value = float(text)
        if len(text) > _MAX_DIGITS or value in (float("inf"), float("-inf")):
            raise Damage(f"the part {part} holds a number longer than any field can hold")
        return value

    try:
        return json.loads(raw.decode("utf-8"), parse_constant=no_constants, parse_int=whole,
                          parse_float=fraction)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        raise Damage(f"the part {part} is not valid JSON") from None
