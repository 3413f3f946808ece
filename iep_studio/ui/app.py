"""Start the window: fonts, translations, the database, then the main window."""
from __future__ import annotations

import importlib
import logging
import sys
import threading

from ..core.errors import IepStudioError
from ..core.paths import DataPaths, resource_dir
from ..core.language import display_language
from .crash import install_crash_handler
from .i18n import error_text, install_translations
from .main_window import AppContext, MainWindow
from .qt import (
    QApplication, QCoreApplication, QFont, QFontDatabase, QMessageBox, QObject, QTimer, Signal,
)

log = logging.getLogger(__name__)

BUNDLED_FONT = "wqy-microhei.ttc"


def register_bundled_font(app: QApplication) -> list[str]:
    """Make Chinese render on any machine: the shipped CJK font backs the system font."""
    font_id = QFontDatabase.addApplicationFont(str(resource_dir() / "fonts" / BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), families[0]])
        app.setFont(font)
    else:
        log.warning("bundled CJK font could not be registered")
    return families


def prepare_application(app: QApplication, paths: DataPaths, language: str) -> None:
    """Everything a window needs from the application: names, the font, translations."""
    app.setApplicationName("IEP Studio")
    app.setOrganizationName("IEP Studio")
    register_bundled_font(app)
    install_translations(app, language, paths.compiled_translations)


def run_window(paths: DataPaths) -> int:
    """Show the window's frame first; once it has been painted, the font, the window's
    contents and the list; then open the database."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("IEP Studio")
    app.setOrganizationName("IEP Studio")
    install_translations(app, display_language(paths.settings_file), paths.compiled_translations)
    install_crash_handler(paths.crash_reports)
    window = MainWindow(AppContext(None, paths, None), frame_first=True)
    opened: list = []

    def fill() -> None:
        # The frame shows no text, so the bundled font (for machines without a Chinese
        # one) is needed only from here on.
        register_bundled_font(app)
        window.build()
        start_opening(window, lambda: opened.append(open_data(app, window)))

    window.first_painted.connect(lambda: QTimer.singleShot(0, fill))
    window.show()
    code = app.exec()
    if window.start_backup is not None:
        window.start_backup.join()  # a copy being written is finished, not left half done
    for store in opened:
        if store is not None:
            store.dispose()
    if window.services is not None:  # on a shared server, the last person's own login
        window.services.store.dispose()
    return 2 if opened == [None] else code


# What opening the data imports (SQLAlchemy, the model, the services): half a second of a
# modest laptop's time, spent on a thread while the list is already on the screen.
DATA_LAYER = ("iep_studio.core.services", "iep_studio.core.settings", "iep_studio.core.drafts",
              "iep_studio.core.store", "iep_studio.logs")


class DataLayerLoading(QObject):
    """Imports the data layer on a thread of its own, then says so (`loaded`, delivered on
    the window's thread). A module that fails to import is imported again by `open_data`,
    which says what is wrong."""

    loaded = Signal()

    def start(self) -> None:
        threading.Thread(target=self._load, name="loading the data layer", daemon=True).start()

    def _load(self) -> None:
        try:
            for name in DATA_LAYER:
                importlib.import_module(name)
        except Exception:  # noqa: BLE001 - open_data imports it again and reports it
            log.debug("the data layer did not load beside the window", exc_info=True)
        try:
            self.loaded.emit()
        except RuntimeError:  # the window closed meanwhile
            pass


def start_opening(window: MainWindow, open_now) -> None:
    """After the first paint: the student list from the file when the only account of a
    personal copy will sign in by itself, usable at once, while the data layer loads
    beside it; then `open_now` opens the data as always and the list is read again
    through it, keeping what was chosen and typed meanwhile."""
    show_list_early(window)
    loading = DataLayerLoading(window)
    loading.loaded.connect(open_now)
    loading.start()


def show_list_early(window: MainWindow) -> None:
    from ..core.store.backup import PENDING_RESTORE
    from ..core.store.student_list import read_for_the_only_account

    paths = window.context.paths
    database = paths.own_database
    if database is None or (paths.backups / PENDING_RESTORE).exists():
        return  # a server, or a restore about to replace the file: nothing to show yet
    summaries = read_for_the_only_account(database)
    if summaries:
        window.show_list_early(summaries)


def open_data(app: QApplication, window: MainWindow):
    """Open (and if needed upgrade) the database and give it to the window. On failure,
    say what is wrong and what to do, then close."""
    from ..core.services import Services
    from ..core.settings import Settings
    from ..core.store import open_store

    paths = window.context.paths
    from ..logs import setup_logging  # here, not before the first paint: it costs time

    setup_logging(paths.logs)
    from .qt import Qt

    window.statusBar().showMessage(QCoreApplication.translate(
        "MainWindow", "Opening the student files…"))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restored = _pending_restore(paths)
    except IepStudioError as error:  # checked again at start: it may have been damaged since
        restored = None
        QMessageBox.warning(window, app.translate("Start", "Backup not restored"),
                            error_text(error) + "\n" + app.translate(
                                "Start", "Your data is as it was; nothing was changed."))
    from ..core.drafts import Drafts
    from ..core.services.sign_in import ServerDoor
    from ..core.store import server_logins

    url = paths.database_url
    try:
        if server_logins.owner_address(url):
            raise server_logins.owner_address_refused()
        # Signing in runs on the gate: the database with nobody signed in, or, on a shared
        # server, the door that opens the person's own login. The window works on the
        # services the sign-in gives; signing in again after a sign-out uses the gate too.
        if server_logins.signs_in_per_account(url):
            store, gate = None, ServerDoor(url, drafts=Drafts(paths.drafts))
        else:
            store = open_store(url, backup_dir=paths.backups)
            gate = Services(store, drafts=Drafts(paths.drafts))
    except IepStudioError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(window, app.translate("Start", "IEP Studio cannot open its data"),
                             error_text(error))
        window.close()
        return None
    QApplication.restoreOverrideCursor()
    settings = Settings.load(paths.settings_file)
    window.context.gate = gate
    services = _signed_in(window, gate, settings)
    if services is None:
        if store is not None:
            store.dispose()
        window.close()
        return None
    window.attach(services, settings)
    window.statusBar().clearMessage()
    if restored is not None:
        backup, kept = restored
        QMessageBox.information(window, app.translate("Start", "Backup restored"), app.translate(
            "Start", "The backup %1 is now in use. The data as it was before is kept as the "
            "backup %2.").replace("%1", backup.name).replace("%2", kept.name if kept else "-"))
    # Beside the window, on a thread of its own: a copy of a large database must neither
    # delay the window nor hold up the first things typed.
    window.start_backup = window.backup_desk.start_beside_the_work()
    from .editing.drafts_dialog import offer_drafts

    offer_drafts(window)
    offer_demo(window)
    return services.store


def _signed_in(window: MainWindow, gate, settings):
    """Sign in (or make the first account): the services of that person, or None if they
    cancelled or it failed."""
    from .admin.sign_in import sign_in_to_window

    return sign_in_to_window(window, gate, settings)


def _pending_restore(paths):
    """A restore chosen in the last session, carried out before the database opens."""
    from ..core.store.backup import run_pending_restore
    from ..core.store.database import sqlite_file

    database = sqlite_file(paths.database_url)
    return run_pending_restore(database, paths.backups) if database else None


def offer_demo(window: MainWindow) -> None:
    """On first run with an empty database, offer the demo school once."""
    settings = window.context.settings
    if settings.demo_offered or window.student_list._all or not window.services.store.is_sqlite:
        return  # made-up children never go into a shared server's real records
    answer = QMessageBox.question(
        window, QCoreApplication.translate("MainWindow", "Welcome to IEP Studio"),
        QCoreApplication.translate(
            "MainWindow", "There are no student files yet. Create a demo school with made-up "
            "students to look around? It is clearly marked as a demo."))
    settings.demo_offered = True
    try:
        settings.save(window.context.paths.settings_file)
    except OSError as error:  # a read-only folder: the offer simply comes again next time
        log.warning("settings not saved: %s", error)
    if answer == QMessageBox.StandardButton.Yes:
        window.create_demo()
