"""Saving edits to a student file through the services, with undo."""
from __future__ import annotations

from collections.abc import Callable

from ..core.errors import IepStudioError, InvalidInput, Problem
from ..core.services import Services
from .commands import EditField, FileChange
from .qt import QObject, QUndoStack, Signal


class FileEditing(QObject):
    """Signals:
    changed(str): a student's file changed (saved, undone or redone): refresh it.
    failed(str): a save was refused for a reason that belongs to no field (shown in a box).
    """

    changed = Signal(str)
    failed = Signal(object)

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack

    def edit_field(self, student, field: str, new, label: str) -> Problem | None:
        """Save one profile field. Returns the problem to show next to it, if refused."""
        old = getattr(student, field)
        if _same(old, new):
            return None
        try:
            self.services.students.update(student.id, {field: new})
        except InvalidInput as error:
            return error.for_field(field) or error.problems[0]
        except IepStudioError as error:
            self.failed.emit(error)
            return None
        self.undo_stack.push(EditField(
            self.tr("Edit %1").replace("%1", label), student.id, field, old, new,
            self._apply_field))
        self.changed.emit(student.id)
        return None

    def _apply_field(self, student_id: str, field: str, value) -> None:
        self._guarded(student_id, lambda: self.services.students.update(student_id, {field: value}))

    def change(self, text: str, student_id: str, do: Callable, undo: Callable):
        """Run `do(None)` now and record it for undo. Raises InvalidInput for the caller's
        dialog to show; nothing is recorded then."""
        state = do(None)
        self.undo_stack.push(FileChange(text, student_id,
                                        lambda st: self._guarded(student_id, lambda: do(st)),
                                        lambda st: self._guarded(student_id, lambda: undo(st)),
                                        state))
        self.changed.emit(student_id)
        return state

    def _guarded(self, student_id: str, call: Callable):
        try:
            return call()
        except IepStudioError as error:
            self.failed.emit(error)
            return None
        finally:
            self.changed.emit(student_id)


def _same(old, new) -> bool:
    return (old or None) == (new or None)
