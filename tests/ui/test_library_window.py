"""The course-unit library in the window: browse, filter, search in Chinese, copy and
edit with live validation, import a folder with a bad file, make a lesson for two."""
from __future__ import annotations

from iep_studio.core.paths import course_units_dir
from iep_studio.ui.library.library_window import LibraryWindow
from iep_studio.ui.qt import QDialogButtonBox, QFileDialog, QMessageBox, Qt

from .conftest import type_text, when_dialog_opens

EXAMPLE_ID = "sustained-attention-listening"


def listed(library) -> list[str]:
    return [library.units.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(library.units.count())]


def open_library(window, qtbot) -> LibraryWindow:
    window.actions_by_name["course_library"].trigger()
    library = window.library_window
    qtbot.waitExposed(library)
    return library


def test_browse_filter_and_search_in_chinese(window, qtbot):
    library = open_library(window, qtbot)
    everything = listed(library)
    assert EXAMPLE_ID in everything and len(everything) == len(
        window.services.library.entries())
    library.kind.setCurrentIndex(library.kind.findData("deficit"))
    assert EXAMPLE_ID in listed(library)
    assert all(window.services.library.get(u).unit.kind == "deficit" for u in listed(library))
    library.kind.setCurrentIndex(library.kind.findData("situation"))
    assert EXAMPLE_ID not in listed(library)
    library.kind.setCurrentIndex(0)
    type_text(library.search_field, "持续注意")
    assert EXAMPLE_ID in listed(library)
    library.units.setCurrentRow(listed(library).index(EXAMPLE_ID))
    assert "听指令做动作" in library.preview.toPlainText()
    assert "拓展层" in library.preview.toPlainText()
    library.search_field.clear()
    type_text(library.search_field, "没有这样的单元内容")
    assert listed(library) == []
    assert "没有符合条件的单元" in library.preview.toPlainText()


def test_copy_then_edit_with_validation_as_you_type(window, qtbot):
    library = open_library(window, qtbot)
    library.units.setCurrentRow(listed(library).index(EXAMPLE_ID))
    assert not library.edit_button.isEnabled()  # shipped units are read-only
    seen = {}

    def edit(editor):
        form = editor.form
        form.duration.setValue(5)  # the form: what a teacher uses
        type_text(form.title_text.zh, "改编")
        editor.check()
        seen["problem"] = editor.problems.item(0).text()
        seen["save_enabled"] = editor.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        form.duration.setValue(45)
        first_step = form.steps.items[0]
        first_step.levels[3][0].set_value({})  # the extension level's task, both languages
        first_step.changed.emit()
        editor.check()
        seen["step_problem"] = editor.problems.item(0).text()
        first_step.levels[3][0].set_value({"zh": "学生听到自己名字举手，听到同桌名字拍手。"})
        editor.check()
        seen["preview"] = editor.preview.toPlainText()
        # The file text shows the same unit; a broken line is reported with its number.
        editor.views.setCurrentWidget(editor.text)
        text = editor.text.toPlainText()
        assert "duration_minutes: 45" in text
        editor.text.setPlainText(text.replace("duration_minutes: 45", "duration_minutes: [", 1))
        editor.check()
        seen["line"] = editor.problems.item(0).text()
        editor.text.setPlainText(text.replace("sessions: 6", "sessions: 8", 1))
        editor.views.setCurrentWidget(editor.form)  # back to the form, carrying the change
        seen["sessions"] = editor.form.sessions.value()
        editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, edit)
    library.duplicate_button.click()
    copy_id = f"{EXAMPLE_ID}-copy"
    assert seen["problem"] == "每次时长: 5 太小了，至少为 10。"
    assert seen["save_enabled"] is False
    assert seen["step_problem"] == "教学步骤 1 › 分层 3 › 任务: 请用中文（zh）或英文（en）填写，或两者都填。"
    assert "听指令做动作：延长持续注意时间（副本）改编" in seen["preview"]
    assert seen["line"].startswith("第 ") and "YAML" in seen["line"]
    assert seen["sessions"] == 8
    saved = window.services.library.get(copy_id).unit
    assert (saved.duration_minutes, saved.sessions) == (45, 8)
    assert saved.title.zh.endswith("改编")
    assert len(saved.steps) == 5 and all(len(step.levels) == 3 for step in saved.steps)
    assert library.current_id() == copy_id
    assert library.edit_button.isEnabled()


def test_import_a_folder_with_one_bad_file(window, qtbot, monkeypatch, tmp_path):
    source = (course_units_dir() / "deficit" / f"{EXAMPLE_ID}.yaml").read_text(encoding="utf-8")
    (tmp_path / "good.yaml").write_text(source.replace(EXAMPLE_ID, "my-attention-unit"),
                                        encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    reports = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: reports.append(text))
    library = open_library(window, qtbot)
    library.import_button.click()
    assert "my-attention-unit" in listed(library)
    assert library.current_id() == "my-attention-unit"
    (report,) = reports
    assert report.startswith("已导入 1 个单元。")
    assert "bad.yaml:1: YAML 格式有误" in report


def test_make_a_lesson_for_two_students(window_with_students, qtbot):
    window = window_with_students
    services = window.services
    ids = {s.full_name: s.id for s in (services.students.get(r.id) for r in
                                       window.student_list._all)}
    library = open_library(window, qtbot)
    library.units.setCurrentRow(listed(library).index(EXAMPLE_ID))

    def fill(dialog):
        dialog.given_on.setText("2026-11-20")
        dialog.check_student(ids["张小明"], tier=1, adjustments="数字卡片放大")
        dialog.check_student(ids["王小红"], tier=3)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fill)
    library.lesson_button.click()
    lessons = services.lessons.for_student(ids["张小明"])
    assert len(lessons) == 1
    lesson = lessons[0]
    assert sorted((p.tier, p.adjustments) for p in lesson.students) == [(1, "数字卡片放大"),
                                                                      (3, "")]
    assert len(lesson.students[0].objectives) == 3
    window.student_list.select(ids["王小红"])
    window.file_view.tabs.setCurrentWidget(window.file_view.lessons)
    assert window.file_view.lessons.table.item(0, 0).text() == "2026-11-20"
    assert window.file_view.lessons.table.item(0, 2).text() == "拓展层"


def test_a_lesson_needs_a_student(window_with_students, qtbot):
    library = open_library(window_with_students, qtbot)
    library.units.setCurrentRow(listed(library).index(EXAMPLE_ID))
    seen = {}

    def fill(dialog):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        seen["error"] = dialog.students_error.text()
        dialog.reject()

    when_dialog_opens(qtbot, fill)
    library.lesson_button.click()
    assert seen["error"] == "请至少选择一名学生。"


def test_goal_bank_search_in_chinese_and_english(window, qtbot):
    library = open_library(window, qtbot)
    library.pages.setCurrentWidget(library.goal_bank)
    panel = library.goal_bank
    everything = len(panel.goal_ids())
    assert everything >= 300
    type_text(panel.search_field, "握笔")
    chinese = panel.goal_ids()
    assert 0 < len(chinese) < everything
    assert all("握笔" in window.services.library.shipped().goals[g].sentence("zh_CN")
               + window.services.library.shipped().goals[g].subdomain.zh for g in chinese)
    panel.search_field.clear()
    qtbot.keyClicks(panel.search_field, "pencil")
    assert set(panel.goal_ids()) & set(chinese)
    panel.search_field.clear()
    panel.domain.setCurrentIndex(panel.domain.findData("self_care"))
    panel.age_band.setCurrentIndex(panel.age_band.findData("3-6"))
    goals = [window.services.library.shipped().goals[g] for g in panel.goal_ids()]
    assert goals and all(g.domain.startswith("self_care") and g.age_band == "3-6" for g in goals)
    assert panel.count.text() == f"{len(goals)} 条目标"


def test_a_school_adds_its_own_apparatus_and_writes_a_unit_around_it(window, qtbot):
    """Library → 器材与情境 → 添加: the new apparatus is then offered by the library's
    filter and by the unit form of a copied unit."""
    from iep_studio.ui.library.apparatus_panel import CentreDialog

    library = open_library(window, qtbot)
    library.pages.setCurrentWidget(library.apparatus_panel)
    panel = library.apparatus_panel
    shipped_rows = panel.records.table.rowCount()
    table = panel.records.table
    rows = {table.item(r, 1).text(): [table.item(r, c).text() for c in range(5)]
            for r in range(shipped_rows)}
    # A shipped one shows what its units train and how many there are.
    assert "感知觉" in rows["大龙球"][2]
    assert int(rows["大龙球"][3]) >= 1 and rows["大龙球"][4] == "IEP Studio 自带"
    panel.records.table.selectRow(0)  # a shipped one: the app's, not to be changed
    assert not panel.records.edit_button.isEnabled()
    assert not panel.records.remove_button.isEnabled()

    def ok(dialog):
        return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)

    def taken_name(dialog: CentreDialog):
        type_text(dialog.name_zh, "大龙球")  # already in the list: said under the name
        ok(dialog).click()

    def fill(dialog: CentreDialog):  # the same dialog, still holding what was typed
        seen["kept"] = dialog.name_zh.text()
        seen["problem"] = dialog.holders["name_zh"].error.text()
        dialog.name_zh.clear()
        type_text(dialog.name_zh, "攀岩墙")
        type_text(dialog.name_en, "Climbing wall")
        dialog.domains.item(0).setCheckState(Qt.CheckState.Checked)
        type_text(dialog.safety_zh, "垫子铺满落地区。")
        ok(dialog).click()

    seen = {}
    when_dialog_opens(qtbot, taken_name)
    when_dialog_opens(qtbot, fill)
    panel.records.add_button.click()
    assert seen["kept"] == "大龙球"
    assert seen["problem"] == "“大龙球”已在列表中。请用那一项，或换个名称。"
    assert panel.records.table.rowCount() == shipped_rows + 1
    assert panel.records.current_id()  # the new one is chosen, at the top of the list
    assert [table.item(0, c).text() for c in (1, 2, 3)] == ["攀岩墙", "感知觉", "0"]
    assert panel.records.edit_button.isEnabled() and panel.records.remove_button.isEnabled()
    wall = window.services.unit_centres.own()[0]
    assert (wall.code, wall.domains) == ("climbing_wall", ("perception",))

    library.pages.setCurrentIndex(0)  # back to the units: the filter offers it
    assert library.apparatus.findData("climbing_wall") > 0
    library.units.setCurrentRow(listed(library).index(EXAMPLE_ID))

    def check_form(editor):
        seen["offered"] = editor.form.apparatus.findData("climbing_wall") >= 0
        editor.reject()

    when_dialog_opens(qtbot, check_form)
    library.duplicate_button.click()
    assert seen["offered"]
