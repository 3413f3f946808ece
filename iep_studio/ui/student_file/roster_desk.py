"""Student lists and spreadsheets from the window: File → Import students from a
spreadsheet (choose the file, see every row with its problems, import the good ones in one
step, then a report of the rest) and File → Export the student list to Excel (the rows
the list shows, as filtered)."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ..i18n import current_language, error_text
from ..qt import QApplication, QFileDialog, QMessageBox, QObject, QProgressDialog, Qt
from ..widgets.import_report import ImportReport


class RosterDesk(QObject):
    def __init__(self, window, services):
        super().__init__(window)
        self.window, self.services = window, services
        a = window.actions_by_name
        a["import_students"].triggered.connect(self.import_students)
        a["export_student_list"].triggered.connect(self.export_student_list)

    # -- in -------------------------------------------------------------------------------
    def import_students(self) -> list[str]:
        """The ids of the files made (none if the teacher cancelled or nothing could be)."""
        title = self.tr("Import students from a spreadsheet")
        path, _ = QFileDialog.getOpenFileName(
            self.window, title, str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if not path:
            return []
        rosters = self.services.rosters
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = rosters.read(path)
        except IepStudioError as error:  # damaged, too large, not a spreadsheet
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.window, title, error_text(error))
            return []
        QApplication.restoreOverrideCursor()
        return self.preview_and_import(table, path)

    def preview_and_import(self, table, path: str) -> list[str]:
        from .roster_dialog import RosterImportDialog

        title = self.tr("Import students from a spreadsheet")
        rosters, language = self.services.rosters, current_language()
        shown = self.window.file_view.student if self.window.file_view else None
        schools = self.services.schools.list_schools()
        dialog = RosterImportDialog(
            table, schools, shown.school_id if shown else (schools[0].id if schools else None),
            lambda t, mapping, school_id, new_school: rosters.preview(
                t, mapping, school_id, language, new_school=new_school),
            lambda sheet: rosters.read(path, sheet), self.window)
        try:
            while dialog.exec():
                try:
                    report = self._import(dialog.preview)
                except IepStudioError as error:  # the database refused: nothing was saved
                    QMessageBox.warning(dialog, title, error_text(error))
                    dialog.refresh()  # what the database holds now
                    continue
                self._show_report(report, dialog.model)
                return list(report.student_ids)
            return []
        finally:
            dialog.deleteLater()

    def _import(self, preview):
        progress = QProgressDialog(self.tr("Importing the students…"), "", 0,
                                   len(preview.good), self.window)
        progress.setCancelButton(None)  # one transaction: it finishes or saves nothing
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> None:
            progress.setValue(done)
            if done % 25 == 0:
                QApplication.processEvents()

        try:
            return self.services.rosters.import_rows(preview, step)
        finally:
            progress.close()
            progress.deleteLater()

    def _show_report(self, report, model) -> None:
        made = list(report.student_ids)
        if made:
            self.window.reload_students(keep_id=made[0])
            self.window.student_list.select(made[0])
            self.window.open_student(made[0])
        text = self.tr("%1 students were imported.").replace("%1", str(len(made)))
        if report.new_schools:
            comma = "、" if current_language().startswith("zh") else ", "
            text += "\n" + self.tr("New schools: %1.").replace(
                "%1", comma.join(report.new_schools))
        box = ImportReport(self.tr("Import students from a spreadsheet"), text, report.left_out,
                           model.problems_text, self.window)
        box.exec()
        box.deleteLater()
        self.window.statusBar().showMessage(text.split("\n")[0], 15000)

    # -- out ------------------------------------------------------------------------------
    def export_student_list(self) -> Path | None:
        title = self.tr("Export the student list to Excel")
        model = self.window.student_list.model
        ids = [model.summary(row).id for row in range(model.rowCount())]
        if not ids:
            QMessageBox.information(self.window, title, self.tr(
                "The list shows no students. Clear the search or the filters first."))
            return None
        name = self.tr("Students") + f"_{self.services.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(Path.home() / name),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return None
        path = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = self.services.rosters.export_caseload(path, ids, current_language(),
                                                          title=self.tr("Students"))
        except IepStudioError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.window, title, error_text(error))
            return None
        QApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(
            self.tr("%1 students written to %2").replace("%1", str(count))
            .replace("%2", str(path)), 15000)
        return path
