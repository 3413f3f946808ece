"""The team tab: who is on the student's integrated-education team, in what role."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.model import Student
from ...core.iep.terms import APPROVER_ROLES
from ...core.vocabulary import RELATIONSHIPS, TEAM_ROLES
from ..widgets.dialogs import attempt, name_fields, ok_cancel, show_problems
from ..widgets.fields import ChoiceField, DateField, FieldWithError, TextField
from ..editing.file_editing import FileEditing
from ..i18n import current_language
from ..qt import (
    QComboBox, QCoreApplication, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
    Signal,
)
from ..widgets.record_table import RecordTable
from ..student_list import vocabulary_combo


class TeamMemberDialog(QDialog):
    """Pick someone already known, or type a new name to add them; or, given `member`
    (the membership and its person), change their role, title, phone or start."""

    def __init__(self, people, parent: QWidget | None = None, role: str = "",
                 member=None, person=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team member") if member else self.tr("Add team member"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for p in people:
            self.person.addItem(f"{p.full_name}　{p.title}".strip(), p.id)
        self.person.setCurrentIndex(-1)
        self.person.lineEdit().setPlaceholderText(self.tr("Choose or type a new name"))
        self.role = ChoiceField()
        # Parents come from the Family tab: a guardian is on the team once, as a parent.
        vocabulary_combo(self.role, [t for t in TEAM_ROLES if t.code != "parent"
                                     or (member and member.role == "parent")], None)
        self.title = TextField()
        self.title.setPlaceholderText(self.tr("For a new person, e.g. speech therapist"))
        self.phone = TextField()
        self.since = DateField()
        self.holders = {"person_id": FieldWithError(self.person), "role": FieldWithError(self.role),
                        "since": FieldWithError(self.since), "full_name": FieldWithError(self.title),
                        "phone": FieldWithError(self.phone)}
        form = QFormLayout()
        if member is None:
            form.addRow(self.tr("Person:"), self.holders["person_id"])
        else:
            self.person.hide()
            form.addRow(self.tr("Person:"), QLabel(person.full_name if person else ""))
            self.title.setPlaceholderText("")
            self.title.set_value(person.title if person else "")
            self.phone.set_value(person.phone if person else "")
            self.since.set_value(member.since)
            role = member.role
        form.addRow(self.tr("Title:"), self.holders["full_name"])
        form.addRow(self.tr("Role:"), self.holders["role"])
        form.addRow(self.tr("Phone:"), self.holders["phone"])
        form.addRow(self.tr("Since:"), self.holders["since"])
        if role:
            self.role.set_value(role)
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
    """The team, the student's guardians among them as parents (kept on the Family tab),
    and who may approve the plan: said here, before a plan is submitted, with a way to add
    that person."""

    family_requested = Signal()  # a guardian's row was opened: their details are there

    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self.members = RecordTable(
            [self.tr("Name"), self.tr("Role"), self.tr("Title"), self.tr("Phone"),
             self.tr("Since")], self.tr("Team members"))
        self.members.fit_columns(0, 2)  # name, title
        self.approver = QLabel()
        self.approver.setWordWrap(True)
        self.add_approver = QPushButton(self.tr("Add the person who approves…"))
        self.add_approver.clicked.connect(lambda: self._add("administrator"))
        approver_row = QHBoxLayout()
        approver_row.addWidget(self.approver, 1)
        approver_row.addWidget(self.add_approver)
        layout = QVBoxLayout(self)
        layout.addWidget(self.members)
        layout.addLayout(approver_row)
        self.members.add_requested.connect(self._add)
        self.members.edit_requested.connect(self._edit)
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
        for g in student.guardians:
            relation = RELATIONSHIPS.label(g.relationship_, language)
            rows.append((GUARDIAN + g.id, [g.name, TEAM_ROLES.label("parent", language),
                                           relation, g.phone, self.tr("(Family tab)")]))
        self.members.set_rows(rows)
        approvers = [people[m.person_id].full_name for m in student.team
                     if m.role in APPROVER_ROLES and m.person_id in people]
        if approvers:
            self.approver.setText(self.tr("Approves the plan: %1").replace(
                "%1", "、".join(approvers) if language.startswith("zh") else ", ".join(approvers)))
        else:
            self.approver.setText(self.tr(
                "No one on this team may approve the plan yet: add the principal (or another "
                "administrator) or a special-education expert."))
        self.add_approver.setVisible(not approvers)

    def _add(self, role: str = "") -> None:
        add_team_member(self, self.editing, self.student.id, role)

    def _edit(self, row_id: str) -> None:
        if row_id.startswith(GUARDIAN):
            self.family_requested.emit()
            return
        member = next((m for m in self.student.team if m.id == row_id), None)
        if member is None:
            return
        services = self.editing.services
        person = services.schools.get_person(member.person_id)
        dialog = TeamMemberDialog([], self, member=member, person=person)
        students, sid = services.students, self.student.id

        def save():
            changes = {"role": dialog.role.value(), "since": dialog.since.value(),
                       "title": dialog.title.value(), "phone": dialog.phone.value()}
            self.editing.change(self.tr("Change team member"), sid,
                                lambda _s: students.update_team_member(row_id, changes),
                                lambda before: students.update_team_member(row_id, before))
        try:
            while dialog.exec():
                if attempt(dialog, save):
                    return
        finally:
            dialog.deleteLater()

    def _remove(self, row_id: str) -> None:
        if row_id.startswith(GUARDIAN):
            self.family_requested.emit()
            return
        students, sid = self.editing.services.students, self.student.id
        self.editing.change(
            self.tr("Remove team member"), sid,
            lambda mid: students.remove_team_member(mid or row_id),
            lambda v: students.add_team_member(sid, v["person_id"], v["role"], v["since"],
                                               v["note"], id=v["id"]).id)


GUARDIAN = "guardian:"  # a guardian's row in the team table, told from a membership's


def add_team_member(parent: QWidget, editing: FileEditing, student_id: str,
                    role: str = "") -> bool:
    """Ask who joins the student's team (a known person or a new name) and add them, as
    one step to undo; `role` is chosen in advance (the person who approves). True if
    someone was added."""
    dialog = TeamMemberDialog(editing.services.schools.list_people(), parent, role=role)
    students = editing.services.students
    try:
        while dialog.exec():
            person_id, name = dialog.chosen_person()
            chosen_role, since = dialog.role.value(), dialog.since.value()
            title, phone = dialog.title.value(), dialog.phone.value()
            # A new name is created with the membership, in one transaction.
            new_person = name if person_id is None else ""
            added: dict = {}

            def do(state, person_id=person_id, chosen_role=chosen_role, since=since,
                   title=title, phone=phone, new_person=new_person, added=added):
                member = students.add_team_member(
                    student_id, person_id or added.get("person_id"), chosen_role, since,
                    id=state, new_person="" if added else new_person, new_person_title=title,
                    new_person_phone=phone)
                added["person_id"] = member.person_id
                return member.id

            if attempt(dialog, lambda do=do: editing.change(
                    QCoreApplication.translate("TeamTab", "Add team member"), student_id, do,
                    lambda mid: students.remove_team_member(mid)["id"])):
                return True
        return False
    finally:
        dialog.deleteLater()
