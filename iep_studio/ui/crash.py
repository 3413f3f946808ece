"""Bugs never show a teacher a traceback: a report file is saved and a plain message
says where it is and that their saved work is safe."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from .. import __version__
from .qt import QApplication, QMessageBox

log = logging.getLogger(__name__)


def write_report(folder: Path, exc_type, exc, tb) -> Path | None:
    # Imported here, on a crash: every start would pay for them before the first paint.
    import traceback
    from datetime import datetime

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", text)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(f"IEP Studio {__version__}\nPython {sys.version}\n\n{text}",
                        encoding="utf-8")
        return path
    except OSError:
        return None


def install_crash_handler(folder: Path) -> None:
    def handle(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = write_report(folder, exc_type, exc, tb)
        if QApplication.instance() is None:
            return
        where = str(report) if report else QApplication.translate("Crash", "(could not be saved)")
        QMessageBox.critical(
            QApplication.activeWindow(), QApplication.translate("Crash", "Something went wrong"),
            QApplication.translate(
                "Crash", "IEP Studio met an unexpected problem. Everything you saw as saved "
                "is safe. A report was written to:\n%1\nPlease send it to whoever supports "
                "IEP Studio at your school.").replace("%1", where))

    sys.excepthook = handle
