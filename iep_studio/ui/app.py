"""Start the window: fonts, translations, the database, then the main window."""
from __future__ import annotations

import logging
import sys

from ..core.errors import IepStudioError
from ..core.paths import DataPaths, resource_dir
from ..core.services import Services
from ..core.settings import Settings, system_language
from ..core.store import open_store
from ..logs import setup_logging
from .crash import install_crash_handler
from .i18n import error_text, install_translations
from .main_window import AppContext, MainWindow
from .qt import QApplication, QCoreApplication, QFont, QFontDatabase, QMessageBox

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


def prepare_application(app: QApplication, paths: DataPaths, settings: Settings) -> str:
    """Everything a window needs from the application; returns the language in use."""
    app.setApplicationName("IEP Studio")
    app.setOrganizationName("IEP Studio")
    register_bundled_font(app)
    language = settings.language or system_language()
    install_translations(app, language, paths.compiled_translations)
    return language


def run_window(paths: DataPaths) -> int:
    setup_logging(paths.logs)
    app = QApplication.instance() or QApplication(sys.argv)
    settings = Settings.load(paths.settings_file)
    prepare_application(app, paths, settings)
    install_crash_handler(paths.crash_reports)
    try:
        store = open_store(paths.database_url, backup_dir=paths.backups)
    except IepStudioError as error:
        QMessageBox.critical(None, app.translate("Start", "IEP Studio cannot open its data"),
                             error_text(error))
        return 2
    window = MainWindow(AppContext(Services(store), paths, settings))
    window.show()
    offer_demo(window)
    code = app.exec()
    store.dispose()
    return code


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
    settings.save(window.context.paths.settings_file)
    if answer == QMessageBox.StandardButton.Yes:
        window.create_demo()
