"""The preview of a teacher's own goal list read from a spreadsheet: which column holds
what (recognised from its heading, changed with a click), every row with its problems, and
how many goals can be imported. As in the student-list preview, a cell with a problem says
so three ways: a mark and the problem colour in the cell, the problem in its tooltip, and
in words in the row's Problems column; the colour is never the only sign."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import IepStudioError
from ...core.spreadsheets.goal_list import GOAL_COLUMNS, recognise
from ...core.spreadsheets.roster import Table
from ...core.vocabulary import join_clauses
from ..i18n import current_language, error_text, problem_text
from ..qt import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
    QFormLayout, QHeaderView, QLabel, QPalette, Qt, QTableView, QVBoxLayout, QWidget,
)
from ..student_file.roster_dialog import RosterRowsModel
from ..widgets.column_choice import ColumnChoice
from ..widgets.system_look import PROBLEM, problem_css, text_tone
from ..window_size import open_at_size

FITTED_ROWS = 200  # rows a column's width is fitted to


class GoalRowsModel(RosterRowsModel):
    """The preview's rows, as the student list's are shown, with the goal list's columns
    naming the problems."""

    def problems_text(self, row) -> str:
        """"行为：此项必填。；掌握标准：…" / "Behaviour: …; Mastery: …"."""
        zh = self._language.startswith("zh")
        parts = [f"{GOAL_COLUMNS.label(p.field, self._language)}{'：' if zh else ': '}"
                 f"{problem_text(p)}" if p.field in GOAL_COLUMNS else problem_text(p)
                 for p in row.problems]
        if zh:
            return join_clauses(parts, self._language, strong=True)
        # Not join_clauses: a value in Chinese would make it join in Chinese.
        return "; ".join([part.rstrip(".") for part in parts[:-1]] + parts[-1:])


class GoalListImportDialog(QDialog):
    """`preview_of(table, mapping)` makes the preview (the services' own_goals.preview);
    `read_sheet(name)` reads another sheet of the file."""

    def __init__(self, table: Table, preview_of: Callable, read_sheet: Callable[[str], Table],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import goals from a spreadsheet"))
        self.table, self.preview = table, None
        self.preview_of, self.read_sheet = preview_of, read_sheet
        self.language = current_language()
        intro = QLabel(self.tr("%1: each column's heading says what it holds; change any that "
                               "is read wrongly. Domain, condition, behaviour and criterion "
                               "are needed; a goal written only in Chinese is fine. Rows with "
                               "problems are left out and listed afterwards.")
                       .replace("%1", table.sheet.file_name))
        intro.setWordWrap(True)
        self.sheet = QComboBox(self)
        self.sheet.addItems(list(table.sheet.sheet_names))
        self.sheet.setCurrentText(table.sheet.sheet_name)
        form = QFormLayout()
        if len(table.sheet.sheet_names) > 1:
            form.addRow(self.tr("S&heet:"), self.sheet)
        else:
            self.sheet.hide()

        self.columns = ColumnChoice(GOAL_COLUMNS, self.language, self)

        self.count = QLabel()
        self.count.setWordWrap(True)
        bold = self.count.font()
        bold.setBold(True)
        self.count.setFont(bold)
        self.details = QLabel()  # the chosen row's problems in full
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        # What comes from the file is shown as it is, never read as markup.
        for label in (intro, self.count, self.details, self.refusal):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setStyleSheet(problem_css(self.refusal))
        self.only_problems = QCheckBox(self.tr("Show only the rows with &problems"))
        self.model = GoalRowsModel(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setAccessibleName(self.tr("Rows of the goal list"))
        self.rows.setTabKeyNavigation(False)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import goals"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>" + self.tr("What each column holds") + "</b>"))
        layout.addWidget(self.columns)
        layout.addWidget(self.refusal)
        layout.addWidget(self.count)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self._show_columns()
        self.columns.changed.connect(self.refresh)
        self.sheet.currentTextChanged.connect(self._sheet_chosen)
        self.only_problems.toggled.connect(self._show_rows)
        self.rows.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_details(current.row()))
        self.refresh()
        open_at_size(self, 1100, 720, centre=False)

    # -- the columns ----------------------------------------------------------------------
    def _show_columns(self) -> None:
        self.columns.show_headings(self.table.headings, recognise(list(self.table.headings)))

    def mapping(self) -> list[str]:
        return self.columns.mapping()

    def _sheet_chosen(self, name: str) -> None:
        try:
            self.table = self.read_sheet(name)
        except IepStudioError as error:
            self.refusal.setText(error_text(error))
            self.refusal.show()
            self.preview = None
            self.model.set_preview(None, None)
            self._update_count()
            return
        self._show_columns()
        self.refresh()

    # -- the rows -------------------------------------------------------------------------
    def refresh(self) -> None:
        """The preview again, with the columns as now chosen, and the bank as it is now."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = self.preview_of(self.table, self.mapping())
            self.refusal.setText("")
        except IepStudioError as error:
            self.preview = None
            self.refusal.setText(error_text(error))
        finally:
            QApplication.restoreOverrideCursor()
        self.refusal.setVisible(bool(self.refusal.text()))
        self.model.set_preview(self.preview, text_tone(PROBLEM, self.rows,
                                                       QPalette.ColorRole.Base))
        self._fit_columns()
        self._show_rows()
        self._update_count()
        first = next((i for i, row in enumerate(self.preview.rows if self.preview else ())
                      if not row.ok), 0)
        if self.model.rowCount():
            self.rows.setCurrentIndex(self.model.index(first, 0))
        self._show_details(first)

    def _show_details(self, number: int) -> None:
        rows = self.preview.rows if self.preview else ()
        if not 0 <= number < len(rows):
            self.details.setText("")
            return
        row = rows[number]
        self.details.setText(self.tr("Row %1: %2").replace("%1", str(row.line)).replace(
            "%2", self.model.problems_text(row) if row.problems else self.tr("Ready to import")))
        self.details.setStyleSheet(problem_css(self.details) if row.problems else "")

    def _fit_columns(self) -> None:
        """Each of the file's columns as wide as what its first rows hold, up to about a
        goal's condition (the rest is in its tooltip); the problems as wide as a
        problem's start (the chosen row's are shown in full below the table)."""
        metrics = self.rows.fontMetrics()
        widest = metrics.horizontalAdvance("学生能独立洗手（六步洗手法）")
        sample = range(min(self.model.rowCount(), FITTED_ROWS))
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            if column == 1:
                wide = metrics.horizontalAdvance("掌握标准：“八成”不是能读懂的掌握")
            else:
                wide = max((metrics.horizontalAdvance(self.model.index(r, column).data() or "")
                            for r in sample), default=0)
            self.rows.setColumnWidth(
                column, min(max(wide, metrics.horizontalAdvance(title)), widest) + 24)

    def _show_rows(self) -> None:
        only = self.only_problems.isChecked()
        for number, row in enumerate(self.preview.rows if self.preview else ()):
            self.rows.setRowHidden(number, only and row.ok)

    def _update_count(self) -> None:
        good = len(self.preview.good) if self.preview else 0
        bad = len(self.preview.bad) if self.preview else 0
        self.count.setText(self.tr("Ready to import: %1 goals. With problems: %2 rows.")
                           .replace("%1", str(good)).replace("%2", str(bad)))
        # The count is on the line above: no plural to get wrong in English.
        self.import_button.setText(self.tr("&Import the goals without problems"))
        self.import_button.setEnabled(good > 0)
