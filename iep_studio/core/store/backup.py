"""Backups of the SQLite database through SQLite's online backup API.

Copying the file of an open WAL database loses whatever is still in the -wal file; the
backup API copies a consistent snapshot even while another connection writes.
"""
from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)


def backup_sqlite(source: Path, backup_dir: Path, reason: str, keep: int = 20) -> Path:
    """Copy `source` into `backup_dir` as iep-studio-<time>-<reason>.sqlite; keep the newest
    `keep` backups made for the same reason."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"iep-studio-{stamp}-{reason}.sqlite"
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    log.info("backup written: %s", target.name)
    _prune(backup_dir, reason, keep)
    return target


def _prune(backup_dir: Path, reason: str, keep: int) -> None:
    old = sorted(backup_dir.glob(f"iep-studio-*-{reason}.sqlite"))[:-keep]
    for path in old:
        path.unlink(missing_ok=True)
