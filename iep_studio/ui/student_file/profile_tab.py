"""The profile tab: basic information, categories, placement history, health, strengths."""
from __future__ import annotations

from ...core.errors import EditConflict
from ...core.model import Student
from ...core.vocabulary import (
    CATEGORIES, DEGREES, PLACEMENTS, SEXES, STATUSES, join_labels, with_note,
)
from ..widgets.fields import (
    ChoiceField, DateField, FieldWithError, TextArea, TextField, route_undo_to_window,
)
from ..editing.conflict_dialog import after_refused_save
from ..editing.commands import same_value
from ..editing.file_editing import FileEditing
from ..i18n import current_language, problem_text
from .placement_dialogs import CategoriesDialog, PlacementDialog
from ..qt import (
    QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
    QWidget,
)
from ..student_list import vocabulary_combo


class FieldForm(QWidget):
    """A group of bound fields that save themselves; shared by the profile and family tabs."""

    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self.settling = False  # a conflict dialog is open: see settle_in_form
        self.typed: set[str] = set()  # fields typed in since the record was shown
        self.bindings: dict[str, tuple[QWidget, FieldWithError, str]] = {}

    def bind(self, form: QFormLayout, field: str, widget, label: str) -> FieldWithError:
        holder = FieldWithError(widget)
        form.addRow(label, holder)
        widget.setAccessibleName(label.rstrip(":："))
        widget.committed.connect(lambda f=field: self.save(f))
        route_undo_to_window(widget)
        self.bindings[field] = (widget, holder, label.rstrip(":："))
        self.editing.watch_drafts(widget, lambda f=field: self._draft(f))
        return holder

    def _draft(self, field: str):
        self.typed.add(field)
        widget, _holder, label = self.bindings[field]
        if self.student is None:
            return None
        return self.editing.draft("student", self.student.id, field, label,
                                  self.student.full_name, widget)

    def save(self, field: str) -> None:
        if self.student is None or self.settling:
            return
        widget, holder, label = self.bindings[field]
        try:
            problem = self.editing.edit_field(self.student, field, widget.value(), label)
        except EditConflict as conflict:
            students = self.editing.services.students
            after_refused_save(self, field, conflict, self.student, lambda: (
                self.show_student(students.get(self.student.id)), self.student)[1])
            return
        holder.show_error(problem_text(problem) if problem else "")
        if problem is None and field in self.typed:
            # Only what was typed here and is now saved: a save of an untouched field
            # (switching students saves every field) leaves an older draft alone.
            self.typed.discard(field)
            self.editing.drop_draft(self.student, field)

    def show_student(self, student: Student) -> None:
        """Fill the fields. Left alone: a field with a problem showing (what was typed
        stays there to be corrected), and a field whose text already equals the record
        (so the cursor of someone typing in it does not jump)."""
        changed_file = self.student is None or self.student.id != student.id
        if changed_file:
            self.typed.clear()
        self.student = student
        actor = self.editing.services.store.actor
        locked = actor is not None and not actor.may_write("student")  # a read-only account
        for field, (widget, holder, _label) in self.bindings.items():
            value = getattr(student, field)
            if changed_file:
                widget.set_value(value)
                holder.show_error("")
            elif not holder.has_error() and not same_value(widget.value(), value):
                widget.set_value(value)
            if isinstance(widget, ChoiceField):
                widget.setEnabled(not locked)
            else:
                widget.setReadOnly(locked)

    def flush(self) -> None:
        """Save every field now (before closing or switching students): a text area may
        still be waiting for its pause in typing."""
        if self.student is None:
            return
        for field, (widget, _holder, _label) in self.bindings.items():
            if isinstance(widget, TextArea):
                widget.stop_pause()
            self.save(field)


class ProfileTab(QScrollArea):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form = FieldForm(editing)
        language = current_language()

        basic = QGroupBox(self.tr("Basic information"))
        form = QFormLayout(basic)
        self.form.bind(form, "full_name", TextField(), self.tr("Name:"))
        self.form.bind(form, "student_number", TextField(), self.tr("Student number:"))
        sex = ChoiceField()
        sex.addItem(self.tr("(not set)"), "")
        for term in SEXES:
            sex.addItem(term.label(language), term.code)
        self.form.bind(form, "sex", sex, self.tr("Sex:"))
        self.form.bind(form, "birth_date", DateField(), self.tr("Birth date:"))
        self.form.bind(form, "grade", TextField(), self.tr("Grade:"))
        self.form.bind(form, "class_name", TextField(), self.tr("Class:"))
        self.form.bind(form, "enrolled_on", DateField(), self.tr("Enrolled on:"))
        status = ChoiceField()
        vocabulary_combo(status, STATUSES, None)
        self.form.bind(form, "status", status, self.tr("Status:"))
        self.form.bind(form, "certificate_no", TextField(), self.tr("Disability certificate no.:"))

        needs = QGroupBox(self.tr("Categories and placement"))
        needs_form = QFormLayout(needs)
        self.categories_label = QLabel()
        self.categories_label.setWordWrap(True)
        self.edit_categories = QPushButton(self.tr("Edit categories…"))
        row = QHBoxLayout()
        row.addWidget(self.categories_label, 1)
        row.addWidget(self.edit_categories)
        needs_form.addRow(self.tr("Categories:"), row)
        self.placement_label = QLabel()
        self.placement_label.setWordWrap(True)
        self.change_placement = QPushButton(self.tr("Change placement…"))
        row = QHBoxLayout()
        row.addWidget(self.placement_label, 1)
        row.addWidget(self.change_placement)
        needs_form.addRow(self.tr("Placement:"), row)
        self.placement_history = QLabel()
        self.placement_history.setWordWrap(True)
        self.placement_history.setStyleSheet("color: palette(placeholder-text);")
        needs_form.addRow(self.tr("History:"), self.placement_history)

        health = QGroupBox(self.tr("Diagnosis and health"))
        health_form = QFormLayout(health)
        self.form.bind(health_form, "diagnosis", TextArea(), self.tr("Diagnosis:"))
        self.form.bind(health_form, "health_notes", TextArea(), self.tr("Health notes:"))
        self.form.bind(health_form, "medication", TextArea(), self.tr("Medication:"))

        strengths = QGroupBox(self.tr("Strengths, interests and needs"))
        strengths_form = QFormLayout(strengths)
        self.form.bind(strengths_form, "strengths", TextArea(), self.tr("Strengths:"))
        self.form.bind(strengths_form, "interests", TextArea(), self.tr("Interests:"))
        self.form.bind(strengths_form, "needs", TextArea(), self.tr("Needs:"))

        layout = QVBoxLayout(self.form)
        for group in (basic, needs, health, strengths):
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(self.form)

        self.edit_categories.clicked.connect(self._edit_categories)
        self.change_placement.clicked.connect(self._change_placement)

    def show_student(self, student: Student) -> None:
        self.form.show_student(student)
        language = current_language()
        self.categories_label.setText(join_labels(
            (with_note(CATEGORIES.label(c.category, language), DEGREES.label(c.degree, language),
                       language) for c in student.categories), language)
            or self.tr("(none recorded)"))
        current = next((p for p in student.placements if p.end_date is None), None)
        self.placement_label.setText(
            self.tr("%1 since %2").replace("%1", PLACEMENTS.label(current.placement, language))
            .replace("%2", current.start_date.isoformat()) if current else self.tr("(none)"))
        self.placement_history.setText("\n".join(
            f"{p.start_date.isoformat()} – {p.end_date.isoformat() if p.end_date else ''}  "
            f"{PLACEMENTS.label(p.placement, language)}"
            + ((("：" if language.startswith("zh") else ": ") + p.note) if p.note else "")
            for p in student.placements))

    def _edit_categories(self) -> None:
        student = self.form.student
        if student is None:
            return
        before = [(c.category, c.degree) for c in student.categories]
        dialog = CategoriesDialog(before, self)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            after = dialog.chosen()
            if after != before:
                students = self.editing.services.students
                self.editing.try_change(
                    self.tr("Edit categories"), student.id,
                    lambda _s: students.set_categories(student.id, after),
                    lambda _s: students.set_categories(student.id, before))

    def _change_placement(self) -> None:
        student = self.form.student
        if student is None:
            return
        dialog = PlacementDialog(self.editing, student, self)
        dialog.exec()
        dialog.deleteLater()
