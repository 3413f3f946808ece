"""Errors a teacher can read. The window shows `message` (translated) next to `field`.

Messages are English source text marked with QT_TRANSLATE_NOOP so pyside6-lupdate collects
them into the translation files; the core never imports Qt, and the window translates them
with QCoreApplication.translate("Errors", ...) before filling in the parameters.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was entered: which field, and what to do about it."""

    field: str
    message: str  # English source text with {placeholders}; translate, then format(**params)
    params: dict = field(default_factory=dict)

    def text(self, translate=lambda s: s) -> str:
        return translate(self.message).format(**self.params)


class IepStudioError(Exception):
    """Base of every error the app expects and explains to the user."""

    def __init__(self, message: str, **params):
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params

    def text(self, translate=lambda s: s) -> str:
        return translate(self.message).format(**self.params)


class InvalidInput(IepStudioError):
    """What the user entered breaks a rule; one Problem per field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.message, **first.params)

    def for_field(self, name: str) -> Problem | None:
        return next((p for p in self.problems if p.field == name), None)


class NotFound(IepStudioError):
    pass


class EditConflict(IepStudioError):
    """Someone else saved the record since it was opened; nothing was overwritten."""


class StorageError(IepStudioError):
    """The database cannot be opened, read or written; the message says what to do."""
