"""Start the window: fonts, translations, the database, then the main window."""
from __future__ import annotations

import logging
import sys

from ..core.errors import IepStudioError
from ..core.paths import DataPaths, resource_dir
from ..core.language import display_language
from .crash import install_crash_handler
from .i18n import error_text, install_translations
from .main_window import AppContext, MainWindow
from .qt import (
    QApplication, QCoreApplication, QFont, QFontDatabase, QMessageBox, Qt, QTimer,
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
    """Show the window first, then open the database once it has been painted."""
    app = QApplication.instance() or QApplication(sys.argv)
    prepare_application(app, paths, display_language(paths.settings_file))
    install_crash_handler(paths.crash_reports)
    window = MainWindow(AppContext(None, paths, None))
    opened: list = []
    window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: opened.append(
        open_data(app, window))))
    window.show()
    code = app.exec()
    for store in opened:
        if store is not None:
            store.dispose()
    return 2 if opened == [None] else code


def open_data(app: QApplication, window: MainWindow):
    """Open (and if needed upgrade) the database and give it to the window. On failure,
    say what is wrong and what to do, then close."""
    from ..core.services import Services
    from ..core.settings import Settings
    from ..core.store import open_store

    paths = window.context.paths
    from ..logs import setup_logging  # here, not before the first paint: it costs time

    setup_logging(paths.logs)
    window.statusBar().showMessage(window.tr("Opening the student files…"))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        store = open_store(paths.database_url, backup_dir=paths.backups)
    except IepStudioError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(window, app.translate("Start", "IEP Studio cannot open its data"),
                             error_text(error))
        window.close()
        return None
    QApplication.restoreOverrideCursor()
    window.attach(Services(store), Settings.load(paths.settings_file))
    window.statusBar().clearMessage()
    offer_demo(window)
    return store


def offer_demo(window: MainWindow) -> None:
    """On first run with an empty database, offer the demo school once."""
    settings = window.context.settings
    if settings.demo_offered or window.student_list._all:
        return
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
