"""The helper that answers modal dialogs in the UI tests can hide no failure and hang no
run: a check failing inside a dialog fails the test and closes the dialog, so does a dialog
left open after its answer, a dialog that never comes fails the test, and an answer left
waiting never answers the next test's dialog. Each test here has a rescue that closes the
dialog if the helper does not, so the old helper failed them instead of hanging."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from iep_studio.ui.qt import QDialog, QTimer

from .conftest import when_dialog_opens

ROOT = Path(__file__).parent.parent.parent


def dialog_with_rescue(qtbot):
    """A dialog, and a list that says whether the rescue had to close it."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    rescued = []
    QTimer.singleShot(5000, dialog, lambda: (rescued.append(True), dialog.reject()))
    return dialog, rescued


def first_line(error) -> str:
    return str(error).splitlines()[0]  # pytest adds the compared values below


def test_a_check_failing_inside_a_dialog_closes_it_and_fails_the_test(qtbot):
    dialog, rescued = dialog_with_rescue(qtbot)
    dialog.setWindowTitle("新建计划")

    def check(shown):
        assert shown.windowTitle() == "导出文档", "the export dialog was expected"
        shown.accept()

    with qtbot.capture_exceptions() as errors:  # what would fail the test, kept to look at
        when_dialog_opens(qtbot, check)
        result = dialog.exec()
    assert (result, rescued) == (QDialog.DialogCode.Rejected, [])
    assert [first_line(error) for _type, error, _trace in errors] == [
        "the export dialog was expected"]


def test_a_dialog_its_answer_leaves_open_is_closed_and_fails_the_test(qtbot):
    dialog, rescued = dialog_with_rescue(qtbot)

    def fill_in_but_forget_ok(shown):
        shown.setWindowTitle("填好了")

    with qtbot.capture_exceptions() as errors:
        when_dialog_opens(qtbot, fill_in_but_forget_ok, within=0.2)
        result = dialog.exec()
    assert (result, rescued) == (QDialog.DialogCode.Rejected, [])
    assert [first_line(error) for _type, error, _trace in errors] == [
        "the dialog was still open 0.2 s after test_a_dialog_its_answer_leaves_open_is_closed_"
        "and_fails_the_test.<locals>.fill_in_but_forget_ok answered it"]


def test_a_dialog_that_never_comes_fails_the_test(qtbot):
    answered = []
    with qtbot.capture_exceptions() as errors:
        when_dialog_opens(qtbot, answered.append, within=0.2)
        qtbot.wait(600)
    assert answered == []
    assert [first_line(error) for _type, error, _trace in errors] == [
        "no dialog opened within 0.2 s for list.append"]


def test_a_dialog_that_comes_after_the_deadline_is_closed_unanswered(qtbot):
    answered = []
    with qtbot.capture_exceptions() as errors:
        when_dialog_opens(qtbot, lambda shown: (answered.append(shown), shown.accept()),
                          within=0.2)
        qtbot.wait(600)
        dialog, rescued = dialog_with_rescue(qtbot)
        result = dialog.exec()
    assert (result, rescued, answered) == (QDialog.DialogCode.Rejected, [], [])
    assert len(errors) == 1


def test_an_answer_left_waiting_never_answers_the_next_tests_dialog(tmp_path):
    """Two tests run on their own: the first asks for a dialog that never comes, the second
    opens one. The first fails for it; the second gets its dialog unanswered."""
    (tmp_path / "conftest.py").write_text(
        "from tests.ui.conftest import _dialog_answers_end_with_the_test  # noqa: F401\n")
    (tmp_path / "test_two_in_a_row.py").write_text(textwrap.dedent("""
        from iep_studio.ui.qt import QDialog, QTimer
        from tests.ui.conftest import when_dialog_opens

        answered = []

        def test_waits_for_a_dialog_that_never_comes(qtbot):
            when_dialog_opens(qtbot, lambda dialog: (answered.append(1), dialog.accept()))

        def test_opens_its_own_dialog(qtbot):
            dialog = QDialog()
            qtbot.addWidget(dialog)
            QTimer.singleShot(500, dialog.reject)  # this test's own answer: Cancel
            assert dialog.exec() == QDialog.DialogCode.Rejected
            assert answered == []
    """))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(tmp_path), "-rA", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert "PASSED test_two_in_a_row.py::test_opens_its_own_dialog" in run.stdout, run.stdout
    assert "ERROR at teardown of test_waits_for_a_dialog_that_never_comes" in run.stdout
    assert "no dialog opened within 10 s for test_waits_for_a_dialog_that_never_comes" \
        in run.stdout
