"""From referral to placement in the window: a file begun before placement, a step recorded
through the file's Intake part with the status line following and Ctrl+Z taking it back,
and the district's steps changed by an administrator only."""
from __future__ import annotations

from iep_studio.core.access import Actor
from iep_studio.ui.overview.intake_steps_dialog import IntakeStepsDialog
from iep_studio.ui.qt import QApplication, QDialogButtonBox, QEvent, Qt
from iep_studio.ui.student_file.new_student_dialog import NewStudentDialog

from .conftest import press_ok, type_text, when_dialog_opens
from .test_overview_window import open_overview


def child_in_referral(window):
    services = window.services
    school = services.schools.create_school("城南小学")
    child = services.students.create(school.id, "陈小雨", grade="一年级", class_name="3班")
    services.intake.record(child.id, "referral", "2026-09-05", "刘老师",
                           note="附两个学期的观察记录")
    services.intake.record(child.id, "screening", "2026-10-12", "王丽")
    window.reload_students()
    window.student_list.select(child.id)
    view = window.file_view
    view.tabs.setCurrentWidget(view.intake)
    return child, view.intake


def keyboard_back_to(window, qtbot) -> None:
    """The closed dialog gone and the window given the keyboard, as a teacher's system
    gives it back (the offscreen platform leaves no window active after a dialog)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def cells(tab, row: int) -> list[str]:
    return [tab.table.table.item(row, column).text() for column in range(4)]


def test_a_missing_step_is_recorded_and_ctrl_z_takes_it_back(window, qtbot):
    child, tab = child_in_referral(window)
    assert "已筛查" in tab.where.text() and "家长书面同意" in tab.where.text()
    assert "医院诊断" in tab.where.text()
    assert cells(tab, 1)[0] == "家长书面同意" and cells(tab, 1)[1] == tab.tr("Missing")
    assert cells(tab, 0) == ["班主任转介", "2026-09-05", "刘老师", "附两个学期的观察记录"]

    asked = {}

    def record(dialog):
        asked["step"] = dialog.step.currentText()
        asked["date"] = dialog.done_on.text()
        asked["hint"] = dialog.hint.text()
        dialog.done_on.setText("2026-09-20")
        type_text(dialog.done_by, "王丽")
        type_text(dialog.note, "母亲签署知情同意书")
        press_ok(dialog)

    when_dialog_opens(qtbot, record)
    tab.table.table.selectRow(1)  # the missing consent, chosen and opened
    assert not tab.table.remove_button.isEnabled()  # nothing there to remove
    tab.table.edit_button.click()
    assert asked == {"step": "家长书面同意", "date": "2026-11-22",
                     "hint": "向监护人说明筛查与评估的目的和流程，取得签字的知情同意书。"}
    assert [r.step_key for r in window.services.intake.for_student(child.id)] == [
        "referral", "consent", "screening"]
    assert cells(tab, 1) == ["家长书面同意", "2026-09-20", "王丽", "母亲签署知情同意书"]
    assert "家长书面同意" not in tab.where.text() and "已筛查" in tab.where.text()

    keyboard_back_to(window, qtbot)
    window.student_list.table.setFocus()
    qtbot.keyClick(window.student_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.step_key for r in window.services.intake.for_student(child.id)] == [
        "referral", "screening"]
    assert "家长书面同意" in tab.where.text()
    assert cells(tab, 1)[1] == tab.tr("Missing")


def test_a_new_step_starts_at_the_next_one_today_by_me(open_window, team, qtbot):
    window = open_window()
    window.services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    child, tab = child_in_referral(window)
    asked = {}

    def look(dialog):
        asked.update(step=dialog.step.value(), date=dialog.done_on.text(),
                     by=dialog.done_by.text())
        press_ok(dialog)

    when_dialog_opens(qtbot, look)
    tab.table.add_button.click()
    assert asked == {"step": "diagnosis", "date": "2026-11-22", "by": "陈校长"}
    assert window.services.intake.where(child.id, "zh").status == "已诊断"
    assert tab.where.text().startswith(tab.tr("Now: %1").replace("%1", "已诊断"))
    # The steps removed again, one by one: each asks first, each is undone by Ctrl+Z.
    tab.table.table.selectRow(3)
    when_dialog_opens(qtbot, lambda box: box.button(box.StandardButton.Yes).click())
    tab.table.remove_button.click()
    assert window.services.intake.where(child.id, "zh").status == "已筛查"
    window.actions_by_name["undo"].trigger()
    assert window.services.intake.where(child.id, "zh").status == "已诊断"


def test_a_file_begins_before_placement(window, qtbot):
    def fill(dialog: NewStudentDialog):
        type_text(dialog.full_name, "陈小雨")
        type_text(dialog.school.lineEdit(), "城南小学")
        assert dialog.placement.itemText(0) == dialog.tr("Not placed yet (referral in progress)")
        dialog.placement.set_value("")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    window.actions_by_name["new_student"].trigger()
    view = window.file_view
    assert view.student.full_name == "陈小雨" and view.student.placements == []
    assert view.tr("not placed yet") in view.header.text()
    assert view.intake.where.text().startswith(
        view.intake.tr("Now: %1").replace("%1", "尚无步骤记录"))
    overview = open_overview(window, qtbot)
    overview.counts.choose("process")
    assert overview.counts.model.rows[1].cells == ("尚无步骤记录", 1)
    overview.counts.choose("placement")
    assert ("未填写", 1) in [row.cells for row in overview.counts.model.rows]


def test_an_administrator_changes_the_districts_steps(window, qtbot):
    settings = open_overview(window, qtbot).settings

    def change(dialog: IntakeStepsDialog):
        assert dialog.table.rowCount() == 7 and not dialog.read_only_note.isVisibleTo(dialog)
        dialog.table.item(0, 0).setText("班主任提出转介")
        dialog.table.setCurrentCell(4, 0)  # the committee: no longer followed
        dialog.remove_button.click()
        dialog.add_step()
        row = dialog.table.rowCount() - 1
        dialog.table.item(row, 0).setText("入户了解")
        dialog.table.item(row, 2).setText("已家访")
        dialog.move(-1)
        press_ok(dialog)

    when_dialog_opens(qtbot, change, kind=IntakeStepsDialog)
    settings.intake_steps_button.click()
    steps = window.services.intake.steps()
    assert [s.name("zh") for s in steps] == ["班主任提出转介", "家长书面同意", "学校筛查与分析",
                                             "医院诊断", "确定安置形式", "入户了解",
                                             "落实责任教师"]
    assert steps[5].status("zh") == "已家访"


def test_the_steps_are_read_only_for_everyone_else(open_window, team, qtbot):
    window = open_window()
    window.services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    dialog = IntakeStepsDialog(window.services, window)
    qtbot.addWidget(dialog)
    assert dialog.read_only_note.isVisibleTo(dialog)
    assert not any(b.isVisibleTo(dialog) for b in (dialog.add_button, dialog.up_button,
                                                   dialog.down_button, dialog.remove_button))
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    assert dialog.table.rowCount() == 7
