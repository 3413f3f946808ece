"""Window fixtures: a main window on a fresh database, in Chinese unless asked otherwise."""
from __future__ import annotations

import pytest

from iep_studio.core.services import Services
from iep_studio.core.settings import Settings
from iep_studio.core.store import open_store
from iep_studio.ui.app import prepare_application
from iep_studio.ui.main_window import AppContext, MainWindow
from iep_studio.ui.qt import QApplication, QInputMethodEvent, QTimer

from ..conftest import TODAY


def type_text(widget, text: str) -> None:
    """Type as an input method does: keyClicks aborts the process on non-ASCII text."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def when_dialog_opens(qtbot, handle) -> None:
    """Run `handle(dialog)` once the next modal dialog is showing."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        handle(dialog)
    QTimer.singleShot(0, attempt)


@pytest.fixture
def open_window(qapp, qtbot, data_paths):
    """Open a window on the test data folder; call again to reopen after closing."""
    stores = []

    def opener(language: str = "zh_CN") -> MainWindow:
        settings = Settings(language=language, demo_offered=True)
        prepare_application(qapp, data_paths, language)
        store = open_store(data_paths.database_url, backup_dir=data_paths.backups)
        stores.append(store)
        window = MainWindow(AppContext(Services(store, today=lambda: TODAY), data_paths,
                                       settings))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield opener
    for store in stores:
        store.dispose()


@pytest.fixture
def window(open_window):
    return open_window()


@pytest.fixture
def window_with_students(window):
    services = window.services
    school = services.schools.create_school("城南小学")
    services.students.create(school.id, "张小明", student_number="0301", grade="三年级",
                             class_name="2班", categories=[("autism", "moderate")],
                             placement="regular_class_resource_room",
                             placement_start="2023-09-01", birth_date="2016-05-12")
    services.students.create(school.id, "王小红", student_number="0302",
                             categories=[("adhd", "mild")], placement="regular_class",
                             placement_start="2024-09-01")
    window.reload_students()
    return window
