"""A table of a file's entries (guardians, team members, assessments) with Add, Edit and
Remove buttons; removing asks first, and every change can be undone."""
from __future__ import annotations

from ..qt import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, Qt, QVBoxLayout, QWidget, Signal,
)


def fit_text_columns(table: QTableWidget, *text_columns: int) -> None:
    """The columns of words (a name, a note, what happened) share the table's width and
    wrap, each row as tall as its longest cell; the short ones (a date, a phone number, a
    kind) are as wide as what they hold. So no text is cut short with "…" while a date
    column stretches."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                    if column in text_columns
                                    else QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class RecordTable(QWidget):
    """Signals: add_requested(), edit_requested(str id), remove_requested(str id)."""

    add_requested = Signal()
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, headers: list[str], accessible_name: str, parent: QWidget | None = None,
                 editable: bool = True):
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(accessible_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.edit_button.setVisible(editable)
        self.editable, self.writable = editable, True
        self.buttons = buttons = QHBoxLayout()  # a tab may add its own after these
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        if editable:
            self.table.itemActivated.connect(lambda _item: self._edit())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def set_writable(self, writable: bool) -> None:
        """Whether the signed-in person may change these entries: if not, the table only
        shows them, with no button whose every use would be refused."""
        self.writable = writable
        self.add_button.setVisible(writable)
        self.remove_button.setVisible(writable)
        self.edit_button.setVisible(writable and self.editable)

    def fit_columns(self, *text_columns: int) -> None:
        fit_text_columns(self.table, *text_columns)

    def set_rows(self, rows: list[tuple[str, list[str]]]) -> None:
        """rows: (id, cells). The selection stays on the same entry if it is still there."""
        keep = self.current_id()
        # The selection follows the entry, never the row number: with other rows (another
        # day, another student) the same number is a different entry.
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.setRowCount(len(rows))
        for r, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row_id)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
            if row_id == keep:
                self.table.selectRow(r)
        self._selection_changed()

    def current_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item and item.isSelected() else None

    # Whether the entry with this id may be changed by the person signed in (a guidance
    # note is its writer's); None: every entry the table shows.
    may_change = None

    def _selection_changed(self) -> None:
        row_id = self.current_id()
        has = row_id is not None and (self.may_change is None or self.may_change(row_id))
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _edit(self) -> None:
        row_id = self.current_id()
        if row_id and self.writable and self.edit_button.isEnabled():
            self.edit_requested.emit(row_id)

    def _remove(self) -> None:
        row_id = self.current_id()
        if not row_id or not self.writable or not self.remove_button.isEnabled():
            return
        name = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, self.tr("Remove"),
            self.tr("Remove \u201c%1\u201d from this file? You can undo this with Ctrl+Z.")
            .replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_requested.emit(row_id)
