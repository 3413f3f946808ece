"""Saving edits to a student file through the services, with undo."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import (
    QT_TRANSLATE_NOOP, EditConflict, IepStudioError, InvalidInput, Problem,
)
from ...core.services import Services
from ..qt import QObject, QUndoStack, Signal
from .commands import EditField, same_value
from .operations import Operations


# Undo or redo of a field someone else changed since: said, and nothing is written.
OVERWRITE_REFUSED = QT_TRANSLATE_NOOP(
    "Errors", "Someone else changed this field after your edit, so undo or redo would "
    "overwrite their text. Nothing was changed; edit the field by hand if you need to.")


class FileEditing(QObject):
    """A student's file or plan edited field by field, over the window's one way of running
    an operation (operations.py).

    Signals:
    changed(str, Changes): a file changed (saved, undone or redone): redraw what changed.
    failed(str): a save was refused for a reason that belongs to no field (shown in a box).
    """

    changed = Signal(str, object)
    failed = Signal(object)

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.operations = Operations(services.store, undo_stack, self)
        self.operations.changed.connect(self.changed)
        self.operations.refused.connect(self.failed)

    def edit_field(self, student, field: str, new, label: str) -> Problem | None:
        """Save one profile field. Returns the problem to show next to it, if refused.
        Raises EditConflict if someone else saved the file since `student` was loaded:
        the caller keeps the teacher's text and says so."""
        students = self.services.students
        return self.edit_value(
            student.id, field, getattr(student, field), new, label,
            first=lambda value: students.update(student.id, {field: value},
                                                expected_version=student.version),
            again=lambda value: students.update(student.id, {field: value}),
            current=lambda: getattr(students.get(student.id), field))

    def edit_value(self, key: str, field: str, old, new, label: str, first: Callable,
                   again: Callable | None = None,
                   current: Callable | None = None) -> Problem | None:
        """Save one field of any record with `first(new)`; undo and redo call
        `again(value)`. `current()` reads the field as saved now: undo and redo refuse to
        write over a value someone else saved since (checked against the value this
        window left, not the version, so the window's own later edits of other fields do
        not block it). `key` names the record in the changed signal."""
        if same_value(old, new):
            return None
        try:
            with self.services.store.changes.recording() as changes:
                first(new)
        except InvalidInput as error:
            return error.for_field(field) or error.problems[0]
        except EditConflict:
            raise
        except IepStudioError as error:
            self.failed.emit(error)
            return Problem(field, error.message, error.params)
        again = again or first

        def apply(k, _field, value, expected):
            if current is not None and not same_value(current(), expected):
                raise EditConflict(OVERWRITE_REFUSED)
            again(value)

        self.operations.push(EditField(
            self.tr("Edit %1").replace("%1", label), key, field, old, new,
            lambda k, f, value, expected: self.operations.step(
                k, lambda: apply(k, f, value, expected))))
        self.changed.emit(key, changes)
        return None

    # -- drafts: typed text kept on disk until it is saved (core/drafts.py) ---------------
    def watch_drafts(self, widget, draft_of) -> None:
        """Keep `draft_of()` (a Draft, or None) on disk whenever the user types in
        `widget`; a text field's own filling-in by the program is not typing."""
        signal = getattr(widget, "edited", None) or getattr(widget, "textEdited", None)
        if signal is not None:
            signal.connect(lambda *_: self._keep(draft_of()))

    def draft(self, kind: str, record_id: str, field: str, label: str, owner: str, widget):
        """The field's text as shown (a date as typed), for the signed-in account."""
        from ...core.drafts import Draft

        text = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
        actor = self.services.store.actor
        return Draft(kind, record_id, field, label, owner, text,
                     account_id=(actor.account_id or "") if actor else "")

    def _keep(self, draft) -> None:
        if draft is not None and self.services.drafts is not None:
            self.services.drafts.keep(draft)

    def drop_draft(self, record, field: str) -> None:
        """The text typed in this field is saved: its draft goes."""
        from ...core.drafts import draft_key

        if self.services.drafts is not None and record is not None:
            actor = self.services.store.actor
            self.services.drafts.drop(draft_key((actor.account_id or "") if actor else "",
                                                record.__tablename__, record.id, field))

    def change(self, text: str, key: str, do: Callable, undo: Callable):
        """Run `do(None)` now and record it for undo (see Operations.run). Raises
        InvalidInput for the caller's dialog to show; nothing is recorded then."""
        return self.operations.run(text, key, do, undo)

    def try_change(self, text: str, key: str, do: Callable, undo: Callable):
        """`change` for a command with no form to show problems in: any refusal is said
        in a message (the failed signal) and nothing is recorded."""
        return self.operations.try_run(text, key, do, undo)
