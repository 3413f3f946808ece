"""The overview's tables: rows of words and numbers, each row that stands for a figure
holding the key that opens the children behind it, and any table written to Excel as
it is shown."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...core.errors import IepStudioError
from ...core.file_names import fitted_name
from ..i18n import error_text
from ..qt import (
    QAbstractItemView, QAbstractTableModel, QApplication, QColor, QCoreApplication, QFileDialog,
    QFont, QHeaderView, QIcon, QMessageBox, QModelIndex, Qt, QTableView, QWidget,
)

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Row:
    """One row: its cells (words, or whole numbers shown right-aligned and written to
    Excel as numbers), the key of the figure behind it ("" if none) with the heading of
    that list, and how its first cell looks: an icon, a colour (always with words saying
    the same), bold for a total."""

    cells: tuple
    key: str = ""
    title: str = ""
    icon: QIcon | None = None
    colour: QColor | None = None
    strong: bool = False


class FigureModel(QAbstractTableModel):
    """Rows held in memory: an overview table has tens of rows, a list of children a few
    thousand at most, all read in one statement already."""

    def __init__(self, headings: list[str], parent=None):
        super().__init__(parent)
        self.headings = list(headings)
        self.rows: list[Row] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[Row], headings: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if headings is not None:
            self.headings = list(headings)
        self.endResetModel()

    def key(self, row: int) -> str:
        return self.rows[row].key if 0 <= row < len(self.rows) else ""

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headings)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headings)):
            return self.headings[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        cell = row.cells[index.column()] if index.column() < len(row.cells) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "" if cell is None else str(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(cell, int):
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole and row.strong:
            return self._bold
        if index.column() == 0:
            if role == Qt.ItemDataRole.DecorationRole:
                return row.icon
            if role == Qt.ItemDataRole.ForegroundRole:
                return row.colour
        return None


def figure_view(model: FigureModel, name: str, text_columns=(0,),
                parent: QWidget | None = None) -> QTableView:
    """A read-only table of `model`, named `name` for a screen reader. The columns of
    words share the width and wrap (each row as tall as its longest cell); a column of
    numbers is as wide as its heading. Tab moves on to the next control; the arrows move
    between rows and Enter opens the row (the window connects `activated`)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def fit() -> None:
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column in text_columns
                                        else QHeaderView.ResizeMode.ResizeToContents)
        # A row already chosen lets Enter open it as soon as Tab reaches the table.
        if model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))

    model.modelReset.connect(fit)
    fit()
    return view


def export_rows(parent: QWidget, title: str, headings: list[str], rows, today: date
                ) -> Path | None:
    """Ask where, then write `rows` under `headings` to an .xlsx named after `title` and
    the day. The path written, or None (cancelled, or refused: the user is told why)."""
    caption = QCoreApplication.translate("OverviewExport", "Export to Excel")
    target = ask_for_workbook(parent, caption, title, today)
    if target is None:
        return None
    from ...core.spreadsheets.writing import write_table  # the spreadsheet library: on use

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_table(target, title, headings, rows)
    except IepStudioError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, caption, error_text(error))
        return None
    QApplication.restoreOverrideCursor()
    return target


def ask_for_workbook(parent: QWidget, caption: str, title: str, today: date) -> Path | None:
    """Where to write an .xlsx, offered in the home folder under `title` and the day;
    None if cancelled. A name typed without ".xlsx" gets it."""
    name = fitted_name(title, f"_{today.isoformat()}", "xlsx")
    path, _ = QFileDialog.getSaveFileName(
        parent, caption, str(Path.home() / name),
        QCoreApplication.translate("OverviewExport", "Excel workbooks (*.xlsx)"))
    if not path:
        return None
    return Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")


def model_rows(model: FigureModel) -> list[tuple]:
    """The cells of every row, as the table shows them."""
    return [row.cells for row in model.rows]
