"""Taking a student file apart within limits: its bytes, the ZIP's two parts, their JSON.

The file may have been made to do harm: sizes are capped before and while unpacking, and
the number of values before parsing, so a small file that unpacks to gigabytes cannot
exhaust memory.
"""
from __future__ import annotations

import io
import json
import lzma
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP
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
# The file itself: both parts even if stored uncompressed, and the archive's own records.
MAX_BYTES = MAX_DATA_BYTES + MAX_MANIFEST_BYTES + 64 * 1024
LIMITS = {"manifest.json": MAX_MANIFEST_BYTES, "student.json": MAX_DATA_BYTES}
_CHUNK = 64 * 1024
# No field holds a number longer than this (a PostgreSQL INTEGER has ten digits).
_MAX_DIGITS = 20

# Everything zipfile and its decompressors raise on a damaged or hand-made archive.
_ZIP_FAULTS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
               NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error,
               IndexError, KeyError, OverflowError)


class _Overflow(Exception):
    """A part unpacked past its limit."""


def _too_large(name: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is larger than a student file can be (over {limit} MB), so it was "
        "not opened. Ask the sender to export the student again from IEP Studio."),
        name=name, limit=MAX_DATA_BYTES // (1024 * 1024))


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
                raw = stream.read(MAX_BYTES + SEAL_BYTES + 1)
        except OSError as error:
            raise PackageError(QT_TRANSLATE_NOOP(
                "Errors", "{name} cannot be read ({reason}). Check that the file is there "
                "and that you may open it."), name=name,
                reason=error.strerror or str(error)) from error
    if len(raw) > MAX_BYTES + SEAL_BYTES:
        raise _too_large(name)
    return raw, name


def unzip(raw: bytes, name: str) -> dict[str, bytes]:
    """The two parts, after checking names, count and sizes (declared and actual)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_FAULTS:
        raise not_ours(name) from None
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
                    "again from IEP Studio."), name=name, part=shown(info.filename))
        found = [info.filename for info in infos]
        for member in MEMBERS:
            if found.count(member) != 1:
                raise damaged(name, f"the part {member} is missing" if member not in found
                              else f"the part {member} appears twice")
        parts = {}
        for info in infos:
            if info.flag_bits & 0x1:  # a ZIP password: not how IEP Studio seals files
                raise damaged(name, f"the part {info.filename} is locked")
            try:
                parts[info.filename] = _read_member(archive, info, LIMITS[info.filename],
                                                    name)
            except _Overflow:
                if info.filename == DATA:
                    raise _too_large(name) from None
                raise damaged(name, f"the part {info.filename} is larger than it can "
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
