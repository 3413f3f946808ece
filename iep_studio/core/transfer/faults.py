"""What can be wrong with a student file, and the messages that say so.

Reading trusts nothing in the file: it may have been damaged on the way or made to do
harm. Every fault ends in a PackageError that says what is wrong and what to do, before
anything is written.
"""
from __future__ import annotations

from ..errors import QT_TRANSLATE_NOOP, IepStudioError


class PackageError(IepStudioError):
    """A student file that cannot be used; nothing was changed."""


class PasswordNeeded(PackageError):
    """The file is sealed with a password and none was given."""


class WrongPassword(PackageError):
    """The password does not open the file (or the sealed file was damaged)."""


class Damage(Exception):
    """A fault found deep in the checks; becomes damaged(name, problem) at the top."""


def damaged(name: str, problem: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is damaged: {problem}. Ask the sender to export the student again "
        "from IEP Studio."), name=name, problem=problem)


def not_ours(name: str) -> PackageError:
    return PackageError(QT_TRANSLATE_NOOP(
        "Errors", "{name} is not a student file from IEP Studio, or it is damaged (perhaps "
        "cut short while it was copied). Ask for the file to be sent again."), name=name)


def shown(text: str) -> str:
    """A name from the file, safe to print: no control characters, not too long."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."
