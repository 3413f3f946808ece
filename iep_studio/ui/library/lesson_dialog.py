"""Making a lesson from a unit: the date, the students with each one's level and
adjustments, and the unit objectives the lesson serves."""
from __future__ import annotations

from ...core.errors import InvalidInput, NotFound
from ...core.services.lessons import LessonPlace
from ...core.services.search import load_summaries
from ...core.vocabulary import TIERS
from ..widgets.dialogs import name_fields, ok_cancel
from ..widgets.fields import DateField, FieldWithError
from ..i18n import current_language, error_text, problem_text
from ..qt import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QTableWidget, QTableWidgetItem, Qt, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css
from ..window_size import open_at_size


class LessonDialog(QDialog):
    def __init__(self, services, unit, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.unit = services, unit
        self.lesson_id: str | None = None
        language = current_language()
        self.setWindowTitle(self.tr("New lesson: %1").replace("%1", unit.title.get(language)))
        self.given_on = DateField()
        self.given_on.set_value(services.today())
        self.date_holder = FieldWithError(self.given_on)
        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("Find a student…"))
        self.find.setAccessibleName(self.tr("Find a student"))
        students = [s for s in load_summaries(services.store)
                    if not s.archived and s.status == "active"]
        self.table = QTableWidget(len(students), 3)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Student"), self.tr("Level"),
                                              self.tr("Adjustments for this student")])
        self.table.setAccessibleName(self.tr("Students in this lesson"))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, student in enumerate(students):
            item = QTableWidgetItem(f"{student.full_name}　{student.grade}{student.class_name}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, student.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, student.haystack)
            self.table.setItem(row, 0, item)
            tier = QComboBox()
            for term in TIERS:
                tier.addItem(term.label(language), int(term.code))
            tier.setCurrentIndex(1)
            tier.setAccessibleName(self.tr("Level of %1").replace("%1", student.full_name))
            self.table.setCellWidget(row, 1, tier)
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.table.resizeColumnToContents(0)
        self.students_error = QLabel()
        self.students_error.setStyleSheet(problem_css(self.students_error))
        self.objectives = QListWidget()
        self.objectives.setAccessibleName(self.tr("Objectives this lesson serves"))
        for objective in unit.objectives:
            item = QListWidgetItem(objective.text.get(language))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.objectives.addItem(item)
        self.objectives.setMaximumHeight(self.fontMetrics().height() * 6)
        form = QFormLayout()
        form.addRow(self.tr("&Date:"), self.date_holder)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.find)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.students_error)
        layout.addWidget(QLabel(self.tr("Objectives this lesson serves:")))
        layout.addWidget(self.objectives)
        layout.addWidget(ok_cancel(self, self.save))
        open_at_size(self, 760, 620, centre=False)  # Qt centres a dialog on its window
        self.find.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        tokens = text.lower().split()
        for row in range(self.table.rowCount()):
            haystack = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1)
            self.table.setRowHidden(row, not all(t in haystack for t in tokens))

    def check_student(self, student_id: str, tier: int = 2, adjustments: str = "") -> None:
        """Tick a student (also what a click on the box does), with a level and notes."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == student_id:
                self.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
                combo = self.table.cellWidget(row, 1)
                combo.setCurrentIndex(combo.findData(tier))
                self.table.item(row, 2).setText(adjustments)
                return
        raise KeyError(student_id)

    def places(self) -> list[LessonPlace]:
        objectives = [self.objectives.item(i).text() for i in range(self.objectives.count())
                      if self.objectives.item(i).checkState() == Qt.CheckState.Checked]
        return [LessonPlace(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole),
                            tier=self.table.cellWidget(row, 1).currentData(),
                            adjustments=self.table.item(row, 2).text(),
                            objectives=objectives)
                for row in range(self.table.rowCount())
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        try:
            lesson = self.services.lessons.make_lesson(self.unit.id, self.given_on.value(),
                                                       self.places())
        except InvalidInput as error:
            date_problem = error.for_field("given_on")
            self.date_holder.show_error(problem_text(date_problem) if date_problem else "")
            students = error.for_field("students")
            self.students_error.setText(problem_text(students) if students else "")
            return
        except NotFound as error:
            self.students_error.setText(error_text(error))
            return
        self.lesson_id = lesson.id
        self.accept()
