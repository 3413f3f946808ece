"""Moving a student's file between schools from the window: File → Send the student's file
(one .iepstudent file, optionally protected with a password) and File → Receive a student
file (read it, show what will arrive and what is already here, then import it whole)."""
from __future__ import annotations

from html import escape
from pathlib import Path

from ...core.errors import IepStudioError
from ...core.vocabulary import RECORD_KINDS
from ..widgets.dialogs import name_fields, ok_cancel
from ..widgets.fields import password_field
from ..i18n import current_language, error_text
from ..qt import (
    QApplication, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QInputDialog,
    QLabel, QLineEdit, QMessageBox, QObject, QVBoxLayout, QWidget, Qt,
)
from ..widgets.system_look import WARNING, coloured_span
from ..widgets.system_look import problem_css


class SendDialog(QDialog):
    """Where to write the file, and an optional password for it."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send the student's file"))
        intro = QLabel(self.tr(
            "%1's whole file (profile, plans with their revisions, records, lessons and "
            "reviews) goes into one file for the new school to receive. A password keeps "
            "it private on the way: tell it to the receiver separately.").replace("%1", name))
        intro.setWordWrap(True)
        self.protect = QCheckBox(self.tr("Protect with a password"))
        self.protect.setChecked(True)
        self.password, self.repeat = password_field(), password_field()
        self.problem = QLabel()
        self.problem.setStyleSheet(problem_css(self.problem))
        form = QFormLayout()
        form.addRow(self.protect)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.repeat)
        name_fields(form)
        self.protect.toggled.connect(self.password.setEnabled)
        self.protect.toggled.connect(self.repeat.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._check))
        self.resize(460, self.sizeHint().height())

    def _check(self) -> None:
        if self.protect.isChecked():
            if len(self.password.text()) < 6:
                self.problem.setText(self.tr("The password needs at least 6 characters."))
                return
            if self.password.text() != self.repeat.text():
                self.problem.setText(self.tr("The two passwords differ."))
                return
        self.accept()

    def chosen_password(self) -> str | None:
        return self.password.text() if self.protect.isChecked() else None


class ReceiveDialog(QDialog):
    """The preview: who arrives, with what, what is already here, and into which school."""

    def __init__(self, preview, schools, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Receive a student file"))
        language = current_language()
        lines = [f"<b>{escape(preview.full_name)}</b> {escape(preview.student_number or '')}",
                 self.tr("From %1, sent %2.").replace("%1", escape(preview.source_school))
                 .replace("%2", preview.made_at[:10])]
        arriving = [f"{RECORD_KINDS.label(kind, language)} {count}"
                    for kind, count in preview.counts.items() if count and kind != "student"]
        lines.append(self.tr("Arriving: %1").replace("%1", escape("、".join(arriving)
                                                                   if language.startswith("zh")
                                                                   else ", ".join(arriving))))
        warnings = []
        if preview.same_file is not None:
            warnings.append(self.tr("This file is already here: %1 in %2. It can only be "
                                    "received as a separate copy.")
                            .replace("%1", escape(preview.same_file.full_name))
                            .replace("%2", escape(preview.same_file.school_name)))
        elif preview.records_here:
            warnings.append(self.tr("Some of its records are already here (was it received "
                                    "before?). It can only be received as a separate copy."))
        for match in [*preview.same_number, *preview.same_name_and_birth]:
            warnings.append(self.tr("Already here, perhaps the same child: %1 (%2) in %3.")
                            .replace("%1", escape(match.full_name))
                            .replace("%2", escape(match.student_number or "-"))
                            .replace("%3", escape(match.school_name)))
        if preview.people_here:
            lines.append(self.tr("People already here, not added twice: %1").replace(
                "%1", escape("、".join(preview.people_here))))
        summary = QLabel("<br>".join(lines + [coloured_span(w, WARNING, self)
                                              for w in warnings]))
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        self.school = QComboBox()
        for school in schools:
            self.school.addItem(school.name, school.id)
        self.copy = QCheckBox(self.tr("Receive as a separate copy (new ids)"))
        self.copy.setChecked(preview.needs_copy)
        self.copy.setEnabled(not preview.needs_copy)
        form = QFormLayout()
        form.addRow(self.tr("Into the school:"), self.school)
        name_fields(form)
        form.addRow(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(520, self.sizeHint().height())


class TransferDesk(QObject):
    def __init__(self, window, services):
        super().__init__(window)
        self.window, self.services = window, services
        a = window.actions_by_name
        a["send_file"].triggered.connect(self.send)
        a["receive_file"].triggered.connect(self.receive)

    def send(self) -> Path | None:
        from ...core.transfer.export import suggested_name, write_student_file

        student = self.window.file_view.student if self.window.file_view else None
        if student is None:
            QMessageBox.information(self.window, self.tr("Send the student's file"),
                                    self.tr("Open the student's file first."))
            return None
        dialog = SendDialog(student.full_name, self.window)
        try:
            if not dialog.exec():
                return None
            password = dialog.chosen_password()
        finally:
            dialog.deleteLater()
        suggested = Path.home() / suggested_name(student.full_name, student.student_number)
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Send the student's file"),
                                              str(suggested),
                                              self.tr("Student files (*.iepstudent)"))
        if not path:
            return None
        try:
            written = write_student_file(self.services.store, student.id, Path(path), password)
        except IepStudioError as error:
            QMessageBox.warning(self.window, self.tr("Send the student's file"),
                                error_text(error))
            return None
        self.window.statusBar().showMessage(self.tr("Written: %1").replace("%1", str(written)),
                                            15000)
        return written

    def receive(self) -> str | None:
        from ...core.transfer.import_ import import_package, preview
        from ...core.transfer.package import PasswordNeeded, WrongPassword, read_package

        title = self.tr("Receive a student file")
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(Path.home()),
                                              self.tr("Student files (*.iepstudent)"))
        if not path:
            return None
        password = None
        while True:
            try:
                package = read_package(Path(path), password, today=self.services.today())
                break
            except (PasswordNeeded, WrongPassword) as error:  # ask (again)
                password, ok = QInputDialog.getText(self.window, title, error_text(error),
                                                    QLineEdit.EchoMode.Password)
                if not ok:
                    return None
            except IepStudioError as error:  # damaged, hostile, too new: said, not opened
                QMessageBox.warning(self.window, title, error_text(error))
                return None
        schools = self.services.schools.list_schools()
        if not schools:
            QMessageBox.information(self.window, title, self.tr(
                "Make the school first: a received file joins a school here."))
            return None
        try:
            seen = preview(self.services.store, package)
        except IepStudioError as error:
            QMessageBox.warning(self.window, title, error_text(error))
            return None
        dialog = ReceiveDialog(seen, schools, self.window)
        try:
            while dialog.exec():
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    result = import_package(self.services.store, package,
                                            dialog.school.currentData(),
                                            as_copy=dialog.copy.isChecked())
                except IepStudioError as error:  # the dialog stays, to choose otherwise
                    QApplication.restoreOverrideCursor()
                    QMessageBox.warning(dialog, title, error_text(error))
                    continue
                QApplication.restoreOverrideCursor()
                self.window.reload_students(keep_id=result.student_id)
                self.window.student_list.select(result.student_id)
                self.window.open_student(result.student_id)
                self.window.statusBar().showMessage(self.tr("%1 was received.").replace(
                    "%1", seen.full_name), 15000)
                return result.student_id
            return None
        finally:
            dialog.deleteLater()
