"""At start: text typed last time that never reached the database (the app or the
computer stopped, the disk was full, the server was gone) is offered back."""
from __future__ import annotations

from dataclasses import replace

from ...core.drafts import Draft, as_text, put_back, saved_value
from ...core.errors import IepStudioError
from ..i18n import error_text
from ..qt import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)


class DraftsDialog(QDialog):
    def __init__(self, services, drafts: list[Draft], parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.drafts = list(drafts)
        self.setWindowTitle(self.tr("Unsaved text from last time"))
        intro = QLabel(self.tr(
            "This text was typed but not saved when IEP Studio last stopped. Save it into "
            "the file (you can edit it first), or discard it. Closing keeps it for next "
            "time."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Unsaved texts"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Unsaved text"))
        self.text.setTabChangesFocus(True)  # Tab moves on, as in the field it came from
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.put_back_button = QPushButton(self.tr("&Save into the file"))
        self.discard_button = QPushButton(self.tr("&Discard"))
        for button in (self.put_back_button, self.discard_button):
            button.setAutoDefault(False)
        self.put_back_button.clicked.connect(self.put_back)
        self.discard_button.clicked.connect(self.discard)
        row = QHBoxLayout()
        row.addWidget(self.put_back_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.saved)
        layout.addLayout(row)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._show)
        self._fill()
        self.resize(620, 480)

    def _fill(self) -> None:
        self.list.clear()
        for draft in self.drafts:
            self.list.addItem(QListWidgetItem(f"{draft.owner} · {draft.label} · "
                                              f"{draft.saved_at.replace('T', ' ')}"))
        if self.drafts:
            self.list.setCurrentRow(0)
        else:
            self.accept()

    def _current(self) -> Draft | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def _show(self, _row: int) -> None:
        draft = self._current()
        self.text.setPlainText(draft.text if draft else "")
        saved = as_text(saved_value(self.services, draft)) if draft else ""
        self.saved.setText(self.tr("Saved in the file now: %1").replace(
            "%1", saved or self.tr("(empty)")) if draft else "")

    def put_back(self) -> None:
        draft = self._current()
        if draft is None:
            return
        edited = replace(draft, text=self.text.toPlainText())
        try:
            put_back(self.services, edited)
        except IepStudioError as error:  # a plan no longer a draft, a file removed…
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        self._forget(draft)

    def discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        answer = QMessageBox.question(self, self.windowTitle(), self.tr(
            "Discard this unsaved text for good?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._forget(draft)

    def _forget(self, draft: Draft) -> None:
        self.services.drafts.drop(draft.key)
        self.drafts.remove(draft)
        self._fill()


def offer_drafts(window) -> int:
    """Show what is left from last time; returns how many drafts were offered. A draft
    whose text the file already holds (it was saved after all) is removed quietly."""
    services = window.services
    if services is None or services.drafts is None:
        return 0
    left = []
    actor = services.store.actor
    # Each account gets back only its own text: the next person at this computer must
    # not see (or save) what the previous one typed.
    for draft in services.drafts.all((actor.account_id or "") if actor else ""):
        if as_text(saved_value(services, draft)).strip() == draft.text.strip():
            services.drafts.drop(draft.key)
        else:
            left.append(draft)
    if left:
        dialog = DraftsDialog(services, left, window)
        dialog.exec()
        dialog.deleteLater()
        window.file_view.reload()
    return len(left)
