"""What a teacher would have hit: each test reproduces a fault found in review."""
from __future__ import annotations

from iep_studio.core.errors import QT_TRANSLATE_NOOP, StorageError
from iep_studio.core.services import Services
from iep_studio.ui.student_file.new_student_dialog import NewStudentDialog
from iep_studio.ui.qt import QAccessible, QDialogButtonBox, QMessageBox, Qt, QTextCursor

from .conftest import type_text, when_dialog_opens
from .test_student_files_window import select_student

BUSY_ZH = "数据库正被另一个窗口或程序占用。请稍等片刻再试；您输入的内容仍然保留。"
BUSY = QT_TRANSLATE_NOOP("Errors", "The database is busy in another window or program. "
                                   "Wait a moment and try again; your text is kept.")


def test_a_new_line_typed_after_a_save_stays_where_it_was_typed(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "1. 上课需要座位靠前\n")
    needs.flush()  # the pause in typing: saved (without the trailing newline)
    needs.moveCursor(QTextCursor.MoveOperation.End)
    type_text(needs, "2. 需要视觉提示卡")
    needs.flush()
    assert window.services.students.get(student.id).needs == "1. 上课需要座位靠前\n2. 需要视觉提示卡"


def test_ctrl_z_inside_a_note_undoes_through_the_app(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "abc")
    needs.flush()
    type_text(needs, "def")  # not yet saved: Ctrl+Z saves it, then undoes it
    qtbot.keyClick(needs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.services.students.get(student.id).needs == ""
    assert needs.toPlainText() == ""
    qtbot.keyClick(needs, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.services.students.get(student.id).needs == "abcdef"
    assert needs.toPlainText() == "abcdef"


def test_ctrl_z_in_the_search_box_reaches_the_app(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    grade = window.file_view.profile.form.bindings["grade"][0]
    grade.setText("五年级")
    qtbot.keyClick(grade, Qt.Key.Key_Return)
    window.student_list.search_field.setFocus()
    qtbot.keyClick(window.student_list.search_field, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.services.students.get(student.id).grade == "三年级"


def test_a_busy_database_keeps_the_typed_text(window_with_students, qtbot, monkeypatch):
    window = window_with_students
    student = select_student(window, "张小明")
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    update = window.services.students.update

    def busy(*args, **kwargs):
        raise StorageError(BUSY)

    monkeypatch.setattr(window.services.students, "update", busy)
    needs, holder = window.file_view.profile.form.bindings["needs"][:2]
    type_text(needs, "课间需要提醒喝水")
    needs.flush()
    assert messages == [BUSY_ZH]
    assert needs.toPlainText() == "课间需要提醒喝水"  # not wiped by a reload
    monkeypatch.setattr(window.services.students, "update", update)
    needs.flush()
    assert window.services.students.get(student.id).needs == "课间需要提醒喝水"


def test_a_refused_value_stays_when_another_field_saves(window_with_students, qtbot):
    window = window_with_students
    select_student(window, "张小明")
    form = window.file_view.profile.form.bindings
    birth, holder = form["birth_date"][:2]
    birth.setText("2016-02-30")
    qtbot.keyClick(birth, Qt.Key.Key_Return)
    grade = form["grade"][0]
    grade.setText("四年级")
    qtbot.keyClick(grade, Qt.Key.Key_Return)
    assert birth.text() == "2016-02-30" and holder.has_error()


def test_undo_steps_still_work_after_a_removal_is_undone(window_with_students, qtbot,
                                                         monkeypatch):
    window = window_with_students
    student = select_student(window, "张小明")
    students = window.services.students
    family = window.file_view.family

    def fill(dialog):
        type_text(dialog.name, "李梅")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    family.guardians.add_button.click()
    (guardian,) = students.get(student.id).guardians

    def phone(dialog):
        dialog.phone.setText("13800000009")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    family.guardians.table.selectRow(0)
    when_dialog_opens(qtbot, phone)
    family.guardians.edit_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    family.guardians.table.selectRow(0)
    family.guardians.remove_button.click()
    assert students.get(student.id).guardians == []
    errors = []
    window.editing.failed.connect(errors.append)
    window.actions_by_name["undo"].trigger()  # the removal
    assert [g.phone for g in students.get(student.id).guardians] == ["13800000009"]
    window.actions_by_name["undo"].trigger()  # the phone edit
    assert [g.phone for g in students.get(student.id).guardians] == [""]
    window.actions_by_name["undo"].trigger()  # the addition
    assert students.get(student.id).guardians == [] and errors == []
    assert guardian.id  # the same entry all along


def test_a_change_saved_in_another_window_is_not_overwritten(window_with_students, qtbot,
                                                            data_paths):
    window = window_with_students
    student = select_student(window, "张小明")
    other = Services(window.services.store)
    other.students.update(student.id, {"needs": "其他老师写的内容"})
    needs, holder = window.file_view.profile.form.bindings["needs"][:2]
    seen = {}

    def both_versions(dialog):
        # Refused: nothing of this teacher's was written yet, and both texts are shown.
        seen["saved"] = window.services.students.get(student.id).needs
        seen["texts"] = (dialog.theirs.toPlainText(), dialog.mine.toPlainText())
        seen["under the field"] = holder.error.text()
        dialog.save_mine.click()  # knowingly, on top of the newer file

    when_dialog_opens(qtbot, both_versions)
    type_text(needs, "座位靠前")
    needs.flush()
    assert seen["saved"] == "其他老师写的内容"
    assert seen["texts"] == ("其他老师写的内容", "座位靠前")  # the teacher's text is kept
    assert seen["under the field"].startswith("您编辑期间，别人修改了这份档案。")
    assert window.services.students.get(student.id).needs == "座位靠前"
    assert not holder.has_error()


def test_a_busy_database_keeps_a_dialog_open(window_with_students, qtbot, monkeypatch):
    window = window_with_students
    select_student(window, "张小明")
    students = window.services.students
    monkeypatch.setattr(students, "add_guardian",
                        lambda *a, **k: (_ for _ in ()).throw(StorageError(BUSY)))
    seen = {}
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: seen.setdefault(
        "message", text))

    def fill(dialog):
        type_text(dialog.name, "李梅")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        when_dialog_opens(qtbot, lambda again: (seen.setdefault("kept", again.name.text()),
                                                again.reject()))

    when_dialog_opens(qtbot, fill)
    window.file_view.family.guardians.add_button.click()
    assert (seen["kept"], seen["message"]) == ("李梅", BUSY_ZH)


def test_retrying_a_new_file_makes_one_new_school(window, qtbot):
    dialog = NewStudentDialog(window.services, window)
    qtbot.addWidget(dialog)
    type_text(dialog.school.lineEdit(), "城东小学")
    for _attempt in range(3):
        dialog.save()  # no name yet: refused
    type_text(dialog.full_name, "李想")
    dialog.save()
    assert [s.name for s in window.services.schools.list_schools()] == ["城东小学"]


def test_dialog_fields_have_accessible_names(window_with_students, qtbot):
    window = window_with_students
    select_student(window, "张小明")
    names = {}

    def read(dialog):
        for key, holder in dialog.holders.items():
            names[key] = QAccessible.queryAccessibleInterface(holder.field).text(
                QAccessible.Text.Name)
        dialog.reject()

    when_dialog_opens(qtbot, read)
    window.file_view.family.guardians.add_button.click()
    assert names["name"] == "姓名" and names["phone"] == "电话" and all(
        names[k] for k in ("relationship_", "workplace", "note"))


def test_an_unknown_code_survives_a_save_of_the_form(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    with window.services.store.session() as s:  # as a file from a newer version might hold
        s.execute(__import__("sqlalchemy").text(
            "UPDATE student SET status = 'suspended' WHERE id = :id"), {"id": student.id})
    window.file_view.open_student(student.id)
    window.file_view.reload()
    select_student(window, "王小红")  # switching saves every field of the first file
    assert window.services.students.get(student.id).status == "suspended"


def test_undo_brings_back_a_file_hidden_by_the_search(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    grade = window.file_view.profile.form.bindings["grade"][0]
    grade.setText("五年级")
    qtbot.keyClick(grade, Qt.Key.Key_Return)
    type_text(window.student_list.search_field, "王小红")
    assert window.student_list.model.row_of(student.id) == -1  # hidden by the search
    window.actions_by_name["undo"].trigger()
    assert window.file_view.student.id == student.id
    assert window.file_view.profile.form.bindings["grade"][0].text() == "三年级"


def test_a_busy_database_keeps_the_new_student_dialog_and_its_text(window, qtbot,
                                                                   monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(window.services.students, "create",
                        lambda *a, **k: (_ for _ in ()).throw(StorageError(BUSY)))
    dialog = NewStudentDialog(window.services, window)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "李思远")
    dialog.save()
    assert shown == [BUSY_ZH]
    assert dialog.created_id is None and dialog.full_name.text() == "李思远"
