"""The preview of a student list read from a spreadsheet: which field each column holds
(recognised from its heading, changed with a click), every row with its problems, and
how many rows can be imported. A cell with a problem says so three ways: a mark and the
problem colour in the cell, the problem in its tooltip, and in words in the row's
Problems column; the colour is never the only sign."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import IepStudioError
from ...core.spreadsheets.roster import ROSTER_FIELDS, Table, recognise
from ...core.vocabulary import join_clauses
from ..i18n import current_language, error_text, problem_text
from ..qt import (
    QAbstractItemView, QAbstractTableModel, QApplication, QCheckBox, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QModelIndex, QPalette, Qt,
    QTableView, QVBoxLayout, QWidget,
)
from ..widgets.column_choice import ColumnChoice
from ..widgets.dialogs import name_fields
from ..widgets.system_look import PROBLEM, problem_css, text_tone
from ..window_size import open_at_size

MARK = "\u26a0 "  # ⚠: a problem cell is marked in its text, not by its colour alone
FITTED_ROWS = 200  # rows a column's width is fitted to (a list of thousands opens at once)


class RosterRowsModel(QAbstractTableModel):
    """The preview's rows: the row's number in the file, its problems in words, then the
    file's own columns. Rows are read from the preview only as they are painted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview = None
        self.headings: tuple[str, ...] = ()
        self._language = current_language()
        self._problem_colour = None

    def set_preview(self, preview, problem_colour) -> None:
        self.beginResetModel()
        self.preview = preview
        self.headings = preview.table.headings if preview is not None else ()
        self._problem_colour = problem_colour
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or self.preview is None else len(self.preview.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 2 + len(self.headings)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Row")
        if section == 1:
            return self.tr("Problems")
        return self.headings[section - 2] or self.tr("Column %1").replace("%1", str(section - 1))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.preview is None:
            return None
        row = self.preview.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(row.line) if role == Qt.ItemDataRole.DisplayRole else None
        if column == 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.problems_text(row) if row.problems else self.tr("Ready to import")
            if role == Qt.ItemDataRole.ForegroundRole and row.problems:
                return self._problem_colour
            return None
        field = self.preview.mapping[column - 2]
        problems = row.problems_in(field) if field else []
        text = row.cells[column - 2] if column - 2 < len(row.cells) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return MARK + text if problems else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(problem_text(p) for p in problems) if problems else (text or None)
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return self._problem_colour
        return None

    def problems_text(self, row) -> str:
        """"出生日期：…；学号：…" / "Birth date: …; Student number: …"."""
        zh = self._language.startswith("zh")
        parts = [f"{ROSTER_FIELDS.label(p.field, self._language)}{'：' if zh else ': '}"
                 f"{problem_text(p)}" if p.field in ROSTER_FIELDS else problem_text(p)
                 for p in row.problems]
        if zh:
            return join_clauses(parts, self._language, strong=True)
        # Not join_clauses: a name or a value in Chinese would make it join in Chinese.
        return "; ".join([part.rstrip(".") for part in parts[:-1]] + parts[-1:])


class RosterImportDialog(QDialog):
    """`preview_of(table, mapping, school_id, new_school)` makes the preview (the
    services' rosters.preview); `read_sheet(name)` reads another sheet of the file."""

    def __init__(self, table: Table, schools, school_id: str | None,
                 preview_of: Callable, read_sheet: Callable[[str], Table],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import students from a spreadsheet"))
        self.table, self.preview = table, None
        self.preview_of, self.read_sheet = preview_of, read_sheet
        self.language = current_language()
        intro = QLabel(self.tr("%1: each column's heading says what it holds; change any "
                               "that is read wrongly. Rows with problems are left out of the "
                               "import and listed afterwards.")
                       .replace("%1", table.sheet.file_name))
        intro.setWordWrap(True)
        self.sheet = QComboBox(self)
        self.sheet.addItems(list(table.sheet.sheet_names))
        self.sheet.setCurrentText(table.sheet.sheet_name)
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for school in schools:
            self.school.addItem(school.name, school.id)
        self.school.lineEdit().setPlaceholderText(
            self.tr("Choose, or type a new school's name"))
        if school_id:
            self.school.setCurrentIndex(max(self.school.findData(school_id), 0))
        form = QFormLayout()
        if len(table.sheet.sheet_names) > 1:
            form.addRow(self.tr("S&heet:"), self.sheet)
        else:
            self.sheet.hide()
        form.addRow(self.tr("&School of rows that name none:"), self.school)
        name_fields(form)

        self.columns = ColumnChoice(ROSTER_FIELDS, self.language, self)

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
        for label in (intro, self.count, self.details, self.refusal):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setStyleSheet(problem_css(self.refusal))
        self.only_problems = QCheckBox(self.tr("Show only the rows with &problems"))
        self.model = RosterRowsModel(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setAccessibleName(self.tr("Rows of the list"))
        self.rows.setTabKeyNavigation(False)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import the rows without problems"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        columns_title = QLabel("<b>" + self.tr("What each column holds") + "</b>")
        layout.addWidget(columns_title)
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
        # A school chosen, or a new one's name once typed (not at each key: a district's
        # list takes a moment to check).
        self.school.currentIndexChanged.connect(lambda _index: self.refresh())
        self.school.lineEdit().editingFinished.connect(self._school_typed)
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
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.table = self.read_sheet(name)
        except IepStudioError as error:
            QApplication.restoreOverrideCursor()
            self.refusal.setText(error_text(error))
            self.preview = None
            self.model.set_preview(None, None)
            self._update_count()
            return
        QApplication.restoreOverrideCursor()
        self._show_columns()
        self.refresh()

    # -- the rows -------------------------------------------------------------------------
    def school_choice(self) -> tuple[str | None, str]:
        """(id of a known school, or None) and the name of a school not here yet."""
        text = self.school.currentText().strip()
        index = self.school.findText(text)
        return (self.school.itemData(index), "") if index >= 0 else (None, text)

    def _school_typed(self) -> None:
        if self.preview is None or self.school_choice() != self._school_seen:
            self.refresh()

    def refresh(self) -> None:
        """The preview again, with the columns and the school as now chosen (and what the
        database holds now: a number may have been used since)."""
        school_id, new_school = self._school_seen = self.school_choice()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = self.preview_of(self.table, self.mapping(), school_id, new_school)
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
        """Each of the file's columns as wide as what its first rows hold (up to a limit:
        a long note is read in its tooltip); the problems as wide as a problem's start
        (the chosen row's are shown in full below the table)."""
        metrics = self.rows.fontMetrics()
        widest = metrics.horizontalAdvance("随班就读+资源教室" * 2)
        sample = range(min(self.model.rowCount(), FITTED_ROWS))
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            if column == 1:
                wide = metrics.horizontalAdvance("出生日期：“2015.13.1”不是日期。请")
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
        text = self.tr("Ready to import: %1 rows. With problems: %2 rows.") \
            .replace("%1", str(good)).replace("%2", str(bad))
        if self.preview and self.preview.new_schools:
            text += " " + self.tr("New schools added with them: %1.").replace(
                "%1", ("、" if self.language.startswith("zh") else ", ").join(
                    self.preview.new_schools))
        self.count.setText(text)
        self.import_button.setEnabled(good > 0)
