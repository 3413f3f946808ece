"""The main window: the student list on the left, the open student file on the right.

At start the window shows itself as soon as a bare Qt window could: its frame is painted
first (`MainWindow(..., frame_first=True)`), then its contents are built (`build`), then
the data is opened (`attach`): SQLAlchemy's import alone takes longer than Qt's, and a
teacher should see the app at once. So this module imports nothing at the top that the
frame does not need: not the database layer, not the list, the menus or the `Qt`
namespace (whose hundred enums take longer than the frame itself).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..core.errors import IepStudioError, NotFound
from ..core.paths import DataPaths
from .i18n import error_text
from .qt import (
    QApplication, QByteArray, QComboBox, QCoreApplication, QDialog, QFormLayout, QLabel,
    QMainWindow, QMessageBox, QProgressDialog, QSettings, QSplitter, QTimer, QUndoStack,
    QVBoxLayout, QWidget, Signal,
)
from .window_size import restore_or_fit

if TYPE_CHECKING:
    from ..core.services import Services
    from ..core.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """What the window works with, handed in (there is no global app object)."""

    services: Services | None  # None until the database is open
    paths: DataPaths
    settings: Settings | None  # loaded with the database (pydantic is slow to import)
    # What signing in runs on (the database with nobody signed in): the services above
    # come from it, and so do the next person's after a sign-out.
    gate: Services | None = None


# Actions that need an open database; disabled until `attach`.
DATA_ACTIONS = ("new_student", "archive_student", "restore_student", "create_demo", "find",
                "course_library", "home", "open_plan", "who_am_i", "planner",
                "record_observations", "export", "document_settings", "backup_now",
                "restore_backup", "accounts", "change_password", "send_file", "receive_file",
                "import_students", "export_student_list", "sign_out", "overview")
# Commands that save a kind of record: not offered to a role that may not save it (the
# store would refuse every use). Others (find, export, the overview) are for everyone.
SAVES = {"new_student": "student", "archive_student": "student", "restore_student": "student",
         "create_demo": "student", "receive_file": "student", "import_students": "student",
         "record_observations": "observation"}


class MainWindow(QMainWindow):
    """Signals:
    first_painted(): the window has been drawn once (start-up opens the data after it)."""

    first_painted = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 frame_first: bool = False):
        """With `frame_first`, only the frame: the caller builds the rest (`build`) once it
        has been painted."""
        super().__init__(parent)
        self.context = context
        self.services = None
        self.editing = None
        self.file_view = None
        self.library_window = None
        self.overview_window = None
        self.start_backup = None  # the thread making the start backup (app.py)
        self._painted = False
        self.setWindowTitle(self.tr("IEP Studio"))
        self.undo_stack = QUndoStack(self)
        self.state = QSettings(str(context.paths.window_state_file), QSettings.Format.IniFormat)
        restore_or_fit(self, self.state.value("geometry"), 1280, 800)
        if not frame_first:
            self.build()

    def build(self) -> None:
        """The contents: the list, the menus, the window's own commands; then the file
        view once someone has signed in (`attach`)."""
        from .actions import build_actions
        from .qt import Qt
        from .student_list import StudentListPanel

        self.student_list = StudentListPanel()
        self.opening = QLabel(self.tr("Opening the student files…"))
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.student_list)
        self.splitter.addWidget(self.opening)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 760])
        self.splitter.setChildrenCollapsible(False)
        # Room to breathe: away from the window's edges, and between the list and the file.
        self.splitter.setContentsMargins(8, 6, 8, 0)
        self.splitter.setHandleWidth(12)
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.student_list.filtered.connect(lambda _shown: self._update_count())
        self.actions_by_name = build_actions(self, icons=False)  # added in `attach`
        self._build_menus()
        self._build_toolbar()
        self._connect()
        self._restore_layout()
        for name in DATA_ACTIONS:
            self.actions_by_name[name].setEnabled(False)
        if self.context.services is not None:
            self.attach(self.context.services)

    def rebuild(self) -> None:
        """The contents again in the language just chosen (the first dialog, before anyone
        has signed in): the old commands go with their shortcuts, so none answers twice."""
        if self.services is not None:
            return  # a file is open: the new language is used at the next start
        for action in self.actions_by_name.values():
            self.removeAction(action)
            action.deleteLater()
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        self.statusBar().removeWidget(self.count_label)
        self.count_label.deleteLater()
        self.setWindowTitle(self.tr("IEP Studio"))
        self.build()

    def attach(self, services: Services, settings: Settings | None = None,
               reopen_last: bool = True) -> None:
        """Someone signed in: build the file view on their services and fill the list.
        After a sign-out (`end_session`) it is called again with the next person's.
        The home view's reminders are gathered once the list is on the screen, so the
        teacher can search at once."""
        from .editing.file_editing import FileEditing
        from .home_view import HomeView
        from .admin.accounts_dialog import AccountDesk
        from .student_file.transfer_desk import TransferDesk
        from .student_file.roster_desk import RosterDesk
        from .admin.backup_desk import BackupDesk
        from .plan.plan_desk import PlanDesk
        from .planner.rhythm_desk import RhythmDesk
        from .student_file.student_file import StudentFileView

        if self.services is not None:
            self.end_session()
        self.services = self.context.services = services
        if settings is not None:
            self.context.settings = settings
        actor = services.store.actor
        self.setWindowTitle(QCoreApplication.translate("Start", "IEP Studio — %1")
                            .replace("%1", actor.name) if actor else self.tr("IEP Studio"))
        self.editing = FileEditing(services, self.undo_stack, self)
        self.home = HomeView()
        self.file_view = StudentFileView(self.editing, home=self.home)
        self.plan_desk = PlanDesk(self, services, self.context)
        self.rhythm_desk = RhythmDesk(self, services, self.plan_desk.me)
        self.backup_desk = BackupDesk(self, services, self.context)
        self.account_desk = AccountDesk(self, services)
        self.transfer_desk = TransferDesk(self, services)
        self.roster_desk = RosterDesk(self, services)
        self._connect_plans()
        self.splitter.replaceWidget(1, self.file_view)
        self.opening.deleteLater()
        self.editing.changed.connect(self.file_changed)
        self.editing.failed.connect(self.show_error)
        for name in DATA_ACTIONS:
            self.actions_by_name[name].setEnabled(
                actor is None or name not in SAVES or actor.may_write(SAVES[name]))
        self.reload_students()
        last = self.state.value("last_student") if reopen_last else None
        if isinstance(last, str) and self.student_list.select(last):
            self.file_view.open_student(last)
        desk = self.plan_desk
        QTimer.singleShot(0, desk, lambda: self._home_after_the_list(desk))
        self._add_icons()

    def _home_after_the_list(self, desk) -> None:
        """The home view's first reminders, once the list is on the screen; none for a
        person who signed out meanwhile (their window is gone, or the next person's)."""
        if desk is self.plan_desk and self.file_view is not None:
            desk.refresh_home()

    def sign_out(self) -> None:
        """File → Sign out / switch user: what is typed is saved, the person's windows
        close and their students leave the screen; then whoever is at the keyboard signs
        in and the window is theirs. If nobody signs in, the app closes."""
        from .editing.drafts_dialog import offer_drafts
        from .admin.sign_in import sign_in_to_window

        previous = self.services
        if previous is None or self.context.gate is None or not self.end_session():
            return
        services = sign_in_to_window(self, self.context.gate, self.context.settings,
                                     after_sign_out=True)
        if services is None or previous.store.engine is not services.store.engine:
            previous.store.dispose()  # on a shared server: the previous person's own login
        if services is None:
            self.close()
            return
        self.attach(services, reopen_last=False)
        self.backup_desk.timer.start()  # the daily backup goes on (no start backup again)
        offer_drafts(self)

    def end_session(self) -> bool:
        """Save and close everything of the signed-in person, and forget their services.
        False (nothing changed) if an observation being typed cannot be saved yet: its
        window stays open, saying why."""
        self.file_view.flush()  # a refused save is kept as a draft for its author
        self.rhythm_desk.close_all()
        entry = self.rhythm_desk.entry
        if entry is not None and entry.isVisible():
            return False
        self.plan_desk.close_all()
        for window in (self.rhythm_desk.planner, self.library_window, self.overview_window):
            if window is not None:
                window.close()
                window.deleteLater()
        self.library_window = self.overview_window = None
        self.undo_stack.clear()  # their steps are not the next person's to undo
        # Cut every command from the desks built on their services, then connect the
        # window's own again (a desk's command must never run on the old services).
        for action in self.actions_by_name.values():
            # Qt's own spelling of the signal; disconnecting one with no slots warns.
            if action.receivers("2triggered(bool)"):
                action.triggered.disconnect()
        self._connect_commands()
        for name in DATA_ACTIONS:
            self.actions_by_name[name].setEnabled(False)
        self.backup_desk.timer.stop()
        for desk in (self.plan_desk, self.rhythm_desk, self.backup_desk, self.account_desk,
                     self.transfer_desk, self.roster_desk, self.editing):
            desk.deleteLater()
        from .qt import Qt

        self.opening = QLabel(self.tr("Signed out."))
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter.replaceWidget(1, self.opening)
        self.file_view.deleteLater()
        self.file_view = self.editing = self.services = self.context.services = None
        self.student_list.search_field.clear()
        self.student_list.set_students([])
        self.setWindowTitle(self.tr("IEP Studio"))
        return True

    def _connect_plans(self) -> None:
        desk, a = self.plan_desk, self.actions_by_name
        self.file_view.plans.open_requested.connect(desk.open_plan)
        self.file_view.plans.new_requested.connect(desk.new_plan)
        self.file_view.plans.compare_requested.connect(desk.compare)
        self.home.open_plan.connect(desk.open_from_home)
        self.home.open_student.connect(self._open_from_home)
        self.home.choose_me.connect(desk.choose_me)
        self.home.thresholds_changed.connect(desk.set_thresholds)
        self.home.new_student.connect(self.new_student)
        self.home.create_demo.connect(self.create_demo)
        a["home"].triggered.connect(self.show_home)
        a["open_plan"].triggered.connect(desk.open_current_plan)
        a["who_am_i"].triggered.connect(desk.choose_me)

    def show_home(self) -> None:
        """Alt+Home: leave the open file and show what needs attention."""
        self.file_view.flush()
        self.student_list.table.clearSelection()
        self.file_view.open_student(None)
        self.plan_desk.refresh_home()
        self.home.list.setFocus()

    def _open_from_home(self, student_id: str) -> None:
        self.student_list.select(student_id, emit=False)
        self.open_student(student_id)
        self.file_view.tabs.setCurrentWidget(self.file_view.plans)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # -- building -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions_by_name
        menus = (
            (self.tr("&File"), ("new_student", "archive_student", "restore_student", None,
                                "export", "send_file", "receive_file", None, "import_students",
                                "export_student_list", None, "backup_now", "restore_backup", None,
                                "create_demo", None, "sign_out", "quit")),
            (self.tr("&Edit"), ("undo", "redo", None, "find")),
            (self.tr("&Teaching"), ("home", "open_plan", None, "planner", "record_observations",
                                    None, "course_library", None, "overview")),
            (self.tr("&Settings"), ("who_am_i", "accounts", "change_password", None,
                                    "document_settings", "language", "data_folder")),
            (self.tr("&Help"), ("about",)),
        )
        for title, names in menus:
            menu = self.menuBar().addMenu(title)
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a[name])

    def _build_toolbar(self) -> None:
        """The commands of a teacher's day, one click away; the rest are in the menus."""
        from .actions import add_toolbar
        from .qt import QIcon, QPixmap, Qt

        self.toolbar = add_toolbar(self, self.tr("Main commands"), "mainToolbar",
                                   self.actions_by_name,
                                   ("home", None, "new_student", "open_plan",
                                    "record_observations", "planner", None, "course_library",
                                    "export"))
        blank = QPixmap(self.toolbar.iconSize())
        blank.fill(Qt.GlobalColor.transparent)  # holds the icons' place until they come
        for action in self.toolbar.actions():
            if not action.isSeparator():
                action.setIcon(QIcon(blank))

    def _add_icons(self) -> None:
        """The commands' icons, once the list is on the screen: loading the icon font
        takes a seventh of a second that the teacher should not wait for at start."""
        from .icons import set_action_icons

        set_action_icons(self.actions_by_name, self.palette())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        # The system turned dark or light: icons in the new colours (once they are there).
        if (event.type() == event.Type.PaletteChange
                and getattr(self, "services", None) is not None):
            self._add_icons()

    def _connect(self) -> None:
        self._connect_commands()
        a = self.actions_by_name
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        self.student_list.student_chosen.connect(self.open_student)

    def _connect_commands(self) -> None:
        """The window's own commands. Those of a signed-in person's desks are connected
        in `attach` and cut again when they sign out."""
        a = self.actions_by_name
        a["new_student"].triggered.connect(self.new_student)
        a["archive_student"].triggered.connect(lambda: self.set_archived(True))
        a["restore_student"].triggered.connect(lambda: self.set_archived(False))
        a["create_demo"].triggered.connect(self.create_demo)
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.undo)
        a["redo"].triggered.connect(self.redo)
        a["find"].triggered.connect(self.focus_search)
        a["course_library"].triggered.connect(self.open_library)
        a["overview"].triggered.connect(self.open_overview)
        a["export"].triggered.connect(self.export_documents)
        a["document_settings"].triggered.connect(self.document_settings)
        a["language"].triggered.connect(self.choose_language)
        a["data_folder"].triggered.connect(self.show_data_folder)
        a["about"].triggered.connect(self.show_about)
        a["sign_out"].triggered.connect(self.sign_out)

    # -- students -------------------------------------------------------------------------
    def reload_students(self, keep_id: str | None = None) -> None:
        from ..core.services.search import load_summaries

        summaries = load_summaries(self.services.store)
        self.student_list.set_students(summaries, keep_id=keep_id)  # the count follows

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 of %2 students")
                                 .replace("%1", str(self.student_list.visible_count()))
                                 .replace("%2", str(len(self.student_list._all))))

    def show_list_early(self, summaries: list) -> None:
        """The list read from the file before the database layer has loaded (app.py):
        search, filters and arrow keys work at once; the file chosen meanwhile opens as
        soon as the data is open (`attach` opens the last one chosen)."""
        self.student_list.set_students(summaries)
        last = self.state.value("last_student")
        if isinstance(last, str):
            self.student_list.select(last, emit=False)

    def open_student(self, student_id: str) -> None:
        if self.file_view is None:  # chosen in the early list: `attach` opens it
            self.state.setValue("last_student", student_id)
            return
        if not self.file_view.open_student(student_id):
            self.reload_students()
        self.state.setValue("last_student", student_id)

    def file_changed(self, student_id: str, changes=None) -> None:
        """A file was saved, undone or redone: refresh its row and, if shown, the part of
        the file showing what changed. An undo that touches another student's file brings
        that file into view."""
        from ..core.services.search import load_summary

        self.student_list.update_student(load_summary(self.services.store, student_id),
                                         student_id)
        self._update_count()
        shown = self.file_view.student
        if shown is not None and shown.id == student_id:
            self.file_view.reload(changes)
        else:  # an undo of another file: show it, even if the search hides its row
            self.student_list.select(student_id, emit=False)
            self.file_view.open_student(student_id)
        self.statusBar().showMessage(
            self.tr("Saved at %1").replace("%1", datetime.now().strftime("%H:%M:%S")), 5000)

    def new_student(self) -> None:
        from .student_file.new_student_dialog import NewStudentDialog

        shown = self.file_view.student
        dialog = NewStudentDialog(self.services, self, school_id=shown.school_id if shown else None)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and dialog.created_id:
            self.reload_students(keep_id=dialog.created_id)
            self.student_list.select(dialog.created_id)
            self.file_view.open_student(dialog.created_id)
            self.file_view.tabs.setCurrentIndex(0)

    def set_archived(self, archived: bool) -> None:
        student = self.file_view.student if self.file_view else None
        if student is None or student.archived == archived:
            return
        if archived:
            answer = QMessageBox.question(
                self, self.tr("Archive student file"),
                self.tr("Archive the file of %1? It leaves the list but is kept; tick "
                        "\u201cShow archived\u201d to find it and restore it.")
                .replace("%1", student.full_name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        students, sid = self.services.students, student.id
        self.editing.try_change(
            self.tr("Archive student file") if archived else self.tr("Restore student file"),
            sid, lambda _s: (students.archive if archived else students.restore)(sid),
            lambda _s: (students.restore if archived else students.archive)(sid))

    def undo(self) -> None:
        if self.file_view is not None:
            self.file_view.flush()  # a note still being typed is saved first, then undone
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def focus_search(self) -> None:
        self.student_list.search_field.setFocus()
        self.student_list.search_field.selectAll()

    def create_demo(self) -> None:
        from ..core.demo import create_demo_school, has_demo
        from .qt import Qt

        if not self.services.store.is_sqlite:
            QMessageBox.information(self, self.tr("Demo school"), self.tr(
                "The demo school is for trying IEP Studio on a computer of your own; made-up "
                "children are never put into a shared server's records."))
            return
        if has_demo(self.services):
            QMessageBox.information(self, self.tr("Demo school"),
                                    self.tr("The demo school is already here."))
            return
        progress = QProgressDialog(self.tr("Creating the demo school…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

        try:
            create_demo_school(self.services, step)
        except IepStudioError as error:
            self.show_error(error)
        finally:
            progress.close()
        self.reload_students()
        self.plan_desk.refresh_home()  # the first steps give way to the demo's reminders

    def open_library(self) -> None:
        """One library window, raised if already open."""
        from .library.library_window import LibraryWindow

        if self.library_window is None:
            self.library_window = LibraryWindow(self.services, parent=self)
            self.library_window.lesson_made.connect(lambda _id: self.file_view.reload())
        self.library_window.show()
        self.library_window.raise_()
        self.library_window.activateWindow()

    def open_overview(self) -> None:
        """One overview window, raised if already open and counted afresh (files may
        have changed since)."""
        from .overview.overview_window import OverviewWindow

        if self.overview_window is None:
            self.overview_window = OverviewWindow(self.services, self.state, parent=self)
            self.overview_window.open_student.connect(self._open_from_overview)
        else:
            self.overview_window.refresh()
        self.overview_window.show()
        self.overview_window.raise_()
        self.overview_window.activateWindow()

    def _open_from_overview(self, student_id: str) -> None:
        self.file_view.flush()
        self.student_list.select(student_id, emit=False)
        self.open_student(student_id)
        self.raise_()
        self.activateWindow()

    # -- settings and help ----------------------------------------------------------------
    def choose_language(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Language"))
        combo = QComboBox()
        combo.addItem("简体中文", "zh_CN")
        combo.addItem("English", "en")
        combo.setCurrentIndex(max(combo.findData(self.context.settings.language), 0))
        form = QFormLayout()
        form.addRow(self.tr("Language:"), combo)
        from .widgets.dialogs import ok_cancel

        buttons = ok_cancel(dialog)
        layout = QVBoxLayout(dialog)
        layout.addLayout(form)
        layout.addWidget(buttons)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and combo.currentData() != self.context.settings.language:
            self.context.settings.language = combo.currentData()
            self.context.settings.save(self.context.paths.settings_file)
            QMessageBox.information(self, self.tr("Language"), self.tr(
                "The new language is used the next time IEP Studio starts."))

    def export_documents(self) -> None:
        from .documents.export_dialog import export_from_window

        self.file_view.flush()  # what is being typed goes into the documents
        export_from_window(self)

    def document_settings(self) -> None:
        from .documents.document_settings import DocumentSettingsDialog

        settings = self.context.settings
        if settings is None:
            return
        dialog = DocumentSettingsDialog(settings.document_logo, settings.word_template, self)
        if dialog.exec():
            for key, value in dialog.values().items():
                setattr(settings, key, value)
            try:
                settings.save(self.context.paths.settings_file)
            except OSError as error:  # a read-only data folder: used now, not kept
                QMessageBox.warning(self, dialog.windowTitle(), self.tr(
                    "The settings could not be saved (%1). They apply until IEP Studio "
                    "closes.").replace("%1", str(error)))
        dialog.deleteLater()

    def show_data_folder(self) -> None:
        from ..core.paths import shown_address

        paths = self.context.paths
        database = shown_address(paths.database_url)
        QMessageBox.information(self, self.tr("Where is my data?"), self.tr(
            "Database: %1\nBackups: %2\nLogs: %3").replace("%1", database)
            .replace("%2", str(paths.backups)).replace("%3", str(paths.logs)))

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, self.tr("About IEP Studio"), self.tr(
            "IEP Studio %1\nStudent files and individualised education plans for "
            "resource teachers.").replace("%1", __version__))

    def show_error(self, error: IepStudioError) -> None:
        QMessageBox.warning(self, self.tr("IEP Studio"), error_text(error))
        # Only a file that is gone is reloaded; after a busy or full disk, what the teacher
        # typed stays on screen to be saved again.
        if isinstance(error, NotFound) and self.file_view is not None:
            self.file_view.reload()

    # -- remembered layout ----------------------------------------------------------------
    def _restore_layout(self) -> None:
        splitter = self.state.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = self.state.value("list_header")
        if isinstance(header, QByteArray):
            self.student_list.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.file_view is not None:
            self.file_view.flush()
            self.plan_desk.close_all()
            self.rhythm_desk.close_all()
        self.state.setValue("geometry", self.saveGeometry())
        if hasattr(self, "splitter"):  # closed before its contents were built: none to keep
            self.state.setValue("splitter", self.splitter.saveState())
            self.state.setValue("list_header",
                                self.student_list.table.horizontalHeader().saveState())
        self.state.sync()
        super().closeEvent(event)
