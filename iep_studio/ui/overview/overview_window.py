"""The school and the district at a glance (Teaching → School and district overview): the
counts, the children needing attention, the regulation's checks and the district's
figures. Double-click a row, or press Enter on it, to see the children behind its figure
(only those whose files the reader may see) and open one's file; F5 counts again;
"Export to Excel" writes the table the page shows, and "Export all tables" (Ctrl+E) every
table, a sheet each, in one workbook."""
from __future__ import annotations

from ...core.errors import IepStudioError
from ...core.overview.figures import students
from ..i18n import current_language, error_text
from ..qt import (
    QAction, QApplication, QByteArray, QHBoxLayout, QKeySequence, QLabel, QMessageBox,
    QProgressDialog, QPushButton, QSettings, Qt, QTabWidget, QVBoxLayout, QWidget, Signal,
)
from ..widgets.dialogs import name_pages
from ..widgets.system_look import scaled_font
from ..window_size import restore_or_fit
from .children_dialog import ChildrenDialog
from .figure_table import ask_for_workbook, export_rows
from .pages import AttentionPage, ChecksPage, CountsPage
from .settings_page import SettingsPage


class OverviewWindow(QWidget):
    """Signals: open_student(str): open this child's file in the main window."""

    open_student = Signal(str)

    def __init__(self, services, state: QSettings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.services, self.state = services, state
        self.view = None
        self.language = current_language()
        self.setWindowTitle(self.tr("School and district overview"))
        heading = QLabel(self.windowTitle())
        heading.setFont(scaled_font(heading.font(), 1.4))
        self.as_of = QLabel()
        actor = services.store.actor
        hint = self.tr("Double-click a row, or press Enter on it, to see the students "
                       "behind its figure.")
        if actor is not None and not actor.sees_everyone:
            hint = self.tr("Only the students whose files you may see are counted.") + " " + hint
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.setToolTip(self.tr("Write the table this page shows to an Excel "
                                              "workbook"))
        self.export_all_button = QPushButton(self.tr("Export a&ll tables…"))
        self.export_all_button.setToolTip(self.tr("Write every table of the overview to one "
                                                  "Excel workbook, a sheet each (Ctrl+E)"))
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.triggered.connect(self.refresh)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.export_all_action = QAction(self.tr("Export all tables…"), self)
        self.export_all_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_all_action.triggered.connect(self.export_all)
        self.addActions([refresh, close, self.export_all_action])
        self.refresh_button.setToolTip(self.tr("Count again (F5)"))
        self.counts = CountsPage()
        self.attention = AttentionPage()
        self.checks = ChecksPage()
        self.settings = SettingsPage(services)
        self.pages = QTabWidget()
        for page, title in ((self.counts, self.tr("&Counts")),
                            (self.attention, self.tr("&Needing attention")),
                            (self.checks, self.tr("Regulation chec&ks")),
                            (self.settings, self.tr("Se&ttings"))):
            self.pages.addTab(page, title)
        name_pages(self.pages)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.as_of)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.export_all_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.note = QLabel()  # what was just saved
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.note)
        for page in (self.counts, self.attention, self.checks):
            page.figure_chosen.connect(self.show_children)
        self.settings.changed.connect(self._settings_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.export_all_button.clicked.connect(self.export_all)
        self.pages.currentChanged.connect(lambda _index: self.note.clear())
        self._restore_layout()
        self.refresh()

    # -- the figures ----------------------------------------------------------------------
    def refresh(self) -> bool:
        """Count everything again (a few tenths of a second for thousands of children)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            view = self.services.overview.view()
            schools = self.services.schools.list_schools()
        except IepStudioError as error:  # the database is busy or gone
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return False
        self.view = view
        for page in (self.counts, self.attention, self.checks):
            page.show_view(view)
        self.settings.show_settings(view.settings, schools)
        QApplication.restoreOverrideCursor()
        self.as_of.setText(self.tr("As of %1: %2 in all.").replace(
            "%1", view.today.isoformat()).replace("%2", students(view.total.count,
                                                                  self.language)))
        return True

    def show_children(self, key: str, title: str) -> ChildrenDialog | None:
        """The children behind one figure, as the database holds them now."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            children = self.services.overview.children(key)
        except IepStudioError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return None
        QApplication.restoreOverrideCursor()
        dialog = ChildrenDialog(title, key, children, self.services.today(),
                                self.open_student.emit, self)
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def _settings_changed(self, done: str) -> None:
        if self.refresh():
            self.note.setText(done)

    def export(self):
        title, headings, rows = self.pages.currentWidget().export_table()
        written = export_rows(self, title, headings, rows, self.services.today())
        if written is not None:
            self.note.setText(self.tr("Written to %1").replace("%1", str(written)))
        return written

    def export_all(self):
        """Every table, a sheet each, with the children of each attention list, in one
        workbook: the path written, or None (cancelled, or refused: the user is told
        why). Counted afresh, as the day's figures."""
        caption = self.tr("Export all tables")
        target = ask_for_workbook(self, caption, self.windowTitle(), self.services.today())
        if target is None:
            return None
        # Shown only if the writing takes a while (a district's lists of thousands).
        progress = QProgressDialog(self.tr("Writing the workbook…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = self.services.overview.export_workbook(target, self.language, step)
        except IepStudioError as error:  # a full disk, a file open in Excel, a lost server
            written, problem = None, error_text(error)
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
            progress.deleteLater()
        if written is None:
            QMessageBox.warning(self, caption, problem)
            return None
        self.note.setText(self.tr("Written to %1").replace("%1", str(written)))
        return written

    # -- remembered layout ----------------------------------------------------------------
    def _restore_layout(self) -> None:
        state = self.state
        restore_or_fit(self, state.value("overview/geometry") if state is not None else None,
                       1100, 760)
        if state is None:
            return
        page = state.value("overview/page")
        if isinstance(page, (int, str)) and str(page).isdigit():
            self.pages.setCurrentIndex(int(page))
        by = state.value("overview/count_by")
        if isinstance(by, str):
            self.counts.choose(by)
        splitter = state.value("overview/checks_splitter")
        if isinstance(splitter, QByteArray):
            self.checks.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.state is not None:
            self.state.setValue("overview/geometry", self.saveGeometry())
            self.state.setValue("overview/page", self.pages.currentIndex())
            self.state.setValue("overview/count_by", self.counts.by.currentData())
            self.state.setValue("overview/checks_splitter", self.checks.splitter.saveState())
        super().closeEvent(event)
