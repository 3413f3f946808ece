"""The lessons tab: the resource-room lessons a student took part in, newest first."""
from __future__ import annotations

from ...core.vocabulary import TIERS
from ..i18n import current_language
from ..qt import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget
from ..widgets.record_table import fit_text_columns


class LessonsTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Lesson"),
                                              self.tr("Level"), self.tr("Adjustments")])
        self.table.setAccessibleName(self.tr("Lessons"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_text_columns(self.table, 1, 3)  # the lesson, its adjustments
        hint = QLabel(self.tr("Make lessons from the course-unit library (Ctrl+L)."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def show_student(self, student) -> None:
        language = current_language()
        lessons = self.editing.services.lessons.for_student(student.id)
        self.table.setRowCount(len(lessons))
        for row, lesson in enumerate(lessons):
            place = next(p for p in lesson.students if p.student_id == student.id)
            cells = [lesson.given_on.isoformat(), lesson.title,
                     TIERS.label(str(place.tier), language), place.adjustments]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
