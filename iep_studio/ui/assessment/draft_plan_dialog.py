"""From a scored assessment to the plan: per domain the drafted present level and goal
(editable), and the goal-bank objectives its ladders suggest, ticked; then one step
writes them into a new draft for the term or into the student's current draft."""
from __future__ import annotations

from ...core.assessment.drafting import DomainDraft, present_level, proposed_goal, read_scores
from ...core.errors import IepStudioError
from ...core.school_year import school_term
from ...core.services.plan_drafting import DomainPlan
from ...core.vocabulary import DOMAINS
from ..i18n import current_language, error_text
from ..qt import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QPlainTextEdit, QRadioButton, QScrollArea, Qt, QVBoxLayout, QWidget, Signal,
)
from ..widgets.system_look import problem_css
from ..widgets.fields import DateField
from ..window_size import open_at_size


class ClickableLabel(QLabel):
    """An objective's sentence, wrapped; a click ticks its check box."""

    def __init__(self, text: str, box, parent=None):
        super().__init__(text, parent)
        self.box = box
        self.setWordWrap(True)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.box.toggle()
        super().mouseReleaseEvent(event)


class DomainChoice(QGroupBox):
    """One domain: included or not, its present level and goal, its objectives ticked."""

    def __init__(self, draft: DomainDraft, bank, language: str, parent=None):
        super().__init__(DOMAINS.label(draft.domain, language), parent)
        self.draft = draft
        self.setCheckable(True)
        self.setChecked(True)
        self.level = QPlainTextEdit(present_level(draft, language))
        self.level.setTabChangesFocus(True)
        self.level.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.level.setAccessibleName(self.tr("Present level"))
        self.goal = QLineEdit(proposed_goal(draft, language))
        self.goal.setAccessibleName(self.tr("Long-term goal"))
        # Each objective a check box and its sentence beside it, wrapped (a check box's own
        # text never wraps); a click on the sentence ticks it too.
        self.objectives: list[tuple[str, QCheckBox]] = []
        ticks = QWidget()
        grid = QGridLayout(ticks)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for objective_id in draft.objective_ids():
            entry = bank.get(objective_id)
            if entry is None:
                continue
            items = [s.placed.item.behaviour.get(language) for s in draft.suggestions
                     if objective_id in s.objectives]
            sentence = entry.sentence(language)
            box = QCheckBox()
            box.setChecked(True)
            box.setAccessibleName(sentence)
            label = ClickableLabel(sentence, box)
            tip = self.tr("From the items: %1").replace("%1", "；".join(items))
            box.setToolTip(tip)
            label.setToolTip(tip)
            row = grid.rowCount()
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            self.objectives.append((objective_id, box))
        form = QFormLayout(self)
        form.addRow(self.tr("Present level:"), self.level)
        form.addRow(self.tr("Long-term goal:"), self.goal)
        form.addRow(self.tr("Objectives:"), ticks)
        self.goal.setCursorPosition(0)

    def chosen(self) -> DomainPlan | None:
        if not self.isChecked():
            return None
        ticked = [objective_id for objective_id, box in self.objectives if box.isChecked()]
        methods = [s.placed.item.method for s in self.draft.suggestions]
        return DomainPlan(self.draft.domain, self.level.toPlainText().strip(),
                          self.goal.text().strip(), ticked,
                          max(set(methods), key=methods.count) if methods else "probe")


class DraftPlanDialog(QDialog):
    """Signals: drafted(str): the plan written (its id)."""

    drafted = Signal(str)

    def __init__(self, services, operations, assessment, student, scores,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.assessment, self.student = services, assessment, student
        self.operations = operations  # the scoring window's: Ctrl+Z there takes it back
        self.language = language = current_language()
        self.result = None
        self.setWindowTitle(self.tr("Draft the plan from the assessment"))
        instrument = services.instruments.get(assessment.instrument_id)
        drafts = read_scores(instrument, scores)
        bank = services.library.shipped().goals
        self.current_draft = next((p for p in services.plans.for_student(student.id)
                                   if p.status == "draft"), None)
        self.new_plan = QRadioButton(self.tr("A new draft for"))
        term = school_term(services.today())
        self.start, self.end = DateField(), DateField()
        self.start.set_value(max(term.start, services.today()))
        self.end.set_value(term.end)
        self.into_draft = QRadioButton(self.tr("Add to the current draft: %1").replace(
            "%1", (self.current_draft.title or self.current_draft.period_start.isoformat())
            if self.current_draft else ""))
        self.into_draft.setVisible(self.current_draft is not None)
        (self.into_draft if self.current_draft else self.new_plan).setChecked(True)
        where = QFormLayout()
        period = QWidget()
        period_layout = QFormLayout(period)
        period_layout.setContentsMargins(0, 0, 0, 0)
        period_layout.addRow(self.tr("from"), self.start)
        period_layout.addRow(self.tr("to"), self.end)
        where.addRow(self.new_plan, period)
        where.addRow(self.into_draft)

        self.domains = [DomainChoice(d, bank, language) for d in drafts]
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        for choice in self.domains:
            inner_layout.addWidget(choice)
        if not self.domains:
            inner_layout.addWidget(QLabel(self.tr(
                "Nothing scored yet suggests an objective: score the items of a ladder "
                "first.")))
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Domains"))  # it takes the focus, to scroll
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_css(self.problem))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Write into the plan"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.domains))
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        open_at_size(self, 860, 700, centre=False)  # Qt centres a dialog on its window

    def chosen(self) -> list[DomainPlan]:
        return [c for c in (d.chosen() for d in self.domains) if c is not None]

    def write(self) -> None:
        """One step: the plan written, or the problem said here with nothing changed."""
        chosen = self.chosen()
        if not chosen:
            self.problem.setText(self.tr("Choose at least one domain."))
            return
        drafting = self.services.drafting
        actor = self.services.store.actor
        options = dict(language=self.language, responsible=actor.name if actor else "",
                       author_id=actor.person_id if actor else None)
        if self.into_draft.isChecked() and self.current_draft is not None:
            options["plan_id"] = self.current_draft.id
        else:
            options.update(period_start=self.start.value(), period_end=self.end.value())
        try:
            self.result = self.operations.run(
                self.tr("Draft the plan"), self.student.id,
                lambda _state: drafting.draft(self.assessment.id, chosen, **options),
                lambda drafted: drafting.take_back(drafted))
        except IepStudioError as error:
            self.problem.setText(error_text(error))
            return
        self.drafted.emit(self.result.plan_id)
        self.accept()
