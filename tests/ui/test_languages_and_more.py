"""Both languages, Qt's own buttons, accessible names, team and placement changes."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from iep_studio.core.paths import resource_dir
from iep_studio.ui.qt import QAccessible, QDialogButtonBox, QMessageBox, Qt

from .conftest import type_text, when_dialog_opens
from .test_student_files_window import select_student


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_chinese_window_and_qt_buttons(window, qtbot):
    assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "教学(&T)", "设置(&S)", "帮助(&H)"]
    assert window.actions_by_name["new_student"].text() == "新建学生档案(&N)…"
    assert window.file_view.tabs.tabText(0) == "基本信息(&P)"
    seen = {}

    def read_buttons(dialog):
        box = dialog.findChild(QDialogButtonBox)
        seen["ok"] = box.button(QDialogButtonBox.StandardButton.Ok).text()
        seen["cancel"] = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        dialog.reject()

    when_dialog_opens(qtbot, read_buttons)
    window.actions_by_name["new_student"].trigger()
    assert (seen["ok"], seen["cancel"]) == ("确定", "取消")


def test_english_window(open_window, qtbot):
    window = open_window("en")
    assert menu_titles(window) == ["&File", "&Edit", "&Teaching", "&Settings", "&Help"]
    assert window.student_list.category_filter.itemText(1) == "Autism"
    school = window.services.schools.create_school("Riverside Primary")
    student = window.services.students.create(
        school.id, "Anna Li", birth_date="2016-05-12",
        categories=[("autism", "moderate"), ("speech", "")])
    window.reload_students()
    window.student_list.select(student.id)
    assert window.student_list.model.index(0, 3).data() == "Autism, Speech impairment"
    assert window.file_view.profile.categories_label.text() == (
        "Autism (moderate), Speech impairment")
    assert "age 10" in window.file_view.header.text()


def test_every_string_is_translated():
    tree = ElementTree.parse(resource_dir() / "translations" / "iep_studio_zh_CN.ts")
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_fields_have_names_for_screen_readers(window_with_students):
    select_student(window_with_students, "张小明")
    form = window_with_students.file_view.profile.form.bindings
    for field in ("full_name", "birth_date", "needs"):
        widget = form[field][0]
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        assert name, field
    search = window_with_students.student_list.search_field
    assert QAccessible.queryAccessibleInterface(search).text(QAccessible.Text.Name) == "搜索学生"


def test_add_a_new_person_to_the_team(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")

    def fill(dialog):
        type_text(dialog.person.lineEdit(), "周老师")
        dialog.role.set_value("head_teacher")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    window.file_view.team.members.add_button.click()
    team = window.services.students.get(student.id).team
    assert [m.role for m in team] == ["head_teacher"]
    assert window.file_view.team.members.table.item(0, 1).text() == "班主任"
    # A member's role and phone are changed where they are listed; undo puts them back.
    def change(dialog):
        assert not dialog.person.isVisible()  # the person stays; what they do changes
        dialog.role.set_value("subject_teacher")
        type_text(dialog.phone, "13800000009")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, change)
    table = window.file_view.team.members.table
    table.selectRow(0)
    window.file_view.team.members.edit_button.click()
    assert (table.item(0, 1).text(), table.item(0, 3).text()) == ("学科教师", "13800000009")
    window.actions_by_name["undo"].trigger()
    assert window.services.students.get(student.id).team[0].role == "head_teacher"
    window.actions_by_name["undo"].trigger()
    assert window.services.students.get(student.id).team == []


def test_change_placement_then_undo(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")

    def fill(dialog):
        dialog.placement.setCurrentIndex(dialog.placement.findData("special_class"))
        dialog.start.setText("2026-09-01")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    window.file_view.profile.change_placement.click()
    placements = window.services.students.get(student.id).placements
    assert [p.placement for p in placements][-1] == "special_class"
    assert "普通学校特教班" in window.file_view.profile.placement_label.text()
    assert window.student_list.model.summary(
        window.student_list.model.row_of(student.id)).placement == "special_class"
    window.actions_by_name["undo"].trigger()
    placements = window.services.students.get(student.id).placements
    assert [(p.placement, p.end_date) for p in placements] == [
        ("regular_class_resource_room", None)]


def test_first_run_offers_the_demo_once(open_window, qtbot, monkeypatch, data_paths):
    from iep_studio.ui.app import offer_demo

    window = open_window()
    window.context.settings.demo_offered = False
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(1) or QMessageBox.StandardButton.Yes)
    offer_demo(window)
    assert asked == [1]
    assert window.student_list.model.rowCount() >= 8
    offer_demo(window)
    assert asked == [1]  # not asked again


def test_translations_are_compiled_again_only_when_their_source_changes(tmp_path, monkeypatch):
    """A teacher who updates the app sees the new Chinese wording at the next start, and a
    start without an update does not wait for the compiler."""
    import os
    import shutil

    from iep_studio.ui import i18n
    from iep_studio.ui.qt import QTranslator

    folder = tmp_path / "translations"
    folder.mkdir()
    source = folder / "iep_studio_zh_CN.ts"
    shutil.copy(i18n.ts_file("zh_CN"), source)
    monkeypatch.setattr(i18n, "ts_file", lambda language: folder / f"iep_studio_{language}.ts")
    cache = tmp_path / "cache"

    first = i18n.compiled_qm("zh_CN", cache)
    assert first is not None and QTranslator().load(str(first))
    compiled_at = first.stat().st_mtime_ns
    assert i18n.compiled_qm("zh_CN", cache) == first
    assert first.stat().st_mtime_ns == compiled_at  # reused, not compiled again

    source.write_text(source.read_text(encoding="utf-8").replace(
        "<translation>学生</translation>", "<translation>学生们</translation>", 1),
        encoding="utf-8")
    os.utime(source, ns=(compiled_at + 10**9, compiled_at + 10**9))
    second = i18n.compiled_qm("zh_CN", cache)
    assert second is not None and second != first
    assert not first.exists()  # the stale one is removed
    assert [p.name for p in cache.iterdir()] == [second.name]


def test_esc_after_typing_asks_before_the_text_is_thrown_away(window, qtbot, monkeypatch):
    from iep_studio.ui.student_file.family_tab import GuardianDialog

    asked, answers = [], [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *_a: (asked.append(text),
                                                            answers.pop(0))[1])
    untouched = GuardianDialog({})
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and asked == []  # nothing typed: nothing to ask

    dialog = GuardianDialog({})
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "林芳")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name.text() == "林芳"  # "keep typing"
    assert asked == ["放弃在此窗口中输入的内容吗？"]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and len(asked) == 2  # "throw it away"


def test_an_empty_copy_greets_a_new_teacher_with_what_to_do_first(window, qtbot):
    window.show_home()
    home = window.home
    assert home.first_steps.isVisible() and not home.list.isVisible()
    assert home.demo_button.isVisible()  # a personal copy may show the made-up school
    opened = []
    when_dialog_opens(qtbot, lambda dialog: (opened.append(dialog.windowTitle()),
                                             dialog.reject()))
    home.new_student_button.click()
    assert opened == ["新建学生档案"]
    home.demo_button.click()  # the demo school, then its reminders instead
    assert not home.first_steps.isVisible() and home.list.isVisible()
    assert window.student_list.visible_count() >= 8


def test_the_school_is_shown_and_changed_on_the_profile(window_with_students, qtbot):
    window = window_with_students
    other = window.services.schools.create_school("城北中学")
    student = select_student(window, "张小明")
    school = window.file_view.profile.school
    assert school.currentText() == "城南小学"
    index = school.findData(other.id)
    school.setCurrentIndex(index)
    school.activated.emit(index)  # chosen as a teacher chooses it
    assert window.services.students.get(student.id).school_id == other.id
    window.actions_by_name["undo"].trigger()
    assert window.file_view.profile.school.currentText() == "城南小学"
