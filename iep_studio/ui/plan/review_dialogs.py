"""Dialogs of the team review: a comment, a request for changes or an approval; a
signature; the progress review of every objective; and a new plan."""
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
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHeaderView, QLabel, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)
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
    """Choose who signs now: a team member or a guardian, each once per edition."""

    def __init__(self, members: list, guardians: list, signed: set, me: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        language = current_language()
        self.setWindowTitle(self.tr("Sign the plan"))
        self.signer = QComboBox()
        self.signer.setAccessibleName(self.tr("Who signs"))
        for membership in members:
            if membership.person_id not in signed:
                self.signer.addItem(member_label(membership, language),
                                    f"person:{membership.person_id}")
        for guardian in guardians:
            if guardian.id not in signed:
                relation = RELATIONSHIPS.label(guardian.relationship_, language)
                self.signer.addItem(f"{guardian.name}（{relation}）" if language.startswith("zh")
                                    else f"{guardian.name} ({relation})", f"guardian:{guardian.id}")
        self.signer.setCurrentIndex(max(self.signer.findData(f"person:{me}"), 0))
        note = QLabel(self.tr("The signature records who signed, in what role and when, for "
                              "this edition of the plan."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Who signs:"), self.signer)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def values(self) -> dict:
        kind, _, record_id = (self.signer.currentData() or "").partition(":")
        return {"person_id": record_id} if kind == "person" else {"guardian_id": record_id}

    def show_problems(self, error: InvalidInput) -> None:  # nothing to point at
        pass


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
        self.table.setColumnWidth(0, 50)
        self.table.setColumnWidth(2, 110)
        self.table.setColumnWidth(3, 240)
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
