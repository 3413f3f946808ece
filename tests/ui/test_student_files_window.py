"""The window as a teacher uses it: make a file in Chinese, find it, edit, undo, reopen."""
from __future__ import annotations

from datetime import date

from iep_studio.ui.student_file.new_student_dialog import NewStudentDialog
from iep_studio.ui.qt import QApplication, QDialogButtonBox, QMessageBox, Qt

from .conftest import type_text, when_dialog_opens


def select_student(window, name: str):
    panel = window.student_list
    for row in range(panel.model.rowCount()):
        if panel.model.summary(row).full_name == name:
            panel.table.setCurrentIndex(panel.model.index(row, 0))
            return window.file_view.student
    raise AssertionError(f"{name} not in the list")


def test_create_a_student_typing_chinese(window, qtbot):
    filled = {}

    def fill(dialog: NewStudentDialog):
        type_text(dialog.full_name, "李思远")
        type_text(dialog.school.lineEdit(), "城南小学")
        type_text(dialog.grade, "二年级")
        dialog.birth_date.setText("2018-03-04")
        dialog.category.set_value("autism")
        filled["done"] = True
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    window.actions_by_name["new_student"].trigger()
    assert filled
    student = window.file_view.student
    assert student is not None and student.full_name == "李思远"
    assert (student.grade, student.birth_date) == ("二年级", date(2018, 3, 4))
    assert [c.category for c in student.categories] == ["autism"]
    assert window.student_list.model.rowCount() == 1
    assert window.file_view.profile.form.bindings["full_name"][0].text() == "李思远"


def test_new_student_dialog_keeps_text_and_shows_problems(window, qtbot):
    dialog = NewStudentDialog(window.services, window)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "李思远")
    dialog.birth_date.setText("2030-01-01")
    dialog.save()  # no school chosen, a future birth date
    assert dialog.result() == 0 and dialog.created_id is None
    assert dialog.holders["school_id"].error.text() == "请选择学生所在的学校。"
    assert "2030-01-01" in dialog.holders["birth_date"].error.text()
    assert dialog.full_name.text() == "李思远"  # nothing typed is lost


def test_search_finds_by_part_of_the_name(window_with_students, qtbot):
    panel = window_with_students.student_list
    type_text(panel.search_field, "小明")
    assert panel.model.rowCount() == 1 and panel.model.summary(0).full_name == "张小明"
    assert window_with_students.count_label.text() == "显示 1 名，共 2 名学生"  # as it narrows
    assert panel.no_match.isHidden()
    type_text(panel.search_field, "没有这个人")
    assert panel.model.rowCount() == 0 and not panel.no_match.isHidden()
    assert panel.no_match.text() == "没有符合的学生档案。清除搜索或筛选条件即可看到全部档案。"
    assert window_with_students.count_label.text() == "显示 0 名，共 2 名学生"
    panel.search_field.clear()
    assert panel.no_match.isHidden()
    type_text(panel.search_field, "小红")
    assert [panel.model.summary(r).full_name for r in range(panel.model.rowCount())] == ["王小红"]
    panel.search_field.clear()
    assert panel.model.rowCount() == 2
    assert window_with_students.count_label.text() == "显示 2 名，共 2 名学生"


def test_keyboard_only_find_and_open(window_with_students, qtbot):
    window = window_with_students
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.student_list.search_field
    qtbot.keyClicks(window.student_list.search_field, "zxm")
    qtbot.keyClick(window.student_list.search_field, Qt.Key.Key_Down)
    assert window.file_view.student.full_name == "张小明"


def test_edits_save_themselves_and_undo_restores(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "需要视觉提示卡")
    needs.flush()  # what leaving the field or a pause in typing does
    assert window.services.students.get(student.id).needs == "需要视觉提示卡"
    grade = window.file_view.profile.form.bindings["grade"][0]
    grade.selectAll()
    type_text(grade, "四年级")
    qtbot.keyClick(grade, Qt.Key.Key_Return)
    assert window.services.students.get(student.id).grade == "四年级"

    window.student_list.table.setFocus()
    qtbot.keyClick(window.student_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.services.students.get(student.id).grade == "三年级"
    assert grade.text() == "三年级"
    window.actions_by_name["undo"].trigger()
    assert window.services.students.get(student.id).needs == ""
    assert needs.toPlainText() == ""
    qtbot.keyClick(window.student_list.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.services.students.get(student.id).needs == "需要视觉提示卡"
    assert needs.toPlainText() == "需要视觉提示卡"


def test_bad_date_is_explained_next_to_the_field_and_kept(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    birth, holder = window.file_view.profile.form.bindings["birth_date"][:2]
    birth.setText("2016-02-30")
    qtbot.keyClick(birth, Qt.Key.Key_Return)
    assert "2016-02-30" in holder.error.text() and holder.error.isVisible()
    assert birth.text() == "2016-02-30"
    assert window.services.students.get(student.id).birth_date == date(2016, 5, 12)
    birth.setText("2016-02-28")
    qtbot.keyClick(birth, Qt.Key.Key_Return)
    assert not holder.error.isVisible()
    assert window.services.students.get(student.id).birth_date == date(2016, 2, 28)


def test_closing_and_reopening_keeps_every_edit_and_the_layout(window_with_students,
                                                               open_window, qtbot):
    window = window_with_students
    student = select_student(window, "王小红")
    form = window.file_view.profile.form.bindings
    type_text(form["interests"][0], "喜欢画画和唱歌")  # no pause, no focus change: close now
    window.file_view.tabs.setCurrentIndex(1)
    type_text(window.file_view.family.form.bindings["home_language"][0], "普通话")
    window.resize(761, 593)  # within the offscreen screen (800x800)
    window.splitter.setSizes([300, 455])
    sizes = window.splitter.sizes()
    window.close()

    again = open_window()
    assert again.file_view.student.id == student.id  # the last student is reopened
    saved = again.services.students.get(student.id)
    assert (saved.interests, saved.home_language) == ("喜欢画画和唱歌", "普通话")
    assert again.file_view.profile.form.bindings["interests"][0].toPlainText() == "喜欢画画和唱歌"
    assert (again.width(), again.height()) == (761, 593)
    assert again.splitter.sizes() == sizes


def test_archive_asks_first_and_can_be_undone(window_with_students, qtbot, monkeypatch):
    window = window_with_students
    student = select_student(window, "张小明")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: answers.pop(0))
    window.actions_by_name["archive_student"].trigger()
    assert not window.services.students.get(student.id).archived  # said No
    window.actions_by_name["archive_student"].trigger()
    assert window.services.students.get(student.id).archived
    assert window.student_list.model.rowCount() == 1  # archived files leave the list
    window.actions_by_name["undo"].trigger()
    assert not window.services.students.get(student.id).archived
    assert window.student_list.model.rowCount() == 2


def test_guardian_added_then_removed_and_brought_back(window_with_students, qtbot, monkeypatch):
    window = window_with_students
    student = select_student(window, "张小明")
    family = window.file_view.family

    def fill(dialog):
        type_text(dialog.name, "李梅")
        dialog.relationship.set_value("mother")
        dialog.phone.setText("13800000001")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    family.guardians.add_button.click()
    assert [g.name for g in window.services.students.get(student.id).guardians] == ["李梅"]
    assert family.guardians.table.item(0, 1).text() == "母亲"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    family.guardians.table.selectRow(0)
    family.guardians.remove_button.click()
    assert window.services.students.get(student.id).guardians == []
    window.actions_by_name["undo"].trigger()
    assert [g.phone for g in window.services.students.get(student.id).guardians] == ["13800000001"]


def test_assessment_with_a_future_date_keeps_the_dialog_open(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    seen = {}

    def fill(dialog):
        dialog.instrument.setCurrentText("C-PEP-3")
        dialog.assessed_on.setText("2027-01-01")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        when_dialog_opens(qtbot, fix)

    def fix(dialog):
        seen["error"] = dialog.holders["assessed_on"].error.text()
        dialog.assessed_on.setText("2026-10-08")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    window.file_view.assessments.list.add_button.click()
    assert "2027-01-01" in seen["error"]
    found = window.services.assessments.for_student(student.id)
    assert [(a.instrument, a.assessed_on) for a in found] == [("C-PEP-3", date(2026, 10, 8))]


def test_student_list_model_is_well_behaved(window_with_students, qtmodeltester):
    qtmodeltester.check(window_with_students.student_list.model)


def test_school_filter_appears_with_a_second_school(window_with_students, qtbot):
    window = window_with_students
    panel = window.student_list
    assert panel.school_filter.isHidden()
    other = window.services.schools.create_school("城北小学")
    window.services.students.create(other.id, "陈乐乐")
    window.reload_students()
    assert not panel.school_filter.isHidden()
    panel.school_filter.setCurrentIndex(panel.school_filter.findText("城北小学"))
    assert [panel.model.summary(r).full_name for r in range(panel.model.rowCount())] == ["陈乐乐"]


def test_switching_students_saves_pending_text_and_keeps_the_new_selection(
        window_with_students, qtbot):
    window = window_with_students
    first = select_student(window, "张小明")
    type_text(window.file_view.profile.form.bindings["needs"][0], "上课需要座位靠前")
    second = select_student(window, "王小红")  # before the pause in typing has passed
    assert window.services.students.get(first.id).needs == "上课需要座位靠前"
    assert window.student_list.current_id() == second.id
    assert window.file_view.student.id == second.id
    assert window.file_view.profile.form.bindings["needs"][0].toPlainText() == ""


def test_narrowing_and_widening_the_search_gives_the_same_as_a_fresh_search(
        window_with_students, qtbot):
    panel = window_with_students.student_list
    from iep_studio.core.student_index import StudentFilter, search

    for query in ("z", "zh", "zha", "zhang", "zhan", "x", "xiao", "xiao h", "xiao", ""):
        panel.search_field.setText(query)
        expected = [r.id for r in search(panel._all, StudentFilter(query=query))]
        assert [panel.model.summary(r).id for r in range(panel.model.rowCount())] == expected
