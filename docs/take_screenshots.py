"""Regenerate the screenshots in docs/screenshots (run from the repository root):

    QT_QPA_PLATFORM=offscreen python docs/take_screenshots.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from iep_studio.core.demo import create_demo_school  # noqa: E402
from iep_studio.core.paths import DataPaths  # noqa: E402
from iep_studio.core.services import Services  # noqa: E402
from iep_studio.core.settings import Settings  # noqa: E402
from iep_studio.core.store import open_store  # noqa: E402
from iep_studio.ui.app import prepare_application  # noqa: E402
from iep_studio.ui.main_window import AppContext, MainWindow  # noqa: E402
from iep_studio.ui.qt import QApplication  # noqa: E402

OUT = Path(__file__).parent / "screenshots"


def main() -> None:
    app = QApplication(sys.argv)
    paths = DataPaths.resolve(tempfile.mkdtemp())
    store = open_store(paths.database_url)
    services = Services(store, today=lambda: date(2026, 11, 22))
    create_demo_school(services)
    for language in ("zh_CN", "en"):
        settings = Settings(language=language, demo_offered=True)
        prepare_application(app, paths, settings.language)
        window = MainWindow(AppContext(services, paths, settings))
        window.resize(1440, 900)
        window.show()
        window.student_list.select(window.student_list.model.summary(1).id)
        for tab, name in enumerate(("profile", "family", "team", "assessments")):
            if language == "en" and tab:
                break
            window.file_view.tabs.setCurrentIndex(tab)
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(OUT / f"main-window-{name}-{language}.png"))
        if language == "zh_CN":
            library_screenshots(app, window)
        window.close()
    store.dispose()


def library_screenshots(app, window) -> None:
    from iep_studio.ui.unit_editor import UnitEditor

    window.open_library()
    library = window.library_window
    library.resize(1400, 860)
    library.kind.setCurrentIndex(library.kind.findData("apparatus"))
    library.units.setCurrentRow(0)
    for _ in range(3):
        app.processEvents()
    library.grab().save(str(OUT / "library-browser-zh_CN.png"))
    library.pages.setCurrentWidget(library.goal_bank)
    library.goal_bank.domain.setCurrentIndex(library.goal_bank.domain.findData("self_care"))
    for _ in range(3):
        app.processEvents()
    library.grab().save(str(OUT / "goal-bank-zh_CN.png"))
    library.pages.setCurrentIndex(0)
    copy = window.services.library.duplicate(library.current_id())
    editor = UnitEditor(window.services.library, copy, library)
    editor.form.duration.setValue(5)  # a problem, to show how it is reported
    editor.check()
    editor.show()
    for _ in range(3):
        app.processEvents()
    editor.grab().save(str(OUT / "unit-editor-zh_CN.png"))
    editor.views.setCurrentWidget(editor.text)
    editor.text.setPlainText(editor.text.toPlainText().replace("kind: apparatus", "kind: 器材"))
    editor.check()
    for _ in range(3):
        app.processEvents()
    editor.grab().save(str(OUT / "unit-editor-text-zh_CN.png"))
    editor.modified = False  # no "discard changes?" question in a script
    editor.close()
    library.close()


if __name__ == "__main__":
    main()
