"""A file written whole or not at all: written beside its real name and renamed, so a
full disk or a crash never leaves half a document or workbook under the name a teacher
opens."""
from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from .errors import QT_TRANSLATE_NOOP, IepStudioError


def write_whole(path: Path, write: Callable[[Path], None]) -> Path:
    """`write(temporary)` writes the file; it then takes `path`'s place. A failure to
    write says which file and why, and leaves nothing behind."""
    temporary = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(temporary)
        os.replace(temporary, path)
    except OSError as error:
        with suppress(OSError):  # the folder may be what is missing
            temporary.unlink(missing_ok=True)
        if isinstance(error, PermissionError):
            # What Windows says of a workbook or document open in Excel, WPS or Word, as
            # of a folder one may not write to.
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "Could not write {path}: the file may be open in another program "
                "(Excel, WPS, Word), or the folder may not be yours to write to. Close the "
                "file or choose another folder, then try again."),
                path=str(path)) from error
        raise IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "Could not write {path}: {reason}. Check that the folder exists, that "
            "you may write to it and that the disk is not full."),
            path=str(path), reason=error.strerror or str(error)) from error
    return path
