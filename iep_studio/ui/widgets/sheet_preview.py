"""The preview of a list read from a spreadsheet, before anything is imported: which field
each column holds (recognised from its heading, changed with a click), every row with its
problems, and how many rows can be imported. A cell with a problem says so three ways: a
mark and the problem colour in the cell, the problem in its tooltip, and in words in the
row's Problems column; the colour is never the only sign.

Each import (a student list, a goal list) is a subclass saying what its rows are: their
fields, how to recognise a heading, how to preview, how to count."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import IepStudioError
from ..i18n import current_language, error_text
from ..qt import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
    QFormLayout, QHeaderView, QLabel, QPalette, Qt, QTableView, QVBoxLayout, QWidget,
)
from ..window_size import open_at_size
from .column_choice import ColumnChoice
from .system_look import PROBLEM, problem_css, text_tone

FITTED_ROWS = 200  # rows a column's width is fitted to (a list of thousands opens at once)


class SheetPreviewDialog(QDialog):
    """`read_sheet(name)` reads another sheet of the file. A subclass builds its own
    parts into `self.form` after this, then calls `start()`; it says what its list is
    with two methods of its own:
    - make_preview(): the preview of self.table with the columns as now chosen, raising
      IepStudioError for a list refused as a whole;
    - count_text(good, bad): the line saying how many rows can be imported."""

    # The widest a cell of the file's columns is shown, and a problem's start (the rest
    # is in the tooltip, and the chosen row's problems in full below the table).
    WIDEST_CELL = "随班就读+资源教室" * 2
    WIDEST_PROBLEM = "出生日期：“2015.13.1”不是日期。请"

    def __init__(self, table, read_sheet: Callable, fields, recognise: Callable,
                 model_class, parent: QWidget | None = None):
        """A subclass then says what the list is: `self.intro`'s text (with %1 for the
        file's name, see say()), the rows' name and the import button's text."""
        super().__init__(parent)
        self.table, self.preview = table, None
        self.read_sheet, self.recognise = read_sheet, recognise
        self.language = current_language()
        self.intro = intro_label = QLabel()
        intro_label.setWordWrap(True)
        self.sheet = QComboBox(self)
        self.sheet.addItems(list(table.sheet.sheet_names))
        self.sheet.setCurrentText(table.sheet.sheet_name)
        self.form = QFormLayout()
        if len(table.sheet.sheet_names) > 1:
            self.form.addRow(self.tr("S&heet:"), self.sheet)
        else:
            self.sheet.hide()
        self.columns = ColumnChoice(fields, self.language, self)

        self.count = QLabel()
        self.count.setWordWrap(True)
        bold = self.count.font()
        bold.setBold(True)
        self.count.setFont(bold)
        # The chosen row's problems in full: a cell shows only their beginning.
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        # What comes from the file (its name, its headings, its cells) is shown as it is,
        # never read as markup.
        for label in (intro_label, self.count, self.details, self.refusal):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setStyleSheet(problem_css(self.refusal))
        self.only_problems = QCheckBox(self.tr("Show only the rows with &problems"))
        self.model = model_class(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setTabKeyNavigation(False)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(self.form)
        layout.addWidget(QLabel("<b>" + self.tr("What each column holds") + "</b>"))
        layout.addWidget(self.columns)
        layout.addWidget(self.refusal)
        layout.addWidget(self.count)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)

    def say(self, title: str, intro: str, rows_name: str, import_text: str) -> None:
        """What this import is: its window title, the words above the columns (%1: the
        file's name), the table's name for a screen reader, the import button."""
        self.setWindowTitle(title)
        self.intro.setText(intro.replace("%1", self.table.sheet.file_name))
        self.rows.setAccessibleName(rows_name)
        self.import_button.setText(import_text)

    def start(self) -> None:
        """The first preview, once the subclass's own parts are there."""
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
        self.columns.show_headings(self.table.headings,
                                   self.recognise(list(self.table.headings)))

    def mapping(self) -> list[str]:
        return self.columns.mapping()

    def _sheet_chosen(self, name: str) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.table = self.read_sheet(name)
        except IepStudioError as error:
            self.refusal.setText(error_text(error))
            self.refusal.show()
            self.preview = None
            self.model.set_preview(None, None)
            self._update_count()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show_columns()
        self.refresh()

    # -- the rows -------------------------------------------------------------------------
    def refresh(self) -> None:
        """The preview again, with the columns as now chosen (and what the database holds
        now: a number or a goal may have been added since)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = self.make_preview()
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
        """Each of the file's columns as wide as what its first rows hold, up to
        WIDEST_CELL; the problems as wide as WIDEST_PROBLEM."""
        metrics = self.rows.fontMetrics()
        widest = metrics.horizontalAdvance(self.WIDEST_CELL)
        sample = range(min(self.model.rowCount(), FITTED_ROWS))
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            if column == 1:
                wide = metrics.horizontalAdvance(self.WIDEST_PROBLEM)
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
        self.count.setText(self.count_text(good, bad))
        self.import_button.setEnabled(good > 0)
