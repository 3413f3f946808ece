"""Settings → Documents: the school's logo for every document's header, and the school's
own Word template (letterhead, styles, header and footer) that Word documents start from."""
from __future__ import annotations

from pathlib import Path

from ..widgets.dialogs import name_fields, ok_cancel
from ..qt import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)


class DocumentSettingsDialog(QDialog):
    def __init__(self, logo: str, template: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Documents"))
        self.logo = QLineEdit(logo)
        self.template = QLineEdit(template)
        form = QFormLayout()
        form.addRow(self.tr("School logo:"), self._row(
            self.logo, self.tr("Images (*.png *.jpg *.jpeg)")))
        form.addRow(self.tr("Word template:"), self._row(
            self.template, self.tr("Word documents (*.docx)")))
        name_fields(form)  # each name for its line, not for the row with its buttons
        note = QLabel(self.tr("The logo is printed at the top of every document. Word "
                              "documents start from the template: its styles, page set-up, "
                              "header and footer are kept. Leave a field empty for the "
                              "standard layout."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(ok_cancel(self))
        self.resize(560, self.sizeHint().height())

    def _row(self, field: QLineEdit, pattern: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        choose, clear = QPushButton(self.tr("Choose…")), QPushButton(self.tr("Clear"))
        layout.addWidget(field, 1)
        layout.addWidget(choose)
        layout.addWidget(clear)
        choose.clicked.connect(lambda: self._choose(field, pattern))
        clear.clicked.connect(field.clear)
        return row

    def _choose(self, field: QLineEdit, pattern: str) -> None:
        start = str(Path(field.text()).parent) if field.text() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), start, pattern)
        if chosen:
            field.setText(chosen)

    def values(self) -> dict:
        return {"document_logo": self.logo.text().strip(),
                "word_template": self.template.text().strip()}
