"""The file's History tab: every change to the student's records, who made it and when,
with the values before and after; saved as a spreadsheet (CSV) for a school's records."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ...core.services.history import headings
from ..i18n import current_language, error_text
from ..qt import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from ..widgets.system_look import characters

SHOWN = 500  # the newest changes; the export holds them all


class HistoryTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self._loaded_for = None
        language = current_language()
        self.table = QTableWidget(0, 7)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels(headings(language))
        self.table.setAccessibleName(self.tr("History of changes"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # In characters, so the columns grow with the system's text size.
        for column, width in enumerate((20, 11, 18, 8, 16, 22)):
            self.table.setColumnWidth(column, characters(self.table, width))
        self.summary = QLabel()
        self.export_button = QPushButton(self.tr("Save as spreadsheet (CSV)…"))
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_student(self, student) -> None:
        """Called whenever the file changed: read again now if on show, else when shown."""
        self.student = student
        self._loaded_for = None
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        """Read the log when the tab is looked at (not at every file opened)."""
        if self.student is None or self._loaded_for == self.student.id:
            return
        self._loaded_for = self.student.id
        language = current_language()
        try:
            changes = self.editing.services.history.for_student(self.student.id, limit=SHOWN)
        except IepStudioError as error:
            self.summary.setText(error_text(error))
            return
        self.table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            for column, text in enumerate(change.row(language)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.summary.setText(self.tr("%n change(s), newest first.", "", len(changes)) if
                             len(changes) < SHOWN else
                             self.tr("The newest %1 changes; the spreadsheet holds them all.")
                             .replace("%1", str(SHOWN)))

    def export(self) -> None:
        if self.student is None:
            return
        suggested = Path.home() / f"{self.student.full_name}_history.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the history"), str(suggested),
                                              self.tr("Spreadsheet (*.csv)"))
        if not path:
            return
        try:
            rows = self.editing.services.history.export_csv(self.student.id, Path(path),
                                                            current_language())
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Save the history"), error_text(error))
            return
        self.summary.setText(self.tr("%1 rows saved to %2.").replace("%1", str(rows))
                             .replace("%2", path))
