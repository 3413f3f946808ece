"""The family tab: guardians and contacts, the language at home, what the family needs."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.model import Student
from ...core.services.students import GUARDIAN_FIELDS
from ...core.vocabulary import RELATIONSHIPS
from ..widgets.dialogs import name_fields, ok_cancel, run_until_saved, show_problems
from ..widgets.fields import ChoiceField, FieldWithError, TextArea, TextField
from ..editing.file_editing import FileEditing
from ..editing.record_form import RecordForm
from ..i18n import current_language
from ..qt import (
    QCheckBox, QDialog, QFormLayout, QGroupBox, QVBoxLayout, QWidget,
)
from ..widgets.record_table import RecordTable
from ..student_list import vocabulary_combo


class GuardianDialog(QDialog):
    def __init__(self, values: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guardian"))
        self.name = TextField()
        self.relationship = ChoiceField()
        self.relationship.addItem(self.tr("(not set)"), "")
        vocabulary_combo(self.relationship, RELATIONSHIPS, None)
        self.phone = TextField()
        self.workplace = TextField()
        self.primary = QCheckBox(self.tr("Main contact"))
        self.note = TextArea()
        self.holders = {}
        form = QFormLayout()
        for key, label, widget in (
                ("name", self.tr("Name:"), self.name),
                ("relationship_", self.tr("Relationship:"), self.relationship),
                ("phone", self.tr("Phone:"), self.phone),
                ("workplace", self.tr("Workplace:"), self.workplace),
                ("primary_contact", "", self.primary),
                ("note", self.tr("Note:"), self.note)):
            holder = FieldWithError(widget)
            self.holders[key] = holder
            form.addRow(label, holder)
        self.name.set_value(values.get("name"))
        self.relationship.set_value(values.get("relationship_"))
        self.phone.set_value(values.get("phone"))
        self.workplace.set_value(values.get("workplace"))
        self.primary.setChecked(bool(values.get("primary_contact")))
        self.note.set_value(values.get("note"))
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        name_fields(form)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict:
        return {"name": self.name.value(), "relationship_": self.relationship.value(),
                "phone": self.phone.value(), "workplace": self.workplace.value(),
                "primary_contact": self.primary.isChecked(), "note": self.note.value()}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


class FamilyTab(QWidget):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self.guardians = RecordTable(
            [self.tr("Name"), self.tr("Relationship"), self.tr("Phone"), self.tr("Workplace"),
             self.tr("Note")], self.tr("Guardians"))
        self.guardians.fit_columns(3, 4)  # workplace, note
        self.form = RecordForm.for_student(editing)
        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        self.form.bind(form, "home_language", TextField(), self.tr("Language at home:"))
        self.form.bind(form, "family_needs", TextArea(), self.tr("Family needs:"))
        group = QGroupBox(self.tr("Guardians and contacts"))
        QVBoxLayout(group).addWidget(self.guardians)
        layout = QVBoxLayout(self)
        layout.addWidget(group, 1)
        layout.addWidget(fields)
        self.guardians.add_requested.connect(self._add)
        self.guardians.edit_requested.connect(self._edit)
        self.guardians.remove_requested.connect(self._remove)

    def show_student(self, student: Student) -> None:
        self.student = student
        self.form.show(student)
        language = current_language()
        self.guardians.set_rows([
            (g.id, [g.name + (" ★" if g.primary_contact else ""),
                    RELATIONSHIPS.label(g.relationship_, language), g.phone, g.workplace, g.note])
            for g in student.guardians])

    def _run_dialog(self, values: dict, save) -> None:
        run_until_saved(GuardianDialog(values, self), save)

    def _add(self) -> None:
        students, sid = self.editing.services.students, self.student.id

        def save(values):
            self.editing.change(
                self.tr("Add guardian"), sid,
                lambda gid: students.add_guardian(sid, id=gid, **values).id,
                lambda gid: students.remove_guardian(gid)["id"])
        self._run_dialog({}, save)

    def _edit(self, guardian_id: str) -> None:
        students, sid = self.editing.services.students, self.student.id
        guardian = next(g for g in self.student.guardians if g.id == guardian_id)
        before = {k: getattr(guardian, k) for k in GUARDIAN_FIELDS}

        def save(values):
            self.editing.change(
                self.tr("Edit guardian"), sid,
                lambda _s: students.update_guardian(guardian_id, values),
                lambda _s: students.update_guardian(guardian_id, before))
        self._run_dialog(before, save)

    def _remove(self, guardian_id: str) -> None:
        students, sid = self.editing.services.students, self.student.id
        # Undo adds the guardian back under a new id; redo removes whichever id it has now.
        self.editing.change(
            self.tr("Remove guardian"), sid,
            lambda gid: students.remove_guardian(gid or guardian_id),
            lambda values: students.add_guardian(sid, **values).id)
