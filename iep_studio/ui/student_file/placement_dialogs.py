"""Dialogs for a student's categories (with degree) and for a change of placement."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.vocabulary import CATEGORIES, DEGREES, PLACEMENTS
from ..widgets.dialogs import attempt, name_fields, ok_cancel
from ..widgets.fields import DateField, FieldWithError
from ..i18n import current_language, problem_text
from ..qt import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGridLayout, QLabel,
    QLineEdit, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css
from ..student_list import vocabulary_combo


class CategoriesDialog(QDialog):
    """Tick each category that applies and choose its degree."""

    def __init__(self, chosen: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Categories"))
        language = current_language()
        current = dict(chosen)
        grid = QGridLayout()
        self.rows: list[tuple[str, QCheckBox, QComboBox]] = []
        for i, term in enumerate(CATEGORIES):
            box = QCheckBox(term.label(language))
            box.setChecked(term.code in current)
            degree = QComboBox()
            degree.addItem(self.tr("(degree not set)"), "")
            for d in DEGREES:
                degree.addItem(d.label(language), d.code)
            degree.setCurrentIndex(max(degree.findData(current.get(term.code, "")), 0))
            degree.setAccessibleName(self.tr("Degree of %1").replace("%1", term.label(language)))
            grid.addWidget(box, i, 0)
            grid.addWidget(degree, i, 1)
            self.rows.append((term.code, box, degree))
        # Keep the order the teacher had: the first listed is the main category.
        self._order = [code for code, _d in chosen]
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def chosen(self) -> list[tuple[str, str]]:
        picked = [(code, degree.currentData() or "") for code, box, degree in self.rows
                  if box.isChecked()]
        return sorted(picked, key=lambda p: (self._order.index(p[0])
                                             if p[0] in self._order else len(self._order)))


class PlacementDialog(QDialog):
    """A new placement from a date; the current one closes the day before."""

    def __init__(self, editing, student, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing, self.student = editing, student
        self.setWindowTitle(self.tr("Change placement"))
        self.placement = QComboBox()
        vocabulary_combo(self.placement, PLACEMENTS, None)
        self.start = DateField()
        self.start.setText(editing.services.today().isoformat())
        self.start_holder = FieldWithError(self.start)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. 3 resource-room sessions a week"))
        self.error = QLabel()
        self.error.setStyleSheet(problem_css(self.error))
        form = QFormLayout()
        form.addRow(self.tr("New placement:"), self.placement)
        form.addRow(self.tr("From:"), self.start_holder)
        form.addRow(self.tr("Note:"), self.note)
        name_fields(form)
        buttons = ok_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        students = self.editing.services.students
        sid = self.student.id
        placement, start, note = self.placement.currentData(), self.start.value(), self.note.text()

        def do(_state):
            before = students.get(sid).placements
            open_before = next((p.id for p in before if p.end_date is None), None)
            after = students.change_placement(sid, placement, start, note)
            return (after.placements[-1].id, open_before)

        def undo(state):
            new_id, reopened = state
            students.remove_placement(sid, new_id, reopen=reopened)
            return state

        if attempt(self, lambda: self.editing.change(self.tr("Change placement"), sid, do, undo)):
            self.accept()

    def show_problems(self, error: InvalidInput) -> None:
        self.start_holder.show_error(problem_text(error.problems[0]))
