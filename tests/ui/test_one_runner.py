"""One way to run an operation: the service is called, the undo step pushed, a refusal
said, and the views redraw only the part that shows what changed."""
from __future__ import annotations

from iep_studio.core.errors import IepStudioError

from .conftest import when_dialog_opens
from .test_student_files_window import select_student


def counting(monkeypatch, tab):
    """How many times `tab` is redrawn from now on."""
    calls = []
    original = tab.show_student
    monkeypatch.setattr(tab, "show_student", lambda student: (calls.append(student.id),
                                                              original(student)))
    return calls


def test_adding_a_guardian_redraws_the_family_not_the_assessments(window_with_students,
                                                                   monkeypatch):
    window = window_with_students
    student = select_student(window, "张小明")
    view = window.file_view
    family, assessments = counting(monkeypatch, view.family), counting(monkeypatch,
                                                                      view.assessments)
    rows_before = view.family.guardians.table.rowCount()
    window.editing.change("Add guardian", student.id,
                          lambda gid: window.services.students.add_guardian(
                              student.id, id=gid, name="张强", relationship_="father").id,
                          lambda gid: window.services.students.remove_guardian(gid)["id"])
    assert view.family.guardians.table.rowCount() == rows_before + 1
    assert family == [student.id] and assessments == []

    window.undo_stack.undo()  # the undo, too, redraws only what it changed
    assert view.family.guardians.table.rowCount() == rows_before
    assert assessments == []


def test_a_refused_undo_is_said_keeps_its_step_and_redraws_everything(window_with_students,
                                                                      monkeypatch, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    said = []
    window.editing.failed.connect(said.append)
    state = window.editing.change(
        "Add guardian", student.id,
        lambda gid: window.services.students.add_guardian(
            student.id, id=gid, name="张强", relationship_="father").id,
        lambda gid: window.services.students.remove_guardian(gid)["id"])
    window.services.students.remove_guardian(state)  # removed elsewhere meanwhile
    assessments = counting(monkeypatch, window.file_view.assessments)
    boxes = []
    when_dialog_opens(qtbot, lambda box: (boxes.append(box.text()), box.accept()))
    window.undo_stack.undo()
    assert boxes  # the teacher is told why
    assert len(said) == 1 and isinstance(said[0], IepStudioError)
    assert set(assessments) == {student.id}  # nothing known changed: all is redrawn
