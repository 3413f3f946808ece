"""The one way a window runs a change: call the service, record the undo step, say what
changed.

Every window that changes records (a student's file, the IEP, the week planner, recording
observations) runs its changes through an `Operations`, so undo, refusals and redrawing
work the same everywhere:

- `run(text, key, do, undo)` calls `do(None)` now. A refusal is raised to the caller, whose
  form shows it under the field (nothing is recorded then); on success the step goes on the
  undo stack and `changed` says what was written.
- Undo and redo call `undo(state)` and `do(state)`, each returning what the other needs (the
  id of the record it made, what a removal kept). Refused then (the record was removed
  elsewhere, the database is busy), `refused` says why and the step keeps its state, so a
  later undo or redo still has what it needs.
- `changed(key, changes)`: `key` is what the window gave (a student's or a plan's id), and
  `changes` the records the store committed (core/store/changes.py), so a view redraws only
  those and learns which record an operation made.
"""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import IepStudioError
from ...core.store.changes import Changes
from ..qt import QObject, QUndoCommand, QUndoStack, Signal
from .commands import FileChange


class Operations(QObject):
    """Signals:
    changed(str, Changes): an operation, an undo or a redo ran (or was refused): redraw.
    refused(IepStudioError): a refusal that belongs to no field: say it.
    """

    changed = Signal(str, object)
    refused = Signal(object)

    def __init__(self, store, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack

    def run(self, text: str, key: str, do: Callable, undo: Callable):
        """Run `do(None)` now and record it for undo; returns its state. Raises the
        service's refusal (InvalidInput for the caller's form); nothing is recorded then."""
        with self.store.changes.recording() as changes:
            state = do(None)
        self.push_done(text, key, do, undo, state)
        self.changed.emit(key, changes)
        return state

    def try_run(self, text: str, key: str, do: Callable, undo: Callable):
        """`run` for a command with no form to show problems in: a refusal is said
        (`refused`) and None returned."""
        try:
            return self.run(text, key, do, undo)
        except IepStudioError as error:
            self.refused.emit(error)
            return None

    def push_done(self, text: str, key: str, do: Callable, undo: Callable, state) -> None:
        """Put a step already done (`state` being what `do` returned) on the undo stack:
        a record saved key by key as it was typed, say."""
        self.push(FileChange(text, key, lambda st: self.step(key, lambda: do(st), st),
                             lambda st: self.step(key, lambda: undo(st), st), state))

    def push(self, command: QUndoCommand) -> None:
        """Put a command already done on the undo stack (its first redo does nothing)."""
        self.undo_stack.push(command)

    def step(self, key: str, call: Callable, fallback=None):
        """Run an undo or a redo (or any call with no form): refused, say why and return
        `fallback`. Either way the views redraw what was written."""
        changes = Changes()
        try:
            with self.store.changes.recording() as changes:
                return call()
        except IepStudioError as error:
            self.refused.emit(error)
            return fallback
        finally:
            self.changed.emit(key, changes)
