"""Editing a course unit, checked as you type, with a live preview.

Two views of the same unit: a form (the default, for everyone) and the unit's file text
(for those who prefer it, and to paste a unit from elsewhere). Problems are listed with
their field, or their line in the text. Nothing is saved until the unit is valid.
"""
from __future__ import annotations

import yaml

from ...core.errors import EditConflict, InvalidInput
from ...core.services.library import unit_yaml, validate_unit
from ...core.units.loading import Library, add_file, unit_document
from ..widgets.dialogs import name_pages, ok_cancel
from ..i18n import current_language, error_text, problem_text, translate_units
from ..qt import (
    QDialog, QDialogButtonBox, QFont, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPlainTextEdit, QSplitter, Qt, QTabWidget, QTextBrowser, QTimer, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css
from .unit_form import UnitForm, describe_path
from .unit_preview import unit_html
from ..window_size import open_at_size


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
        self.text.setTabChangesFocus(True)  # Tab moves on (a unit file is indented with spaces)
        font = QFont(self.text.font())
        font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace", *font.families()])
        self.text.setFont(font)
        self.text.setPlainText(unit_yaml(entry.unit))
        self.text.document().setModified(False)
        centres = getattr(library, "centres", None)  # the apparatus and situations added
        self.form = UnitForm(apparatus=centres.vocabulary("apparatus") if centres else None,
                             situations=centres.vocabulary("situation") if centres else None)
        self.form.set_value(entry.unit.model_dump(mode="json", exclude_none=True))
        self.modified = False
        self.views = QTabWidget()
        self.views.addTab(self.form, self.tr("&Form"))
        self.views.addTab(self.text, self.tr("File &text"))
        name_pages(self.views)
        self.views.currentChanged.connect(self._switch_view)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Preview"))
        self.status = QLabel()
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Problems"))
        self.problems.setMaximumHeight(self.fontMetrics().height() * 7)
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(self.CHECK_DELAY_MS)
        self._check.timeout.connect(self.check)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.views)
        splitter.addWidget(self.preview)
        splitter.setSizes([700, 450])
        self.buttons = ok_cancel(self, self.save, keep_typed_text=False)  # `reject` asks itself
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        open_at_size(self, 1150, 780, centre=False)  # Qt centres a dialog on its window
        self.text.textChanged.connect(self._edited)
        self.form.changed.connect(self._edited)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.check()

    def _edited(self) -> None:
        self.modified = True
        self._check.start()

    def _switch_view(self, index: int) -> None:
        """Carry the unit across: form to text, or text to form (if the text reads)."""
        if self.views.widget(index) is self.text:
            self.text.blockSignals(True)
            self.text.setPlainText(yaml.safe_dump(self.form.value(), allow_unicode=True,
                                                  sort_keys=False, width=10_000))
            self.text.blockSignals(False)
        else:
            # Through the unit-file loader: pasted text is bounded like any file.
            document = unit_document(self.text.toPlainText().encode("utf-8"))
            if document is not None:
                self.form.set_value(document)
            else:
                self.views.blockSignals(True)
                self.views.setCurrentWidget(self.text)  # fix the text first
                self.views.blockSignals(False)
        self.check()

    def _problems(self):
        """(unit or None, [(line or 0, text)]) for the view being edited."""
        if self.views.currentWidget() is self.form:
            try:
                return validate_unit(self.form.value(), self.library.context()), []
            except InvalidInput as error:
                return None, [(0, f"{describe_path(p.field)}: {p.text(translate_units)}")
                              for p in error.problems]
        library = Library()
        add_file(library, self.tr("unit"), self.text.toPlainText().encode("utf-8"),
                 context=self.library.context())
        found = [(p.line or 0, self.tr("Line %1: ").replace("%1", str(p.line or "?"))
                  + (f"{p.field}: " if p.field else "") + p.text(translate_units))
                 for p in library.problems]
        return (next(iter(library.units.values())) if not found else None), found

    def check(self) -> bool:
        """Validate now; show problems, or the preview if the unit is valid."""
        self._check.stop()
        unit, found = self._problems()
        self.problems.clear()
        for line, text in found:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.problems.addItem(item)
        valid = unit is not None
        if valid:
            self.unit = unit
            self.preview.setHtml(unit_html(self.unit, self.language,
                                           getattr(self.library, "centres", None)))
            self.status.setText(self.tr("The unit is valid."))
        else:
            self.status.setText(self.tr("%1 problem(s): the unit cannot be saved until they "
                                        "are fixed.").replace("%1", str(len(found))))
        self.status.setStyleSheet("" if valid else problem_css(self.status))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        return valid

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line and self.views.currentWidget() is self.text:
            block = self.text.document().findBlockByNumber(line - 1)
            cursor = self.text.textCursor()
            cursor.setPosition(block.position())
            self.text.setTextCursor(cursor)
            self.text.setFocus()

    def save(self) -> None:
        if not self.check():
            return
        document = self.unit.model_dump(mode="json", exclude_none=True)
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
        self.modified = False
        self.accept()

    def reject(self) -> None:
        if self.modified:
            answer = QMessageBox.question(self, self.windowTitle(), self.tr(
                "Discard your changes to this unit?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
