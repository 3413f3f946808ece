"""The IEP tab of a student file: every plan, newest first, with its status; open one,
start a new one, or compare revisions."""
from __future__ import annotations

from ...core.iep.terms import PLAN_STATUSES
from ..i18n import current_language
from ..qt import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, Qt,
    QVBoxLayout, QWidget, Signal,
)
from ..widgets.record_table import fit_text_columns


class PlansTab(QWidget):
    """Signals:
    open_requested(str): a plan id to open in its window.
    new_requested(): make a new plan for this student.
    compare_requested(): compare revisions of this student's plans.
    """

    open_requested = Signal(str)
    new_requested = Signal()
    compare_requested = Signal()

    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Plan"), self.tr("Period"),
                                              self.tr("Status"), self.tr("Edition"),
                                              self.tr("Next review")])
        self.table.setAccessibleName(self.tr("Plans"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        fit_text_columns(self.table, 0)  # the plan's title
        self.table.itemActivated.connect(lambda _item: self._open())
        self.new_button = QPushButton(self.tr("&New plan…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.compare_button = QPushButton(self.tr("&Compare revisions…"))  # Alt+V: Home visits
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open)
        self.compare_button.clicked.connect(self.compare_requested)
        self.empty = QLabel(self.tr("No plan yet. Make the first one with \u201cNew plan\u201d: "
                                    "present levels are filled from the assessments."))
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.compare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def show_student(self, student) -> None:
        language = current_language()
        plans = self.editing.services.plans.for_student(student.id)
        self.table.setRowCount(len(plans))
        for row, plan in enumerate(plans):
            cells = [plan.title, f"{plan.period_start} – {plan.period_end}",
                     PLAN_STATUSES.label(plan.status, language), str(plan.edition),
                     plan.review_due.isoformat() if plan.review_due else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, plan.id)
                self.table.setItem(row, column, item)
        if plans and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.empty.setVisible(not plans)
        self.open_button.setEnabled(bool(plans))
        self.compare_button.setEnabled(bool(plans))

    def current_plan_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id:
            self.open_requested.emit(plan_id)
