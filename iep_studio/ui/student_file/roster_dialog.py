"""The preview of a student list read from a spreadsheet (ui/widgets/sheet_preview.py),
with the school of rows that name none, and the rows' model every list's preview shows:
a cell with a problem says so three ways, a mark and the problem colour in the cell, the
problem in its tooltip, and in words in the row's Problems column."""
from __future__ import annotations

from collections.abc import Callable

from ...core.spreadsheets.roster import ROSTER_FIELDS, Table, recognise
from ...core.vocabulary import join_clauses
from ..i18n import current_language, problem_text
from ..qt import QAbstractTableModel, QComboBox, QModelIndex, Qt, QWidget
from ..widgets.dialogs import name_fields
from ..widgets.sheet_preview import SheetPreviewDialog

MARK = "\u26a0 "  # ⚠: a problem cell is marked in its text, not by its colour alone


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


class RosterImportDialog(SheetPreviewDialog):
    """`preview_of(table, mapping, school_id, new_school)` makes the preview (the
    services' rosters.preview); `read_sheet(name)` reads another sheet of the file."""

    def __init__(self, table: Table, schools, school_id: str | None,
                 preview_of: Callable, read_sheet: Callable[[str], Table],
                 parent: QWidget | None = None):
        super().__init__(table, read_sheet, ROSTER_FIELDS, recognise, RosterRowsModel, parent)
        self.preview_of = preview_of
        self.say(self.tr("Import students from a spreadsheet"), self.tr(
            "%1: each column's heading says what it holds; change any that is read wrongly. "
            "Rows with problems are left out of the import and listed afterwards."),
            self.tr("Rows of the list"), self.tr("&Import the rows without problems"))
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for school in schools:
            self.school.addItem(school.name, school.id)
        self.school.lineEdit().setPlaceholderText(
            self.tr("Choose, or type a new school's name"))
        if school_id:
            self.school.setCurrentIndex(max(self.school.findData(school_id), 0))
        self.form.addRow(self.tr("&School of rows that name none:"), self.school)
        name_fields(self.form)
        self._school_seen = self.school_choice()
        # A school chosen, or a new one's name once typed (not at each key: a district's
        # list takes a moment to check).
        self.school.currentIndexChanged.connect(lambda _index: self.refresh())
        self.school.lineEdit().editingFinished.connect(self._school_typed)
        self.start()

    def school_choice(self) -> tuple[str | None, str]:
        """(id of a known school, or None) and the name of a school not here yet."""
        text = self.school.currentText().strip()
        index = self.school.findText(text)
        return (self.school.itemData(index), "") if index >= 0 else (None, text)

    def _school_typed(self) -> None:
        if self.preview is None or self.school_choice() != self._school_seen:
            self.refresh()

    def make_preview(self):
        """With the school as now chosen, too."""
        school_id, new_school = self._school_seen = self.school_choice()
        return self.preview_of(self.table, self.mapping(), school_id, new_school)

    def count_text(self, good: int, bad: int) -> str:
        text = self.tr("Ready to import: %1 rows. With problems: %2 rows.") \
            .replace("%1", str(good)).replace("%2", str(bad))
        if self.preview and self.preview.new_schools:
            text += " " + self.tr("New schools added with them: %1.").replace(
                "%1", ("、" if self.language.startswith("zh") else ", ").join(
                    self.preview.new_schools))
        return text
