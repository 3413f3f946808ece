"""The library's page of the school's own goals (本校目标): the goals imported from teachers'
own lists, which the goal bank offers beside the shipped ones; importing another list
(choose the file, see every row with its problems, import the good ones in one step, then
a report of the rest); a blank list to fill in; archiving a goal no longer wanted, and
bringing it back.

Signals: changed() once the bank holds other goals (the goal-bank page searches again)."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ...core.vocabulary import AGE_BANDS, DOMAINS
from ..i18n import current_language, error_text
from ..qt import (
    QAbstractItemView, QApplication, QCheckBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
    QPushButton, Qt, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, Signal,
)
from ..widgets.import_report import ImportReport
from ..widgets.record_table import fit_text_columns



class OwnGoalsPanel(QWidget):
    changed = Signal()

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.language = current_language()
        intro = QLabel(self.tr("Goals your school added from its own lists. The goal bank "
                               "offers them beside the app's goals, marked \u201c%1\u201d, "
                               "for every plan.").replace("%1", self._tag()))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Domain"), self.tr("Age"),
                                              self.tr("Objective"), self.tr("From"),
                                              self.tr("Added")])
        self.table.setAccessibleName(self.tr("Our school's goals"))
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        fit_text_columns(self.table, 2)
        self.empty = QLabel(self.tr("No goals of your own yet. Save a blank goal list, fill "
                                    "it in, then import it."))
        self.empty.setWordWrap(True)
        self.show_archived = QCheckBox(self.tr("Sho&w the archived goals"))
        self.import_button = QPushButton(self.tr("&Import goals from a spreadsheet…"))
        self.template_button = QPushButton(self.tr("Save a &blank goal list…"))
        self.archive_button = QPushButton(self.tr("A&rchive"))
        buttons = QHBoxLayout()
        for widget in (self.import_button, self.template_button, self.archive_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.import_goals)
        self.template_button.clicked.connect(self.save_template)
        self.archive_button.clicked.connect(self.archive_or_restore)
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.table.itemSelectionChanged.connect(self._chosen)
        self.refresh()

    def _tag(self) -> str:
        from ...core.services.own_goals import OWN_TAG

        return OWN_TAG.label(self.language)

    # -- the list -------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        lang = self.language
        select = select or self.current_id()
        try:
            entries = self.services.own_goals.entries(
                None if self.show_archived.isChecked() else False)
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Our school's goals"), error_text(error))
            entries = []
        self._archived = {e.goal.id: e.archived for e in entries}
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            goal = entry.goal
            sentence = goal.sentence(lang)
            if entry.archived:
                sentence = self.tr("(archived) %1").replace("%1", sentence)
            cells = [DOMAINS.label(goal.domain, lang),
                     AGE_BANDS.label(goal.age_band, lang) or self.tr("All ages"), sentence,
                     entry.source, entry.imported_on.isoformat()]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, goal.id)
                self.table.setItem(row, column, item)
            if goal.id == select:
                self.table.selectRow(row)
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self._chosen()

    def current_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _chosen(self) -> None:
        goal_id = self.current_id()
        self.archive_button.setEnabled(goal_id is not None)
        self.archive_button.setText(self.tr("&Restore") if self._archived.get(goal_id)
                                    else self.tr("A&rchive"))

    def archive_or_restore(self) -> None:
        """Archive the chosen goal (plans that took it keep it), or bring one back."""
        goal_id = self.current_id()
        if goal_id is None:
            return
        own = self.services.own_goals
        try:
            if self._archived.get(goal_id):
                own.restore(goal_id)
            else:
                own.archive(goal_id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Our school's goals"), error_text(error))
            return
        self.refresh(select=goal_id)
        self.changed.emit()

    # -- the blank list -------------------------------------------------------------------
    def save_template(self) -> Path | None:
        title = self.tr("Save a blank goal list")
        name = self.tr("Goal list") + ".xlsx"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return None
        path = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        try:
            self.services.own_goals.write_template(path, self.language)
        except (OSError, IepStudioError) as error:
            reason = error_text(error) if isinstance(error, IepStudioError) else (
                error.strerror or str(error))
            QMessageBox.warning(self, title, self.tr("The file could not be written: %1")
                                .replace("%1", reason))
            return None
        QMessageBox.information(self, title, self.tr(
            "Saved to %1. Write one goal a row under the headings, keeping or replacing the "
            "example, then import the file here.").replace("%1", str(path)))
        return path

    # -- importing ------------------------------------------------------------------------
    def import_goals(self) -> list[str]:
        """The ids of the goals added (none if the teacher cancelled or none could be)."""
        title = self.tr("Import goals from a spreadsheet")
        path, _ = QFileDialog.getOpenFileName(
            self, title, str(Path.home()), self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if not path:
            return []
        own = self.services.own_goals
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = own.read(path)
        except IepStudioError as error:  # damaged, too large, not a spreadsheet
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, title, error_text(error))
            return []
        QApplication.restoreOverrideCursor()
        return self.preview_and_import(table, path)

    def preview_and_import(self, table, path: str) -> list[str]:
        from .goal_list_dialog import GoalListImportDialog

        title = self.tr("Import goals from a spreadsheet")
        own, language = self.services.own_goals, self.language
        dialog = GoalListImportDialog(
            table, lambda t, mapping: own.preview(t, mapping, language),
            lambda sheet: own.read(path, sheet), self)
        try:
            while dialog.exec():
                try:
                    report = own.import_rows(dialog.preview)
                except IepStudioError as error:  # refused as a whole: nothing was saved
                    QMessageBox.warning(dialog, title, error_text(error))
                    dialog.refresh()
                    continue
                self.refresh(select=report.goal_ids[0] if report.goal_ids else None)
                self.changed.emit()
                self._show_report(report, dialog.model)
                return list(report.goal_ids)
            return []
        finally:
            dialog.deleteLater()

    def _show_report(self, report, model) -> None:
        text = self.tr("%1 goals were added to the goal bank.").replace(
            "%1", str(len(report.goal_ids)))
        box = ImportReport(self.tr("Import goals from a spreadsheet"), text, report.left_out,
                           model.problems_text, self)
        box.exec()
        box.deleteLater()
