"""Exporting documents from the window (Ctrl+E): which document, for whom, in which
formats and language, into which folder (all remembered), with a progress bar for a batch
and a print preview. The documents themselves are built by iep_studio.reports."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ...reports.export import (
    DOCUMENT_KINDS, PER_STUDENT, Finish, build, export_documents, export_one,
)
from ..widgets.dialogs import name_fields, ok_cancel
from ..i18n import current_language, error_text
from ..qt import (
    QCheckBox, QComboBox, QCoreApplication, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QMessageBox, QPrinter, QPrintPreviewDialog, QProgressDialog,
    QPushButton, QSettings, Qt, QTextDocument, QUrl, QDesktopServices, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css

# What the window offers: per-student documents, and the caseload summary of a selection.
WINDOW_KINDS = ("iep", "parent", "progress", "assessment", "caseload")


class ExportDialog(QDialog):
    """`kinds`: the documents offered; with one, the choice is not shown. With no student
    and no list (a week, a lesson plan), the "For" row is not shown either."""

    def __init__(self, student_name: str, batch_size: int, state: QSettings,
                 parent: QWidget | None = None, kinds: tuple[str, ...] = WINDOW_KINDS):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Export documents"))
        language = current_language()
        self.kind = QComboBox()
        for code in kinds:
            if code != "parent" or "iep" not in kinds or len(kinds) > 2:
                self.kind.addItem(DOCUMENT_KINDS.label(code, language), code)
        # The team's plan and the family's version are handed out together: one export.
        self.with_parent = QCheckBox(self.tr("and the parent version"))
        self.with_parent.setVisible("iep" in kinds and "parent" in kinds)
        self.who = QComboBox()
        if student_name:
            self.who.addItem(self.tr("%1 only").replace("%1", student_name), "one")
        if batch_size:
            self.who.addItem(self.tr("All %1 students in the list").replace(
                "%1", str(batch_size)), "list")
        self.pdf = QCheckBox("PDF")
        self.docx = QCheckBox(self.tr("Word (.docx)"))
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.docx)
        formats.addStretch(1)
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.folder = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(browse)
        self.problem = QLabel()
        self.problem.setStyleSheet(problem_css(self.problem))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        document = QHBoxLayout()
        document.addWidget(self.kind, 1)
        document.addWidget(self.with_parent)
        if self.kind.count() > 1 or self.with_parent.isVisibleTo(self):
            form.addRow(self.tr("Document:"), document)
        else:
            self.kind.hide()
        self.kind.setAccessibleName(self.tr("Document"))
        if self.who.count():
            form.addRow(self.tr("For:"), self.who)
        else:
            self.who.hide()
        form.addRow(self.tr("Formats:"), formats)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Folder:"), folder)
        name_fields(form)
        buttons = ok_cancel(self, self._accept)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.preview_button = buttons.addButton(self.tr("Preview and print…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._restore(language)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        if self.kind.currentData() == "caseload":
            self._who_before_caseload = "one"  # opened on the caseload: one is the default
        self.resize(520, self.sizeHint().height())

    def _restore(self, language: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.state.value("export/kind"))))
        self.with_parent.setChecked(str(self.state.value("export/with_parent", "true")) == "true")
        self.preview_button.setVisible(self.who.count() > 0)
        formats = str(self.state.value("export/formats", "pdf"))
        self.pdf.setChecked("pdf" in formats)
        self.docx.setChecked("docx" in formats)
        chosen = self.state.value("export/language") or ("zh_CN" if language.startswith("zh")
                                                          else "en")
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.folder.setText(str(self.state.value("export/folder") or Path.home()))

    _who_before_caseload = None

    def _kind_changed(self) -> None:
        """The caseload summary is one document for the list, never for one student: it
        forces "the list", and leaving it gives back what the teacher had chosen."""
        one = self.who.findData("one")
        if one < 0:
            return
        self.with_parent.setEnabled(self.kind.currentData() == "iep")
        caseload = self.kind.currentData() == "caseload"
        self.who.model().item(one).setEnabled(not caseload)
        if caseload and self.who.currentData() != "list":
            self._who_before_caseload = self.who.currentData()
            self.who.setCurrentIndex(self.who.findData("list"))
        elif not caseload and self._who_before_caseload is not None:
            self.who.setCurrentIndex(self.who.findData(self._who_before_caseload))
            self._who_before_caseload = None

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the documents"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def kinds(self) -> list[str]:
        """The documents to write: the chosen one, and the parent version with the IEP."""
        kind = self.kind.currentData()
        with_parent = (kind == "iep" and self.with_parent.isVisibleTo(self)
                       and self.with_parent.isChecked())
        return [kind, "parent"] if with_parent else [kind]

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "kinds": self.kinds(),
                "who": self.who.currentData(),
                "formats": [f for f, box in (("pdf", self.pdf), ("docx", self.docx))
                            if box.isChecked()],
                "language": self.language.currentData(), "folder": self.folder.text().strip()}

    def _accept(self) -> None:
        values = self.values()
        if not values["formats"]:
            self.problem.setText(self.tr("Choose PDF, Word or both."))
            return
        if not values["folder"]:
            self.problem.setText(self.tr("Choose the folder to write the documents into."))
            return
        keys = ("kind", "language", "folder") if self.kind.count() > 1 else ("language", "folder")
        for key in keys:
            self.state.setValue(f"export/{key}", values[key])
        self.state.setValue("export/formats", ",".join(values["formats"]))
        if self.with_parent.isVisibleTo(self):
            self.state.setValue("export/with_parent",
                                "true" if self.with_parent.isChecked() else "false")
        self.accept()


def export_from_window(window) -> None:
    """Ctrl+E: the open student's documents, or those of every student in the list."""
    services = window.services
    shown = window.file_view.student
    listed = [window.student_list.model.summary(r).id
              for r in range(window.student_list.model.rowCount())]
    dialog = ExportDialog(shown.full_name if shown else "", len(listed), window.state, window)
    dialog.preview_button.clicked.connect(lambda: preview(
        dialog, services, window.context.settings, shown, listed))
    if not dialog.exec():
        dialog.deleteLater()
        return
    values = dialog.values()
    dialog.deleteLater()
    student_ids = [shown.id] if values["who"] == "one" and shown else listed
    write(window, services, student_ids, values, window.context.settings)


def export_student(parent, services, student, state: QSettings, settings,
                   family_wording=None) -> None:
    """One student's plan for the team and for the family (the plan window's Ctrl+E).
    `family_wording(over)`: the plan window's dialog of what the family reads, offered
    while the parent version is to be written, so it is seen before it is printed."""
    dialog = ExportDialog(student.full_name, 0, state, parent, kinds=("iep", "parent"))
    dialog.preview_button.clicked.connect(lambda: preview(dialog, services, settings, student,
                                                          []))
    if family_wording is not None:
        wording = dialog.findChild(QDialogButtonBox).addButton(
            QCoreApplication.translate("ExportDialog", "Family wording…"),
            QDialogButtonBox.ButtonRole.ActionRole)
        wording.setObjectName("familyWording")
        wording.clicked.connect(lambda: family_wording(dialog))
        wording.setEnabled(dialog.with_parent.isChecked())
        dialog.with_parent.toggled.connect(wording.setEnabled)
    try:
        if not dialog.exec():
            return
        values = dialog.values()
    finally:
        dialog.deleteLater()
    write(parent, services, [student.id], values, settings)


def print_student(parent, services, student) -> None:
    """The plan's print preview (Ctrl+P), in the window's language."""
    try:
        doc = build(services, "iep", student.id, current_language())
    except IepStudioError as error:
        QMessageBox.warning(parent, parent.windowTitle(), error_text(error))
        return
    if doc is not None:
        show_preview(doc, parent)


def write(window, services, student_ids: list[str], values: dict, settings) -> None:
    """Write the chosen documents of these students, with a progress bar that can stop."""
    folder = Path(values["folder"])
    finish = Finish.from_settings(settings) if settings is not None else Finish()
    kinds = values.get("kinds") or [values["kind"]]
    progress = QProgressDialog(QCoreApplication.translate("Export", "Writing the documents…"),
                               QCoreApplication.translate("Export", "Stop"), 0,
                               len(student_ids) * len(kinds), window)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)  # a single document is done before it shows
    written, skipped = [], []
    try:
        for number, kind in enumerate(kinds):
            def step(done: int, total: int, before=number * len(student_ids)) -> None:
                progress.setValue(before + done)
                if progress.wasCanceled():
                    raise _Stopped()

            if kind in PER_STUDENT:
                result = export_documents(services, student_ids, kind, values["formats"],
                                          values["language"], folder, finish, progress=step)
                written += result.written
                skipped += [s for s in result.skipped if s not in skipped]
            else:
                from ...reports.teaching_documents import caseload_document

                doc = caseload_document(services, student_ids, values["language"],
                                        **_thresholds(settings))
                name = DOCUMENT_KINDS.label("caseload", values["language"])
                written += export_one(doc, f"{name}_{services.today().isoformat()}_"
                                      f"{values['language']}", values["formats"], folder,
                                      finish)
    except _Stopped:
        progress.close()
        return
    except IepStudioError as error:
        progress.close()
        QMessageBox.warning(window, QCoreApplication.translate("Export", "Export documents"),
                            error_text(error))
        return
    progress.close()
    _done(window, folder, written, skipped)


def export_single(parent, state: QSettings, settings, kind: str, make,
                  preview: bool = False) -> list[Path]:
    """One document for the room or a unit (a week, a lesson plan): choose formats,
    language and folder, and write it. `make(language)` returns (document, file stem).
    With `preview`, the dialog also offers the print preview (a sheet to print now)."""
    dialog = ExportDialog("", 0, state, parent, kinds=(kind,))
    if preview:
        dialog.preview_button.setVisible(True)
        dialog.preview_button.clicked.connect(lambda: _preview_made(dialog, make))
    try:
        if not dialog.exec():
            return []
        values = dialog.values()
    finally:
        dialog.deleteLater()
    finish = Finish.from_settings(settings) if settings is not None else Finish()
    try:
        doc, stem = make(values["language"])
        written = export_one(doc, stem, values["formats"], Path(values["folder"]), finish)
    except IepStudioError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("Export", "Export documents"),
                            error_text(error))
        return []
    _done(parent, Path(values["folder"]), written, [])
    return written


def _preview_made(dialog: ExportDialog, make) -> None:
    try:
        doc, _stem = make(dialog.values()["language"])
    except IepStudioError as error:
        dialog.problem.setText(error_text(error))
        return
    show_preview(doc, dialog)


def _thresholds(settings) -> dict:
    if settings is None:
        return {}
    return {"stalled_sessions": settings.stalled_sessions,
            "no_data_days": settings.no_data_days}


class _Stopped(Exception):
    """The teacher pressed Stop: the documents written so far stay."""


def _done(window, folder: Path, written: list[Path], skipped) -> None:
    text = QCoreApplication.translate("Export", "%1 documents written to %2.").replace(
        "%1", str(len(written))).replace("%2", str(folder))
    if skipped:
        text += "\n" + QCoreApplication.translate(
            "Export", "Without a plan, so skipped: %1").replace(
            "%1", "、".join(name for name, _why in skipped))
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("Export", "Export documents"),
                      text, QMessageBox.StandardButton.Ok, window)
    open_folder = box.addButton(QCoreApplication.translate("Export", "Open the folder"),
                                QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    box.deleteLater()


def preview(dialog: ExportDialog, services, settings, shown, listed: list[str]) -> None:
    """A print preview of the chosen document (for the open student, or the list's
    caseload summary); printing goes from there."""
    values = dialog.values()
    try:
        if values["kind"] == "caseload":
            from ...reports.teaching_documents import caseload_document

            doc = caseload_document(services, listed, values["language"],
                                    **_thresholds(settings))
        elif shown is None:
            dialog.problem.setText(QCoreApplication.translate(
                "ExportDialog", "Open a student's file to preview their document."))
            return
        else:
            doc = build(services, values["kind"], shown.id, values["language"])
    except IepStudioError as error:
        dialog.problem.setText(error_text(error))
        return
    if doc is None:
        dialog.problem.setText(QCoreApplication.translate("ExportDialog",
                                                          "This student has no plan yet."))
        return
    show_preview(doc, dialog)


def show_preview(doc, parent) -> None:
    """Qt's print preview of a document; printing goes from there."""
    from ...reports.html import render_html

    text = QTextDocument()
    text.setHtml(render_html(doc))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc.title)
    view = QPrintPreviewDialog(printer, parent)
    view.setWindowTitle(doc.title)
    view.paintRequested.connect(text.print_)
    view.exec()
    view.deleteLater()
