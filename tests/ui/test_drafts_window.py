"""Text typed but not saved survives the app being killed, and is offered back at the
next start."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from iep_studio.core.drafts import Draft, Drafts
from iep_studio.core.services import Services
from iep_studio.core.store import open_store
from iep_studio.ui.editing.drafts_dialog import DraftsDialog, offer_drafts

from ..conftest import TODAY
from .conftest import when_dialog_opens

# A window typing into a student's "needs" field, then waiting to be killed: the text is
# never saved (the pause before saving is made an hour long).
TYPIST = textwrap.dedent("""
    import sys, time
    from iep_studio.core.drafts import Drafts
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.settings import Settings
    from iep_studio.core.store import open_store
    from iep_studio.ui.app import prepare_application
    from iep_studio.ui.widgets.fields import TextArea
    from iep_studio.ui.main_window import AppContext, MainWindow
    from iep_studio.ui.qt import QApplication, QInputMethodEvent

    TextArea.PAUSE_MS = 3_600_000
    paths = DataPaths.resolve(sys.argv[1])
    app = QApplication([])
    prepare_application(app, paths, "zh_CN")
    services = Services(open_store(paths.database_url), drafts=Drafts(paths.drafts))
    window = MainWindow(AppContext(services, paths, Settings(demo_offered=True)))
    window.show()
    window.student_list.select(sys.argv[2])
    window.open_student(sys.argv[2])
    needs = window.file_view.profile.form.bindings["needs"][0]
    for piece in ("需要", "安静的", "角落"):
        event = QInputMethodEvent()
        event.setCommitString(piece)
        needs.setFocus()
        QApplication.sendEvent(needs, event)
        app.processEvents()
    print("typed", flush=True)
    time.sleep(600)
""")


def test_text_typed_before_a_kill_is_offered_back_and_saved(qapp, qtbot, data_paths,
                                                            open_window):
    store = open_store(data_paths.database_url)
    services = Services(store, today=lambda: TODAY)
    school = services.schools.create_school("城南小学")
    student = services.students.create(school.id, "张小明", needs="轮流等待困难")
    store.dispose()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(data_paths.root), student.id],
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert typist.stdout.readline().strip() == "typed"
    finally:
        typist.send_signal(signal.SIGKILL)
        typist.wait(30)

    window = open_window()
    services = window.services
    services.drafts = Drafts(data_paths.drafts)
    assert services.students.get(student.id).needs == "轮流等待困难"  # never saved
    [draft] = services.drafts.all()
    assert (draft.owner, draft.label, draft.text) == ("张小明", "需求", "需要安静的角落轮流等待困难")

    def save_it(dialog):
        assert isinstance(dialog, DraftsDialog)
        assert dialog.saved.text() == "文件中现在保存的是：轮流等待困难"
        dialog.text.setPlainText("需要安静的角落，轮流等待困难")  # edited before saving
        dialog.put_back_button.click()  # the last one: the dialog closes itself

    when_dialog_opens(qtbot, save_it)
    assert offer_drafts(window) == 1
    assert services.students.get(student.id).needs == "需要安静的角落，轮流等待困难"
    assert services.drafts.all() == []
    assert offer_drafts(window) == 0  # nothing is offered twice


def test_a_draft_already_saved_is_dropped_quietly_and_a_refused_save_keeps_it(
        window_with_students, data_paths, qtbot):
    from iep_studio.core.access import Actor

    from .test_student_files_window import select_student
    from .conftest import type_text

    window = window_with_students
    services = window.services
    services.drafts = Drafts(data_paths.drafts)
    student = select_student(window, "张小明")
    services.drafts.keep(Draft("student", student.id, "strengths", "优势", "张小明", ""))
    assert offer_drafts(window) == 0 and services.drafts.all() == []  # already so

    services.store.actor = Actor("x", "访客", "read_only")
    window.editing.failed.disconnect()  # the refusal's message box is not the point here
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "不能保存的字")
    needs.flush()
    assert [d.text for d in services.drafts.all()] == ["不能保存的字"]  # kept on disk
    services.store.actor = Actor("x", "访客", "administrator")  # given the right to
    needs.flush()  # saved now: the draft goes
    assert services.drafts.all() == []


def test_drafts_never_stop_typing_when_the_folder_cannot_be_written(tmp_path):
    blocker = tmp_path / "drafts"
    blocker.write_text("a file where the folder should be")
    drafts = Drafts(blocker)
    drafts.keep(Draft("student", "id", "needs", "需要", "张小明", "字"))  # no exception
    assert drafts.all() == []


def test_a_date_being_typed_is_kept_as_typed(window_with_students, data_paths, qtbot):
    from .conftest import type_text
    from .test_student_files_window import select_student

    window = window_with_students
    window.services.drafts = Drafts(data_paths.drafts)
    select_student(window, "张小明")
    birth = window.file_view.profile.form.bindings["birth_date"][0]
    birth.clear()
    type_text(birth, "2016-13-01")  # not a date yet: kept as typed, nothing raised
    assert [d.text for d in window.services.drafts.all()] == ["2016-13-01"]
    birth.clear()
    type_text(birth, "2016-05-12")
    assert [d.text for d in window.services.drafts.all()] == ["2016-05-12"]
    # Saved as it is already: offered nothing at the next start.
    assert offer_drafts(window) == 0
