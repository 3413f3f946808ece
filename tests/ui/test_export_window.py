"""Exporting from the window: the open student's plan for the family as PDF and Word in
a remembered folder, the list's caseload summary, and the print preview."""
from __future__ import annotations

from docx import Document as read_docx

from iep_studio.core.file_names import clean
from iep_studio.ui.qt import QApplication, QDialogButtonBox, QPrintPreviewDialog

from .conftest import when_dialog_opens


def test_the_family_version_exported_as_pdf_and_word_into_a_remembered_folder(
        window, team, complete_plan, qtbot, tmp_path):
    window.reload_students()
    window.student_list.select(team.student.id)
    out = tmp_path / "给家长"
    seen = []

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("parent"))
        dialog.pdf.setChecked(True)
        dialog.docx.setChecked(True)
        dialog.folder.setText(str(out))
        when_dialog_opens(qtbot, lambda box: (seen.append(box.text()), box.accept()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, fill)
    window.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert sorted(p.name for p in out.iterdir()) == [
        "张小明_0001_家长版计划_zh_CN.docx", "张小明_0001_家长版计划_zh_CN.pdf"]
    assert "2 documents written" in seen[0] or "已写入 2 份文档" in seen[0]
    word = read_docx(str(out / "张小明_0001_家长版计划_zh_CN.docx"))
    assert word.paragraphs[0].text == "张小明的学习计划（家长版）"

    def check_remembered(dialog):
        assert dialog.kind.currentData() == "parent" and dialog.folder.text() == str(out)
        assert dialog.pdf.isChecked() and dialog.docx.isChecked()
        dialog.reject()
    when_dialog_opens(qtbot, check_remembered)
    window.actions_by_name["export"].trigger()


def test_nothing_to_write_is_said_in_the_dialog_not_by_writing_nothing(
        window, team, complete_plan, qtbot, tmp_path):
    window.reload_students()
    window.student_list.select(team.student.id)

    def fill(dialog):
        dialog.pdf.setChecked(False)
        dialog.docx.setChecked(False)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.isVisible() and dialog.problem.text()
        dialog.reject()
    when_dialog_opens(qtbot, fill)
    window.actions_by_name["export"].trigger()


def test_the_print_preview_shows_the_chosen_document(window, team, complete_plan, qtbot):
    window.reload_students()
    window.student_list.select(team.student.id)
    shown = []

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("iep"))

        def close_preview(preview):
            assert isinstance(preview, QPrintPreviewDialog)
            shown.append(preview.windowTitle())
            preview.reject()
            QApplication.processEvents()
            dialog.reject()
        when_dialog_opens(qtbot, close_preview)
        dialog.preview_button.click()
    when_dialog_opens(qtbot, fill)
    window.actions_by_name["export"].trigger()
    assert shown == ["个别化教育计划（IEP）"]


def test_the_schools_logo_and_template_are_chosen_in_settings_and_kept(
        window, qtbot, data_paths, tmp_path):
    from iep_studio.core.settings import Settings

    def fill(dialog):
        dialog.logo.setText(str(tmp_path / "logo.png"))
        dialog.template.setText(str(tmp_path / "letterhead.docx"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, fill)
    window.actions_by_name["document_settings"].trigger()
    saved = Settings.load(data_paths.settings_file)
    assert saved.document_logo == str(tmp_path / "logo.png")
    assert saved.word_template == str(tmp_path / "letterhead.docx")


def test_the_planners_week_and_a_units_lesson_plan_are_exported(
        window, team, qtbot, tmp_path):
    services = window.services
    services.planner.add_session("2026-11-18", starts="09:00", title="握笔练习",
                                 student_ids=[team.student.id])
    window.reload_students()
    window.actions_by_name["planner"].trigger()
    planner = window.rhythm_desk.planner
    done = []

    def fill(dialog):
        assert not dialog.kind.isVisible() and not dialog.who.isVisible()
        dialog.pdf.setChecked(True)
        dialog.docx.setChecked(False)
        dialog.folder.setText(str(tmp_path))
        when_dialog_opens(qtbot, lambda box: (done.append(box.text()), box.accept()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, fill)
    planner.actions_by_name["export_week"].trigger()
    qtbot.waitUntil(lambda: bool(done))
    assert (tmp_path / "资源教室周计划_2026-11-16_zh_CN.pdf").exists()

    window.open_library()
    library = window.library_window
    library.units.setCurrentRow(0)
    title = library.current_entry().unit.title.get("zh_CN")
    done.clear()
    when_dialog_opens(qtbot, fill)
    library.plan_button.click()
    qtbot.waitUntil(lambda: bool(done))
    # Named by the unit's title, as teachers know it, not by its id.
    assert (tmp_path / f"教案_{clean(title)}_zh_CN.pdf").exists()


def test_a_lesson_as_given_is_exported_from_the_students_lessons(window, team, qtbot, tmp_path):
    from iep_studio.core.services.lessons import LessonPlace

    window.services.lessons.make_lesson("def-pencil-grip-fine-motor", "2026-11-18",
                                        [LessonPlace(team.student.id, adjustments="用握笔器")])
    window.reload_students()
    window.student_list.select(team.student.id)
    lessons = window.file_view.lessons
    window.file_view.tabs.setCurrentWidget(lessons)
    assert not lessons.plan_button.isEnabled()  # nothing chosen yet
    lessons.table.selectRow(0)
    done = []

    def fill(dialog):
        dialog.pdf.setChecked(False)
        dialog.docx.setChecked(True)
        dialog.folder.setText(str(tmp_path))
        when_dialog_opens(qtbot, lambda box: (done.append(box.text()), box.accept()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, fill)
    lessons.plan_button.click()
    qtbot.waitUntil(lambda: bool(done))
    word = read_docx(str(tmp_path / "教案_小手握好笔：三指握笔与运笔控制_2026-11-18_zh_CN.docx"))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "张小明" in cells and "用握笔器" in cells


def test_leaving_the_caseload_summary_gives_back_this_student_only(
        window, team, complete_plan, qtbot):
    window.reload_students()
    window.student_list.select(team.student.id)

    def fill(dialog):
        assert dialog.who.currentData() == "one"
        dialog.kind.setCurrentIndex(dialog.kind.findData("caseload"))
        assert dialog.who.currentData() == "list"
        dialog.kind.setCurrentIndex(dialog.kind.findData("iep"))
        assert dialog.who.currentData() == "one"
        dialog.reject()
    when_dialog_opens(qtbot, fill)
    window.actions_by_name["export"].trigger()
