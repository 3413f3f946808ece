"""Log files in the data folder: what support asks for when something goes wrong."""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_iep_studio", False)]:
        root.removeHandler(old)  # a new data folder (tests, --data-dir) gets its own log
        old.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_dir / "iep-studio.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()  # a read-only data folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._iep_studio = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
