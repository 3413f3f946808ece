"""The guidance tab (个案指导) as a resource teacher and a district coordinator use it."""
from __future__ import annotations

from datetime import date

from iep_studio.core.services.search import load_summaries
from iep_studio.ui.admin.sign_in import sign_in_at_start
from iep_studio.ui.student_file.guidance_tab import GuidanceDialog

from .conftest import press_ok, type_text, when_dialog_opens
from .test_student_files_window import select_student


def open_guidance(window):
    view = window.file_view
    view.tabs.setCurrentWidget(view.guidance)
    return view.guidance


def test_a_note_is_added_through_its_form_and_undone(window_with_students, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    tab = open_guidance(window)
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, GuidanceDialog)
        seen["date"] = dialog.given_on.text()
        seen["occasions"] = [dialog.occasion.itemText(i) for i in range(dialog.occasion.count())]
        dialog.occasion.setCurrentIndex(0)
        type_text(dialog.given_by, "周老师")
        type_text(dialog.seen, "课间独自在走廊")
        type_text(dialog.guidance, "安排同伴陪伴，课间一起游戏")
        dialog.follow_up_by.setText("2026-12-06")
        press_ok(dialog)

    when_dialog_opens(qtbot, fill)
    tab.table.add_button.click()
    assert seen["date"] == "2026-11-22"  # today, as the form opens
    assert seen["occasions"] == ["到校视导", "电话指导", "个案会议", "送教上门随访"]
    [note] = window.services.guidance.for_student(student.id)
    assert (note.given_by, note.occasion, note.follow_up_by) == (
        "周老师", "到校视导", date(2026, 12, 6))
    cells = [tab.table.table.item(0, c).text() for c in range(5)]
    assert cells == ["2026-11-22", "周老师", "到校视导", "安排同伴陪伴，课间一起游戏",
                     "2026-12-06"]
    window.actions_by_name["undo"].trigger()  # Ctrl+Z
    assert window.services.guidance.for_student(student.id) == []
    assert tab.table.table.rowCount() == 0


def test_a_note_without_guidance_stays_open_and_says_why(window_with_students, qtbot):
    window = window_with_students
    select_student(window, "张小明")
    tab = open_guidance(window)
    said = {}

    def first(dialog):
        when_dialog_opens(qtbot, again)
        press_ok(dialog)  # nothing written under 指导意见

    def again(dialog):  # the same form, back with what is wrong
        said["error"] = dialog.holders["guidance"].error.text()
        type_text(dialog.guidance, "继续使用视觉提示")
        press_ok(dialog)

    when_dialog_opens(qtbot, first)
    tab.table.add_button.click()
    assert said["error"] == "此项必填。"
    assert tab.table.table.rowCount() == 1


def test_a_coordinator_reads_the_file_and_writes_guidance_only(window_with_students, qtbot):
    window = window_with_students
    services = window.services
    school = services.schools.list_schools()[0]
    north = services.schools.create_school("城北小学")
    services.students.create(north.id, "王五")
    services.accounts.create_first("chen", "陈校长", password="secret-1")
    services.accounts.create("zhou", "周老师", "district_coordinator", "secret-2",
                             followed_schools=[school.id])

    def answer(dialog):
        dialog.username.setCurrentText("zhou")
        dialog.password.setText("secret-2")
        dialog.accept()

    when_dialog_opens(qtbot, answer)
    signed = sign_in_at_start(window, services, window.context.settings, lambda: None)
    window.attach(signed)
    services = window.services
    assert services.store.actor.role == "district_coordinator"
    listed = [window.student_list.model.summary(r).full_name
              for r in range(window.student_list.model.rowCount())]
    assert sorted(listed) == ["张小明", "王小红"]  # not 城北小学's 王五
    student = select_student(window, "张小明")
    view = window.file_view
    profile = view.profile.form.bindings
    assert profile["needs"][0].isReadOnly() and not profile["sex"][0].isEnabled()
    # No button that could only be refused: new files, other parts' entries, observations.
    assert not window.actions_by_name["new_student"].isEnabled()
    assert not window.actions_by_name["record_observations"].isEnabled()
    assert window.actions_by_name["overview"].isEnabled()
    assert view.behaviour.table.add_button.isHidden()
    assert view.family.guardians.add_button.isHidden()
    assert view.profile.change_placement.isHidden()
    assert view.plans.new_button.isHidden()
    tab = open_guidance(window)
    assert not tab.table.add_button.isHidden() and tab.table.add_button.isEnabled()

    def fill(dialog):
        assert dialog.given_by.text() == "周老师"  # the signed-in coordinator
        dialog.occasion.setCurrentText("电话指导")
        type_text(dialog.guidance, "与班主任商量座位调整")
        press_ok(dialog)

    when_dialog_opens(qtbot, fill)
    tab.table.add_button.click()
    [note] = services.guidance.for_student(student.id)
    assert (note.given_by, note.occasion, note.guidance) == (
        "周老师", "电话指导", "与班主任商量座位调整")
    assert [s.full_name for s in load_summaries(services.store)].count("王五") == 0
    # The note is the coordinator's: they may correct it; the school's resource teacher
    # reads it, with no button that would only be refused.
    tab.table.table.selectRow(0)
    assert tab.table.edit_button.isEnabled() and tab.table.remove_button.isEnabled()
    services.store.actor = None
    person = services.schools.create_person("王丽")
    services.students.add_team_member(student.id, person.id, "resource_teacher")
    teacher = services.accounts.create("wangli", "王丽", "resource_teacher", person_id=person.id)
    from iep_studio.core.services.accounts import actor_of

    services.store.actor = actor_of(teacher)
    tab.show_student(services.students.get(student.id))
    tab.table.table.selectRow(0)
    assert not tab.table.edit_button.isEnabled()
    assert not tab.table.remove_button.isEnabled()
    tab.table.edit_button.click()  # nothing opens
    assert services.guidance.for_student(student.id)[0].guidance == "与班主任商量座位调整"
