"""The library's assessment instruments: IEP Studio's own and those the school imported
(a folder of instrument files, checked as a whole: all of it or nothing)."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ..i18n import current_language, error_text, translate_units
from ..qt import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, Qt, QVBoxLayout, QWidget,
)


class InstrumentsPanel(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Instrument"), self.tr("Domains"),
                                              self.tr("Items"), self.tr("From")])
        self.table.setAccessibleName(self.tr("Assessment instruments"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.import_button = QPushButton(self.tr("&Import a folder…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.about, 1)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(lambda: self.import_folder())
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._show)
        self.refresh()

    def refresh(self) -> None:
        language = current_language()
        try:
            self.instruments = self.services.instruments.all()
        except IepStudioError as error:
            self.instruments = []
            self.about.setText(error_text(error))
        self.table.setRowCount(len(self.instruments))
        for row, loaded in enumerate(self.instruments):
            shipped = self.services.instruments.is_shipped(loaded.header.id)
            cells = [loaded.header.title.get(language), str(len(loaded.domains)),
                     str(len(loaded.items())),
                     self.tr("IEP Studio") if shipped else self.tr("Imported by the school")]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.instruments:
            self.table.selectRow(0)
        self._show()

    def current(self):
        row = self.table.currentRow()
        return self.instruments[row] if 0 <= row < len(self.instruments) else None

    def _show(self) -> None:
        loaded = self.current()
        shipped = loaded is not None and self.services.instruments.is_shipped(loaded.header.id)
        self.remove_button.setEnabled(loaded is not None and not shipped)
        if loaded is None:
            return
        language = current_language()
        header = loaded.header
        parts = [header.description.get(language) if header.description else "",
                 header.source.get(language) if header.source else ""]
        self.about.setText("\n\n".join(p for p in parts if p))

    def import_folder(self, folder: str | None = None) -> None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Import an instrument"))
            if not folder:
                return
        try:
            imported, problems = self.services.instruments.import_folder(Path(folder))
        except (IepStudioError, OSError) as error:
            message = error_text(error) if isinstance(error, IepStudioError) else str(error)
            QMessageBox.warning(self, self.tr("Import an instrument"), message)
            return
        if problems:
            QMessageBox.warning(self, self.tr("Import an instrument"), self.tr(
                "Nothing was imported. Correct these and import the folder again:") + "\n\n"
                + "\n".join(f"{p.where()}: {p.text(translate_units)}" for p in problems[:30]))
            return
        self.refresh()
        QMessageBox.information(self, self.tr("Import an instrument"), self.tr(
            "Imported: %1. It can now be scored item by item.").replace(
            "%1", ", ".join(imported)))

    def remove(self) -> None:
        loaded = self.current()
        if loaded is None:
            return
        title = loaded.header.title.get(current_language())
        answer = QMessageBox.question(self, self.tr("Remove the instrument"), self.tr(
            "Remove %1 from the library? Its files stay where they were imported from.")
            .replace("%1", title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.instruments.remove(loaded.header.id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Remove the instrument"), error_text(error))
            return
        self.refresh()
