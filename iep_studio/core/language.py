"""Which language to show, decided before anything heavy is imported.

Start-up paints the window before loading pydantic and SQLAlchemy (each takes longer than
Qt itself to import), so the language is read here with the standard library from the
settings file that Settings (settings.py) validates in full a moment later.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

LANGUAGES = ("zh_CN", "en")


def saved_language(settings_file: Path) -> str:
    """The language chosen in settings, or "" if none (or the file is unreadable)."""
    try:
        value = json.loads(settings_file.read_text(encoding="utf-8")).get("language", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return value if value in LANGUAGES else ""


def system_language() -> str:
    """zh_CN when the system speaks Chinese, otherwise English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    import locale  # only when no setting or variable says: most starts never need it

    code = (locale.getlocale()[0] or "").lower()
    return "zh_CN" if code.startswith(("zh", "chinese")) else "en"


def display_language(settings_file: Path) -> str:
    return saved_language(settings_file) or system_language()
