"""User settings: declared once, typed, with defaults, saved as JSON in the data folder.

Window geometry is not here: Qt saves that itself (QSettings, in the same folder). The
window reads the language from this same file without pydantic (see language.py), so it
can paint before pydantic and the database layer are loaded.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from .progress.mastery import DEFAULT_NO_DATA_DAYS, DEFAULT_STALLED_SESSIONS

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


class Settings(BaseModel):
    version: int = SETTINGS_VERSION
    language: str = Field("", description="zh_CN or en; empty follows the system locale")
    demo_offered: bool = Field(False, description="the first-run demo offer was answered")
    me: str = Field("", description="the person (id) who uses this copy: the author of new "
                    "plans, whose caseload and signatures the home view shows")

    last_username: str = Field("", description="who signed in last, offered first next time")

    stalled_sessions: int = Field(DEFAULT_STALLED_SESSIONS, ge=2, le=30, description="an objective is stalled "
                                  "when it shows no gain over this many sessions")
    no_data_days: int = Field(DEFAULT_NO_DATA_DAYS, ge=1, le=365, description="an objective in effect needs "
                              "data when nothing was recorded for this many days")

    backups_kept: int = Field(20, ge=1, le=500, description="how many automatic backups "
                              "of each kind are kept (at start, daily)")
    document_logo: str = Field("", description="the school's logo (PNG or JPEG) printed in "
                               "the header of every document")
    word_template: str = Field("", description="the school's own .docx (letterhead, styles, "
                               "header and footer) that Word documents start from")

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read the settings; a damaged file is set aside and defaults are used, so the app
        always starts."""
        if not path.exists():
            return cls()
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError) as exc:
            log.warning("settings file unreadable, using defaults: %s", exc)
            try:
                path.replace(path.with_suffix(".damaged.json"))
            except OSError:
                pass
            return cls()

    def save(self, path: Path) -> None:
        """Write to a temporary file and rename it, so a crash never leaves half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(self.model_dump_json(indent=2), encoding="utf-8")
        os.replace(temporary, path)
