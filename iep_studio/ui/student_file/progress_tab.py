"""The progress tab: every objective of the working plan with where it stands, and the
chosen objective's chart. Ctrl+R records observations starting from the chosen one."""
from __future__ import annotations

from ...core.contrast import readable
from ...core.iep.terms import objective_sentence
from ...core.progress import mastery as rules
from ...core.progress.trials import ORDER, PROMPT_LEVELS
from ...core.vocabulary import DOMAINS
from ..widgets.dialogs import run_until_saved
from ..widgets.fields import ChoiceField
from ..i18n import current_language
from ..planner.planner_dialogs import FormDialog
from .progress_chart import ProgressChart
from ..qt import (
    QAbstractItemView, QColor, QHBoxLayout, QHeaderView, QLabel, QPalette, QPushButton, QSpinBox,
    QSplitter, QTableWidget, QTableWidgetItem, Qt, QVBoxLayout, QWidget, Signal,
)
from ..widgets.system_look import characters


class RuleDialog(FormDialog):
    def __init__(self, rule, parent: QWidget | None = None):
        super().__init__(self.tr("Mastery rule"), parent)
        self.percent = self.add("mastery_percent", self.tr("At least (%):"), QSpinBox())
        self.percent.setRange(1, 100)
        self.percent.setValue(rule.percent)
        self.sessions = self.add("mastery_sessions", self.tr("In consecutive sessions:"),
                                 QSpinBox())
        self.sessions.setRange(1, 20)
        self.sessions.setValue(rule.sessions)
        self.level = self.add("mastery_level", self.tr("Counting trials up to:"), ChoiceField())
        language = current_language()
        for code in ORDER[:-1]:
            self.level.addItem(PROMPT_LEVELS.label(code, language), code)
        self.level.set_value(rule.level)
        self.form.addRow("", QLabel(self.tr("The default is 80% independent over 3 "
                                            "consecutive sessions.")))
        self.finish(420)

    def values(self) -> dict:
        return {"percent": self.percent.value(), "sessions": self.sessions.value(),
                "level": self.level.value()}


class ProgressTab(QWidget):
    """Signals: record_requested(str, str): (student id, objective id or "")."""

    record_requested = Signal(str, str)

    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.progress = None
        self.stalled_sessions = rules.DEFAULT_STALLED_SESSIONS  # set by the main window
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Objective"),
                                              self.tr("Sessions"), self.tr("Where it stands")])
        self.table.setAccessibleName(self.tr("Objectives and progress"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        # Objectives are sentences: rows grow to show them whole, at any width.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the objective
        for column, width in ((0, 14), (2, 7), (3, 21)):  # in characters: they grow with text
            self.table.setColumnWidth(column, characters(self.table, width))
        self.chart = ProgressChart()
        self.record_button = QPushButton(self.tr("Record observations…"))
        self.record_button.setToolTip("Ctrl+R")
        self.rule_button = QPushButton(self.tr("Mastery rule…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.rule_button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([560, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_label)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.table.currentCellChanged.connect(lambda *_: self._chart_current())
        self.chart.step_requested.connect(self._step)
        self.record_button.clicked.connect(self._record)
        self.rule_button.clicked.connect(self._edit_rule)

    def show_student(self, student) -> None:
        self.student = student
        keep = self.current_objective_id()
        self.progress = self.editing.services.progress.for_student(
            student.id, stalled_sessions=self.stalled_sessions)
        language = current_language()
        if self.progress.plan_id is None:
            self.plan_label.setText(self.tr("No plan yet: write an IEP to follow progress "
                                            "toward its objectives. Notes can still be "
                                            "recorded."))
        else:
            self.plan_label.setText(self.tr("Plan: %1").replace("%1", self.progress.plan_title))
        rows = self.progress.objectives
        # Rows fit their text, but measuring after every cell would make each cell cost a
        # whole relayout: fill with fixed rows, then fit them once.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setRowCount(len(rows))
        # The words say it; the colour only adds to them, shaded to stay readable (4.5:1)
        # on the table's background in a light or a dark palette.
        base = self.table.palette().color(QPalette.ColorRole.Base).name()
        mastered_colour = QColor(readable("#008000", base))
        stalled_colour = QColor(readable("#800000", base))
        for row, item in enumerate(rows):
            cells = [DOMAINS.label(item.domain, language), objective_sentence(item, language),
                     str(len(item.points)), self.status_text(item)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.objective_id)
                if column == 3 and item.mastery.mastered:
                    cell.setForeground(mastered_colour)
                elif column == 3 and item.stalled:
                    cell.setForeground(stalled_colour)
                self.table.setItem(row, column, cell)
            if item.objective_id == keep:
                self.table.selectRow(row)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.rule_button.setEnabled(bool(rows))
        self._chart_current()

    def status_text(self, progress) -> str:
        """Where an objective stands, in a few words."""
        if progress.mastery.mastered:
            return self.tr("Mastered %1").replace("%1", progress.mastery.mastered_on.isoformat())
        if not progress.points:
            return self.tr("No data yet")
        if progress.stalled:
            return self.tr("Stalled")
        return self.tr("%1 of %2 sessions at the criterion").replace(
            "%1", str(progress.mastery.streak)).replace("%2", str(progress.rule.sessions))

    def select_objective(self, objective_id: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == objective_id:
                self.table.selectRow(row)
                return

    def current_objective_id(self) -> str:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def current(self):
        objective_id = self.current_objective_id()
        return next((o for o in (self.progress.objectives if self.progress else [])
                     if o.objective_id == objective_id), None)

    def _chart_current(self) -> None:
        current = self.current()
        self.chart.show_progress(current, objective_sentence(current, current_language())
                                 if current is not None else "")

    def _step(self, by: int) -> None:
        """Up and Down on the chart show the objective before or after, the chart keeping
        the focus, so a keyboard user walks every objective's data from there."""
        row = self.table.currentRow() + by
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    def _record(self) -> None:
        if self.student is not None:
            self.record_requested.emit(self.student.id, self.current_objective_id())

    def _edit_rule(self) -> None:
        current = self.current()
        if current is None:
            return
        progress, sid, oid = self.editing.services.progress, self.student.id, current.objective_id

        def save(values):
            self.editing.change(
                self.tr("Change mastery rule"), sid,
                lambda _s: progress.set_rule(oid, **values),
                lambda before: progress.set_rule(oid, **before))
        run_until_saved(RuleDialog(current.rule, self), save)
