"""The team tab: who is on the student's integrated-education team, in what role."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.model import Student
from ...core.vocabulary import TEAM_ROLES
from ..widgets.dialogs import attempt, name_fields, ok_cancel, show_problems
from ..widgets.fields import ChoiceField, DateField, FieldWithError, TextField
from ..editing.file_editing import FileEditing
from ..i18n import current_language
from ..qt import QComboBox, QDialog, QFormLayout, QVBoxLayout, QWidget
from ..widgets.record_table import RecordTable
from ..student_list import vocabulary_combo


class TeamMemberDialog(QDialog):
    """Pick someone already known, or type a new name to add them."""

    def __init__(self, people, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add team member"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for p in people:
            self.person.addItem(f"{p.full_name}　{p.title}".strip(), p.id)
        self.person.setCurrentIndex(-1)
        self.person.lineEdit().setPlaceholderText(self.tr("Choose or type a new name"))
        self.role = ChoiceField()
        vocabulary_combo(self.role, TEAM_ROLES, None)
        self.title = TextField()
        self.title.setPlaceholderText(self.tr("For a new person, e.g. speech therapist"))
        self.since = DateField()
        self.holders = {"person_id": FieldWithError(self.person), "role": FieldWithError(self.role),
                        "since": FieldWithError(self.since), "full_name": FieldWithError(self.title)}
        form = QFormLayout()
        form.addRow(self.tr("Person:"), self.holders["person_id"])
        form.addRow(self.tr("Title:"), self.holders["full_name"])
        form.addRow(self.tr("Role:"), self.holders["role"])
        form.addRow(self.tr("Since:"), self.holders["since"])
        name_fields(form)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def chosen_person(self) -> tuple[str | None, str]:
        """(id of a known person, or None) and the typed name."""
        text = self.person.currentText().strip()
        index = self.person.findText(text)
        if index >= 0:
            return self.person.itemData(index), text
        return None, text

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


class TeamTab(QWidget):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self.members = RecordTable(
            [self.tr("Name"), self.tr("Role"), self.tr("Title"), self.tr("Phone"),
             self.tr("Since")], self.tr("Team members"), editable=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.members)
        self.members.add_requested.connect(self._add)
        self.members.remove_requested.connect(self._remove)

    def show_student(self, student: Student) -> None:
        self.student = student
        people = {p.id: p for p in self.editing.services.schools.list_people()}
        language = current_language()
        rows = []
        for m in student.team:
            p = people.get(m.person_id)
            rows.append((m.id, [p.full_name if p else "?", TEAM_ROLES.label(m.role, language),
                                p.title if p else "", p.phone if p else "",
                                m.since.isoformat() if m.since else ""]))
        self.members.set_rows(rows)

    def _add(self) -> None:
        dialog = TeamMemberDialog(self.editing.services.schools.list_people(), self)
        try:
            while dialog.exec():
                if self._save_member(dialog):
                    return
        finally:
            dialog.deleteLater()

    def _save_member(self, dialog: TeamMemberDialog) -> bool:
        students, sid = self.editing.services.students, self.student.id
        person_id, name = dialog.chosen_person()
        role, since, title = dialog.role.value(), dialog.since.value(), dialog.title.value()
        # A new name is created with the membership, in one transaction.
        new_person = name if person_id is None else ""
        added: dict = {}

        def do(state):
            member = students.add_team_member(
                sid, person_id or added.get("person_id"), role, since, id=state,
                new_person="" if added else new_person, new_person_title=title)
            added["person_id"] = member.person_id
            return member.id

        return attempt(dialog, lambda: self.editing.change(
            self.tr("Add team member"), sid, do,
            lambda mid: students.remove_team_member(mid)["id"]))

    def _remove(self, membership_id: str) -> None:
        students, sid = self.editing.services.students, self.student.id
        self.editing.change(
            self.tr("Remove team member"), sid,
            lambda mid: students.remove_team_member(mid or membership_id),
            lambda v: students.add_team_member(sid, v["person_id"], v["role"], v["since"],
                                               v["note"], id=v["id"]).id)
