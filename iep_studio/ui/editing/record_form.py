"""Fields bound to one record of a plan (the plan itself, a goal, an objective) that save
themselves through the services, with undo, as the student profile's fields do."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import EditConflict
from ...core.services.records import current_value
from ..widgets.fields import ChoiceField, FieldWithError, TextArea, route_undo_to_window
from .conflict_dialog import after_refused_save
from .commands import same_value
from .file_editing import FileEditing
from ..i18n import problem_text
from ..qt import QFormLayout, QWidget


class RecordForm:
    """`save(record, field, value, checked)` writes one field; `checked` is True for the
    teacher's own edit (the version is checked), False for undo and redo."""

    def __init__(self, editing: FileEditing, save: Callable, reload: Callable[[], None]):
        self.editing = editing
        self._save = save
        self._reload = reload
        self.record = None
        self._read_only = False
        self.settling = False  # a conflict dialog is open: see settle_in_form
        self.typed: set[str] = set()  # fields typed in since the record was shown
        self.owner = ""  # whose plan, for a draft offered back at the next start
        self.bindings: dict[str, tuple[QWidget, FieldWithError, str]] = {}

    def bind(self, form: QFormLayout | None, field: str, widget, label: str) -> FieldWithError:
        holder = FieldWithError(widget)
        if form is not None:
            form.addRow(label, holder)
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
                                  self.owner, widget)

    def widget(self, field: str) -> QWidget:
        return self.bindings[field][0]

    def save(self, field: str) -> None:
        record = self.record
        if record is None or self.read_only() or self.settling:
            return
        widget, holder, label = self.bindings[field]
        try:
            problem = self.editing.edit_value(
                record.id, field, getattr(record, field), widget.value(), label,
                first=lambda value: self._save(record, field, value, True),
                again=lambda value: self._save(record, field, value, False),
                current=lambda: current_value(self.editing.services.store, type(record),
                                              record.id, field))
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
        already holds the saved text (so a cursor does not jump while typing)."""
        changed_record = self.record is None or record is None or self.record.id != record.id
        if changed_record:
            self.typed.clear()
        self.record = record
        for field, (widget, holder, _label) in self.bindings.items():
            value = getattr(record, field) if record is not None else None
            if changed_record:
                widget.set_value(value)
                holder.show_error("")
            elif not holder.has_error() and not same_value(widget.value(), value):
                widget.set_value(value)
            if isinstance(widget, ChoiceField):
                widget.setEnabled(not read_only)
            else:
                widget.setReadOnly(read_only)
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
