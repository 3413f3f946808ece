"""Dialogs of the team review: a comment, a request for changes or an approval; a
signature and the IEP meeting; the progress review of every objective; and a new plan."""
from __future__ import annotations

from datetime import date

from ...core.errors import InvalidInput
from ...core.iep.terms import PLAN_SECTIONS, REVIEW_CODES
from ...core.school_year import term_title
from ...core.vocabulary import RELATIONSHIPS, TEAM_ROLES
from ..widgets.dialogs import name_fields, ok_cancel, show_problems
from ..widgets.fields import ChoiceField, DateField, FieldWithError, TextArea, TextField
from ..i18n import current_language
from .plan_goals import objective_sentence
from ..qt import (
    QAbstractItemView, QComboBox, QCoreApplication, QDialog, QFormLayout, QHeaderView, QLabel,
    QListWidget, QListWidgetItem, Qt, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from ..widgets.system_look import characters
from ..student_list import vocabulary_combo


def member_label(membership, language: str) -> str:
    role = TEAM_ROLES.label(membership.role, language)
    return f"{membership.name}（{role}）" if language.startswith("zh") else (
        f"{membership.name} ({role})")


class DecisionDialog(QDialog):
    """Who says it, about which section, and what. `kind` is comment, changes or approve."""

    def __init__(self, kind: str, members: list, me: str, section: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        language = current_language()
        self.kind = kind
        self.setWindowTitle({"comment": self.tr("Comment on the plan"),
                             "changes": self.tr("Request changes"),
                             "approve": self.tr("Approve the plan")}[kind])
        self.person = QComboBox()
        for membership in members:
            self.person.addItem(member_label(membership, language), membership.person_id)
        self.person.setCurrentIndex(max(self.person.findData(me), 0))
        self.section = ChoiceField()
        vocabulary_combo(self.section, PLAN_SECTIONS, self.tr("(the whole plan)"))
        self.section.set_value(section)
        self.text = TextArea()
        self.holders = {"by": FieldWithError(self.person), "section": FieldWithError(self.section),
                        "text": FieldWithError(self.text)}
        form = QFormLayout()
        form.addRow(self.tr("Who:"), self.holders["by"])
        if kind != "approve":
            form.addRow(self.tr("Section:"), self.holders["section"])
        form.addRow(self.tr("Approval note:") if kind == "approve" else self.tr("Text:"),
                    self.holders["text"])
        name_fields(form)
        layout = QVBoxLayout(self)
        if kind == "changes":
            hint = QLabel(self.tr("The plan goes back to draft for its author to change."))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(480, self.sizeHint().height())

    def values(self) -> dict:
        return {"by": self.person.currentData(), "section": self.section.value(),
                "text": self.text.value()}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


class SignDialog(QDialog):
    """The signatures given at the IEP meeting, in one step: everyone who has not signed
    this edition is listed and ticked; untick who did not sign, set the day, OK. A guardian
    is listed once, even if also entered on the team as a parent. `only` (a person id, on
    a shared server): team members sign in their own name, so only that person is listed
    among them. The meeting's other attendees and the parents' opinion are written down
    with the signatures; `meeting` (the plan) gives what was written before, so signing
    again later keeps it."""

    def __init__(self, members: list, guardians: list, signed: set, me: str,
                 parent: QWidget | None = None, today: date | None = None,
                 only: str | None = None, meeting=None):
        super().__init__(parent)
        language = current_language()
        self.setWindowTitle(self.tr("Record signatures"))
        self.signers = QListWidget()
        self.signers.setAccessibleName(self.tr("Who signed"))
        guardian_names = {g.name.strip() for g in guardians}
        listed = set()
        for membership in members:
            person = membership.person_id
            if (person in signed or person in listed or (only is not None and person != only)
                    or (membership.role == "parent" and membership.name.strip()
                        in guardian_names)):
                continue
            listed.add(person)
            self._add(member_label(membership, language), f"person:{person}")
        for guardian in guardians:
            if guardian.id not in signed:
                relation = RELATIONSHIPS.label(guardian.relationship_, language)
                self._add(f"{guardian.name}（{relation}）" if language.startswith("zh")
                          else f"{guardian.name} ({relation})", f"guardian:{guardian.id}")
        self.signed_on = DateField()
        self.signed_on.set_value(today or date.today())
        self.signed_on.setAccessibleName(self.tr("Signed on"))
        self.attendees, self.parent_opinion = meeting_fields(meeting)
        # What was written before, to send back only what this dialog changed: a colleague
        # may have written the parents' opinion since this window read the plan.
        self.meeting_before = (self.attendees.value(), self.parent_opinion.value())
        self.holders = {"signed_on": FieldWithError(self.signed_on),
                        "meeting_attendees": FieldWithError(self.attendees),
                        "parent_opinion": FieldWithError(self.parent_opinion)}
        note = QLabel(self.tr("Tick everyone who signed the paper copy at the IEP meeting. "
                              "Each signature records who signed, in what role and on which "
                              "day, for this edition of the plan."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Signed on:"), self.holders["signed_on"])
        if only is None:  # a team member signing in their own name writes no meeting
            form.addRow(self.tr("Others present:"), self.holders["meeting_attendees"])
            form.addRow(self.tr("Parents' opinion:"), self.holders["parent_opinion"])
        self.writes_meeting = only is None
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.signers, 1)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def _add(self, text: str, key: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.signers.addItem(item)

    def ticked(self) -> list[str]:
        return [self.signers.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.signers.count())
                if self.signers.item(i).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict:
        ticked = [key.partition(":") for key in self.ticked()]
        return {"person_ids": [i for kind, _, i in ticked if kind == "person"],
                "guardian_ids": [i for kind, _, i in ticked if kind == "guardian"],
                "signed_on": self.signed_on.value(),
                **changed_meeting(self.meeting_before, self.attendees.value(),
                                  self.parent_opinion.value(), self.writes_meeting)}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


def changed_meeting(before: tuple[str, str], attendees: str, opinion: str,
                    writes: bool = True) -> dict:
    """The meeting's texts to save: None (left as the plan holds it) for each one the
    teacher did not change here."""
    return {"attendees": attendees if writes and attendees != before[0] else None,
            "parent_opinion": opinion if writes and opinion != before[1] else None}


def meeting_fields(plan) -> tuple[TextField, TextArea]:
    """Who else came to the IEP meeting (those who signed are on the signature list) and
    what the parents said, filled with what `plan` (if any) recorded."""
    attendees, opinion = TextField(), TextArea()
    attendees.setPlaceholderText(QCoreApplication.translate(
        "MeetingDialog", "e.g. itinerant teacher Zhou, who did not sign"))
    if plan is not None:
        attendees.set_value(plan.meeting_attendees)
        opinion.set_value(plan.parent_opinion)
    return attendees, opinion


class MeetingDialog(QDialog):
    """The IEP meeting written down or corrected after the signatures: its day, who else
    came, and the parents' opinion (家长意见)."""

    def __init__(self, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("IEP meeting"))
        self.meeting_on = DateField()
        self.meeting_on.set_value(plan.meeting_on)
        self.attendees, self.parent_opinion = meeting_fields(plan)
        self.meeting_before = (self.attendees.value(), self.parent_opinion.value())
        self.holders = {"meeting_on": FieldWithError(self.meeting_on),
                        "meeting_attendees": FieldWithError(self.attendees),
                        "parent_opinion": FieldWithError(self.parent_opinion)}
        form = QFormLayout()
        form.addRow(self.tr("Meeting date:"), self.holders["meeting_on"])
        form.addRow(self.tr("Others present:"), self.holders["meeting_attendees"])
        form.addRow(self.tr("Parents' opinion:"), self.holders["parent_opinion"])
        name_fields(form)
        note = QLabel(self.tr("Printed in the plan above the signatures, with everyone who "
                              "signed this edition."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict:
        return {"meeting_on": self.meeting_on.value(),
                **changed_meeting(self.meeting_before, self.attendees.value(),
                                  self.parent_opinion.value())}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


class ObjectiveReviewDialog(QDialog):
    """The progress review: P, C, S, E or D and a comment for each objective at once."""

    def __init__(self, plan, today: date, reviewer: str, parent: QWidget | None = None):
        super().__init__(parent)
        language = current_language()
        self.setWindowTitle(self.tr("Review the objectives"))
        self.when = DateField()
        self.when.set_value(today)
        self.reviewer = TextField()
        self.reviewer.set_value(reviewer)
        rows = [(f"{g}.{o}", objective) for g, goal in enumerate(plan.goals, 1)
                for o, objective in enumerate(goal.objectives, 1)]
        self.table = QTableWidget(len(rows), 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Objective"),
                                              self.tr("Result"), self.tr("Comment")])
        self.table.setAccessibleName(self.tr("Objectives to review"))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.codes, self.comments, self.ids = [], [], []
        for row, (number, objective) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(number))
            text = QTableWidgetItem(objective_sentence(objective, language))
            text.setToolTip(text.text())
            self.table.setItem(row, 1, text)
            code = ChoiceField()
            vocabulary_combo(code, REVIEW_CODES, "")
            code.setAccessibleName(self.tr("Result of objective %1").replace("%1", number))
            comment = TextField()
            comment.setAccessibleName(self.tr("Comment on objective %1").replace("%1", number))
            self.table.setCellWidget(row, 2, code)
            self.table.setCellWidget(row, 3, comment)
            self.codes.append(code)
            self.comments.append(comment)
            self.ids.append(objective.id)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 7), (2, 16), (3, 34)):  # in characters: they grow with text
            self.table.setColumnWidth(column, characters(self.table, width))
        self.table.resizeRowsToContents()
        self.next_review = DateField()
        self.next_review.setToolTip(self.tr("When the team meets next; it clears the "
                                            "\u201creview overdue\u201d reminder."))
        self.holders = {"reviewed_on": FieldWithError(self.when),
                        "next_review": FieldWithError(self.next_review),
                        "code": FieldWithError(QLabel())}
        form = QFormLayout()
        form.addRow(self.tr("Review date:"), self.holders["reviewed_on"])
        form.addRow(self.tr("Reviewer:"), self.reviewer)
        form.addRow(self.tr("Next review:"), self.holders["next_review"])
        name_fields(form)
        legend = QLabel(" · ".join(t.label(language) for t in REVIEW_CODES))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.holders["code"])
        layout.addWidget(ok_cancel(self))
        self.resize(860, 480)

    def values(self) -> dict:
        return {"reviewed_on": self.when.value(), "reviewer": self.reviewer.value(),
                "next_review": self.next_review.value(),
                "results": [(objective_id, code.value(), comment.value())
                            for objective_id, code, comment in zip(self.ids, self.codes,
                                                                   self.comments)
                            if code.value()]}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


class NewPlanDialog(QDialog):
    """A new plan's period and title, empty or starting from an earlier plan."""

    def __init__(self, plans: list, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New plan"))
        language = current_language()
        self.start, self.end, self.review = DateField(), DateField(), DateField()
        self.title = TextField()
        self.start.set_value(today)
        end = date(today.year + (1 if today.month >= 8 else 0), 1 if today.month >= 8 else 7,
                   31 if today.month >= 8 else 10)
        if end <= today:  # mid-July: the plan is for the coming autumn term
            end = date(today.year + 1, 1, 31)
        self.end.set_value(end)
        self.review.set_value(date.fromordinal((today.toordinal() + end.toordinal()) // 2))
        self.title.set_value(term_title(today, language))
        self.source = QComboBox()
        self.source.addItem(self.tr("An empty plan"), "")
        for plan in plans:
            self.source.addItem(self.tr("Start from: %1").replace(
                "%1", f"{plan.title} ({plan.period_start} – {plan.period_end})"), plan.id)
        if plans:
            self.source.setCurrentIndex(1)  # the newest plan: its unmet objectives carry on
        self.holders = {}
        form = QFormLayout()
        for key, label, widget in (("source", self.tr("Begin with:"), self.source),
                                   ("title", self.tr("Title:"), self.title),
                                   ("period_start", self.tr("Plan starts:"), self.start),
                                   ("period_end", self.tr("Plan ends:"), self.end),
                                   ("review_due", self.tr("Next review:"), self.review)):
            self.holders[key] = FieldWithError(widget)
            form.addRow(label, self.holders[key])
        name_fields(form)
        hint = QLabel(self.tr("Starting from an earlier plan copies its sections and services "
                              "and carries over every objective not yet met, with its last "
                              "review result."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(ok_cancel(self))
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict:
        return {"source": self.source.currentData(), "title": self.title.value(),
                "period_start": self.start.value(), "period_end": self.end.value(),
                "review_due": self.review.value()}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)
