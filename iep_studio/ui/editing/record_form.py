"""Fields bound to one record that save themselves through the services, with undo: a
student's own file (the profile and family tabs), a plan, a goal, an objective."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import EditConflict, Problem
from ...core.services.records import current_value
from ..widgets.fields import ChoiceField, FieldWithError, TextArea, route_undo_to_window
from .conflict_dialog import after_refused_save
from .commands import same_value
from .file_editing import FileEditing
from ..i18n import problem_text
from ..qt import QFormLayout, QWidget


class RecordForm:
    """The bound fields of one record. Each saves itself when committed (its undo key goes
    to the window) and shows a refusal under itself; what is typed is kept as a draft until
    it is saved; a save refused because someone else saved first is settled with their
    version (conflict_dialog.py); `show` says when the fields are locked.

    `save(record, field, value, checked)` writes one field; `checked` is True for the
    teacher's own edit (the version is checked), False for undo and redo. `reload()` shows
    the record as saved now. A student's own file is made with `for_student`."""

    def __init__(self, editing: FileEditing, save: Callable | None,
                 reload: Callable[[], None]):
        self.editing = editing
        self._save = save
        self._reload = reload
        # How one field is saved, with undo: a student's own file has its own (for_student).
        self._write: Callable[..., Problem | None] = self._edit_value
        self.record = None
        self._read_only = False
        self.settling = False  # a conflict dialog is open: see settle_in_form
        self.typed: set[str] = set()  # fields typed in since the record was shown
        # Whose file a record is: named on a draft offered back at the next start.
        self.owner: Callable[[object], str] = lambda _record: ""
        self.bindings: dict[str, tuple[QWidget, FieldWithError, str]] = {}

    @classmethod
    def for_student(cls, editing: FileEditing) -> RecordForm:
        """The fields of a student's own file. A save goes through `edit_field` (checked
        against the file's version; undo reads the student as saved now), and a draft
        names the student as they are called when it is typed."""
        students = editing.services.students
        form = cls(editing, None, lambda: form.show(students.get(form.record.id)))
        form._write = editing.edit_field
        form.owner = lambda student: student.full_name
        return form

    def _edit_value(self, record, field: str, value, label: str) -> Problem | None:
        save = self._save
        return self.editing.edit_value(
            record.id, field, getattr(record, field), value, label,
            first=lambda new: save(record, field, new, True),
            again=lambda new: save(record, field, new, False),
            current=lambda: current_value(self.editing.services.store, type(record),
                                          record.id, field))

    def bind(self, form: QFormLayout | None, field: str, widget, label: str) -> FieldWithError:
        holder = FieldWithError(widget)
        if form is not None:
            form.addRow(label, holder)
            form.labelForField(holder).setBuddy(widget)  # the input, not its wrapper
        widget.setAccessibleName(label.rstrip(":："))
        widget.setObjectName(field)
        widget.committed.connect(lambda f=field: self.save(f))
        route_undo_to_window(widget)
        self.bindings[field] = (widget, holder, label.rstrip(":："))
        self.editing.watch_drafts(widget, lambda f=field: self._draft(f))
        return holder

    def _draft(self, field: str):
        self.typed.add(field)
        widget, _holder, label = self.bindings[field]
        if self.record is None:
            return None
        return self.editing.draft(self.record.__tablename__, self.record.id, field, label,
                                  self.owner(self.record), widget)

    def widget(self, field: str) -> QWidget:
        return self.bindings[field][0]

    def save(self, field: str) -> None:
        record = self.record
        if record is None or self.read_only() or self.settling:
            return
        widget, holder, label = self.bindings[field]
        try:
            problem = self._write(record, field, widget.value(), label)
        except EditConflict as conflict:
            after_refused_save(self, field, conflict, record,
                               lambda: (self._reload(), self.record)[1])
            return
        holder.show_error(problem_text(problem) if problem else "")
        if problem is None and field in self.typed:
            # Only what was typed here and is now saved: a save of an untouched field
            # (switching records saves every field) leaves an older draft alone.
            self.typed.discard(field)
            self.editing.drop_draft(record, field)

    def show(self, record, read_only: bool = False) -> None:
        """Fill the fields, leaving alone a field with a problem showing and a field that
        already holds the saved text (so a cursor does not jump while typing).

        A read-only record (a plan in review) takes no typing and saves nothing. For an
        account whose role does not write such records the fields take no typing either,
        but a save still goes to the services, which refuse it and say why: the role may
        have changed while the record was open."""
        changed_record = self.record is None or record is None or self.record.id != record.id
        if changed_record:
            self.typed.clear()
        self.record = record
        actor = self.editing.services.store.actor
        locked = read_only or (record is not None and actor is not None
                               and not actor.may_write(record.__tablename__))
        for field, (widget, holder, _label) in self.bindings.items():
            value = getattr(record, field) if record is not None else None
            if changed_record:
                widget.set_value(value)
                holder.show_error("")
            elif not holder.has_error() and not same_value(widget.value(), value):
                widget.set_value(value)
            if isinstance(widget, ChoiceField):
                widget.setEnabled(not locked)
            else:
                widget.setReadOnly(locked)
        self._read_only = read_only

    def read_only(self) -> bool:
        return self._read_only

    def flush(self) -> None:
        """Save every field now (closing, switching records): a text area may still be
        waiting for its pause in typing."""
        if self.record is None:
            return
        for field, (widget, _holder, _label) in self.bindings.items():
            if isinstance(widget, TextArea):
                widget.stop_pause()
            self.save(field)
