"""Undo and redo: QUndoStack commands over service calls.

A command is pushed only after its first call has succeeded (the edit is already saved),
so a refused edit never enters the history.
"""
from __future__ import annotations

from collections.abc import Callable

from ..qt import QUndoCommand


class EditField(QUndoCommand):
    """One profile field changed from `old` to `new`. Consecutive edits of the same field
    merge, so Ctrl+Z undoes a whole note, not one pause in typing at a time."""

    MERGE_ID = 1001

    def __init__(self, text: str, student_id: str, field: str, old, new,
                 apply: Callable[[str, str, object, object], None]):
        """`apply(key, field, value, expected)` writes `value` where `expected` (the value
        this command left) should still be."""
        super().__init__(text)
        self.student_id, self.field, self.old, self.new = student_id, field, old, new
        self._apply = apply
        self._first = True

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, EditField):
            return False
        if (other.student_id, other.field) != (self.student_id, self.field):
            return False
        if not _unchanged(other.old, self.new):
            # Someone else's text came in between (a conflict settled on top of it):
            # undoing both at once would erase theirs.
            return False
        self.new = other.new
        if _unchanged(self.old, self.new):
            self.setObsolete(True)  # typed and then undone by hand: nothing to undo
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.student_id, self.field, self.new, self.old)

    def undo(self) -> None:
        self._apply(self.student_id, self.field, self.old, self.new)


class FileChange(QUndoCommand):
    """Any other change to a file (a guardian added, an assessment removed ...), given as
    a pair of functions. `do` was already run once when the command is pushed; each
    function returns what its opposite needs (e.g. the id of the guardian it added)."""

    def __init__(self, text: str, student_id: str, do: Callable, undo: Callable, state):
        super().__init__(text)
        self.student_id = student_id
        self._do, self._undo = do, undo
        self._state = state
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._state = self._do(self._state)

    def undo(self) -> None:
        self._state = self._undo(self._state)


def _unchanged(old, new) -> bool:
    return same_value(old, new)


def same_value(old, new) -> bool:
    """Equal as the database keeps them: text is stored without surrounding spaces."""
    if isinstance(old, str) or isinstance(new, str):
        return (str(old or "")).strip() == (str(new or "")).strip()
    return (old or None) == (new or None)
