"""Editing a course unit as its file text, checked as you type, with a live preview.

The unit is edited as the same YAML a unit file holds, so what a teacher writes here and
what they share as a file are one thing; every problem is listed with its line, and
clicking it goes there. Nothing is saved until the unit is valid.
"""
from __future__ import annotations

import yaml

from ..core.errors import EditConflict, InvalidInput
from ..core.services.library import unit_yaml
from ..core.units.loading import Library, add_file
from .dialogs import ok_cancel
from .i18n import current_language, error_text, problem_text, translate_units
from .qt import (
    QDialog, QDialogButtonBox, QFont, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPlainTextEdit, QSplitter, Qt, QTextBrowser, QTimer, QVBoxLayout, QWidget,
)
from .unit_preview import unit_html


class UnitEditor(QDialog):
    CHECK_DELAY_MS = 300

    def __init__(self, library, entry, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.entry = library, entry
        self.saved = None
        self.unit = entry.unit
        self.language = current_language()
        self.setWindowTitle(self.tr("Edit unit: %1").replace("%1", entry.unit.title.get(
            self.language)))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Unit text"))
        font = QFont(self.text.font())
        font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace", *font.families()])
        self.text.setFont(font)
        self.text.setPlainText(unit_yaml(entry.unit))
        self.text.document().setModified(False)
        self.preview = QTextBrowser()
        self.status = QLabel()
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Problems"))
        self.problems.setMaximumHeight(self.fontMetrics().height() * 7)
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(self.CHECK_DELAY_MS)
        self._check.timeout.connect(self.check)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 480])
        self.buttons = ok_cancel(self, self.save)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(1150, 780)
        self.text.textChanged.connect(self._check.start)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.check()

    def check(self) -> bool:
        """Validate the text now; show problems, or the preview if it is valid."""
        self._check.stop()
        library = Library()
        add_file(library, self.tr("unit"), self.text.toPlainText().encode("utf-8"))
        self.problems.clear()
        for problem in library.problems:
            item = QListWidgetItem(self.tr("Line %1: ").replace("%1", str(problem.line or "?"))
                                   + (f"{problem.field}: " if problem.field else "")
                                   + problem.text(translate_units))
            item.setData(Qt.ItemDataRole.UserRole, problem.line or 0)
            self.problems.addItem(item)
        valid = not library.problems
        if valid:
            self.unit = next(iter(library.units.values()))
            self.preview.setHtml(unit_html(self.unit, self.language))
            self.status.setText(self.tr("The unit is valid."))
        else:
            self.status.setText(self.tr("%1 problem(s): the unit cannot be saved until they "
                                        "are fixed.").replace("%1", str(len(library.problems))))
        self.status.setStyleSheet("" if valid else "color: #b00020;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        return valid

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line:
            block = self.text.document().findBlockByNumber(line - 1)
            cursor = self.text.textCursor()
            cursor.setPosition(block.position())
            self.text.setTextCursor(cursor)
            self.text.setFocus()

    def save(self) -> None:
        if not self.check():
            return
        document = yaml.safe_load(self.text.toPlainText())
        try:
            self.saved = self.library.save_unit(document, expected_version=self.entry.version,
                                                replacing=self.entry.unit.id)
        except InvalidInput as error:
            for problem in error.problems:
                self.problems.addItem(f"{problem.field}: {problem_text(problem)}")
            self.status.setText(self.tr("Not saved."))
            return
        except EditConflict as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return  # the text stays in the editor
        self.text.document().setModified(False)
        self.accept()

    def reject(self) -> None:
        if self.text.document().isModified():
            answer = QMessageBox.question(self, self.windowTitle(), self.tr(
                "Discard your changes to this unit?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
