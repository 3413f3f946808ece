"""A crash report: what support needs when the app meets a bug, saved in a file so no
teacher is shown a traceback. Without Qt, so the command line writes them too."""
from __future__ import annotations

import logging
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from . import __version__

log = logging.getLogger(__name__)


def write_report(folder: Path, exc_type, exc, tb) -> Path | None:
    """Write the report into `folder`; None if it cannot be saved (it is logged anyway)."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    if log.hasHandlers():  # the log file; never Python's fallback, which prints on stderr
        log.error("unexpected error\n%s", text)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        path.write_text(f"IEP Studio {__version__}\nPython {sys.version}\n"
                        f"{platform.platform()}\n\n{text}", encoding="utf-8",
                        errors="backslashreplace")
        return path
    except OSError:
        return None
