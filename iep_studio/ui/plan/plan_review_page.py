"""Section 12: what the team said (comments, requests, approvals), who signed, and each
objective's progress reviews."""
from __future__ import annotations

from datetime import timezone

from ...core.iep.terms import PLAN_SECTIONS, REVIEW_CODES, REVIEW_DECISIONS
from ...core.vocabulary import TEAM_ROLES
from ..i18n import current_language
from .plan_goals import objective_sentence
from .plan_pages import ScrollPage
from ..qt import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QWidget,
)
from ..widgets.record_table import fit_text_columns


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(table.fontMetrics().lineSpacing() * 6)  # six lines of text
    return table


def local_time(moment) -> str:
    """A stored time as the teacher's clock shows it (SQLite returns UTC without zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class ReviewPage(ScrollPage):
    def __init__(self, actions: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Reviews and signatures"), self.tr(
            "Team members comment on a section, ask for changes or approve; everyone who "
            "took part signs. At each review of a plan in effect, every objective gets a "
            "result: P passed, C continue, S simplify, E extend, D dropped."), parent)
        buttons = QHBoxLayout()
        for name in ("comment", "request_changes", "approve", "sign", "meeting",
                     "review_objectives"):
            button = QPushButton(actions[name].text())
            button.clicked.connect(actions[name].trigger)
            actions[name].changed.connect(
                lambda b=button, a=actions[name]: b.setEnabled(a.isEnabled()))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.reviews = _table([self.tr("When"), self.tr("Who"), self.tr("Role"),
                               self.tr("Kind"), self.tr("Section"), self.tr("Text")],
                              self.tr("Team review"))
        self.signatures = _table([self.tr("Name"), self.tr("Role"), self.tr("Edition"),
                                  self.tr("Signed")], self.tr("Signatures"))
        self.objectives = _table([self.tr("No."), self.tr("Objective"), self.tr("Last result"),
                                  self.tr("Comment"), self.tr("Reviewed")],
                                 self.tr("Progress of the objectives"))
        for title, table in ((self.tr("Team review"), self.reviews),
                             (self.tr("Signatures"), self.signatures),
                             (self.tr("Progress of the objectives"), self.objectives)):
            self.layout_.addWidget(QLabel(f"<b>{title}</b>"))
            self.layout_.addWidget(table)
        fit_text_columns(self.reviews, 5)  # what was said
        fit_text_columns(self.signatures, 0)  # who signed
        fit_text_columns(self.objectives, 1, 3)  # the objective, the comment

    def show_plan(self, plan) -> None:
        language = current_language()
        _fill(self.reviews, [[local_time(r.made_at), r.person_name,
                              TEAM_ROLES.label(r.role, language),
                              REVIEW_DECISIONS.label(r.decision, language),
                              PLAN_SECTIONS.label(r.section, language), r.text]
                             for r in plan.reviews])
        _fill(self.signatures, [[s.name, TEAM_ROLES.label(s.role, language), str(s.edition),
                                 local_time(s.signed_at)]
                                for s in plan.signatures])
        rows = []
        for g, goal in enumerate(plan.goals, 1):
            for o, objective in enumerate(goal.objectives, 1):
                last = objective.reviews[-1] if objective.reviews else None
                rows.append([f"{g}.{o}", objective_sentence(objective, language),
                             REVIEW_CODES.label(last.code, language) if last else "",
                             last.comment if last else "",
                             last.reviewed_on.isoformat() if last else ""])
        _fill(self.objectives, rows)
