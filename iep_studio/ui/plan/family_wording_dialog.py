"""What the family reads in the parent version, seen and fitted before it is printed: for
each objective, the team's wording (as the plan has it), the sentence the family reads
and the tip for home. The words are the family's, not the team's plan: they may change
at any stage until the plan is closed (services.plans.set_parent_words)."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import InvalidInput
from ...core.iep.terms import objective_sentence
from ...core.vocabulary import DOMAINS
from ...reports.parent_document import plain_sentence
from ..i18n import current_language, problem_text
from ..qt import (
    QDialogButtonBox, QDialog, QGridLayout, QLabel, QScrollArea, Qt, QTextCursor, QVBoxLayout,
    QWidget,
)
from ..widgets.dialogs import ok_cancel
from ..widgets.fields import FieldWithError, TextArea
from ..widgets.system_look import characters, problem_css
from ..window_size import open_at_size

FIELDS = ("parent_wording", "home_tip")


class SentenceField(TextArea):
    """The family's sentence for an objective. Empty, it shows the sentence made from the
    objective (what is printed then); clicking in it puts that sentence there to change a
    few words, and a sentence left as it was goes back to empty, so it keeps following the
    objective if the team rewords it."""

    def __init__(self, made: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.made = made
        self.setPlaceholderText(made)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        if not self.toPlainText() and self.made:
            self.set_value(self.made)
            self.moveCursor(QTextCursor.MoveOperation.End)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._unchanged_to_empty()
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:  # nothing typed yet: nothing to ask about
            self._unchanged_to_empty()
        super().keyPressEvent(event)

    def _unchanged_to_empty(self) -> None:
        if self.toPlainText().strip() == self.made:
            self.set_value("")

    def value(self) -> str:
        text = self.toPlainText().strip()
        return "" if text == self.made else text


class FamilyWordingDialog(QDialog):
    """`preview(words)`: show the parent version with `words` (per objective id, its
    "parent_wording" and "home_tip" as typed) in place of the saved ones."""

    def __init__(self, plan, child: str, bank=None,
                 preview: Callable[[dict], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        language = current_language()
        self.setWindowTitle(self.tr("Family wording: %1").replace("%1", child))
        self.saved: dict[str, dict[str, str]] = {}
        self.fields: dict[str, dict[str, TextArea]] = {}
        self.holders: dict[str, dict[str, FieldWithError]] = {}
        self.refused_objective: str | None = None  # whose words a save refused
        note = QLabel(self.tr(
            "What the family reads in the parent version, objective by objective. A "
            "sentence left empty is printed as shown in grey, made from the objective; "
            "click in it to change its words. Fit each home tip to the child and to the "
            "home: something the family can do in daily life. A goal with no tip in any of "
            "its objectives gets the area's general suggestions; for a child taught at "
            "home or with medical care, a line saying the teacher will show the family "
            "how."))
        note.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for column, stretch in ((1, 3), (2, 3), (3, 3)):
            grid.setColumnStretch(column, stretch)
        grid.setColumnMinimumWidth(0, characters(self, 5))
        bold = self.font()
        bold.setBold(True)
        for column, title in enumerate((self.tr("No."),
                                        self.tr("The objective as the team wrote it"),
                                        self.tr("What the family reads"),
                                        self.tr("What the family can do at home"))):
            header = QLabel(title)
            header.setFont(bold)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column, Qt.AlignmentFlag.AlignBottom)
        row = 1
        for g, goal in enumerate(plan.goals, 1):
            area = DOMAINS.label(goal.domain, language)
            colon = "：" if language.startswith("zh") else ": "
            heading = QLabel(f"{g}　{area}" + (colon + goal.statement if goal.statement
                                               else ""))
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setFont(bold)
            heading.setWordWrap(True)
            grid.addWidget(heading, row, 0, 1, 4)
            row += 1
            for o, objective in enumerate(goal.objectives, 1):
                number = f"{g}.{o}"
                team = QLabel(objective_sentence(objective, language))
                team.setTextFormat(Qt.TextFormat.PlainText)  # a teacher's "<" stays "<"
                team.setWordWrap(True)
                team.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                sentence = SentenceField(plain_sentence(objective, child, language, bank))
                sentence.set_value(objective.parent_wording)
                sentence.setAccessibleName(self.tr("Sentence for the family, objective %1")
                                           .replace("%1", number))
                sentence.setToolTip(self.tr("Empty: the sentence shown in grey is printed. "
                                            "Click in it to change its words."))
                tip = TextArea()
                tip.set_value(objective.home_tip)
                tip.setPlaceholderText(self.tr("Something the family can do at home for "
                                               "this objective"))
                tip.setAccessibleName(self.tr("Home tip, objective %1").replace("%1", number))
                self.saved[objective.id] = {"parent_wording": objective.parent_wording.strip(),
                                            "home_tip": objective.home_tip.strip()}
                self.fields[objective.id] = {"parent_wording": sentence, "home_tip": tip}
                self.holders[objective.id] = {name: FieldWithError(field) for name, field
                                              in self.fields[objective.id].items()}
                grid.addWidget(QLabel(number), row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(team, row, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(self.holders[objective.id]["parent_wording"], row, 2)
                grid.addWidget(self.holders[objective.id]["home_tip"], row, 3)
                row += 1
        if not self.fields:
            grid.addWidget(QLabel(self.tr("The plan has no objectives yet.")), row, 0, 1, 4)
        grid.setRowStretch(row + 1, 1)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Objectives"))  # it takes the focus, to scroll
        scroll.setWidget(inner)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_css(self.problem))
        self.problem.hide()
        buttons = ok_cancel(self)
        self.preview_button = buttons.addButton(self.tr("Preview the parent version…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setVisible(preview is not None)
        if preview is not None:
            self.preview_button.clicked.connect(lambda: preview(self.typed()))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        open_at_size(self, 1180, 760, centre=False)  # Qt centres a dialog on its window

    def typed(self) -> dict[str, dict[str, str]]:
        """Every objective's words as they stand in the dialog."""
        return {objective_id: {name: field.value().strip() for name, field in fields.items()}
                for objective_id, fields in self.fields.items()}

    def values(self) -> dict:
        """The words changed, per objective (only the rows and fields changed)."""
        changed = {}
        for objective_id, words in self.typed().items():
            differ = {name: text for name, text in words.items()
                      if text != self.saved[objective_id][name]}
            if differ:
                changed[objective_id] = differ
        return {"words": changed}

    def show_problems(self, error: InvalidInput) -> None:
        """A refused text under its field (of `refused_objective`, when known)."""
        objective_id = self.refused_objective
        for fields in self.holders.values():
            for holder in fields.values():
                holder.show_error("")
        problem = error.problems[0] if error.problems else None
        text = problem_text(problem) if problem else ""
        holder = (self.holders.get(objective_id, {}).get(problem.field)
                  if problem is not None and objective_id else None)
        if holder is not None:
            holder.show_error(text)
            holder.field.setFocus()
            self.problem.hide()
        else:
            self.problem.setText(text)
            self.problem.setVisible(bool(text))
