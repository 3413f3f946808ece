"""The children behind one figure of the overview: who they are and where, with what put
them on the list (the review date that passed, the last observation, the home visits so
far); from here a child's file opens in the main window, and the list goes to Excel."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...core.overview import Child, split_key
from ...core.overview.figures import NO_CLASS, NO_GRADE, students
from ...core.vocabulary import PLACEMENTS
from ..i18n import current_language
from ..qt import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout
from ..widgets.system_look import scaled_font
from ..window_size import open_at_size
from .figure_table import FigureModel, Row, export_rows, figure_view, model_rows


class ChildrenDialog(QDialog):
    """`open_student(id)` opens a child's file in the main window; the dialog then closes
    so the file is in front."""

    def __init__(self, title: str, key: str, children: list[Child], today: date,
                 open_student: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.title, self.key, self.children, self.today = title, key, children, today
        self.open_student = open_student
        self.language = current_language()
        self.setWindowTitle(title)
        heading = QLabel(title)
        heading.setFont(scaled_font(heading.font(), 1.25))
        heading.setWordWrap(True)
        count = QLabel(students(len(children), self.language))
        self.model = FigureModel(self._headings(), self)
        self.model.set_rows([Row(self._cells(child)) for child in children])
        self.table = figure_view(self.model, self.tr("Students behind this figure"),
                                 text_columns=(0, 1), parent=self)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.open_button = QPushButton(self.tr("&Open the student's file"))
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentIndex().row()))
        self.open_button.setEnabled(bool(children))
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(bool(children))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        open_at_size(self, 900, 560, centre=False)  # Qt centres a dialog on its window

    # -- what the list shows --------------------------------------------------------------
    def _extra(self) -> str:
        """What else the list shows: "when" for an overdue review or the last
        observation, "visits" for the home visits, "" for nothing more."""
        parts = split_key(self.key)
        if parts[0] == "attention" and len(parts) > 1:
            return {"review_overdue": "review", "no_observations": "observation",
                    "home_visits_short": "visits"}.get(parts[1], "")
        return ""

    def _headings(self) -> list[str]:
        headings = [self.tr("Name"), self.tr("School"), self.tr("Grade"), self.tr("Class"),
                    self.tr("Placement")]
        extra = self._extra()
        if extra == "review":
            headings.append(self.tr("Review was due"))
        elif extra == "observation":
            headings.append(self.tr("Last observation"))
        elif extra == "visits":
            headings += [self.tr("Home visits this term"), self.tr("Planned by now")]
        return headings

    def _cells(self, child: Child) -> tuple:
        language = self.language
        cells = [child.full_name, child.school_name,
                 child.grade or NO_GRADE.label(language),
                 child.class_name or NO_CLASS.label(language),
                 PLACEMENTS.label(child.placement, language)]
        extra = self._extra()
        if extra in ("review", "observation"):
            cells.append(child.when or self.tr("None yet"))  # a date cell in Excel
        elif extra == "visits":
            cells += [child.visits or 0, child.planned or 0]
        return tuple(cells)

    # -- commands -------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.children):
            self.open_student(self.children[row].student_id)
            self.accept()

    def export(self):
        return export_rows(self, self.title, self.model.headings, model_rows(self.model),
                           self.today)
