"""The profile tab: basic information, categories, placement history, health, strengths."""
from __future__ import annotations

from ...core.model import Student
from ...core.vocabulary import (
    CATEGORIES, DEGREES, PLACEMENTS, SEXES, STATUSES, join_labels, with_note,
)
from ..widgets.fields import ChoiceField, DateField, TextArea, TextField
from ..editing.file_editing import FileEditing
from ..editing.record_form import RecordForm
from ..i18n import current_language
from .placement_dialogs import CategoriesDialog, PlacementDialog
from ..qt import (
    QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
    QWidget,
)
from ..student_list import vocabulary_combo


class ProfileTab(QScrollArea):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form = RecordForm.for_student(editing)
        language = current_language()

        basic = QGroupBox(self.tr("Basic information"))
        form = QFormLayout(basic)
        self.form.bind(form, "full_name", TextField(), self.tr("Name:"))
        self.form.bind(form, "student_number", TextField(), self.tr("Student number:"))
        self.school = ChoiceField()  # a child who changes school keeps the file
        self.form.bind(form, "school_id", self.school, self.tr("School:"))
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
        # Each button under its text, not beside it: the form gives a wrapped label the
        # height of all its lines only when the label is the field itself (beside a button,
        # in a row of its own, large text lost its last lines).
        needs_form.addRow(self.tr("Categories:"), self.categories_label)
        needs_form.addRow("", button_at_start(self.edit_categories))
        self.placement_label = QLabel()
        self.placement_label.setWordWrap(True)
        self.change_placement = QPushButton(self.tr("Change placement…"))
        needs_form.addRow(self.tr("Placement:"), self.placement_label)
        needs_form.addRow("", button_at_start(self.change_placement))
        self.placement_history = QLabel()
        self.placement_history.setWordWrap(True)
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

        fields = QWidget()
        layout = QVBoxLayout(fields)
        for group in (basic, needs, health, strengths):
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(fields)

        self.edit_categories.clicked.connect(self._edit_categories)
        self.change_placement.clicked.connect(self._change_placement)

    def show_student(self, student: Student) -> None:
        schools = [(s.id, s.name) for s in self.editing.services.schools.list_schools()]
        if schools != [(self.school.itemData(i), self.school.itemText(i))
                       for i in range(self.school.count())]:
            self.school.blockSignals(True)
            self.school.clear()
            for school_id, name in schools:
                self.school.addItem(name, school_id)
            self.school.blockSignals(False)
        self.form.show(student)
        language = current_language()
        self.categories_label.setText(join_labels(
            (with_note(CATEGORIES.label(c.category, language), DEGREES.label(c.degree, language),
                       language) for c in student.categories), language)
            or self.tr("(none recorded)"))
        current = student.current_placement
        self.placement_label.setText(
            self.tr("%1 since %2").replace("%1", PLACEMENTS.label(current.placement, language))
            .replace("%2", current.start_date.isoformat()) if current else self.tr("(none)"))
        self.placement_history.setText("\n".join(
            f"{p.start_date.isoformat()} – {p.end_date.isoformat() if p.end_date else ''}  "
            f"{PLACEMENTS.label(p.placement, language)}"
            + ((("：" if language.startswith("zh") else ": ") + p.note) if p.note else "")
            for p in student.placements))

    def _edit_categories(self) -> None:
        student = self.form.record
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
        student = self.form.record
        if student is None:
            return
        dialog = PlacementDialog(self.editing, student, self)
        dialog.exec()
        dialog.deleteLater()


def button_at_start(button: QPushButton) -> QHBoxLayout:
    """A button at its own width at the start of a form row (a form stretches a field)."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row
