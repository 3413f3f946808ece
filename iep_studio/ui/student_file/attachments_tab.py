"""The attachments tab: scanned diagnoses, signed consent forms, the committee's decision,
work samples and photos kept in the child's file, listed beside a preview of the one
chosen. Files come in through Attach files… or by dropping them on the tab, several at
once in one undo step; each refused one is said with its reason."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ...core.services.attachments import DETAIL_FIELDS
from ...core.vocabulary import ATTACHMENT_KINDS
from ..i18n import current_language, error_text, translate_error
from ..qt import (
    QApplication, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton, QSplitter,
    Qt, QVBoxLayout, QWidget,
)
from ..widgets.dialogs import run_until_saved
from ..widgets.record_table import RecordTable
from .attachment_dialog import AttachmentDialog
from .attachment_preview import PreviewPane

# What a file dialog offers first: what can be attached (anything may still be chosen, and
# is then checked by its bytes).
_PATTERNS = "*.pdf *.jpg *.jpeg *.png *.webp *.tif *.tiff *.bmp"


class _NothingAttached(Exception):
    """Every file chosen was refused: no undo step is recorded."""


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class AttachmentsTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.items = []
        self.writable = True
        self.table = RecordTable(
            [self.tr("Title"), self.tr("What it is"), self.tr("Date"), self.tr("Belongs to"),
             self.tr("Size")], self.tr("Attached files"))
        self.table.add_button.setText(self.tr("Attach files…"))
        self.table.edit_button.setText(self.tr("Edit details…"))
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.table.fit_columns(0, 3)
        self.preview = PreviewPane(editing.services.attachments)
        self.hint = QLabel(self.tr(
            "Scans and photos are kept in the file itself and shown here. To attach, use "
            "Attach files… or drop files on this page."))
        self.hint.setWordWrap(True)
        # Save a copy… sits under the file it saves (and keeps the list narrow enough for a
        # laptop's window).
        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addWidget(self.preview, 1)
        saving = QHBoxLayout()
        saving.addStretch(1)
        saving.addWidget(self.save_button)
        shown_layout.addLayout(saving)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(shown)
        # The page beside the list gets as much room as the list: a scan must be readable.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([10000, 10000])  # halves, whatever the width
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        self.setAcceptDrops(True)
        self.table.add_requested.connect(self.choose_files)
        self.table.edit_requested.connect(self._edit)
        self.table.remove_requested.connect(self._remove)
        self.save_button.clicked.connect(self._save_copy)
        self.table.table.itemSelectionChanged.connect(self._chosen)

    # -- showing ------------------------------------------------------------------------
    def show_student(self, student) -> None:
        self.student = student
        attachments = self.editing.services.attachments
        self.items = attachments.for_student(student.id)
        self.links = attachments.belongs_to(
            student.id, [a.observation_id for a in self.items if a.observation_id])
        dialog_words = AttachmentDialog.link_text
        names = {link.id: dialog_words(self, link) for link in self.links}
        language = current_language()
        self.table.set_rows([(a.id, [
            a.title or a.file_name, ATTACHMENT_KINDS.label(a.kind, language),
            a.taken_on.isoformat() if a.taken_on else "",
            names.get(a.plan_id or a.intake_record_id or a.observation_id or "", ""),
            size_text(a.byte_size)]) for a in self.items])
        actor = self.editing.services.store.actor
        self.writable = actor is None or actor.may_write("attachment")
        for button in (self.table.add_button, self.table.edit_button,
                       self.table.remove_button):
            button.setVisible(self.writable)
        self._chosen()

    def _chosen(self) -> None:
        chosen = self.table.current_id()
        self.save_button.setEnabled(chosen is not None)
        self.preview.show_attachment(chosen)

    # -- attaching -------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files"), str(Path.home()),
            self.tr("Scans and pictures (%1);;All files (*)").replace("%1", _PATTERNS))
        if paths:
            self.attach(paths)

    def attach(self, paths: list[str]) -> None:
        """Ask what the files are, then attach them in one undo step."""
        attachments, sid = self.editing.services.attachments, self.student.id
        dialog = AttachmentDialog({"kind": "other"}, self.links, None, self)
        try:
            if not dialog.exec():
                return
            values = dialog.values()
        finally:
            dialog.deleteLater()
        refused = []

        def do(kept):
            if kept is not None:  # redo: the same files, put back
                return attachments.restore_many(kept)
            added, refused[:] = self._add_with_progress(sid, paths, values)
            if not added:
                raise _NothingAttached
            return [a.id for a in added]

        try:
            self.editing.change(self.tr("Attach files"), sid, do,
                                lambda ids: attachments.remove_many(ids))
        except _NothingAttached:
            pass
        except IepStudioError as error:  # no right to, or the database refused
            QMessageBox.warning(self, self.tr("Attach files"), error_text(error))
            return
        if refused:
            self._say_refused(len(paths), refused)

    def _add_with_progress(self, sid: str, paths: list[str], values: dict):
        """Reading and checking big scans may take a while: progress shows after a
        second."""
        progress = QProgressDialog(self.tr("Attaching the files…"), "", 0, len(paths), self)
        progress.setCancelButton(None)  # one transaction: it finishes or saves nothing
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(1000)

        def step(done: int, total: int) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        try:
            return self.editing.services.attachments.add_files(sid, paths, values, step)
        finally:
            progress.close()
            progress.deleteLater()

    def _say_refused(self, chosen: int, refused) -> None:
        attached = chosen - len(refused)
        if attached:
            text = self.tr("%1 of %2 files were attached. These were not:").replace(
                "%1", str(attached)).replace("%2", str(chosen))
        else:
            text = self.tr("No file was attached:")
        lines = "\n\n".join(f"• {r.text(translate_error)}" for r in refused)
        QMessageBox.warning(self, self.tr("Attach files"), f"{text}\n\n{lines}")

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.writable and self.student is not None and self._dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = self._dropped_paths(event)
        if paths and self.writable and self.student is not None:
            event.acceptProposedAction()
            self.attach(paths)

    @staticmethod
    def _dropped_paths(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [url.toLocalFile() for url in urls if url.isLocalFile()]

    # -- changing, removing, saving a copy --------------------------------------------------
    def _edit(self, attachment_id: str) -> None:
        if not self.writable:
            return
        attachments, sid = self.editing.services.attachments, self.student.id
        item = next(a for a in self.items if a.id == attachment_id)
        before = {k: getattr(item, k) for k in DETAIL_FIELDS}

        def save(values):
            self.editing.change(self.tr("Edit attached file"), sid,
                                lambda _s: attachments.update(attachment_id, values),
                                lambda _s: attachments.update(attachment_id, before))
        run_until_saved(AttachmentDialog(before, self.links, item.title, self), save)

    def _remove(self, attachment_id: str) -> None:
        attachments, sid = self.editing.services.attachments, self.student.id
        # The removed file is kept whole (its bytes too) in the undo step: Ctrl+Z puts it
        # back as it was.
        self.editing.try_change(
            self.tr("Remove attached file"), sid,
            lambda kept: attachments.remove(kept["id"] if kept else attachment_id),
            lambda kept: attachments.restore(kept) and kept)

    def _save_copy(self) -> None:
        attachment_id = self.table.current_id()
        item = next((a for a in self.items if a.id == attachment_id), None)
        if item is None:
            return
        title = self.tr("Save a copy")
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / item.file_name))
        if not path:
            return
        try:
            self.editing.services.attachments.save_copy(attachment_id, path)
        except IepStudioError as error:
            QMessageBox.warning(self, title, error_text(error))
