"""The steps from referral to placement as a district follows them, and the shipped
defaults (resources/intake_steps.yaml) a file shows until the district sets its own.

The defaults are read, never written to the database by themselves: a resource teacher may
not write the district's steps, and on a shared server the server refuses it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import QT_TRANSLATE_NOOP, IepStudioError
from .paths import resource_dir
from .vocabulary import Term

STEPS_FILE = "intake_steps.yaml"
# The editor makes the keys of steps a district adds: letters, digits, "_" and "-".
KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
# What a file says while none of the district's steps is recorded. A child placed before
# the steps were kept in the app has none either, so it says no more than that.
NOTHING_RECORDED = Term("", "尚无步骤记录", "No step recorded")


@dataclass(frozen=True)
class Step:
    """One step of the district's way from referral to placement (core/model/intake.py)."""

    key: str
    name_zh: str
    name_en: str = ""
    status_zh: str = ""
    status_en: str = ""
    guidance_zh: str = ""
    guidance_en: str = ""
    required: bool = True
    retired: bool = False

    def name(self, language: str) -> str:
        return _pick(self.name_zh, self.name_en, language)

    def status(self, language: str) -> str:
        """What a file says once this is the furthest step done; its name if the district
        wrote no status."""
        return _pick(self.status_zh, self.status_en, language) or self.name(language)

    def guidance(self, language: str) -> str:
        return _pick(self.guidance_zh, self.guidance_en, language)


def _pick(zh: str, en: str, language: str) -> str:
    first, second = (zh, en) if language.startswith("zh") else (en, zh)
    return first or second


class StepsFileBroken(IepStudioError):
    """The shipped steps cannot be read: the installation is damaged."""


@cache
def shipped_steps(folder: Path | None = None) -> tuple[Step, ...]:
    """The default steps, in order. A file that cannot be read raises StepsFileBroken
    with a plain message (the window shows it where the steps would be)."""
    import yaml
    from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    class Words(Strict):
        zh: str
        en: str = ""

    class Entry(Strict):
        key: str
        name: Words
        status: Words
        guidance: Words | None = None
        required: bool = True

        @field_validator("key")
        @classmethod
        def _key(cls, value: str) -> str:
            if not value or len(value) > 50 or set(value) - KEY_CHARACTERS:
                raise ValueError("a key is 1 to 50 lower-case letters, digits, _ or -")
            return value

    class StepsFile(Strict):
        schema_version: int
        steps: list[Entry]

        @field_validator("steps")
        @classmethod
        def _unique(cls, steps: list) -> list:
            keys = [step.key for step in steps]
            if not steps or len(set(keys)) != len(keys):
                raise ValueError("at least one step, each with its own key")
            return steps

    path = (folder or resource_dir()) / STEPS_FILE
    try:
        with open(path, encoding="utf-8") as file:
            read = StepsFile.model_validate(yaml.safe_load(file))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as error:
        raise StepsFileBroken(QT_TRANSLATE_NOOP(
            "Errors", "The default steps from referral to placement could not be read "
            "({problem}). Reinstall IEP Studio, or ask the administrator to set the "
            "district's steps."), problem=_first_line(error)) from error
    guidance = [entry.guidance or Words(zh="", en="") for entry in read.steps]
    return tuple(Step(e.key, e.name.zh, e.name.en, e.status.zh, e.status.en, g.zh, g.en,
                      e.required) for e, g in zip(read.steps, guidance))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return " ".join(text[:3])[:300] if text else type(error).__name__
