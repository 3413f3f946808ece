"""The lessons tab: the resource-room lessons a student took part in, newest first."""
from __future__ import annotations

from ...core.vocabulary import TIERS
from ..i18n import current_language
from ..qt import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QSettings, Qt, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_text_columns(self.table, 1, 3)  # the lesson, its adjustments
        hint = QLabel(self.tr("Make lessons from the course-unit library (Ctrl+L)."))
        hint.setWordWrap(True)
        # The lesson as given, to print: its teacher, students, objectives and notes.
        self.plan_button = QPushButton(self.tr("Lesson plan…"))
        self.plan_button.setEnabled(False)
        self.plan_button.clicked.connect(self.export_plan)
        self.table.itemSelectionChanged.connect(
            lambda: self.plan_button.setEnabled(bool(self.current_lesson_id())))
        below = QHBoxLayout()
        below.addWidget(hint, 1)
        below.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)

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
                item.setData(Qt.ItemDataRole.UserRole, lesson.id)
                self.table.setItem(row, column, item)
        self.plan_button.setEnabled(bool(self.current_lesson_id()))

    def current_lesson_id(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if self.table.selectedItems() else None
        return (item.data(Qt.ItemDataRole.UserRole) or "") if item else ""

    def export_plan(self) -> None:
        """The chosen lesson as a lesson plan, in Word and/or PDF."""
        from ...reports.teaching_documents import lesson_document, lesson_file_stem
        from ..documents.export_dialog import export_single

        lesson_id = self.current_lesson_id()
        if not lesson_id:
            return
        services = self.editing.services
        window = self.window()
        state = getattr(window, "state", None) or QSettings()
        settings = getattr(getattr(window, "context", None), "settings", None)
        me = getattr(settings, "me", "") or ""  # the teacher when the lesson names none
        export_single(self, state, settings, "lesson", lambda language: (
            lesson_document(services, language, lesson_id=lesson_id, me=me),
            lesson_file_stem(services, language, lesson_id=lesson_id)))
