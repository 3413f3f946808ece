"""Window fixtures: a main window on a fresh database, in Chinese unless asked otherwise."""
from __future__ import annotations

import time

import pytest

from iep_studio.core.services import Services
from iep_studio.core.settings import Settings
from iep_studio.core.store import open_store
from iep_studio.ui.app import prepare_application
from iep_studio.ui.main_window import AppContext, MainWindow
from iep_studio.ui.qt import QApplication, QDialog, QDialogButtonBox, QInputMethodEvent, QTimer
from tests.conftest import start_database

from ..conftest import TODAY


def dark_palette():
    """A system's dark palette, as the tests of colours and contrast use it."""
    from iep_studio.ui.qt import QColor, QPalette

    palette = QPalette()
    for role, colour in (("Window", "#202020"), ("Base", "#2a2a2a"),
                         ("AlternateBase", "#303030"), ("Text", "#f0f0f0"),
                         ("WindowText", "#f0f0f0"), ("Button", "#303030"),
                         ("ButtonText", "#f0f0f0"), ("Highlight", "#3d6fb6"),
                         ("HighlightedText", "#ffffff"), ("PlaceholderText", "#a0a0a0")):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def type_text(widget, text: str) -> None:
    """Type as an input method does: keyClicks aborts the process on non-ASCII text."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


DIALOG_DEADLINE = 10.0  # seconds for the dialog to come, and then to go once answered


class DialogAnswer:
    """One answer waiting for the next modal dialog. It never hangs a test: a handler that
    raises (an assertion failing inside the dialog) closes the dialog and fails the test
    with its error; a dialog that has not come by the deadline fails the test (and is closed
    unanswered if it comes later), and so does one still open that long after its handler
    returned."""

    def __init__(self, handle, within: float, kind: type | None = None):
        self.handle, self.within, self.kind = handle, within, kind
        self.deadline = time.monotonic() + within
        self.state = "waiting"  # then "watching" the answered dialog, "done" or "overdue"
        self.dialog = None
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.attempt)
        self.timer.start()

    def attempt(self) -> None:
        if self.state == "watching":
            self.watch()
            return
        dialog = QApplication.activeModalWidget()
        if self.kind is not None and dialog is not None and not isinstance(dialog, self.kind):
            dialog = None  # another dialog on the way (a progress dialog): not this one's
        if self.state == "overdue":
            if dialog is not None:
                close(dialog)
            return
        if dialog is None:
            if time.monotonic() > self.deadline:
                self.state = "overdue"
                raise AssertionError(self.missing())  # pytest-qt fails the test with it
            return
        self.timer.stop()  # before the handler: it may open a dialog of its own
        self.state, self.dialog = "done", dialog
        try:
            self.handle(dialog)
        except BaseException:
            close(dialog)
            raise
        if is_open(dialog):  # left open: it has as long again to close
            self.state, self.deadline = "watching", time.monotonic() + self.within
            self.timer.start()

    def watch(self) -> None:
        if not is_open(self.dialog):
            self.timer.stop()
            self.state = "done"
        elif time.monotonic() > self.deadline:
            self.timer.stop()
            self.state = "done"
            close(self.dialog)
            raise AssertionError(f"the dialog was still open {self.within:g} s after "
                                 f"{self.name()} answered it")

    def name(self) -> str:
        return getattr(self.handle, "__qualname__", repr(self.handle))

    def missing(self) -> str:
        return f"no dialog opened within {self.within:g} s for {self.name()}"


def is_open(dialog) -> bool:
    try:
        return dialog.isVisible()
    except RuntimeError:  # deleted
        return False


def close(dialog) -> None:
    """Close a dialog no answer will, so its exec() returns."""
    try:
        dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
    except RuntimeError:  # the handler already deleted it
        pass


def when_dialog_opens(qtbot, handle, within: float = DIALOG_DEADLINE,
                      kind: type | None = None) -> None:
    """Run `handle(dialog)` once the next modal dialog (of `kind`, when given: a progress
    dialog on a slow machine is not the message after it) is showing (within `within`
    seconds).
    Answers still waiting when the test ends are cancelled, never left for the next test's
    dialogs, and fail the test: the dialog it expected never came."""
    qtbot.__dict__.setdefault("dialog_answers", []).append(DialogAnswer(handle, within, kind))


@pytest.fixture(autouse=True)
def _dialog_answers_end_with_the_test(qtbot):
    yield
    answers = qtbot.__dict__.pop("dialog_answers", [])
    for answer in answers:
        answer.timer.stop()
    # Not yet due when the test ended (an overdue one has failed the test already).
    missing = [answer.missing() for answer in answers if answer.state == "waiting"]
    if missing:
        pytest.fail("; ".join(missing), pytrace=False)


@pytest.fixture
def open_window(qapp, qtbot, data_paths, empty_database):
    """Open a window on the test data folder; call again to reopen after closing."""
    stores = []

    def opener(language: str = "zh_CN") -> MainWindow:
        settings = Settings(language=language, demo_offered=True)
        prepare_application(qapp, data_paths, language)
        start_database(data_paths, empty_database)
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


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def plan_window_for(window, team, qtbot):
    """Open the window as the resource teacher and give back a function that opens a plan."""
    window.context.settings.me = team.teacher
    window.reload_students()

    def opener(plan_id):
        window.student_list.select(team.student.id)
        plan_window = window.plan_desk.open_plan(plan_id)
        qtbot.waitExposed(plan_window)
        return plan_window
    return opener
