"""Backups from the window: one at every start and one a day while the app stays open
(keeping as many as the settings say), one on demand, and restoring a chosen backup at the
next start, after checking it."""
from __future__ import annotations

import logging
import threading
from datetime import datetime

from ...core.errors import IepStudioError
from ...core.store.backup import (
    DamagedDatabase, backup_sqlite, check_backup, due_daily, list_backups, schedule_restore,
)
from ..widgets.dialogs import ok_cancel
from ..i18n import error_text
from ..qt import (
    QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QMessageBox, QObject, QPalette,
    QTableWidget,
    QTableWidgetItem, Qt, QTimer, QVBoxLayout, QWidget, Signal,
)
from ..widgets.system_look import PROBLEM, text_tone

log = logging.getLogger(__name__)
HOUR_MS = 3600 * 1000


class BackupDesk(QObject):
    # The start backup made on its own thread: what it wrote, or what stopped it.
    _start_made = Signal(object)

    def __init__(self, window, services, context):
        super().__init__(window)
        self.window, self.services, self.context = window, services, context
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self._daily)
        self._damage_shown = False  # the hourly daily-backup check warns once, not hourly
        a = window.actions_by_name
        a["backup_now"].triggered.connect(self.backup_now)
        a["restore_backup"].triggered.connect(self.choose_restore)
        self._start_made.connect(self._after_start_backup)

    @property
    def database(self):
        return self.services.store.sqlite_path

    def _keep(self) -> int:
        settings = self.context.settings
        return settings.backups_kept if settings is not None else 20

    def start(self) -> None:
        """The start backup, then a check every hour for the daily one."""
        self._make("start")
        self.timer.start()

    def start_beside_the_work(self) -> threading.Thread | None:
        """`start`, with the copy made on a thread of its own, as the window opens:
        copying and checking a large database takes a while, and the teacher may already
        be typing (SQLite lets both go on at once; the copy is a consistent snapshot).
        What happened is said once it is done, as `start` says it. Returns the thread,
        which the app waits for before it ends."""
        if self.database is None:
            self.timer.start()
            return None
        database, folder, keep = self.database, self.context.paths.backups, self._keep()

        def copy() -> None:
            try:
                made = backup_sqlite(database, folder, "start", keep=keep)
            except Exception as error:  # said (or raised) on the window's thread
                made = error
            try:
                self._start_made.emit(made)
            except RuntimeError:  # the desk is gone (signed out): nobody to tell
                pass

        thread = threading.Thread(target=copy, name="start backup")
        thread.start()
        return thread

    def _after_start_backup(self, made) -> None:
        if isinstance(made, (OSError, IepStudioError)):
            self._refused("start", made)
        elif isinstance(made, BaseException):
            raise made  # a bug: the crash report
        if self.window.backup_desk is self:  # not signed out meanwhile (see sign_out)
            self.timer.start()

    def _daily(self) -> None:
        if due_daily(self.context.paths.backups, datetime.now()):
            self._make("daily")

    def _make(self, reason: str):
        if self.database is None:
            return None  # the shared server is backed up by its own tools
        try:
            return backup_sqlite(self.database, self.context.paths.backups, reason,
                                 keep=self._keep())
        except (OSError, IepStudioError) as error:
            self._refused(reason, error)
            return None

    def _refused(self, reason: str, error: OSError | IepStudioError) -> None:
        if isinstance(error, DamagedDatabase):
            # Every minute spent typing into a damaged database may be lost: say so at once,
            # with what to do, not in the status bar.
            log.error("%s backup refused: %s", reason, error)
            if reason == "manual" or not self._damage_shown:
                self._damage_shown = True
                QMessageBox.warning(self.window, self.tr("The database is damaged"),
                                    error_text(error))
            else:
                self.window.statusBar().showMessage(error_text(error))
            return
        # A full disk must not stop the work.
        log.warning("%s backup failed: %s", reason, error)
        self.window.statusBar().showMessage(
            self.tr("The automatic backup could not be written: %1")
            .replace("%1", error_text(error) if isinstance(error, IepStudioError)
                     else str(error)), 15000)

    def backup_now(self) -> None:
        if self.database is None:
            QMessageBox.information(self.window, self.tr("Back up now"), self.tr(
                "The shared server database is backed up by the server's own tools."))
            return
        made = self._make("manual")
        if made is not None:
            QMessageBox.information(self.window, self.tr("Back up now"),
                                    self.tr("Backup written: %1").replace("%1", str(made)))

    def choose_restore(self) -> None:
        title = self.tr("Restore a backup")
        if self.database is None:
            QMessageBox.information(self.window, title, self.tr(
                "The shared server database is backed up and restored by the server's own "
                "tools: ask your administrator."))
            return
        actor = self.services.store.actor
        if actor is not None and actor.role != "administrator":
            # A restore replaces everyone's records: the person answerable for them decides.
            QMessageBox.information(self.window, title, self.tr(
                "Only an administrator can restore a backup."))
            return
        dialog = RestoreDialog(list_backups(self.context.paths.backups), self.window)
        try:
            if not dialog.exec() or dialog.chosen() is None:
                return
            backup = dialog.chosen()
        finally:
            dialog.deleteLater()
        answer = QMessageBox.question(self.window, self.tr("Restore a backup"),
                                      self.tr(
            "Restore the backup of %1? The data as it is now is kept as a backup first. "
            "IEP Studio closes now and opens the backup at its next start.")
            .replace("%1", backup.made_at.strftime("%Y-%m-%d %H:%M")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            schedule_restore(self.context.paths.backups, backup.path)
        except IepStudioError as error:
            QMessageBox.warning(self.window, self.tr("Restore a backup"),
                                error_text(error))
            return
        self.window.close()


class RestoreDialog(QDialog):
    """The backups, newest first, with when, why and what each holds; damaged ones are
    shown as such and cannot be chosen."""

    def __init__(self, backups, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.backups = backups
        self.table = QTableWidget(len(backups), 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"),
                                              self.tr("Holds"), self.tr("Size")])
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.usable = []
        for row, backup in enumerate(backups):
            try:
                check = check_backup(backup.path)
                holds = self.tr("%1 students").replace("%1", str(check.students))
                self.usable.append(True)
            except IepStudioError as error:
                holds = error_text(error)
                self.usable.append(False)
            why = {"start": self.tr("at start"), "daily": self.tr("daily"),
                   "manual": self.tr("by hand"),
                   "before-restore": self.tr("before a restore")}.get(
                backup.reason, self.tr("before an upgrade"))
            for column, text in enumerate((backup.made_at.strftime("%Y-%m-%d %H:%M:%S"), why,
                                           holds, f"{backup.size // 1024} KB")):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if not self.usable[row]:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    item.setForeground(text_tone(PROBLEM, self.table, QPalette.ColorRole.Base))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        first = next((r for r, ok in enumerate(self.usable) if ok), None)
        if first is not None:
            self.table.selectRow(first)
        note = QLabel(self.tr("The data as it is now is kept as a backup before the chosen "
                              "one replaces it, so a restore can itself be undone."))
        note.setWordWrap(True)
        buttons = ok_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def chosen(self):
        row = self.table.currentRow()
        if 0 <= row < len(self.backups) and self.usable[row]:
            return self.backups[row]
        return None
